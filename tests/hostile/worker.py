"""Runs hostile-corpus cases (``tests/hostile/corpus.py``) one after another in this process and checks each.

    python tests/hostile/worker.py          reads case numbers on stdin, writes one JSON result per line

Each case runs ``sitrep.cli.main(argv)`` in a fresh folder, with its files, standard input and environment, and
its output and error streams captured.  The result says what went wrong (``problems``: a traceback, an exit
status not allowed, an error that is not one clear line, output that is not valid), how long it took and the
process's peak resident memory so far.  ``tests/test_hostile.py`` starts the workers under a memory limit and
kills one that does not answer in time.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from corpus import Case, cases

from sitrep.cli import main
from sitrep.outputs.contract import problems as contract_problems

COUNTS = re.compile(r"^(\d+) added, (\d+) replaced, (\d+) unchanged, (\d+) failed")


def run_case(case: Case) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="sitrep-hostile-"))
    saved_env = dict(os.environ)
    try:
        env = dict(case.env)
        sparse = int(env.pop("SPARSE", "0"))
        for name, data in case.files.items():
            (folder / name).write_bytes(data)
        first = folder / next(iter(case.files)) if case.files else folder / "none"
        if sparse:
            with first.open("wb") as fh:
                fh.truncate(sparse)
        db = folder / "store.db"
        fill = {"{in}": str(first), "{dir}": str(folder), "{db}": str(db)}
        argv = [_fill(a, fill) for a in case.argv]
        if "{db}" in case.argv and case.argv[0] != "ingest" and case.files:
            _quiet(["ingest", str(first), "--db", str(db)], b"")  # a store for search, report, export to read
        os.environ.update(env)
        started = time.monotonic()
        code, out, err = _quiet(argv, case.stdin)
        seconds = time.monotonic() - started
        found = check(case, code, out, err, db)
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        shutil.rmtree(folder, ignore_errors=True)
    peak = peak_mb()
    return {"id": case.id, "code": code, "problems": found, "seconds": round(seconds, 2), "peak_mb": peak,
            "stderr": err[-400:]}  # fmt: skip


def peak_mb() -> int:
    """This process's own peak resident memory in MB: ``VmHWM`` of ``/proc/self/status`` where there is one.
    ``ru_maxrss`` survives ``exec``, so a worker started from a large pytest process (past 900 MB late in the full
    suite) reported its parent's size, not its own; ``VmHWM`` belongs to the address space exec made."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _fill(arg: str, fill: dict[str, str]) -> str:
    for key, value in fill.items():
        arg = arg.replace(key, value)
    return arg


def _quiet(argv: list[str], stdin: bytes) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors="surrogateescape")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code: object = main(argv)
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 2
            except BaseException:
                traceback.print_exc()
                code = "crash"
    finally:
        sys.stdin = saved_stdin
    return code, out.getvalue(), err.getvalue()


def check(case: Case, code: object, out: str, err: str, db: Path) -> list[str]:
    found: list[str] = []
    if "Traceback" in err or code == "crash":
        found.append("traceback: " + err[-300:])
    if code not in case.codes:
        found.append(f"exit status {code}, expected one of {case.codes}")
    if code == 2 and "usage:" not in err:
        lines = [line for line in err.splitlines() if line.strip()]
        if not lines or not lines[-1].startswith("sitrep: error:") or len(lines) > 2:
            found.append(f"not one clear error line: {err[-200:]!r}")
    try:
        out.encode("utf-8")
        err.encode("utf-8")
    except UnicodeEncodeError as exc:
        found.append(f"output not valid UTF-8 ({exc.reason})")
        return found
    if code == 0 and case.output:
        try:
            found += check_output(case.output, out, db)
        except Exception as exc:  # an output that does not parse is what is reported
            found.append(f"output does not parse as {case.output}: {type(exc).__name__}: {exc}")
    return found


def check_output(kind: str, out: str, db: Path) -> list[str]:
    kind, _, expected = kind.partition(":")
    if kind == "json":
        return document_problems(json.loads(out))
    if kind == "jsonl":
        docs = [json.loads(line) for line in out.splitlines()]
        found = [p for d in docs for p in document_problems(d, allow_empty=True)]
        if expected and len(docs) != int(expected):
            found.append(f"{len(docs)} documents out, {expected} lines in")
        return found
    if kind == "counts":
        m = COUNTS.match(out)
        if not m:
            return [f"no counts line: {out[:200]!r}"]
        found = []
        if expected and int(m.group(1)) != int(expected):
            found.append(f"{m.group(1)} added, expected {expected}")
        return found + store_problems(db)
    if kind == "hits":
        return [f"hit line {line[:80]!r}" for line in out.splitlines() if line.count("\t") < 2]
    if kind == "csv":
        rows = list(csv.reader(io.StringIO(out, newline="")))
        bad = [c for row in rows for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        widths = {len(r) for r in rows}
        return ([f"formula-like cell {bad[0][:40]!r}"] if bad else []) + (
            [f"rows of {sorted(widths)} columns"] if len(widths) > 1 else []
        )
    return []


def document_problems(data: dict[str, Any], allow_empty: bool = False) -> list[str]:
    found = contract_problems(data)
    text = data.get("text", "")
    if not text and not allow_empty:
        found.append("empty text in a document that succeeded")
    for ev in data.get("events", []):
        spans = list(ev.get("triggers", [])) + [r["evidence"] for r in ev.get("responsibility", []) if r["evidence"]]
        found += [
            f"span {s['start']}:{s['end']} off the text" for s in spans if text[s["start"] : s["end"]] != s["text"]
        ]
    found += [f"internal error: {w[:120]}" for w in data.get("warnings", []) if "internal error" in w]
    return found


def store_problems(db: Path) -> list[str]:
    if not db.exists():
        return []
    conn = sqlite3.connect(db)
    try:
        found = [] if conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok" else ["store integrity_check"]
        for doc_id, doc_json in conn.execute("SELECT id, doc_json FROM documents"):
            data = json.loads(doc_json)
            found += [f"stored {doc_id}: {p}" for p in document_problems(data)]
        return found
    finally:
        conn.close()


def serve() -> None:
    all_cases = cases()
    results = os.fdopen(os.dup(1), "w", encoding="utf-8")
    for line in sys.stdin:
        if not line.strip():
            continue
        result = run_case(all_cases[int(line)])
        results.write(json.dumps(result, ensure_ascii=True) + "\n")
        results.flush()


if __name__ == "__main__":
    serve()
