"""Linking incidents across documents at scale: synthetic event records, linked by sitrep.linking and by the store.

    python bench/incidents.py                          # the committed figures: 10,000 and 100,000 records
    python bench/incidents.py --sizes 10000 --store 0  # quicker

The records are made up (seeded): 30 countries of 20 cities each (a city within 15 km of another sometimes), a
year of days, two event types, a pool of named actors.  True incidents get 1-5 reports from different documents;
a report names its city, or (1 in 6) its province or country, its day or (1 in 10) its month or a span of days,
the incident's actor or nobody, and a toll near the true one.  About a third of the records are incidents told
once.

The records of one size cover N / 10,000 years (a steady stream); ``dense``: the same sizes all within one year,
so that blocks hold ten times as many records at 100,000 as at 10,000.

``pure``: :func:`sitrep.linking.link` on N records -- CPU time (``time.process_time``: the machine is shared) in
one run, again with the garbage collector off, peak Python memory (``tracemalloc``) in another, records per
second, and pairwise precision and recall of the linked pairs against the true incidents.  ``ratio`` is the time
per record at the largest size over the time per record at the smallest (about 1: linear), with and without the
garbage collector.  ``reference``: :func:`sitrep.linking.affinity` against every incident so far (no blocking) on
the first ``--reference`` records, in the same process; ``speedup`` is its time over the blocked linker's on the
same records.

``store``: the records as minimal documents (one event, its place and actor; no analysis) added to a fresh SQLite
store with ``Store.add_many``: the CPU time per document with linking (every event linked in SQL at ingest) and,
as the reference in the same process, without it; and the incidents it found (the same as ``pure``'s, checked).

Results are merged into ``--json`` (default ``bench/results/incidents.json``), so ``--sizes`` with no value runs the
store part alone and keeps the others.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitrep.linking import Place, Report, affinity, link  # noqa: E402
from sitrep.model import Count, DateValue, Document, Entity, Event, Geo  # noqa: E402

TYPES = ("ASSAULT", "PROTEST")
ACTORS = [f"kb:group{i}" for i in range(40)]
YEAR = date(2024, 1, 1)


def world(rng: random.Random) -> list[tuple[Place, Place, Place]]:
    """(city, its province, its country) for 600 cities."""
    out = []
    for c in range(30):
        code = f"C{c:02d}"
        lat0, lon0 = rng.uniform(-40, 50), rng.uniform(-20, 120)
        country = Place(f"Country {c}", code, "country", 1_000_000 + c, lat0, lon0)
        for i in range(20):
            a1 = f"Province {c}-{i // 5}"
            province = Place(a1, code, "admin1", 2_000_000 + c * 10 + i // 5, lat0, lon0, a1)
            if i % 7 == 6:  # a town near the previous one
                prev = out[-1][0]
                lat, lon = (prev.lat or 0) + rng.uniform(-0.05, 0.05), (prev.lon or 0) + rng.uniform(-0.05, 0.05)
            else:
                lat, lon = lat0 + rng.uniform(-4, 4), lon0 + rng.uniform(-4, 4)
            city = Place(f"City {c}-{i}", code, "city", 3_000_000 + c * 100 + i, lat, lon, a1)
            out.append((city, province, country))
    return out


def records(n: int, seed: int = 7, dense: bool = False) -> tuple[list[Report], list[int]]:
    """``n`` reports in a shuffled order, and the true incident of each: over ``n`` / 10,000 years (a steady
    stream of 10,000 a year), or all in one year (``dense``)."""
    rng = random.Random(seed)
    days = 366 if dense else max(30, n * 366 // 10_000)
    places = world(rng)
    out: list[tuple[Report, int]] = []
    doc = 0
    incident = 0
    while len(out) < n:
        city, province, country = rng.choice(places)
        day = YEAR + timedelta(days=rng.randrange(days))
        type_ = rng.choice(TYPES)
        actor = rng.choice(ACTORS) if rng.random() < 0.5 else None
        killed = rng.choice([0, 1, 2, 3, 5, 8, 12, 20, 40, 100])
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 3, 4, 5])):
            if len(out) >= n:
                break
            roll = rng.random()
            place = city if roll < 5 / 6 else (province if roll < 11 / 12 else country)
            first, last = day, day
            roll = rng.random()
            if roll < 0.05:
                following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
                first, last = day.replace(day=1), following - timedelta(days=1)  # the whole month
            elif roll < 0.1:
                first, last = day - timedelta(days=1), day + timedelta(days=1)
            named = frozenset([actor]) if actor and rng.random() < 0.7 else frozenset()
            toll = max(0, killed + rng.randint(-1, 2))
            out.append((Report(f"d{doc}", "v1", type_, first.isoformat(), last.isoformat(), place, named,
                               Count(toll, toll, toll)), incident))  # fmt: skip
            doc += 1
        incident += 1
    rng.shuffle(out)
    return [r for r, _ in out], [t for _, t in out]


def pairs(groups: list[list[int]]) -> set[tuple[int, int]]:
    return {(a, b) for g in groups for i, a in enumerate(sorted(g)) for b in sorted(g)[i + 1 :]}


def quality(found: list[list[int]], truth: list[int]) -> dict[str, float]:
    by_truth: dict[int, list[int]] = {}
    for i, t in enumerate(truth):
        by_truth.setdefault(t, []).append(i)
    got, want = pairs(found), pairs(list(by_truth.values()))
    tp = len(got & want)
    return {"pair_precision": round(tp / max(1, len(got)), 3), "pair_recall": round(tp / max(1, len(want)), 3)}


def quadratic(reports: list[Report]) -> list[list[int]]:
    incidents: list[list[int]] = []
    for i, r in enumerate(reports):
        best, score = None, 0
        for k, members in enumerate(incidents):
            s = [affinity(r, reports[m]) for m in members]
            if all(s) and sum(s) > score:
                best, score = k, sum(s)
        if best is None:
            incidents.append([i])
        else:
            incidents[best].append(i)
    return incidents


def pure(sizes: list[int], reference: int, dense: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"sizes": {}}
    label = "dense" if dense else "pure "
    for n in sizes:
        reports, truth = records(n, dense=dense)
        start = time.process_time()
        found = link(reports)
        seconds = time.process_time() - start
        gc.disable()  # the same without the cyclic garbage collector, whose passes grow with the live objects
        start = time.process_time()
        link(reports)
        no_gc = time.process_time() - start
        gc.enable()
        tracemalloc.start()
        link(reports)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        row = {"records": n, "cpu_s": round(seconds, 3), "cpu_s_gc_off": round(no_gc, 3),
               "records_per_s": round(n / seconds),
               "peak_mb": round(peak / 2**20, 1), "incidents": len(found), **quality(found, truth)}  # fmt: skip
        out["sizes"][str(n)] = row
        print(f"{label} {n:>7} records: {seconds:7.2f} s CPU ({no_gc:.2f} s without gc) {n / seconds:9,.0f} "
              f"records/s  peak {peak / 2**20:7.1f} MB  {len(found):,} incidents  "
              f"pairs P {row['pair_precision']} R {row['pair_recall']}")  # fmt: skip
    small, large = str(min(sizes)), str(max(sizes))
    for key, col in (("ratio", "cpu_s"), ("ratio_gc_off", "cpu_s_gc_off")):
        per = {k: out["sizes"][k][col] / out["sizes"][k]["records"] for k in (small, large)}
        out[key] = round(per[large] / per[small], 2)
    print(f"{label} CPU time per record at {large} / at {small}: {out['ratio']} ({out['ratio_gc_off']} without gc)")
    if reference and not dense:
        reports, _ = records(reference)
        start = time.process_time()
        slow = quadratic(reports)
        t_slow = time.process_time() - start
        start = time.process_time()
        fast = link(reports)
        t_fast = time.process_time() - start
        assert fast == slow, "blocking changed the incidents"  # nosec B101 - a benchmark's own check
        out["reference"] = {"records": reference, "quadratic_s": round(t_slow, 3), "blocked_s": round(t_fast, 3),
                            "speedup": round(t_slow / t_fast, 1)}  # fmt: skip
        print(f"pure  reference on {reference} records: every incident {t_slow:.2f} s, blocked {t_fast:.3f} s "
              f"(x{t_slow / t_fast:.0f}), same incidents")  # fmt: skip
    return out


def as_document(r: Report) -> Document:
    p = r.place
    assert p is not None  # nosec B101 - every synthetic report has a place
    place = Entity("p1", p.name, {"country": "country", "admin1": "admin_area"}.get(p.level, "city"),  # type: ignore[arg-type]
                   geo=Geo(p.lat or 0.0, p.lon or 0.0, p.geonameid, p.country or "", p.admin1, p.level))  # type: ignore[arg-type]
    entities = [place] + [Entity("a1", a, "armed_group", kb_id=a) for a in sorted(r.actors)]
    ev = Event("v1", r.type, location="p1", date=DateValue(r.first, r.last, "day"), fatalities=r.fatalities,
               actors=["a1"] if r.actors else [])  # fmt: skip
    return Document(id=r.doc_id, text=f"report {r.doc_id}", language="en", entities=entities, events=[ev])


def store(sizes: list[int]) -> dict[str, Any]:
    from sitrep.store import Store

    out: dict[str, Any] = {}
    for n in sizes:
        reports, _ = records(n)
        docs = [as_document(r) for r in reports]
        seconds: dict[bool, float] = {}
        for linking in (False, True):  # the reference: the same store with linking switched off
            with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as st:
                if not linking:
                    st._link_document = lambda conn, data: None  # type: ignore[method-assign]
                start = time.process_time()
                st.add_many(docs)
                seconds[linking] = time.process_time() - start
                found = sorted(sorted(x.doc_id for x in inc.reports) for inc in st.incidents())
        expected = sorted(sorted(reports[i].doc_id for i in g) for g in link(reports))
        ms, ms_ref = 1000 * seconds[True] / n, 1000 * seconds[False] / n
        out[str(n)] = {"documents": n, "cpu_s": round(seconds[True], 2), "ms_per_doc": round(ms, 3),
                       "ms_per_doc_without_linking": round(ms_ref, 3), "linking_share": round(1 - ms_ref / ms, 2),
                       "incidents": len(found), "same_as_pure": found == expected}  # fmt: skip
        print(f"store {n:>7} documents: {seconds[True]:7.2f} s CPU  {ms:.3f} ms/document ({ms_ref:.3f} without "
              f"linking)  {len(found):,} incidents, the same as pure: {found == expected}")  # fmt: skip
    if len(sizes) > 1:
        big, small = out[str(max(sizes))], out[str(min(sizes))]
        out["ratio"] = round(big["ms_per_doc"] / small["ms_per_doc"], 2)
        out["ratio_without_linking"] = round(big["ms_per_doc_without_linking"] / small["ms_per_doc_without_linking"], 2)
        print(f"store time per document at {max(sizes)} / at {min(sizes)}: {out['ratio']} "
              f"({out['ratio_without_linking']} without linking)")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000], help="pure sizes (none: skip)")
    ap.add_argument("--reference", type=int, default=3000, help="records for the unblocked reference (0: none)")
    ap.add_argument("--store", type=int, nargs="*", default=[10_000, 100_000], help="store sizes (0: none)")
    ap.add_argument("--dense", action=argparse.BooleanOptionalAction, default=True,
                    help="also link the same sizes all within one year (denser blocks)")
    ap.add_argument("--json", type=Path, default=ROOT / "bench/results/incidents.json")
    args = ap.parse_args()
    result: dict[str, Any] = json.loads(args.json.read_text(encoding="utf-8")) if args.json.is_file() else {}
    result.update(python=platform.python_version(), machine=platform.machine())
    if args.sizes:
        result["pure"] = pure(args.sizes, args.reference)
    if args.dense and args.sizes:
        result["dense"] = pure(args.sizes, 0, dense=True)
    sizes = [n for n in args.store if n]
    if sizes:
        result["store"] = store(sizes)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.json}")


if __name__ == "__main__":
    main()
