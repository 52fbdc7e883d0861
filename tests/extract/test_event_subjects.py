"""Subjects of event verbs the parse lost or took for a passive's (sitrep/extract/events/subjects.py), and parties
named with titles or as a people (parties.py), through the whole pipeline."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.extract.context import Context
from sitrep.extract.events import parties
from sitrep.settings import load


def actors(text: str, type_: str) -> list[str]:
    doc = sitrep.analyze(text, published="2024-05-15")
    found = [ev for ev in doc.events if ev.type == type_]
    assert found, [(ev.type, [t.text for t in ev.triggers]) for ev in doc.events]
    return [doc.entity(a).name for ev in found for a in ev.actors]


def test_a_participle_of_readiness_is_no_passive() -> None:
    doc = sitrep.analyze("Prime Minister Nawaz Sharif said he is prepared to hold talks with the Taliban.")
    ev = next(ev for ev in doc.events if ev.type == "AGREE")
    assert [doc.entity(a).name for a in ev.actors] == ["Nawaz Sharif"]
    assert "Taliban" in [doc.entity(t).name for t in ev.targets]


@pytest.mark.parametrize(
    "text, type_, actor",
    [
        ("Berlin along with its allies urged that Russia end the blockade.", "REQUEST", "Berlin"),
        ("Paris along with its allies demanded that Tehran free the hostages.", "REQUEST", "Paris"),
        ("Kenya eased security measures on Monday in Mandera county.", "CONCEDE", "Kenya"),
        ("Kenya eased emergency measures on Monday in Mandera county.", "CONCEDE", "Kenya"),  # a phrase trigger
        ("Italian doctors handed over 700 kg of medicine to the Red Crescent in Bam.", "RETREAT", "Civilians (IT)"),
    ],
)
def test_a_verb_hung_under_a_noun_takes_the_phrase_it_belongs_to_as_subject(text: str, type_: str, actor: str) -> None:
    assert actors(text, type_)[:1] == [actor]


def test_titles_do_not_count_against_the_length_of_a_name() -> None:
    text = "Lt. Gen. Anselme Remy resigned on Friday."
    ctx = Context(sitrep.analyze(text, published="2024-05-15"))
    ent = parties.named(ctx, (0, text.index(" resigned")))
    assert ent is not None and (ent.name, ent.type) == ("Anselme Remy", "person")


def test_a_people_named_in_the_plural_is_a_party() -> None:
    assert actors("Some 300 Iraqi Kurds asked for asylum in Germany.", "REQUEST") == ["Iraqi Kurds"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A police car parked outside the Al-Noor Hotel exploded in Mosul, wounding four people.", "en"),
        ("The Pakistan Petroleum Company pipeline near Sui blew up on Sunday.", "en"),
        ("В Нальчике взорвался автомобиль сотрудника полиции.", "ru"),
    ],
)
def test_what_exploded_is_not_who_set_it_off(text: str, lang: str) -> None:
    # the subject of "exploded" with no object is the device or what it was in, never the attacker
    doc = sitrep.analyze(text, published="2024-05-15", language=lang)
    attacks = [ev for ev in doc.events if ev.type == "ASSAULT"]
    assert attacks, [(ev.type, [t.text for t in ev.triggers]) for ev in doc.events]
    assert not [doc.entity(a).name for ev in attacks for a in ev.actors]


def test_who_detonated_a_device_did_it() -> None:
    assert actors("Al-Shabaab fighters detonated a car bomb at the gate of the base.", "ASSAULT") == ["al-Shabaab"]


@pytest.mark.parametrize(
    "text",
    [
        "A shopkeeper was shot dead by unidentified gunmen in Dardpora, Lolab.",
        "A settler was wounded in a shooting attack between Kfar Tapuah and Yitzhar.",
    ],
)
def test_a_place_beside_the_attackers_is_not_one_of_them(text: str) -> None:
    # "gunmen in X": where they were; "a shooting between X and Y": where it was (a clash names two sides)
    doc = sitrep.analyze(text, published="2024-05-15", settings=load({"event_coder": "rules"}))
    attacks = [ev for ev in doc.events if ev.type == "ASSAULT"]
    assert attacks
    assert not [doc.entity(a).name for ev in attacks for a in ev.actors if doc.entity(a).origin != "description"]


def test_a_body_its_place_defines_keeps_the_place() -> None:
    # "authorities in Slovenia": that country's authorities, not authorities found somewhere
    assert actors("Authorities in Slovenia cracked down on nationalist groups on Friday.", "COERCE") == ["Slovenia"]


@pytest.mark.parametrize(
    ("text", "type_", "actor", "lang"),
    [
        ("The Iranian delegation arrived in Vienna on Monday for talks.", "CONSULT", "Iranian delegation", "en"),
        ("Thousands of Nigerians converged on Lagos for a rally.", "PROTEST", "Thousands of Nigerians", "en"),
        ("Делегация Ирана прибыла в Вену на переговоры.", "CONSULT", "Iran", "ru"),
    ],
)
def test_those_who_came_for_an_act_are_its_actors(text: str, type_: str, actor: str, lang: str) -> None:
    doc = sitrep.analyze(text, published="2024-05-15", language=lang)
    found = [ev for ev in doc.events if ev.type == type_]
    assert found and [doc.entity(a).name for a in found[0].actors] == [actor]


@pytest.mark.parametrize(
    "text, victim",
    [
        (
            "Gunmen opened fire on a judge, Hassan Karimi who sits on the Kirkuk bench, killing him.",
            "Hassan Karimi",
        ),
        (
            "Colonel Farid Aziz was leaving his office in Mosul when a bomb went off under his car, killing him and "
            "wounding his driver.",
            "Farid Aziz",
        ),
    ],
)
def test_a_name_the_casualty_verbs_pronoun_stands_for_is_the_victim_not_the_actor(text: str, victim: str) -> None:
    # the chain of clauses gives "killing" the name's clause's subject; "him" is that person, so not its agent
    doc = sitrep.analyze(text, published="2024-05-15")
    ev = next(ev for ev in doc.events if ev.type == "ASSAULT")
    assert victim not in [doc.entity(a).name for a in ev.actors]


def test_a_named_attacker_keeps_his_act_when_the_pronoun_is_his_victim() -> None:
    assert "Ahmed Saleh" in actors("Ahmed Saleh shot at the mayor of Kirkuk, killing him.", "ASSAULT")
