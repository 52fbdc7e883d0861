"""The hostile-input corpus (``tests/hostile/corpus.py``), run under per-case time and memory bounds.

Two worker processes (``tests/hostile/worker.py``, each under an address-space limit) take the cases in turn;
a case that does not answer within :data:`CASE_SECONDS` is a hang: its worker is killed and a new one started.
Every case must end without a traceback, with an allowed exit status and one clear error line when it fails,
and with valid output (contract documents whose offsets quote the text, JSONL, counts, a sound store, CSV
without formula cells); every worker's peak resident memory must stay under :data:`MAX_MB`.  Cases marked
``isolated`` run alone in a fresh worker, so that their own peak is measured (the repeated sentence's was past
4 GB at 900 KB before sections; ``bench/limits.py`` runs the full-size ones).
"""

from __future__ import annotations

import json
import os
import resource
import selectors
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from paths import ROOT

HERE = ROOT / "tests" / "hostile"
sys.path.insert(0, str(HERE))
from corpus import cases  # noqa: E402

CASE_SECONDS = 90  # a case not finished by then counts as a hang (the slowest takes about 20 s on 2 busy cores)
MAX_MB = 1000  # peak resident memory of a worker, model loading included
ADDRESS_SPACE = 6 * 2**30  # a hard ceiling (virtual memory: the models map more than they use)
WORKERS = 2
RATIO = 10  # for 4 times the input: linear is 4, quadratic 16
CLASSES = {"symbols", "repetition", "unicode", "encoding", "binary", "html", "markdown", "limits", "jsonl", "cli",
           "validate", "url"}  # fmt: skip


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


class Worker:
    def __init__(self) -> None:
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        env.pop("SITREP_CONFIG", None)
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "worker.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            preexec_fn=_limits,  # only setrlimit, before exec
            cwd=str(ROOT),
            env=env,
            text=True,
        )
        self.case: int | None = None
        self.since = 0.0

    def send(self, index: int) -> None:
        assert self.proc.stdin is not None
        self.case, self.since = index, time.monotonic()
        self.proc.stdin.write(f"{index}\n")
        self.proc.stdin.flush()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)


def run_corpus(indices: list[int], workers: int) -> dict[int, dict]:
    """Run the cases ``indices`` on ``workers`` workers; the result of each (a hang or a crash is a result too)."""
    results: dict[int, dict] = {}
    todo = list(indices)
    pool: list[Worker] = []
    selector = selectors.DefaultSelector()

    def start() -> Worker:
        w = Worker()
        selector.register(w.proc.stdout, selectors.EVENT_READ, w)  # type: ignore[arg-type]
        pool.append(w)
        return w

    def retire(w: Worker) -> None:
        selector.unregister(w.proc.stdout)  # type: ignore[arg-type]
        w.stop()
        pool.remove(w)

    try:
        for _ in range(min(workers, len(todo))):
            start().send(todo.pop(0))
        while pool:
            for key, _ in selector.select(timeout=1.0):
                w = key.data
                line = w.proc.stdout.readline()
                if not line:  # the worker died (killed by the memory limit, or crashed)
                    results[w.case] = {"problems": ["the worker died (memory limit?)"], "peak_mb": 0, "seconds": 0}
                    retire(w)
                    if todo:
                        start().send(todo.pop(0))
                    continue
                results[w.case] = json.loads(line)
                if todo:
                    w.send(todo.pop(0))
                else:
                    retire(w)
            for w in list(pool):
                if w.case is not None and time.monotonic() - w.since > CASE_SECONDS:
                    results[w.case] = {"problems": [f"hang: no answer in {CASE_SECONDS} s"], "peak_mb": 0,
                                       "seconds": CASE_SECONDS}  # fmt: skip
                    retire(w)
                    if todo:
                        start().send(todo.pop(0))
    finally:
        for w in list(pool):
            retire(w)
    return results


def test_hostile_corpus_covers_every_class():
    found = Counter(c.cls for c in cases())
    assert sum(found.values()) >= 200
    assert set(found) == CLASSES and min(found.values()) >= 5


@pytest.mark.slow
def test_hostile_corpus_no_traceback_no_hang_valid_output_bounded_memory():
    all_cases = cases()
    shared = [i for i, c in enumerate(all_cases) if not c.isolated]
    isolated = [i for i, c in enumerate(all_cases) if c.isolated]
    results = run_corpus(shared, WORKERS)
    for i in isolated:
        results.update(run_corpus([i], 1))
    failures = []
    for i, case in enumerate(all_cases):
        r = results.get(i, {"problems": ["no result"], "peak_mb": 0})
        bound = case.max_mb or MAX_MB
        problems = list(r["problems"])
        if r["peak_mb"] > bound:
            problems.append(f"peak memory {r['peak_mb']} MB over {bound} MB")
        if problems:
            failures.append(f"{case.id}: {'; '.join(problems)[:400]}")
    slowest = sorted(results.values(), key=lambda r: -r.get("seconds", 0))[:3]
    print("slowest:", [(r.get("id"), r.get("seconds")) for r in slowest])
    assert not failures, f"{len(failures)} of {len(all_cases)} cases failed:\n" + "\n".join(failures)


@pytest.mark.slow
def test_hostile_inputs_scale_linearly():
    """4 times the input may take at most RATIO times as long (a quadratic stage takes 16 times)."""
    run = subprocess.run([sys.executable, str(HERE / "scaling.py")], capture_output=True, text=True, check=True)
    times = json.loads(run.stdout.strip().splitlines()[-1])
    ratios = {name: round(big / max(small, 0.05), 1) for name, (small, big) in times.items()}
    slow = {name: ratio for name, ratio in ratios.items() if ratio > RATIO}
    assert not slow, f"grows faster than linear (ratio for 4x the input): {slow}; times {times}"


def test_hostile_corpus_script_writes_every_case(tmp_path):
    subprocess.run([sys.executable, str(HERE / "corpus.py"), str(tmp_path)], check=True, capture_output=True)
    index = (tmp_path / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(index) == len(cases())
    assert (tmp_path / "markdown" / "brackets" / "input.md").read_bytes() == b"[" * 50_000
    assert Path(tmp_path / "jsonl" / "ingest-deep-array" / "input.jsonl").is_file()
