"""Tests for sitrep.extract.numbers: hand-written English and Russian cases."""

from __future__ import annotations

import re

import pytest

from sitrep.extract.numbers import Number, find_numbers, numbers, parse_count
from sitrep.extract.numbers import words as W
from sitrep.knowledge.files import load_yaml
from sitrep.model import Count, Document

from paths import SAMPLE

# (lang, text, mention, label, low, best, high, unit)
CASES = [
    # qualifiers
    ("en", "The attack killed over 140 innocent civilians.", "over 140", "count", 140, 140, None, "civilians"),
    ("en", "more than 140 people died", "more than 140", "count", 140, 140, None, "people"),
    ("en", "at least 63 soldiers were killed", "at least 63", "count", 63, 63, None, "soldiers"),
    ("en", "nearly 200 troops", "nearly 200", "count", None, 200, 200, "troops"),
    ("en", "almost 200 houses burned", "almost 200", "count", None, 200, 200, "houses"),
    ("en", "up to 50 fighters", "up to 50", "count", None, 50, 50, "fighters"),
    ("en", "about 30 militants", "about 30", "count", 30, 30, 30, "militants"),
    ("en", "some 30 men were seen", "some 30", "count", 30, 30, 30, "men"),
    ("en", "around 1,000 recruits", "around 1,000", "count", 1000, 1000, 1000, "recruits"),
    ("en", "fewer than 10 officers", "fewer than 10", "count", None, 10, 10, "officers"),
    # words
    ("en", "twenty-one soldiers died", "twenty-one", "count", 21, 21, 21, "soldiers"),
    ("en", "one hundred and five hostages", "one hundred and five", "count", 105, 105, 105, "hostages"),
    (
        "en",
        "Two thousand three hundred people fled.",
        "Two thousand three hundred",
        "count",
        2300,
        2300,
        2300,
        "people",
    ),
    ("en", "a dozen armed men", "a dozen", "count", 12, 12, 12, "men"),
    ("en", "One soldier died.", "One", "count", 1, 1, 1, "soldier"),
    ("en", "two or three suspects", "two or three", "range", 2, 2, 3, "suspects"),
    # vague
    ("en", "dozens of people were hurt", "dozens", "count", 12, 12, 99, "people"),
    ("en", "several dozen recruits", "several dozen", "count", 36, 36, 108, "recruits"),
    ("en", "hundreds of families", "hundreds", "count", 100, 100, 999, "families"),
    ("en", "several hundred terrorist attacks", "several hundred", "count", 300, 300, 900, "attacks"),
    ("en", "a few militants", "a few", "count", 2, 3, 9, "militants"),
    ("en", "several European countries", "several", "count", 3, 3, 9, "countries"),
    ("en", "many recruits came from the tribal areas", "many", "count", 10, 10, None, "recruits"),
    ("en", "scores of villagers", "scores", "count", 20, 20, 99, "villagers"),
    ("en", "thousands of refugees", "thousands", "count", 1000, 1000, 9999, "refugees"),
    ("en", "tens of thousands of protesters", "tens of thousands", "count", 10000, 10000, 99999, "protesters"),
    # ranges and scales
    (
        "en",
        "the number of fighters ranged fr om 1,500 to 5,000 people",
        "1,500 to 5,000",
        "range",
        1500,
        1500,
        5000,
        "people",
    ),
    ("en", "between 1,500 and 5,000 fighters", "between 1,500 and 5,000", "range", 1500, 1500, 5000, "fighters"),
    ("en", "from 1,500 to 5,000 members", "from 1,500 to 5,000", "range", 1500, 1500, 5000, "members"),
    ("en", "1,500-5,000 members", "1,500-5,000", "range", 1500, 1500, 5000, "members"),
    ("en", "1.2 million people were displaced", "1.2 million", "count", 1200000, 1200000, 1200000, "people"),
    ("en", "3 million residents", "3 million", "count", 3000000, 3000000, 3000000, "residents"),
    ("en", "1.5 to 2 million refugees", "1.5 to 2 million", "range", 1500000, 1500000, 2000000, "refugees"),
    ("en", "Then 2000 people marched.", "2000", "count", 2000, 2000, 2000, "people"),
    ("en", "The 140 dead included children.", "140", "count", 140, 140, 140, "dead"),
    # other labels
    ("en", "Turnout was 50% in the north.", "50%", "percent", 50, 50, 50, "percent"),
    ("en", "about 12 per cent of voters", "about 12 per cent", "percent", 12, 12, 12, "percent"),
    ("en", "It cost $3 million.", "$3 million", "money", 3000000, 3000000, 3000000, "$"),
    ("en", "It was built in 2015 and expanded.", None, None, None, None, None, None),
    ("en", "The group founded 2015 was small.", "2015", "year", 2015, 2015, 2015, None),
    ("en", "the 3rd battalion", "3rd", "ordinal", None, None, None, None),
    ("en", "Imams were killed over two days.", "over two", "duration", 2, 2, None, "days"),
    ("en", "He was shot 6 times and killed.", "6", "frequency", 6, 6, 6, None),
    # Russian
    ("ru", "Погибли более 140 человек.", "более 140", "count", 140, 140, None, "человек"),
    ("ru", "свыше 140 мирных жителей", "свыше 140", "count", 140, 140, None, "жителей"),
    ("ru", "не менее 63 боевиков", "не менее 63", "count", 63, 63, None, "боевиков"),
    ("ru", "около 200 военных", "около 200", "count", 200, 200, 200, "военных"),
    ("ru", "почти 200 домов", "почти 200", "count", None, 200, 200, "домов"),
    ("ru", "до 50 человек", "до 50", "count", None, 50, 50, "человек"),
    ("ru", "двадцать один военный", "двадцать один", "count", 21, 21, 21, "военный"),
    ("ru", "около ста сорока заложников", "около ста сорока", "count", 140, 140, 140, "заложников"),
    ("ru", "гибель двадцати одного человека", "двадцати одного", "count", 21, 21, 21, "человека"),
    ("ru", "десятки боевиков", "десятки", "count", 12, 12, 99, "боевиков"),
    ("ru", "несколько десятков человек", "несколько десятков", "count", 30, 30, 90, "человек"),
    ("ru", "сотни семей", "сотни", "count", 100, 100, 999, "семей"),
    ("ru", "несколько сотен террористических атак", "несколько сотен", "count", 300, 300, 900, "атак"),
    ("ru", "от 1500 до 5000 боевиков", "от 1500 до 5000", "range", 1500, 1500, 5000, "боевиков"),
    ("ru", "1,5 тыс. человек", "1,5 тыс.", "count", 1500, 1500, 1500, "человек"),
    ("ru", "2 млн человек", "2 млн", "count", 2000000, 2000000, 2000000, "человек"),
    ("ru", "1 500 человек", "1 500", "count", 1500, 1500, 1500, "человек"),
    ("ru", "две тысячи беженцев", "две тысячи", "count", 2000, 2000, 2000, "беженцев"),
    ("ru", "десятки тысяч беженцев", "десятки тысяч", "count", 10000, 10000, 99999, "беженцев"),
    ("ru", "полторы тысячи человек", "полторы тысячи", "count", 1500, 1500, 1500, "человек"),
    ("ru", "два или три человека", "два или три", "range", 2, 2, 3, "человека"),
    ("ru", "явка составила 50 %", "50 %", "percent", 50, 50, 50, "percent"),
    ("ru", "5-й батальон", "5-й", "ordinal", None, None, None, None),
    ("ru", "многие эксперты", "многие", "count", 10, 10, None, "эксперты"),
    ("ru", "Погибли двое, троих ранили.", "двое", "count", 2, 2, 2, None),
    ("ru", "Погибли двое, троих ранили.", "троих", "count", 3, 3, 3, None),
    ("ru", "он провёл в плену около трёх лет", "около трёх", "duration", 3, 3, 3, "лет"),
    ("ru", "в него выстрелили три раза", "три", "frequency", 3, 3, 3, "раза"),
]

# text with no count in it (years, dates, times, identifiers, ratios, "one of")
NEGATIVE = [
    ("en", "In January 2015, the ISKP appeared."),
    ("en", "On 22 March 2024 gunmen attacked; two years ago it was quiet."),
    ("en", "The flight was an A321; COVID-19 and F-16 were mentioned."),
    ("en", "A 140-strong force arrived."),
    ("en", "One in five adults, 1 in 10 children."),
    ("en", "One of the deadliest groups on the continent."),
    ("en", "Over the years the group changed; some western provinces."),
    ("en", "The meeting started at 10:30."),
    ("en", "Call +7 495 123-45-67 now."),
    ("en", "A bomb went off at the ward No. 5 office."),
    ("ru", "В январе 2015 года группа появилась."),
    ("ru", "Один из лидеров группы погиб."),
    ("ru", "Самолёт Су-25 и A321."),
    ("ru", "Школа № 3 закрыта."),
]


def _case_id(case: tuple) -> str:
    words = re.sub(r"\W+", "_", case[2] or case[1])[:40]
    return f"{case[0]}-{words}"


@pytest.mark.parametrize(
    ("lang", "text", "quoted", "label", "low", "best", "high", "unit"), CASES, ids=map(_case_id, CASES)
)
def test_find_numbers_reads_case(lang, text, quoted, label, low, best, high, unit):
    spans = find_numbers(text, lang)
    if quoted is None:
        assert [s for s in spans if s.label in ("count", "range")] == []
        return
    found = [s for s in spans if s.text == quoted]
    assert found, f"{quoted!r} not found; got {[s.text for s in spans]}"
    span = found[0]
    assert text[span.start : span.end] == span.text == span.value.text
    n: Number = span.value
    assert (span.label, n.low, n.best, n.high, n.unit) == (label, low, best, high, unit)


@pytest.mark.parametrize(
    ("lang", "text", "quoted", "label", "low", "best", "high", "unit"), CASES, ids=map(_case_id, CASES)
)
def test_find_numbers_keeps_low_best_high_in_order(lang, text, quoted, label, low, best, high, unit):
    for span in find_numbers(text, lang):
        values = [v for v in (span.value.low, span.value.best, span.value.high) if v is not None]
        assert values == sorted(values)


@pytest.mark.parametrize(("lang", "text"), NEGATIVE, ids=[f"{c[0]}-{i}" for i, c in enumerate(NEGATIVE)])
def test_find_numbers_ignores_non_counts(lang, text):
    assert [s.text for s in find_numbers(text, lang) if s.label in ("count", "range")] == []


@pytest.mark.parametrize(
    ("lang", "text", "approx"),
    [
        ("en", "140", False),
        ("en", "over 140", True),
        ("en", "about 30", True),
        ("en", "dozens", True),
        ("en", "1,500 to 5,000", True),
        ("ru", "сто сорок", False),
        ("ru", "около 200", True),
    ],
)
def test_find_numbers_marks_approximate(lang, text, approx):
    (span,) = find_numbers(text, lang)
    assert span.value.approx is approx


@pytest.mark.parametrize(
    ("phrase", "lang", "expected"),
    [
        ("over 140", "en", Count(140, 140, None, "over 140")),
        ("1,500 to 5,000 people", "en", Count(1500, 1500, 5000, "1,500 to 5,000")),
        ("several dozen", "en", Count(36, 36, 108, "several dozen")),
        ("nearly 200", "en", Count(None, 200, 200, "nearly 200")),
        ("более 140 человек", "ru", Count(140, 140, None, "более 140")),
        ("1,5 тыс.", "ru", Count(1500, 1500, 1500, "1,5 тыс.")),
        ("in 2015", "en", None),
        ("50%", "en", None),
        ("no numbers here", "en", None),
    ],
)
def test_parse_count_phrases(phrase, lang, expected):
    assert parse_count(phrase, lang) == expected


def test_find_numbers_cyrillic_offsets_are_exact():
    text = "По данным МВД, погибли более 140 человек, ранены около 200; ещё несколько десятков — пропали."
    spans = find_numbers(text, "ru")
    assert [s.text for s in spans] == ["более 140", "около 200", "несколько десятков"]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_find_numbers_uses_given_date_spans():
    text = "Over 140 people died on 22 March 2024."
    assert [s.text for s in find_numbers(text, "en", skip=[])] == ["Over 140", "22", "2024"]
    assert [s.text for s in find_numbers(text, "en")] == ["Over 140"]


def test_find_numbers_unknown_language_is_empty():
    assert find_numbers("plus de 140 morts", "fr") == []


@pytest.mark.skipif(not SAMPLE.is_file(), reason="../shared is absent")
def test_find_numbers_sample_article():
    spans = find_numbers(SAMPLE.read_text(encoding="utf-8"), "en")
    got = {(s.text, s.value.best, s.value.unit) for s in spans}
    assert {
        ("over 140", 140, "civilians"),
        ("1,500 to 5,000", 1500, "people"),
        ("several hundred", 300, "attacks"),
        ("several dozen", 36, None),
    } <= got
    assert all(s.label in ("count", "range") for s in spans)
    assert not any(s.text in ("2015", "one") for s in spans)


def test_numbers_stage_uses_dates_layer_and_warns_on_unknown_language():
    doc = Document(id="d1", text="Over 140 people died on 22 March 2024.", language="en")
    numbers(doc)
    assert [s.text for s in doc.layers.numbers] == ["Over 140"]
    doc = Document(id="d2", text="plus de 140 morts", language="fr")
    numbers(doc)
    assert doc.layers.numbers == [] and doc.warnings[0].startswith("numbers: ")
    assert numbers.needs == ("text", "language") and numbers.adds == ("numbers",)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_number_language_files_are_consistent(lang):
    data = load_yaml(f"numbers_{lang}.yaml")
    lists = [data["unit_stop"], data["count_nouns"], data["range_joiners"], *data["qualifiers"].values()]
    assert all(isinstance(w, str) for words in lists for w in words)  # bare on/no/yes would be booleans
    for kind in data["qualifiers"]:
        assert kind in ("more", "at_least", "at_most", "about")
    for entry in [*data["vague"].values(), *data["plurals"].values()]:
        values = [entry[k] for k in ("low", "best", "high") if entry.get(k) is not None]
        assert values == sorted(values)
    lx = W.lexicon(lang)
    assert lx is W.lexicon(lang)  # built once
    assert all(v >= 0 for v in lx.words.values())


# -- properties (hypothesis) ------------------------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from properties import PROPERTY, news_text  # noqa: E402


@PROPERTY
@given(news_text, st.sampled_from(["en", "ru"]))
def test_find_numbers_property_spans_quote_the_text_and_bounds_are_ordered(text, lang):
    for s in find_numbers(text, lang):
        assert 0 <= s.start < s.end <= len(text) and text[s.start : s.end] == s.text
        n = s.value
        known = [x for x in (n.low, n.best, n.high) if x is not None]
        assert known == sorted(known)


@PROPERTY
@given(st.text(alphabet="0123456789,. -", max_size=120), st.sampled_from(["en", "ru"]))
def test_find_numbers_property_digit_soup_never_fails(text, lang):
    for s in find_numbers(text, lang):
        assert text[s.start : s.end] == s.text
