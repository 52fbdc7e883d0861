"""Tests for sitrep.model: documents read back from their JSON as they were written."""

from __future__ import annotations

import json

from sitrep.model import DateValue, Document

import docfactory as fx


def test_every_factory_document_round_trips():
    for doc in fx.all_docs():
        again = Document.from_json(doc.to_json())
        assert again == doc
        assert again.to_json() == doc.to_json()


def test_json_types_are_kept_where_the_field_allows_them():
    data = fx.analysis().to_dict()
    fact = next(f for f in data["facts"] if f["value"])
    fact["value"]["low"], fact["confidence"] = 1500, 1
    event = data["events"][0]
    event["date"], event["surprise"] = None, "ignored"
    data["entities"][0]["geo"] = {"lat": 1.0, "lon": 2.0, "geonameid": None, "country_code": "PK"}
    doc = Document.from_dict(json.loads(json.dumps(data)))
    read = next(f for f in doc.facts if f.id == fact["id"])
    assert read.value.low == 1500 and isinstance(read.value.low, int)  # float | None: the integer stays
    assert read.confidence == 1.0 and isinstance(read.confidence, float)
    assert doc.events[0].date == DateValue()  # a null date is "no date known", as the default
    assert doc.entities[0].geo.geonameid is None and doc.entities[0].geo.feature == "place"
