"""Tests for sitrep.io.clean: normalisation, PDF word repair, the edit log and offsets."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest

from sitrep.io import clean as clean_module
from sitrep.io.clean import clean, clean_text, to_clean_offset, to_raw_offset
from sitrep.io.ingest import read_text
from sitrep.knowledge.files import load_yaml
from sitrep.knowledge.words import is_word
from sitrep.model import Document, Edit

from paths import DATA, SAMPLE


def rebuild(cleaned: str, edits: list[Edit]) -> str:
    """The raw text, from the cleaned text and the edits."""
    out, pos = [], 0
    for e in edits:
        out += [cleaned[pos : e.start], e.original]
        pos = e.end
    out.append(cleaned[pos:])
    return "".join(out)


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        # en: PDF breaks repaired
        ("ranged fr om 1,500", "ranged from 1,500"),
        ("in Balochistan, wh ere the", "in Balochistan, where the"),
        ("Wh ere is it", "Where is it"),
        ("th e group", "the group"),
        ("bases in Afghani stan", "bases in Afghanistan"),
        ("SECU RITY forces", "SECURITY forces"),
        ("soft-\nware", "software"),
        ("secu-\nrity forces", "security forces"),
        ("the Afghanistan-\nPakistan border", "the Afghanistan-Pakistan border"),
        ("the  number of attacks", "the number of attacks"),
        ("th at is", "that is"),
        ("Afghani stan's border", "Afghanistan's border"),
        ("the strike r eleases", "the strike releases"),
        # en: both halves are words, or not a break at all
        ("a part of it", "a part of it"),
        ("went in to the hall", "went in to the hall"),
        ("the rapist was", "the rapist was"),
        ("of ten people", "of ten people"),
        ("ISKP has bases", "ISKP has bases"),
        ("Ali son of", "Ali son of"),
        ("the re-election", "the re-election"),
        ("5 th floor", "5 th floor"),
        ("the charge d'affaires", "the charge d'affaires"),
        ("Yemen’s top official", "Yemen’s top official"),
        ("not able to", "not able to"),
        ("en route to", "en route to"),
        ("  indented line", "  indented line"),
        ("trailing  \nline", "trailing  \nline"),
        # ru
        ("появилась в Аф ганистане", "появилась в Афганистане"),
        ("служб безопас-\nности", "служб безопасности"),
        ("в ходе операции", "в ходе операции"),
        ("так же как", "так же как"),
        ("были задержаны  четверо", "были задержаны четверо"),
    ],
)
def test_clean_text_repairs_only_broken_words(raw, cleaned):
    assert clean_text(raw)[0] == cleaned


@pytest.mark.parametrize(
    ("raw", "cleaned", "reason"),
    [
        ("a\r\nb\rc", "a\nb\nc", "line ending"),
        ("ISKP\u00a0fighters\u2009here", "ISKP fighters here", "space"),
        ("zero\u200bwidth\ufeff", "zerowidth", "invisible character"),
        ("Afghan\u00adistan", "Afghanistan", "soft hyphen"),
        ("secu\u00ad\nrity", "security", "soft hyphen"),
        ("\ufb01ghters \ufb02ed", "fighters fled", "ligature"),
        ("bell\x07 and \x1b escape", "bell and escape", "control character"),
        ("page one\x0cpage two", "page one\npage two", "line break"),
        ("cafe\u0301", "café", "unicode NFC"),
        ("Кабул и\u0306", "Кабул й", "unicode NFC"),
    ],
)
def test_clean_text_normalises_characters(raw, cleaned, reason):
    text, edits = clean_text(raw)
    assert text == cleaned
    assert any(reason in e.reason for e in edits)


def test_clean_text_keeps_quotes_and_dashes():
    raw = "“Quoted” – dash — «ёлки» ‘single’ … don’t"
    assert clean_text(raw) == (raw, [])


@pytest.mark.parametrize("name", ["clean_pdf_en", "clean_pdf_ru"])
def test_clean_text_fixture_matches_expected(name):
    raw = (DATA / f"{name}.txt").read_bytes().decode("utf-8")
    expected = (DATA / f"{name}.expected.txt").read_bytes().decode("utf-8")
    text, edits = clean_text(raw)
    assert text == expected
    assert rebuild(text, edits) == raw


def test_clean_text_edits_are_exact():
    raw = "ranged fr om 1,500\r\nwh ere the  number\u00a0 of secu-\nrity"
    text, edits = clean_text(raw)
    assert text == "ranged from 1,500\nwhere the number of security"
    assert [(text[e.start : e.end], e.original, e.reason) for e in edits] == [
        ("from", "fr om", "split word"),
        ("\n", "\r\n", "line ending"),
        ("where", "wh ere", "split word"),
        (" ", "  ", "repeated spaces"),
        (" ", "\u00a0 ", "space; repeated spaces"),
        ("security", "secu-\nrity", "hyphenation"),
    ]
    assert rebuild(text, edits) == raw


def test_clean_text_random_inputs_keep_the_alignment():
    parts = ["a", "fr", " ", "om", "\r\n", "\n", "\u00a0", "\u00ad", "e\u0301", "\u0301", "  ", "-\n", "secu",
             "rity", "\x00", "\ufb01", "\u200b", "wh", "ere", "\r", "и\u0306", "Аф", "ганистан"]  # fmt: skip
    rng = random.Random(7)
    for _ in range(3000):
        raw = "".join(rng.choice(parts) for _ in range(rng.randint(0, 14)))
        text, edits = clean_text(raw)
        assert rebuild(text, edits) == raw
        assert all(a.end <= b.start for a, b in pairwise(edits))
        assert all(0 <= e.start <= e.end <= len(text) for e in edits)


def test_offset_mapping_round_trip():
    raw = "ranged fr om 1,500\r\nwh ere the  number"
    text, edits = clean_text(raw)
    for word in ("ranged", "1,500", "the", "number"):
        start = text.index(word)
        raw_start = to_raw_offset(edits, start)
        assert raw[raw_start : raw_start + len(word)] == word
        assert to_clean_offset(edits, raw_start) == start
    assert to_clean_offset(edits, raw.index("om")) == text.index("from")  # inside an edit: its start


@pytest.mark.parametrize(
    ("form", "lang", "expected"),
    [
        ("from", "en", True),
        ("the", "en", True),
        ("rapist", "en", True),
        ("fr", "en", False),
        ("wh", "en", False),
        ("th", "en", False),
        ("stan", "en", False),
        ("Stan", "en", True),  # capitalised: a name standing alone
        ("ходе", "ru", True),
        ("в", "ru", True),
        ("ганистане", "ru", False),
    ],
)
def test_is_word(form, lang, expected):
    assert is_word(form, lang) is expected


@pytest.mark.parametrize("name", ["clean_chars.yaml", "clean_words.yaml"])
def test_clean_data_files_parse(name):
    data = load_yaml(name)
    for lang in ("en", "ru") if name == "clean_words.yaml" else ():
        for key in ("short_words", "always_words", "never_words"):
            assert all(isinstance(w, str) and w == w.lower() for w in data[lang][key]), (lang, key)
        assert not set(data[lang]["always_words"]) & set(data[lang]["never_words"])


def test_clean_stage_keeps_raw_text_and_maps_body_end():
    raw = "Th e attack in Afghani stan.\r\n\r\nSource: Институт Ближнего Востока\r\n"
    doc = read_text(raw)
    assert raw[doc.layers.body_end :].startswith("Source:")
    clean(doc)
    assert doc.layers.raw_text == raw
    assert doc.text == "The attack in Afghanistan.\n\nSource: Институт Ближнего Востока\n"
    assert doc.text[doc.layers.body_end :].startswith("Source:")
    assert rebuild(doc.text, doc.layers.edits) == raw


def test_clean_stage_twice_starts_from_raw_text():
    doc = Document(id="d", text="fr om here  now")
    clean(doc)
    first = (doc.text, list(doc.layers.edits))
    clean(doc)
    assert (doc.text, doc.layers.edits) == first
    assert doc.layers.raw_text == "fr om here  now"


def test_clean_stage_declares_needs_and_adds():
    assert clean_module.clean.name == "clean"
    assert clean_module.clean.needs == ("text",)
    assert clean_module.clean.adds == ("clean_text",)


@pytest.mark.shared
@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared is absent")
def test_clean_canonical_sample():
    raw = SAMPLE.read_text(encoding="utf-8")
    text, edits = clean_text(raw)
    assert "ranged from 1,500 to 5,000" in text
    assert "Balochistan (Pakistan), where the leadership" in text
    assert "resistance from the army" in text
    assert " fr om " not in text and " wh ere " not in text
    assert "the number of attacks decreased" in text
    assert "“there is a high probability" in text  # quotes kept
    assert rebuild(text, edits) == raw
    assert {e.reason for e in edits} <= {"split word", "space; repeated spaces"}


@pytest.mark.parametrize("symbol", ["(", "<", "*", "[", "=", "»", "_"])
def test_clean_text_cuts_long_runs_of_symbols(symbol):
    from sitrep.io.clean import MAX_SYMBOL_RUN

    raw = f"Militants attacked {symbol * 5000} a post, {symbol * 51} end"
    text, edits = clean_text(raw)
    assert text == f"Militants attacked {symbol * MAX_SYMBOL_RUN} a post, {symbol * MAX_SYMBOL_RUN} end"
    assert [(e.original, e.reason) for e in edits] == [
        (symbol * 4950, "long run of symbols cut"),
        (symbol, "long run of symbols cut"),
    ]
    assert to_raw_offset(edits, text.index("a post")) == raw.index("a post")
    assert clean_text(f"a {symbol * MAX_SYMBOL_RUN} b")[0] == f"a {symbol * MAX_SYMBOL_RUN} b"


def test_clean_text_cuts_runs_of_more_than_fifty_digits():
    text, edits = clean_text("Militants killed " + "9" * 100_000 + " people; a count of 1234567890 stays.")
    assert text == "Militants killed " + "9" * 50 + " people; a count of 1234567890 stays."
    assert [e.reason for e in edits] == ["long run of symbols cut"]


# -- properties (hypothesis) ------------------------------------------------------------------------------------

import itertools  # noqa: E402

from hypothesis import given  # noqa: E402

from properties import PROPERTY, any_text  # noqa: E402


def _raw_from(text: str, edits) -> str:
    """The raw text rebuilt from the cleaned text and its edits."""
    out, pos = [], 0
    for e in edits:
        out += [text[pos : e.start], e.original]
        pos = e.end
    return "".join(out) + text[pos:]


@PROPERTY
@given(any_text)
def test_clean_text_property_edits_lead_back_to_the_raw_text(raw):
    text, edits = clean_text(raw)
    assert _raw_from(text, edits) == raw
    assert all(0 <= a.start <= a.end <= b.start for a, b in itertools.pairwise(edits))
    assert to_raw_offset(edits, len(text)) <= len(raw) and to_clean_offset(edits, len(raw)) == len(text)
    for offset in range(0, len(text), max(1, len(text) // 7)):
        assert 0 <= to_raw_offset(edits, offset) <= len(raw)


@PROPERTY
@given(any_text)
def test_clean_text_property_cleaning_twice_changes_nothing_more(raw):
    once, _ = clean_text(raw)
    twice, edits = clean_text(once)
    assert _raw_from(twice, edits) == once
    assert "\r" not in once and "\u00ad" not in once
