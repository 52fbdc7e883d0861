"""JSONL batches: one document per line of ``{"id", "text", "published"?, "title"?, "source"?, "url"?, "lang"?}``.

The input is streamed (a line at a time: memory does not grow with the number of lines) and every line is checked
on its own -- UTF-8, JSON (nesting depth and the size of numbers included), an object, the types of its fields,
an id of at most :data:`~sitrep.io.ingest.MAX_ID_CHARS` characters, valid Unicode, a date -- before it becomes a
:class:`~sitrep.model.Document` through :func:`sitrep.io.ingest.read_text`.  A bad line becomes a document with
empty text, the line's id (or ``line-<n>``) and a warning naming the line number and the problem; the batch goes
on.  The store never keeps such a document: it counts it as failed.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sitrep.errors import InputError, JsonlLineError
from sitrep.model import Document
from sitrep.settings import Settings

from .ingest import MAX_ID_CHARS, lone_surrogate, read_text


def read_jsonl(path_or_stream: str | Path | IO[Any], settings: Settings) -> Iterator[Document]:
    """One document per line of ``{"id", "text", "published"?, "title"?, "source"?, "url"?}``, streamed, in order.

    A bad line (not JSON, not an object, no text, a bad date ...) yields a document with empty text, the line's
    id (or ``line-<n>``) and a warning naming the line and the problem.  Blank lines are skipped.
    """
    if isinstance(path_or_stream, str | Path):
        if str(path_or_stream) == "-":
            yield from read_jsonl(sys.stdin, settings)
            return
        p = Path(path_or_stream)
        if not p.is_file():
            raise InputError(f"{p}: {'is a directory' if p.is_dir() else 'no such file'}; give a JSONL file")
        with p.open("rb") as fh:
            yield from read_jsonl(fh, settings)
        return
    stream = getattr(path_or_stream, "buffer", path_or_stream)
    for n, line in _lines(stream, settings.max_bytes):
        try:
            if line is None:
                raise JsonlLineError(None, f"longer than max_bytes={settings.max_bytes:,}")
            yield _jsonl_document(n, line, settings)
        except JsonlLineError as exc:
            doc_id, problem = exc.args
            yield Document(id=doc_id or f"line-{n}", text="", warnings=[f"line {n}: {problem}; the line was skipped"])


def _jsonl_document(n: int, line: bytes, settings: Settings) -> Document:
    try:
        obj = json.loads(line.decode("utf-8-sig" if n == 1 else "utf-8"))
    except UnicodeDecodeError as exc:
        raise JsonlLineError(_id_in(line), f"not valid UTF-8 ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise JsonlLineError(_id_in(line), f"not valid JSON ({exc.msg} at character {exc.pos + 1})") from exc
    except RecursionError as exc:
        raise JsonlLineError(_id_in(line), "JSON nested too deeply") from exc
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise JsonlLineError(_id_in(line), f"not valid JSON ({exc})") from exc
    if not isinstance(obj, dict):
        raise JsonlLineError(None, f"not a JSON object (a {type(obj).__name__})")
    doc_id = _jsonl_id(obj.get("id"))
    text = obj.get("text")
    if text is None:
        raise JsonlLineError(doc_id, 'no "text"')
    if not isinstance(text, str):
        raise JsonlLineError(doc_id, f'"text" must be a string, not {type(text).__name__}')
    if not text.strip():
        raise JsonlLineError(doc_id, '"text" is empty')
    meta = {k: obj.get(k) for k in ("title", "source", "url", "published")}
    meta["lang"] = obj.get("lang", obj.get("language"))
    try:
        return read_text(text, doc_id=doc_id, settings=settings, **meta)
    except InputError as exc:
        raise JsonlLineError(doc_id, str(exc)) from exc


def _jsonl_id(value: Any) -> str | None:
    """A line's "id": a string or an integer of at most MAX_ID_CHARS characters (None when absent or blank)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise JsonlLineError(None, f'"id" must be a string or a number, not {type(value).__name__}')
    if isinstance(value, int) and abs(value) >= 10**MAX_ID_CHARS:
        raise JsonlLineError(None, f'"id" is longer than {MAX_ID_CHARS} characters')
    doc_id = str(value)
    if len(doc_id) > MAX_ID_CHARS:
        raise JsonlLineError(None, f'"id" is longer than {MAX_ID_CHARS} characters')
    if lone_surrogate(doc_id) is not None:
        raise JsonlLineError(None, '"id" is not valid Unicode (a lone surrogate)')
    return doc_id if doc_id.strip() else None


def _id_in(line: bytes) -> str | None:
    """The id of a line that does not parse, when it can still be read off the line."""
    m = re.search(rb'"id"\s*:\s*(?:"([^"\\]{1,200})"|(\d{1,30})\b)', line)
    return (m.group(1) or m.group(2)).decode("utf-8", errors="replace") if m else None


def _lines(stream: IO[Any], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered non-blank lines of a byte (or text) stream; a line over ``limit`` bytes comes as None."""
    n = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        n += 1
        if isinstance(line, str):
            line = line.encode("utf-8", errors="surrogatepass")
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(limit + 1)) and not rest.endswith(
                b"\n" if isinstance(rest, bytes) else "\n"
            ):
                pass  # skip the rest of the over-long line
            yield n, None
            continue
        if line.strip():
            yield n, line
