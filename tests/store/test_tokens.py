"""Tests for sitrep.store.tokens: tokens kept hashed, checked, revoked; a store made before the table existed
gets it when opened."""

from __future__ import annotations

from backends import query

from sitrep.store import open_store


def test_tokens_table_is_added_to_an_older_store(store_url):
    with open_store(store_url):
        pass
    query(store_url, "DROP TABLE tokens")  # as a store written before the web server
    with open_store(store_url) as store:
        secret, info = store.create_token("amira", "read")
        assert store.check_token(secret) == info and info.allows("read") and not info.allows("write")
        assert store.has_tokens()
        assert store.revoke_token(info.id) and not store.has_tokens()
