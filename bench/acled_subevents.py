"""ACLED event and sub-event types scored on sitrep's own labelled descriptions (data/acled-subevents).

    python bench/acled_subevents.py [--split dev|train|all] [--lang en|ru] [--coder learned|rules] [--json FILE]
                                    [--check] [--errors] [--no-nonevents]

Each record is a short report of one event, written for sitrep from ACLED's published sub-event definitions
(data/acled-subevents/README.md), with its ACLED event type and sub-event type. sitrep analyses the text as a
document; its answer is the ACLED coding of the first event it tells that ACLED would code — the lead, what a
report is about; follow-ups and background come later (none when it finds none; ``--main confidence`` takes the
most confident such event instead, the rule before 2026-12-07). Scores:

* sub_event_weighted_f1 / sub_event_macro_f1: F1 over the 25 sub-event types, weighted by their share of the
  records, and unweighted; ``per_sub_event`` holds each type's precision, recall and F1;
* event_type_accuracy / sub_event_accuracy: the share of records coded exactly;
* coded: the share of records for which sitrep gives an ACLED coding at all;
* false_events: the share of held-out sentences that tell no event (``bench/nonevents.py``, its ``heldout`` part:
  news and web text in English and Russian that the detector never trained on) for which sitrep gives an ACLED
  coding all the same, overall and per source (``false_events_by_source``); the dev records are all events, so
  this is where a coder that codes too much shows. Lower is better; left out when ``../shared`` is absent or with
  ``--no-nonevents``.

Splits (``split`` field, scripts/split_labelled.py): ``dev`` is never trained on (reported; floors in
``bench/baselines/acled_subevents.json``; ``--check`` exits 1 below a floor); ``train`` is what the event classifier
learns from.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from events_rand import lead

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "acled-subevents"
BASELINE = ROOT / "bench/baselines/acled_subevents.json"


def records(split: str, lang: str | None = None) -> list[dict]:
    rows = [
        json.loads(line) for f in sorted(DATA.glob("*.jsonl")) for line in f.read_text(encoding="utf-8").splitlines()
    ]
    return [r for r in rows if split in ("all", r["split"]) and lang in (None, r["lang"])]


def predict(doc, by: str = "lead") -> tuple[str | None, str | None]:
    """The coding of the report's main event: the first it tells that ACLED would code (its lead), or with
    ``by="confidence"`` the most confident such event."""
    coded = [ev for ev in doc.events if ev.acled_sub_event_type]
    best = max(coded, key=lambda ev: ev.confidence, default=None) if by == "confidence" else lead(coded)
    return (best.acled_event_type, best.acled_sub_event_type) if best else (None, None)


def f1_table(gold: list[str], pred: list[str | None]) -> dict[str, dict[str, float]]:
    table = {}
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        n_pred, n_gold = sum(p == label for p in pred), sum(g == label for g in gold)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        table[label] = {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}
        table[label]["n"] = n_gold
    return table


def score(rows: list[dict], predictions: list[tuple[str | None, str | None]]) -> dict:
    gold_sub = [r["sub_event_type"] for r in rows]
    pred_sub = [p[1] for p in predictions]
    table = f1_table(gold_sub, pred_sub)
    support = Counter(gold_sub)
    n = len(rows)
    return {
        "sub_event_weighted_f1": round(sum(table[k]["f1"] * support[k] for k in table) / n, 3),
        "sub_event_macro_f1": round(sum(v["f1"] for v in table.values()) / len(table), 3),
        "sub_event_min_f1": min(v["f1"] for v in table.values()),
        "sub_event_accuracy": round(sum(g == p for g, p in zip(gold_sub, pred_sub, strict=True)) / n, 3),
        "event_type_accuracy": round(
            sum(r["event_type"] == p[0] for r, p in zip(rows, predictions, strict=True)) / n, 3
        ),
        "coded": round(sum(p[1] is not None for p in predictions) / n, 3),
        "per_sub_event": table,
    }


def false_events(settings, lang: str | None = None) -> dict:
    """The share of the held-out non-event sentences given an ACLED coding, overall and per source (nothing when
    ``../shared`` has none of them)."""
    from nonevents import nonevents

    from sitrep.core import analyze_documents
    from sitrep.io.ingest import read_text

    rows = [r for r in nonevents("heldout") if lang in (None, r[1])]
    if not rows:
        return {}
    docs = analyze_documents((read_text(t, doc_id=f"n{i}", lang=lg) for i, (t, lg, _) in enumerate(rows)), settings)
    coded = [any(ev.acled_sub_event_type for ev in doc.events) for doc in docs]
    sources = sorted({r[2] for r in rows})
    by_source = {
        s: round(sum(c for c, r in zip(coded, rows, strict=True) if r[2] == s) / sum(r[2] == s for r in rows), 3)
        for s in sources
    }
    return {
        "false_events": round(sum(coded) / len(rows), 3),
        "false_events_by_source": by_source,
        "nonevent_sentences": len(rows),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["dev", "train", "all"], default="dev")
    ap.add_argument("--lang", choices=["en", "ru"], help="one language only")
    ap.add_argument("--json", help="write the scores to this file")
    ap.add_argument("--check", action="store_true", help="fail when a dev score is below its floor")
    ap.add_argument("--errors", action="store_true", help="print the records coded wrongly")
    ap.add_argument("--coder", choices=["learned", "rules"], default="learned", help="the event_coder setting")
    ap.add_argument("--main", choices=["lead", "confidence"], default="lead", help="which event is the answer")
    ap.add_argument("--no-nonevents", action="store_true", help="skip the false events on non-event sentences")
    args = ap.parse_args()
    from sitrep.core import analyze_documents
    from sitrep.io.ingest import read_text
    from sitrep.settings import load

    rows = records(args.split, args.lang)
    settings = load({"event_coder": args.coder})
    docs = analyze_documents((read_text(r["text"], doc_id=r["id"], lang=r["lang"]) for r in rows), settings)
    predictions = [predict(doc, args.main) for doc in docs]
    scores = score(rows, predictions) | {
        "split": args.split,
        "lang": args.lang or "all",
        "coder": args.coder,
        "main": args.main,
        "records": len(rows),
    }
    if not args.no_nonevents:
        scores |= false_events(settings, args.lang)
    if args.errors:
        for r, (_, sub) in zip(rows, predictions, strict=True):
            if sub != r["sub_event_type"]:
                print(f"{r['id']}: gold {r['sub_event_type']!r}, got {sub!r}: {r['text'][:150]}")
    print(json.dumps(scores, indent=1))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")
    if args.check:
        if args.split != "dev" or args.lang or args.coder != "learned" or args.main != "lead":
            print("acled_subevents: --check compares the dev split, both languages, learned coder", file=sys.stderr)
            return 2
        from floors import check

        return check("acled_subevents", scores, BASELINE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
