"""Tests for sitrep.store.watched on both backends: items seen by URL across sources, tries counted for failures,
a source's failures and next poll kept, texts found by content hash."""

from __future__ import annotations

import pytest

from sitrep.errors import ConfigError
from sitrep.model import content_id

import docfactory as fx


def test_watched_an_item_is_seen_whichever_source_listed_it(store):
    assert store.seen_item("https://example.org/a") is None
    store.mark_item("feed-one", "https://example.org/a", "stored", content_hash="sha1:x", doc_id="https://example.org/a")
    seen = store.seen_item("https://example.org/a", "feed-two")
    assert (seen.source, seen.status, seen.doc_id, seen.tries) == ("feed-one", "stored", "https://example.org/a", 0)


def test_watched_failures_count_tries_and_a_success_clears_them(store):
    for n in (1, 2, 3):
        assert store.mark_item("feed", "https://example.org/b", "failed", error="503").tries == n
    store.mark_item("feed", "https://example.org/b", "stored", doc_id="b")
    assert store.seen_item("https://example.org/b").tries == 0
    with pytest.raises(ConfigError, match="unknown status"):
        store.mark_item("feed", "https://example.org/b", "lost")


def test_watched_a_source_keeps_its_failures_and_next_poll(store):
    assert store.source_state("feed").failures == 0
    store.source_polled("feed", 1_000_000.2, error="timed out")
    state = store.source_polled("feed", 1_000_060.0, error="timed out")
    assert (state.failures, state.next_poll) == (2, 1_000_060.0)
    assert store.source_state("feed").next_poll == 1_000_060.0  # whole seconds, kept exactly
    assert store.source_polled("feed", 1_000_120.0).failures == 0


def test_watched_stored_text_finds_a_document_by_its_content_hash(store):
    doc = fx.wire()
    store.add(doc)
    assert store.stored_text(content_id(doc.text)) == doc.id
    assert store.stored_text("sha1:0000") is None
