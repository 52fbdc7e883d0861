"""fetch: get an input's bytes and make plain text of them.

Bytes: a URL (urllib, with the timeout, size limit and User-Agent of the settings, redirects followed) or a stream
(read in chunks up to the size limit).  Text or binary: known file signatures, NUL and control bytes.  Decoding:
byte order mark, declared charset, UTF-8, then cp1251/koi8-r for Cyrillic and cp1252/latin-1 for Latin text,
with a warning naming the fallback.  Plain text: the main text of HTML (trafilatura; lxml or regular
expressions when it finds none) and Markdown without its markup.

Used by :mod:`sitrep.ingest`, which turns the text into a :class:`~sitrep.model.Document`.  Every failure is an
:class:`~sitrep.errors.InputError` that says what went wrong and what to do about it.
"""

from __future__ import annotations

import codecs
import html as html_lib
import http.client
import re
import socket
import ssl
import time
from dataclasses import dataclass
from functools import cache
from typing import IO, Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from sitrep.errors import BinaryInputError, EncodingError, FetchError, InputTooLargeError
from sitrep.knowledge.files import load_yaml
from sitrep.settings import Settings

CHUNK = 64 * 1024
TEXT_TYPES = ("application/xhtml+xml", "application/xml", "application/rss+xml", "application/atom+xml")
SNIFF_TYPES = ("application/octet-stream", "binary/octet-stream")  # say nothing: judge by the bytes
CYRILLIC_FALLBACKS = ("cp1251", "koi8-r")
LATIN_FALLBACKS = ("cp1252", "latin-1")
_LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp1252"}


@dataclass(frozen=True)
class Page:
    """What a URL answered."""

    url: str  # after redirects
    data: bytes
    media_type: str  # "text/html"
    charset: str | None  # from the Content-Type header


def fetch_bytes(url: str, settings: Settings) -> Page:
    """GET ``url`` (http/https) within ``settings.fetch_timeout`` and ``settings.max_bytes``; raise FetchError."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"{url}: not an http:// or https:// URL")
    request = Request(
        url,
        headers={
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "identity",
        },
    )
    deadline = time.monotonic() + settings.fetch_timeout
    try:
        with urlopen(request, timeout=settings.fetch_timeout) as response:
            media_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
            _check_media_type(url, media_type)
            length = response.headers.get("Content-Length", "")
            if length.strip().isdigit() and int(length) > settings.max_bytes:
                raise FetchError(
                    f"{url}: too large ({int(length):,} bytes; the limit is max_bytes={settings.max_bytes:,})"
                )
            data = _read_url(response, url, settings, deadline)
            return Page(url=response.geturl(), data=data, media_type=media_type, charset=charset)
    except FetchError:
        raise
    except HTTPError as exc:
        exc.close()
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except URLError as exc:
        raise FetchError(f"{url}: {_reason(exc.reason, settings)}") from exc
    except TimeoutError as exc:
        raise FetchError(f"{url}: timed out after {settings.fetch_timeout:g} s") from exc
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise FetchError(f"{url}: {_reason(exc, settings)}") from exc


def _check_media_type(url: str, media_type: str) -> None:
    if media_type.startswith("text/") or media_type in TEXT_TYPES or media_type in SNIFF_TYPES:
        return
    hint = "; extract the text first, e.g. with pdftotext" if media_type == "application/pdf" else ""
    raise FetchError(f"{url}: not text (Content-Type {media_type}){hint}")


def _read_url(response: http.client.HTTPResponse, url: str, settings: Settings, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(CHUNK):  # read1: returns what has arrived, so the deadline is checked often
        size += len(chunk)
        if size > settings.max_bytes:
            raise FetchError(f"{url}: too large (more than max_bytes={settings.max_bytes:,} bytes); stopped reading")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: timed out after {settings.fetch_timeout:g} s while reading the page")
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(reason: object, settings: Settings) -> str:
    if isinstance(reason, socket.gaierror):
        return "host not found (DNS lookup failed); check the address and your connection"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (nothing is listening there)"
    if isinstance(reason, TimeoutError):
        return f"timed out after {settings.fetch_timeout:g} s"
    if isinstance(reason, ssl.SSLError):
        return f"TLS/SSL error ({reason})"
    if isinstance(reason, ConnectionError):
        return f"connection failed ({reason})"
    return f"could not be fetched ({reason})"


def read_stream(stream: IO[bytes], limit: int, what: str) -> bytes:
    """Read a byte stream in chunks; raise InputTooLargeError as soon as it passes ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise InputTooLargeError(
                f"{what}: larger than the limit of {limit:,} bytes (setting max_bytes); split the input or raise it"
            )
        chunks.append(chunk)
    return b"".join(chunks)


# ---------------------------------------------------------------------------------------------------------
# Text or binary?

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


@cache
def _magic() -> list[tuple[bytes, int, str, str, bool]]:
    return [
        (bytes.fromhex(m["hex"]), int(m.get("offset", 0)), m["what"], m["hint"], bool(m.get("max_text", False)))
        for m in load_yaml("clean_ingest.yaml")["magic"]
    ]


def check_binary(data: bytes, what: str) -> None:
    """Raise BinaryInputError when ``data`` is not text (a known file signature, NUL or control bytes)."""
    if _bom(data) or _utf16_without_bom(data):
        return
    sample = data[:CHUNK]
    controls = sum(1 for b in sample if b in _CONTROL)
    for magic, offset, kind, hint, max_text in _magic():
        if sample[offset : offset + len(magic)] == magic and (not max_text or controls):
            raise BinaryInputError(f"{what}: this is {kind}, not text; {hint}")
    if b"\x00" in sample:
        raise BinaryInputError(f"{what}: binary data (NUL bytes), not text; give sitrep a text, HTML or Markdown file")
    if sample and controls / len(sample) > 0.05:
        raise BinaryInputError(
            f"{what}: binary data (control bytes), not text; give sitrep a text, HTML or Markdown file"
        )


def _bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte order mark: NUL in every other byte of mostly ASCII text."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.7 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


# ---------------------------------------------------------------------------------------------------------
# Decoding


def decode(data: bytes, what: str, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode ``data``: a byte order mark, the declared charset, UTF-8, then Cyrillic and Latin fallbacks.

    Returns the text and warnings (a fallback encoding, replaced bytes).  Raises EncodingError when no encoding
    gives plausible text.
    """
    warnings: list[str] = []
    bom = _bom(data)
    guessed = None if bom else _utf16_without_bom(data)
    if bom or guessed:
        if guessed:
            warnings.append(f"{what}: no byte order mark, but looks like {guessed}; decoded as {guessed}")
        try:
            return data.decode(bom or guessed or ""), warnings
        except UnicodeDecodeError as exc:
            name = bom or guessed
            raise EncodingError(f"{what}: looks like {name} text but is not valid {name} ({exc.reason})") from exc
    declared = (declared or "").strip().lower() or None
    if declared and declared not in _LATIN1_LABELS | {"utf-8", "utf8"}:
        try:
            return data.decode(declared), warnings
        except LookupError:
            warnings.append(f"{what}: unknown charset {declared!r} declared; guessed the encoding instead")
        except UnicodeDecodeError:
            warnings.append(f"{what}: not valid in its declared charset {declared!r}; guessed the encoding instead")
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    if valid >= 2 * bad:  # mostly UTF-8 with a few broken bytes (legacy encodings give almost no valid UTF-8)
        warnings.append(f"{what}: {bad} byte sequence(s) are not valid UTF-8 and were replaced with U+FFFD")
        return text, warnings
    for encoding in _fallbacks(declared):
        candidate = _try(data, encoding)
        if candidate is not None:
            warnings.append(f"{what}: not valid UTF-8; decoded as {encoding}")
            return candidate, warnings
    raise EncodingError(
        f"{what}: not valid UTF-8, and not plausible as {', '.join(CYRILLIC_FALLBACKS + LATIN_FALLBACKS)}; "
        "convert it to UTF-8 first (e.g. iconv -f <encoding> -t utf-8)"
    )


def _fallbacks(declared: str | None) -> list[str]:
    order = [*CYRILLIC_FALLBACKS, *LATIN_FALLBACKS]
    if declared in _LATIN1_LABELS:
        order = [*LATIN_FALLBACKS, *CYRILLIC_FALLBACKS]
    return order


_WORD = re.compile(r"[^\W\d_]+")


def _try(data: bytes, encoding: str) -> str | None:
    """``data`` decoded with ``encoding`` when the result looks like text in it, else None."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    high = [c for c in text if ord(c) >= 0x80]
    if not high:
        return text
    if encoding in CYRILLIC_FALLBACKS:
        cyrillic = [c for c in high if "\u0400" <= c <= "\u04ff"]
        if len(cyrillic) < 0.8 * len(high) or sum(c.islower() for c in cyrillic) < 0.6 * len(cyrillic):
            return None
        words = [w for w in _WORD.findall(text) if any("\u0400" <= c <= "\u04ff" for c in w)]
        mixed = sum(1 for w in words if any(c.isascii() for c in w))
        return text if mixed <= 0.1 * len(words) else None
    letters_or_marks = sum(1 for c in high if c.isalpha() or c in "“”‘’«»–—…•€£§°©®™±×·¡¿")
    return text if letters_or_marks >= 0.8 * len(high) else None


# ---------------------------------------------------------------------------------------------------------
# HTML and Markdown to plain text

_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article",
    "blockquote", "pre", "dd", "dt", "dl", "figcaption", "hr", "main", "td", "th",
)  # fmt: skip
_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "head", "svg")


def html_to_text(html: str, url: str | None, what: str) -> tuple[str, dict[str, str | None], list[str]]:
    """The main text of a page (paragraphs separated by blank lines), its title/source/date, and warnings."""
    warnings: list[str] = []
    found: dict[str, str | None] = {}
    text = ""
    try:
        from trafilatura import bare_extraction

        result = bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=True)
    except Exception as exc:  # trafilatura fails in assorted ways on broken markup: fall back, say so
        result = None
        warnings.append(f"{what}: main-text extraction failed ({type(exc).__name__}: {exc})")
    extracted: dict[str, Any] = {}
    if result is not None:
        extracted = result if isinstance(result, dict) else result.as_dict()
    if (extracted.get("text") or "").strip():
        text = extracted["text"]
        host = extracted.get("hostname") or (urlsplit(url).hostname if url else None)
        found = {"title": extracted.get("title"), "source": extracted.get("sitename") or host}
        found["published"] = extracted.get("date")
    else:
        text, title = _plain_html_text(html)
        host = urlsplit(url).hostname if url else None
        found = {"title": title, "source": host, "published": None}
        warnings.append(f"{what}: no main text found by trafilatura (broken or unusual HTML); kept all the page's text")
    text = "\n".join(_table_row(line) for line in text.strip().splitlines())
    text = re.sub(r"[ \t]*\n\s*", "\n\n", text)
    return text, {k: (v.strip() if isinstance(v, str) and v.strip() else None) for k, v in found.items()}, warnings


def _table_row(line: str) -> str:
    """trafilatura writes table rows as ``| a | b |``: keep the cells, separated by tabs."""
    stripped = line.strip()
    if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
        return "\t".join(cell.strip() for cell in stripped.strip("|").split(" | ") if cell.strip())
    return line


def _plain_html_text(html: str) -> tuple[str, str | None]:
    """All visible text of a page without navigation: via lxml, or via regular expressions when lxml finds none."""
    import lxml.html
    from lxml.etree import ParserError

    title, text = None, ""
    try:
        root = lxml.html.document_fromstring(html)
        title_el = root.find(".//title")
        title = title_el.text_content() if title_el is not None else None
        for el in list(root.iter(*_DROP_TAGS)):
            if el.getparent() is not None:
                el.drop_tree()
        for el in root.iter(*_BLOCK_TAGS):
            el.tail = "\n" + (el.tail or "")
        text = root.text_content()
    except (ParserError, ValueError):
        text = ""
    if not text.strip() or (title and "<" in title):  # markup swallowed by an unclosed tag: be lenient
        text, title = _regex_html_text(html)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line), (title.strip() or None if title else None)


def _regex_html_text(html: str) -> tuple[str, str | None]:
    """Text of HTML broken beyond parsing (unclosed title, style or comment): closed blocks go, stray tags go."""
    title_m = re.search(r"<title[^>]*>([^<]*)", html, re.IGNORECASE)
    title = html_lib.unescape(title_m.group(1)) if title_m else None
    body = re.sub(r"<title[^>]*>[^<]*(</title>)?", "\n", html, flags=re.IGNORECASE)
    body = re.sub(r"<!--.*?-->|<!--", " ", body, flags=re.DOTALL)
    body = re.sub(r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>", " ", body, flags=re.IGNORECASE | re.DOTALL)
    body = re.sub(r"<(script|style)\b[^>]*>[^<]*", " ", body, flags=re.IGNORECASE)  # unclosed: to the next tag
    body = re.sub(rf"</?(?:{'|'.join(_BLOCK_TAGS)}|body|html|head|title)\b[^>]*>", "\n", body, flags=re.IGNORECASE)
    return html_lib.unescape(re.sub(r"<[^>]*>?", " ", body)), title


_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_MD_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_QUOTE = re.compile(r"^\s{0,3}(>\s?)+")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?")
_MD_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # link -> its text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference link
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote reference
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolink
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
    (re.compile(r"(\*\*\*|\*\*|\*|~~)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # emphasis, strikethrough
    (re.compile(r"(?<![\w])(___|__|_)(?=\S)(.+?)(?<=\S)\1(?![\w])"), r"\2"),  # _emphasis_ (not snake_case)
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),  # backslash escapes
)


def markdown_to_text(md: str) -> str:
    """Markdown without its markup: the words stay, headings become lines of their own."""
    out: list[str] = []
    fenced = False
    for line in md.splitlines():
        if _MD_FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            out.append(line)
            continue
        if _MD_REFDEF.match(line) or (_MD_TABLE_RULE.match(line) and "-" in line and "|" in line):
            continue
        if _MD_SETEXT.match(line) and out and out[-1].strip():
            out.append("")  # the line above was a heading
            continue
        if _MD_RULE.match(line):
            out.append("")
            continue
        heading = _MD_HEADING.match(line)
        line = heading.group(1) if heading else _MD_LIST.sub("", _MD_QUOTE.sub("", line))
        if line.strip().startswith("|") and line.strip().endswith("|"):
            line = "\t".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        for pattern, repl in _MD_INLINE:
            line = pattern.sub(repl, line)
        if heading and out and out[-1].strip():
            out.append("")
        out.append(line.rstrip())
        if heading:
            out.append("")
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
