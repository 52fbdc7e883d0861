"""Where RAND events are placed, on a random sample of RAND *train*: the country and city figures of
``events_rand.py`` and every miss written out for reading (never run this on dev).

    python bench/places_rand.py [-n 1500] [--seed 7] [--misses FILE]

Each miss is one JSON line: the record's id, coded city and country, description, the main event's place
(name, country, type, origin) and every place entity of the document, so misses can be sorted into kinds.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import json
import random
import sys
from pathlib import Path

from events_rand import placed, score

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1500, help="records sampled from RAND train")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--since", default="", help="only records dated from this year on (e.g. 2001)")
    ap.add_argument("--shared", default=os.environ.get("SITREP_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--misses", help="write the country and city misses to this JSONL file")
    args = ap.parse_args()
    path = Path(args.shared) / "data/events/rand-rdwti/train.jsonl"
    if not path.is_file():
        print(f"places_rand: no RAND train under {args.shared}", file=sys.stderr)
        return 2
    from sitrep.core import analyze_documents
    from sitrep.io.ingest import read_text

    rows = [r for r in map(json.loads, path.open(encoding="utf-8")) if r["date"] >= args.since]
    rows = [r for r in rows if r["description"].strip()]  # a few records have no description
    rows = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
    docs = list(analyze_documents(read_text(r["description"], doc_id=r["id"], published=r["date"]) for r in rows))
    scores = score(rows, docs)
    print(json.dumps({k: v for k, v in scores.items() if k.endswith(("country", "city"))}, indent=1))
    if args.misses:
        with open(args.misses, "w", encoding="utf-8") as out:
            for row, doc in zip(rows, docs, strict=True):
                rec = _record(row, doc)
                if rec["country_ok"] == 0 or rec["city_ok"] == 0:
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


def _record(row: dict, doc) -> dict:
    ents = {e.id: e for e in doc.entities}
    main = placed(doc)
    loc = ents.get(main.location) if main and main.location else None

    def show(e) -> str:
        return f"{e.name}|{e.country}|{e.type}|{e.origin}|" + ",".join(sorted({m.text for m in e.mentions}))

    ok = score([row], [doc])
    return {
        "country_ok": ok.get("country"), "city_ok": ok.get("city"), "id": row["id"], "city": row["city"],
        "country": row["country"], "text": row["description"],
        "event": bool(main), "loc": show(loc) if loc else None,
        "places": [show(e) for e in doc.entities if e.is_place],
    }  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
