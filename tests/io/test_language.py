"""Tests for sitrep.io.language: detection by script, frequent words and letters; the stage's warnings."""

from __future__ import annotations

import pytest

from sitrep.io.clean import clean
from sitrep.io.ingest import read_path, read_text
from sitrep.io.language import UNSURE, _profiles, _script_counts, detect, language
from sitrep.knowledge.files import load_yaml
from sitrep.model import Document
from sitrep.settings import Settings

from paths import DATA


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # headlines
        ("Taliban fighters clash with ISKP in Kabul", "en"),
        ("Suicide bomber kills 12 at a market in Peshawar", "en"),
        ("Россия получила новую партию оружия", "ru"),
        ("Суд арестовал четырёх обвиняемых по делу о теракте", "ru"),
        ("Теракт в «Крокус Сити Холле»", "ru"),
        ("Україна отримала нову партію зброї від партнерів", "uk"),
        ("Президент України", "uk"),
        # other languages, roughly
        ("Anschlag auf Konzerthalle bei Moskau: die Ermittler sind sich nicht sicher", "de"),
        ("Attentat contre une salle de concert près de Moscou", "fr"),
        ("Ataque contra una sala de conciertos cerca de Moscú", "es"),
        ("Attacco a una sala concerti vicino a Mosca", "it"),
        ("Ataque a uma sala de concertos perto de Moscou", "pt"),
        ("Moskova yakınlarındaki konser salonuna saldırı düzenlendi", "tr"),
        ("هجوم على قاعة للحفلات الموسيقية قرب موسكو", "ar"),
        ("حمله به سالن کنسرت در نزدیکی مسکو", "fa"),
        ("莫斯科附近音乐厅遭袭", "zh"),
        ("モスクワ近郊のコンサートホールで襲撃", "ja"),
    ],
)
def test_detect_language(text, code):
    assert detect(text)[0] == code


@pytest.mark.parametrize(
    ("name", "code"),
    [("lang_ru.txt", "ru"), ("lang_uk.txt", "uk")],
)
def test_detect_paragraphs_confidently(name, code):
    found, confidence = detect((DATA / name).read_text(encoding="utf-8"))
    assert found == code
    assert confidence > 0.9


@pytest.mark.parametrize(
    "text",
    [
        "Taliban fighters clash with ISKP in Kabul",
        "Россия получила новую партию оружия",
        "Теракт в «Крокус Сити Холле»",
    ],
)
def test_detect_headlines_en_ru_above_unsure(text):
    assert detect(text)[1] >= UNSURE


@pytest.mark.parametrize("text", ["", "   ", "12345 67", "— … !"])
def test_detect_without_letters(text):
    assert detect(text) == ("en", 0.0)


def test_detect_is_deterministic():
    text = (DATA / "lang_uk.txt").read_text(encoding="utf-8")
    assert len({detect(text) for _ in range(5)}) == 1


def test_language_stage_leaves_out_trailing_source_line():
    doc = read_path(DATA / "lang_en_source_ru.txt", Settings())
    assert detect(doc.text)[0] == "ru"  # the whole text has more Cyrillic than Latin letters
    clean(doc)
    language(doc)
    assert doc.language == "en"
    assert doc.warnings == []


def test_language_stage_keeps_callers_language():
    doc = read_text("Россия получила новую партию оружия", lang="EN")
    language(doc)
    assert doc.language == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [("Anschlag auf Konzerthalle bei Moskau, sagt die Polizei", "de"), ("Україна отримала нову партію зброї", "uk")],
)
def test_language_stage_warns_other_languages_not_analysed(text, code):
    doc = language(Document(id="d", text=text))
    assert doc.language == code
    assert any("only English and Russian are analysed" in w for w in doc.warnings)


@pytest.mark.parametrize("text", ["Quetta", "12 345"])
def test_language_stage_warns_when_unsure(text):
    doc = language(Document(id="d", text=text))
    assert doc.language == "en"
    assert any("not sure" in w for w in doc.warnings)


def test_language_profiles_are_consistent():
    data = load_yaml("language_profiles.yaml")
    scripts = set(data["scripts"])
    languages = data["languages"]
    assert {code for code, p in languages.items() if p.get("analysed")} == {"en", "ru"}
    for code, profile in languages.items():
        assert len(code) == 2 and code.islower()
        assert profile["script"] in scripts, code
        for word in profile.get("stopwords", []):
            assert isinstance(word, str) and word == word.lower(), (code, word)
    for script in {p["script"] for p in languages.values()}:
        defaults = [c for c, p in languages.items() if p["script"] == script and p.get("default")]
        assert len(defaults) == 1, script


def test_script_counts_count_every_letter_of_each_script():
    assert _script_counts("Привет мир, hello Ёж 42 ß!", _profiles()) == {"cyrillic": 11, "latin": 6}
    assert _script_counts("42 - !", _profiles()) == {}
