"""Hand-built analysed documents for the output-side tests (store, export, report).

Three documents about the March 2024 attack on Crocus City Hall near Moscow, written for these tests:

* :func:`analysis` -- an English analytic piece on ISKP (events, facts with values, dates, hedges, attribution);
* :func:`wire` -- an English news report from another source about the same attack, a day later;
* :func:`russian` -- a Russian news report, later still, about the same attack.

Every span is found in the text by :func:`at` / :func:`every`, so ``text[start:end] == span.text`` holds by
construction; ``tests/store/test_sqlite.py`` also checks the documents against the output contract.  Each call returns
fresh objects, so a test may change them.
"""

from __future__ import annotations

import re
from typing import Any

from sitrep.model import Count, DateValue, Document, Entity, Event, Fact, Geo, Mention, Quantity, Span


def at(text: str, needle: str, nth: int = 1) -> Span:
    """The ``nth`` occurrence of ``needle`` in ``text``."""
    idx = -1
    for _ in range(nth):
        idx = text.index(needle, idx + 1)
    return Span(idx, idx + len(needle), needle)


def every(text: str, *forms: str | tuple[str, str]) -> list[Mention]:
    """Every whole-word occurrence of each form, in text order; a form is a string or (string, mention kind)."""
    found = []
    for form in forms:
        surface, kind = form if isinstance(form, tuple) else (form, "name")
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            found.append(Mention(m.start(), m.end(), m.group(), kind))
    return sorted(found, key=lambda s: s.start)


def ent(text: str, eid: str, name: str, etype: str, forms: tuple[str | tuple[str, str], ...] = (), **kw) -> Entity:
    return Entity(id=eid, name=name, type=etype, mentions=every(text, *(forms or (name,))), **kw)  # type: ignore[arg-type]


FEATURES = {"country": "country", "admin_area": "admin1", "city": "city", "location": "place"}


def place(text: str, eid: str, name: str, etype: str, lat: float, lon: float, cc: str, **kw) -> Entity:
    """A gazetteer place: ``admin1``, ``geonameid`` (also its ``kb_id``) and ``forms`` are optional keywords."""
    geonameid = kw.pop("geonameid", None)
    geo = Geo(lat, lon, geonameid, cc, kw.pop("admin1", None), FEATURES[etype])  # type: ignore[arg-type]
    kw.setdefault("kb_id", f"geo:{geonameid}" if geonameid else None)
    return ent(text, eid, name, etype, kw.pop("forms", ()), geo=geo, country=cc, origin="gazetteer", **kw)


def day(iso: str, text: str) -> DateValue:
    return DateValue(start=iso, end=iso, precision="day", text=text)


def month(iso: str, text: str) -> DateValue:
    return DateValue(start=iso, end=iso, precision="month", text=text)


CROCUS: dict[str, Any] = {"lat": 55.8258, "lon": 37.3899, "cc": "RU", "admin1": "Moscow Oblast"}
KRASNOGORSK: dict[str, Any] = {"lat": 55.8204, "lon": 37.3302, "cc": "RU", "admin1": "Moscow Oblast"}
ISKP_ALIASES = ["Islamic State-Khorasan Province", "ISIS-K", "IS-K", "ИГИЛ-К", "Исламское государство – Вилаят Хорасан"]

ANALYSIS_TEXT = """\
The Taliban and the threat from ISKP

Islamic State-Khorasan Province (ISKP) remains one of the most dangerous jihadist groups in the region. \
In March 2024 gunmen attacked the Crocus City Hall concert venue in Krasnogorsk near Moscow, killing over 140 \
civilians; the attack was later claimed by ISKP. Russian investigators say that not all of the organisers have \
been identified.

ISKP appeared in Afghanistan in January 2015, when US and NATO troops were still in the country. Over the years \
the number of ISKP fighters has ranged from 1,500 to 5,000. According to Sami Sadat, a former deputy chief of the \
Afghan general staff quoted by Interfax, the leadership council of ISKP is probably based in Balochistan, Pakistan. \
In June 2023 Pakistani police arrested three ISKP members in Quetta.

The detained suspects said they had been recruited through Telegram while in Russia. Online mentors sent them to \
Afghanistan via Turkey, and from there to Quetta, the capital of Balochistan, for training. The Taliban are \
fighting ISKP across Afghanistan.
"""


def analysis() -> Document:
    t = ANALYSIS_TEXT
    s_attack = at(
        t,
        "In March 2024 gunmen attacked the Crocus City Hall concert venue in Krasnogorsk near Moscow, "
        "killing over 140 civilians; the attack was later claimed by ISKP.",
    )
    s_founded = at(
        t, "ISKP appeared in Afghanistan in January 2015, when US and NATO troops were still in the country."
    )
    s_size = at(t, "Over the years the number of ISKP fighters has ranged from 1,500 to 5,000.")
    s_based = at(
        t,
        "According to Sami Sadat, a former deputy chief of the Afghan general staff quoted by Interfax, "
        "the leadership council of ISKP is probably based in Balochistan, Pakistan.",
    )
    s_arrest = at(t, "In June 2023 Pakistani police arrested three ISKP members in Quetta.")
    s_recruit = at(t, "The detained suspects said they had been recruited through Telegram while in Russia.")
    s_route = at(
        t,
        "Online mentors sent them to Afghanistan via Turkey, and from there to Quetta, the capital of "
        "Balochistan, for training.",
    )
    s_fight = at(t, "The Taliban are fighting ISKP across Afghanistan.")
    entities = [
        ent(t, "e1", "ISKP", "armed_group", ("Islamic State-Khorasan Province", ("ISKP", "abbreviation")),
            aliases=list(ISKP_ALIASES), country="AF", kb_id="kb:iskp"),
        ent(t, "e2", "Taliban", "armed_group", aliases=["Islamic Emirate of Afghanistan"], wikidata="Q42418",
            country="AF", kb_id="kb:taliban"),
        place(t, "e3", "Crocus City Hall", "location", **CROCUS, aliases=["Крокус Сити Холл"]),
        place(t, "e4", "Krasnogorsk", "city", **KRASNOGORSK),
        place(t, "e5", "Moscow", "city", 55.7522, 37.6156, "RU", admin1="Moscow", geonameid=524901, wikidata="Q649"),
        place(t, "e6", "Russia", "country", 60.0, 100.0, "RU", geonameid=2017370, wikidata="Q159"),
        place(t, "e7", "Afghanistan", "country", 33.0, 66.0, "AF", geonameid=1149361, wikidata="Q889"),
        place(t, "e8", "Pakistan", "country", 30.0, 70.0, "PK", geonameid=1168579, wikidata="Q843"),
        place(t, "e9", "Balochistan", "admin_area", 28.49, 65.09, "PK", admin1="Balochistan"),
        place(t, "e10", "Quetta", "city", 30.1872, 67.0125, "PK", admin1="Balochistan", geonameid=1167528),
        place(t, "e11", "Turkey", "country", 39.0, 35.0, "TR", geonameid=298795, wikidata="Q43"),
        ent(t, "e12", "Sami Sadat", "person", origin="ner"),
        ent(t, "e13", "Interfax", "media", aliases=["Интерфакс"], country="RU", kb_id="kb:interfax"),
        ent(t, "e14", "Telegram", "organization", kb_id="kb:telegram"),
        ent(t, "e15", "civilians", "other", origin="description"),
        ent(t, "e16", "detained suspects", "other", origin="description"),
        ent(t, "e17", "Pakistani police", "security_force", country="PK", origin="description"),
    ]  # fmt: skip
    events = [
        Event(
            id="ev1",
            type="ASSAULT",
            mode="firearms",
            acled_event_type="Violence against civilians",
            acled_sub_event_type="Attack",
            targets=["e15"],
            claimed_by=["e1"],
            location="e3",
            date=month("2024-03", "In March 2024"),
            fatalities=Count(low=140, text="over 140"),
            confidence=0.8,
            evidence=[s_attack],
            triggers=[at(t, "attacked")],
        ),
        Event(
            id="ev2",
            type="COERCE",
            mode="arrest",
            acled_event_type="Strategic developments",
            acled_sub_event_type="Arrests",
            actors=["e17"],
            targets=["e1"],
            location="e10",
            date=month("2023-06", "In June 2023"),
            arrested=Count(low=3, best=3, high=3, text="three"),
            confidence=0.7,
            evidence=[s_arrest],
            triggers=[at(t, "arrested")],
        ),
    ]
    facts = [
        Fact(
            id="f1",
            subject="e1",
            predicate="founded",
            object="e7",
            date=month("2015-01", "January 2015"),
            evidence=[s_founded],
            summary="ISKP appeared in Afghanistan",
        ),
        Fact(
            id="f2",
            subject="e1",
            predicate="size",
            value=Quantity(1500, 5000, "fighters", "1,500 to 5,000"),
            evidence=[s_size],
        ),
        Fact(
            id="f3",
            subject="e1",
            predicate="based_in",
            object="e9",
            attributed_to="e12",
            modality="hedged",
            evidence=[s_based],
        ),
        Fact(id="f4", subject="e1", predicate="recruits_via", object="e14", modality="reported", evidence=[s_recruit]),
        Fact(id="f5", subject="e16", predicate="travelled_via", object="e11", modality="reported", evidence=[s_route]),
        Fact(id="f6", subject="e16", predicate="travelled_via", object="e7", modality="reported", evidence=[s_route]),
        Fact(id="f7", subject="e16", predicate="travelled_via", object="e10", modality="reported", evidence=[s_route]),
        Fact(id="f8", subject="e2", predicate="fights", object="e1", evidence=[s_fight]),
    ]
    return Document(
        id="analysis-iskp",
        text=t,
        title="The Taliban and the threat from ISKP",
        source="Institute of Middle East Studies",
        url="https://example.org/analysis/iskp-taliban",
        published="2024-05-15",
        language="en",
        entities=entities,
        events=events,
        facts=facts,
    )


WIRE_TEXT = """\
Gunmen kill at least 133 at concert hall near Moscow; Islamic State claims attack

MOSCOW, March 23 - Gunmen opened fire on concert-goers at the Crocus City Hall in Krasnogorsk on Friday evening, \
killing at least 133 people and wounding more than 140, Russian investigators said. Islamic State's Afghan \
affiliate, ISIS-K, claimed responsibility for the attack in a statement on Telegram. The Federal Security Service \
(FSB) said on Saturday it had detained 11 people, including all four gunmen, in the Bryansk region.
"""


def wire() -> Document:
    t = WIRE_TEXT
    s_attack = at(
        t,
        "Gunmen opened fire on concert-goers at the Crocus City Hall in Krasnogorsk on Friday evening, "
        "killing at least 133 people and wounding more than 140, Russian investigators said.",
    )
    s_claim = at(
        t, "Islamic State's Afghan affiliate, ISIS-K, claimed responsibility for the attack in a statement on Telegram."
    )
    s_arrest = at(
        t,
        "The Federal Security Service (FSB) said on Saturday it had detained 11 people, including all "
        "four gunmen, in the Bryansk region.",
    )
    entities = [
        ent(t, "e1", "gunmen", "other", ("Gunmen", "gunmen"), origin="description"),
        ent(t, "e2", "concert-goers", "other", origin="description"),
        place(t, "e3", "Crocus City Hall", "location", **CROCUS, aliases=["Крокус Сити Холл"]),
        place(t, "e4", "Krasnogorsk", "city", **KRASNOGORSK),
        place(t, "e5", "Moscow", "city", 55.7522, 37.6156, "RU", admin1="Moscow", geonameid=524901, wikidata="Q649",
              forms=("MOSCOW", "Moscow")),
        ent(t, "e6", "ISKP", "armed_group", (("ISIS-K", "abbreviation"),), aliases=list(ISKP_ALIASES), country="AF",
            kb_id="kb:iskp"),
        ent(t, "e7", "Islamic State", "armed_group", aliases=["ISIS", "IS"], kb_id="kb:isis"),
        ent(t, "e8", "Russian investigators", "government", country="RU", origin="description"),
        ent(t, "e9", "Federal Security Service", "security_force",
            ("Federal Security Service", ("FSB", "abbreviation")), aliases=["FSB", "ФСБ"], country="RU",
            kb_id="kb:fsb"),
        ent(t, "e10", "Telegram", "organization", kb_id="kb:telegram"),
        place(t, "e11", "Bryansk region", "admin_area", 52.95, 33.41, "RU", admin1="Bryansk Oblast"),
    ]  # fmt: skip
    events = [
        Event(
            id="ev1",
            type="ASSAULT",
            mode="firearms",
            acled_event_type="Violence against civilians",
            acled_sub_event_type="Attack",
            actors=["e1"],
            targets=["e2"],
            claimed_by=["e6"],
            location="e3",
            date=day("2024-03-22", "on Friday evening"),
            fatalities=Count(low=133, best=133, text="at least 133"),
            injuries=Count(low=140, text="more than 140"),
            modality="reported",
            attributed_to="e8",
            confidence=0.9,
            evidence=[s_attack, s_claim],
            triggers=[at(t, "opened fire")],
        ),
        Event(
            id="ev2",
            type="COERCE",
            mode="arrest",
            acled_event_type="Strategic developments",
            acled_sub_event_type="Arrests",
            actors=["e9"],
            targets=["e1"],
            location="e11",
            date=day("2024-03-23", "on Saturday"),
            arrested=Count(low=11, best=11, high=11, text="11"),
            modality="reported",
            attributed_to="e9",
            confidence=0.85,
            evidence=[s_arrest],
            triggers=[at(t, "detained")],
        ),
    ]
    return Document(
        id="wire-crocus",
        text=t,
        title="Gunmen kill at least 133 at concert hall near Moscow",
        source="Example Wire",
        url="https://news.example.com/2024/03/23/crocus",
        published="2024-03-23",
        language="en",
        entities=entities,
        events=events,
    )


RUSSIAN_TEXT = """\
Число погибших в «Крокус Сити Холле» выросло до 143

Число погибших в результате теракта в «Крокус Сити Холле» в Красногорске 22 марта 2024 года выросло до 143 \
человек, сообщили в Министерстве здравоохранения Московской области. Ответственность за нападение взяла на себя \
группировка «Исламское государство – Вилаят Хорасан» (ИГИЛ-К). По данным ФСБ, задержаны 11 человек, в том числе \
четверо предполагаемых исполнителей.
"""


def russian() -> Document:
    t = RUSSIAN_TEXT
    s_attack = at(
        t,
        "Число погибших в результате теракта в «Крокус Сити Холле» в Красногорске 22 марта 2024 года "
        "выросло до 143 человек, сообщили в Министерстве здравоохранения Московской области.",
    )
    s_claim = at(
        t, "Ответственность за нападение взяла на себя группировка «Исламское государство – Вилаят Хорасан» (ИГИЛ-К)."
    )
    s_arrest = at(t, "По данным ФСБ, задержаны 11 человек, в том числе четверо предполагаемых исполнителей.")
    entities = [
        place(t, "e1", "Crocus City Hall", "location", **CROCUS, aliases=["Крокус Сити Холл"],
              forms=("Крокус Сити Холле",)),
        place(t, "e2", "Krasnogorsk", "city", **KRASNOGORSK, aliases=["Красногорск"], forms=("Красногорске",)),
        ent(t, "e3", "ISKP", "armed_group", ("Исламское государство – Вилаят Хорасан", ("ИГИЛ-К", "abbreviation")),
            aliases=list(ISKP_ALIASES), country="AF", kb_id="kb:iskp"),
        ent(t, "e4", "Federal Security Service", "security_force", (("ФСБ", "abbreviation"),), aliases=["FSB", "ФСБ"],
            country="RU", kb_id="kb:fsb"),
        ent(t, "e5", "Министерство здравоохранения Московской области", "government",
            ("Министерстве здравоохранения Московской области",), country="RU", origin="ner"),
    ]  # fmt: skip
    events = [
        Event(
            id="ev1",
            type="ASSAULT",
            acled_event_type="Violence against civilians",
            acled_sub_event_type="Attack",
            claimed_by=["e3"],
            location="e1",
            date=day("2024-03-22", "22 марта 2024 года"),
            fatalities=Count(low=143, best=143, high=143, text="143 человек"),
            modality="reported",
            attributed_to="e5",
            confidence=0.85,
            evidence=[s_attack, s_claim],
            triggers=[at(t, "теракта")],
        ),
        Event(
            id="ev2",
            type="COERCE",
            mode="arrest",
            acled_event_type="Strategic developments",
            acled_sub_event_type="Arrests",
            actors=["e4"],
            arrested=Count(low=11, best=11, high=11, text="11 человек"),
            modality="reported",
            attributed_to="e4",
            confidence=0.6,
            evidence=[s_arrest],
            triggers=[at(t, "задержаны")],
        ),
    ]
    return Document(
        id="ru-crocus",
        text=t,
        title="Число погибших в «Крокус Сити Холле» выросло до 143",
        source="Пример-Новости",
        url="https://ru.example.com/news/crocus",
        published="2024-03-28",
        language="ru",
        entities=entities,
        events=events,
        warnings=["facts: no facts found"],
    )


def all_docs() -> list[Document]:
    return [analysis(), wire(), russian()]


def empty(doc_id: str = "empty-1") -> Document:
    """A document nothing was found in (what a failed JSONL line turns into)."""
    return Document(id=doc_id, text="Nothing to see here.", language="en", warnings=["ingest: nothing found"])


def numbered(i: int) -> Document:
    """A small document with rows in most tables, different for every ``i`` (load and kill tests)."""
    text = f"Gunmen killed {i + 2} policemen in Quetta on Monday, officials said. Reference r{i}z."
    quetta = text.index("Quetta")
    return Document(
        id=f"d{i}",
        text=text,
        language="en",
        entities=[Entity("e1", "Quetta", "city", mentions=[Mention(quetta, quetta + 6, "Quetta")])],
        events=[
            Event("v1", "ASSAULT", location="e1", fatalities=Count(best=i + 2), evidence=[Span(0, len(text), text)])
        ],
    )
