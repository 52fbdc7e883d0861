"""An English and a Russian report of one incident, both stored: their actors and places are the same entities in
the store (issue 8), whether the knowledge base, the gazetteer or only the name (in Latin letters) links them, and
the report over both tells the incident once with both sources. The pairs are written for this test (fictional
incidents)."""

from __future__ import annotations

from functools import cache

import pytest

import sitrep
from sitrep.keys import entity_key
from sitrep.outputs.groups import group_events
from sitrep.store import open_store
from sitrep.store.listing import entity_groups

PAIRS = [
    pytest.param(
        "Gunmen opened fire on a traffic police post in Makhachkala on Sunday, killing two officers, the Interior "
        "Ministry said. Police later detained Magomed Omarov, a local official, over the attack.",
        "В воскресенье боевики обстреляли пост ДПС в Махачкале, погибли двое полицейских, сообщили в МВД. Позднее "
        "полиция задержала по делу о нападении местного чиновника Магомеда Омарова.",
        {"Makhachkala", "Magomed Omarov", "Ministry of Internal Affairs of Russia"},
        id="makhachkala",
    ),
    pytest.param(
        "A suicide bomber killed six people outside a ministry in Kabul on Tuesday. Islamic State Khorasan Province "
        "claimed the attack. Police said the bomber was Abdul Rahim Karimi, a student from Kunduz.",
        "Во вторник террорист-смертник убил шесть человек у здания министерства в Кабуле. Ответственность за теракт "
        "взяла на себя группировка «Вилаят Хорасан». По данным полиции, смертником был студент из Кундуза Абдул "
        "Рахим Карими.",
        {"Kabul", "Kunduz", "Islamic State – Khorasan Province", "Abdul Rahim Karimi"},
        id="kabul",
    ),
]


@cache
def pair(en: str, ru: str) -> tuple[sitrep.Document, sitrep.Document]:
    return (
        sitrep.analyze(en, published="2024-05-15", language="en", doc_id="en"),
        sitrep.analyze(ru, published="2024-05-15", language="ru", doc_id="ru"),
    )


@pytest.mark.parametrize(("en", "ru", "shared"), PAIRS)
def test_one_incident_in_two_languages_shares_its_entities_in_the_store(en, ru, shared, store_url) -> None:
    docs = pair(en, ru)
    with open_store(store_url) as store:
        for doc in docs:
            store.add(doc)
        groups = entity_groups(store.entity_rows())
    both = {g["name"] for g in groups if sorted(g["documents"]) == ["en", "ru"]}
    assert shared <= both, f"in one document only: {sorted(shared - both)}"


@pytest.mark.parametrize(("en", "ru", "shared"), PAIRS)
def test_the_person_named_in_cyrillic_has_the_key_of_the_latin_name(en, ru, shared) -> None:
    en_doc, ru_doc = pair(en, ru)
    persons = {entity_key(e): e for e in ru_doc.entities if e.type == "person"}
    for e in en_doc.entities:
        if e.type == "person" and e.origin == "ner":
            assert entity_key(e) in persons, (e.name, sorted(persons))
            assert persons[entity_key(e)].latin is not None


@pytest.mark.parametrize(("en", "ru", "shared"), PAIRS)
def test_a_report_over_both_tells_the_attack_once_with_both_sources(en, ru, shared) -> None:
    en_doc, ru_doc = pair(en, ru)
    lead = next(g for g in group_events([en_doc, ru_doc]) if (0, en_doc.events[0]) in g.members)
    assert lead.members == [(0, en_doc.events[0]), (1, ru_doc.events[0])]
    assert en_doc.events[0].type == ru_doc.events[0].type == "ASSAULT"
