"""Tests for sitrep.watch: feeds on a local HTTP server (127.0.0.1) that change between polls, a feed that errors
and recovers (backing off in between), a restart that fetches nothing again, duplicates by URL and by content,
and a folder whose files are added and changed.  The clock is passed in, never read from the wall."""

from __future__ import annotations

import dataclasses
import os
import threading
from pathlib import Path

import pytest

from sitrep.cli import main
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.watch import Polled, poll, watch

from feedserver import Site, running

INTERVAL = 60.0
TEXTS = {
    "/a": "Gunmen attacked a police post in Quetta on Monday, killing two officers, officials said.",
    "/b": "A roadside bomb killed three soldiers near Kandahar on Tuesday, the army said.",
    "/c": "Protesters blocked a highway in Peshawar on Wednesday over power cuts.",
    "/d": "A roadside bomb killed three soldiers near Kandahar on Tuesday, the army said.",  # the text of /b again
}
T0 = 1_000_000.0


@pytest.fixture
def site():
    s = Site()
    for path, text in TEXTS.items():
        s.text(path, text)
    with running(s) as base:
        s.base = base  # type: ignore[attr-defined]
        yield s


def settings(tmp_path: Path) -> Settings:
    return Settings(allow_private=True, watch_interval=INTERVAL, watch_backoff_max=8 * INTERVAL,
                    db=str(tmp_path / "watch.db"), fetch_timeout=10)  # fmt: skip


def items(site, *paths: str) -> list[tuple[str, str, str]]:
    return [(site.base + p, f"Report {p}", "2024-05-15") for p in paths]


def test_watch_follows_a_feed_that_changes_between_polls(site, tmp_path):
    feed = site.base + "/feed.xml"
    site.rss("/feed.xml", "Wire", items(site, "/a", "/b"))
    s = settings(tmp_path)
    with Store(s.db) as store:
        (first,) = poll(store, [feed], s, now=T0)
        assert (first.added, first.seen, first.failed, first.error) == (2, 0, [], None)
        site.atom("/feed.xml", "Wire", items(site, "/b", "/c"))  # /a gone, /c new; now an Atom feed
        (early,) = poll(store, [feed], s, now=T0 + 1)
        assert early.resting and site.requests["/feed.xml"] == 1  # not due yet: not even the feed is fetched
        (second,) = poll(store, [feed], s, now=T0 + INTERVAL)
        assert (second.added, second.seen) == (1, 1)
        doc = store.get(site.base + "/c")
        assert (doc.source, doc.title, doc.published, doc.url) == ("Wire", "Report /c", "2024-05-15", site.base + "/c")
        assert store.count() == 3
    assert [site.requests[p] for p in ("/a", "/b", "/c")] == [1, 1, 1]


def test_watch_a_restart_fetches_nothing_again(site, tmp_path):
    feed = site.base + "/feed.xml"
    site.rss("/feed.xml", "Wire", items(site, "/a", "/b"))
    s = settings(tmp_path)
    with Store(s.db) as store:
        poll(store, [feed], s, now=T0)
    with Store(s.db) as store:  # a new process would open the store the same way
        (again,) = poll(store, [feed], s, now=T0)  # due: the restart keeps when it may poll, so wait for it
        assert again.resting
        (later,) = poll(store, [feed], s, now=T0 + INTERVAL)
        assert (later.added, later.seen) == (0, 2)
    assert (site.requests["/feed.xml"], site.requests["/a"], site.requests["/b"]) == (2, 1, 1)


def test_watch_deduplicates_by_url_and_by_content(site, tmp_path):
    site.rss("/one.xml", "One", items(site, "/a", "/b"))
    site.rss("/two.xml", "Two", items(site, "/a", "/d"))  # /a again; /d has the text of /b
    s = settings(tmp_path)
    with Store(s.db) as store:
        one, two = poll(store, [site.base + "/one.xml", site.base + "/two.xml"], s, now=T0)
        assert (one.added, two.added, two.seen, two.duplicates) == (2, 0, 1, 1)
        assert store.count() == 2
        assert store.seen_item(site.base + "/d").doc_id == site.base + "/b"
    assert site.requests["/a"] == 1


def test_watch_a_failing_feed_backs_off_then_recovers(site, tmp_path):
    feed = site.base + "/feed.xml"
    site.rss("/feed.xml", "Wire", items(site, "/a"))
    site.failing.add("/feed.xml")
    s = settings(tmp_path)
    with Store(s.db) as store:
        (r1,) = poll(store, [feed], s, now=T0)
        assert "503" in r1.error and r1.next_poll == T0 + INTERVAL
        (r2,) = poll(store, [feed], s, now=T0 + INTERVAL)
        assert r2.error and r2.next_poll == T0 + INTERVAL + 2 * INTERVAL  # doubled
        (rest,) = poll(store, [feed], s, now=T0 + 2 * INTERVAL)
        assert rest.resting and site.requests["/feed.xml"] == 2
        (r3,) = poll(store, [feed], s, now=T0 + 3 * INTERVAL)
        assert r3.next_poll == T0 + 3 * INTERVAL + 4 * INTERVAL
        site.failing.clear()  # the feed recovers
        (ok,) = poll(store, [feed], s, now=T0 + 7 * INTERVAL)
        assert (ok.error, ok.added, ok.next_poll) == (None, 1, T0 + 8 * INTERVAL)
        assert store.source_state(feed).failures == 0


def test_watch_the_back_off_is_capped(site, tmp_path):
    site.failing.add("/feed.xml")
    s = settings(tmp_path)
    now = T0
    rests = []
    with Store(s.db) as store:
        for _ in range(6):
            (r,) = poll(store, [site.base + "/feed.xml"], s, now=now)
            rests.append(r.next_poll - now)
            now = r.next_poll
    assert rests == [INTERVAL, 2 * INTERVAL, 4 * INTERVAL, 8 * INTERVAL, 8 * INTERVAL, 8 * INTERVAL]


def test_watch_a_broken_item_is_tried_again_then_left(site, tmp_path):
    site.rss("/feed.xml", "Wire", items(site, "/a", "/missing"))
    s = settings(tmp_path)
    with Store(s.db) as store:
        for k in range(5):
            (r,) = poll(store, [site.base + "/feed.xml"], s, now=T0 + k * INTERVAL)
            assert r.error is None
    assert site.requests["/missing"] == s.watch_item_tries


def test_watch_a_folder_new_and_changed_files(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "one.txt").write_text(TEXTS["/a"], encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")  # not a text: not read
    s = settings(tmp_path)
    with Store(s.db) as store:
        (r,) = poll(store, [str(folder)], s, now=T0)
        assert (r.added, r.seen) == (1, 0)
        (folder / "two.md").write_text(TEXTS["/c"], encoding="utf-8")
        changed = folder / "one.txt"
        changed.write_text(TEXTS["/b"], encoding="utf-8")
        os.utime(changed, ns=(changed.stat().st_atime_ns, changed.stat().st_mtime_ns + 10**9))
        (r,) = poll(store, [str(folder)], s, now=T0 + INTERVAL)
        assert (r.added, r.replaced, r.seen) == (1, 1, 0)
        assert store.get(str(changed.resolve())).text.startswith("A roadside bomb")
        (r,) = poll(store, [str(folder)], s, now=T0 + 2 * INTERVAL)
        assert (r.added, r.replaced, r.seen) == (0, 0, 2)
        assert store.count() == 2


def test_watch_cli_once_polls_and_exits(site, tmp_path, capsys):
    site.rss("/feed.xml", "Wire", items(site, "/a"))
    db = str(tmp_path / "cli.db")
    assert main(["watch", site.base + "/feed.xml", "--db", db, "--once", "--allow-private"]) == 0
    assert "1 added" in capsys.readouterr().out
    site.rss("/feed.xml", "Wire", items(site, "/a", "/c"))
    assert main(["watch", site.base + "/feed.xml", "--db", db, "--once", "--allow-private"]) == 0  # cron, later
    assert "1 added, 0 replaced, 0 duplicates, 1 seen before" in capsys.readouterr().out
    assert main(["watch", str(tmp_path / "no-such-folder"), "--db", db, "--once"]) == 1
    assert "no such folder" in capsys.readouterr().out


def test_watch_loop_polls_again_and_stops_when_told(site, tmp_path):
    site.rss("/feed.xml", "Wire", items(site, "/a"))
    s = dataclasses.replace(settings(tmp_path), watch_interval=0.0)
    rounds: list[Polled] = []
    stop, twice = threading.Event(), threading.Event()

    def report(r: Polled) -> None:
        if not r.resting:  # due again within the second (next polls are kept in whole seconds)
            rounds.append(r)
        if len(rounds) >= 3:
            twice.set()

    def run() -> None:
        with Store(s.db) as store:  # a SQLite connection stays in its thread
            watch(store, [site.base + "/feed.xml"], s, stop=stop, report=report)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert twice.wait(120)
    stop.set()
    thread.join(60)
    assert not thread.is_alive()
    assert rounds[0].added == 1 and all(r.seen == 1 and r.added == 0 for r in rounds[1:])
    assert site.requests["/a"] == 1
