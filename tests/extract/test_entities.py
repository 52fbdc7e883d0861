"""The entity index: mentions found by position, and the entities it makes, as a full re-sort of every mention
after each change would give them (the index keeps a sorted list up to date instead)."""

from __future__ import annotations

import random

import pytest

from sitrep.extract.actors.coref import _occurrences
from sitrep.extract.entities import EntityIndex
from sitrep.knowledge.languages import lexicons
from sitrep.model import Document, Entity, Mention

TEXT = "x" * 400


def _doc(rng: random.Random) -> Document:
    doc = Document(id="d", text=TEXT, language="en")
    for n in range(rng.randrange(1, 12)):
        ent = Entity(id=f"e{n + 1}", name=f"E{n}", type=rng.choice(["armed_group", "city", "person"]))
        for _ in range(rng.randrange(1, 6)):
            a = rng.randrange(0, 380)
            ent.mentions.append(Mention(a, a + rng.randrange(1, 15), "", "name"))
        doc.entities.append(ent)
    return doc


def _reference_rows(doc: Document, pending: frozenset = frozenset()) -> list[tuple[int, int, Entity]]:
    """Every mention sorted by start, but those moved since the last change ((id(entity), id(mention)) pairs)."""
    rows = ((m.start, m.end, e) for e in doc.entities for m in e.mentions if (id(e), id(m)) not in pending)
    return sorted(rows, key=lambda r: r[0])


def _within(rows, start, end, places):
    return [r for r in rows if start <= r[0] and r[1] <= end and (places is None or r[2].is_place == places)]


def _covering(rows, start, end, places):
    best = None
    for s, e, ent in rows:
        if s >= end:
            break
        if e > start and (places is None or ent.is_place == places) and (best is None or e - s < best[0]):
            best = (e - s, ent)
    return best[1] if best else None


@pytest.mark.parametrize("seed", range(30))
def test_entities_index_answers_as_a_full_resort(seed: int) -> None:
    rng = random.Random(seed)
    doc = _doc(rng)
    index = EntityIndex(doc, lexicons("en"))
    rows = _reference_rows(doc)
    pending: set[tuple[int, int]] = set()
    for step in range(40):
        if rng.random() < 0.3:
            a = rng.randrange(0, 390)
            before = sum(len(e.mentions) for e in doc.entities)
            index.make(f"group {rng.randrange(4)}", "organization", None, a, a + rng.randrange(1, 8))
            if sum(len(e.mentions) for e in doc.entities) > before:  # a new mention: the index changed
                pending.clear()
                rows = _reference_rows(doc)
        elif rng.random() < 0.2 and doc.entities:
            ent = rng.choice([e for e in doc.entities if not (e.kb_id or "").startswith("generic:civilians:PK")])
            ent.kb_id = "generic:civilians::"
            had = {(id(e), id(m)) for e in doc.entities for m in e.mentions}
            local = index.localize(ent, "PK")  # "Civilians (PK)": its first mention is a change, the rest move
            new = [m for m in local.mentions if (id(local), id(m)) not in had]
            made = [m for m in new if m.kind == "description" and all(m is not x for x in ent.mentions)]
            pending |= {(id(local), id(m)) for m in new if all(m is not x for x in made)}
            if made:  # the index changed: what moved before joins it, what moved now waits
                pending = {(id(local), id(m)) for m in new if all(m is not x for x in made)}
                rows = _reference_rows(doc, frozenset(pending))
        for places in (None, True, False):
            lo = rng.randrange(0, 400)
            hi = lo + rng.randrange(0, 60)
            assert index.within(lo, hi, places) == _within(rows, lo, hi, places), step
            assert index.covering(lo, hi, places) is _covering(rows, lo, hi, places), step
    assert len({e.id for e in doc.entities}) == len(doc.entities)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Sadat said. al-Sadat and Sadat's men; Sadatov", "Sadat"),
        ("O'Neil met O'Neil's aide; ONeil; O'Neill", "O'Neil"),
        ("a-a-a a-a x-a-a", "a-a"),
        ("Jr. Smith Jr.; Jr.X", "Jr."),
        ("— and — again", "—"),
    ],
)
def test_entities_surname_occurrences_equal_a_regex_scan(text: str, name: str) -> None:
    import re

    words: dict[str, list[tuple[int, int]]] = {}
    for w in re.finditer(r"\w+", text):
        words.setdefault(w.group(), []).append(w.span())
    expected = [m.span() for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    assert _occurrences(text, len(text), name, words) == expected


def test_a_generic_participant_of_a_country_is_mentioned_with_its_demonym() -> None:
    text = "Yesterday Kenyan officials met the delegation."
    index = EntityIndex(Document(id="d", text=text, language="en"), lexicons("en"))
    ent = index.generic(text.index("Kenyan"), text.index(" met"))
    assert ent is not None and ent.country == "KE"
    assert [m.text for m in ent.mentions] == ["Kenyan officials"]
