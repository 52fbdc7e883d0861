"""bench/events_rand.py's scoring: the attack mode against RAND's weapon, with and without its known flaw."""

from __future__ import annotations

import sitrep

from paths import bench


def _row(weapon: str) -> dict:
    return {"weapon": weapon, "fatalities": 0, "injuries": 0, "country": "Afghanistan", "city": None,
            "perpetrator": "Unknown"}  # fmt: skip


def test_events_rand_attack_mode_takes_rockets_as_explosives_and_kidnappings_as_firearms() -> None:
    b = bench("events_rand")
    texts = {
        "Explosives": "Militants fired rockets at the governor's compound in Kandahar.",
        "Firearms": "Gunmen kidnapped two engineers on the road to Jalalabad.",
        "Knives & sharp objects": "A man stabbed a guard at the gate of the ministry in Kabul.",
    }
    rows = [_row(w) for w in texts]
    docs = [sitrep.analyze(t, published="2024-05-15") for t in texts.values()]
    scores = b.score(rows, docs)
    assert [next(e.mode for e in d.events if e.type == "ASSAULT") for d in docs] == [
        "heavy-weapons",
        "abduct",
        "primitive",
    ]
    assert scores["attack_mode"] == 1.0 and scores["n_attack_mode"] == 3
    assert scores["mode"] == round(1 / 3, 3)  # the old measure counts the rockets and the kidnapping as misses


def test_events_rand_a_disrupted_attack_is_placed_too() -> None:
    """A bomb found and defused is an incident to RAND: its place is scored (country), not counted as unplaced
    (country_attacks, the figure before)."""
    b = bench("events_rand")
    rows = [_row("Explosives") | {"country": "Iraq", "city": "Kirkuk"}]
    text = "Police in Kirkuk found and defused a bomb planted in front of a school."
    docs = [sitrep.analyze(text, published="2005-10-15")]
    assert not [e for e in docs[0].events if e.type == "ASSAULT"]
    scores = b.score(rows, docs)
    assert scores["country"] == 1.0 and scores["city"] == 1.0
    assert scores["country_attacks"] == 0.0 and scores["city_attacks"] == 0.0


def test_events_rand_city_names_compare_without_diacritics_articles_or_feature_words() -> None:
    b = bench("events_rand")
    assert b._plain("Srīkākulam") == b._plain("Srikakulam")
    assert b._plain("Al-Mahaweel") == b._plain("Mahaweel") == b._plain("Mahaweel District")
    assert b._plain("Sylhet ") == b._plain("sylhet")
    assert b._plain("Baghdad") != b._plain("Basra")
    doc = sitrep.analyze("A bomb exploded at a market in Kirkuk city, killing two people.")
    row = _row("Explosives") | {"country": "Iraq", "city": "Kirkuk"}
    assert b.score([row], [doc])["city"] == 1.0


def test_events_rand_a_party_of_another_event_is_no_perpetrator_of_the_attack() -> None:
    """A party that condemned the attack is a party of another event: the figure over every event counts it as an
    invented perpetrator, the figure over attacks does not; a named attacker counts in both."""
    b = bench("events_rand")
    texts = [
        "Gunmen shot dead a shopkeeper in Kirkuk. The Kurdistan Democratic Party condemned the attack.",
        "Taliban militants shot dead a shopkeeper in Kandahar.",
    ]
    rows = [_row("Firearms"), _row("Firearms") | {"perpetrator": "Taliban"}]
    scores = b.score(rows, [sitrep.analyze(t, published="2005-10-15") for t in texts])
    assert scores["no_false_perpetrator"] == 0.0 and scores["no_false_perpetrator_attacks"] == 1.0
    assert scores["perpetrator"] == 1.0 and scores["perpetrator_attacks"] == 1.0
