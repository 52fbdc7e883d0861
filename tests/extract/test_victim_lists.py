"""Victims listed beside a counted phrase (sitrep.extract.events.victim_lists), through the whole pipeline on
short hand-written reports."""

from __future__ import annotations

import pytest

import sitrep


def attack(text: str) -> sitrep.Event:
    doc = sitrep.analyze(text, published="2024-05-15")
    found = [ev for ev in doc.events if ev.type == "ASSAULT"]
    assert len(found) == 1, [ev.type for ev in doc.events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "best"),
    [
        ("A farmer and his son were shot dead by gunmen near Kulgam.", "fatalities", 2),
        ("Four boys, three men, and two women were killed in the raid on the hamlet.", "fatalities", 9),
        ("A grenade blast in Tikrit killed one soldier and a shopkeeper.", "fatalities", 2),
        ("Two guards, six pilgrims and the driver were killed when the bus was bombed in Karbala.", "fatalities", 9),
        ("Rebels killed a village elder and three of his nephews in Kandahar.", "fatalities", 4),
        ("A roadside bomb wounded two policemen and an Afghan interpreter in Herat.", "injuries", 3),
        ("Gunmen sprayed the car with gunfire in Madrid, killing his wife, her son, and a chauffeur.", "fatalities", 3),
        ("Gunmen killed the trader, two of his sons, and his daughter-in-law in Baghdad.", "fatalities", 4),
    ],
)
def test_victim_lists_add_the_listed_victims(text, kind, best) -> None:
    count = getattr(attack(text), kind)
    assert count is not None and count.best == best


@pytest.mark.parametrize(
    ("text", "kind", "best"),
    [
        ("Gunmen killed two traders in Basra and Nasiriyah on Monday.", "fatalities", 2),  # places, not people
        ("A car bomb killed three policemen and wounded nine civilians in Mosul.", "fatalities", 3),  # a new count
        ("A bomb killed four pilgrims and a horse near the shrine in Najaf.", "fatalities", 4),  # not a person
        ("The clash caused the death of nine rebels and the capture of six in Sulu.", "fatalities", 9),
        ("Gunmen killed his brother, a teacher at the school, in Kirkuk.", "fatalities", 1),  # an apposition
        # a list after a counted plural that says who they were
        ("The Maoists killed three voters, a sergeant major, a constable, and a woman, in Bihar.", "fatalities", 3),
        # a name described twice is one person
        ("Jassim al-Daraji, a former officer and an ex-Baath party member, was killed in Baghdad.", "fatalities", 1),
    ],
)
def test_victim_lists_stop_at_what_is_not_a_victim(text, kind, best) -> None:
    count = getattr(attack(text), kind)
    assert count is not None and count.best == best


def test_victim_lists_one_of_after_a_name_describes_that_person() -> None:
    """The parse of "Shaykh X, one of the envoys of Y, was assassinated" with two passive subjects, X and "one":
    "one of" only describes X (no word joins them)."""
    from types import SimpleNamespace as NS

    from sitrep.extract.events import victim_lists
    from sitrep.knowledge.languages import lexicons

    words = ["Shaykh", "Abbas", ",", "one", "of", "the", "envoys", ",", "was", "assassinated"]
    deps = [("compound", 1), ("nsubj:pass", 9), ("punct", 3), ("nsubj:pass", 9), ("case", 6), ("det", 6),
            ("nmod", 3), ("punct", 3), ("aux:pass", 9), ("ROOT", 9)]  # fmt: skip
    pos = ["PROPN", "PROPN", "PUNCT", "NUM", "ADP", "DET", "NOUN", "PUNCT", "AUX", "VERB"]
    toks = [NS(text=w, dep=d, head=h, pos=p) for w, (d, h), p in zip(words, deps, pos, strict=True)]

    def kids(i, *labels):
        return [k for k, t in enumerate(toks) if t.head == i and k != i and t.dep in labels]

    def case_of(i):
        return next((toks[k].text.lower() for k in kids(i, "case")), "")

    ctx = NS(parse=NS(tokens=toks, kids=kids, case_of=case_of), lex=lexicons("en"))
    assert victim_lists.second_subject(ctx, 1, 3)
    assert victim_lists.without_appositions(ctx, [1, 3]) == [1]


def test_victim_lists_along_with_a_companion_adds_a_victim() -> None:
    doc = sitrep.analyze("A tribal sheikh was assassinated along with his nephew by gunmen near Baqubah.")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.fatalities is not None and ev.fatalities.best == 2


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Two gunmen entered the home of a farmer on Monday, killing Gami, his daughter, and his son.", 3),
        ("A car bomb exploded in Beirut. The attack killed Tueni, his driver, and a bodyguard.", 3),
    ],
)
def test_victim_lists_a_name_and_the_kin_after_it_are_several(text: str, best: int) -> None:
    doc = sitrep.analyze(text)
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.fatalities is not None and ev.fatalities.best == best
