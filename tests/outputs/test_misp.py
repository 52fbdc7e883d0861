"""Tests for sitrep.outputs.misp: MISP events built with pymisp, loaded back and checked against MISP's object
templates."""

from __future__ import annotations

import copy
import io
import json

import pytest

from sitrep.model import Document
from sitrep.outputs import export

import docfactory as fx

pymisp = pytest.importorskip("pymisp")


def events(docs=None) -> list[dict]:
    out = io.StringIO()
    n = export(fx.all_docs() if docs is None else docs, "misp", out)
    data = json.loads(out.getvalue())
    assert n == len(data["response"])
    return [e["Event"] for e in data["response"]]


def objects(event: dict, name: str) -> list[dict]:
    return [o for o in event["Object"] if o["name"] == name]


def values(obj: dict, relation: str) -> list:
    return [a["value"] for a in obj["Attribute"] if a["object_relation"] == relation]


def test_misp_one_event_per_document_that_pymisp_loads_and_the_templates_accept():
    found = events()
    assert [e["info"] for e in found] == [d.title for d in fx.all_docs()]
    for data in found:
        event = pymisp.MISPEvent()
        event.load({"Event": copy.deepcopy(data)})
        assert event.uuid == data["uuid"]
        for obj in event.objects:
            assert obj._validate()  # required attributes present, no repeated single-valued one
    assert found == events()  # the same export twice: the same UUIDs


def test_misp_event_carries_the_text_date_source_and_language():
    wire = events([fx.wire()])[0]
    assert (wire["date"], wire["distribution"], wire["analysis"]) == ("2024-03-23", "0", "2")
    assert wire["EventReport"][0]["content"] == fx.WIRE_TEXT.strip()  # pymisp strips it
    (report,) = objects(wire, "report")
    assert values(report, "link") == ["https://news.example.com/2024/03/23/crocus"]
    assert values(report, "type") == ["source: Example Wire"]
    assert {t["name"] for t in wire["Tag"]} == {"sitrep", 'sitrep:language="en"'}


def test_misp_actors_and_places_become_objects():
    analysis = events([fx.analysis()])[0]
    iskp = next(o for o in objects(analysis, "intrusion-set") if values(o, "name") == ["ISKP"])
    assert "ISIS-K" in values(iskp, "aliases")
    quetta = next(o for o in objects(analysis, "geolocation") if values(o, "text") == ["Quetta"])
    assert (values(quetta, "latitude"), values(quetta, "countrycode"), values(quetta, "city")) == (
        [30.1872], ["PK"], ["Quetta"])
    assert values(quetta, "region") == ["Balochistan"]
    assert [values(o, "full-name") for o in objects(analysis, "person")] == [["Sami Sadat"]]
    police = next(o for o in objects(analysis, "organization") if values(o, "name") == ["Pakistani police"])
    assert values(police, "type-of-organization") == ["security force"]


def test_misp_events_are_incidents_referencing_their_parties_with_the_evidence():
    wire = events([fx.wire()])[0]
    names = {o["uuid"]: (values(o, "name") + values(o, "text") + values(o, "full-name"))[0] for o in wire["Object"]
             if o["name"] != "report"}  # fmt: skip
    attack = next(o for o in objects(wire, "incident") if "concert-goers" in values(o, "name")[0])
    assert values(attack, "incident_type") == ["ASSAULT / firearms / Attack"]
    (description,) = values(attack, "description")
    assert "133 killed" in description and "140 injured" in description
    assert "modality: reported, according to Russian investigators" in description
    refs = {(r["relationship_type"], names[r["referenced_uuid"]]) for r in attack["ObjectReference"]}
    assert refs == {("attributed-to", "gunmen"), ("targets", "concert-goers"), ("claimed-by", "ISKP"),
                    ("located-at", "Crocus City Hall")}  # fmt: skip
    assert all(r["comment"].startswith("“Gunmen opened fire") for r in attack["ObjectReference"])
    assert attack["first_seen"].startswith("2024-03-22")


def test_misp_facts_are_references_or_annotations_quoting_who_says_so():
    analysis = events([fx.analysis()])[0]
    iskp = next(o for o in objects(analysis, "intrusion-set") if values(o, "name") == ["ISKP"])
    based = next(r for r in iskp["ObjectReference"] if r["relationship_type"] == "based-in")
    assert based["comment"].endswith("(hedged, according to Sami Sadat)")
    assert "based in Balochistan" in based["comment"]
    (note,) = objects(analysis, "annotation")
    assert values(note, "text") == ["ISKP: size: 1,500–5,000 fighters"]
    assert note["ObjectReference"][0]["referenced_uuid"] == iskp["uuid"]


def test_misp_hostile_text_stays_data():
    text = 'Gunmen <script>alert("x")</script> attacked the base.'
    (event,) = events([Document(id="x", text=text, title="<b>t</b>", language="en")])
    assert event["info"] == "<b>t</b>" and event["EventReport"][0]["content"] == text
