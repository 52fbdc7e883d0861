"""Tests for sitrep.keys: folded names, the days a date covers, the window of a since/until filter."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sitrep.errors import ConfigError
from sitrep.keys import date_bounds, fold, value_bounds, window
from sitrep.model import DateValue


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        ("2024", None, "year", ("2024-01-01", "2024-12-31")),
        ("2024-02", None, "month", ("2024-02-01", "2024-02-29")),
        ("2024-03-22", "2024-03-25", "day", ("2024-03-22", "2024-03-25")),
        ("2010", "2010", "decade", ("2010-01-01", "2019-12-31")),
        (None, "2015-01", "month", ("2015-01-01", "2015-01-31")),
        (None, None, "unknown", None),
        ("2024-13", None, "month", None),
        ("March", None, "month", None),
    ],
)
def test_date_bounds_cover_the_precision(start, end, precision, expected):
    assert date_bounds(start, end, precision) == expected


def test_value_bounds_of_a_date_value_and_of_none():
    assert value_bounds(DateValue("2024-03", None, "month")) == ("2024-03-01", "2024-03-31")
    assert value_bounds(None) is None


@pytest.mark.parametrize(
    ("name", "key"), [("ISKP", "iskp"), ("  Islamic   State ", "islamic state"), ("Ёлкин", "елкин"), ("ФСБ", "фсб")]
)
def test_fold_casefolds_yo_and_spaces(name, key):
    assert fold(name) == key


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        (None, None, ("0000-01-01", "9999-12-31")),
        ("2024-03", None, ("2024-03-01", "9999-12-31")),
        (None, "2024", ("0000-01-01", "2024-12-31")),
        (date(2024, 4, 1), datetime(2024, 4, 2, 13, 0), ("2024-04-01", "2024-04-02")),
    ],
)
def test_window_covers_since_to_until(since, until, expected):
    assert window(since, until) == expected


@pytest.mark.parametrize(("since", "until"), [("last week", None), (None, "2024-13")])
def test_window_bad_date_is_a_config_error(since, until):
    with pytest.raises(ConfigError, match="since" if since else "until"):
        window(since, until)
