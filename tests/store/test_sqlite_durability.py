"""Durability of the SQLite store under hostile conditions: processes killed with SIGKILL in the middle of a
batch (nothing committed is lost, nothing partial remains, a rerun completes the rest), several processes
creating the same new store at once, documents the store must refuse, and numbers beyond 64 bits."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import StoreError
from sitrep.model import Count, Document, Entity, Event, Mention, Span
from sitrep.store import Store

import docfactory as fx

ROOT = Path(__file__).resolve().parents[2]


def made(i: int) -> Document:
    """A document with rows in most tables, different for every ``i``."""
    text = f"Gunmen killed {i + 2} policemen in Quetta on Monday, officials said. Reference r{i}z."
    quetta = text.index("Quetta")
    return Document(
        id=f"d{i}",
        text=text,
        language="en",
        entities=[Entity("e1", "Quetta", "city", mentions=[Mention(quetta, quetta + 6, "Quetta")])],
        events=[
            Event("v1", "ASSAULT", location="e1", fatalities=Count(best=i + 2), evidence=[Span(0, len(text), text)])
        ],
    )


def check_consistent(db: Path) -> list[str]:
    """The ids stored, after checking that the file is sound and that every document is whole."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
        fts = {r[0] for r in conn.execute("SELECT doc_id FROM documents_fts")}
        assert fts == set(ids)  # the search index is in step: no half-written document
    finally:
        conn.close()
    with Store(db) as store:
        for doc_id in ids:
            doc = store.get(doc_id)
            assert doc is not None and doc.to_dict() == made(int(doc_id[1:])).to_dict()
            assert store.search(f"r{doc_id[1:]}z")[0].doc_id == doc_id
    return ids


_WRITER = """
import sys, time
sys.path.insert(0, {tests!r})
from test_sqlite_durability_writer import made
from sitrep.store import Store

def docs():
    for i in range({n}):
        print(i, flush=True)  # every document before i is committed by now (commit_every=1)
        yield made(i)
        time.sleep({pause})

with Store({db!r}) as store:
    store.add_many(docs(), commit_every={every})
print("done", flush=True)
"""


@pytest.fixture
def writer_module(tmp_path):
    """``made`` importable by a child process (this test module imports docfactory through pytest's path)."""
    folder = tmp_path / "mod"
    folder.mkdir()
    source = Path(__file__).read_text(encoding="utf-8")
    start = source.index("def made(")
    end = source.index("def check_consistent(")
    header = "from sitrep.model import Count, Document, Entity, Event, Mention, Span\n\n\n"
    (folder / "test_sqlite_durability_writer.py").write_text(header + source[start:end], encoding="utf-8")
    return folder


@pytest.mark.parametrize("trial", range(6))
def test_store_kill_9_keeps_every_committed_document_and_nothing_partial(tmp_path, writer_module, trial):
    rng = random.Random(trial)
    db = tmp_path / "kill.db"
    n, stop_after = 400, rng.randrange(3, 60)
    every = 1 if trial % 2 == 0 else 7
    script = _WRITER.format(tests=str(writer_module), n=n, db=str(db), pause=0.0 if trial < 3 else 0.002, every=every)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert child.stdout is not None
    seen = -1
    deadline = time.monotonic() + 60
    while seen < stop_after and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line or line.strip() == "done":
            break
        seen = int(line)
    time.sleep(rng.random() * 0.01)  # land the kill anywhere, inside a transaction too
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    ids = check_consistent(db)
    committed = seen - (seen % every) if every > 1 else seen  # with chunks of 7, the last whole chunk
    assert {f"d{i}" for i in range(committed)} <= set(ids)
    with Store(db) as store:  # a rerun completes the rest
        result = store.add_many(made(i) for i in range(n))
    assert result.added == n - len(ids) and result.skipped == len(ids) and not result.failed
    assert len(check_consistent(db)) == n


def _open_and_add(path: str, i: int, barrier: Any, results: Any) -> None:
    barrier.wait(10)
    try:
        with Store(path) as store:
            store.add(made(i))
        results.put("ok")
    except Exception as exc:
        results.put(f"{type(exc).__name__}: {exc}")


def test_store_created_by_several_processes_at_once(tmp_path):
    ctx = multiprocessing.get_context("fork")
    for trial in range(20):
        path = str(tmp_path / f"new-{trial}.db")
        barrier, results = ctx.Barrier(6), ctx.Queue()
        procs = [ctx.Process(target=_open_and_add, args=(path, i, barrier, results)) for i in range(6)]
        for p in procs:
            p.start()
        outcomes = [results.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(10)
        assert outcomes == ["ok"] * 6
        assert len(check_consistent(Path(path))) == 6


def test_store_refuses_documents_without_text_and_counts_them_failed(store):
    bad = [Document(id=f"line-{n}", text="", warnings=[f"line {n}: not valid JSON; the line was skipped"])
           for n in (2, 4)]  # fmt: skip
    result = store.add_many([made(1), bad[0], made(3), bad[1]])
    assert (result.added, result.skipped) == (2, 0)
    assert result.failed == [("line-2", bad[0].warnings[0]), ("line-4", bad[1].warnings[0])]
    assert store.count() == 2
    with pytest.raises(Exception, match="no text"):
        store.add(Document(id="x", text="  "))


def test_store_counts_replaced_documents(store):
    store.add_many([made(1), made(2)])
    changed = made(2)
    changed.title = "A new analysis"
    result = store.add_many([made(1), changed, made(3)])
    assert (result.added, result.replaced, result.skipped, result.failed) == (1, 1, 1, [])


@pytest.mark.parametrize("big", [2**63, 10**20, -(2**64), 10**400])
def test_store_keeps_numbers_beyond_64_bits(big, store):
    doc = made(5)
    doc.events[0].fatalities = Count(best=big, text="countless")
    assert store.add(doc)
    assert store.get(doc.id).events[0].fatalities.best == big  # type: ignore[union-attr]
    assert store.add_many([fx.analysis()]).added == 1


def test_store_add_many_commit_every_one_commits_each_document(tmp_path):
    db = tmp_path / "each.db"
    seen = []
    with Store(db) as store:

        def docs():
            for i in range(5):
                with sqlite3.connect(db) as other:  # what another process sees while the batch goes on
                    seen.append(other.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
                yield made(i)

        store.add_many(docs(), commit_every=1)
    assert seen == [0, 1, 2, 3, 4]


def test_cli_ingest_killed_and_rerun_stores_every_line_once(tmp_path):
    """The whole path: ``sitrep ingest --jsonl`` killed with SIGKILL part way, then run again."""
    batch = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": made(i).text}) for i in range(40)]
    lines.insert(7, '{"id": "bad", "text": 5}')
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "cli.db"
    cmd = [sys.executable, "-m", "sitrep.cli", "ingest", "--jsonl", str(batch), "--db", str(db)]
    env = {**os.environ, "SITREP_NLP_BATCH_SIZE": "2"}
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    deadline = time.monotonic() + 120
    count = 0
    while time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db) as conn:
                    count = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue  # the schema is being created
            if count >= 4:
                break
    child.kill()
    child.wait(10)
    assert count >= 4
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert kept >= count
    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith(f"{40 - kept} added, 0 replaced, {kept} unchanged, 1 failed")
    assert "line 8" in rerun.stderr and "Traceback" not in rerun.stderr
    with Store(db) as store:
        assert store.count() == 40


# -- properties (hypothesis) ------------------------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from properties import PROPERTY, any_text  # noqa: E402


@st.composite
def documents(draw: st.DrawFn) -> Document:
    text = draw(any_text.filter(lambda t: t.strip()))
    a = draw(st.integers(0, len(text)))
    b = draw(st.integers(a, len(text)))
    count = draw(st.none() | st.integers(-(2**70), 2**70))
    return Document(
        id=draw(st.text(min_size=1, max_size=30)),
        text=text,
        title=draw(st.none() | st.text(max_size=30)),
        language=draw(st.sampled_from(["en", "ru", None])),
        entities=[Entity("e1", draw(st.text(min_size=1, max_size=20)), "city", mentions=[Mention(a, b, text[a:b])])],
        events=[Event("v1", "ASSAULT", location="e1", fatalities=Count(best=count), evidence=[Span(a, b, text[a:b])])],
        warnings=draw(st.lists(st.text(max_size=20), max_size=2)),
    )


@PROPERTY
@given(st.lists(documents(), max_size=6), st.text(max_size=40))
def test_store_property_what_is_added_comes_back_and_search_never_breaks(docs, query):
    with Store(":memory:") as store:
        result = store.add_many(docs)
        assert result.added + result.replaced + result.skipped + len(result.failed) == len(docs)
        assert not result.failed
        latest = {d.id: d for d in docs}  # a later document with the same id replaces the earlier one
        for doc_id, doc in latest.items():
            got = store.get(doc_id)
            if got is not None:  # None: skipped as a duplicate text under another id
                assert got.to_dict() == doc.to_dict()
        stored = {d for d in latest if store.get(d) is not None}
        again = store.add_many([latest[d] for d in stored])
        assert (again.added, again.replaced, again.skipped) == (0, 0, len(stored))  # idempotent
        try:
            hits = store.search(query)
        except StoreError:
            return  # a query with no words: a clear error
        assert all(store.get(h.doc_id) is not None for h in hits)
