"""Tests for sitrep.outputs.groups: events grouped into incidents by sitrep.linking (or by the store's links),
entities merged across documents, deterministically."""

from __future__ import annotations

import dataclasses
import os
import random
import subprocess
import sys

import pytest

from sitrep.linking import link, reports_of
from sitrep.model import DateValue, Document, Entity, Event, Geo
from sitrep.outputs.groups import EventGroup, group_events, tally

import docfactory as fx

TEXT = "Kalat and Qalat were quiet; Kalat, also Qalat, was not."


def _docs() -> list[Document]:
    a = fx.place(TEXT, "p1", "Kalat", "city", 29.0, 66.6, "PK", geonameid=1)
    b = fx.place(TEXT, "p2", "Qalat", "city", 32.1, 66.9, "AF", geonameid=2)
    bridge = fx.place(TEXT, "p3", "Kalat", "city", 29.0, 66.6, "PK", aliases=["Qalat"])
    return [
        Document(id="d1", text=TEXT, entities=[a]),
        Document(id="d2", text=TEXT, entities=[b]),
        Document(id="d3", text=TEXT, entities=[bridge]),
    ]


def test_an_entity_sharing_keys_with_two_joins_the_earliest():
    tallies = tally(_docs(), places=True)
    by_name = {t.entity.name: t for t in tallies}
    assert by_name["Kalat"].sources == {0, 2}
    assert by_name["Qalat"].sources == {1}


def test_tally_does_not_depend_on_the_hash_seed():
    code = (
        "import sys; sys.path.insert(0, 'tests'); from outputs.test_groups import _docs; "
        "from sitrep.outputs.groups import tally; "
        "print([(t.entity.name, sorted(t.sources)) for t in tally(_docs(), places=True)])"
    )
    seen = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
        assert run.returncode == 0, run.stderr
        seen.add(run.stdout)
    assert len(seen) == 1


# -- group_events: sitrep.linking over the documents, or the store's links ------------------------------------


def members(groups: list[EventGroup]) -> list[list[tuple[int, str]]]:
    return [[(i, ev.id) for i, ev in g.members] for g in groups]


# name, type, aliases, kb_id, geonameid, country code, has coordinates
PLACES = [
    ("Quetta", "city", [], "geo:1167528", 1167528, "PK", True),
    ("Kalat", "city", ["Qalat"], None, 1, "PK", True),
    ("Qalat", "city", [], None, 2, "AF", True),
    ("Kalat", "city", [], None, None, "PK", False),  # the same name, no gazetteer match
    ("Kabul", "city", ["Kābul"], "geo:1138958", 1138958, "AF", True),
    ("Kabul Airport", "location", [], None, 1138958, "AF", True),  # shares a GeoNames id with Kabul
    ("Krasnogorsk", "city", [], None, 542420, "RU", True),
    ("Crocus City Hall", "location", ["Крокус Сити Холл"], None, None, "RU", False),
    ("Moscow", "city", ["Москва"], "geo:524901", 524901, "RU", True),
    ("the market", "location", [], None, None, None, False),  # no country: matches only by name
    ("Pakistan", "country", [], "geo:1168579", 1168579, "PK", True),
    ("Kunar", "admin_area", [], None, 1135702, "AF", True),
]
ACTORS = [
    ("ISKP", "armed_group", ["IS-K", "ИГИЛ-К"], "kb:iskp"),
    ("Islamic State Khorasan", "armed_group", [], "kb:iskp"),
    ("TTP", "armed_group", ["Pakistani Taliban"], "kb:ttp"),
    ("Taliban", "armed_group", [], "kb:taliban"),
    ("police", "security_force", [], None),
    ("FSB", "security_force", ["ФСБ"], "kb:fsb"),
    ("gunmen", "armed_group", [], None),
]


def random_date(rng: random.Random) -> DateValue:
    day = f"2024-{rng.choice(['03', '04'])}-{rng.randint(1, 28):02d}"
    kind = rng.choice(["day"] * 5 + ["span", "long-span", "month", "year", "decade", "years", "none", "bad", "end"])
    if kind == "day":
        return DateValue(day, day, "day")
    if kind in ("span", "long-span"):
        end = f"{day[:8]}{min(28, int(day[8:]) + rng.randint(1, 3 if kind == 'span' else 12)):02d}"
        return DateValue(day, end, "day")
    if kind == "month":
        return DateValue(day[:7], day[:7], "month")
    if kind == "year":
        return DateValue("2024", "2024", "year")
    if kind == "decade":
        return DateValue("2020", "2020", "decade")
    if kind == "years":
        return DateValue("2021", "2024", "year")
    if kind == "bad":
        return DateValue("2024-13", None, "month")
    if kind == "end":
        return DateValue(None, day, "day")
    return DateValue()


def random_docs(seed: int, n: int = 150) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for d in range(n):
        places = rng.sample(range(len(PLACES)), 4)
        actors = rng.sample(range(len(ACTORS)), 3)
        entities = []
        for k in places:
            name, etype, aliases, kb_id, geonameid, cc, located = PLACES[k]
            geo = Geo(30.0, 66.0, geonameid, cc, None, "city") if located and cc else None
            entities.append(Entity(f"p{k}", name, etype, list(aliases), country=cc, geo=geo, kb_id=kb_id))  # type: ignore[arg-type]
        for k in actors:
            name, etype, aliases, kb_id = ACTORS[k]
            entities.append(Entity(f"a{k}", name, etype, list(aliases), kb_id=kb_id))  # type: ignore[arg-type]
        events = []
        for e in range(rng.randint(0, 4)):
            location = rng.choice([f"p{k}" for k in places] * 3 + [None, "p-missing"])
            events.append(
                Event(
                    id=f"ev{e}",
                    type=rng.choice(["ASSAULT", "ASSAULT", "COERCE", "PROTEST"]),
                    actors=[f"a{k}" for k in actors if rng.random() < 0.3],
                    claimed_by=[f"a{actors[0]}"] if rng.random() < 0.15 else [],
                    location=location,
                    date=random_date(rng),
                )
            )
        docs.append(Document(id=f"d{d}", text="(synthetic)", language="en", entities=entities, events=events))
    return docs


def linked(docs: list[Document]) -> list[list[tuple[int, str]]]:
    """The reference: sitrep.linking.link over every event's report, documents told apart by position."""
    pairs = [(i, ev.id) for i, d in enumerate(docs) for ev in d.events]
    reports = [dataclasses.replace(r, doc_id=str(i)) for i, d in enumerate(docs) for r in reports_of(d)]
    return [[pairs[k] for k in g] for g in link(reports)]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_group_events_are_the_incidents_the_linker_finds(seed):
    docs = random_docs(seed)
    expected = linked(docs)
    assert members(group_events(docs)) == expected
    assert sum(len(g) > 1 for g in expected) >= 5  # the cases are not all singletons
    assert all(len({i for i, _ in g}) == len(g) for g in expected)  # at most one event of a document each


def test_group_events_two_copies_of_a_document_are_two_sources():
    docs = fx.all_docs() + fx.all_docs()
    groups = members(group_events(docs))
    n = len(fx.all_docs())
    assert groups == linked(docs)
    assert any({i for i, _ in g} == {0, n} for g in groups)


def test_group_events_an_event_without_date_or_place_stays_alone():
    docs = random_docs(5, n=40)
    for doc in docs:
        for ev in doc.events:
            ev.location = None
    assert [len(g) for g in members(group_events(docs))] == [1] * sum(len(d.events) for d in docs)


def test_group_events_wide_dates_meet_narrow_ones_too_wide_ones_stay_alone():
    def doc(doc_id: str, date: DateValue) -> Document:
        place = Entity("p", "Quetta", "city", country="PK", geo=Geo(30.18, 66.99, 1167528, "PK", "Balochistan", "city"))
        actor = Entity("a", "TTP", "armed_group", kb_id="kb:ttp")
        ev = Event("ev1", "ASSAULT", actors=["a"], location="p", date=date)
        return Document(id=doc_id, text="(synthetic)", entities=[place, actor], events=[ev])

    docs = [
        doc("a", DateValue("2024-03-22", "2024-03-22", "day")),
        doc("b", DateValue("2020", "2020", "decade")),  # a decade: too vague to link
        doc("c", DateValue("2024-03", "2024-03", "month")),
        doc("d", DateValue("2024-03-01", "2024-03-30", "day")),  # a month of days
        doc("e", DateValue("2010", "2030", "year")),
    ]
    assert members(group_events(docs)) == [[(0, "ev1"), (2, "ev1"), (3, "ev1")], [(1, "ev1")], [(4, "ev1")]]


def test_group_events_by_the_store_links():
    docs = random_docs(2, n=20)
    links = {(d.id, ev.id): "one" for d in docs[:2] for ev in d.events[:1]}
    groups = members(group_events(docs, links))
    firsts = [(i, docs[i].events[0].id) for i in (0, 1) if docs[i].events]
    assert firsts in groups
    assert sum(len(g) for g in groups) == sum(len(d.events) for d in docs)
