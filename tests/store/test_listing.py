"""Tests for sitrep.store.listing: pages of events, facts, documents and entities, filtered and sorted in SQL."""

from __future__ import annotations

import pytest

from sitrep.errors import ConfigError
from sitrep.store import open_store
from sitrep.store.listing import Query, entity_groups, row_key

import docfactory as fx


@pytest.fixture
def store(store_url):
    with open_store(store_url) as s:
        s.add_many(fx.all_docs())
        yield s


def keys(page) -> list[tuple[str, str]]:
    return [(doc.id, rec.id) for doc, rec in page.items]


def test_listing_events_sorted_by_date_newest_first_undated_last(store):
    page = store.event_page(Query())
    assert page.total == 6
    assert keys(page) == [("wire-crocus", "ev2"), ("ru-crocus", "ev1"), ("wire-crocus", "ev1"),
                          ("analysis-iskp", "ev1"), ("analysis-iskp", "ev2"), ("ru-crocus", "ev2")]  # fmt: skip
    assert keys(store.event_page(Query(sort="date", order="asc")))[:2] == [("analysis-iskp", "ev2"),
                                                                           ("analysis-iskp", "ev1")]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (Query(actor="ИГИЛ-К", sort="fatalities"), [("ru-crocus", "ev1"), ("analysis-iskp", "ev1"),
                                                    ("wire-crocus", "ev1"), ("analysis-iskp", "ev2")]),
        (Query(place="Russia", type="Arrests"), [("wire-crocus", "ev2")]),
        (Query(place="Quetta"), [("analysis-iskp", "ev2")]),
        (Query(type="ASSAULT", language="ru"), [("ru-crocus", "ev1")]),
        (Query(since="2024-03-23", until="2024-03"), [("wire-crocus", "ev2"), ("analysis-iskp", "ev1")]),  # March
        (Query(modality="reported", source="Example Wire", sort="id", order="asc"), [("wire-crocus", "ev1"),
                                                                                     ("wire-crocus", "ev2")]),
        (Query(actor="nobody"), []),
    ],
)  # fmt: skip
def test_listing_event_filters(store, query, expected):
    assert keys(store.event_page(query)) == expected


def test_listing_pages_count_all_and_return_one_page(store):
    first, second = store.event_page(Query(limit=4)), store.event_page(Query(limit=4, offset=4))
    assert (first.total, len(first.items), len(second.items)) == (6, 4, 2)
    assert not set(keys(first)) & set(keys(second))


def test_listing_facts_and_documents(store):
    assert keys(store.fact_page(Query(actor="Taliban"))) == [("analysis-iskp", "f8")]
    assert keys(store.fact_page(Query(type="travelled_via", place="Turkey"))) == [("analysis-iskp", "f5")]
    docs = store.document_page(Query(sort="published", order="asc"))
    assert [d.id for d in docs.items] == ["wire-crocus", "ru-crocus", "analysis-iskp"]
    assert [d.id for d in store.document_page(Query(actor="FSB")).items] == ["ru-crocus", "wire-crocus"]  # newest first


def test_listing_refuses_unknown_sort(store):
    with pytest.raises(ConfigError, match="cannot sort events by 'colour'"):
        store.event_page(Query(sort="colour"))


def test_listing_entity_groups_one_actor_across_documents(store):
    rows = store.entity_rows()
    groups = entity_groups(rows)
    iskp = next(g for g in groups if g["key"] == "kb:iskp")
    assert iskp["documents"] == ["analysis-iskp", "ru-crocus", "wire-crocus"]
    assert iskp["mentions"] == sum(len(e.mentions) for d in fx.all_docs() for e in d.entities if e.kb_id == "kb:iskp")
    assert {"ISIS-K", "ИГИЛ-К"} <= set(iskp["aliases"])
    assert [g["key"] for g in entity_groups(rows, q="игил")] == ["kb:iskp"]
    places = entity_groups(rows, places=True)
    assert all(g["type"] in ("country", "admin_area", "city", "location") for g in places)
    assert {row_key(r) for r in rows if r["name"] == "Sami Sadat"} == {"person:sami sadat:"}
