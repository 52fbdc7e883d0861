"""Tests for sitrep.store.schema: the statements of the schema files, their PostgreSQL form, the schema version
kept in the store, the migration from the previous version, and a newer version refused -- on both backends."""

from __future__ import annotations

import pytest
from backends import query

from sitrep.errors import StoreError
from sitrep.store import SCHEMA_VERSION, open_store, schema

import docfactory as fx


def test_schema_statements_drop_comments_and_keep_every_table():
    statements = schema.statements("schema.sql")
    assert all("--" not in s and not s.endswith(";") for s in statements)
    assert {"meta", "documents", "entities", "entity_names", "mentions", "events", "event_roles", "facts",
            "evidence", "tokens", "edits"} <= schema.declared()  # fmt: skip


@pytest.mark.parametrize(
    ("portable", "postgresql"),
    [
        ("lat REAL,", "lat DOUBLE PRECISION,"),
        ("position INTEGER NOT NULL", "position BIGINT NOT NULL"),
        ("id TEXT PRIMARY KEY", 'id TEXT COLLATE "C" PRIMARY KEY'),
        ("kind TEXT NOT NULL DEFAULT 'name'", "kind TEXT COLLATE \"C\" NOT NULL DEFAULT 'name'"),
        ("context_text TEXTUAL, integer_ish INTEGERS", "context_text TEXTUAL, integer_ish INTEGERS"),
    ],
)
def test_schema_for_postgresql_changes_only_the_types(portable, postgresql):
    assert schema.for_postgresql(portable) == postgresql


@pytest.mark.parametrize(("found", "step"), [(SCHEMA_VERSION, "current"), ("1", "migrate")])
def test_schema_plan_reads_this_and_the_previous_version(found, step):
    assert schema.plan(found, "x") == step


@pytest.mark.parametrize("found", [None, "", "two", "0", "-1"])
def test_schema_plan_refuses_what_no_sitrep_wrote(found):
    with pytest.raises(StoreError, match="not a sitrep store"):
        schema.plan(found, "x.db")


def test_store_keeps_its_schema_version(store_url):
    with open_store(store_url):
        pass
    assert query(store_url, "SELECT value FROM meta WHERE key = 'schema_version'") == [(SCHEMA_VERSION,)]


def test_store_of_a_newer_version_is_refused_and_left_alone(store_url):
    with open_store(store_url) as store:
        store.add(fx.wire())
    newer = str(int(SCHEMA_VERSION) + 1)
    query(store_url, f"UPDATE meta SET value = '{newer}' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=f"schema version {newer}, newer than this sitrep's.*upgrade sitrep"):
        open_store(store_url)
    assert query(store_url, "SELECT value FROM meta WHERE key = 'schema_version'") == [(newer,)]
    assert query(store_url, "SELECT id FROM documents") == [("wire-crocus",)]


def test_store_of_the_previous_version_is_migrated_and_keeps_its_documents(store_url):
    with open_store(store_url) as store:
        store.add_many(fx.all_docs())
    for statement in ("DROP TABLE edits", "DROP TABLE tokens", "UPDATE meta SET value = '1'"):  # version 1
        query(store_url, statement)
    with open_store(store_url) as store:
        assert store.count() == 3 and store.get("ru-crocus").to_dict() == fx.russian().to_dict()
        assert [h.doc_id for h in store.search("Крокус")] == ["ru-crocus"]
        secret, info = store.create_token("amira", "write")  # the tables version 2 added
        store.add_edit("correct", "event", "ev1", doc_id="wire-crocus", field="fatalities", value=140)
        assert store.check_token(secret) == info
    assert query(store_url, "SELECT value FROM meta WHERE key = 'schema_version'") == [(SCHEMA_VERSION,)]


def test_store_gains_a_table_added_to_schema_sql_within_a_version(store_url, monkeypatch):
    with open_store(store_url):
        pass
    added = "CREATE TABLE IF NOT EXISTS watched (url TEXT PRIMARY KEY, seen INTEGER NOT NULL)"
    real_statements, real_declared = schema.statements, schema.declared

    def statements(name: str, postgresql: bool = False) -> tuple[str, ...]:
        extra = [schema.for_postgresql(added) if postgresql else added] if name == "schema.sql" else []
        return (*real_statements(name, postgresql), *extra)

    monkeypatch.setattr(schema, "statements", statements)
    monkeypatch.setattr(schema, "declared", lambda: real_declared() | {"watched"})
    with open_store(store_url) as store:
        store._conn.execute("INSERT INTO watched (url, seen) VALUES ('https://example.org/feed', 1)")
    assert query(store_url, "SELECT url, seen FROM watched") == [("https://example.org/feed", 1)]
