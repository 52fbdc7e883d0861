"""Lemma accuracy of the English pipeline on UD English EWT test, with and without sitrep's repair.

    python bench/lemmas.py [--shared ../shared]

Gold tokens of ``en_ewt-ud-test.conllu`` go through ``models/en_sitrep`` (tagger, parser, trained lemmatizer);
each lemma is compared with the gold one as it is, and after ``sitrep.knowledge.lemmas`` repairs it (a lemma that
is no known word of its part of speech is replaced by the one WordNet's irregular forms and suffix rules give).
Prints the accuracy over all words and over verbs (gold UPOS VERB).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sentences(path: Path):
    words, rows = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                yield words, rows
            words, rows = [], []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                words.append(cols[1])
                rows.append(cols)
    if words:
        yield words, rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared")))
    args = ap.parse_args()
    path = args.shared / "data/parsing/ud-english-ewt/en_ewt-ud-test.conllu"
    if not path.is_file():
        print(f"lemmas: no EWT test file at {path}", file=sys.stderr)
        return 2
    import spacy
    from spacy.tokens import Doc

    from sitrep.knowledge.files import model_path
    from sitrep.knowledge.lemmas import english

    nlp, tables = spacy.load(model_path("en_sitrep")), english()
    tally = {"all": [0, 0, 0], "verbs": [0, 0, 0]}  # right as is, right repaired, words
    for words, rows in sentences(path):
        doc = Doc(nlp.vocab, words=words)
        for _, pipe in nlp.pipeline:
            doc = pipe(doc)
        for tok, cols in zip(doc, rows, strict=True):
            gold = cols[2]
            repaired = tables.repair(tok.text, tok.lemma_, tok.pos_)
            for key in ("all", "verbs") if cols[3] == "VERB" else ("all",):
                tally[key][0] += tok.lemma_ == gold
                tally[key][1] += repaired == gold
                tally[key][2] += 1
    out = {k: {"trained": round(a / n, 4), "repaired": round(b / n, 4), "words": n} for k, (a, b, n) in tally.items()}
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
