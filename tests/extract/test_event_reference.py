"""sitrep/extract/events/reference.py, through the pipeline: a bare plural event noun is a kind or a tally unless
something tells it happened, such as the day its clause gives."""

from __future__ import annotations

import pytest

import sitrep


def types(text: str) -> list[str]:
    return [ev.type for ev in sitrep.analyze(text, published="2024-05-15").events]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Protests broke out in Tehran on Saturday.", "PROTEST"),
        ("Airstrikes hit Sanaa on Tuesday, residents said.", "ASSAULT"),
        ("Clashes erupted in Tripoli yesterday.", "ASSAULT"),
    ],
)
def test_a_plural_told_of_a_day_is_one_incident(text: str, type_: str) -> None:
    assert types(text) == [type_]


@pytest.mark.parametrize(
    "text",
    [
        "Protests are common in Tehran.",  # a kind
        "Airstrikes hit targets across the region every year.",  # habitual
        "Protests broke out in Tehran in 2019 and 2022.",  # told of years: a tally, not one incident
    ],
)
def test_a_plural_not_told_of_a_day_stays_a_kind(text: str) -> None:
    assert types(text) == []
