"""Tests for sitrep.store.tokens: tokens kept hashed, checked, revoked; a store made before the table existed
gets it when opened."""

from __future__ import annotations

import sqlite3

from sitrep.store import Store


def test_tokens_table_is_added_to_an_older_store(tmp_path):
    db = tmp_path / "old.db"
    with Store(db):
        pass
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE tokens")  # as a store written before the web server
    conn.commit()
    conn.close()
    with Store(db) as store:
        secret, info = store.create_token("amira", "read")
        assert store.check_token(secret) == info and info.allows("read") and not info.allows("write")
        assert store.has_tokens()
        assert store.revoke_token(info.id) and not store.has_tokens()
