"""The facts stage on short hand-written texts (run through the whole pipeline, published 2024-05-15)."""

from __future__ import annotations

import pytest

import sitrep


def run(text: str) -> sitrep.Document:
    return sitrep.analyze(text, published="2024-05-15")


def facts(doc, predicate):
    return [f for f in doc.facts if f.predicate == predicate]


def name(doc, entity_id):
    ent = doc.entity(entity_id)
    return ent.name if ent else None


@pytest.mark.parametrize(
    "text, low, high, unit",
    [
        (
            "The group has between 2,000 and 4,000 fighters in Afghanistan, Tehrik-i-Taliban Pakistan said.",
            2000,
            4000,
            "fighters",
        ),
        ("Over the years, the number of ISKP fighters ranged from 1,500 to 5,000 people.", 1500, 5000, "fighters"),
        ("Hizbul Mujahideen has about 300 members, officials estimate.", 300, 300, "members"),
    ],
)
def test_facts_size_ranges_with_units(text, low, high, unit):
    sizes = facts(run(text), "size")
    assert sizes and (sizes[0].value.low, sizes[0].value.high, sizes[0].value.unit) == (low, high, unit)


def test_facts_casualties_are_not_sizes():
    assert facts(run("Tehrik-i-Taliban Pakistan militants killed 40 soldiers in Bannu."), "size") == []


def test_facts_based_in_with_source_and_modality():
    doc = run("Renowned journalist Seymour Hersh said that the Haqqani Network has bases in Pakistan.")
    based = facts(doc, "based_in")
    assert [(name(doc, f.subject), name(doc, f.object), name(doc, f.attributed_to), f.modality) for f in based] == [
        ("Haqqani Network", "Pakistan", "Seymour Hersh", "reported")
    ]
    said = facts(doc, "statement")
    assert said and name(doc, said[0].subject) == "Seymour Hersh" and "bases in Pakistan" in said[0].value.text


def test_facts_relay_of_a_quoted_statement():
    doc = run(
        "According to Sami Sadat, the leadership council of ISKP is based in Balochistan. "
        "Sadat stated this on social media and was quoted by the Interfax agency."
    )
    based = facts(doc, "based_in")[0]
    assert name(doc, based.attributed_to) == "Sami Sadat" and name(doc, based.attributed_via) == "Interfax"
    assert based.qualifier == "leadership council"


def test_facts_hub_and_stronghold_phrasings():
    doc = run("Balochistan has become a major base for ISKP. Kunar serves as an important stronghold of the Taliban.")
    pairs = {(name(doc, f.subject), name(doc, f.object)) for f in facts(doc, "based_in")}
    assert ("Islamic State – Khorasan Province", "Balochistan") in pairs
    assert ("Taliban", "Kunar") in pairs


def test_facts_recruitment_channel_and_founding():
    doc = run("In January 2015, ISKP appeared in Afghanistan. The group recruits followers through Telegram.")
    founded = facts(doc, "founded")[0]
    assert name(doc, founded.object) == "Afghanistan" and founded.date.start == "2015-01"
    assert [name(doc, f.object) for f in facts(doc, "recruits_via")] == ["Telegram"]


def test_facts_route_across_sentences():
    doc = run(
        "The recruits travelled to Afghanistan via Turkey. Upon arrival in Afghanistan, they were ordered "
        "to move to Quetta."
    )
    route = facts(doc, "travelled_via")[0]
    assert [name(doc, p) for p in route.route] == ["Turkey", "Afghanistan", "Quetta"]
    assert route.value.text == "Turkey → Afghanistan → Quetta" and len(route.evidence) == 2


def test_facts_trend_with_dates():
    doc = run(
        "In 2016 ISKP carried out several hundred attacks in Afghanistan, but after the Taliban takeover "
        "the number of attacks decreased to several dozen."
    )
    trend = facts(doc, "trend")[0]
    assert trend.trend.direction == "decrease"
    assert (trend.trend.before.low, trend.trend.after.low) == (300, 36)
    assert trend.trend.after_date.start == "2021-08-15"


def test_facts_fights_is_one_fact_whichever_way_round():
    doc = run("The Taliban are fighting against ISKP in Nangarhar. ISKP fights the Taliban.")
    fights = facts(doc, "fights")
    assert len({(f.subject, f.object, f.modality) for f in fights}) == len(fights)
    assert {name(doc, fights[0].subject), name(doc, fights[0].object)} == {
        "Taliban",
        "Islamic State – Khorasan Province",
    }


def test_facts_hypothetical_and_future_modality():
    doc = run("The Pakistani government has vowed to eradicate the TTP.")
    fights = facts(doc, "fights")
    assert fights and fights[0].modality == "future"


def test_facts_member_of_from_a_descriptive_name():
    doc = run("The Khorasan branch of ISIS is active in Afghanistan. The Islamic State is weaker in Syria.")
    member = facts(doc, "member_of")
    assert [(name(doc, f.subject), name(doc, f.object)) for f in member] == [
        ("Islamic State – Khorasan Province", "Islamic State")
    ]


def test_facts_evidence_quotes_the_text():
    doc = run("Renowned journalist Seymour Hersh said that the Haqqani Network has bases in Pakistan.")
    for f in doc.facts:
        for span in f.evidence:
            assert doc.text[span.start : span.end] == span.text
