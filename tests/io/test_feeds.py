"""Tests for sitrep.io.feeds: RSS and Atom feeds read from a local server (127.0.0.1), relative links resolved,
what is not a feed refused with a clear error, a folder's readable files, and the back-off."""

from __future__ import annotations

import pytest

from sitrep.errors import FetchError, InputError
from sitrep.io.feeds import backoff, folder_files, is_feed, read_feed
from sitrep.settings import Settings

from feedserver import Site, running

LOCAL = Settings(allow_private=True, fetch_timeout=10)


@pytest.fixture
def site():
    s = Site()
    with running(s) as base:
        s.base = base  # type: ignore[attr-defined]
        yield s


def test_feeds_rss_and_atom_items_in_order(site):
    site.rss("/rss", "Wire  service", [(site.base + "/a", "First", "2024-05-14"), ("/b", "Second", "2024-05-15")])
    feed = read_feed(site.base + "/rss", LOCAL)
    assert feed.title == "Wire service"
    assert [(i.url, i.title, i.published) for i in feed.items] == [
        (site.base + "/a", "First", "2024-05-14"), (site.base + "/b", "Second", "2024-05-15")]  # fmt: skip
    site.atom("/atom", "Atom wire", [(site.base + "/c", "Third", "2024-05-16")])
    assert [(i.url, i.published) for i in read_feed(site.base + "/atom", LOCAL).items] == [
        (site.base + "/c", "2024-05-16")]  # fmt: skip


def test_feeds_not_a_feed_is_refused(site):
    site.text("/page", "Just a page of text, not a feed.")
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        read_feed(site.base + "/page", LOCAL)
    with pytest.raises(FetchError, match="404"):
        read_feed(site.base + "/nothing", LOCAL)


def test_feeds_the_address_rule_holds_for_feeds(site):
    site.rss("/rss", "Wire", [])
    with pytest.raises(FetchError, match="public addresses"):
        read_feed(site.base + "/rss", Settings())


def test_feeds_folder_files_are_texts_not_hidden_sorted(tmp_path):
    for name in ("b.txt", "a.md", "c.html", "d.pdf", ".hidden.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "e.txt").write_text("y", encoding="utf-8")
    assert [f.path.rsplit("/", 1)[1] for f in folder_files(tmp_path)] == ["a.md", "b.txt", "c.html", "e.txt"]
    with pytest.raises(InputError, match="no such folder"):
        folder_files(tmp_path / "missing")


def test_feeds_backoff_doubles_up_to_the_cap():
    assert [backoff(n, 60, 600) for n in range(6)] == [60, 60, 120, 240, 480, 600]
    assert backoff(10_000, 60, 600) == 600


def test_feeds_is_feed_is_an_http_url():
    assert is_feed("https://example.org/rss") and not is_feed("/var/feeds") and not is_feed("inbox")
