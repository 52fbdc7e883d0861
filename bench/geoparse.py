"""Toponym recognition and resolution on the geoparsing gold corpora (LGL, TR-News, GeoVirus).

    python bench/geoparse.py                      # all corpora, writes bench/results/geoparse.json
    python bench/geoparse.py --check              # and fail (exit 1) when a test score is below its floor
    python bench/geoparse.py --write-baseline     # set the floors in bench/baselines/geoparse.json (test - 2)
    python bench/geoparse.py --ner none|nlp|auto  # recognise with the gazetteer only / with the nlp stage
    python bench/geoparse.py --split dev --misses /tmp/geo.jsonl  # and write the misses and extra spans

The corpora are read from ``$SITREP_SHARED/data/geo`` (default ``../shared``).  Each corpus is split by article
order: the first half is the dev set (used for tuning), the second half the test set (reported, gated).

Metrics, per corpus and split:
* recognition: precision / recall / F1 of toponym spans, exact and overlapping, names only and with
  demonyms counted as country mentions (the gold data annotates "Turkish", "American" as toponyms);
* resolution (end to end): for gold toponyms that a predicted span overlaps and that have gold coordinates,
  accuracy within 161 km, exact GeoNames id, correct country -- the figures Mordecai3 reports;
* resolution given gold spans: the resolver alone (``places.resolve_spans``), same three figures, plus the
  share of gold toponyms it resolved at all;
* ``acc161_all`` in both: the toponyms placed within 161 km over *all* gold toponyms with coordinates (a toponym
  not found or not resolved counts as wrong) -- the figure issue 7 sets goals on; Mordecai3's paper reports
  its figures over the correctly recognised toponyms only, like ``acc161`` end to end here.
GeoVirus has coordinates only (no GeoNames ids or countries) and offsets shifted by +1 (corrected here).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT / ".." / "shared"))
RESULTS = ROOT / "bench" / "results" / "geoparse.json"
BASELINE = ROOT / "bench" / "baselines" / "geoparse.json"
CORPORA = ("lgl", "tr-news", "geovirus")
sys.path.insert(0, str(ROOT))  # run as a script: import the working tree's sitrep
KM = 161.0


@dataclass
class Gold:
    start: int
    end: int
    lat: float | None
    lon: float | None
    geonameid: int | None
    country: str | None  # ISO2


@dataclass
class Article:
    text: str
    gold: list[Gold]


def _fix(text: str, start: int, end: int, phrase: str, shifts: tuple[int, ...]) -> tuple[int, int] | None:
    """Offsets of ``phrase`` at or near ``start`` (some corpora are off by a few characters)."""
    for d in shifts:
        if text[start + d : end + d] == phrase:
            return start + d, end + d
    return None


def _country_code(name: str | None) -> str | None:
    from sitrep.knowledge import gazetteer

    if not name:
        return None
    found = [p for p in gazetteer.lookup(name) if p.feature == "country"]
    return found[0].country_code if found else None


def read_corpus(name: str) -> tuple[list[Article], int]:
    """Articles of one corpus and the number of gold toponyms dropped (offsets that do not fit the text)."""
    root = ET.parse(SHARED / "data" / "geo" / f"{name}.xml").getroot()
    shifts = (-1, 0, -2, 1) if name == "geovirus" else (0, *range(-12, 13))
    articles, dropped = [], 0
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold = []
        tags = art.find("locations") if name == "geovirus" else art.find("toponyms")
        for tag in tags if tags is not None else []:
            phrase = tag.findtext("name" if name == "geovirus" else "phrase") or ""
            span = _fix(text, int(tag.findtext("start") or 0), int(tag.findtext("end") or 0), phrase, shifts)
            if span is None:
                dropped += 1
                continue
            gaz = tag if name == "geovirus" else tag.find("gaztag")
            lat = gaz.findtext("lat") if gaz is not None else None
            lon = gaz.findtext("lon") if gaz is not None else None
            gid = gaz.get("geonameid") if gaz is not None else None
            country = _country_code(gaz.findtext("country")) if gaz is not None and name != "geovirus" else None
            if gaz is not None and gaz.findtext("fcode", "").startswith("PCL"):
                country = _country_code(gaz.findtext("name")) or country
            gold.append(
                Gold(span[0], span[1], float(lat) if lat else None, float(lon) if lon else None,
                     int(gid) if gid else None, country)
            )  # fmt: skip
        articles.append(Article(text, gold))
    return articles, dropped


def _ner_stage(mode: str) -> Any:
    if mode == "none":
        return None
    from sitrep import settings
    from sitrep.knowledge.files import model_path

    if mode == "auto" and not (model_path("en_sitrep") / "meta.json").is_file():
        return None
    from sitrep import nlp

    return nlp.make(settings.load())


def predict(article: Article, nlp_stage: Any) -> tuple[list[tuple[int, int, Any]], list[tuple[int, int, str]]]:
    """Predicted (start, end, Geo) toponym spans and (start, end, ISO2) demonym spans."""
    from sitrep.extract.places import places
    from sitrep.knowledge import gazetteer
    from sitrep.model import Document

    doc = Document(id="bench", text=article.text, language="en")
    if nlp_stage is not None:
        nlp_stage(doc)
        doc.layers.done.append("nlp")
    places(doc)
    spans = [
        (m.start, m.end, e.geo or _region_geo(e))
        for e in doc.entities
        if e.is_place and e.origin in ("gazetteer", "ner")
        for m in e.mentions
        if m.kind != "description"  # "the Afghan capital" names no toponym
    ]
    taken = [(s, e) for s, e, _ in spans]
    demonyms = []
    # every capitalised word, "South African" before "South"; overlapping, so that a word after another ("The
    # Lebanese army") is tried too (until 2026-12-07 the pair "The Lebanese" hid "Lebanese")
    for w in re.finditer(r"(?<![A-Za-z])(?=([A-Z][a-z]+(?:\s[A-Z][a-z]+)?))", article.text):
        if demonyms and w.start() < demonyms[-1][1]:
            continue
        for word in (w.group(1), w.group(1).split()[0]):
            cc = gazetteer.demonym(word)
            end = w.start() + len(word)
            if cc and not any(s < end and w.start() < e for s, e in taken):
                demonyms.append((w.start(), end, cc))
                break
    return spans, demonyms


def _region_geo(entity: Any) -> Any:
    """The point of a region of several countries ("Europe", "the Middle East"), which has no geo in the output
    contract (no one country code) but whose gazetteer place the entity names by ``kb_id`` (until 2026-12-07 such
    a region counted as not resolved)."""
    from sitrep.knowledge import gazetteer
    from sitrep.model import Geo

    if entity.kb_id is None or entity.origin != "gazetteer":
        return None
    place = next((p for p in gazetteer.lookup(entity.name) if p.kb_id == entity.kb_id), None)
    return Geo(place.lat, place.lon, place.geonameid, "", None, "place") if place else None


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": round(100 * p, 1), "r": round(100 * r, 1), "f": round(200 * p * r / (p + r), 1) if p + r else 0.0}


class Tally:
    def __init__(self) -> None:
        self.n = self.km = self.exact = self.exact_n = self.country = self.country_n = 0

    def add(self, gold: Gold, lat: float | None, lon: float | None, gid: int | None, cc: str | None) -> None:
        from sitrep.knowledge.gazetteer import haversine

        if gold.lat is None or gold.lon is None:
            return
        self.n += 1
        if lat is not None and lon is not None and haversine(gold.lat, gold.lon, lat, lon) <= KM:
            self.km += 1
        if gold.geonameid is not None:
            self.exact_n += 1
            self.exact += int(gid == gold.geonameid)
        if gold.country is not None:
            self.country_n += 1
            self.country += int(cc == gold.country)

    def result(self, all_gold: int) -> dict[str, Any]:
        pct = lambda a, b: round(100 * a / b, 1) if b else None  # noqa: E731
        return {"n": self.n, "acc161": pct(self.km, self.n), "exact": pct(self.exact, self.exact_n),
                "country": pct(self.country, self.country_n), "acc161_all": pct(self.km, all_gold)}  # fmt: skip


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 60) : start] + "[[" + text[start:end] + "]]" + text[end : end + 60]


def _errors(art: Article, spans: list[tuple[int, int, Any]], label: str) -> list[dict[str, Any]]:
    """The gold toponyms no predicted span overlaps ("miss") and the predicted spans no gold one overlaps
    ("extra"), each with its context, for ``--misses``."""
    out = []
    for g in art.gold:
        if not any(s < g.end and g.start < e for s, e, _ in spans):
            out.append({"split": label, "kind": "miss", "name": art.text[g.start : g.end],
                        "context": _context(art.text, g.start, g.end)})  # fmt: skip
    for s, e, geo in spans:
        if not any(s < g.end and g.start < e for g in art.gold):
            out.append({"split": label, "kind": "extra", "name": art.text[s:e], "context": _context(art.text, s, e),
                        "feature": geo.feature if geo else None})  # fmt: skip
    return out


def evaluate(
    articles: list[Article], nlp_stage: Any, errors: list[dict[str, Any]] | None = None, label: str = ""
) -> dict[str, Any]:
    from sitrep.extract.places import resolve_spans
    from sitrep.knowledge import gazetteer

    counts = {k: 0 for k in ("gold", "pred", "pred_dem", "tp", "tp_dem", "tp_overlap", "tp_overlap_dem")}
    e2e, given, resolved, with_coords = Tally(), Tally(), 0, 0
    for art in articles:
        spans, demonyms = predict(art, nlp_stage)
        if errors is not None:
            errors.extend(_errors(art, spans, label))
        counts["gold"] += len(art.gold)
        counts["pred"] += len(spans)
        counts["pred_dem"] += len(spans) + len(demonyms)
        for g in art.gold:
            exact = [x for x in spans if (x[0], x[1]) == (g.start, g.end)]
            over = exact or [x for x in spans if x[0] < g.end and g.start < x[1]]
            dem = [x for x in demonyms if x[0] < g.end and g.start < x[1]]
            counts["tp"] += bool(exact)
            counts["tp_overlap"] += bool(over)
            counts["tp_dem"] += bool(exact) or any((x[0], x[1]) == (g.start, g.end) for x in dem)
            counts["tp_overlap_dem"] += bool(over or dem)
            if over and over[0][2] is not None:
                geo = over[0][2]
                e2e.add(g, geo.lat, geo.lon, geo.geonameid, geo.country_code)
            elif dem and (country := gazetteer.country(dem[0][2])):
                e2e.add(g, country.lat, country.lon, country.geonameid, country.country_code)
        for g, place in zip(art.gold, resolve_spans(art.text, [(g.start, g.end) for g in art.gold]), strict=True):
            if g.lat is None:
                continue
            with_coords += 1
            if place is not None:
                resolved += 1
                given.add(g, place.lat, place.lon, place.geonameid, place.country_code)
    return {
        "articles": len(articles),
        "gold_toponyms": counts["gold"],
        "recognition": {
            "names_exact": _prf(counts["tp"], counts["pred"], counts["gold"]),
            "names_overlap": _prf(counts["tp_overlap"], counts["pred"], counts["gold"]),
            "with_demonyms_exact": _prf(counts["tp_dem"], counts["pred_dem"], counts["gold"]),
            "with_demonyms_overlap": _prf(counts["tp_overlap_dem"], counts["pred_dem"], counts["gold"]),
        },
        "resolution_end_to_end": e2e.result(with_coords),
        "resolution_gold_spans": {
            **given.result(with_coords), "resolved": round(100 * resolved / max(with_coords, 1), 1)
        },
    }


def _floors(results: dict[str, Any]) -> dict[str, float]:
    """The gated figures: test-split scores, flattened to "corpus.section.metric"."""
    out = {}
    for corpus, res in results["corpora"].items():
        test = res["test"]
        for kind in ("names_overlap", "with_demonyms_overlap"):
            out[f"{corpus}.recognition.{kind}.f"] = test["recognition"][kind]["f"]
        for section in ("resolution_end_to_end", "resolution_gold_spans"):
            for metric in ("acc161", "exact", "country", "acc161_all"):
                if test[section][metric] is not None:
                    out[f"{corpus}.{section}.{metric}"] = test[section][metric]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Geoparsing benchmark (LGL, TR-News, GeoVirus)")
    parser.add_argument("--corpus", choices=CORPORA, action="append", help="default: all")
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument(
        "--ner", choices=("none", "nlp", "auto"), default="none",
        help="none: gazetteer recognition only (what the floors are for); nlp: with sitrep's English tagger; "
        "auto: nlp when the model is installed",
    )  # fmt: skip
    parser.add_argument("--misses", type=Path, help="write missed gold toponyms and extra spans here (JSONL)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a test score is below its floor")
    parser.add_argument("--write-baseline", action="store_true", help="write floors (test scores minus 2)")
    args = parser.parse_args(argv)
    if not (SHARED / "data" / "geo").is_dir():
        print(f"no corpora at {SHARED / 'data' / 'geo'}; set SITREP_SHARED", file=sys.stderr)
        return 2
    nlp_stage = _ner_stage(args.ner)
    results: dict[str, Any] = {
        "ner": "nlp" if nlp_stage else "none",
        "km": KM,
        "split": "dev = first half of each corpus, test = second half",
        "corpora": {},
    }
    errors: list[dict[str, Any]] | None = [] if args.misses else None
    for corpus in args.corpus or CORPORA:
        articles, dropped = read_corpus(corpus)
        half = len(articles) // 2
        splits = {"dev": articles[:half], "test": articles[half:]}
        res: dict[str, Any] = {"dropped_gold": dropped}
        for split, arts in splits.items():
            if args.split in (split, "both"):
                res[split] = evaluate(arts, nlp_stage, errors, f"{corpus} {split}")
                print(corpus, split, json.dumps(res[split]))
        results["corpora"][corpus] = res
    if args.misses and errors is not None:
        args.misses.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in errors), encoding="utf-8")
    if args.split == "both" and not args.corpus:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.write_baseline:
        floors = {k: max(0.0, round(v - 2.0, 1)) for k, v in _floors(results).items()}
        baseline = {"ner": results["ner"], "split": "test (second half of each corpus)", "floors": floors}
        BASELINE.parent.mkdir(parents=True, exist_ok=True)
        BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if args.check:
        baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
        if baseline["ner"] != results["ner"]:
            print(f"floors are for --ner {baseline['ner']}, this run used {results['ner']}", file=sys.stderr)
            return 2
        floors, scores = baseline["floors"], _floors(results)
        low = [f"{k}: {scores.get(k)} < {v}" for k, v in floors.items() if k in scores and scores[k] < v]
        for line in low:
            print("below floor:", line, file=sys.stderr)
        return 1 if low else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
