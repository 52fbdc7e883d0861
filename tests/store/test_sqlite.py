"""Tests for sitrep.store.sqlite and what every backend shares (sitrep.store.sql): idempotence, transactions,
round trips, search, filters, bad databases.  The ``store`` and ``store_url`` fixtures run a test once for each
backend (SQLite, PostgreSQL: tests/backends.py); the tests of SQLite's own ways open a SQLite file."""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from backends import committed

from sitrep import store as store_module
from sitrep.errors import ConfigError, StoreError
from sitrep.model import Document, Entity
from sitrep.store import SCHEMA_VERSION, AddResult, Store, open_store, rows

import docfactory as fx


@pytest.fixture
def full(store):
    store.add_many(fx.all_docs())
    return store


def ids(docs) -> list[str]:
    return [d.id for d in docs]


# -- the fixtures themselves ---------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [fx.analysis, fx.wire, fx.russian, fx.empty])
def test_docfactory_documents_meet_the_contract(make):
    contract = pytest.importorskip("sitrep.outputs.contract")
    doc = make()
    assert contract.problems(doc.to_dict()) == []
    spans = [m for e in doc.entities for m in e.mentions] + [s for x in doc.events + doc.facts for s in x.evidence]
    assert all(doc.text[s.start : s.end] == s.text for s in spans)


# -- adding ----------------------------------------------------------------------------------------------------


def test_store_add_is_idempotent(store):
    assert store.add(fx.analysis()) is True
    assert store.add(fx.analysis()) is False
    assert store.count() == 1


def test_store_add_skips_same_text_under_another_id(store):
    store.add(fx.wire())
    copy = fx.wire()
    copy.id = "wire-crocus-copy"
    assert store.add(copy) is False
    assert store.get("wire-crocus-copy") is None
    assert store.count() == 1


def test_store_add_replaces_a_changed_document_with_the_same_id(store):
    store.add(fx.russian())
    changed = fx.russian()
    changed.events = changed.events[:1]
    changed.warnings.append("events: re-analysed")
    assert store.add(changed) is True
    assert store.count() == 1
    assert store.get("ru-crocus").to_dict() == changed.to_dict()
    rows = store._conn.execute("SELECT COUNT(*) FROM events WHERE doc_id = 'ru-crocus'").fetchone()[0]
    assert rows == 1
    assert [hit.doc_id for hit in store.search("Крокус")] == ["ru-crocus"]  # its old full-text row is gone


def test_store_add_many_counts_added_replaced_and_skipped(store):
    store.add(fx.analysis())
    changed = fx.wire()
    store.add(changed)
    changed = fx.wire()
    changed.title = "Updated title"
    result = store.add_many([fx.analysis(), changed, fx.russian()])
    assert result == AddResult(added=1, skipped=1, failed=[], replaced=1)


def test_store_add_many_goes_on_after_failures_and_keeps_no_half_document(store):
    unserialisable = fx.empty("bad-json")
    unserialisable.warnings.append(object())  # type: ignore[arg-type]  # json.dumps fails before any write
    half = Document(id="bad-row", text="A document whose entity breaks a NOT NULL column.", language="en")
    half.entities.append(Entity(id="e1", name=None, type="other"))  # type: ignore[arg-type]  # fails mid-write
    docs = [fx.analysis(), unserialisable, fx.wire(), half, fx.russian()]
    result = store.add_many(docs)
    assert result.added == 3
    assert [doc_id for doc_id, _ in result.failed] == ["bad-json", "bad-row"]
    assert all(message for _, message in result.failed)
    assert set(ids(store.documents())) == {"analysis-iskp", "wire-crocus", "ru-crocus"}
    for table in ("documents", "documents_fts"):
        column = "id" if table == "documents" else "doc_id"
        assert store._conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} = 'bad-row'").fetchone()[0] == 0


def test_store_add_wraps_a_database_failure_in_store_error(store):
    half = Document(id="bad-row", text="broken", language="en")
    half.entities.append(Entity(id="e1", name=None, type="other"))  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="bad-row"):
        store.add(half)


def test_store_add_many_interrupted_mid_document_keeps_the_documents_before_it(store_url, monkeypatch):
    path = store_url
    real_insert = rows.insert
    calls = []

    def insert_then_interrupt(conn, data, doc_json, content_hash):
        calls.append(data["id"])
        if len(calls) == 2:
            real_insert(conn, data, doc_json, content_hash)  # rows written, then Ctrl-C mid-document
            raise KeyboardInterrupt
        real_insert(conn, data, doc_json, content_hash)

    monkeypatch.setattr(rows, "insert", insert_then_interrupt)
    with open_store(path) as s, pytest.raises(KeyboardInterrupt):
        s.add_many(fx.all_docs())
    monkeypatch.setattr(rows, "insert", real_insert)
    with open_store(path) as s:
        assert ids(s.documents()) == ["analysis-iskp"]
        assert s._conn.execute("SELECT COUNT(*) FROM entities WHERE doc_id = 'wire-crocus'").fetchone()[0] == 0
        result = s.add_many(fx.all_docs())
        assert (result.added, result.skipped) == (2, 1)


# -- add_many: one transaction per chunk, a savepoint per document -------------------------------------------


def plain(n: int) -> list[Document]:
    return [
        Document(id=f"plain-{i}", text=f"Report number {i}: gunmen fired on a checkpoint.", language="en")
        for i in range(n)
    ]


def bad_json(doc_id: str = "bad-json") -> Document:
    doc = fx.empty(doc_id)
    doc.warnings.append(object())  # type: ignore[arg-type]  # json.dumps fails before any write
    return doc


def bad_row(doc_id: str = "bad-row") -> Document:
    doc = Document(id=doc_id, text=f"A document ({doc_id}) whose entity breaks a NOT NULL column.", language="en")
    doc.entities.append(Entity(id="e1", name=None, type="other"))  # type: ignore[arg-type]  # fails mid-write
    return doc


def mixed_batch() -> list[Document]:
    """New, the same again, the same text under another id, changed under the same id, failing documents."""
    copy, changed = fx.wire(), fx.russian()
    copy.id = "wire-crocus-copy"
    changed.events = changed.events[:1]
    return [fx.analysis(), bad_json(), *plain(3), fx.wire(), copy, fx.analysis(), fx.russian(), bad_row(),
            changed, *plain(2), bad_row("bad-row-2"), fx.empty()]  # fmt: skip


def one_transaction_per_document(store: Store, docs) -> AddResult:
    """What add_many did before chunks: each document in its own transaction (the reference for the counts)."""
    result = AddResult()
    for doc in docs:
        try:
            status = store._add(doc)
        except Exception as exc:
            result.failed.append((doc.id, f"{type(exc).__name__}: {exc}"))
            continue
        setattr(result, status, getattr(result, status) + 1)
    return result


def stored(where: str) -> list[str]:
    """The ids committed to the store, read through a connection of its own."""
    return committed(where)


@pytest.mark.parametrize("every", [1, 2, 5, 200])
def test_store_add_many_counts_as_one_transaction_per_document_did(every, store):
    with Store(":memory:") as reference:  # the SQLite store, one document at a time
        s = store
        expected = one_transaction_per_document(reference, mixed_batch())
        s.commit_every = every
        result = s.add_many(mixed_batch())
        assert result.failed and all("\n" not in why for _, why in result.failed)  # one line each
        same = [(d, why if isinstance(s, Store) else "") for d, why in result.failed]  # PostgreSQL says it its way
        assert AddResult(result.added, result.skipped, same, result.replaced) == AddResult(
            expected.added, expected.skipped, [(d, why if isinstance(s, Store) else "") for d, why in expected.failed],
            expected.replaced)  # fmt: skip
        assert (result.added, result.skipped, result.replaced) == (7, 4, 1)  # the later plain(2) repeat
        assert [doc_id for doc_id, _ in result.failed] == ["bad-json", "bad-row", "bad-row-2"]
        assert [d.to_dict() for d in s.documents()] == [d.to_dict() for d in reference.documents()]


@pytest.mark.parametrize("every", [2, 200])
def test_store_add_many_failing_document_mid_chunk_keeps_the_others(store_url, every):
    path = store_url
    docs = [*plain(3), bad_row(), *plain(6)[3:]]
    with open_store(path) as s:
        s.commit_every = every
        result = s.add_many(docs)
    assert (result.added, [d for d, _ in result.failed]) == (6, ["bad-row"])
    assert stored(path) == [f"plain-{i}" for i in range(6)]
    with open_store(path) as s:
        for table in ("entities", "documents_fts"):
            assert s._conn.execute(f"SELECT COUNT(*) FROM {table} WHERE doc_id = 'bad-row'").fetchone()[0] == 0


@pytest.mark.parametrize(("k", "every"), [(0, 2), (1, 2), (4, 2), (5, 2), (5, 200), (7, 3)])
def test_store_add_many_interrupted_by_its_input_commits_the_k_documents_before(store_url, k, every):
    path = store_url

    def docs_then_ctrl_c():
        yield from plain(k)
        raise KeyboardInterrupt

    with open_store(path) as s:
        s.commit_every = every
        with pytest.raises(KeyboardInterrupt):
            s.add_many(docs_then_ctrl_c())
    assert stored(path) == [f"plain-{i}" for i in range(k)]
    with open_store(path) as s:
        assert [d.to_dict() for d in s.documents()] == [d.to_dict() for d in plain(k)]


def test_store_add_many_error_from_its_input_commits_what_came_before(store_url):
    path = store_url

    def docs_then_error():
        yield from plain(3)
        raise OSError("the input file went away")

    with open_store(path) as s, pytest.raises(OSError, match="went away"):
        s.add_many(docs_then_error())
    assert stored(path) == ["plain-0", "plain-1", "plain-2"]


def test_store_add_many_commits_every_n_documents_and_only_then(store_url):
    path = store_url
    seen = []

    def docs_watched():
        for doc in plain(7):
            seen.append(len(stored(path)))  # what another connection sees before the next document arrives
            yield doc

    with open_store(path) as s:
        s.commit_every, s.commit_seconds = 3, 3600.0
        assert s.add_many(docs_watched()).added == 7
    assert seen == [0, 0, 0, 3, 3, 3, 6]
    assert len(stored(path)) == 7


def test_store_add_many_commits_a_chunk_that_has_waited_long_enough(store_url):
    path = store_url
    seen = []

    def docs_watched():
        for doc in plain(4):
            seen.append(len(stored(path)))
            yield doc

    with open_store(path) as s:
        s.commit_every, s.commit_seconds = 200, 0.0  # every document has waited long enough
        s.add_many(docs_watched())
    assert seen == [0, 1, 2, 3]


def test_store_add_many_says_so_when_the_database_drops_the_whole_transaction(store_url, monkeypatch):
    path = store_url
    with open_store(path) as s:
        real_write = type(s)._write

        def disk_full(self, conn, data, doc_json):
            if data["id"] == "plain-3":
                conn.execute("ROLLBACK")  # what SQLite does itself on SQLITE_FULL or an I/O error
                raise sqlite3.OperationalError("database or disk is full")
            return real_write(self, conn, data, doc_json)

        monkeypatch.setattr(type(s), "_write", disk_full)
        s.commit_every = 2
        with pytest.raises(StoreError, match=r"plain-3.*disk is full.*add the batch again"):
            s.add_many(plain(5))
    assert stored(path) == ["plain-0", "plain-1"]


def test_store_add_many_on_a_closed_store_fails_every_document(store_url):
    s = open_store(store_url)
    s.close()
    result = s.add_many(plain(2))
    assert result.added == 0
    assert [(d, "closed" in why) for d, why in result.failed] == [("plain-0", True), ("plain-1", True)]


# -- reading ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [fx.analysis, fx.wire, fx.russian, fx.empty])
def test_store_get_round_trips_exactly(store, make):
    doc = make()
    store.add(doc)
    assert store.get(doc.id).to_dict() == doc.to_dict()


def test_store_stored_texts_are_the_hashes_of_stored_texts(full):
    from sitrep.model import content_id

    asked = [content_id(fx.wire().text), content_id("never stored"), *(content_id(f"x{i}") for i in range(1200))]
    assert full.stored_texts(asked) == {content_id(fx.wire().text)}
    assert full.stored_texts([]) == set()


def test_store_get_unknown_id_is_none(full):
    assert full.get("no-such-document") is None


def test_store_rows_mirror_the_document(full):
    db = full._conn
    roles = db.execute(
        "SELECT role, entity_id FROM event_roles WHERE doc_id = 'wire-crocus' AND event_id = 'ev1' ORDER BY role"
    ).fetchall()
    assert roles == [("actor", "e1"), ("claimed_by", "e6"), ("target", "e2")]
    row = db.execute(
        "SELECT date_first, date_last, fatalities_low, modality FROM events "
        "WHERE doc_id = 'analysis-iskp' AND id = 'ev1'"
    ).fetchone()
    assert row == ("2024-03-01", "2024-03-31", 140, "asserted")
    lat, lon, code = db.execute(
        "SELECT lat, lon, country_code FROM entities WHERE doc_id = 'analysis-iskp' AND id = 'e10'"
    ).fetchone()
    assert (lat, lon, code) == (30.1872, 67.0125, "PK")
    text, start, end = db.execute(
        "SELECT text, \"start\", \"end\" FROM evidence WHERE doc_id = 'ru-crocus' AND owner_id = 'ev2'"
    ).fetchone()
    assert fx.RUSSIAN_TEXT[start:end] == text
    assert db.execute("SELECT value_low, value_high, value_unit FROM facts WHERE id = 'f2'").fetchone() == (
        1500.0,
        5000.0,
        "fighters",
    )


def test_store_remove_deletes_every_row_of_a_document(full):
    assert full.remove("wire-crocus") is True
    assert full.remove("wire-crocus") is False
    for table in ("entities", "entity_names", "mentions", "events", "event_roles", "facts", "evidence"):
        assert full._conn.execute(f"SELECT COUNT(*) FROM {table} WHERE doc_id = 'wire-crocus'").fetchone()[0] == 0
    assert full.search("Bryansk") == []


# -- search ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("en", "Crocus", {"analysis-iskp", "wire-crocus"}),
        ("en", "telegram recruited", {"analysis-iskp"}),
        ("en", '"concert hall"', {"wire-crocus"}),
        ("en", "Quet*", {"analysis-iskp"}),
        ("ru", "погибших", {"ru-crocus"}),
        ("ru", "КРОКУС", {"ru-crocus"}),
        ("ru", "Красногорск*", {"ru-crocus"}),
        ("ru", "ФСБ", {"ru-crocus"}),
    ],
)
def test_store_search_finds_words(full, lang, query, expected):
    assert {hit.doc_id for hit in full.search(query)} == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [("ISKP NOT Taliban", set()), ("Bryansk OR Quetta", {"analysis-iskp", "wire-crocus"}), ("Crocus", None)],
)
def test_store_search_query_syntax_when_asked_is_fts5s(query, expected):
    full = Store(":memory:")
    full.add_many(fx.all_docs())
    found = {hit.doc_id for hit in full.search(query, syntax=True)}
    assert found == (expected if expected is not None else {h.doc_id for h in full.search(query)})


@pytest.mark.parametrize(
    "query",
    ["Crocus AND", "Crocus OR", "NOT Crocus", "(Crocus", "Crocus)", 'Crocus "', "Crocus ^", "NEAR(Crocus", "Crocus:",
     "{Crocus}", "Crocus +", "Crocus -", "Crocus*", "**Crocus", "Crocus AND Crocus OR NOT"],
)  # fmt: skip
def test_store_search_treats_user_text_as_words(full, query):
    """Operator words and symbols are plain text unless syntax=True: no error; with symbols only around it, the
    word is still found (operator words are words that must occur too)."""
    found = {hit.doc_id for hit in full.search(query)}
    words = set(re.findall(r"\w+", query))
    assert "wire-crocus" in found or words != {"Crocus"}
    assert found <= {h.doc_id for h in full.search("Crocus")}


def test_store_search_operator_words_are_words(store):
    store.add(Document(id="q", text="Al-Qaeda and the Taliban were seen near Quetta.", language="en"))
    store.add(Document(id="o", text="Taliban or Al-Qaeda, police said near Kabul.", language="en"))
    assert [h.doc_id for h in store.search("al-Qaeda AND Quetta")] == ["q"]
    assert {h.doc_id for h in store.search("Taliban OR Kabul")} == {"o"}  # every word must occur, "or" is one
    assert [h.doc_id for h in store.search('"the Taliban were"')] == ["q"]


def test_store_search_hits_have_snippets_titles_and_ranks(full):
    hits = full.search("Crocus")
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert all("**Crocus**" in h.snippet for h in hits)
    assert all("\n" not in h.snippet for h in full.search("погибших"))
    assert {h.title for h in hits} == {fx.analysis().title, fx.wire().title}
    assert hits == sorted(hits, key=lambda h: -h.score)
    assert len(full.search("Crocus", limit=1)) == 1


def test_store_search_russian_snippet_and_yo(store):
    store.add(fx.russian())
    store.add(Document(id="yo", text="Всё ещё идут поиски пострадавших.", language="ru"))
    (hit,) = store.search("крокус")
    assert "**Крокус**" in hit.snippet
    assert [h.doc_id for h in store.search("еще")] == ["yo"]
    assert [h.doc_id for h in store.search("ещё")] == ["yo"]


@pytest.mark.parametrize(
    ("query", "syntax"),
    [("", False), ("   ", False), ('"', False), ("*** ** *", False), ("x" * 1001, False), ("", True),
     ("x" * 1001, True)],
)  # fmt: skip
def test_store_search_bad_query_is_a_store_error(full, query, syntax):
    with pytest.raises(StoreError, match="search query"):
        full.search(query, syntax=syntax)


@pytest.mark.parametrize("query", ['"unclosed', "ISKP AND", "(Crocus"])
def test_store_search_bad_fts5_syntax_is_a_store_error(query):
    with Store(":memory:") as s, pytest.raises(StoreError, match="search query"):
        s.search(query, syntax=True)


def test_store_search_limit_beyond_64_bits_is_clamped(full):
    assert len(full.search("Crocus", limit=2**70)) == 2
    assert full.search("Crocus", limit=-(2**70)) == []


# -- filters ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["wire-crocus", "ru-crocus", "analysis-iskp"]),
        ({"actor": "iskp"}, ["wire-crocus", "ru-crocus", "analysis-iskp"]),
        ({"actor": "ИГИЛ-К"}, ["wire-crocus", "ru-crocus", "analysis-iskp"]),
        ({"actor": "фсб"}, ["wire-crocus", "ru-crocus"]),
        ({"actor": "KB:TALIBAN"}, ["analysis-iskp"]),
        ({"actor": "Q42418"}, ["analysis-iskp"]),
        ({"actor": "Crocus City Hall"}, []),
        ({"place": "quetta"}, ["analysis-iskp"]),
        ({"place": "Крокус Сити Холл"}, ["wire-crocus", "ru-crocus", "analysis-iskp"]),
        ({"place": "Russia"}, ["wire-crocus", "ru-crocus", "analysis-iskp"]),
        ({"place": "Turkey"}, ["analysis-iskp"]),
        ({"place": "ISKP"}, []),
        ({"since": "2024-04"}, ["analysis-iskp"]),
        ({"since": date(2024, 4, 1)}, ["analysis-iskp"]),
        ({"until": "2023-12-31"}, ["analysis-iskp"]),
        ({"until": "2014"}, []),
        ({"since": "2024-03-23", "until": "2024-03-23"}, ["wire-crocus", "analysis-iskp"]),
        ({"language": "ru"}, ["ru-crocus"]),
        ({"actor": "ISKP", "language": "en", "place": "Moscow"}, ["wire-crocus", "analysis-iskp"]),
    ],
)
def test_store_documents_filters(full, filters, expected):
    assert ids(full.documents(**filters)) == expected


@pytest.mark.parametrize("bad", ["last week", "2024-13", "24-03-01"])
def test_store_documents_bad_date_is_a_config_error(full, bad):
    with pytest.raises(ConfigError, match="since"):
        full.documents(since=bad)


# -- the database --------------------------------------------------------------------------------------------


def test_store_file_survives_reopening_with_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "s.db"
    with open_store(path) as s:
        s.add_many(fx.all_docs())
        assert s._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with Store(str(path)) as s:
        assert s.count() == 3
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_store_closed_store_raises(store_url):
    s = open_store(store_url)
    s.close()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.count()


def test_store_bad_paths_raise_store_error(tmp_path):
    with pytest.raises(StoreError, match="directory"):
        Store(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing" / "s.db")
    with pytest.raises(StoreError, match="open_store"):
        Store("postgresql://localhost/sitrep")


@pytest.mark.parametrize("content", [b"hello, this is a text file and not a database\n" * 20, os.urandom(4096)])
def test_store_file_that_is_not_sqlite_raises_store_error(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(b"X" + content)
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store(path)


def test_store_other_sqlite_database_raises_store_error(tmp_path):
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE people (name TEXT)")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="not a sitrep store"):
        Store(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions do not bind root")
def test_store_unwritable_folder_raises_store_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="permission"):
            Store(folder / "s.db")
    finally:
        folder.chmod(0o700)


# -- the schema ------------------------------------------------------------------------------------------------


SQL_DIR = Path(store_module.__file__).parent


def _schema() -> str:
    return (SQL_DIR / "schema.sql").read_text(encoding="utf-8")


def test_schema_sql_is_portable():
    sql = re.sub(r"--[^\n]*", "", _schema())
    for sqlite_only in ("AUTOINCREMENT", "PRAGMA", "VIRTUAL", "WITHOUT ROWID", "fts5", "INSERT OR", "GLOB"):
        assert sqlite_only.lower() not in sql.lower()
    types = set(re.findall(r"^[ \t]+\"?\w+\"?[ \t]+([A-Z]+)", sql, flags=re.M)) - {"KEY"}
    assert {"TEXT", "INTEGER", "REAL"} <= types <= {"TEXT", "INTEGER", "REAL", "BOOLEAN"}


def test_schema_columns_are_contract_field_names():
    store = Store(":memory:")

    def columns(table: str) -> set[str]:
        return {row[1] for row in store._conn.execute(f"PRAGMA table_info({table})")}

    assert {"id", "title", "source", "url", "published", "language", "text", "content_hash", "warnings",
            "ingested_at", "doc_json"} <= columns("documents")  # fmt: skip
    assert {"doc_id", "id", "name", "type", "wikidata", "country", "kb_id", "lat", "lon", "geonameid"} <= columns(
        "entities"
    )
    event_fields = {"id", "type", "mode", "acled_event_type", "acled_sub_event_type", "location", "modality",
                    "attributed_to", "confidence"}  # fmt: skip
    counts = {f"{c}_{k}" for c in ("fatalities", "injuries", "arrested") for k in ("low", "best", "high")}
    assert event_fields | counts | {"date_start", "date_end", "date_precision"} <= columns("events")
    assert {"id", "subject", "predicate", "object", "attributed_to", "modality"} <= columns("facts")
    assert {"doc_id", "event_id", "role", "entity_id"} <= columns("event_roles")
    assert {"start", "end", "text"} <= columns("evidence") & columns("mentions")


def test_schema_fts_lives_in_its_own_file():
    fts = (SQL_DIR / "schema_sqlite_fts.sql").read_text(encoding="utf-8")
    assert "USING fts5" in fts
    assert "fts5" not in _schema().lower().replace("schema_sqlite_fts.sql", "")
