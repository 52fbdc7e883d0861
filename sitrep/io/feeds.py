"""Feeds and folders to follow (``sitrep watch``): what a source lists now, read without analysing anything.

    read_feed(url, settings)     -> Feed(title, items)   an RSS or Atom feed, fetched by the safe fetcher
    folder_files(path)           -> [FolderFile]          the readable files of a folder, with a fingerprint
    backoff(failures, base, cap) -> seconds               how long a failing source rests before the next try
    is_feed(spec)                -> bool                  an http(s) URL, not a folder

The feed is fetched by :func:`sitrep.io.fetch.fetch_bytes` (the address rule, ``allow_private``, one deadline, the
size limit) and parsed from its bytes by feedparser, which fetches nothing itself.  An item is known by its link
(resolved against the feed's URL), else its id; its date is the day it was published (or updated).  A feed that
cannot be fetched, or is not a feed (broken XML with no items), raises :class:`sitrep.errors.FetchError` or
:class:`sitrep.errors.InputError` saying which.  Following the sources, remembering what was seen and backing off
is :mod:`sitrep.watch`.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from sitrep.errors import InputError
from sitrep.settings import Settings

from .fetch import fetch_bytes

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")  # what a followed folder's files are read as


@dataclass(frozen=True)
class FeedItem:
    url: str  # the page to fetch: the item's link, resolved against the feed's URL
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD


@dataclass(frozen=True)
class Feed:
    url: str
    title: str | None
    items: list[FeedItem]


@dataclass(frozen=True)
class FolderFile:
    path: str
    fingerprint: str  # modification time (ns) and size: a changed file has another


def is_feed(spec: str) -> bool:
    return urlsplit(spec).scheme.lower() in ("http", "https")


def read_feed(url: str, settings: Settings) -> Feed:
    """The items an RSS or Atom feed lists now, in the feed's order (an item without a link or an http(s) id is
    left out)."""
    import feedparser  # imported on first use: `import sitrep` stays light

    page = fetch_bytes(url, settings)
    parsed: Any = feedparser.parse(page.data, response_headers={"content-location": page.url})
    if parsed.get("bozo") and not parsed.entries:
        why = parsed.get("bozo_exception")
        raise InputError(f"{url}: not an RSS or Atom feed ({why or 'no items'})")
    if not parsed.get("version") and not parsed.entries:
        raise InputError(f"{url}: not an RSS or Atom feed (no channel or feed element)")
    items: list[FeedItem] = []
    for entry in parsed.entries:
        link = entry.get("link") or entry.get("id")
        if not link:
            continue
        link = urljoin(page.url, str(link).strip())
        if not is_feed(link):
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        day = time.strftime("%Y-%m-%d", when) if when else None
        items.append(FeedItem(link, _text(entry.get("title")), day))
    return Feed(url, _text(parsed.feed.get("title")), items)


def folder_files(folder: str | os.PathLike[str]) -> list[FolderFile]:
    """The text, Markdown and HTML files under ``folder`` (not hidden ones), sorted by path."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"{root}: no such folder")
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).parts
        if any(p.startswith(".") for p in rel) or path.suffix.lower() not in SUFFIXES or not path.is_file():
            continue
        try:
            st = path.stat()
        except OSError:  # removed while listing
            continue
        found.append(FolderFile(str(path), f"{st.st_mtime_ns}:{st.st_size}"))
    return found


def backoff(failures: int, base: float, cap: float) -> float:
    """Seconds before trying a source again after ``failures`` failures in a row: ``base`` doubled each time,
    at most ``cap``."""
    if failures <= 0:
        return base
    return float(min(cap, base * 2 ** min(failures - 1, 30)))


def _text(value: Any) -> str | None:
    return " ".join(str(value).split()) or None if value else None
