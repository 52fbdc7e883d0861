"""scripts/augment_verbs.py: conflict verbs put in gold verb slots of EWT sentences, in the slot's inflection."""

from __future__ import annotations

from pathlib import Path

import pytest

from paths import script

augment = script("augment_verbs")

PAST = "Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin"
# "They kicked the ball and ran ." / "He said he left ." / "It was destroyed ." / "She left ."
KICKED = [
    ["1", "They", "they", "PRON", "PRP", "Case=Nom", "2", "nsubj", "_", "_"],
    ["2", "kicked", "kick", "VERB", "VBD", PAST, "0", "root", "_", "_"],
    ["3", "the", "the", "DET", "DT", "_", "4", "det", "_", "_"],
    ["4", "ball", "ball", "NOUN", "NN", "Number=Sing", "2", "obj", "_", "_"],
    ["5", "and", "and", "CCONJ", "CC", "_", "6", "cc", "_", "_"],
    ["6", "ran", "run", "VERB", "VBD", PAST, "2", "conj", "_", "SpaceAfter=No"],
    ["7", ".", ".", "PUNCT", ".", "_", "2", "punct", "_", "_"],
]
SAID = [
    ["1", "He", "he", "PRON", "PRP", "Case=Nom", "2", "nsubj", "_", "_"],
    ["2", "said", "say", "VERB", "VBD", PAST, "0", "root", "_", "_"],
    ["3", "he", "he", "PRON", "PRP", "Case=Nom", "4", "nsubj", "_", "_"],
    ["4", "left", "leave", "VERB", "VBD", PAST, "2", "ccomp", "_", "SpaceAfter=No"],
    ["5", ".", ".", "PUNCT", ".", "_", "2", "punct", "_", "_"],
]
DESTROYED = [
    ["1", "It", "it", "PRON", "PRP", "Case=Nom", "3", "nsubj:pass", "_", "_"],
    ["2", "was", "be", "AUX", "VBD", PAST, "3", "aux:pass", "_", "_"],
    ["3", "wrecked", "wreck", "VERB", "VBN", "Tense=Past|VerbForm=Part|Voice=Pass", "0", "root", "_", "_"],
    ["4", ".", ".", "PUNCT", ".", "_", "3", "punct", "_", "_"],
]
LEFT = [
    ["1", "She", "she", "PRON", "PRP", "Case=Nom", "2", "nsubj", "_", "_"],
    ["2", "left", "leave", "VERB", "VBD", PAST, "0", "root", "_", "SpaceAfter=No"],
    ["3", ".", ".", "PUNCT", ".", "_", "2", "punct", "_", "_"],
]


def test_slots_keep_valency() -> None:
    assert augment.slots(KICKED, {}) == [(1, "transitive"), (5, "transitive")]  # "ran" shares "kicked"'s object
    assert augment.slots(DESTROYED, {}) == [(2, "transitive")]  # passive
    assert augment.slots(LEFT, {}) == [(1, "intransitive")]


def test_slots_skip_verbs_that_take_a_clause_and_parts_of_multiword_tokens() -> None:
    assert augment.slots(SAID, {}) == [(3, "intransitive")]  # "said" has a ccomp
    assert augment.slots(LEFT, {2: False}) == []


@pytest.mark.parametrize(
    ("lemma", "rows", "slot", "form"),
    [
        ("shoot", KICKED, 1, "shot"),
        ("strike", DESTROYED, 2, "struck"),
        ("shake", DESTROYED, 2, "shaken"),
        ("fight", LEFT, 1, "fought"),
    ],
)
def test_fill_uses_the_slots_inflection_and_keeps_the_tree(lemma: str, rows: list, slot: int, form: str) -> None:
    lexicon = augment.load_verbs()
    verb = next(v for forms in lexicon.values() for v in forms if v["lemma"] == lemma)
    new = [list(cols) for cols in rows]
    augment.fill(new, slot, verb)
    assert (new[slot][1], new[slot][2]) == (form, lemma)
    assert [c[3:] for c in new] == [c[3:] for c in rows]  # tags, morphology, heads, labels


def test_fill_keeps_the_capital_of_a_sentence_start() -> None:
    rows = [["1", "Kicked", "kick", "VERB", "VBD", PAST, "0", "root", "_", "_"]]
    augment.fill(rows, 0, {"lemma": "bomb", "past": "bombed"})
    assert rows[0][1:3] == ["Bombed", "bomb"]


def test_lexicon_has_every_form_of_a_verb_and_only_past_forms_of_a_noun_homograph() -> None:
    lexicon = augment.load_verbs()
    assert lexicon["transitive"] and lexicon["intransitive"]
    by_lemma = {}
    for verbs in lexicon.values():
        for verb in verbs:
            assert set(verb) - {"lemma"} in ({"base", "third", "past", "participle", "gerund"}, {"past", "participle"})
            assert all(form.isalpha() and form.islower() for form in verb.values())
            by_lemma[verb["lemma"]] = verb
    assert set(by_lemma["kill"]) >= {"base", "third", "gerund"}
    assert set(by_lemma["clash"]) - {"lemma"} == {"past", "participle"}  # "clashes" is mostly the noun
    assert by_lemma["strike"]["past"] == "struck"


def test_a_noun_homograph_never_fills_a_present_or_gerund_slot() -> None:
    present = [list(c) for c in KICKED]
    present[1][1:5] = ["kicks", "kick", "VERB", "VBZ"]
    present[5][1:5] = ["runs", "run", "VERB", "VBZ"]
    sents = [(f"doc{i}", present, {}) for i in range(40)]
    homographs = {"attack", "strike", "clash", "bomb", "shell", "raid", "fire", "fight"}
    filled = {rows[i][2] for _, rows, _ in augment.conflict_verb_copies(sents, 1.0, seed=1) for i in (1, 5)}
    assert filled - {"kick", "run"} and not filled & homographs


def test_copies_are_seeded_and_in_proportion() -> None:
    sents = [(f"doc{i}", rows, {}) for i, rows in enumerate([KICKED, SAID, DESTROYED, LEFT] * 5)]
    copies = augment.conflict_verb_copies(sents, 0.5, seed=3)
    assert len(copies) == 10
    assert copies == augment.conflict_verb_copies(sents, 0.5, seed=3)
    assert all(doc_id.startswith("aug/doc") for doc_id, _, _ in copies)
    assert [c[0] for c in KICKED] == [c[0] for c in sents[0][1]]  # the originals are untouched
    assert sents[0][1][1][1] == "kicked"


def test_train_en_adds_copies_to_train_only(tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    conllu = tmp_path / "ewt.conllu"
    text = "# newdoc id = d1\n" + "\n".join("\n".join("\t".join(c) for c in s) + "\n" for s in (KICKED, LEFT))
    conllu.write_text(text, encoding="utf-8")
    train_en = script("train_en")
    vocab = spacy.blank("en").vocab
    plain, augmented = train_en.ewt_docs(vocab, conllu), train_en.ewt_docs(vocab, conllu, augment=1.0)
    assert len(plain) == 1 and len(augmented) == 2
    copy = augmented[1]
    assert [t.dep_ for t in copy] == [t.dep_ for t in plain[0]]
    assert [t.tag_ for t in copy] == [t.tag_ for t in plain[0]]
    assert copy.text != plain[0].text
