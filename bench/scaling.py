"""Scaling: does a cost grow linearly with the input?  Two parts, both on RAND RDWTI dev descriptions.

    python bench/scaling.py --part stages [--words 1000 5000 20000 100000]
    python bench/scaling.py --part store [--docs 1000 10000]
    python bench/scaling.py                  # both parts (the committed figures)

``--part stages``: one long document made by joining descriptions (blank lines between) until it has N words,
for each N in ``--words``; the CPU time (``time.process_time``) of each pipeline stage
(``sitrep.core.default_pipeline``) run on it, and the total.  ``ratio`` is the seconds per word at the largest
size divided by the seconds per word at the smallest: about 1 when the cost is linear, well over 1 when a
stage compares everything with everything.  The model is loaded and warmed up first, untimed.

``--part store``: the first max(``--docs``) descriptions analysed once (cached as JSONL under ``--cache``, so
a second run does not analyse again; ``--fresh`` re-analyses), then for each size: ``Store.add_many`` into a
fresh SQLite file, ``read`` (``list(store.documents())``), ``report`` (``store.documents()`` +
``sitrep.outputs.report.report``), ``export <format>`` for every registered format (``store.documents()`` +
``export``), ``search`` (``store.search("Baghdad")``) and ``documents(place)`` (``store.documents(place="Iraq")``,
read in full).  Wall time per stored document, in ms; ``ratio`` is the per-document time at the largest size
divided by the one at the smallest (about 1 when linear).

Runs on one core (BLAS/OpenMP threads pinned to 1).  Results are merged into ``--json``
(default ``bench/results/scaling.json``, keys ``stages`` and ``store``), so running one part keeps the other.
"""

from __future__ import annotations

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import argparse  # noqa: E402 - the thread limits must be set before numpy is imported
import io  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RAND = "data/events/rand-rdwti/dev.jsonl"
PUBLISHED = "2024-05-15"


def _rows(shared: Path) -> list[dict[str, Any]]:
    path = shared / RAND
    if not path.is_file():
        raise SystemExit(f"scaling: {path} not found (pass --shared)")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _joined(rows: list[dict[str, Any]], words: int) -> str:
    parts, count = [], 0
    for row in rows:
        parts.append(row["description"])
        count += len(row["description"].split())
        if count >= words:
            break
    return "\n\n".join(parts)


def _ratio(small: float, large: float) -> float | None:
    return round(large / small, 2) if small > 0 else None


# -- stages ----------------------------------------------------------------------------------------------


def stages(rows: list[dict[str, Any]], sizes: list[int]) -> dict[str, Any]:
    from sitrep.core import analyze_documents, default_pipeline
    from sitrep.io.ingest import read_text
    from sitrep.settings import load

    settings = load()
    pipeline = default_pipeline(settings)
    warm = read_text(_joined(rows, 300), doc_id="warm-up", published=PUBLISHED)
    list(analyze_documents([warm], settings))  # loads the models and the knowledge files; not timed

    runs = []
    for size in sizes:
        text = _joined(rows, size)
        doc = read_text(text, doc_id=f"joined-{size}", published=PUBLISHED)
        seconds: dict[str, float] = {}
        for st in pipeline.stages:  # the stages one by one, as Pipeline runs them on one document
            t0 = time.process_time()
            st(doc)
            seconds[st.name] = time.process_time() - t0
            doc.layers.done.append(st.name)
        total = sum(seconds.values())
        n_words = len(text.split())
        runs.append({"words": n_words, "total_s": round(total, 3), "s_per_1k_words": round(total / n_words * 1000, 4),
                     "stages_s": {k: round(v, 3) for k, v in seconds.items()},
                     "events": len(doc.events), "facts": len(doc.facts), "entities": len(doc.entities)})  # fmt: skip
        print(
            f"stages: {n_words:>7} words  {total:8.2f} s CPU  " + "  ".join(f"{k} {v:.2f}" for k, v in seconds.items())
        )
    first, last = runs[0], runs[-1]
    ratio = {
        name: _ratio(first["stages_s"][name] / first["words"], last["stages_s"][name] / last["words"])
        for name in first["stages_s"]
    }
    ratio["total"] = _ratio(first["total_s"] / first["words"], last["total_s"] / last["words"])
    print(f"stages: seconds per word, {last['words']} words / {first['words']} words: total {ratio['total']}; "
          + ", ".join(f"{k} {v}" for k, v in ratio.items() if k != "total"))  # fmt: skip
    return {"runs": runs, "ratio_largest_to_smallest": ratio, "clock": "process_time (CPU seconds)"}


# -- store -----------------------------------------------------------------------------------------------


def _analysed(rows: list[dict[str, Any]], n: int, cache: Path, fresh: bool) -> list[Any]:
    from sitrep.core import analyze_documents
    from sitrep.io.ingest import read_text
    from sitrep.model import Document

    path = cache / f"rand-dev-analysed-{n}.jsonl"
    if path.is_file() and not fresh:
        with path.open(encoding="utf-8") as fh:
            docs = [Document.from_json(line) for line in fh]
        print(f"store: {len(docs)} analysed documents read from {path}")
        return docs
    cache.mkdir(parents=True, exist_ok=True)
    todo = [read_text(r["description"], doc_id=r["id"], published=r.get("date")) for r in rows[:n]]
    t0 = time.perf_counter()
    docs = list(analyze_documents(todo))
    print(f"store: analysed {len(docs)} documents in {time.perf_counter() - t0:.0f} s, cached in {path}")
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(d.to_json() + "\n" for d in docs), encoding="utf-8")
    tmp.replace(path)
    return docs


def store(rows: list[dict[str, Any]], sizes: list[int], cache: Path, fresh: bool) -> dict[str, Any]:
    analysed = _analysed(rows, max(sizes), cache, fresh)
    runs = [_store_run(analysed[:size]) for size in sizes]
    first, last = runs[0]["ms_per_document"], runs[-1]["ms_per_document"]
    ratio = {k: _ratio(first[k], last[k]) for k in first}
    print(
        f"store: ms per document, {sizes[-1]} / {sizes[0]} documents: "
        + ", ".join(f"{k} {v}" for k, v in ratio.items())
    )
    return {"runs": runs, "ratio_largest_to_smallest": ratio, "clock": "perf_counter (wall seconds)"}


def _store_run(docs: list[Any]) -> dict[str, Any]:
    from sitrep.outputs import FORMATS, export
    from sitrep.outputs.report import report
    from sitrep.store import Store

    seconds: dict[str, float] = {}

    def timed(name: str, func: Callable[[], Any]) -> Any:
        t0 = time.perf_counter()
        value = func()
        seconds[name] = time.perf_counter() - t0
        return value

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "scaling.db") as s:
        result = timed("add_many", lambda: s.add_many(docs))
        timed("read", lambda: list(s.documents()))
        md = timed("report", lambda: report(s.documents()))
        for fmt in FORMATS:
            timed(f"export {fmt}", lambda fmt=fmt: export(s.documents(), fmt, io.StringIO(), places=True))
        hits = timed("search", lambda: s.search("Baghdad"))
        in_iraq = timed("documents(place)", lambda: list(s.documents(place="Iraq")))
    size = len(docs)
    ms = {k: round(v / size * 1000, 4) for k, v in seconds.items()}
    print(f"store: {size:>6} documents  " + "  ".join(f"{k} {v:.3f}" for k, v in ms.items()) + "  (ms/doc)")
    return {"documents": size, "added": result.added, "skipped": result.skipped, "failed": len(result.failed),
            "report_lines": md.count("\n"), "search_hits": len(hits), "in_iraq": len(in_iraq),
            "seconds": {k: round(v, 3) for k, v in seconds.items()}, "ms_per_document": ms}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=("stages", "store", "both"), default="both")
    ap.add_argument("--words", type=int, nargs="+", default=[1000, 5000, 20000, 100000])
    ap.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "sitrep-scaling")
    ap.add_argument("--fresh", action="store_true", help="analyse again instead of reading the cache")
    ap.add_argument("--json", type=Path, default=ROOT / "bench/results/scaling.json")
    args = ap.parse_args(argv)
    rows = _rows(args.shared)
    results = json.loads(args.json.read_text(encoding="utf-8")) if args.json.is_file() else {}
    meta = {"python": platform.python_version(), "cpu": platform.processor() or platform.machine()}
    if args.part in ("stages", "both"):
        words = sorted(args.words)
        command = f"python bench/scaling.py --part stages --words {' '.join(map(str, words))}"
        results["stages"] = {**stages(rows, words), **meta, "command": command}
    if args.part in ("store", "both"):
        docs = sorted(args.docs)
        command = f"python bench/scaling.py --part store --docs {' '.join(map(str, docs))}"
        results["store"] = {**store(rows, docs, args.cache, args.fresh), **meta, "command": command}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"scaling: written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
