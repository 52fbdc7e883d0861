"""Russian named entities (PER, ORG, LOC) on factRuEval-2016 test and NEREL v1.1 test: sitrep against natasha alone.

    python bench/ner_ru.py [--corpus factru|nerel|all] [--split test|dev] [--limit N] [--json FILE] [--check]
      [--errors]

Reads ../shared/data/ner (never copied). Each text is analysed by sitrep as a Russian document; two answers are
scored from the same run:

* ``natasha``: natasha's own NER tags (sitrep's ``nlp`` layer, untouched), what natasha alone gives;
* ``sitrep``: the mentions of sitrep's entities by name or abbreviation (not descriptions, coreference or
  pronouns), typed person -> PER; armed group, government, security force, organisation, media -> ORG; country,
  admin area, city, location -> LOC — natasha's tags after the actor knowledge base, the gazetteer and the place
  phrases have linked, retyped, grown or dropped them.

Scoring follows the protocol of natasha's published evaluation (naeval), re-implemented here: the text is cut into
word and punctuation tokens; for each type, every token inside a span of that type is tagged, and precision and
recall are counted over tokens. Gold spans: factRuEval — a Person object's whole extent, an Org object's
``org_name`` spans, a Location or LocOrg object's ``loc_name`` spans, overlaps dropped (the longest kept); NEREL
— PERSON as PER, ORGANIZATION as ORG, COUNTRY, CITY, STATE_OR_PROVINCE, DISTRICT and LOCATION as LOC, the outermost
of nested ones; gold offsets are moved onto the text as ``clean`` left it (``in_clean_text``), which both
answers are tagged on. natasha's published factRuEval figures (slovnet NER, PER/LOC/ORG F1 .959/.915/.825) are printed
beside. Floors in ``bench/baselines/ner_ru.json`` (test). ``--split dev`` scores factRuEval's devset and NEREL's
dev split, which are what sitrep's rules may be developed on; ``--errors`` prints the spans sitrep got wrong.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NER = ROOT.parent / "shared" / "data" / "ner"
BASELINE = ROOT / "bench/baselines/ner_ru.json"
TYPES = ("PER", "ORG", "LOC")
PUBLISHED = {"factru": {"PER": 0.959, "LOC": 0.915, "ORG": 0.825}}  # natasha's README (slovnet NER), F1
SITREP_TYPES = {
    "person": "PER",
    "armed_group": "ORG", "government": "ORG", "security_force": "ORG", "organization": "ORG", "media": "ORG",
    "country": "LOC", "admin_area": "LOC", "city": "LOC", "location": "LOC",
}  # fmt: skip
NEREL_TYPES = {"PERSON": "PER", "ORGANIZATION": "ORG", "COUNTRY": "LOC", "CITY": "LOC", "STATE_OR_PROVINCE": "LOC",
               "DISTRICT": "LOC", "LOCATION": "LOC"}  # fmt: skip
TOKEN = re.compile(r"\w+|[^\w\s]")

Span = tuple[int, int, str]


def outermost(spans: list[Span]) -> list[Span]:
    """Spans without overlaps: the longest first, then those that do not touch a kept one."""
    kept: list[Span] = []
    for s in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(s[1] <= k[0] or k[1] <= s[0] for k in kept):
            kept.append(s)
    return sorted(kept)


def factru(split: str, limit: int | None) -> Iterator[tuple[str, str, list[Span]]]:
    folder = NER / "factrueval-2016" / ("testset" if split == "test" else "devset")
    for txt in sorted(t for t in folder.glob("*.txt") if t.with_suffix(".objects").is_file())[:limit]:
        text = txt.read_text(encoding="utf-8")
        spans: dict[str, tuple[str, int, int]] = {}
        for line in txt.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
            f = line.split("#")[0].split()
            if len(f) >= 4:
                spans[f[0]] = (f[1], int(f[2]), int(f[2]) + int(f[3]))
        gold: list[Span] = []
        for line in txt.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
            f = line.split("#")[0].split()
            if len(f) < 3 or f[1] not in ("Person", "Org", "Location", "LocOrg"):
                continue
            parts = [spans[i] for i in f[2:] if i in spans]
            if f[1] == "Person" and parts:
                gold.append((min(p[1] for p in parts), max(p[2] for p in parts), "PER"))
                continue
            want, label = ("org_name", "ORG") if f[1] == "Org" else ("loc_name", "LOC")
            gold.extend(outermost([(p[1], p[2], label) for p in parts if p[0] == want]))
        yield txt.stem, text, outermost(gold)


def nerel(split: str, limit: int | None) -> Iterator[tuple[str, str, list[Span]]]:
    folder = NER / "nerel" / "NEREL-v1.1" / split
    for txt in sorted(folder.glob("*.txt"))[:limit]:
        text = txt.read_text(encoding="utf-8")
        gold: list[Span] = []
        for line in txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                continue
            _, info, *_ = line.split("\t")
            kind, *offsets = info.replace(";", " ").split()
            if kind in NEREL_TYPES and offsets:
                gold.append((int(offsets[0]), int(offsets[-1]), NEREL_TYPES[kind]))
        yield txt.stem, text, outermost(gold)


def predicted(doc) -> tuple[list[Span], list[Span]]:
    """(sitrep's, natasha's) spans of one analysed document."""
    ours = [
        (m.start, m.end, SITREP_TYPES[e.type])
        for e in doc.entities
        if e.type in SITREP_TYPES and e.origin != "description"
        for m in e.mentions
        if m.kind in ("name", "abbreviation")
    ]
    theirs = [(s.start, s.end, s.label) for s in doc.layers.ner if s.label in TYPES]
    return outermost(ours), outermost(theirs)


def in_clean_text(doc, spans: list[Span]) -> list[Span]:
    """Gold spans (offsets into the file's text) moved onto the analysed text, which ``clean`` may have changed
    (NFC: a «ё» written as «е» and a combining mark is one character there)."""
    from sitrep.io.clean import to_clean_offset

    edits = doc.layers.edits
    if not edits:
        return spans
    return [(to_clean_offset(edits, s), to_clean_offset(edits, e - 1) + 1, t) for s, e, t in spans]


def tag_counts(text: str, pred: list[Span], gold: list[Span], counts: dict[str, list[int]]) -> None:
    """Add token counts (tagged by both, by the prediction, by the gold) per type."""
    for m in TOKEN.finditer(text):
        a, b = m.span()
        for label in TYPES:
            p = any(s < b and a < e and t == label for s, e, t in pred)
            g = any(s < b and a < e and t == label for s, e, t in gold)
            c = counts[label]
            c[0] += p and g
            c[1] += p
            c[2] += g


def scores(counts: dict[str, list[int]]) -> dict[str, dict[str, float]]:
    out = {}
    for label, (both, pred, gold) in counts.items():
        p, r = (both / pred if pred else 0.0), (both / gold if gold else 0.0)
        out[label] = {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}
    return out


def evaluate(corpus: str, split: str, limit: int | None, errors: bool = False) -> dict:
    from sitrep.core import analyze_documents
    from sitrep.io.ingest import read_text
    from sitrep.settings import load

    items = list(factru(split, limit) if corpus == "factru" else nerel(split, limit))
    docs = analyze_documents((read_text(text, doc_id=name, lang="ru") for name, text, _ in items), load())
    ours: dict[str, list[int]] = {t: [0, 0, 0] for t in TYPES}
    theirs: dict[str, list[int]] = {t: [0, 0, 0] for t in TYPES}
    for (_, _, raw_gold), doc in zip(items, docs, strict=True):
        gold = in_clean_text(doc, raw_gold)
        mine, natasha = predicted(doc)
        if errors:
            for s, e, t in sorted(set(mine) ^ set(gold)):
                print(f"{doc.id} {'extra' if (s, e, t) in mine else 'missed'} {t} {doc.text[s:e]!r}")
        tag_counts(doc.text, mine, gold, ours)
        tag_counts(doc.text, natasha, gold, theirs)
    result = {"split": split, "documents": len(items), "sitrep": scores(ours), "natasha": scores(theirs)}
    if corpus in PUBLISHED and split == "test":
        result["natasha_published"] = PUBLISHED[corpus]
    return result


def flat(result: dict) -> dict[str, float]:
    """The floors' keys: "factru sitrep ORG f1" -> 0.9."""
    return {
        f"{corpus} {who} {label} f1": v["f1"]
        for corpus, r in result.items()
        if isinstance(r, dict)
        for who in ("sitrep",)
        for label, v in r.get(who, {}).items()
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", choices=["factru", "nerel", "all"], default="all")
    ap.add_argument("--split", choices=["test", "dev"], default="test")
    ap.add_argument("--limit", type=int, help="the first N documents of each corpus")
    ap.add_argument("--errors", action="store_true", help="print the spans sitrep got wrong")
    ap.add_argument("--json", help="write the scores to this file")
    ap.add_argument("--check", action="store_true", help="fail when a score is below its floor")
    args = ap.parse_args()
    if not NER.is_dir():
        print(f"ner_ru: {NER} is missing (../shared beside the checkout)", file=sys.stderr)
        return 2
    corpora = ["factru", "nerel"] if args.corpus == "all" else [args.corpus]
    result = {c: evaluate(c, args.split, args.limit, args.errors) for c in corpora}
    for corpus, r in result.items():
        print(f"{corpus} {r['split']}, {r['documents']} documents: F1 (P/R)")
        for label in ("PER", "LOC", "ORG"):
            s, n = r["sitrep"][label], r["natasha"][label]
            pub = r.get("natasha_published", {}).get(label)
            line = f"  {label}: sitrep {s['f1']:.3f} ({s['p']:.3f}/{s['r']:.3f})   natasha alone {n['f1']:.3f}"
            print(line + (f"   natasha published {pub:.3f}" if pub else ""))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    if args.check:
        if args.split != "test" or args.limit or args.corpus != "all":
            print("ner_ru: --check compares both corpora's whole test splits", file=sys.stderr)
            return 2
        from floors import check

        return check("ner_ru", flat(result), BASELINE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
