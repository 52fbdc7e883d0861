"""Conflict-verb copies of UD English EWT train sentences, for ``scripts/train_en.py --augment-verbs FRACTION``.

EWT has almost no verbs of violence, so a tagger trained on it reads "Gunmen shot and killed a soldier" with "shot"
as a noun. A copy of an EWT sentence gets a conflict verb (``scripts/configs/conflict_verbs.yaml``) in one of its
gold VERB slots, inflected as the gold verb was (VB/VBP base, VBZ, VBD, VBN, VBG), with its lemma; the tree, the
labels, the tag and the morphology stay, since the slot's inflection and syntax are unchanged. Valency is kept: a
transitive verb only where the gold verb has an object, is passive, or is the conjunct of a verb with an object
(UD hangs a shared object on the first conjunct); an intransitive one only where it has no object. Slots that take
a clause, a second object or a particle (``ccomp``, ``xcomp``, ``iobj``, ``compound:prt``), typos, abbreviations,
parts of multiword tokens and non-alphabetic forms are left alone. A verb whose base, -s or -ing form is a common
noun of reporting (``noun: true``: attack, strikes, the shelling, clashes) fills only past and participle slots, so
the copies do not teach the tagger those nouns as verbs. Only train is augmented, never dev or test.
"""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

import yaml

VERBS = Path(__file__).resolve().parent / "configs" / "conflict_verbs.yaml"
FORM_BY_TAG = {"VB": "base", "VBP": "base", "VBZ": "third", "VBD": "past", "VBN": "participle", "VBG": "gerund"}
FRAME_TAKERS = {"ccomp", "xcomp", "iobj", "compound:prt", "expl"}
PASSIVE = {"nsubj:pass", "aux:pass", "csubj:pass"}
UNSURE_FEATS = ("Typo=", "Abbr=", "Foreign=")
TAG_WEIGHT = {"VBD": 3, "VBN": 2}  # the first slot: past forms, as in reporting, are rarer in EWT's web text
EXTRA_SLOT_P = 0.25  # after the first slot, each further slot of the sentence is filled with this probability

Sentence = tuple[str, list[list[str]], dict[int, bool]]  # (doc id, CoNLL-U rows, multiword-token map)
Lexicon = dict[str, list[dict[str, str]]]  # valency -> that valency's verbs, each {"lemma": ..., form name: form}
NOUN_SAFE = ("past", "participle")  # the only forms of a verb that is also a common noun


def load_verbs(path: Path = VERBS) -> Lexicon:
    """The conflict verbs by valency ("transitive", "intransitive"), each with its lemma and the forms it may fill:
    all five, or only past and participle for a verb that is also a common noun."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["verbs"]
    lexicon: Lexicon = {"transitive": [], "intransitive": []}
    for lemma, entry in sorted(data.items()):
        forms = {"base": lemma, **{k: entry[k] for k in ("third", "past", "participle", "gerund")}}
        if entry.get("noun"):
            forms = {k: forms[k] for k in NOUN_SAFE}
        forms["lemma"] = lemma
        for valency in entry["valency"]:
            lexicon[valency].append(forms)
    return lexicon


def slots(rows: list[list[str]], mwt: dict[int, bool]) -> list[tuple[int, str]]:
    """The (row index, valency) of each gold verb slot a conflict verb can fill."""
    deps: dict[int, set[str]] = defaultdict(set)
    for cols in rows:
        deps[int(cols[6])].add(cols[7])
    found = []
    for i, cols in enumerate(rows):
        word_id, form, feats = i + 1, cols[1], cols[5]
        if cols[3] != "VERB" or cols[4] not in FORM_BY_TAG or word_id in mwt or not form.isalpha():
            continue
        if any(f in feats for f in UNSURE_FEATS) or deps[word_id] & FRAME_TAKERS:
            continue
        head = int(cols[6])
        shared_obj = cols[7] == "conj" and head > 0 and rows[head - 1][3] == "VERB" and "obj" in deps[head]
        if "obj" in deps[word_id] or "Voice=Pass" in feats or deps[word_id] & PASSIVE or shared_obj:
            found.append((i, "transitive"))
        else:
            found.append((i, "intransitive"))
    return found


def _cased(new: str, old: str) -> str:
    if len(old) > 1 and old.isupper():
        return new.upper()
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def fill(rows: list[list[str]], slot: int, verb: dict[str, str]) -> None:
    """Put ``verb`` in row ``slot`` in the gold verb's inflection: form and lemma change, the rest stays."""
    cols = rows[slot]
    cols[1] = _cased(verb[FORM_BY_TAG[cols[4]]], cols[1])
    cols[2] = verb["lemma"]


def conflict_verb_copies(sents: list[Sentence], fraction: float, seed: int = 0, path: Path = VERBS) -> list[Sentence]:
    """Copies of ``fraction`` x len(sents) sentences (seeded choice among those with a slot), each with a conflict
    verb in one slot (past forms preferred, TAG_WEIGHT) and in each further slot with probability EXTRA_SLOT_P, in
    corpus order; their doc ids get an ``aug/`` prefix so they are grouped apart from the originals."""
    lexicon = load_verbs(path)
    rng = random.Random(seed)
    candidates = [(k, found) for k, (_, rows, mwt) in enumerate(sents) if (found := slots(rows, mwt))]
    n = min(len(candidates), round(fraction * len(sents)))
    copies = []
    for c in sorted(rng.sample(range(len(candidates)), n)):
        k, found = candidates[c]
        doc_id, rows, mwt = sents[k]
        first = rng.choices(range(len(found)), [TAG_WEIGHT.get(sents[k][1][i][4], 1) for i, _ in found])[0]
        picked = [s for j, s in enumerate(found) if j == first or rng.random() < EXTRA_SLOT_P]
        new_rows = [list(cols) for cols in rows]
        for slot, valency in picked:
            fitting = [v for v in lexicon[valency] if FORM_BY_TAG[rows[slot][4]] in v]
            fill(new_rows, slot, rng.choice(fitting))
        copies.append((f"aug/{doc_id}", new_rows, mwt))
    return copies
