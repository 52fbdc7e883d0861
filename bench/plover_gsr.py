"""PLOVER event coding scored against the PLOVER gold-standard records (../shared/data/events/plover-gsr).

    python bench/plover_gsr.py [--split dev|test|all] [--json FILE] [--check]

Each record is one sentence with its gold PLOVER event type, source actor and target. The records were coded
with PLOVER 0.5, whose types are mapped onto the version sitrep codes into (manual draft 2.0): DEMAND ->
REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT. Scores:

* type_any: the gold type is among the types of the events sitrep finds in the sentence;
* type_main: sitrep's most confident event has the gold type;
* found: sitrep finds at least one event;
* source / target: for records whose gold event sitrep found, an actor (source) / target of that event has a
  mention overlapping the gold actor text (or one of its parts, where the coder joined them with "...").

Splits: records with an odd number in their id are ``dev`` (looked at while developing), even ones ``test``
(reported; floors in ``bench/baselines/plover_gsr.json``; ``--check`` exits 1 below a floor).
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
BASELINE = ROOT / "bench/baselines/plover_gsr.json"
V05_TO_V2 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def records(shared: Path, split: str) -> list[dict]:
    rows = json.loads((shared / "data/events/plover-gsr/PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    rows = [r for r in rows if r.get("event") != "DOCUMENT" and r.get("text")]
    if split == "all":
        return rows
    want = 1 if split == "dev" else 0
    return [r for r in rows if int(re.findall(r"\d+", r["id"])[-1]) % 2 == want]


def _overlaps(doc, ids: list[str], gold: list | dict | str) -> bool:
    gold = gold if isinstance(gold, list) else [gold]
    texts = [g if isinstance(g, str) else g.get("actorText", "") for g in gold]
    # the coders' spans carry stray spaces (" A member of ...", "Union  (Conservatives)") and join the parts of a
    # split phrase with "..." ("Bosnian Serbs ... forces"): each part, its spaces as in running text
    texts = [" ".join(part.split()) for t in texts for part in t.split("...")]
    texts = [t for t in texts if t]
    for eid in ids:
        ent = doc.entity(eid)
        for m in ent.mentions if ent else []:
            for t in texts:
                at = doc.text.find(t)
                if at >= 0 and m.start < at + len(t) and at < m.end:
                    return True
    return False


def score(rows: list[dict], docs: list) -> dict[str, float]:
    tally: dict[str, list[int]] = {}

    def add(key: str, ok: bool) -> None:
        tally.setdefault(key, [0, 0])
        tally[key][0] += int(ok)
        tally[key][1] += 1

    for row, doc in zip(rows, docs, strict=True):
        gold = V05_TO_V2.get(row["event"], row["event"])
        types = [ev.type for ev in doc.events]
        add("found", bool(types))
        add("type_any", gold in types)
        main = max(doc.events, key=lambda ev: ev.confidence, default=None)
        add("type_main", main is not None and main.type == gold)
        hit = next((ev for ev in doc.events if ev.type == gold), None)
        if hit is not None and row.get("source"):
            add("source", _overlaps(doc, hit.actors + hit.claimed_by, row["source"]))
        if hit is not None and row.get("target"):
            add("target", _overlaps(doc, hit.targets + hit.actors, row["target"]))
    return {k: round(ok / n, 3) for k, (ok, n) in sorted(tally.items())} | {
        f"n_{k}": n for k, (_, n) in sorted(tally.items())
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["dev", "test", "all"], default="test")
    ap.add_argument("--shared", default=os.environ.get("SITREP_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--json", help="write the scores to this file")
    ap.add_argument("--check", action="store_true", help="fail when a test score is below its floor")
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "data/events/plover-gsr").is_dir():
        print(f"plover_gsr: no PLOVER records under {shared}", file=sys.stderr)
        return 2
    from sitrep.core import analyze_documents
    from sitrep.io.ingest import read_text

    rows = records(shared, args.split)
    docs = list(analyze_documents(read_text(r["text"], doc_id=r["id"], published=r.get("date")) for r in rows))
    scores: dict = score(rows, docs) | {"split": args.split, "records": len(rows)}
    print(json.dumps(scores, indent=1))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")
    if args.check:
        if args.split != "test":
            print("plover_gsr: --check compares the test split", file=sys.stderr)
            return 2
        from floors import check

        return check("plover_gsr", scores, BASELINE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
