"""Following sources (``sitrep watch``): folders and RSS/Atom feeds polled for what is new, read, analysed and
stored, with what was seen remembered in the store.

    poll(store, sources, settings)           -> [Polled]   one round: every source that is due, once
    watch(store, sources, settings, once=False, stop=None, report=print)   rounds until stopped

A folder's files (text, Markdown, HTML) are read when new or changed (another modification time or size) and stored
under their path, so a changed file replaces its document (and its incidents are linked again).  A feed's items
are fetched by the safe fetcher (:func:`sitrep.io.fetch.fetch_bytes`: the address rule, ``allow_private``, one
deadline, the size limit) and stored under their URL.  Deduplicated twice: an item whose URL (or, for a file,
path and fingerprint) was seen before is not fetched again, whichever feed lists it, and a text already stored
(the same content hash) is not analysed again.  Everything seen is kept in the store (:mod:`sitrep.store.watched`),
so a restart picks up where it stopped.

A source that fails (unreachable, not a feed, a folder gone) rests before its next poll: ``watch_interval``
doubled for each failure in a row, at most ``watch_backoff_max``; a good poll ends the back-off.  An item that
fails (its page unreachable, unreadable) is tried again on the next polls, ``watch_item_tries`` times in all.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.core import analyze_documents
from sitrep.errors import SitrepError
from sitrep.io.feeds import backoff, folder_files, is_feed, read_feed
from sitrep.io.ingest import MAX_ID_CHARS, fetch_url, read_path
from sitrep.model import Document, content_id
from sitrep.settings import Settings
from sitrep.store import BaseStore


@dataclass
class Polled:
    """What one poll of one source did."""

    source: str
    added: int = 0
    replaced: int = 0
    seen: int = 0  # items seen before: not fetched or read again
    duplicates: int = 0  # texts already stored (the same content hash)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (item, why)
    error: str | None = None  # the source itself failed
    resting: bool = False  # backing off (or not due yet): not polled
    next_poll: float = 0.0  # seconds since the epoch

    def line(self) -> str:
        if self.resting:
            return f"{self.source}: resting until {time.strftime('%H:%M:%S', time.localtime(self.next_poll))}"
        if self.error:
            return f"{self.source}: error: {self.error} (next try in {max(0.0, self.next_poll - time.time()):.0f} s)"
        return (f"{self.source}: {self.added} added, {self.replaced} replaced, {self.duplicates} duplicates, "
                f"{self.seen} seen before, {len(self.failed)} failed")  # fmt: skip


@dataclass
class _Pending:
    item: str
    doc: Document
    fingerprint: str | None


def poll(store: BaseStore, sources: Sequence[str], settings: Settings, now: float | None = None,
         scheduled: bool = True) -> list[Polled]:  # fmt: skip
    """Poll every source of ``sources`` that is due at ``now`` (default: the time now) once; ``scheduled=False``
    (``--once``, run by cron on its own schedule) polls the sources in good standing whenever asked, and only a
    failing source waits for its back-off."""
    now = time.time() if now is None else now
    out = []
    for source in sources:
        state = store.source_state(source)
        if state.next_poll > now and (scheduled or state.failures):
            out.append(Polled(source, resting=True, next_poll=state.next_poll))
            continue
        result = Polled(source)
        try:
            pending = _feed(store, source, settings, result) if is_feed(source) else _folder(store, source, settings,
                                                                                            result)  # fmt: skip
        except SitrepError as exc:
            rest = backoff(state.failures + 1, settings.watch_interval, settings.watch_backoff_max)
            result.error, result.next_poll = str(exc), now + rest
            store.source_polled(source, result.next_poll, error=result.error)
            out.append(result)
            continue
        _store(store, source, pending, settings, result)
        result.next_poll = now + settings.watch_interval
        store.source_polled(source, result.next_poll)
        out.append(result)
    return out


def watch(store: BaseStore, sources: Sequence[str], settings: Settings, *, once: bool = False,
          stop: threading.Event | None = None, report: Callable[[Polled], object] = print) -> list[Polled]:  # fmt: skip
    """Poll ``sources`` (each when due) until ``stop`` is set, or once; ``report`` is called with every result.
    The results of the last round."""
    stop = stop or threading.Event()
    results: list[Polled] = []
    while not stop.is_set():
        results = poll(store, sources, settings, scheduled=not once)
        for r in results:
            report(r)
        if once:
            break
        due = min((r.next_poll for r in results), default=time.time() + settings.watch_interval)
        stop.wait(max(0.05, due - time.time()))
    return results


def _feed(store: BaseStore, source: str, settings: Settings, result: Polled) -> list[_Pending]:
    feed = read_feed(source, settings)
    pending = []
    for item in feed.items:
        seen = store.seen_item(item.url, source)
        if seen is not None and (seen.status != "failed" or seen.tries >= settings.watch_item_tries):
            result.seen += 1
            continue
        try:
            doc = fetch_url(item.url, settings, doc_id=_doc_id(item.url), title=item.title, published=item.published,
                            source=feed.title)  # fmt: skip
        except SitrepError as exc:
            _failed(store, source, item.url, None, str(exc), result)
            continue
        pending.append(_Pending(item.url, doc, None))
    return pending


def _folder(store: BaseStore, source: str, settings: Settings, result: Polled) -> list[_Pending]:
    pending = []
    for f in folder_files(source):
        seen = store.seen_item(f.path, source)
        retry = seen is not None and seen.status == "failed" and seen.tries < settings.watch_item_tries
        if seen is not None and seen.fingerprint == f.fingerprint and not retry:
            result.seen += 1
            continue
        try:
            doc = read_path(f.path, settings, doc_id=_doc_id(str(Path(f.path).resolve())))
        except SitrepError as exc:
            _failed(store, source, f.path, f.fingerprint, str(exc), result)
            continue
        pending.append(_Pending(f.path, doc, f.fingerprint))
    return pending


def _store(store: BaseStore, source: str, pending: list[_Pending], settings: Settings, result: Polled) -> None:
    """Analyse and store what is new; a text already stored is marked a duplicate without analysing it."""
    todo = []
    for p in pending:
        if not p.doc.text.strip():
            why = p.doc.warnings[-1] if p.doc.warnings else "no text"
            _failed(store, source, p.item, p.fingerprint, why, result)
            continue
        same = store.stored_text(content_id(p.doc.text))
        if same is not None:
            store.mark_item(source, p.item, "duplicate", fingerprint=p.fingerprint,
                            content_hash=content_id(p.doc.text), doc_id=same)  # fmt: skip
            result.duplicates += 1
            continue
        todo.append(p)
    for p, doc in zip(todo, analyze_documents([p.doc for p in todo], settings), strict=True):
        added = store.add_many([doc], commit_every=1)
        if added.failed:
            _failed(store, source, p.item, p.fingerprint, added.failed[0][1], result)
            continue
        result.added += added.added
        result.replaced += added.replaced
        result.duplicates += added.skipped
        store.mark_item(source, p.item, "stored", fingerprint=p.fingerprint, content_hash=content_id(doc.text),
                        doc_id=doc.id)  # fmt: skip


def _failed(store: BaseStore, source: str, item: str, fingerprint: str | None, why: str, result: Polled) -> None:
    store.mark_item(source, item, "failed", fingerprint=fingerprint, error=why)
    result.failed.append((item, why))


def _doc_id(name: str) -> str:
    """A URL or path as a document id; one too long for an id, its hash."""
    if len(name) <= MAX_ID_CHARS:
        return name
    return "sha1:" + hashlib.sha1(name.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
