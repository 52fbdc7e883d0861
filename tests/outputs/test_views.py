"""Tests for sitrep.outputs.views: events and facts with their names, an actor's profile, incidents."""

from __future__ import annotations

from sitrep.outputs.views import actor_profile, document_item, event_item, fact_item, incident_items

import docfactory as fx


def test_views_event_item_is_the_contract_event_with_names_and_place():
    doc = fx.wire()
    item = event_item(doc, doc.events[0])
    assert item["id"] == "ev1" and item["fatalities"]["best"] == 133  # the contract's fields, as they are
    assert item["names"] == {"e1": "gunmen", "e2": "concert-goers", "e6": "ISKP", "e3": "Crocus City Hall",
                             "e8": "Russian investigators"}  # fmt: skip
    assert item["keys"]["e6"] == "kb:iskp"
    assert item["place"]["geo"]["feature"] == "place" and item["clause"].startswith("Gunmen attacked")
    assert (item["doc_id"], item["source"], item["fatalities_figure"]) == ("wire-crocus", "Example Wire", 133)


def test_views_fact_item_says_who_says_so():
    doc = fx.analysis()
    item = fact_item(doc, doc.facts[2])
    assert (item["predicate"], item["names"][item["attributed_to"]], item["phrase"]) == (
        "based_in", "Sami Sadat", "based in Balochistan")


def test_views_actor_profile_gathers_aliases_roles_facts_and_links():
    profile = actor_profile(fx.all_docs(), "kb:iskp")
    assert profile["name"] == "ISKP" and profile["type"] == "armed_group"
    aliases = {a["name"]: a["kinds"] for a in profile["aliases"]}
    assert aliases["ISIS-K"] == {"abbreviation": 1} and aliases["Исламское государство – Вилаят Хорасан"] == {"name": 1}
    assert {m["doc_id"] for m in profile["mentions"]} == {"analysis-iskp", "wire-crocus", "ru-crocus"}
    assert [e["date"]["start"] for e in profile["events"]["claimant"]] == ["2024-03", "2024-03-22", "2024-03-22"]
    assert [(e["doc_id"], e["id"]) for e in profile["events"]["target"]] == [("analysis-iskp", "ev2")]
    assert profile["events"]["actor"] == []
    edges = {(e["target"], e["kind"]) for e in profile["graph"]["edges"]}
    assert {("kb:taliban", "fights (of)"), ("security_force:pakistani police:PK", "coerce by")} <= edges
    assert actor_profile(fx.all_docs(), "kb:nobody") is None


def test_views_incidents_group_reports_of_one_attack():
    items = incident_items(fx.all_docs())
    crocus = next(i for i in items if i["type"] == "ASSAULT")
    assert sorted(r["doc_id"] for r in crocus["reports"]) == ["analysis-iskp", "ru-crocus", "wire-crocus"]
    assert crocus["incident_date"]["start"] == "2024-03-22"
    assert document_item(fx.russian())["warnings"] == ["facts: no facts found"]
