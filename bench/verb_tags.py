"""How often English pipelines tag conflict verbs as verbs in RAND incident descriptions (no gold needed).

    python bench/verb_tags.py [--model DIR ...] [--split train|tune] [--limit N] [--json FILE]

For each pipeline (default: the shipped ``sitrep/models/en_sitrep``), over the RAND descriptions of the split that
hold one of ``WORDS``: how many of those words there are and the share the pipeline tags VERB (UPOS), word by word;
and over every description of the split, how many the stand-in re-parse (``sitrep/nlp/stand_ins.py``) would parse
again. Splits: ``train`` = RAND train without its last 1,500 records, ``tune`` = those 1,500 (as in
``bench/events_rand.py``). In these descriptions the words are nearly always verbs ("Gunmen shot and killed ...",
"A bomb shook ...", "Troops shelled ..."), so the rate is a floor on the tagger's accuracy on them.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared"))
RAND = SHARED / "data" / "events" / "rand-rdwti" / "train.jsonl"
TUNE = 1500
WORDS = ("shot", "shook", "bombed", "shelled", "stormed", "fired")
FOUND = re.compile(r"\b(?:" + "|".join(WORDS) + r")\b", re.IGNORECASE)


def descriptions(split: str, limit: int) -> list[str]:
    with RAND.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    chosen = records[-TUNE:] if split == "tune" else records[:-TUNE]
    texts = [r["description"] for r in chosen if r.get("description")]
    return texts[:limit] if limit else texts


def measure(model: Path, texts: list[str]) -> dict:
    import spacy

    sys.path.insert(0, str(ROOT))
    from sitrep.nlp.stand_ins import misread

    nlp = spacy.load(model, disable=["ner"])
    counts = {w: [0, 0] for w in WORDS}
    reparsed = reparsed_words = 0
    for doc in nlp.pipe(texts, batch_size=64):
        for tok in doc:
            if tok.lower_ in counts:
                counts[tok.lower_][0] += 1
                counts[tok.lower_][1] += tok.pos_ == "VERB"
        found = misread(doc)
        reparsed += bool(found)
        reparsed_words += len(found)
    total, verbs = sum(n for n, _ in counts.values()), sum(v for _, v in counts.values())
    return {
        "words": {w: {"n": n, "verb": round(v / n, 3) if n else None} for w, (n, v) in counts.items()},
        "all": {"n": total, "verb": round(verbs / total, 3) if total else None},
        "stand_in_docs": reparsed,
        "stand_in_words": reparsed_words,
        "docs": len(texts),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, action="append", help="a pipeline directory (repeatable)")
    parser.add_argument("--split", choices=("train", "tune"), default="train")
    parser.add_argument("--limit", type=int, default=0, help="only the first N descriptions of the split")
    parser.add_argument("--with-word", action="store_true", help="only descriptions holding one of WORDS (faster)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    texts = descriptions(args.split, args.limit)
    if args.with_word:
        texts = [t for t in texts if FOUND.search(t)]
    results = {}
    for model in args.model or [ROOT / "sitrep" / "models" / "en_sitrep"]:
        result = results[str(model)] = measure(model, texts)
        print(f"{model} — RAND {args.split}, {result['docs']} descriptions:")
        for word, s in [*result["words"].items(), ("all", result["all"])]:
            print(f"  {word:8s} n={s['n']:5d}  tagged VERB {s['verb']}")
        print(f"  stand-in re-parse: {result['stand_in_docs']} descriptions, {result['stand_in_words']} words")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
