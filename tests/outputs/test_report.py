"""Tests for sitrep.outputs.report: headings, citations and quotes, grouping across documents, filters, empty inputs."""

from __future__ import annotations

import re

import pytest

from sitrep.model import Count, DateValue, Document, Entity, Event, Fact, Geo, Span
from sitrep.outputs.report import fmt_count, fmt_date, fmt_value, group_events, quote, report
from sitrep.store import Store

import docfactory as fx

HEADINGS = ["## Situation", "## Facts", "## Events", "## Timeline", "## Sources"]


def section(md: str, name: str) -> list[str]:
    """The non-empty lines under ``## name``, up to the next ``## ``."""
    lines = md.split("\n")
    start = lines.index(f"## {name}") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return [line for line in lines[start:end] if line.strip()]


def collapse(text: str) -> str:
    return " ".join(text.split())


# -- structure -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "docs",
    [fx.all_docs(), [fx.analysis()], [fx.russian()], [fx.empty()], []],
    ids=["three", "english", "russian", "nothing-found", "no-documents"],
)
def test_report_has_the_required_headings_in_order(docs):
    md = report(docs)
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert [h for h in headings if h in HEADINGS] == HEADINGS
    assert set(headings) <= {*HEADINGS, "## Places", "## Warnings"}
    assert md.startswith("# ")


def test_report_title_defaults_to_the_single_documents_title():
    assert report([fx.analysis()]).startswith("# The Taliban and the threat from ISKP\n")
    assert report(fx.all_docs()).startswith("# Situation report\n")
    assert report(fx.all_docs(), title="ISKP, spring 2024").startswith("# ISKP, spring 2024\n")


@pytest.mark.parametrize("name", ["Facts", "Events"])
def test_report_every_fact_and_event_line_cites_and_quotes(name):
    docs = fx.all_docs()
    md = report(docs)
    bullets = [line for line in section(md, name) if line.lstrip().startswith("- ")]
    assert bullets
    texts = [collapse(d.text) for d in docs]
    for line in bullets:
        assert re.search(r"\[[1-3]\]", line), line
        quotes = re.findall(r"“([^”]+)”", line)
        assert quotes, line
        for q in quotes:
            assert any(q.removesuffix(" …") in t for t in texts), q


def test_report_turns_entity_ids_into_names():
    md = report(fx.all_docs())
    assert not re.search(r"\be\d+\b", md)
    assert "Sami Sadat" in md and "Federal Security Service" in md


def test_report_sources_are_numbered_with_title_source_url_and_date():
    lines = section(report(fx.all_docs()), "Sources")
    assert lines[0].startswith("1. *The Taliban and the threat from ISKP* — Institute of Middle East Studies")
    assert "published 2024-03-23" in lines[1] and "<https://news.example.com/2024/03/23/crocus>" in lines[1]
    assert lines[2].startswith("3. *Число погибших в «Крокус Сити Холле» выросло до 143* — Пример-Новости")


def test_report_warnings_cite_their_document():
    assert section(report(fx.all_docs()), "Warnings") == ["- [3] facts: no facts found"]
    assert "## Warnings" not in report([fx.analysis()])


def test_report_places_table_has_coordinates():
    lines = section(report(fx.all_docs()), "Places")
    assert lines[0].startswith("| Place |")
    quetta = next(line for line in lines if line.startswith("| Quetta "))
    assert "30.1872" in quetta and "67.0125" in quetta and "Balochistan" in quetta


# -- sections --------------------------------------------------------------------------------------------------


def test_report_situation_overview_and_bullets():
    lines = section(report(fx.all_docs()), "Situation")
    overview = lines[0]
    assert "3 documents (2 in English, 1 in Russian)" in overview
    assert "published 2024-03-23 to 2024-05-15" in overview
    assert "shown once" in overview
    bullets = dict(line.split(":** ", 1) for line in lines[1:])
    assert bullets["- **Main actors"].startswith(
        "ISKP (armed group, 12 mentions; also “Islamic State-Khorasan Province”"
    )
    assert "Federal Security Service (security force" in bullets["- **Main actors"]
    assert "Quetta" in bullets["- **Places"] and "Crocus City Hall" in bullets["- **Places"]
    assert bullets["- **Period covered"] == "2015-01 to 2024-03-23"
    assert bullets["- **Events"] == "4 — COERCE 3, ASSAULT 1"
    assert "143 killed [3]" in bullets["- **Key figures"]
    assert "ISKP size 1,500–5,000 fighters [1]" in bullets["- **Key figures"]


@pytest.mark.parametrize(
    "expected",
    [
        "### ISKP (armed group)",
        "- size: 1,500–5,000 fighters [1] — “Over the years",
        "- based in Balochistan (hedged; according to Sami Sadat) [1] — “According to Sami Sadat",
        "- recruits via Telegram (reported) [1]",
        "- founded in Afghanistan, 2015-01 [1]",
        "- travelled via Turkey → Afghanistan → Quetta (reported) [1]",
        "### Taliban (armed group)",
        "- fights ISKP [1]",
    ],
)
def test_report_facts_in_words(expected):
    assert any(line.startswith(expected) for line in section(report(fx.all_docs()), "Facts"))


def test_report_events_show_who_did_what_where_with_counts():
    lines = section(report([fx.wire()]), "Events")
    attack = lines[0]
    assert attack.startswith("- **2024-03-22** · ASSAULT/firearms (ACLED: Violence against civilians – Attack): ")
    assert "Gunmen attacked concert-goers at Crocus City Hall (Moscow Oblast" in attack
    parts = ["at least 133 killed", "more than 140 injured", "claimed by ISKP"]
    parts += ["reported; according to Russian investigators", "confidence 0.90 [1] — “Gunmen opened fire"]
    assert all(part in attack for part in parts), attack
    arrest = lines[1]
    assert "Federal Security Service arrested gunmen in Bryansk region" in arrest and "11 arrested" in arrest


def test_report_merges_one_incident_reported_by_three_documents():
    md = report(fx.all_docs())
    lines = section(md, "Events")
    assert lines[0] == "Incidents reported by several documents are shown once, with every source cited."
    crocus = [line for line in lines if "Crocus City Hall" in line and line.startswith("- ")]
    assert len(crocus) == 1
    assert "[1][2][3] — [2] “Gunmen opened fire" in crocus[0]
    assert "over 140 killed [1], at least 133 killed [2], 143 killed [3]" in crocus[0]
    quotes = [line for line in lines if line.startswith("  - ")]
    assert [q[:7] for q in quotes] == ["  - [1]", "  - [3]"]
    assert "«Крокус Сити Холле»" in quotes[1]


def test_report_timeline_sorted_with_precision_and_unknown_dates_last():
    lines = section(report(fx.all_docs()), "Timeline")
    dates = [re.match(r"- \*\*(.+?)\*\*", line).group(1) for line in lines]
    assert dates == ["2015-01", "2023-06", "2024-03-22", "2024-03-23", "date unknown"]
    assert lines[0] == "- **2015-01** — ISKP founded in Afghanistan [1]"
    assert lines[2].endswith("[1][2][3]")


# -- grouping --------------------------------------------------------------------------------------------------


def test_report_facts_join_the_earliest_subject_sharing_a_key():
    text = "ISKP, also called TTP here, operates in Kunar."

    def doc(doc_id: str, name: str, aliases: list[str]) -> Document:
        subject = Entity("e1", name, "armed_group", aliases=aliases)
        kunar = Entity("e2", "Kunar", "admin_area", country="AF")
        fact = Fact("f1", "e1", "operates_in", object="e2", evidence=[fx.at(text, "operates in Kunar")])
        return Document(id=doc_id, text=text, language="en", entities=[subject, kunar], facts=[fact])

    docs = [doc("a", "TTP", []), doc("b", "ISKP", []), doc("c", "ISKP", ["TTP"]), doc("d", "ISKP", [])]
    headings = [line for line in section(report(docs), "Facts") if line.startswith("### ")]
    assert headings == ["### TTP (armed group)", "### ISKP (armed group)"]  # c joins a (the earliest), not b
    lines = section(report(docs), "Facts")
    cited = [re.findall(r"\[(\d)\]", line)[0] for line in lines if line.startswith("- ")]
    assert cited == ["1", "3", "2", "4"]


def test_group_events_groups_the_same_incident_across_documents():
    groups = group_events(fx.all_docs())
    assert [(g.sources, g.lead()[1].type) for g in groups] == [
        ([0, 1, 2], "ASSAULT"),
        ([0], "COERCE"),
        ([1], "COERCE"),  # the arrests in Bryansk (a day) and in the Russian text (undated) stay apart
        ([2], "COERCE"),
    ]
    assert groups[0].date.start == "2024-03-22"  # the most precise date of the three
    assert groups[0].lead()[0] == 1  # the report naming actors and targets leads


def _kabul(doc: Document) -> Document:
    doc.entities.append(Entity("e99", "Kabul", "city", geo=Geo(34.5281, 69.1723, 1138958, "AF", "Kabul", "city")))
    doc.events[0].location = "e99"
    return doc


def _other_actor(doc: Document) -> Document:
    doc.entities.append(Entity("e99", "Hizb ut-Tahrir", "armed_group", kb_id="kb:hizb-ut-tahrir"))
    doc.events[0].claimed_by = ["e99"]
    return doc


def _year_before(doc: Document) -> Document:
    doc.events[0].date = DateValue("2023-03-22", "2023-03-22", "day", "on Friday")
    return doc


def _other_type(doc: Document) -> Document:
    doc.events[0].type = "THREATEN"
    return doc


@pytest.mark.parametrize("change", [_kabul, _other_actor, _year_before, _other_type])
def test_group_events_keeps_different_incidents_apart(change):
    groups = group_events([fx.analysis(), change(fx.wire())])
    assert [g.sources for g in groups] == [[0], [0], [1], [1]]


def test_group_events_never_merges_two_events_of_one_document():
    doc = fx.wire()
    twin = Event(**{**doc.events[0].__dict__, "id": "ev3"})
    doc.events.append(twin)
    assert [g.sources for g in group_events([doc])] == [[0], [0], [0]]


def test_group_events_empty():
    assert group_events([]) == []
    assert group_events([fx.empty()]) == []


# -- filters ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "events", "facts"),
    [
        ({"actor": "FSB"}, ["2024-03-23", "date unknown"], []),
        ({"actor": "iskp"}, ["2023-06", "2024-03-22"], ["founded", "size", "based in", "recruits", "fights"]),
        ({"place": "Quetta"}, ["2023-06"], ["travelled via Quetta"]),
        ({"place": "Pakistan"}, ["2023-06"], ["based in Balochistan", "travelled via Quetta"]),
        ({"place": "Russia"}, ["2024-03-22", "2024-03-23"], []),
        ({"since": "2024-03-22", "until": "2024-03-31"}, ["2024-03-22", "2024-03-23", "date unknown"], []),
        ({"until": "2020"}, [], ["founded"]),
    ],
)
def test_report_filters_events_and_facts(filters, events, facts):
    md = report(fx.all_docs(), **filters)
    event_dates = [re.match(r"- \*\*(.+?)\*\*", x).group(1) for x in section(md, "Events") if x.startswith("- ")]
    assert event_dates == events
    fact_lines = [x for x in section(md, "Facts") if x.startswith("- ")]
    assert len(fact_lines) == len(facts)
    assert all(any(line.startswith(f"- {f}") for line in fact_lines) for f in facts)
    assert "filtered by" in md.split("\n")[2]


def test_report_filters_that_match_nothing_say_so():
    md = report(fx.all_docs(), actor="Hezbollah")
    assert section(md, "Events") == ["No events found."]
    assert section(md, "Facts") == ["No facts found."]
    assert "0 events and 0 facts matching the filters" in section(md, "Situation")[0]


def test_report_of_nothing_says_there_is_nothing():
    md = report([])
    assert section(md, "Situation") == ["Nothing to report: no documents were given, or none matched the filters."]
    assert section(md, "Sources") == ["No sources."]
    md = report([fx.empty()])
    assert section(md, "Events") == ["No events found."]
    assert section(md, "Timeline") == ["Nothing dated to show."]


def test_report_from_an_empty_store_says_there_is_nothing():
    with Store(":memory:") as store:
        md = report(store.documents(actor="ISKP"), actor="ISKP")
    assert "Nothing to report" in section(md, "Situation")[0]
    assert all(f"## {name}" in md for name in ("Situation", "Facts", "Events", "Timeline", "Sources"))


def test_report_from_the_store_equals_report_from_the_documents():
    with Store(":memory:") as store:
        store.add_many(fx.all_docs())
        stored = report(store.documents(since="2024-03"), since="2024-03")
    by_published = sorted(fx.all_docs(), key=lambda d: d.published or "")
    assert stored == report(by_published, since="2024-03")


# -- formatting helpers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (DateValue("2024-03-22", "2024-03-22", "day"), "2024-03-22"),
        (DateValue("2024-03", "2024-03", "month"), "2024-03"),
        (DateValue("2015", None, "year"), "2015"),
        (DateValue("2010", "2010", "decade"), "2010s"),
        (DateValue("2024-03", "2024-04", "month"), "2024-03 – 2024-04"),
        (DateValue(None, None, "unknown", "recently"), "date unknown"),
        (None, "date unknown"),
    ],
)
def test_fmt_date_respects_precision(value, expected):
    assert fmt_date(value) == expected


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("en", Count(low=140, text="over 140"), "over 140 killed"),
        ("en", Count(low=133, best=133, text="at least 133"), "at least 133 killed"),
        ("en", Count(best=3, text="three"), "3 killed"),
        ("en", Count(low=14, best=14, text="at least 14 policemen"), "at least 14 killed"),
        ("en", Count(low=140, best=140, text="more than 140 innocent civilians"), "more than 140 killed"),
        ("en", Count(low=8, best=8, high=8, text="Three soldiers and five militants"), "8 killed"),
        ("en", Count(low=1500, high=2000), "1,500–2,000 killed"),
        ("en", Count(low=12), "at least 12 killed"),
        ("en", Count(high=50), "up to 50 killed"),
        ("ru", Count(low=143, best=143, high=143, text="143 человек"), "143 killed"),
        ("ru", Count(low=140, text="более 140"), "at least 140 killed"),
        ("en", Count(), None),
        ("en", None, None),
    ],
)
def test_fmt_count(lang, count, expected):
    assert fmt_count(count, "killed", lang) == expected


def test_fmt_value_ranges_and_units():
    doc = fx.analysis()
    assert fmt_value(doc.facts[1].value) == "1,500–5,000 fighters"


def test_quote_trims_to_the_focus_sentence_and_length():
    text = "First sentence here. " + "The attack killed 12 people in the market. " + "Third one follows. " * 20
    doc = Document(id="q", text=text)
    span = Span.of(text, 0, len(text))
    assert quote(doc, span, focus=text.index("attack")) == "“The attack killed 12 people in the market.”"
    assert quote(doc, span) == "“First sentence here.”"
    long = Document(id="l", text="word " * 100)
    assert quote(long, Span.of(long.text, 0, 500), limit=30).endswith(" …”")
    assert len(quote(long, Span.of(long.text, 0, 500), limit=30)) <= 34


def test_report_names_who_blamed_a_named_party_but_not_an_unnamed_one() -> None:
    import sitrep

    unnamed = sitrep.analyze(
        "A suicide bomber blew himself up at a police post in Quetta on Monday, killing 14 policemen, officials said.",
        published="2024-05-15",
    )
    assert "blamed on" not in report([unnamed])
    named = sitrep.analyze(
        "Militants of the Balochistan Liberation Army attacked a police post in Quetta on Monday, killing 14 "
        "policemen, officials said.",
        published="2024-05-15",
    )
    assert "blamed on Balochistan Liberation Army" in report([named])
