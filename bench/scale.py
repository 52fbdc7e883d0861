"""Scale: ``sitrep ingest`` on a Dask cluster of 1 and 2 workers (and more with ``--workers``) over the first N
RAND dev descriptions, each into a new store, against the same texts ingested in this process without Dask.

    python bench/scale.py [-n 5000] [--workers 1 2] [--store sqlite|postgresql] [--json bench/results/scale.json]

Prints, for each run: documents/s and words/s of the analysis and the writing together (the cluster's start and
the models' loading are timed apart), the parallel efficiency (rate with k workers / (k x rate with 1)), the peak
memory of each worker process, and the store's size per document; whole news articles (TR-News, 118) ingested in
this process for their words/s and store bytes per word; then the projection for 250,000 articles a day
(docs/scale.md explains it).  The reference is this process ingesting the same documents without Dask
(``analyze_documents`` into ``Store.add_many``), so the overhead of the cluster is a ratio of rates measured on
the same machine in the same run.  Every process runs one thread of BLAS/OpenMP; the load average of the machine
(shared with other work) is recorded with the figures.

``--store postgresql`` writes to a new schema of the database at ``--pg`` (default: SITREP_TEST_PG or
postgresql://postgres@127.0.0.1:5432/test), dropped afterwards.
"""

from __future__ import annotations

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import argparse  # noqa: E402 - the thread limits must be set before numpy is imported
import json  # noqa: E402
import math  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PG = os.environ.get("SITREP_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
DAY = 250_000  # articles a day, the projection's load
ARTICLE_WORDS = 600  # words in a typical news article (RAND descriptions average about 53)
PEAK = 3.0  # the busiest hour against the day's mean rate


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=5000, help="number of RAND dev descriptions (default 5000)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="cluster sizes to run (default 1 2)")
    ap.add_argument("--store", choices=["sqlite", "postgresql"], default="sqlite")
    ap.add_argument("--pg", default=PG, help="the PostgreSQL database for --store postgresql")
    ap.add_argument("--shared", default=os.environ.get("SITREP_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    path = Path(args.shared) / "data/events/rand-rdwti/dev.jsonl"
    if not path.is_file():
        print(f"scale: {path} not found (pass --shared)", file=sys.stderr)
        return 2
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) >= args.n:
                break

    from distributed import Client, LocalCluster

    from sitrep.core import analyze_documents, default_pipeline
    from sitrep.io.ingest import read_text
    from sitrep.runner.cluster import Cluster, ingest
    from sitrep.settings import load
    from sitrep.store import open_store

    settings = load({})
    words = sum(len(r["description"].split()) for r in rows)

    def docs() -> list[Any]:
        return [read_text(r["description"], doc_id=r["id"], published=r["date"]) for r in rows]

    figures: dict[str, Any] = {"documents": len(rows), "words": words, "store": args.store,
                               "load_average_before": [round(x, 2) for x in os.getloadavg()]}  # fmt: skip
    default_pipeline(settings)
    list(analyze_documents([read_text("Warm-up: gunmen killed two police officers in Quetta.", doc_id="w")], settings))
    with _new_store(args) as where, open_store(where) as store:
        t = time.perf_counter()
        result = store.add_many(analyze_documents(docs(), settings))
        secs = time.perf_counter() - t
        size = _size(store, where)
    figures["in_process"] = _rates(len(rows), words, secs) | {
        "added": result.added, "store_bytes_per_document": round(size / max(1, result.added)),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }  # fmt: skip
    print(f"in process: {figures['in_process']}", flush=True)
    figures["news_in_process"] = _news(Path(args.shared), args, settings)
    print(f"news in process: {figures['news_in_process']}", flush=True)
    runs = {}
    for k in args.workers:
        t0 = time.perf_counter()
        with LocalCluster(n_workers=k, threads_per_worker=1, processes=True, dashboard_address=None,
                          host="127.0.0.1") as local, Client(local) as client:  # fmt: skip
            where_cluster = Cluster(scheduler=local.scheduler_address, progress=False)
            with _new_store(args) as where, open_store(where) as store:  # the plugin loads the models, untimed
                ingest(docs()[:20], store, settings, where_cluster)
            start_s = time.perf_counter() - t0
            with _new_store(args) as where, open_store(where) as store:
                t = time.perf_counter()
                result = ingest(docs(), store, settings, where_cluster)
                secs = time.perf_counter() - t
                size = _size(store, where)
            peaks = client.run(_peak_mb)
        runs[k] = _rates(len(rows), words, secs) | {
            "added": result.added, "failed": len(result.failed), "cluster_start_and_load_s": round(start_s, 1),
            "worker_peak_memory_mb": sorted(round(v) for v in peaks.values()),
            "store_bytes_per_document": round(size / max(1, result.added)),
            "ratio_to_in_process": round(secs and (len(rows) / secs) / figures["in_process"]["documents_per_s"], 3),
        }  # fmt: skip
        print(f"{k} worker(s): {runs[k]}", flush=True)
    base = runs.get(1)
    for k, run in runs.items():
        if base:
            run["parallel_efficiency"] = round(run["documents_per_s"] / (k * base["documents_per_s"]), 3)
    figures["workers"] = {str(k): v for k, v in runs.items()}
    figures["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    figures["projection"] = _projection(figures, runs)
    figures |= {"python": platform.python_version(), "cpus": os.cpu_count(),
                "command": f"python bench/scale.py -n {args.n} --workers {' '.join(map(str, args.workers))} "
                           f"--store {args.store}"}  # fmt: skip
    print(json.dumps(figures["projection"], indent=1))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


def _news(shared: Path, args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    """Words/s and store bytes per word on whole news articles (TR-News, 118 articles), in this process: what
    the projection scales, RAND's short descriptions being denser in events than news."""
    import xml.etree.ElementTree as ET  # nosec B405 - a local corpus file, not network input

    from sitrep.core import analyze_documents
    from sitrep.io.ingest import read_text
    from sitrep.store import open_store

    root = ET.parse(shared / "data/geo/tr-news.xml").getroot()  # nosec B314
    arts = [(a.get("docid"), (a.findtext("text") or "").strip(), (a.findtext("dltime") or "").strip()[:10])
            for a in root.iter("article")]  # fmt: skip
    arts = [(i, t, d if re.fullmatch(r"\d{4}-\d\d-\d\d", d) else None) for i, t, d in arts if t]
    words = sum(len(t.split()) for _, t, _ in arts)
    docs = [read_text(t, doc_id=f"trnews-{i}", published=d) for i, t, d in arts]
    with _new_store(args) as where, open_store(where) as store:
        t0 = time.perf_counter()
        result = store.add_many(analyze_documents(docs, settings))
        secs = time.perf_counter() - t0
        size = _size(store, where)
    return _rates(len(docs), words, secs) | {
        "documents": len(docs), "words_per_document": round(words / len(docs)), "added": result.added,
        "store_bytes_per_document": round(size / max(1, result.added)),
        "store_bytes_per_word": round(size / words, 1),
    }  # fmt: skip


def _rates(n: int, words: int, secs: float) -> dict[str, float]:
    return {"seconds": round(secs, 2), "documents_per_s": round(n / secs, 2), "words_per_s": round(words / secs)}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _projection(figures: dict[str, Any], runs: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """Workers, memory and store size for DAY articles of ARTICLE_WORDS words.  A worker's words/s is the news
    articles' rate in this process times what one cluster worker keeps of the in-process rate (on RAND); the
    cluster's parallel efficiency is the largest run's; the store grows by the news articles' bytes per word (the
    analysis and the rows are linear in the words: docs/benchmarks.md, bench/scaling.py)."""
    news, k_max = figures["news_in_process"], max(runs)
    one = runs.get(1) or runs[k_max]
    efficiency = min(1.0, runs[k_max].get("parallel_efficiency", 1.0))
    worker_words_s = news["words_per_s"] * min(1.0, one["ratio_to_in_process"])
    mean_words_s = DAY * ARTICLE_WORDS / 86_400
    workers = math.ceil(PEAK * mean_words_s / (worker_words_s * efficiency))
    worker_mb = max(max(run["worker_peak_memory_mb"]) for run in runs.values())
    return {
        "articles_per_day": DAY, "words_per_article": ARTICLE_WORDS, "busiest_hour_factor": PEAK,
        "mean_articles_per_s": round(DAY / 86_400, 2), "busiest_hour_words_per_s": round(PEAK * mean_words_s),
        "worker_words_per_s": round(worker_words_s), "parallel_efficiency_used": efficiency,
        "workers_for_the_busiest_hour": workers, "workers_for_the_mean": math.ceil(workers / PEAK),
        "worker_memory_mb": worker_mb, "cluster_memory_gb": round(workers * worker_mb / 1024, 1),
        "store_bytes_per_word": news["store_bytes_per_word"],
        "store_gb_per_month": round(DAY * 30 * ARTICLE_WORDS * news["store_bytes_per_word"] / 1e9, 1),
    }  # fmt: skip


@contextmanager
def _new_store(args: argparse.Namespace) -> Iterator[str]:
    if args.store == "sqlite":
        with tempfile.TemporaryDirectory(prefix="sitrep-scale-") as folder:
            yield str(Path(folder) / "scale.db")
        return
    import psycopg

    name = f"sitrep_scale_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(args.pg, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {name}")
    try:
        yield f"{args.pg}{'&' if '?' in args.pg else '?'}options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(args.pg, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {name} CASCADE")


def _size(store: Any, where: str) -> int:
    """The store's bytes on disk: the SQLite file (and its WAL), or the PostgreSQL schema's tables and indexes."""
    if where.startswith("postgresql"):
        row = store._conn.execute(
            "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
        ).fetchone()
        return int(row[0] or 0)
    store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in Path(where).parent.glob(Path(where).name + "*"))


if __name__ == "__main__":
    sys.exit(main())
