"""ingest: turn inputs (files, stdin, URLs, JSONL batches, strings) into :class:`~sitrep.model.Document` objects.

Only text and metadata are produced here; analysis happens in the pipeline.  Plain text is kept as read,
Markdown is reduced to its words (headings become lines), HTML to its main text (trafilatura, with a plain
lxml/regex fallback for pages it rejects).  A document's id is the caller's, else the content hash of the text
as read (so the same input always gets the same id).  A trailing attribution line ("Source: ТАСС") becomes the
``source`` when none was given, and ``doc.layers.body_end`` marks where it starts (in the raw text: the ``clean``
stage maps it into the cleaned text).  A short first line followed by a blank line becomes the ``title`` when
none was given.  Bad input raises an :class:`~sitrep.errors.InputError` saying what is wrong; in a JSONL batch
a bad line becomes an empty document with a warning, and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import IO, Any, Literal
from urllib.parse import urlsplit

from sitrep.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
)
from sitrep.knowledge.files import load_yaml
from sitrep.model import Document, content_id
from sitrep.settings import Settings

from .decode import check_binary, decode
from .fetch import fetch_bytes, read_stream
from .markup import html_to_text, markdown_to_text

Format = Literal["text", "markdown", "html"]
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".mkdn"}
META_FIELDS = ("doc_id", "title", "source", "url", "published", "lang")
MAX_ID_CHARS = 512  # a document id (caller's or JSONL "id") longer than this is refused
_SURROGATE = re.compile("[\ud800-\udfff]")
_TITLE = re.compile(r"\s*([^\s][^\n]*)\n[ \t]*\n\s*\S")  # a first line, a blank line, more text (linear)


@dataclass(frozen=True)
class Source:
    """What the caller asked for: one input (``-`` for stdin, an http(s) URL or a file path) and its metadata."""

    spec: str
    doc_id: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str | None = None

    @property
    def kind(self) -> Literal["stdin", "url", "file"]:
        if self.spec == "-":
            return "stdin"
        return "url" if _is_url(self.spec) else "file"

    def meta(self) -> dict[str, str | None]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "spec"}

    def read(self, settings: Settings) -> Document:
        return read_any(self.spec, settings, **self.meta())


def read_any(spec: str, settings: Settings, **meta: Any) -> Document:
    """``-`` reads stdin, an http(s):// URL is fetched, anything else is a file path."""
    if spec == "-":
        return read_stdin(sys.stdin, settings, **meta)
    if _is_url(spec):
        return fetch_url(spec, settings, **meta)
    return read_path(spec, settings, **meta)


def read_path(
    path: str | Path,
    settings: Settings,
    *,
    published: str | None = None,
    source: str | None = None,
    title: str | None = None,
    lang: str | None = None,
    doc_id: str | None = None,
    url: str | None = None,
) -> Document:
    """Read a text, Markdown or HTML file (told by its suffix, else by its content)."""
    p = Path(path)
    meta = _meta(doc_id=doc_id, title=title, source=source, url=url, published=published, lang=lang)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory; give a file (or a JSONL batch with --jsonl)")
    try:
        size = p.stat().st_size
        if size > settings.max_bytes:
            raise InputTooLargeError(
                f"{p}: {size:,} bytes is over the limit of {settings.max_bytes:,} (setting max_bytes); "
                "split the file or raise the limit"
            )
        with p.open("rb") as fh:
            data = read_stream(fh, settings.max_bytes, str(p))
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc})") from exc
    suffix = p.suffix.lower()
    fmt: Format | None = "html" if suffix in HTML_SUFFIXES else "markdown" if suffix in MARKDOWN_SUFFIXES else None
    return _from_bytes(data, str(p), settings, meta, fmt=fmt)


def read_stdin(stream: IO[Any], settings: Settings, **meta: Any) -> Document:
    """Read a document from a text or byte stream (``sys.stdin``); the format is told by the content."""
    binary = getattr(stream, "buffer", stream)
    first = binary.read(0)
    if isinstance(first, str):  # a text stream without a byte buffer (io.StringIO)
        text = binary.read(settings.max_bytes + 1)
        if len(text) > settings.max_bytes:
            raise InputTooLargeError(f"stdin: larger than the limit of {settings.max_bytes:,} (setting max_bytes)")
        data = text.encode("utf-8", errors="surrogatepass")
    else:
        data = read_stream(binary, settings.max_bytes, "stdin")
    return _from_bytes(data, "stdin", settings, _meta(**meta), fmt=None)


def fetch_url(url: str, settings: Settings, **meta: Any) -> Document:
    """Fetch a page (see :func:`sitrep.io.fetch.fetch_bytes`) and read it; ``url`` is recorded unless given."""
    checked = _meta(**meta)
    page = fetch_bytes(url, settings)
    checked["url"] = checked.get("url") or url
    fmt: Format | None = None
    if page.media_type in ("text/html", "application/xhtml+xml"):
        fmt = "html"
    elif page.media_type in ("text/markdown", "text/x-markdown"):
        fmt = "markdown"
    elif page.media_type == "text/plain":
        fmt = "text"
    return _from_bytes(page.data, url, settings, checked, fmt=fmt, charset=page.charset, page_url=page.url)


def read_text(
    text: str,
    *,
    doc_id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: str | None = None,
    lang: str | None = None,
    settings: Settings | None = None,
) -> Document:
    """A document from a string (kept as it is: no Markdown or HTML processing)."""
    meta = _meta(doc_id=doc_id, title=title, source=source, url=url, published=published, lang=lang)
    if not isinstance(text, str):
        raise InputError(f"the text must be a string, not {type(text).__name__}")
    if "\x00" in text:
        raise BinaryInputError("the text contains NUL characters; it looks like binary data")
    where = lone_surrogate(text)
    if where is not None:
        raise EncodingError(f"the text is not valid Unicode (a lone surrogate at character {where + 1})")
    if settings is not None and len(text) > settings.max_bytes:
        raise InputTooLargeError(f"the text is over the limit of {settings.max_bytes:,} (setting max_bytes)")
    return _document(text, "the text", meta, [], settings)


def check_date(value: Any, what: str = "published") -> str | None:
    """``value`` if it is a valid YYYY-MM-DD date (None stays None); raise InputError otherwise."""
    if value is None:
        return None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass  # e.g. 2024-02-30: falls through to the error below
    raise InputError(f"{what} date {value!r} is not a valid YYYY-MM-DD date (e.g. 2024-05-15)")


def find_attribution(text: str) -> tuple[int, str] | None:
    """A last non-empty line naming the source ("Source: ТАСС"): where the line starts and the source named."""
    end = len(text.rstrip())
    start = text.rfind("\n", 0, end) + 1
    line = text[start:end].strip()
    rules = _ingest_rules()
    if not line or len(line) > rules["attribution_max_chars"] or start == 0:
        return None
    m = _attribution_pattern().match(line)
    if not m:
        return None
    name = m.group("name").strip().rstrip(".").strip(" \"'«»“”")
    return (start, name) if name else None


# ---------------------------------------------------------------------------------------------------------


def _from_bytes(
    data: bytes,
    what: str,
    settings: Settings,
    meta: dict[str, Any],
    *,
    fmt: Format | None,
    charset: str | None = None,
    page_url: str | None = None,
) -> Document:
    if not data.strip():
        raise EmptyInputError(f"{what}: {'empty' if not data else 'only whitespace'}; nothing to analyse")
    check_binary(data, what)
    fmt = fmt or ("html" if _looks_like_html(data) else "text")
    if fmt == "html" and not charset:
        m = re.search(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", data[:4096], re.IGNORECASE)
        charset = m.group(1).decode("ascii") if m else None
    text, warnings = decode(data, what, charset)
    found: dict[str, str | None] = {}
    if fmt == "html":
        text, found, more = html_to_text(text, page_url or meta.get("url"), what)
        warnings += more
        if not text.strip():
            raise EmptyInputError(f"{what}: no text found in the HTML")
    elif fmt == "markdown":
        text = markdown_to_text(text)
    for key in ("title", "source"):
        meta[key] = meta.get(key) or found.get(key)
    page_date = found.get("published")
    if not meta.get("published") and page_date:
        try:
            meta["published"] = check_date(page_date[:10])
        except InputError:
            warnings.append(f"{what}: the page's date {page_date!r} is not a date; ignored")
    return _document(text, what, meta, warnings, settings)


def _document(text: str, what: str, meta: dict[str, Any], warnings: list[str], settings: Settings | None) -> Document:
    if not text.strip():
        raise EmptyInputError(f"{what}: {'empty' if not text else 'only whitespace'}; nothing to analyse")
    doc_id = meta.get("doc_id") or content_id(text)
    if settings is not None and len(text) > settings.max_chars:
        cut = text.rfind("\n", 0, settings.max_chars)
        text = text[: cut if cut > settings.max_chars // 2 else settings.max_chars]
        warnings.append(f"{what}: longer than max_chars={settings.max_chars:,}; only the first {len(text):,} kept")
    source, url, body_end = meta.get("source"), meta.get("url"), None
    attribution = find_attribution(text)
    if attribution is not None:
        body_end, name = attribution
        if _is_url(name):
            try:
                host = urlsplit(name).hostname
                url = url or name
            except ValueError:  # "https://[broken": a name, not a link
                host = None
            name = host or name
        source = source or name
    doc = Document(
        id=str(doc_id),
        text=text,
        title=meta.get("title") or _title_line(text),
        source=source,
        url=url,
        published=meta.get("published"),
        language=meta.get("lang"),
        warnings=warnings,
    )
    doc.layers.body_end = body_end
    return doc


def _meta(**given: Any) -> dict[str, Any]:
    """Caller metadata, checked: strings or None, a YYYY-MM-DD date, a lowercase language code."""
    meta: dict[str, Any] = {}
    for key, value in given.items():
        if key not in META_FIELDS:
            raise TypeError(f"unknown metadata {key!r}; known: {', '.join(META_FIELDS)}")
        if value is not None and not isinstance(value, str):
            raise InputError(f"{key} must be a string, got {type(value).__name__}")
        if value is not None and lone_surrogate(value) is not None:
            raise EncodingError(f"{key} is not valid Unicode (a lone surrogate)")
        if key == "doc_id" and value is not None and len(value) > MAX_ID_CHARS:
            raise InputError(f"the id is longer than {MAX_ID_CHARS} characters")
        meta[key] = (value.strip() or None) if isinstance(value, str) else None
    meta["published"] = check_date(meta.get("published"))
    if meta.get("lang"):
        meta["lang"] = meta["lang"].lower()
    return meta


def _title_line(text: str) -> str | None:
    rule = _ingest_rules()["title"]
    m = _TITLE.match(text, 0, 10_000)  # a title is near the top: never look further
    if not m:
        return None
    line = m.group(1).strip()
    if (
        not line
        or len(line) > rule["max_chars"]
        or len(line.split()) > rule["max_words"]
        or line[-1] in rule["bad_endings"]
        or not any(c.isalpha() for c in line)
    ):
        return None
    return line


def lone_surrogate(text: str) -> int | None:
    """Where ``text`` holds a lone surrogate (which no UTF-8 file or database can store), or None."""
    m = _SURROGATE.search(text)
    return m.start() if m else None


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"\xef\xbb\xbf<", b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower():
        return True
    return head.startswith(b"<") and any(tag in head for tag in (b"<body", b"<head", b"<p>", b"<div", b"<article"))


def _is_url(value: str) -> bool:
    return bool(re.match(r"https?://\S+$", value.strip(), re.IGNORECASE))


@cache
def _ingest_rules() -> dict[str, Any]:
    return load_yaml("clean_ingest.yaml")


@cache
def _attribution_pattern() -> re.Pattern[str]:
    rules = _ingest_rules()
    labels = "|".join(re.escape(x) for x in sorted(rules["attribution_labels"], key=len, reverse=True))
    phrases = "|".join(re.escape(x) for x in sorted(rules["attribution_phrases"], key=len, reverse=True))
    return re.compile(
        rf"(?:(?:{labels})\s*(?::|\s[-–—])\s*|(?:{phrases})\s+)(?P<name>.+)$",
        re.IGNORECASE,
    )
