"""Tests for sitrep.extract.dates: hand-written English and Russian cases, publication date pinned to 2024-05-15 (a
Wednesday) unless a case says otherwise."""

from __future__ import annotations

import re

import pytest

from sitrep.extract.dates import dates, existence_period, find_dates
from sitrep.extract.dates import patterns as P
from sitrep.extract.dates import scan as S
from sitrep.knowledge.files import load_yaml
from sitrep.model import DateValue, Document

from paths import SAMPLE

PUB = "2024-05-15"

# (lang, text, mention, label, start, end, precision)
CASES = [
    # absolute dates
    (
        "en",
        "The attack took place on 22 March 2024 in Moscow.",
        "on 22 March 2024",
        "date",
        "2024-03-22",
        "2024-03-22",
        "day",
    ),
    ("en", "It happened on March 22, 2024, at night.", "on March 22, 2024", "date", "2024-03-22", "2024-03-22", "day"),
    ("en", "Report dated 2024-03-22.", "2024-03-22", "date", "2024-03-22", "2024-03-22", "day"),
    ("en", "Report dated 22.03.2024.", "22.03.2024", "date", "2024-03-22", "2024-03-22", "day"),
    ("en", "Filed 22/03/2024 in Kabul.", "22/03/2024", "date", "2024-03-22", "2024-03-22", "day"),
    ("en", "Filed 03/04/2024 in Kabul.", "03/04/2024", "date", "2024-03-04", "2024-03-04", "day"),
    (
        "en",
        "On Friday, March 22, 2024 gunmen attacked.",
        "On Friday, March 22, 2024",
        "date",
        "2024-03-22",
        "2024-03-22",
        "day",
    ),
    ("en", "on the 22nd of March 2024", "on the 22nd of March 2024", "date", "2024-03-22", "2024-03-22", "day"),
    ("en", "Talks ran 22-23 March 2024.", "22-23 March 2024", "date", "2024-03-22", "2024-03-23", "day"),
    ("en", "In January 2015, ISKP appeared.", "In January 2015", "date", "2015-01", "2015-01", "month"),
    ("en", "Since Sept. 2019 the group grew.", "Since Sept. 2019", "date", "2019-09", PUB, "month"),
    ("en", "The summit was held in May 2024.", "in May 2024", "date", "2024-05", "2024-05", "month"),
    ("en", "It was signed on May 5.", "on May 5", "date", "2024-05-05", "2024-05-05", "day"),
    ("en", "It was signed on 5 May.", "on 5 May", "date", "2024-05-05", "2024-05-05", "day"),
    # month without a year: the publication year, or the year before
    (
        "en",
        "In March of this year, Russia suffered an attack.",
        "In March of this year",
        "date",
        "2024-03",
        "2024-03",
        "month",
    ),
    ("en", "In March, Russia suffered an attack.", "In March", "date", "2024-03", "2024-03", "month"),
    ("en", "In June, gunmen struck.", "In June", "date", "2023-06", "2023-06", "month"),
    ("en", "in May the group regrouped", "in May", "date", "2024-05", "2024-05", "month"),
    ("en", "In March and April, outlets reported it.", "In March and April", "date", "2024-03", "2024-04", "month"),
    ("en", "from March to June 2023", "from March to June 2023", "date", "2023-03", "2023-06", "month"),
    ("en", "in March of last year", "in March of last year", "date", "2023-03", "2023-03", "month"),
    ("en", "The raid came last March.", "last March", "date", "2024-03", "2024-03", "month"),
    # years, ranges, prepositions
    ("en", "ISKP appeared in 2015.", "in 2015", "date", "2015", "2015", "year"),
    ("en", "Since 2015 the group has grown.", "Since 2015", "date", "2015", PUB, "year"),
    ("en", "until 2017 they fought", "until 2017", "date", None, "2017", "year"),
    ("en", "between 2015 and 2017", "between 2015 and 2017", "date", "2015", "2017", "year"),
    ("en", "the 2015–2017 period", "2015–2017", "date", "2015", "2017", "year"),
    # parts, seasons, decades
    ("en", "in early 2015 the group split", "in early 2015", "date", "2015-01", "2015-04", "month"),
    ("en", "in mid-2015", "in mid-2015", "date", "2015-05", "2015-08", "month"),
    ("en", "at the end of last year", "at the end of last year", "date", "2023-09", "2023-12", "month"),
    ("en", "in the first half of 2020", "in the first half of 2020", "date", "2020-01", "2020-06", "month"),
    ("en", "late March", "late March", "date", "2024-03-21", "2024-03-31", "day"),
    ("en", "Attacks rose in the spring.", "in the spring", "date", "2024-03", "2024-05", "month"),
    ("en", "in the summer the fighting stopped", "in the summer", "date", "2023-06", "2023-08", "month"),
    ("en", "in the winter of 2015", "in the winter of 2015", "date", "2014-12", "2015-02", "month"),
    ("en", "last summer", "last summer", "date", "2023-06", "2023-08", "month"),
    ("en", "in the 1990s", "in the 1990s", "date", "1990", "1999", "decade"),
    ("en", "since the '90s", "since the '90s", "date", "1990", PUB, "decade"),
    ("en", "in the early 2000s", "in the early 2000s", "date", "2000", "2003", "year"),
    # relative to the publication date
    ("en", "Police said yesterday.", "yesterday", "date", "2024-05-14", "2024-05-14", "day"),
    ("en", "The blast on Monday killed two.", "on Monday", "date", "2024-05-13", "2024-05-13", "day"),
    ("en", "Officials said Wednesday.", "Wednesday", "date", "2024-05-15", "2024-05-15", "day"),
    ("en", "Last Wednesday, a bomb went off.", "Last Wednesday", "date", "2024-05-08", "2024-05-08", "day"),
    ("en", "last week", "last week", "date", "2024-05-06", "2024-05-12", "day"),
    ("en", "last month", "last month", "date", "2024-04", "2024-04", "month"),
    ("en", "this year", "this year", "date", "2024", "2024", "year"),
    ("en", "two years ago", "two years ago", "date", "2022", "2022", "year"),
    ("en", "3 months ago", "3 months ago", "date", "2024-02", "2024-02", "month"),
    ("en", "earlier this year", "earlier this year", "date", "2024", PUB, "year"),
    ("en", "over the past two years", "over the past two years", "date", "2022", PUB, "year"),
    ("en", "in recent years", "in recent years", "date", None, None, "unknown"),
    ("en", "several years ago", "several years ago", "date", None, None, "unknown"),
    # anaphoric
    (
        "en",
        "Gunmen struck on 22 March 2024. The next day, four men were held.",
        "The next day",
        "anaphoric",
        "2024-03-23",
        "2024-03-23",
        "day",
    ),
    ("en", "It began on 1 May 2023. A year later, it ended.", "A year later", "anaphoric", "2024", "2024", "year"),
    ("en", "The following day, four men were held.", "The following day", "anaphoric", None, None, "unknown"),
    ("en", "In 2015 the group formed. The next day it attacked.", "The next day", "anaphoric", None, None, "unknown"),
    # historical anchors
    (
        "en",
        "after the Taliban takeover, attacks fell",
        "after the Taliban takeover",
        "historical",
        "2021-08-15",
        PUB,
        "day",
    ),
    ("en", "since the fall of Kabul", "since the fall of Kabul", "historical", "2021-08-15", PUB, "day"),
    ("en", "before 9/11 the camps were open", "before 9/11", "historical", None, "2001-09-11", "day"),
    ("en", "the September 11 attacks", "the September 11 attacks", "historical", "2001-09-11", "2001-09-11", "day"),
    (
        "en",
        "during the Soviet invasion of Afghanistan",
        "during the Soviet invasion of Afghanistan",
        "historical",
        "1979-12",
        "1979-12",
        "month",
    ),
    (
        "en",
        "after the US withdrawal from Afghanistan",
        "after the US withdrawal from Afghanistan",
        "historical",
        "2021-08-30",
        PUB,
        "day",
    ),
    (
        "en",
        "during the Republic period, when US troops were present",
        "during the Republic period",
        "historical",
        "2004-01",
        "2021-08",
        "month",
    ),
    (
        "en",
        "the Crocus City Hall attack shocked Russia",
        "the Crocus City Hall attack",
        "historical",
        "2024-03-22",
        "2024-03-22",
        "day",
    ),
    # anchored on the organisation's own life
    (
        "en",
        "in the first years of its existence ISKP would attack",
        "in the first years of its existence",
        "anchored:first_years",
        None,
        None,
        "unknown",
    ),
    (
        "en",
        "in the early days of its establishment",
        "in the early days of its establishment",
        "anchored:early_days",
        None,
        None,
        "unknown",
    ),
    (
        "en",
        "Since its inception, the militants have",
        "Since its inception",
        "anchored:since_founding",
        None,
        None,
        "unknown",
    ),
    # Russian
    (
        "ru",
        "Теракт произошёл 22 марта 2024 года в Подмосковье.",
        "22 марта 2024 года",
        "date",
        "2024-03-22",
        "2024-03-22",
        "day",
    ),
    ("ru", "Указ от 15 марта 2024 г. вступил в силу.", "15 марта 2024 г.", "date", "2024-03-15", "2024-03-15", "day"),
    ("ru", "Документ от 22.03.2024 опубликован.", "22.03.2024", "date", "2024-03-22", "2024-03-22", "day"),
    (
        "ru",
        "В январе 2015 года ИГИЛ-Х появилось в Афганистане.",
        "В январе 2015 года",
        "date",
        "2015-01",
        "2015-01",
        "month",
    ),
    ("ru", "В марте боевики напали на концертный зал.", "В марте", "date", "2024-03", "2024-03", "month"),
    ("ru", "В июне боевики напали.", "В июне", "date", "2023-06", "2023-06", "month"),
    ("ru", "В марте этого года Россия пережила теракт.", "В марте этого года", "date", "2024-03", "2024-03", "month"),
    ("ru", "В марте и апреле СМИ сообщали об угрозах.", "В марте и апреле", "date", "2024-03", "2024-04", "month"),
    ("ru", "с марта по июнь 2023 года", "с марта по июнь 2023 года", "date", "2023-03", "2023-06", "month"),
    ("ru", "Группа возникла в 2015 году.", "в 2015 году", "date", "2015", "2015", "year"),
    ("ru", "С 2015 года группа выросла.", "С 2015 года", "date", "2015", PUB, "year"),
    ("ru", "с 2015 по 2017 год", "с 2015 по 2017 год", "date", "2015", "2017", "year"),
    ("ru", "в 2015–2017 годах", "в 2015–2017 годах", "date", "2015", "2017", "year"),
    ("ru", "Это случилось в прошлом году.", "в прошлом году", "date", "2023", "2023", "year"),
    ("ru", "в этом году число атак выросло", "в этом году", "date", "2024", "2024", "year"),
    ("ru", "на прошлой неделе", "на прошлой неделе", "date", "2024-05-06", "2024-05-12", "day"),
    ("ru", "Вчера в Кабуле прогремел взрыв.", "Вчера", "date", "2024-05-14", "2024-05-14", "day"),
    ("ru", "в понедельник в Кабуле", "в понедельник", "date", "2024-05-13", "2024-05-13", "day"),
    ("ru", "во вторник в Кабуле", "во вторник", "date", "2024-05-14", "2024-05-14", "day"),
    ("ru", "два года назад", "два года назад", "date", "2022", "2022", "year"),
    ("ru", "год назад", "год назад", "date", "2023", "2023", "year"),
    ("ru", "за последние два года", "за последние два года", "date", "2022", PUB, "year"),
    ("ru", "в начале 2015 года", "в начале 2015 года", "date", "2015-01", "2015-04", "month"),
    ("ru", "в конце прошлого года", "в конце прошлого года", "date", "2023-09", "2023-12", "month"),
    ("ru", "в середине марта", "в середине марта", "date", "2024-03-11", "2024-03-20", "day"),
    ("ru", "Весной число атак выросло.", "Весной", "date", "2024-03", "2024-05", "month"),
    ("ru", "зимой 2015 года", "зимой 2015 года", "date", "2014-12", "2015-02", "month"),
    ("ru", "в 2010-х годах", "в 2010-х годах", "date", "2010", "2019", "decade"),
    ("ru", "в начале 2000-х", "в начале 2000-х", "date", "2000", "2003", "year"),
    ("ru", "в 90-е годы", "в 90-е годы", "date", "1990", "1999", "decade"),
    (
        "ru",
        "Нападение было 22 марта. На следующий день задержали четверых.",
        "На следующий день",
        "anaphoric",
        "2024-03-23",
        "2024-03-23",
        "day",
    ),
    ("ru", "На следующий день задержали четверых.", "На следующий день", "anaphoric", None, None, "unknown"),
    ("ru", "после захвата власти талибами", "после захвата власти талибами", "historical", "2021-08-15", PUB, "day"),
    (
        "ru",
        "с момента прихода талибов к власти",
        "с момента прихода талибов к власти",
        "historical",
        "2021-08-15",
        PUB,
        "day",
    ),
    ("ru", "до терактов 11 сентября", "до терактов 11 сентября", "historical", None, "2001-09-11", "day"),
    (
        "ru",
        "теракт в «Крокус Сити Холле» потряс страну",
        "теракт в «Крокус Сити Холле»",
        "historical",
        "2024-03-22",
        "2024-03-22",
        "day",
    ),
    ("ru", "теракт в Крокус Сити Холле", "теракт в Крокус Сити Холле", "historical", "2024-03-22", "2024-03-22", "day"),
    ("ru", "в период Республики", "в период Республики", "historical", "2004-01", "2021-08", "month"),
    (
        "ru",
        "в первые годы своего существования",
        "в первые годы своего существования",
        "anchored:first_years",
        None,
        None,
        "unknown",
    ),
    (
        "ru",
        "на начальном этапе своего существования",
        "на начальном этапе своего существования",
        "anchored:early_days",
        None,
        None,
        "unknown",
    ),
    ("ru", "с момента своего создания", "с момента своего создания", "anchored:since_founding", None, None, "unknown"),
]

NEGATIVE = [
    ("en", "ISKP may attack again soon."),
    ("en", "The attack killed over 140 innocent civilians."),
    ("en", "ISKP had between 1,500 and 5,000 fighters."),
    ("en", "In the end, the Taliban were victorious."),
    ("en", "Over the years, the number of fighters changed."),
    ("en", "One of the deadliest groups on the continent."),
    ("en", "Protesters march on the capital."),
    ("en", "Resolution 2254 and flight A321 were cited."),
    ("en", "The meeting was chaired by Jan Egeland."),
    ("ru", "Погибли более 140 человек."),
    ("ru", "Численность боевиков составляла от 1500 до 5000 человек."),
    ("ru", "Один из самых опасных филиалов."),
    ("ru", "Зима была суровой, а весна ранней."),
]


def _case_id(case: tuple) -> str:
    words = re.sub(r"\W+", "_", case[2])[:40]
    return f"{case[0]}-{words}"


@pytest.mark.parametrize(
    ("lang", "text", "quoted", "label", "start", "end", "precision"), CASES, ids=map(_case_id, CASES)
)
def test_find_dates_resolves_case(lang, text, quoted, label, start, end, precision):
    spans, _ = find_dates(text, lang, PUB)
    found = [s for s in spans if s.text == quoted]
    assert found, f"{quoted!r} not found; got {[s.text for s in spans]}"
    span = found[0]
    assert text[span.start : span.end] == span.text
    assert (span.label, span.value.start, span.value.end, span.value.precision) == (label, start, end, precision)
    assert span.value.text == quoted


@pytest.mark.parametrize(("lang", "text"), NEGATIVE, ids=[f"{c[0]}-{i}" for i, c in enumerate(NEGATIVE)])
def test_find_dates_ignores_non_dates(lang, text):
    spans, warnings = find_dates(text, lang, PUB)
    assert spans == [] and warnings == []


@pytest.mark.parametrize(
    ("lang", "text", "quoted", "partial"),
    [
        ("en", "In March of this year, Russia suffered an attack.", "In March of this year", "--03"),
        ("en", "The blast on 22 March killed 140.", "on 22 March", "--03-22"),
        ("en", "In March and April, outlets reported it.", "In March and April", "--03/--04"),
        ("ru", "В марте этого года Россия пережила теракт.", "В марте этого года", "--03"),
        ("ru", "Взрыв 22 марта унёс жизни 140 человек.", "22 марта", "--03-22"),
    ],
)
def test_find_dates_without_publication_keeps_partial(lang, text, quoted, partial):
    spans, warnings = find_dates(text, lang, None)
    (span,) = [s for s in spans if s.text == quoted]
    assert span.value.start is None and span.value.partial == partial
    assert any(f'"{quoted}"' in w and partial in w and "--published YYYY-MM-DD" in w for w in warnings)


def test_find_dates_without_publication_warns_in_words():
    _, warnings = find_dates("In March of this year, Russia suffered an attack.", "en", None)
    assert warnings == [
        'no publication date: "In March of this year" kept as month only (--03); pass --published YYYY-MM-DD'
    ]


@pytest.mark.parametrize(("lang", "text"), [("en", "Police said yesterday."), ("ru", "В прошлом году")])
def test_find_dates_without_publication_leaves_relative_unknown(lang, text):
    spans, warnings = find_dates(text, lang, None)
    assert spans[0].value.precision == "unknown" and spans[0].value.start is None
    assert len(warnings) == 1 and "--published" in warnings[0]


def test_find_dates_without_publication_keeps_absolute_and_open_ends():
    spans, warnings = find_dates("Since 2015, and after the Taliban takeover.", "en", None)
    assert [(s.value.start, s.value.end) for s in spans] == [("2015", None), ("2021-08-15", None)]
    assert warnings == []


def test_find_dates_bad_publication_date_is_a_warning():
    spans, warnings = find_dates("yesterday", "en", "15/05/2024")
    assert spans[0].value.precision == "unknown"
    assert any("15/05/2024" in w for w in warnings)


def test_find_dates_unknown_language_warns():
    spans, warnings = find_dates("22 mars 2024", "fr", PUB)
    assert spans == [] and "fr" in warnings[0]


def test_find_dates_cyrillic_offsets_are_exact():
    text = "Теракт в «Крокус Сити Холле» 22 марта 2024 года; на следующий день — аресты. В прошлом году — тоже."
    spans, _ = find_dates(text, "ru", PUB)
    assert [text[s.start : s.end] for s in spans] == [s.text for s in spans]
    assert [s.label for s in spans] == ["historical", "date", "anaphoric", "date"]


@pytest.mark.skipif(not SAMPLE.is_file(), reason="../shared is absent")
def test_find_dates_sample_article():
    text = SAMPLE.read_text(encoding="utf-8")
    spans, warnings = find_dates(text, "en", PUB)
    got = [(s.text, s.label, s.value.start, s.value.end) for s in spans]
    assert got == [
        ("In March of this year", "date", "2024-03", "2024-03"),
        ("In January 2015", "date", "2015-01", "2015-01"),
        ("during the Republic period", "historical", "2004-01", "2021-08"),
        ("At that time", "anaphoric", "2004-01", "2021-08"),  # the date just told
        ("in the early days of its establishment", "anchored:early_days", None, None),
        ("Since its inception", "anchored:since_founding", None, None),
        ("In March and April", "date", "2024-03", "2024-04"),
        ("in the first years of its existence", "anchored:first_years", None, None),
        ("after the Taliban takeover", "historical", "2021-08-15", PUB),
    ]
    assert warnings == []


@pytest.mark.parametrize(
    ("anchor", "kind", "expected"),
    [
        (DateValue("2015-01", "2015-01", "month"), "first_years", DateValue("2015", "2017", "year")),
        (DateValue("2015-01", "2015-01", "month"), "anchored:early_days", DateValue("2015-01", "2015-12", "month")),
        (DateValue("2015-01", "2015-01", "month"), "since_founding", DateValue("2015-01", None, "month")),
        (DateValue("2015", "2015", "year"), "early_days", DateValue("2015", "2015", "year")),
        (DateValue(None, None, "unknown"), "first_years", DateValue(None, None, "unknown")),
    ],
)
def test_existence_period_from_founding_date(anchor, kind, expected):
    assert existence_period(anchor, kind) == expected


def test_existence_period_rejects_unknown_kind():
    with pytest.raises(ValueError, match="first_years"):
        existence_period(DateValue("2015"), "anchored:later_years")


def test_dates_stage_fills_layer_and_warnings():
    doc = Document(id="d1", text="In March, gunmen attacked. В марте.", language="en")
    dates(doc)
    assert [s.text for s in doc.layers.dates] == ["In March"]
    assert doc.warnings == [
        'dates: no publication date: "In March" kept as month only (--03); pass --published YYYY-MM-DD'
    ]
    doc = Document(id="d2", text="In March, gunmen attacked.", language="en", published=PUB)
    assert dates(doc).layers.dates[0].value.start == "2024-03" and doc.warnings == []


def test_dates_stage_declares_needs():
    assert dates.name == "dates" and set(dates.needs) == {"text", "published", "language"} and dates.adds == ("dates",)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_candidates_near_triggers_equal_full_scan(lang):
    texts = [c[1] for c in CASES if c[0] == lang] + [t for lg, t in NEGATIVE if lg == lang]
    if lang == "en" and SAMPLE.is_file():
        texts.append(SAMPLE.read_text(encoding="utf-8"))
    for text in texts:
        fast = [(m.start, m.end, m.kind) for m in S.select(S.candidates(text, lang))]
        full = [(m.start, m.end, m.kind) for m in S.select(S.candidates(text, lang, exhaustive=True))]
        assert fast == full, text


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_historical_names_are_found(lang):
    for anchor in load_yaml("historical_dates.yaml"):
        for name in anchor["names"][lang]:
            text = name.replace("*", "").replace('"', "")
            spans, _ = find_dates(f"Это было после {text}." if lang == "ru" else f"It was after {text}.", lang, PUB)
            hist = [s for s in spans if s.label == "historical"]
            assert hist and hist[0].value.start == anchor["end"], name


def test_historical_dates_file_is_consistent():
    anchors = load_yaml("historical_dates.yaml")
    assert len(anchors) >= 30
    assert len({a["id"] for a in anchors}) == len(anchors)
    for a in anchors:
        assert a["precision"] in ("day", "month", "year")
        width = {"day": 10, "month": 7, "year": 4}[a["precision"]]
        assert len(a["start"]) == width and (a["end"] is None or len(a["end"]) == width), a["id"]
        assert a["end"] is None or a["start"] <= a["end"], a["id"]
        assert a["names"]["en"] and a["names"]["ru"], a["id"]
        assert all(isinstance(n, str) for lang in ("en", "ru") for n in a["names"][lang])


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_date_language_files_hold_only_strings(lang):
    data = load_yaml(f"dates_{lang}.yaml")
    words = [w for forms in data["prepositions"].values() for w in forms] + list(data["relative_words"])
    words += [w for m in data["months"].values() for w in m["names"] + m["abbrev"]]
    words += [w for forms in data["words"].values() for w in forms]
    assert all(isinstance(w, str) for w in words)  # YAML turns bare on/off/yes/no into booleans
    assert len(P.rules(lang)) > 50 and P.rules(lang) is P.rules(lang)  # compiled once


def test_find_dates_fall_needs_a_year():
    spans, _ = find_dates("Since the fall of the government, and in the fall of 2015.", "en", PUB)
    assert [(s.text, s.value.start) for s in spans] == [("in the fall of 2015", "2015-09")]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        (
            "en",
            "A bomb killed 12 people in Kabul on 3 March 2024. Two days after the attack, gunmen shot a police "
            "officer. At about the same time, militants attacked a checkpoint. A week before the bombing, police "
            "had arrested three men.",
            {
                "Two days after the attack": "2024-03-05",
                "At about the same time": "2024-03-05",
                "A week before the bombing": "2024-02-25",  # the bombing's date, not the one just before
            },
        ),
        (
            "en",
            "The ceasefire was signed on 12 May 2023. Three days after the signing, shelling resumed.",
            {"Three days after the signing": "2023-05-15"},
        ),
        (
            "ru",
            "3 марта 2024 года в Махачкале произошёл взрыв. Спустя три дня после теракта полиция задержала двоих "
            "подозреваемых. За два дня до теракта боевики обстреляли блокпост. В то же время в Дербенте сожгли машину.",
            {
                "Спустя три дня после теракта": "2024-03-06",
                "За два дня до теракта": "2024-03-01",
                "В то же время": "2024-03-01",
            },
        ),
    ],
)
def test_dates_anchored_to_an_event_resolve_against_its_date(lang, text, expected):
    spans, _ = find_dates(text, lang, "2024-03-10")
    got = {s.text: s.value.start for s in spans}
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    "lang, text, clause, value, next_text, next_value",
    [
        (
            "en",
            "A bomb killed 12 people in Kabul on 3 March 2024. The attack came two days after police arrested "
            "three men. The next day, hundreds protested.",
            "two days after",
            "2024-03-01",
            "The next day",
            "2024-03-04",  # the day after the attack, not after the arrests
        ),
        (
            "en",
            "Gunmen stormed a hotel in Mogadishu on 5 June 2023. The raid happened a week before the president "
            "visited the city.",
            "a week before",
            "2023-06-12",
            None,
            None,
        ),
        (
            "ru",
            "3 марта 2024 года в Махачкале произошёл взрыв. Нападение произошло через два дня после того, как "
            "полиция задержала троих. На следующий день прошёл митинг.",
            "через два дня после того, как",
            "2024-03-01",
            "На следующий день",
            "2024-03-04",
        ),
    ],
)
def test_dates_a_clause_after_came_n_days_after_is_dated_back_from_the_subject(
    lang, text, clause, value, next_text, next_value
):
    spans, _ = find_dates(text, lang, "2024-03-10" if lang == "ru" or "2024" in text else "2023-07-01")
    got = {s.text: (s.label, s.value.start) for s in spans}
    assert got[clause] == ("anaphoric:clause", value)
    if next_text:
        assert got[next_text][1] == next_value


def test_dates_n_days_after_without_came_is_not_a_clause_date():
    spans, _ = find_dates("On 3 March 2024 a bomb went off. He left two days after the police arrived.", "en", PUB)
    assert all(s.label != "anaphoric:clause" for s in spans)


def test_an_event_anchor_with_no_date_told_before_stays_undated():
    spans, _ = find_dates("Two days after the attack, gunmen shot a police officer.", "en", "2024-03-10")
    assert [(s.text, s.value.start) for s in spans] == [("Two days after the attack", None)]


# -- properties (hypothesis) ------------------------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from properties import PROPERTY, news_text  # noqa: E402

_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@PROPERTY
@given(news_text, st.sampled_from(["en", "ru"]), st.sampled_from([None, "2024-03-22", "2000-02-29", "1999-12-31"]))
def test_find_dates_property_spans_quote_the_text_and_values_are_dates(text, lang, published):
    spans, warnings = find_dates(text, lang, published)
    assert all(isinstance(w, str) for w in warnings)
    for s in spans:
        assert 0 <= s.start < s.end <= len(text) and text[s.start : s.end] == s.text
        v = s.value
        assert isinstance(v, DateValue)
        for bound in (v.start, v.end):
            assert bound is None or _ISO.fullmatch(bound)
        if v.start and v.end:
            assert v.start[: len(v.end)] <= v.end[: len(v.start)]


@pytest.mark.parametrize(
    "text, lang, published, day",
    [
        ("НАЗРАНЬ, 3 марта 2023 года. Вчера вечером неизвестные обстреляли пост.", "ru", "2023-03-03", "2023-03-02"),
        ("BAMAKO, Mali, October 12, 2022 — Gunmen attacked a convoy yesterday.", "en", "2022-10-12", "2022-10-11"),
        ("BAMAKO (AFP) — On 12 October 2022, gunmen attacked a convoy. Yesterday ...", "en", None, None),
        ("On 12 October 2022, gunmen attacked a convoy near Gao.", "en", None, None),
    ],
)
def test_dates_a_dateline_is_the_publication_date_when_none_is_given(text, lang, published, day) -> None:
    doc = dates(Document(id="d", text=text, language=lang))
    assert doc.published == published
    if published:
        assert any("dateline" in w for w in doc.warnings)
        assert any(s.value.start == day for s in doc.layers.dates)


def test_dates_a_given_publication_date_beats_the_dateline() -> None:
    text = "KABUL, June 24, 2024 — Gunmen attacked yesterday."
    doc = dates(Document(id="d", text=text, language="en", published="2024-06-25"))
    assert doc.published == "2024-06-25"
    assert not any("dateline" in w for w in doc.warnings)
