"""Tests for sitrep.outputs.phrases: the short strings a report is written in."""

from __future__ import annotations

import pytest

from sitrep.model import Count, DateValue, Quantity
from sitrep.outputs import phrases, report
from sitrep.outputs.phrases import cite, fmt_count, fmt_date, fmt_value, from_to, language_name, num, plural


def test_phrases_docstring_examples():
    assert fmt_date(DateValue("2024-03", None, "month")) == "2024-03"
    assert fmt_count(Count(low=1500, high=2000), "killed") == "1,500–2,000 killed"
    assert cite([0, 2]) == "[1][3]"


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: num(1500), "1,500"),
        (lambda: num(2.5), "2.5"),
        (lambda: plural(1, "event"), "1 event"),
        (lambda: plural(0, "event"), "0 events"),
        (lambda: from_to("2024-03", "2024-03"), "2024-03"),
        (lambda: from_to("2024-03", "2024-05"), "2024-03 to 2024-05"),
        (lambda: cite([2, 0, 2]), "[1][3]"),
        (lambda: fmt_value(Quantity(low=200, high=200, unit="fighters", text="200 fighters")), "200 fighters"),
        (lambda: language_name("ru"), "Russian"),
        (lambda: language_name(None), "unknown language"),
    ],
)
def test_phrases_short_strings(call, expected):
    assert call() == expected


def test_phrases_report_reexports_the_formatting_helpers_it_always_had():
    for name in ("fmt_count", "fmt_date", "fmt_value", "quote"):
        assert getattr(report, name) is getattr(phrases, name)
