"""Tests for sitrep.store.postgresql (and its opening, sitrep.store._pg): what only the PostgreSQL store has --
its URLs, the dialect its connection speaks, the schema in step with SQLite's, several processes creating and
writing one store at once, SIGKILL in the middle of a batch, its search syntax.  What both stores do is tested
on both by the other tests of tests/store.  Skipped when no PostgreSQL listens at SITREP_TEST_PG."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from backends import query, skip_without_pg
from hypothesis import given
from hypothesis import strategies as st

from sitrep.errors import StoreError
from sitrep.model import Document
from sitrep.store import Store, open_store
from sitrep.store._pg import shown, translate

import docfactory as fx
from properties import PROPERTY

pytest.importorskip("psycopg")
from sitrep.store import postgresql

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"


# -- URLs and the connection ------------------------------------------------------------------------------------


def test_open_store_opens_postgresql_for_both_schemes(pg_url):
    for url in (pg_url, pg_url.replace("postgresql://", "postgres://", 1)):
        with open_store(url) as store:
            assert isinstance(store, postgresql.Store) and store.count() == 0


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT 1 FROM t WHERE a = ? AND b IN (?, ?)", "SELECT 1 FROM t WHERE a = %s AND b IN (%s, %s)"),
        ("SELECT '?', \"odd?name\", ? FROM t", "SELECT '?', \"odd?name\", %s FROM t"),
        ("SELECT 10 % 3, 'it''s 50%' WHERE x = ?", "SELECT 10 %% 3, 'it''s 50%' WHERE x = %s"),
    ],
)
def test_connection_translates_placeholders_outside_quotes(sql, expected):
    assert translate(sql) == expected


def test_store_url_password_is_never_shown():
    assert shown("postgresql://amira:s3cret@db:5432/news") == "postgresql://amira:***@db:5432/news"
    with pytest.raises(StoreError, match=r"cannot connect.*amira:\*\*\*@127\.0\.0\.1:1/") as err:
        open_store("postgresql://amira:s3cret@127.0.0.1:1/news")
    assert "s3cret" not in str(err.value)


def test_store_in_a_missing_schema_is_a_clear_error(pg_url):
    with pytest.raises(StoreError, match="no schema of the search_path exists"):
        open_store(pg_url.rsplit("%3D", 1)[0] + "%3Dno_such_schema_here")


def test_store_refuses_a_schema_holding_other_tables(pg_url):
    query(pg_url, "CREATE TABLE people (name TEXT)")
    with pytest.raises(StoreError, match="holds other tables, not a sitrep store"):
        open_store(pg_url)


def test_store_keeps_nul_characters_out_of_the_rows_but_in_the_document(pg_url):
    doc = Document(id="nul", text="A text with a NUL \x00 in Quetta.", title="T\x00", language="en")
    with open_store(pg_url) as store:
        assert store.add(doc)
        assert store.get("nul").to_dict() == doc.to_dict()
        assert [h.doc_id for h in store.search("Quetta")] == ["nul"]


# -- the schema, in step with SQLite's -------------------------------------------------------------------------

_TYPES = {"TEXT": "text", "INTEGER": "bigint", "REAL": "double precision", "BOOLEAN": "boolean"}


def test_schema_tables_and_columns_are_those_of_the_sqlite_store(pg_url, tmp_path):
    with Store(tmp_path / "s.db") as lite:
        tables = [r[0] for r in lite._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        expected = {
            (t, c, _TYPES[kind], bool(notnull or pk))  # a key is never NULL in PostgreSQL
            for t in tables if t != "documents_fts" and not t.startswith("documents_fts_")
            for _, c, kind, notnull, _, pk in lite._conn.execute(f"PRAGMA table_info({t})")
        }  # fmt: skip
    with open_store(pg_url):
        pass
    found = set(query(pg_url, "SELECT table_name, column_name, data_type, is_nullable = 'NO', collation_name "
                              "FROM information_schema.columns WHERE table_schema = current_schema() "
                              "AND table_name <> 'documents_fts'"))  # fmt: skip
    assert {(t, c, kind, notnull) for t, c, kind, notnull, _ in found} == expected
    assert {collation for _, _, kind, _, collation in found if kind == "text"} == {"C"}


# -- several processes at once --------------------------------------------------------------------------------


def _open_and_add(url: str, docs: list[int], barrier: Any, results: Any) -> None:
    try:
        barrier.wait(30)
        with open_store(url) as store:
            result = store.add_many([fx.numbered(i) for i in docs], commit_every=3)
        results.put((result.added, result.skipped, len(result.failed)))
    except Exception as exc:
        results.put(f"{type(exc).__name__}: {exc}")


def _run_at_once(url: str, batches: list[list[int]]) -> list[Any]:
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(len(batches)), ctx.Queue()
    procs = [ctx.Process(target=_open_and_add, args=(url, batch, barrier, results)) for batch in batches]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
    return outcomes


def test_store_created_by_several_processes_at_once():
    from backends import pg_schema

    for _ in range(4):
        with pg_schema() as url:
            outcomes = _run_at_once(url, [[i] for i in range(6)])
            assert outcomes == [(1, 0, 0)] * 6
            assert check_consistent(url) == sorted(f"d{i}" for i in range(6))


def test_store_written_by_several_processes_at_once_stores_each_document_once(pg_url):
    batches = [list(range(start, start + 40)) for start in (0, 10, 20, 30)]  # each overlaps the next
    outcomes = _run_at_once(pg_url, batches)
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert sum(o[0] for o in outcomes) == 70 and sum(o[1] for o in outcomes) == 90
    assert not any(o[2] for o in outcomes)
    assert len(check_consistent(pg_url)) == 70


# -- SIGKILL in the middle of a batch ---------------------------------------------------------------------------


def check_consistent(url: str) -> list[str]:
    """The ids stored, after checking that every document is whole and in the search index."""
    ids = [r[0] for r in query(url, "SELECT id FROM documents ORDER BY id")]
    assert {r[0] for r in query(url, "SELECT doc_id FROM documents_fts")} == set(ids)
    assert {r[0] for r in query(url, "SELECT doc_id FROM events")} == set(ids)
    with open_store(url) as store:
        for doc_id in ids:
            doc = store.get(doc_id)
            assert doc is not None and doc.to_dict() == fx.numbered(int(doc_id[1:])).to_dict()
            assert store.search(f"r{doc_id[1:]}z")[0].doc_id == doc_id
    return ids


_WRITER = """
import sys, time
sys.path.insert(0, {tests!r})
from docfactory import numbered
from sitrep.store import open_store

def docs():
    for i in range({n}):
        print(i, flush=True)  # every document before i is committed by now (commit_every=1)
        yield numbered(i)
        time.sleep({pause})

with open_store({url!r}) as store:
    store.add_many(docs(), commit_every={every})
print("done", flush=True)
"""


@pytest.mark.parametrize("trial", range(4))
def test_store_kill_9_keeps_every_committed_document_and_nothing_partial(pg_url, trial):
    rng = random.Random(trial)
    n, stop_after = 300, rng.randrange(3, 60)
    every = 1 if trial % 2 == 0 else 7
    script = _WRITER.format(tests=str(TESTS), n=n, url=pg_url, pause=0.0 if trial < 2 else 0.002, every=every)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert child.stdout is not None
    seen, deadline = -1, time.monotonic() + 60
    while seen < stop_after and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line or line.strip() == "done":
            break
        seen = int(line)
    time.sleep(rng.random() * 0.01)  # land the kill anywhere, inside a transaction too
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    ids = check_consistent(pg_url)
    committed = seen - (seen % every) if every > 1 else seen
    assert {f"d{i}" for i in range(committed)} <= set(ids)
    with open_store(pg_url) as store:  # a rerun completes the rest
        result = store.add_many(fx.numbered(i) for i in range(n))
    assert result.added == n - len(ids) and result.skipped == len(ids) and not result.failed
    assert len(check_consistent(pg_url)) == n


# -- search ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query_text", "expected"),
    [("ISKP -Taliban", {"wire-crocus", "ru-crocus"} & set()), ("Bryansk or Quetta", {"analysis-iskp", "wire-crocus"}),
     ('"concert hall"', {"wire-crocus"}), ("Crocus -Bryansk", {"analysis-iskp"})],
)  # fmt: skip
def test_store_search_syntax_is_postgresql_web_search(pg_url, query_text, expected):
    with open_store(pg_url) as store:
        store.add_many(fx.all_docs())
        assert {h.doc_id for h in store.search(query_text, syntax=True)} == expected


@PROPERTY
@given(st.lists(st.text(min_size=1, max_size=200).filter(str.strip), min_size=1, max_size=4), st.text(max_size=40))
def test_store_property_any_text_is_stored_and_searched(texts, words):
    skip_without_pg()
    from backends import pg_schema

    with pg_schema() as url, open_store(url) as store:
        docs = [Document(id=f"p{i}", text=t) for i, t in enumerate(texts)]
        result = store.add_many(docs)
        assert not result.failed and result.added + result.skipped == len(docs)
        for doc in docs:
            got = store.get(doc.id)
            assert got is None or got.to_dict() == doc.to_dict()
        try:
            hits = store.search(words)
        except StoreError:
            return
        assert all(store.get(h.doc_id) is not None for h in hits)


def test_cli_ingest_and_search_a_postgresql_store(pg_url, tmp_path, monkeypatch, capsys):
    from sitrep.cli import main

    (tmp_path / "a.txt").write_text("Gunmen attacked a police post in Quetta on Monday, killing three.", "utf-8")
    monkeypatch.setenv("SITREP_DB", pg_url)  # the setting db, as --db gives it
    assert main(["ingest", str(tmp_path / "a.txt")]) == 0
    assert capsys.readouterr().out.startswith("1 added, 0 replaced, 0 unchanged, 0 failed")
    assert main(["search", "quetta", "--db", pg_url]) == 0
    assert "**Quetta**" in capsys.readouterr().out
