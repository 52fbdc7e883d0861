"""Russian reporting scored on articles written for sitrep (data/ru-events): events, facts, attributions,
canonical names, dates and numbers.

    python bench/events_ru.py [--split test|dev] [--json FILE] [--check] [--errors]

``test`` (data/ru-events/test.yaml and dates_numbers.yaml) was written before the Russian rules were tuned and
is never tuned on: its scores are the reported ones, with floors in ``bench/baselines/events_ru.json``
(``--check`` exits 1 below one). ``dev`` (dev.yaml) holds the examples the rules were developed on.

Scores (gold fields in data/ru-events/README.md):

* event_recall: the share of gold events (not ``optional``) that sitrep finds — an event of the same type,
  matched one to one, preferring the candidate that agrees on most fields;
* event_precision: the share of sitrep's ASSAULT, COERCE and PROTEST events that match a gold event (optional
  ones included): one attack told in four sentences as four events costs three;
* field_accuracy, and ``fields`` one by one: over matched events, how often sitrep's mode, ACLED coding,
  location, date, counts, modality, source, actors, targets and claimants are the gold ones;
* fact_recall: gold facts found (predicate, subject and object), fact_field_accuracy their modality and source;
* entity_names: gold entities found under their canonical name (and type); entity_latin: of those written in
  Cyrillic, the share whose Latin key is the gold one (a person «Магомед Омаров» ~ "Magomed Omarov");
  bad_entities: names that must not be entities but are («Сми»);
* date_accuracy, number_accuracy: the date and number cases (value right at the gold mention).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "ru-events"
BASELINE = ROOT / "bench/baselines/events_ru.json"
SCORED_TYPES = ("ASSAULT", "COERCE", "PROTEST")
FIELDS = ("mode", "acled", "location", "date", "fatalities", "injuries", "arrested", "modality", "attributed_to",
          "actors", "targets", "claimed_by")  # fmt: skip


def load(name: str) -> Any:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def name_ok(pred: str | None, gold: str | list[str]) -> bool:
    """A predicted name matches a gold one when it equals or contains one of the gold strings."""
    options = [gold] if isinstance(gold, str) else gold
    return pred is not None and any(g == pred or g in pred for g in options)


def names_ok(pred: list[str | None], gold: list[str | list[str]]) -> bool:
    return all(any(name_ok(p, g) for p in pred) for g in gold)


def field_ok(doc, ev, key: str, gold: Any) -> bool:
    def nm(eid: str | None) -> str | None:
        ent = doc.entity(eid)
        return ent.name if ent else None

    if key == "mode":
        return ev.mode == gold
    if key == "acled":
        return [ev.acled_event_type, ev.acled_sub_event_type] == gold
    if key == "location":
        return name_ok(nm(ev.location), gold)
    if key == "date":
        return ev.date.start in ([gold] if isinstance(gold, str) else gold)
    if key in ("fatalities", "injuries", "arrested"):
        count = getattr(ev, key)
        return (count.best if count else None) == gold
    if key == "modality":
        return ev.modality == gold
    if key == "attributed_to":
        return name_ok(nm(ev.attributed_to), gold)
    return names_ok([nm(e) for e in getattr(ev, key)], gold)


def match_events(doc, gold: list[dict]) -> tuple[list[tuple[dict, Any]], list[dict], list[Any]]:
    """(gold, predicted) pairs one to one, the gold events missed (not optional) and the predictions matched to
    nothing (of the scored types)."""
    pairs = []
    for g in gold:
        for ev in doc.events:
            if ev.type == g["type"]:
                agree = sum(field_ok(doc, ev, k, g[k]) for k in FIELDS if k in g)
                pairs.append((-agree, g.get("optional", False), ev.confidence * -1, id(g), id(ev), g, ev))
    pairs.sort(key=lambda p: p[:3])
    used_g, used_p, matched = set(), set(), []
    for *_, g, ev in pairs:
        if id(g) in used_g or id(ev) in used_p:
            continue
        used_g.add(id(g))
        used_p.add(id(ev))
        matched.append((g, ev))
    missed = [g for g in gold if id(g) not in used_g and not g.get("optional")]
    spurious = [ev for ev in doc.events if ev.type in SCORED_TYPES and id(ev) not in used_p]
    return matched, missed, spurious


def fact_found(doc, want: dict) -> Any:
    def nm(eid: str | None) -> str | None:
        ent = doc.entity(eid)
        return ent.name if ent else None

    for f in doc.facts:
        if f.predicate != want["predicate"] or not name_ok(nm(f.subject), want["subject"]):
            continue
        if "object" in want and not name_ok(nm(f.object), want["object"]):
            continue
        return f
    return None


def latin_key(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def score_articles(articles: list[dict], errors: bool) -> dict:
    from sitrep.core import analyze_documents
    from sitrep.io.ingest import read_text
    from sitrep.settings import load as load_settings

    docs = analyze_documents(
        (read_text(a["text"], doc_id=a["id"], lang="ru", published=a["published"]) for a in articles),
        load_settings(),
    )
    n_gold = n_found = n_pred = n_true = 0
    field_hits: dict[str, list[int]] = {k: [0, 0] for k in FIELDS}
    facts = [0, 0]
    fact_fields = [0, 0]
    names = [0, 0]
    latin = [0, 0]
    bad = 0
    for art, doc in zip(articles, docs, strict=True):
        gold = art.get("events", [])
        matched, missed, spurious = match_events(doc, gold)
        required = [g for g in gold if not g.get("optional")]
        n_gold += len(required)
        n_found += sum(not g.get("optional") for g, _ in matched)
        n_pred += sum(ev.type in SCORED_TYPES for ev in doc.events)
        n_true += sum(ev.type in SCORED_TYPES for _, ev in matched)
        for g, ev in matched:
            for k in FIELDS:
                if k in g:
                    ok = field_ok(doc, ev, k, g[k])
                    field_hits[k][0] += ok
                    field_hits[k][1] += 1
                    if errors and not ok:
                        print(f"{art['id']} {g['type']} {k}: gold {g[k]!r}, got {_shown(doc, ev, k)!r}")
        if errors:
            for g in missed:
                print(f"{art['id']} missed {g}")
            for ev in spurious:
                print(f"{art['id']} spurious {ev.type}/{ev.mode}: {ev.evidence[0].text[:90] if ev.evidence else ''}")
        for want in art.get("facts", []):
            f = fact_found(doc, want)
            facts[0] += f is not None
            facts[1] += 1
            if errors and f is None:
                print(f"{art['id']} fact missed {want}: {[(x.predicate, x.subject) for x in doc.facts]}")
            for k in ("modality", "attributed_to"):
                if k in want:
                    fact_fields[1] += 1
                    fact_fields[0] += f is not None and _fact_field_ok(doc, f, k, want[k])
        for want in art.get("entities", []):
            ent = next((e for e in doc.entities if e.name == want["name"] and e.type == want.get("type", e.type)), None)
            names[0] += ent is not None
            names[1] += 1
            if errors and ent is None:
                print(f"{art['id']} entity {want['name']!r} not found: {sorted({e.name for e in doc.entities})}")
            if "latin" in want:
                got = getattr(ent, "latin", None) if ent is not None else None
                latin[0] += latin_key(got) == latin_key(want["latin"])
                latin[1] += 1
        for wrong in art.get("not_entities", []):
            bad += any(e.name == wrong or e.name.startswith(f"{wrong} (") for e in doc.entities)
    recall = n_found / n_gold if n_gold else 0.0
    precision = n_true / n_pred if n_pred else 0.0
    total_fields = [sum(v[0] for v in field_hits.values()), sum(v[1] for v in field_hits.values())]
    return {
        "articles": len(articles),
        "gold_events": n_gold,
        "event_recall": _r(recall),
        "event_precision": _r(precision),
        "event_f1": _r(2 * precision * recall / (precision + recall) if precision + recall else 0.0),
        "field_accuracy": _ratio(total_fields),
        "fields": {k: {"accuracy": _ratio(v), "n": v[1]} for k, v in field_hits.items()},
        "fact_recall": _ratio(facts),
        "fact_field_accuracy": _ratio(fact_fields),
        "entity_names": _ratio(names),
        "entity_latin": _ratio(latin),
        "bad_entities": bad,
    }


def _fact_field_ok(doc, fact, key: str, gold: Any) -> bool:
    if key == "modality":
        return fact.modality == gold
    src = doc.entity(fact.attributed_to)
    return name_ok(src.name if src else None, gold)


def _shown(doc, ev, key: str) -> Any:
    if key == "acled":
        return [ev.acled_event_type, ev.acled_sub_event_type]
    if key in ("location", "attributed_to"):
        ent = doc.entity(getattr(ev, key))
        return ent.name if ent else None
    if key in ("actors", "targets", "claimed_by"):
        return [doc.entity(e).name for e in getattr(ev, key)]
    if key == "date":
        return ev.date.start
    value = getattr(ev, key)
    return value.best if key in ("fatalities", "injuries", "arrested") and value else value


def score_dates_numbers(cases: dict, errors: bool) -> dict:
    from sitrep.extract.dates import find_dates
    from sitrep.extract.numbers import find_numbers

    pub = cases["published"]
    dates_ok = 0
    for text, mention, start, end, _precision in cases["dates"]:
        spans, _ = find_dates(text, "ru", pub)
        at = text.index(mention)
        value = None
        for k, s in enumerate(spans):
            if s.start < at + len(mention) and at < s.end:
                value = s.value
                if s.label == "anaphoric" and not value.start:  # as the events stage resolves it
                    earlier = [x.value for x in spans[:k] if x.value.start]
                    value = earlier[-1] if earlier else value
                break
        ok = value is not None and value.start in ([start] if isinstance(start, str) else start) and value.end == end
        dates_ok += ok
        if errors and not ok:
            print(f"date {mention!r}: gold {start}..{end}, got {value and (value.start, value.end)}")
    numbers_ok = 0
    for text, mention, low, best, high in cases["numbers"]:
        dspans, _ = find_dates(text, "ru", pub)
        spans = find_numbers(text, "ru", skip=[(s.start, s.end) for s in dspans])
        at = text.index(mention)
        found = [s for s in spans if s.start < at + len(mention) and at < s.end and s.label in ("count", "range")]
        got = (found[0].value.low, found[0].value.best, found[0].value.high) if found else None
        want = None if (low, best, high) == (None, None, None) else (low, best, high)
        numbers_ok += got == want
        if errors and got != want:
            print(f"number {mention!r} in {text!r}: gold {want}, got {got}")
    return {
        "date_cases": len(cases["dates"]),
        "date_accuracy": _r(dates_ok / len(cases["dates"])),
        "number_cases": len(cases["numbers"]),
        "number_accuracy": _r(numbers_ok / len(cases["numbers"])),
    }


def _r(x: float) -> float:
    return round(x, 3)


def _ratio(v: list[int]) -> float:
    return _r(v[0] / v[1]) if v[1] else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["test", "dev"], default="test")
    ap.add_argument("--json", help="write the scores to this file")
    ap.add_argument("--check", action="store_true", help="fail when a test score is below its floor")
    ap.add_argument("--errors", action="store_true", help="print what sitrep got wrong")
    args = ap.parse_args()
    scores: dict[str, Any] = {"split": args.split}
    scores |= score_articles(load(f"{args.split}.yaml"), args.errors)
    if args.split == "test":
        scores |= score_dates_numbers(load("dates_numbers.yaml"), args.errors)
    print(json.dumps(scores, indent=1, ensure_ascii=False))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(scores, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.check:
        if args.split != "test":
            print("events_ru: --check compares the test split", file=sys.stderr)
            return 2
        from floors import check

        return check("events_ru", scores, BASELINE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
