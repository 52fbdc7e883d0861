"""sitrep/extract/events/roles.py, through the pipeline: who did it to whom, read from the parse."""

from __future__ import annotations

import pytest

import sitrep


def parties(text: str, type_: str) -> list[tuple[list[str], list[str]]]:
    doc = sitrep.analyze(text, published="2024-05-15")
    names = {e.id: e.name for e in doc.entities}
    return [([names[a] for a in ev.actors], [names[t] for t in ev.targets]) for ev in doc.events if ev.type == type_]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Police fired tear gas to disperse protesters in Nairobi.", "Police (KE)"),
        ("Militants threw grenades at a police post in Srinagar on Monday.", "Unidentified armed group (IN)"),
        ("Полиция применила слезоточивый газ против демонстрантов в Тбилиси.", "Police (GE)"),
    ],
)
def test_who_fires_throws_or_uses_a_weapon_is_the_actor(text: str, actor: str) -> None:
    assert actor in [a for actors, _ in parties(text, "ASSAULT") for a in actors]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Protesters blocked a highway in Nairobi on Monday.", "Protesters (KE)"),
        ("Rioters torched cars in Paris on Sunday.", "Rioters (FR)"),
        ("Протестующие перекрыли дорогу в Бишкеке.", "Protesters (KG)"),
    ],
)
def test_the_people_a_protest_noun_names_are_its_actors(text: str, actor: str) -> None:
    assert next(actors for actors, _ in parties(text, "PROTEST")) == [actor]


def test_a_mob_is_rioters() -> None:
    """ACLED codes mob violence to rioters: "A mob lynched a man" names its attackers."""
    assert "Rioters (PK)" in [a for actors, _ in parties("A mob lynched a man in Sialkot.", "ASSAULT") for a in actors]


def test_protesters_killed_are_protesters_not_civilians() -> None:
    assert parties("Police shot dead three protesters in Dhaka.", "ASSAULT") == [(["Police (BD)"], ["Protesters (BD)"])]


def test_a_passive_weapon_verbs_agent_stops_before_the_place_it_hit() -> None:
    text = "A bomb was thrown by unknown assailants at the Yapi Kredi Bank in Istanbul."
    assert [actors for actors, _ in parties(text, "ASSAULT")] == [["Unidentified armed group (TR)"]]


@pytest.mark.parametrize(
    ("text", "type_", "actors"),
    [
        ("Russia and Ukraine agreed to exchange prisoners.", "AGREE", ["Russia", "Ukraine"]),
        ("India and Pakistan held talks in Geneva.", "CONSULT", ["India", "Pakistan"]),
        ("Россия и Украина договорились об обмене пленными.", "AGREE", ["Russia", "Ukraine"]),
    ],
)
def test_each_conjunct_of_a_subject_is_a_party(text: str, type_: str, actors: list[str]) -> None:
    assert [a for a, _ in parties(text, type_)] == [actors]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Hezbollah fired dozens of rockets into northern Israel, the Israeli military said.", "Hezbollah"),
        ("Hamas launched hundreds of rockets at Israel on Saturday.", "Hamas"),
    ],
)
def test_who_fires_a_quantity_of_weapons_is_the_actor(text: str, actor: str) -> None:
    assert [actors for actors, _ in parties(text, "ASSAULT")] == [[actor]]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Boko Haram militants abducted 30 schoolgirls from a village in Borno state.", "Civilians (NG)"),
        ("Gunmen killed 12 mourners at a funeral in Kaduna.", "Civilians (NG)"),
    ],
)
def test_schoolgirls_and_mourners_are_civilians(text: str, target: str) -> None:
    assert [targets for _, targets in parties(text, "ASSAULT")] == [[target]]
