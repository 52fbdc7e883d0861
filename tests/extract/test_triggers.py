"""Event triggers and how their phrase refers (generic, definite, distinct), on hand-written parses."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.extract.context import Context
from sitrep.extract.events.triggers import find, table
from sitrep.knowledge.languages import lexicons
from sitrep.settings import load

from handparse import parsed


def _found(doc):
    return [
        (doc.text[m.start : m.end], m.trigger.type, m.generic, m.definite, m.distinct) for m in find(Context(doc), [])
    ]


def test_triggers_lexicon_loads_and_every_trigger_has_a_role():
    lex = table(lexicons("en"))
    assert len(lex.singles) > 100 and len(lex.phrases) > 100
    for triggers in lex.singles.values():
        for t in triggers:
            assert t.type or t.has("claim"), t.words


def test_triggers_generic_plural_versus_specific_and_definite():
    doc = parsed("""
Suicide   suicide  NOUN  compound 2  NN
attacks   attack   NOUN  nsubj    4  NNS
are       be       AUX   cop      4  VBP
common    common   ADJ   root     0  JJ
.         .        PUNCT punct    4  .

The       the      DET   det      2  DT
attack    attack   NOUN  nsubj    3  NN
killed    kill     VERB  root     0  VBD
two       two      NUM   nummod   5  CD
people    people   NOUN  obj      3  NNS
.         .        PUNCT punct    3  .

Another   another  DET   det      2  DT
blast     blast    NOUN  nsubj    3  NN
followed  follow   VERB  root     0  VBD
.         .        PUNCT punct    3  .
""")
    assert _found(doc) == [
        ("Suicide attacks", "ASSAULT", True, False, False),
        ("attack", "ASSAULT", False, True, False),
        ("killed", "ASSAULT", False, False, False),
        ("blast", "ASSAULT", False, False, True),
    ]


def test_triggers_lemma_guesses_catch_lemmatizer_slips():
    doc = parsed("""
Troops    troop    NOUN  nsubj  2  NNS
clashed   clashe   VERB  root   0  VBD
.         .        PUNCT punct  2  .
""")
    assert _found(doc) == [("clashed", "ASSAULT", False, False, False)]


def test_triggers_blocked_spans_hold_no_trigger():
    doc = parsed("""
Attack    attack   PROPN  compound 2  NNP
Brigade   Brigade  PROPN  root     0  NNP
""")
    assert find(Context(doc), [(0, len(doc.text))]) == []


def _rules_coding(text: str) -> list[str | None]:
    """The rules' ACLED sub-event types of the events of ``text`` (no learned model)."""
    rules = load({"event_coder": "rules"})
    return [ev.acled_sub_event_type for ev in sitrep.analyze(text, published="2024-05-15", settings=rules).events]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Nigerian troops and Boko Haram fighters exchanged fire near Bama on Monday.", "Armed clash"),
        ("Syrian troops repelled an attack by Hayat Tahrir al-Sham fighters near Saraqib.", "Armed clash"),
        ("Malian troops regained control of the town of Lere from CSP rebels following clashes.",
         "Government regains territory"),
        ("Nigerian soldiers drove the insurgents out of Marte on Friday.", "Government regains territory"),
        ("MILF forces vacated their former camp in Munai on Friday.", "Non-violent transfer of territory"),
        ("Al-Shabaab appointed a new emir for Lower Shabelle on Tuesday.", "Change to group/activity"),
        ("A faction of the BIFF pledged allegiance to the Islamic State in a video.", "Change to group/activity"),
        ("Сомалийские военные выбили боевиков из села Моквокори.", "Government regains territory"),
        ("Боевики обменялись огнём с полицейскими у города Хасавюрт.", "Armed clash"),
        ("Миссия ООН в Мали передала малийской армии свой лагерь в Кидале.", "Non-violent transfer of territory"),
        ("Группировка «Аш-Шабааб» назначила нового командира своего подразделения в Джубаленде.",
         "Change to group/activity"),
        ("A woman detonated explosives strapped to her body near a National Guard post in Kasserine.",
         "Suicide bomb"),
        ("Боевик взорвал на себе пояс со взрывчаткой в ресторане у порта Могадишо.", "Suicide bomb"),
    ],
)  # fmt: skip
def test_triggers_acts_and_weapon_cues_give_their_acled_coding(text: str, sub_event_type: str) -> None:
    assert sub_event_type in _rules_coding(text)


@pytest.mark.parametrize(
    "text",
    [
        "Police evacuated the area after a bomb threat at the station.",
        "Exxon named a new chief executive on Monday.",
        "Он оставил пост министра обороны в 2019 году.",
        "Он занял пост министра обороны в 2019 году.",
    ],
)
def test_triggers_acts_of_territory_and_leadership_keep_to_their_objects(text: str) -> None:
    coded = set(_rules_coding(text))
    assert not coded & {"Non-violent transfer of territory", "Change to group/activity", "Government regains territory",
                        "Non-state actor overtakes territory"}, coded  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Security forces arrested 12 suspected ISIS members in raids across Istanbul.",
        "Police detained six people during a raid on a mosque in Karachi.",
        "Полиция задержала 12 членов ИГ в ходе рейдов в Стамбуле.",
    ],
)
def test_triggers_a_raid_told_as_the_way_of_arrests_is_no_attack(text: str) -> None:
    doc = sitrep.analyze(text, published="2024-05-15")
    assert [(ev.type, ev.acled_sub_event_type) for ev in doc.events] == [("COERCE", "Arrests")]


def test_triggers_a_raid_of_its_own_beside_arrests_stays_an_attack() -> None:
    doc = sitrep.analyze("Gunmen raided a police post in Quetta on Monday. Police later arrested two suspects.")
    assert {ev.type for ev in doc.events} == {"ASSAULT", "COERCE"}


def test_triggers_a_place_struck_by_an_armed_party_is_an_attack_even_when_denied() -> None:
    doc = sitrep.analyze("The Kremlin denied that Russian forces struck a hospital in Kharkiv.")
    (attack,) = [ev for ev in doc.events if ev.type == "ASSAULT"]
    assert attack.modality == "negated"
    assert [doc.entity(a).name for a in attack.actors] == ["Russian Armed Forces"]


def test_triggers_a_clause_beside_the_trigger_does_not_make_it_habitual():
    # "continued" is a clause of its own beside "arrested" (parataxis), not a word of the arrest's clause
    doc = parsed("""
Police    police   NOUN  nsubj     2  NNS
arrested  arrest   VERB  root      0  VBD
five      five     NUM   nummod    4  CD
men       man      NOUN  obj       2  NNS
as        as       SCONJ mark      7  IN
protests  protest  NOUN  nsubj     7  NNS
continued continue VERB  parataxis 2  VBD
.         .        PUNCT punct     2  .
""")
    found = {text: generic for text, _type, generic, _definite, _distinct in _found(doc)}
    assert found == {"arrested": False, "protests": True}
