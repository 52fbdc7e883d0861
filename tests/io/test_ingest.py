"""Tests for sitrep.io.ingest and what it uses (io.fetch, io.decode, io.markup): files, stdin, URLs (a local HTTP
server), JSONL, bad input."""

from __future__ import annotations

import gzip
import http.server
import io
import socket
import sys
import threading
from collections.abc import Iterator
from typing import ClassVar

import pytest

from sitrep.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    FetchError,
    InputError,
    InputTooLargeError,
)
from sitrep.io import ingest
from sitrep.model import content_id
from sitrep.settings import Settings

from localserver import serve
from paths import DATA

SETTINGS = Settings()
LOCAL = Settings(allow_private=True)  # the test server is on loopback


# ---------------------------------------------------------------------------------------------------------
# Files


def test_read_path_html_keeps_main_text_and_metadata():
    doc = ingest.read_path(DATA / "ingest_article.html", SETTINGS)
    assert "Militants attacked a police post on the outskirts of Quetta" in doc.text
    assert "arrested four suspects" in doc.text
    for boilerplate in ("Subscribe now", "All rights reserved", "Most read", "Weather warning", "analytics"):
        assert boilerplate not in doc.text
    assert doc.title == "Militants attack police post in Quetta"
    assert doc.source == "Frontier Monitor"
    assert doc.published == "2024-03-22"
    assert doc.warnings == []
    assert "\n\n" in doc.text  # paragraphs stay apart


def test_read_path_html_caller_metadata_wins():
    doc = ingest.read_path(DATA / "ingest_article.html", SETTINGS, published="2024-03-23", source="Dawn", title="T")
    assert (doc.published, doc.source, doc.title) == ("2024-03-23", "Dawn", "T")


def test_read_path_broken_html_falls_back_with_warning():
    doc = ingest.read_path(DATA / "ingest_broken.html", SETTINGS)
    assert "Two gunmen opened fire at a checkpoint in Kabul on Sunday & fled" in doc.text
    assert "No group claimed the attack" in doc.text
    assert "<" not in doc.text
    assert doc.title == "Kabul checkpoint clash"
    assert any("trafilatura" in w for w in doc.warnings)


def test_read_path_markdown_strips_markup_keeps_words():
    doc = ingest.read_path(DATA / "ingest_notes.md", SETTINGS)
    text = doc.text
    for markup in ("**", "](", "# ", "`", "[^1]", "|---", "> "):
        assert markup not in text
    assert "Islamic State-Khorasan Province (ISKP) is reported to keep training camps in Balochistan." in text
    assert "Recruits travel via Turkey and Afghanistan." in text
    assert "snake_case_names" in text
    assert text.splitlines()[0] == "Briefing: ISKP in Balochistan"  # the heading is a line of its own
    assert doc.title == "Briefing: ISKP in Balochistan"


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("ingest_ru_cp1251.txt", "cp1251"), ("ingest_ru_koi8r.txt", "koi8-r")],
)
def test_read_path_cyrillic_legacy_encoding_decoded_with_warning(name, encoding):
    doc = ingest.read_path(DATA / name, SETTINGS)
    assert "Ответственность за нападение на концертный зал" in doc.text
    assert any(encoding in w for w in doc.warnings)
    assert doc.title is not None and doc.title.startswith("Теракт в")


def test_read_path_trailing_source_line_sets_source_and_body_end():
    doc = ingest.read_path(DATA / "ingest_source_line.txt", SETTINGS)
    assert doc.source == "ТАСС"
    assert doc.text[doc.layers.body_end :].strip() == "Источник: ТАСС"
    assert "Источник: ТАСС" in doc.text  # the line is kept
    assert doc.title == "ISKP after the Crocus attack"


def test_read_path_same_input_same_id():
    first = ingest.read_path(DATA / "ingest_source_line.txt", SETTINGS)
    second = ingest.read_path(DATA / "ingest_source_line.txt", SETTINGS)
    assert first.id == second.id == content_id((DATA / "ingest_source_line.txt").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------------------
# Bad files


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (b"", EmptyInputError, "empty"),
        (b" \n\t\n  ", EmptyInputError, "whitespace"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", BinaryInputError, "pdftotext"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInputError, "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00", BinaryInputError, "ZIP"),
        (gzip.compress(b"some text"), BinaryInputError, "gzip"),
        (b"text\x00with\x00NUL bytes", BinaryInputError, "NUL"),
        (bytes(range(1, 9)) * 20 + b"some text", BinaryInputError, "control"),
        (b"\x81\x8d\x8f\x90\x9d" * 20, EncodingError, "UTF-8"),
    ],
)
def test_read_path_bad_file_raises_clear_error(tmp_path, content, error, words):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(error, match=words):
        ingest.read_path(path, SETTINGS)


def test_read_path_file_over_max_bytes_rejected_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    try:
        with pytest.raises(InputTooLargeError, match="max_bytes"):
            ingest.read_path(path, SETTINGS)
    finally:
        path.unlink()


def test_read_path_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        ingest.read_path(tmp_path / "nope.txt", SETTINGS)
    with pytest.raises(InputError, match="directory"):
        ingest.read_path(tmp_path, SETTINGS)


@pytest.mark.parametrize(
    ("content", "expected", "warning"),
    [
        ("Le café du coin à Kaboul".encode("latin-1"), "Le café du coin à Kaboul", "cp1252"),
        ("“Quoted” — text".encode("cp1252"), "“Quoted” — text", "cp1252"),
        (b"Ok " * 50 + "Кабул".encode() + b"\xff" + b" fine", "Кабул\ufffd fine", "U+FFFD"),
        ("\ufeffWith a BOM".encode(), "With a BOM", None),
        ("UTF-16 text".encode("utf-16"), "UTF-16 text", None),
        ("UTF-16 без BOM".encode("utf-16-le"), "UTF-16 без BOM", "utf-16-le"),
    ],
)
def test_read_path_decoding_fallbacks(tmp_path, content, expected, warning):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    doc = ingest.read_path(path, SETTINGS)
    assert expected in doc.text
    if warning is None:
        assert doc.warnings == []
    else:
        assert any(warning in w for w in doc.warnings)


# ---------------------------------------------------------------------------------------------------------
# Strings, stdin, metadata


def test_read_text_id_is_content_hash_or_callers():
    assert ingest.read_text("Some text.").id == content_id("Some text.")
    assert ingest.read_text("Some text.", doc_id="x1").id == "x1"


@pytest.mark.parametrize("bad", ["2024-13-01", "2024-02-30", "15/05/2024", "2024-5-1", "yesterday"])
def test_read_text_bad_published_date_is_input_error(bad):
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        ingest.read_text("Some text.", published=bad)


@pytest.mark.parametrize(
    ("text", "error"), [("", EmptyInputError), ("  \n ", EmptyInputError), ("a\x00b", BinaryInputError)]
)
def test_read_text_bad_text(text, error):
    with pytest.raises(error):
        ingest.read_text(text)


def test_read_text_over_max_chars_is_cut_with_warning():
    text = "A line of text.\n" * 100
    doc = ingest.read_text(text, settings=Settings(max_chars=500))
    assert len(doc.text) <= 500 and doc.text.endswith("A line of text.")
    assert doc.id == content_id(text)
    assert any("max_chars" in w for w in doc.warnings)


@pytest.mark.parametrize(
    ("text", "source", "line"),
    [
        ("Body text here.\n\nSource: Институт Ближнего Востока\n", "Институт Ближнего Востока", "Source:"),
        ("Body text here.\nИсточник: ТАСС", "ТАСС", "Источник:"),
        ("Body text here.\n\nSources: Reuters, AP.\n\n", "Reuters, AP", "Sources:"),
        ("Текст.\n\nИсточники — РИА Новости", "РИА Новости", "Источники"),
        ("Body text here.\n\nOriginally published by The Diplomat.", "The Diplomat", "Originally"),
        ("Body text here.\n\nSource: https://www.example.org/a/b", "www.example.org", "Source:"),
    ],
)
def test_find_attribution_recognises_trailing_source_line(text, source, line):
    doc = ingest.read_text(text)
    assert doc.source == source
    assert doc.text[doc.layers.body_end :].startswith(line)


@pytest.mark.parametrize(
    "text",
    [
        "Source: ТАСС",  # the only line: no body
        "Body.\n\nThe source: said something long enough to be a sentence in the body of the text.",
        "Source: ТАСС\n\nThen the body continues after the line.",
        "Body.\n\nSource: " + "x" * 300,
    ],
)
def test_find_attribution_ignores_other_lines(text):
    doc = ingest.read_text(text)
    assert doc.layers.body_end is None


def test_find_attribution_keeps_callers_source():
    doc = ingest.read_text("Body.\n\nSource: ТАСС", source="Interfax")
    assert doc.source == "Interfax"
    assert doc.layers.body_end == len("Body.\n\n")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Situation, Facts and Events\n\nThe Taliban can contribute.", "Situation, Facts and Events"),
        ("\n  Теракт в Подмосковье  \n\nТекст статьи.", "Теракт в Подмосковье"),
        ("Who attacked the hall?\n\nText.", "Who attacked the hall?"),
        ("This first line is a sentence.\n\nText.", None),
        ("A heading without a blank line after it\nText.", None),
        (" ".join(["word"] * 15) + "\n\nText.", None),
        ("Only one line", None),
        ("2024-05-15\n\nText.", None),
    ],
)
def test_read_text_title_from_first_line(text, title):
    assert ingest.read_text(text).title == title


def test_read_stdin_bytes_and_text_streams():
    html = (DATA / "ingest_article.html").read_bytes()
    doc = ingest.read_stdin(io.BytesIO(html), SETTINGS, published="2024-01-01")
    assert "police post" in doc.text and doc.published == "2024-01-01"
    doc = ingest.read_stdin(io.StringIO("Plain text from a pipe.\n"), SETTINGS)
    assert doc.text == "Plain text from a pipe.\n"
    with pytest.raises(InputTooLargeError):
        ingest.read_stdin(io.BytesIO(b"x" * 101), Settings(max_bytes=100))


def test_read_any_dispatches_stdin_and_paths(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Текст из stdin.".encode()), encoding="utf-8"))
    assert ingest.read_any("-", SETTINGS).text == "Текст из stdin."
    doc = ingest.read_any(str(DATA / "ingest_source_line.txt"), SETTINGS, lang="EN")
    assert doc.source == "ТАСС" and doc.language == "en"


def test_source_kind_and_read():
    assert ingest.Source("-").kind == "stdin"
    assert ingest.Source("https://example.org/x").kind == "url"
    src = ingest.Source(str(DATA / "ingest_notes.md"), published="2024-05-15", doc_id="n1")
    assert src.kind == "file"
    doc = src.read(SETTINGS)
    assert (doc.id, doc.published) == ("n1", "2024-05-15")


@pytest.mark.parametrize("at", [10, 64 * 1024 + 5, 2 * 1024 * 1024])
def test_read_path_nul_bytes_anywhere_mean_binary(tmp_path, at):
    path = tmp_path / "hidden.txt"
    text = ("Militants attacked a police post in Quetta. " * 60_000).encode()
    path.write_bytes(text[:at] + b"\x00\x00" + text[at:])
    with pytest.raises(BinaryInputError, match="NUL"):
        ingest.read_path(path, SETTINGS)


@pytest.mark.parametrize(
    "text", ["\n \n\t\n" * 1000 + "A bomb exploded.", " " * 100_000 + "A bomb.\n\nIt killed two.", "\t\n\nA bomb."]
)
def test_read_text_blank_lines_and_spaces_before_the_text_give_no_title(text):
    doc = ingest.read_text(text)
    assert doc.title in (None, "A bomb.")


def test_read_text_lone_surrogate_is_a_clear_error():
    with pytest.raises(EncodingError, match="lone surrogate at character 6"):
        ingest.read_text("Bomb \ud800 in Kabul.")
    with pytest.raises(InputError, match="must be a string"):
        ingest.read_text(b"bytes")  # type: ignore[arg-type]


def test_read_text_malformed_url_in_trailing_source_line_is_kept_as_a_name():
    doc = ingest.read_text("A bomb exploded in Kabul.\n\nSource: https://[broken/news")
    assert doc.source == "https://[broken/news" and doc.url is None
    doc = ingest.read_text("A bomb exploded in Kabul.\n\nSource: https://news.example/a")
    assert doc.source == "news.example" and doc.url == "https://news.example/a"


# ---------------------------------------------------------------------------------------------------------
# URLs, against a local HTTP server

ARTICLE = (DATA / "ingest_article.html").read_bytes()
RU_TEXT = "Боевики атаковали блокпост в Кветте. Погибли трое полицейских."


class _Handler(http.server.BaseHTTPRequestHandler):
    release = threading.Event()
    seen_agents: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:  # keep pytest output clean
        return

    def _send(self, code: int, body: bytes, ctype: str, length: bool = True) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE, "text/html; charset=utf-8")
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/cp1251":
            self._send(200, RU_TEXT.encode("cp1251"), "text/plain; charset=windows-1251")
        elif path == "/meta-charset":
            body = (
                f'<html><head><meta charset="koi8-r"><title>Кветта</title></head><body><p>{RU_TEXT}</p></body></html>'
            )
            self._send(200, body.encode("koi8-r"), "text/html")
        elif path == "/pdf":
            self._send(200, b"%PDF-1.7 ...", "application/pdf")
        elif path == "/png-as-octets":
            self._send(200, b"\x89PNG\r\n\x1a\n\x00\x00", "application/octet-stream")
        elif path == "/empty":
            self._send(200, b"", "text/plain")
        elif path == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "10000000")
            self.end_headers()
        elif path == "/big-streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"word " * 200)
        elif path == "/slow":
            self.release.wait(10)
            self._send(200, b"too late", "text/plain")
        elif path == "/error":
            self._send(500, b"oops", "text/plain")
        else:
            self._send(404, b"not found", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve(_Handler, _Handler.release) as url:
        yield url


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)


def test_fetch_url_html_page(server):
    doc = ingest.fetch_url(f"{server}/article", LOCAL)
    assert "Militants attacked a police post" in doc.text and "Subscribe now" not in doc.text
    assert doc.url == f"{server}/article"
    assert doc.source == "Frontier Monitor"
    assert doc.published == "2024-03-22"
    assert _Handler.seen_agents[-1] == LOCAL.user_agent


def test_fetch_url_follows_redirects(server):
    doc = ingest.fetch_url(f"{server}/redirect", LOCAL)
    assert "Militants attacked a police post" in doc.text
    assert doc.url == f"{server}/redirect"


@pytest.mark.parametrize("path", ["/cp1251", "/meta-charset"])
def test_fetch_url_decodes_declared_charset(server, path):
    doc = ingest.fetch_url(f"{server}{path}", LOCAL)
    assert RU_TEXT in doc.text
    assert doc.warnings == []


@pytest.mark.parametrize(
    ("path", "settings", "reason"),
    [
        ("/missing", LOCAL, "HTTP 404"),
        ("/error", LOCAL, "HTTP 500"),
        ("/slow", Settings(fetch_timeout=0.3, allow_private=True), "timed out"),
        ("/big-declared", Settings(max_bytes=10_000, allow_private=True), "too large"),
        ("/big-streamed", Settings(max_bytes=10_000, allow_private=True), "too large"),
        ("/pdf", LOCAL, "pdftotext"),
    ],
)
def test_fetch_url_failures_name_url_and_reason(server, path, settings, reason):
    with pytest.raises(FetchError, match=reason) as info:
        ingest.fetch_url(f"{server}{path}", settings)
    assert f"{server}{path}" in str(info.value)


def test_fetch_url_binary_body_and_empty_page(server):
    with pytest.raises(BinaryInputError, match="PNG"):
        ingest.fetch_url(f"{server}/png-as-octets", LOCAL)
    with pytest.raises(EmptyInputError):
        ingest.fetch_url(f"{server}/empty", LOCAL)


def test_fetch_url_nothing_listening():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="refused"):
        ingest.fetch_url(f"http://127.0.0.1:{port}/", Settings(fetch_timeout=2, allow_private=True))


def test_fetch_url_dns_failure(monkeypatch):
    def fail(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(FetchError, match="host not found"):
        ingest.fetch_url("http://no-such-host.invalid/", SETTINGS)


@pytest.mark.parametrize("url", ["ftp://example.org/file.txt", "http://", "file:///etc/passwd"])
def test_fetch_url_rejects_other_schemes(url):
    with pytest.raises(FetchError, match="not an http"):
        ingest.fetch_url(url, SETTINGS)


def test_read_any_fetches_urls(server):
    assert "police post" in ingest.read_any(f"{server}/article", LOCAL).text
