"""The learned ACLED coder (extract/learned.py, extract/coder.py): its features, its model file, and how it
overrides the rules (only when sure)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import sitrep
from sitrep.errors import ConfigError, ModelError
from sitrep.extract import coder, learned
from sitrep.extract.coder import recode
from sitrep.extract.learned import HASH_BITS, EventInput, Model, bucket, event_input, featurize, read_model
from sitrep.settings import load

N = 1 << HASH_BITS
DENSE = 128 + learned.RU_DIMS


def toy_model(word: str, label: str, labels: list[str], strength: float = 8.0, **meta: object) -> Model:
    """A model that says ``label`` when ``word`` is among the event's words, and is unsure otherwise."""
    sparse = np.zeros((len(labels), N), dtype=np.float16)
    sparse[labels.index(label), bucket(f"w:{word}")] = strength
    dense = np.zeros((len(labels), DENSE), dtype=np.float16)
    return Model(sparse, dense, np.zeros(len(labels), dtype=np.float32), labels, dict(meta))


def test_the_hash_is_stable_across_processes() -> None:
    # crc32: no per-process seed; a change here would silently break the shipped model
    assert bucket("w:killed") == 5893 and bucket("r:type=ASSAULT") == 41836


def test_hashed_names_are_their_buckets_once_each_in_order() -> None:
    names = ["w:killed", "r:type=ASSAULT", "w:killed", "l:убит"]
    idx, vals = learned.hashed(names)
    assert idx.tolist() == sorted({bucket(n) for n in names}) and len(idx) == 3
    assert vals.dtype == np.float32 and np.allclose(vals, 1 / np.sqrt(3))
    assert learned.hashed([])[0].tolist() == []


def test_features_are_unit_length_blocks() -> None:
    x = EventInput("en", ["troops", "shelled", "the", "village"], ["troop", "shell", "the", "village"], ["shell"])
    idx, vals, dense = featurize(x)
    assert len(idx) == len(set(idx.tolist())) and abs(float(vals @ vals) - 1.0) < 1e-5
    assert dense.shape == (DENSE,) and abs(float(np.linalg.norm(dense[:128])) - 1) < 1e-4 and not dense[128:].any()
    ru = EventInput("ru", ["обстрел", "села"], ["обстрел", "село"])
    _, _, dense_ru = featurize(ru)
    assert not dense_ru[:128].any() and abs(float(np.linalg.norm(dense_ru[128:])) - 1) < 1e-4


def test_event_input_reads_the_event_and_the_rules_coding() -> None:
    doc = sitrep.analyze(
        "Gunmen shot dead 4 shopkeepers in Kandahar on Monday.", settings=load({"event_coder": "rules"})
    )
    ev = doc.events[0]
    x = event_input(doc, ev)
    assert "<num>" in x.words and "shopkeepers" in x.words and "kandahar" in x.words
    assert x.rule["type"] == "ASSAULT" and x.rule["acled"] == ev.acled_sub_event_type and x.rule["killed"] is True
    assert set(x.triggers) & {"shoot", "shot", "dead"}
    assert ("r:type=ASSAULT" in x.names() and "b:shoot_dead" in x.names()) or "b:shot_dead" in x.names()


@pytest.mark.parametrize(
    ("actors", "targets", "armed_sides", "one_sided"),
    [
        (["armed_group"], ["security_force"], True, False),  # militants attacked a police post
        (["armed_group", "security_force"], [], True, False),  # soldiers and militants exchanged fire
        (["armed_group"], [], False, True),  # gunmen killed villagers: no armed party hit
        (["armed_group"], ["government"], False, True),
        (["government"], [], False, False),
        ([], ["security_force"], False, False),
    ],
)
def test_sides_tell_armed_parties_on_both_sides_from_one_sided_violence(actors, targets, armed_sides, one_sided):
    assert learned.sides(actors, targets) == {"armed_sides": armed_sides, "one_sided": one_sided}


def test_event_input_carries_the_sides_feature() -> None:
    doc = sitrep.analyze(
        "Taliban fighters attacked a police checkpoint in Kandahar on Monday.", settings=load({"event_coder": "rules"})
    )
    x = event_input(doc, doc.events[0])
    assert "armed_sides" in x.rule and "one_sided" in x.rule
    assert (f"r:armed_sides={x.rule['armed_sides']}" in x.names()) == bool(x.rule["armed_sides"])


def test_the_model_overrides_the_rules_only_when_sure() -> None:
    doc = sitrep.analyze(
        "Gunmen shot dead 4 shopkeepers in Kandahar on Monday.", settings=load({"event_coder": "rules"})
    )
    assert doc.events[0].acled_sub_event_type == "Attack"
    labels = ["Attack", "Armed clash", "Sexual violence"]
    sure = toy_model("shopkeepers", "Armed clash", labels)
    recode(doc, sure)
    assert (doc.events[0].acled_event_type, doc.events[0].acled_sub_event_type) == ("Battles", "Armed clash")
    doc = sitrep.analyze(
        "Gunmen shot dead 4 shopkeepers in Kandahar on Monday.", settings=load({"event_coder": "rules"})
    )
    unsure = toy_model("shopkeepers", "Armed clash", labels, strength=0.5, min_probability=0.9)
    recode(doc, unsure)
    assert doc.events[0].acled_sub_event_type == "Attack"


def test_events_the_rules_do_not_code_for_acled_stay_uncoded() -> None:
    doc = sitrep.analyze("The minister called for calm and urged talks.", settings=load({"event_coder": "rules"}))
    before = [(e.type, e.acled_sub_event_type) for e in doc.events]
    recode(doc, toy_model("calm", "Armed clash", ["Attack", "Armed clash"]))
    assert [(e.type, e.acled_sub_event_type) for e in doc.events] == before


def test_a_model_file_that_does_not_fit_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot be read"):
        read_model(tmp_path, "recode")
    np.savez(tmp_path / "recode.npz", sparse=np.zeros((2, 10)), dense=np.zeros((2, 3)), bias=np.zeros(2))
    (tmp_path / "meta.json").write_text(json.dumps({"recode": {"labels": ["Attack", "Armed clash"]}}), encoding="utf-8")
    with pytest.raises(ModelError, match="does not match"):
        read_model(tmp_path, "recode")
    with pytest.raises(ModelError, match="cannot be read"):
        read_model(tmp_path, "detect")


def test_an_unknown_coder_setting_is_refused() -> None:
    with pytest.raises(ConfigError, match="event_coder"):
        load({"event_coder": "magic"})


def test_none_from_the_model_keeps_the_rules_answer() -> None:
    doc = sitrep.analyze(
        "Gunmen shot dead 4 shopkeepers in Kandahar on Monday.", settings=load({"event_coder": "rules"})
    )
    recode(doc, toy_model("shopkeepers", "none", ["Attack", "Armed clash", "none"]))
    assert doc.events[0].acled_sub_event_type == "Attack"


def test_the_shipped_models_know_the_ontology() -> None:
    recoder, detector = learned.default_model("recode"), learned.default_model("detect")
    assert recoder and detector, "sitrep/models/events_acled is incomplete: python scripts/train_events.py"
    assert len(recoder.labels) == 25 and all(coder.event_type_of(label) for label in recoder.labels)
    assert detector.labels == sorted([*recoder.labels, learned.NONE])
    assert 0.3 <= recoder.min_probability < 1.0 and detector.detect_probability >= 0.3
    assert 0.5 <= recoder.meta["cross_probability"] <= 1.1  # crossing PLOVER types: the model must favour the label
    assert set(recoder.meta["trusted_rules"]) <= set(recoder.labels)


def test_trusted_rule_labels_are_never_recoded() -> None:
    doc = sitrep.analyze(
        "Gunmen shot dead 4 shopkeepers in Kandahar on Monday.", settings=load({"event_coder": "rules"})
    )
    model = toy_model("shopkeepers", "Armed clash", ["Attack", "Armed clash"], trusted_rules=["Attack"])
    recode(doc, model)
    assert doc.events[0].acled_sub_event_type == "Attack"


def test_the_recoder_keeps_to_what_an_event_of_its_type_can_be() -> None:
    assert coder.allowed_labels("ACCUSE", None) is None  # types the recoder leaves alone
    assert coder.allowed_labels("THREATEN", "violence") == {"Other"}  # ACLED: an armed group's threats, or nothing
    protest = coder.allowed_labels("PROTEST", "demo")
    assert protest and "Peaceful protest" in protest and "Air/drone strike" not in protest
    bare = coder.allowed_labels("ASSAULT", None)
    armed = coder.allowed_labels("ASSAULT", "explosives")
    suicide = coder.allowed_labels("ASSAULT", "suicide-attack")
    fire = coder.allowed_labels("ASSAULT", "primitive")
    assert bare and armed and suicide and fire and "Attack" in bare
    assert "Suicide bomb" in suicide and "Suicide bomb" not in armed and "Suicide bomb" not in bare
    # a weapon-specific type only for its own weapon: petrol bombs (primitive) are no grenade
    assert "Grenade" in armed and "Grenade" not in fire and "Grenade" not in bare
    assert "Peaceful protest" not in armed


def test_a_bare_attack_is_not_given_a_weapon_by_the_recoder() -> None:
    doc = sitrep.analyze("The group claimed the attack on the concert hall.", settings=load({"event_coder": "rules"}))
    ev = doc.events[0]
    assert ev.mode is None and ev.acled_sub_event_type == "Attack"
    recode(doc, toy_model("concert", "Suicide bomb", ["Attack", "Suicide bomb"]))
    assert ev.acled_sub_event_type == "Attack"


WEAPONS = ["Explosives", "Firearms", "Incendiary", "Unknown"]


def test_arm_gives_the_models_weapon_and_a_missing_mode() -> None:
    rules = load({"event_coder": "rules"})
    doc = sitrep.analyze("The group attacked a checkpoint in Kunar with rifles.", settings=rules)
    ev = doc.events[0]
    ev.mode, ev.weapon = None, None
    coder.arm(doc, toy_model("rifles", "Firearms", WEAPONS, languages=["en"], min_probability=0.5))
    assert (ev.weapon, ev.mode, ev.gtd_attack_type) == ("Firearms", "firearms", "Armed Assault")


def test_arm_leaves_an_unsure_or_unknown_weapon_and_other_languages_alone() -> None:
    text = "The group attacked a checkpoint in Kunar on Monday."
    doc = sitrep.analyze(text, settings=load({"event_coder": "rules"}))
    ev = doc.events[0]
    coder.arm(doc, toy_model("checkpoint", "Unknown", WEAPONS, languages=["en"], min_probability=0.5))
    assert ev.weapon is None and ev.mode is None  # "Unknown": no weapon is given
    coder.arm(doc, toy_model("nothing", "Firearms", WEAPONS, languages=["en"], min_probability=0.9))
    assert ev.weapon is None  # not sure enough
    ru = sitrep.analyze("Боевики напали на блокпост в Назрани.", settings=load({"event_coder": "rules"}))
    coder.arm(ru, toy_model("блокпост", "Firearms", WEAPONS, languages=["en"], min_probability=0.0))
    assert all(e.weapon is None for e in ru.events)  # the model is English only
    rules = load({"event_coder": "rules"})
    claimed = sitrep.analyze("ISKP claimed the attack on the checkpoint on Friday.", settings=rules)
    coder.arm(claimed, toy_model("claimed", "Explosives", WEAPONS, languages=["en"], min_probability=0.0))
    assert all(e.weapon is None for e in claimed.events)  # no weapon word: the model's prior is no evidence


@pytest.mark.parametrize(
    ("text", "weapon", "mode"),
    [
        ("Gunmen opened fire on a police patrol in Baghdad, killing two officers.", "Firearms", "firearms"),
        ("Unidentified assailants threw petrol bombs at a police station in Belfast.", "Incendiary", "primitive"),
        ("Militants fired rockets at an army base in Khost.", "Explosives", "heavy-weapons"),
    ],
)
def test_the_shipped_model_codes_gtd_weapons(text, weapon, mode) -> None:
    ev = next(e for e in sitrep.analyze(text).events if e.type == "ASSAULT")
    assert (ev.weapon, ev.mode) == (weapon, mode)


def test_a_type_the_event_cannot_have_needs_the_cross_probability_and_retypes_the_event() -> None:
    text = "Gunmen shot dead 4 shopkeepers in Kandahar on Monday."
    rules = load({"event_coder": "rules"})
    labels = ["Attack", "Agreement", "Armed clash"]
    doc = sitrep.analyze(text, settings=rules)
    recode(doc, toy_model("shopkeepers", "Agreement", labels, min_probability=0.3))  # no crossing allowed
    assert (doc.events[0].type, doc.events[0].acled_sub_event_type) == ("ASSAULT", "Attack")
    doc = sitrep.analyze(text, settings=rules)
    recode(doc, toy_model("shopkeepers", "Agreement", labels, min_probability=0.3, cross_probability=0.5))
    ev = doc.events[0]
    assert (ev.type, ev.mode, ev.acled_event_type, ev.acled_sub_event_type) == (
        "AGREE",
        None,
        "Strategic developments",
        "Agreement",
    )
    assert ev.gtd_attack_type is None  # GTD codes attacks only
    doc = sitrep.analyze(text, settings=rules)
    unsure = toy_model("shopkeepers", "Agreement", labels, strength=1.0, cross_probability=0.9)
    recode(doc, unsure)  # the crossing label is not sure enough: the best label the type allows is taken instead
    assert doc.events[0].type == "ASSAULT" and doc.events[0].acled_sub_event_type in ("Attack", "Armed clash")


def test_an_event_the_rules_left_uncoded_is_coded_only_when_the_model_is_sure() -> None:
    rules = load({"event_coder": "rules"})
    text = "Some 30 militants surrendered to the army in Beledweyne on Monday under a government amnesty."
    doc = sitrep.analyze(text, settings=rules)
    uncoded = [e for e in doc.events if not e.acled_sub_event_type]
    assert uncoded, [(e.type, e.acled_sub_event_type) for e in doc.events]
    labels = ["Agreement", "Armed clash", "Other"]
    recode(doc, toy_model("militants", "Agreement", labels, cross_probability=0.5))
    assert all(e.acled_sub_event_type == "Agreement" for e in uncoded)
    assert {e.type for e in uncoded} <= {"RETREAT", "CONCEDE", "AGREE"}  # types that can be an agreement: kept
    doc = sitrep.analyze(text, settings=rules)
    before = [(e.type, e.acled_sub_event_type) for e in doc.events]
    recode(doc, toy_model("militants", "Agreement", labels, strength=1.0, cross_probability=0.9))
    assert [(e.type, e.acled_sub_event_type) for e in doc.events] == before


def test_the_denial_of_a_coded_event_is_not_coded_again() -> None:
    doc = sitrep.analyze(
        "Gunmen kidnapped four aid workers in Kandahar. The Taliban denied any involvement in the kidnapping.",
        settings=load({"event_coder": "rules"}),
    )
    assert [e.type for e in doc.events] == ["ASSAULT", "REJECT"]
    labels = ["Abduction/forced disappearance", "Attack"]
    recode(doc, toy_model("kidnapping", "Abduction/forced disappearance", labels, cross_probability=0.5))
    coded = [e for e in doc.events if e.acled_sub_event_type]
    assert len(coded) == 1, [(e.type, e.acled_sub_event_type) for e in doc.events]


@pytest.mark.parametrize(
    "text",
    [
        "The minister called for calm and urged talks.",
        "Analysts say the group's propaganda has grown more sophisticated since 2021.",
        "The group claimed the attack on the concert hall.",
    ],
)
def test_the_shipped_coder_leaves_talk_and_analysis_alone(text) -> None:
    doc = sitrep.analyze(text)
    assert not any(
        e.acled_sub_event_type in ("Peaceful protest", "Suicide bomb", "Armed clash", "Agreement") for e in doc.events
    ), [(e.type, e.acled_sub_event_type) for e in doc.events]


def test_a_retyping_needs_the_bare_sentence_model_to_agree() -> None:
    text = "Gunmen shot dead 4 shopkeepers in Kandahar on Monday."
    rules = load({"event_coder": "rules"})
    labels = ["Attack", "Agreement", "Armed clash"]
    sure = toy_model("shopkeepers", "Agreement", labels, min_probability=0.3, cross_probability=0.5)
    doc = sitrep.analyze(text, settings=rules)
    recode(doc, sure, toy_model("gunmen", "Attack", [*labels, "none"]))  # the second opinion disagrees
    assert (doc.events[0].type, doc.events[0].acled_sub_event_type) == ("ASSAULT", "Attack")
    doc = sitrep.analyze(text, settings=rules)
    recode(doc, sure, toy_model("shopkeepers", "Agreement", [*labels, "none"]))
    assert (doc.events[0].type, doc.events[0].acled_sub_event_type) == ("AGREE", "Agreement")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("A bomb destroyed three vehicles in Kabul on Monday.", "ASSAULT"),
        ("Security forces seized 20 kg of explosives in a raid in Peshawar.", "COERCE"),
        ("Croatian police detained two men in Zagreb.", "COERCE"),
    ],
)
def test_the_shipped_coder_keeps_the_weapon_reading_unless_the_weapon_was_not_used(text, kind) -> None:
    assert kind in {e.type for e in sitrep.analyze(text).events}


def test_a_threat_the_model_is_sure_of_is_coded_other_and_stays_a_threat() -> None:
    rules = load({"event_coder": "rules"})
    text = "Al-Shabaab threatened to kill residents of Bardheere who cooperate with the regional administration."
    doc = sitrep.analyze(text, settings=rules)
    threats = [e for e in doc.events if e.type == "THREATEN"]
    assert threats and not any(e.acled_sub_event_type for e in threats)
    labels = ["Attack", "Other"]
    recode(doc, toy_model("residents", "Other", labels, cross_probability=0.5))
    assert [(e.type, e.acled_event_type, e.acled_sub_event_type) for e in threats] == [
        ("THREATEN", "Strategic developments", "Other")
    ]
    doc = sitrep.analyze(text, settings=rules)
    recode(doc, toy_model("residents", "Other", labels, strength=1.0, cross_probability=0.9))  # unsure: none
    assert not any(e.acled_sub_event_type for e in doc.events if e.type == "THREATEN")


def test_sexual_violence_needs_the_rules_to_read_it() -> None:
    rules = load({"event_coder": "rules"})
    doc = sitrep.analyze("Three villagers were assaulted by Maoists in Dantewada district on Sunday.", settings=rules)
    assert [e.acled_sub_event_type for e in doc.events] == ["Attack"]
    recode(doc, toy_model("assaulted", "Sexual violence", ["Attack", "Sexual violence"]))
    assert [e.acled_sub_event_type for e in doc.events] == ["Attack"]  # an assault is no sexual violence
    doc = sitrep.analyze("Three women were sexually assaulted by soldiers in Dantewada district.", settings=rules)
    recode(doc, toy_model("assaulted", "Sexual violence", ["Attack", "Sexual violence"]))
    assert [e.acled_sub_event_type for e in doc.events] == ["Sexual violence"]


def test_a_protest_the_rules_read_as_intervened_in_is_recoded_when_the_model_is_sure() -> None:
    """The intervention the rules read at a protest (arrests, dispersal) is no more exact than the model in
    cross-validation: protesters who smashed windows make a violent demonstration however the police answered."""
    rules = load({"event_coder": "rules"})
    text = "Police detained 12 protesters who rallied outside parliament in Belgrade on Sunday."
    doc = sitrep.analyze(text, settings=rules)
    assert [e.acled_sub_event_type for e in doc.events] == ["Protest with intervention"]
    labels = ["Protest with intervention", "Violent demonstration"]
    recode(doc, toy_model("protesters", "Violent demonstration", labels))
    assert [e.acled_sub_event_type for e in doc.events] == ["Violent demonstration"]


def test_coder_rioters_are_never_a_peaceful_protest() -> None:
    from sitrep.extract.coder import allowed_labels, armed_labels

    assert "Peaceful protest" not in armed_labels("riot")
    assert "Peaceful protest" not in (allowed_labels("PROTEST", "riot") or set())
    assert "Peaceful protest" in (allowed_labels("PROTEST", "demo") or set())
    doc = sitrep.analyze("Rioters torched cars in Paris on Sunday.", published="2024-05-15")
    assert [(ev.type, ev.acled_sub_event_type) for ev in doc.events] == [("PROTEST", "Violent demonstration")]


def test_a_protest_type_needs_a_protest_told() -> None:
    labels = ["Attack", "Excessive force against protesters"]
    model = toy_model("fire", "Excessive force against protesters", labels)
    rules = load({"event_coder": "rules"})
    doc = sitrep.analyze("Gunmen opened fire on a bus carrying students in Baghdad.", settings=rules)
    assert doc.events[0].acled_sub_event_type == "Attack"
    recode(doc, model)
    assert doc.events[0].acled_sub_event_type == "Attack"  # students on a bus are no demonstration
    doc = sitrep.analyze("Police opened fire on a crowd of demonstrators in Baghdad.", settings=rules)
    recode(doc, model)
    assert "Excessive force against protesters" in {e.acled_sub_event_type for e in doc.events}


@pytest.mark.parametrize(
    ("lang", "words", "told"),
    [
        ("en", ["gunmen", "opened", "fire", "on", "a", "bus"], False),
        ("en", ["police", "fired", "on", "marchers"], True),
        ("ru", ["полиция", "разогнала", "акцию", "в", "минске"], True),
        ("ru", ["боевики", "обстреляли", "автобус"], False),
        ("en", ["a", "gunman", "fired", "on", "worshippers", "at", "a", "mosque"], False),  # at prayer, no rally
    ],
)
def test_untold_names_the_protest_types_only_without_a_protest_word(lang: str, words: list[str], told: bool) -> None:
    unfit = learned.untold(EventInput(lang, words, words))
    assert (not unfit) == told
    assert told or "Excessive force against protesters" in unfit
