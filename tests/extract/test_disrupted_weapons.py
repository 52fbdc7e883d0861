"""Weapons found, seized or defused are no attack (``interdiction`` in events_<lang>.yaml, read by
sitrep/extract/events/triggers.py): ACLED "Disrupted weapons use" in English and Russian, and the words of what
was left of a weapon that was used ("fragments of the bomb") keep their attack. Sentences written for these tests
(fictional incidents); published 2024-05-15."""

from __future__ import annotations

from functools import cache

import pytest

import sitrep

PUB = "2024-05-15"
DISRUPTED = ("COERCE", "Strategic developments", "Disrupted weapons use")


@cache
def run(text: str, lang: str) -> sitrep.Document:
    return sitrep.analyze(text, published=PUB, language=lang)


def coded(doc: sitrep.Document) -> list[tuple[str, str | None, str | None]]:
    return [(ev.type, ev.acled_event_type, ev.acled_sub_event_type) for ev in doc.events]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Police found a bomb near the bus station in Quetta on Monday."),
        ("en", "Security forces seized 20 kg of explosives from a house in Peshawar."),
        ("en", "Army engineers defused a roadside bomb on the highway near Kandahar."),
        ("en", "A pipe bomb was discovered under a car in Belfast on Friday."),
        ("en", "Troops recovered a cache of rockets and grenades in a village near Kunduz."),
        ("en", "Customs officers intercepted a shipment of rifles at the port of Mombasa."),
        ("ru", "Полицейские изъяли взрывное устройство в Махачкале."),
        ("ru", "Сотрудники ФСБ обнаружили СВУ в жилом доме в Нальчике."),
        ("ru", "Бомба была обезврежена сапёрами в центре Грозного."),
        ("ru", "В лесу под Хасавюртом найден тайник с гранатами и патронами."),
        ("ru", "Силовики изъяли десять килограммов тротила в Буйнакске."),
        ("ru", "Пограничники конфисковали партию оружия на границе с Казахстаном."),
    ],
)  # fmt: skip
def test_disrupted_weapons_a_weapon_found_seized_or_defused_is_no_attack(lang, text):
    doc = run(text, lang)
    assert coded(doc) == [DISRUPTED], coded(doc)
    (ev,) = doc.events
    assert ev.mode == "seize" and ev.weapon is None and ev.gtd_attack_type is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "A bomb exploded near the market in Quetta, killing three people. Police later found a second bomb "
               "and defused it."),
        ("ru", "В Назрани прогремел взрыв, погибли двое. Позже полицейские обнаружили второе взрывное устройство."),
    ],
)  # fmt: skip
def test_disrupted_weapons_the_blast_stays_an_attack_beside_the_device_found(lang, text):
    doc = run(text, lang)
    assert [ev.type for ev in doc.events] == ["ASSAULT", "COERCE"]
    assert doc.events[0].mode == "explosives" and doc.events[0].fatalities.best == (3 if lang == "en" else 2)
    assert doc.events[1].acled_sub_event_type == "Disrupted weapons use"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Investigators found fragments of the bomb at the scene of the blast in Kabul."),
        ("ru", "На месте взрыва в Кизляре найдены фрагменты самодельного взрывного устройства."),
    ],
)  # fmt: skip
def test_disrupted_weapons_what_is_left_of_a_used_weapon_keeps_the_attack(lang, text):
    assert [(ev.type, ev.mode) for ev in run(text, lang).events] == [("ASSAULT", "explosives")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Police found the bodies of two men in a field near Lahore."),
        ("ru", "Полицейские нашли угнанный автомобиль в Каспийске."),
    ],
)  # fmt: skip
def test_disrupted_weapons_a_find_that_is_no_weapon_is_no_disruption(lang, text):
    assert all(ev.acled_sub_event_type != "Disrupted weapons use" for ev in run(text, lang).events)


@pytest.mark.parametrize(
    "text",
    [
        "A bomb was found near the stadium in Mardan. Bomb disposal experts safely detonated the device.",
        "Sappers blew up the mine in a controlled explosion on the road to Khost.",
        "The soldiers harmlessly exploded the grenades they had recovered near the border.",
    ],
)
def test_disrupted_weapons_a_controlled_detonation_is_no_attack(text):
    # those who found a device and set it off safely did not attack anyone
    doc = run(text, "en")
    assert "ASSAULT" not in [ev.type for ev in doc.events], coded(doc)
    assert DISRUPTED in coded(doc)


def test_disrupted_weapons_a_blast_set_off_by_attackers_stays_an_attack():
    doc = run("Militants blew up the bridge in a huge explosion near Dera Bugti.", "en")
    assert [ev.type for ev in doc.events] == ["ASSAULT"], coded(doc)
