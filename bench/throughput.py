"""Throughput: analyse the first N RAND dev descriptions and print documents/s, words/s and peak memory.

    python bench/throughput.py [-n 1000] [--shared ../shared] [--batch 64] [--json bench/results/throughput.json]
    python bench/throughput.py -n 1000 --stages    # and the CPU time of each stage, document by document
    python bench/throughput.py --lang ru [-n 226] [--json bench/results/throughput_ru.json]

``words_per_s`` is by the wall clock; ``words_per_cpu_s`` by the process's CPU time, which other jobs on a shared
machine disturb less (compare runs of two versions by it, alternating them).

``--lang ru`` analyses Russian news instead (the texts of factRuEval-2016 test and NEREL v1.1 test, read from
../shared) and, in the same process, runs natasha alone on the same texts (segmentation, morphology, syntax, NER:
what sitrep's Russian ``nlp`` stage asks of it), then prints sitrep's rate as a share of natasha's.

Runs on one core (BLAS/OpenMP threads pinned to 1). Model loading is timed apart from the analysis; the
figures cover the whole pipeline (clean, language, nlp, places, dates, numbers, actors, events, facts).
"""

from __future__ import annotations

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import argparse  # noqa: E402 - the thread limits must be set before numpy is imported
import json  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1000, help="number of descriptions or Russian texts (default 1000)")
    ap.add_argument("--shared", default=os.environ.get("SITREP_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--stages", action="store_true", help="also time each stage, one document at a time")
    ap.add_argument("--lang", choices=["en", "ru"], default="en", help="RAND descriptions (en) or Russian news (ru)")
    args = ap.parse_args()
    if args.lang == "ru":
        return _russian(args)
    path = Path(args.shared) / "data/events/rand-rdwti/dev.jsonl"
    if not path.is_file():
        print(f"throughput: {path} not found (pass --shared)", file=sys.stderr)
        return 2
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) >= args.n:
                break

    from sitrep.core import analyze_documents, default_pipeline
    from sitrep.io.ingest import read_text
    from sitrep.nlp import load_english
    from sitrep.settings import load

    settings = load({"nlp_batch_size": args.batch})
    t0 = time.perf_counter()
    load_english(settings.model_en)
    default_pipeline(settings)
    list(analyze_documents([read_text("Warm-up: gunmen killed two police officers in Quetta.", doc_id="w")], settings))
    load_s = time.perf_counter() - t0

    docs = [read_text(r["description"], doc_id=r["id"], published=r["date"]) for r in rows]
    words = sum(len(r["description"].split()) for r in rows)
    t1, c1 = time.perf_counter(), time.process_time()
    out = list(analyze_documents(docs, settings))
    secs, cpu = time.perf_counter() - t1, time.process_time() - c1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "documents": len(out),
        "words": words,
        "seconds": round(secs, 2),
        "documents_per_s": round(len(out) / secs, 1),
        "words_per_s": round(words / secs),
        "cpu_seconds": round(cpu, 2),  # on a shared machine: the process's own CPU time, less the others' load
        "words_per_cpu_s": round(words / cpu),
        "peak_memory_mb": round(peak_mb),
        "model_load_s": round(load_s, 2),
        "events": sum(len(d.events) for d in out),
        "facts": sum(len(d.facts) for d in out),
        "python": platform.python_version(),
        "cpu": platform.processor() or platform.machine(),
        "command": f"python bench/throughput.py -n {args.n} --batch {args.batch}",
    }
    if args.stages:
        figures["stages_cpu_share"] = _stage_shares(rows, settings)
    for key, value in figures.items():
        print(f"{key:>16}: {value}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


def _russian(args: argparse.Namespace) -> int:
    ner = Path(args.shared) / "data/ner"
    folders = (ner / "factrueval-2016/testset", ner / "nerel/NEREL-v1.1/test")
    files = [f for folder in folders for f in sorted(folder.glob("*.txt"))]
    if not files:
        print(f"throughput: no Russian texts under {ner} (pass --shared)", file=sys.stderr)
        return 2
    texts = [f.read_text(encoding="utf-8") for f in files[: args.n]]
    words = sum(len(t.split()) for t in texts)

    from natasha import Doc

    from sitrep.core import analyze_documents, default_pipeline
    from sitrep.io.ingest import read_text
    from sitrep.nlp import load_russian
    from sitrep.settings import load

    settings = load({"nlp_batch_size": args.batch})
    t0 = time.perf_counter()
    segmenter, _, morph, syntax, tagger = load_russian()
    default_pipeline(settings)
    list(analyze_documents([read_text("Боевики обстреляли пост в Махачкале.", doc_id="w", lang="ru")], settings))
    load_s = time.perf_counter() - t0

    t2 = time.perf_counter()
    out = list(analyze_documents((read_text(t, doc_id=str(i), lang="ru") for i, t in enumerate(texts)), settings))
    secs = time.perf_counter() - t2
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # sitrep's, before natasha runs alone
    t1 = time.perf_counter()
    for text in texts:  # natasha alone on each whole text: what the nlp stage asks of it
        nd = Doc(text)
        nd.segment(segmenter)
        nd.tag_morph(morph)
        nd.parse_syntax(syntax)
        nd.tag_ner(tagger)
    natasha_s = time.perf_counter() - t1
    natasha_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "documents": len(out),
        "words": words,
        "seconds": round(secs, 2),
        "documents_per_s": round(len(out) / secs, 2),
        "words_per_s": round(words / secs),
        "peak_memory_mb": round(peak_mb),
        "model_load_s": round(load_s, 2),
        "natasha_seconds": round(natasha_s, 2),
        "natasha_documents_per_s": round(len(texts) / natasha_s, 2),
        "natasha_words_per_s": round(words / natasha_s),
        "natasha_peak_memory_mb": round(natasha_peak_mb),  # the process's peak once natasha has run too
        "share_of_natasha_rate": round(natasha_s / secs, 3),
        "events": sum(len(d.events) for d in out),
        "entities": sum(len(d.entities) for d in out),
        "python": platform.python_version(),
        "cpu": platform.processor() or platform.machine(),
        "command": f"python bench/throughput.py --lang ru -n {args.n} --batch {args.batch}",
    }
    for key, value in figures.items():
        print(f"{key:>24}: {value}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


def _stage_shares(rows: list[dict], settings: object) -> dict[str, float]:
    """Each stage's share of the pipeline's CPU time, the documents run one by one through the stages in turn."""
    from sitrep.core import default_pipeline
    from sitrep.io.ingest import read_text

    pipeline = default_pipeline(settings)
    seconds: dict[str, float] = {}
    for r in rows:
        doc = read_text(r["description"], doc_id=r["id"], published=r["date"])
        for st in pipeline.stages:
            t0 = time.process_time()
            st(doc)
            seconds[st.name] = seconds.get(st.name, 0.0) + time.process_time() - t0
            doc.layers.done.append(st.name)
    total = sum(seconds.values())
    return {name: round(v / total, 3) for name, v in seconds.items()}


if __name__ == "__main__":
    sys.exit(main())
