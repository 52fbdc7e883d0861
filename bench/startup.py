"""Start-up time: ``sitrep analyze`` on a one-sentence document, against just loading the English spaCy model.

    python bench/startup.py [--runs 5] [--label after] [--json bench/results/startup.json]

Each figure is the median wall time of ``--runs`` fresh processes (and the largest resident memory of those runs):

* ``reference``: ``python -c "import spacy; spacy.load(MODEL)"`` with sitrep's own English model
  (``sitrep/models/en_sitrep``, what ``sitrep.nlp.english.load_english`` loads when the setting ``model_en`` is empty);
* ``en`` / ``ru``: ``sitrep analyze FILE --published 2024-05-15`` on a one-sentence English / Russian text,
  ``cold`` with an empty cache directory (``SITREP_CACHE_DIR``, so whatever sitrep caches is built on the way) and
  ``warm`` with the cache a first, untimed run left.

The variants take turns round by round, so a busy machine slows them alike; every run starts in an empty working
directory (no ``sitrep.toml``).  The figures are printed with their ratio to the reference and stored in the JSON
file under ``--label`` (other labels already there, e.g. "before", are kept).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = {
    "en": "Militants killed 12 soldiers in Quetta on Monday.\n",
    "ru": "В понедельник боевики убили 12 военных в Кветте.\n",
}


def sitrep_command() -> list[str]:
    """The ``sitrep`` console script beside this Python, else ``python -m sitrep.cli``."""
    script = Path(sys.executable).parent / "sitrep"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "sitrep.cli"]


def model_dir() -> Path:
    from sitrep.knowledge.files import model_path

    return model_path("en_sitrep")


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one run of ``cmd``; exit on failure."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)  # wait4: the child's own peak memory
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            why = err.read().decode(errors="replace")
            sys.exit(f"startup: {' '.join(cmd)} failed (exit {proc.returncode}):\n{why}")
    return seconds, usage.ru_maxrss / 1024


def measure(runs: int) -> dict[str, dict[str, float]]:
    work = Path(tempfile.mkdtemp(prefix="sitrep-startup-"))
    try:
        cwd = work / "cwd"
        cwd.mkdir()
        for lang, text in TEXTS.items():
            (work / f"{lang}.txt").write_text(text, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("SITREP_")}
        sitrep = sitrep_command()
        variants: dict[str, tuple[list[str], str | None]] = {
            "reference": ([sys.executable, "-c", f"import spacy; spacy.load({str(model_dir())!r})"], None)
        }
        for lang in TEXTS:
            cmd = [*sitrep, "analyze", str(work / f"{lang}.txt"), "--published", "2024-05-15"]
            variants[f"{lang}_cold"] = (cmd, "cold")
            variants[f"{lang}_warm"] = (cmd, "warm")
        warm_cache = work / "cache-warm"
        timed(variants["en_warm"][0], cwd, {**env, "SITREP_CACHE_DIR": str(warm_cache)})  # fills the warm cache
        times: dict[str, list[float]] = {name: [] for name in variants}
        memory: dict[str, list[float]] = {name: [] for name in variants}
        for n in range(runs):
            for name, (cmd, cache) in variants.items():
                run_env = dict(env)
                if cache == "warm":
                    run_env["SITREP_CACHE_DIR"] = str(warm_cache)
                elif cache == "cold":
                    run_env["SITREP_CACHE_DIR"] = str(work / f"cache-cold-{name}-{n}")
                seconds, mb = timed(cmd, cwd, run_env)
                times[name].append(seconds)
                memory[name].append(mb)
        return {name: {"seconds": statistics.median(times[name]), "max_rss_mb": max(memory[name])} for name in variants}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="runs per variant; the median is kept (default 5)")
    ap.add_argument("--label", default="after", help='key of these figures in the JSON file (default "after")')
    ap.add_argument("--json", default=str(ROOT / "bench/results/startup.json"), help="results file ('' = none)")
    args = ap.parse_args()
    found = measure(args.runs)
    ref = found["reference"]["seconds"]
    figures: dict[str, object] = {}
    for name, f in found.items():
        ratio = f["seconds"] / ref
        print(f"{name:>10}: {f['seconds']:6.2f} s  {ratio:4.1f}x reference  {f['max_rss_mb']:5.0f} MB")
        figures[name] = {
            "seconds": round(f["seconds"], 2),
            "ratio": round(ratio, 2),
            "max_rss_mb": round(f["max_rss_mb"]),
        }
    figures.update(
        runs=args.runs,
        python=platform.python_version(),
        cpu=platform.processor() or platform.machine(),
        command=f"python bench/startup.py --runs {args.runs} --label {args.label}",
    )
    if args.json:
        path = Path(args.json)
        results = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        results[args.label] = figures
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
