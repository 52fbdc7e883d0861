"""Build ``sitrep/knowledge/data/lemmas_en.json.gz``: the English lemma tables that repair the trained
lemmatizer's misses ("pledging" -> "pledg", "imposed" -> "impos").

    pip install spacy-lookups-data      # build time only
    python scripts/build_lemmas.py

Reads spaCy's English rule-lemmatizer tables from the ``spacy-lookups-data`` package (``en_lemma_index``: the
single-word lemmas of WordNet 3.0 by part of speech; ``en_lemma_exc``: irregular forms; ``en_lemma_rules``: suffix
rules) and writes them as one sorted, gzipped JSON file with a fixed timestamp (reproducible). WordNet 3.0 licence
(Princeton University: use, copy, modify and distribute for any purpose, with its copyright notice), recorded in
the file and in ``sitrep/knowledge/data/WORDLISTS.md``.
"""

from __future__ import annotations

import gzip
import json
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "sitrep" / "knowledge" / "data" / "lemmas_en.json.gz"
POS = ("verb", "noun", "adj", "adv")


def table(name: str) -> dict:
    with resources.files("spacy_lookups_data").joinpath("data", f"en_{name}.json.gz").open("rb") as fh:
        return json.loads(gzip.decompress(fh.read()))


def main() -> int:
    try:
        index, exc, rules = table("lemma_index"), table("lemma_exc"), table("lemma_rules")
    except ModuleNotFoundError:
        print("build_lemmas: pip install spacy-lookups-data first", file=sys.stderr)
        return 2
    single = {p: sorted({w for w in index[p] if w.isalpha() and w.islower()}) for p in POS}
    data = {
        "source": "spaCy lookups (spacy-lookups-data): en_lemma_index, en_lemma_exc, en_lemma_rules, from WordNet 3.0",
        "licence": "WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. (WordNet 3.0 licence)",
        "index": single,
        "exc": {p: dict(sorted(exc.get(p, {}).items())) for p in POS},
        "rules": {p: rules.get(p, []) for p in POS},
    }
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    OUT.write_bytes(gzip.compress(raw, mtime=0))
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes; {', '.join(f'{p} {len(single[p]):,}' for p in POS)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
