"""The learned perpetrator linker (extract/perpetrators.py): which parties it reads, how it links one, and when it
stays out of the way."""

from __future__ import annotations

import json

import numpy as np

import sitrep
from sitrep.extract import perpetrators
from sitrep.extract.learned import HASH_BITS, Model, bucket, hashed, read_model
from sitrep.extract.perpetrators import MODEL, Reader, link
from sitrep.settings import load

RULES = load({"event_coder": "rules"})
SPIN_BOLDAK = (
    "An explosion in Sperwan Ghar killed six people and wounded fourteen. According to officials in the area, "
    "the Taliban are likely responsible."
)


def names(doc, ids):
    ents = {e.id: e.name for e in doc.entities}
    return [ents[i] for i in ids]


def toy(feature: str, strength: float = 40.0, threshold: float = 0.5) -> Model:
    """A linker that is sure of a party with ``feature`` and says no to any other."""
    sparse = np.zeros((2, 1 << HASH_BITS), dtype=np.float16)
    sparse[1, bucket(feature)] = strength
    bias = np.array([0.0, -4.0], dtype=np.float32)
    meta = {"labels": ["no", "yes"], "languages": ["en"], "link_probability": threshold}
    return Model(sparse, np.zeros((2, 0), dtype=np.float16), bias, ["no", "yes"], meta)


def test_the_shipped_model_reads_and_says_what_it_was_trained_on() -> None:
    model = read_model(MODEL, "link")
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))["link"]
    assert model.labels == ["no", "yes"] and model.sparse.shape == (2, 1 << HASH_BITS)
    assert meta["languages"] == ["en"] and 0 < meta["link_probability"] < 1
    assert meta["training"]["rand_train_records"] > 1000 and meta["training"]["right"] > 100


def test_a_suspected_group_the_rules_miss_becomes_a_hedged_actor() -> None:
    rules = sitrep.analyze(SPIN_BOLDAK, settings=RULES)
    assert [names(rules, e.actors) for e in rules.events] == [[]]
    doc = sitrep.analyze(SPIN_BOLDAK)
    (ev,) = doc.events
    assert names(doc, ev.actors) == ["Taliban"]
    (resp,) = ev.responsibility
    assert resp.modality == "hedged" and "responsible" in resp.evidence.text
    assert doc.text[resp.evidence.start : resp.evidence.end] == resp.evidence.text
    assert doc.layers.done[-2:] == ["perpetrators", "facts"]


def test_candidates_are_named_parties_near_the_attack_with_their_context() -> None:
    doc = sitrep.analyze(SPIN_BOLDAK, settings=RULES)
    (ev,) = doc.events
    found = Reader(doc).candidates(ev)
    # NER's "Sperwan Ghar" found no place in the gazetteer, but "in Sperwan Ghar" says where, not who: no candidate
    assert [ent.name for ent, _, _ in found] == ["Taliban"]
    model = perpetrators.default_model()
    p = [model.probabilities_of(*hashed(features))[1] for _, _, features in found]
    assert p[0] > model.meta["link_probability"]
    features = found[0][2]
    assert {"type:armed_group", "dep:nsubj", "hl:responsible", "anc_suspicion", "w+2:likely"} <= set(features)
    assert "sdist:1" in features  # the party is named one sentence after the attack


def test_no_party_is_read_across_a_paragraph_break() -> None:
    doc = sitrep.analyze(
        "Gunmen shot dead a shopkeeper in Quetta on Monday.\n\nThe Taliban held a meeting.", settings=RULES
    )
    attack = next(e for e in doc.events if e.type == "ASSAULT")
    assert Reader(doc).candidates(attack) == []


def test_link_replaces_the_placeholder_and_claims_go_to_claimed_by() -> None:
    text = "Gunmen attacked a police post in Jalalabad. A statement on a website named Hizb-e-Islami."
    doc = sitrep.analyze(text, settings=RULES)
    (ev,) = doc.events
    assert names(doc, ev.actors) == ["Unidentified armed group (AF)"]
    link(doc, toy("w-1:name"))  # a toy model: sure of the party after "named"
    assert names(doc, ev.claimed_by) == ["Hizb-e-Islami"]  # "statement" is a claim word
    assert [r.modality for r in ev.responsibility if names(doc, [r.actor]) == ["Hizb-e-Islami"]] == ["claimed"]
    doc = sitrep.analyze("Gunmen attacked a police post in Jalalabad. Officials named Hizb-e-Islami.", settings=RULES)
    (ev,) = doc.events
    link(doc, toy("w-1:name"))
    assert names(doc, ev.actors) == ["Hizb-e-Islami"]  # the placeholder gave way
    assert [r.modality for r in ev.responsibility] == ["asserted"]


def test_an_unsure_model_or_another_language_changes_nothing() -> None:
    doc = sitrep.analyze(SPIN_BOLDAK, settings=RULES)
    before = doc.to_json()
    link(doc, toy("w-1:name"))  # the Taliban's mention does not follow "named": not sure
    assert doc.to_json() == before
    ru = sitrep.analyze("Взрыв в Кандагаре унёс жизни шести человек. Ответственность возложили на талибов.")
    rules = sitrep.analyze(
        "Взрыв в Кандагаре унёс жизни шести человек. Ответственность возложили на талибов.", settings=RULES
    )
    assert [e.actors for e in ru.events] == [e.actors for e in rules.events]


def test_the_rules_setting_skips_the_stage(monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(perpetrators, "link", lambda doc, model: calls.append(doc) or doc)
    stage = perpetrators.make(RULES)
    stage.func(sitrep.analyze(SPIN_BOLDAK, settings=RULES))
    assert calls == []
    perpetrators.make(load({})).func(sitrep.analyze(SPIN_BOLDAK, settings=RULES))
    assert len(calls) == 1


def test_an_event_reads_only_the_mentions_around_it(monkeypatch) -> None:
    # a long report: each attack looks at the parties of its own paragraph, not at every mention in the text
    paragraph = "Gunmen attacked a police post in Quetta. According to officials, the Taliban are responsible."
    doc = sitrep.analyze("\n\n".join([paragraph] * 40), settings=RULES)
    reader = Reader(doc)
    looked: list[int] = []
    real = reader.features
    monkeypatch.setattr(
        reader, "features", lambda ev, ent, near, *a: looked.append(len(near)) or real(ev, ent, near, *a)
    )
    attacks = [ev for ev in doc.events if ev.type == "ASSAULT"]
    assert len(attacks) >= 20
    for ev in attacks:
        assert [ent.name for ent, _, _ in reader.candidates(ev)] == ["Taliban"]
    assert set(looked) == {1}  # one mention each: the one in the attack's paragraph


def first_attack_read(text: str) -> tuple[sitrep.Document, Reader, list[str]]:
    """The rules' analysis of ``text``, its linker's reader and the names of its first attack's candidates."""
    doc = sitrep.analyze(text, settings=RULES)
    attack = next(e for e in doc.events if e.type == "ASSAULT")
    reader = Reader(doc)
    return doc, reader, [ent.name for ent, _, _ in reader.candidates(attack)]


def test_no_link_to_a_weapon_a_person_hit_a_venue_or_an_accuser() -> None:
    doc, reader, found = first_attack_read(
        "Gunmen fired a rocket-propelled grenade (RPG) at the car of judge Maria Okonkwo outside the Lekki Mall "
        "in Lagos. Okonkwo's brother, Peter Adeyemi, accused the Niger Delta Avengers of the attack."
    )
    assert not any(name in ("RPG", "Lekki Mall", "Peter Adeyemi") for name in found), found
    assert all(doc.entities[[e.id for e in doc.entities].index(v)].type == "person" for v in reader.victims)


def test_no_link_to_whom_an_attack_hit_or_who_only_speaks_of_it() -> None:
    _, _, found = first_attack_read(
        "Gunmen shot dead two Hazara Democratic Party members in Quetta. A spokesman for the United Nations said "
        "he did not know who was behind the attack."
    )
    assert not any(name in ("Hazara Democratic Party", "United Nations") for name in found), found


def test_an_armed_group_hit_by_its_own_bomb_or_speaking_of_an_attack_stays_a_candidate() -> None:
    _, _, found = first_attack_read(
        "Two Lashkar-e-Taiba militants were killed by the bomb they were planting near Pulwama. Lashkar-e-Taiba "
        "said the attack would go on."
    )
    assert "Lashkar-e-Taiba" in found


def test_the_group_of_whom_the_attack_killed_is_not_who_did_it() -> None:
    # what is said of a victim ("Fadil was ... a member of X") names his group, not the gunmen's
    text = (
        "The imam of a mosque in Baghdad, Sheikh Talal Abbas Fadil, was killed when gunmen opened fire on him. "
        "Fadil was a Sunni and a member of the Association of Muslim Scholars."
    )
    doc = sitrep.analyze(text)
    [attack] = [e for e in doc.events if e.type == "ASSAULT"]
    assert "Association of Muslim Scholars" not in names(doc, attack.actors + attack.claimed_by)
    assert "Fadil" in " ".join(names(doc, attack.targets))
