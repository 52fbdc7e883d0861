"""sitrep/extract/events/parties.py, through the pipeline: which party an attack's phrase names when no actor is
linked to it — here a country's armed forces named by the country alone on means only armed forces have."""

from __future__ import annotations

import pytest

import sitrep


def attack(text: str) -> tuple[sitrep.Document, sitrep.Event]:
    doc = sitrep.analyze(text, published="2024-05-15")
    found = [ev for ev in doc.events if ev.type == "ASSAULT"]
    assert len(found) == 1, [(ev.type, ev.actors) for ev in doc.events]
    return doc, found[0]


def actors(doc: sitrep.Document, ev: sitrep.Event) -> list[tuple[str, str | None]]:
    return [(doc.entity(i).name, doc.entity(i).country) for i in ev.actors]


@pytest.mark.parametrize(
    ("text", "forces"),
    [
        ("A US drone strike killed four militants in North Waziristan.", ("United States Armed Forces", "US")),
        ("Pakistani air strikes killed 10 militants in Khyber on Sunday.", ("Pakistan Armed Forces", "PK")),
        ("A Russian missile strike on Kharkiv killed three people.", ("Russian Armed Forces", "RU")),
        ("Afghan helicopters attacked a Taliban base in Helmand.", ("Military forces (AF)", "AF")),  # two armies
        ("Израильские авиаудары убили пятерых в Газе.", ("Israel Defense Forces", "IL")),
        ("Американский беспилотник нанёс удар по деревне в Йемене, погибли четыре человека.",
         ("United States Armed Forces", "US")),
    ],
)
def test_a_country_on_military_means_names_its_armed_forces(text: str, forces: tuple[str, str]) -> None:
    doc, ev = attack(text)
    assert actors(doc, ev) == [forces]
    assert all(doc.entity(i).type == "security_force" for i in ev.actors)


@pytest.mark.parametrize(
    "text",
    [
        "Palestinian rocket fire hit Sderot on Sunday, wounding two people.",  # rockets: not only armies fire them
        "A Kabul bombing killed five people on Sunday.",  # a place on a bombing is where, not who
        "An Iraqi suicide bomber killed five people in Baghdad.",  # no means only an army has
    ],
)
def test_a_country_names_no_forces_on_other_attacks(text: str) -> None:
    doc, ev = attack(text)
    assert not [a for a in actors(doc, ev) if "forces" in a[0].lower()]


def test_the_forces_named_by_the_adjective_are_the_same_actor_as_the_countrys_troops() -> None:
    doc = sitrep.analyze(
        "Pakistani troops clashed with militants in Khyber. Later Pakistani air strikes killed 10 militants there.",
        published="2024-05-15",
    )
    forces = [e for e in doc.entities if e.kb_id == "kb:pakistan_armed_forces"]
    assert len(forces) == 1 and len(forces[0].mentions) >= 2
    assert all(e.name != "Pakistani troops" for e in doc.entities)


@pytest.mark.parametrize(
    ("text", "forces"),
    [
        ("Russia launched missiles at Kyiv overnight, killing three people.", ("Russian Armed Forces", "RU")),
        ("Israel bombed targets in Gaza on Monday.", ("Israel Defense Forces", "IL")),
        ("Iran attacked a tanker in the Gulf of Oman.", ("Military forces (IR)", "IR")),
        ("Израиль атаковал цели в секторе Газа.", ("Israel Defense Forces", "IL")),
    ],
)
def test_a_country_that_attacks_names_its_armed_forces(text: str, forces: tuple[str, str]) -> None:
    """ACLED codes a state's attack to its military: a country as the one who attacked stands for its forces."""
    doc, ev = attack(text)
    assert actors(doc, ev) == [forces]


def test_a_country_that_only_modifies_the_attacker_names_no_forces() -> None:
    doc, ev = attack("Russia's allies in the region shelled a village near Donetsk.")
    assert not [a for a in actors(doc, ev) if "forces" in a[0].lower()]


def test_an_armed_party_that_says_it_attacked_is_the_attacker() -> None:
    """"The army said it killed ...": the pronoun is the armed speaker; not a speaker that was attacked."""
    doc, ev = attack("Israel's army said it killed a Hamas commander in Gaza on Sunday.")
    assert actors(doc, ev) == [("Israel Defense Forces", "IL")]
    doc, ev = attack("The ministry said it was attacked by unknown gunmen in Kabul.")
    assert not [a for a in actors(doc, ev) if "ministry" in a[0].lower() or "government" in a[0].lower()]
