"""Files the ``sitrep`` command reads and writes: the JSON documents ``validate`` checks and the ``--out`` file,
each with one clear error for what can go wrong (only ``cli.py`` uses this module)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from sitrep.errors import SitrepError
from sitrep.settings import Settings


def json_documents(path: str, settings: Settings) -> Iterator[dict]:
    """The documents of a JSON file (one object or a list of them) or of a JSONL file; every failure a clear
    SitrepError (missing file, a folder, too large, not UTF-8, not JSON, too deeply nested, not an object)."""
    from sitrep.io.fetch import read_stream

    try:
        if path == "-":
            data = read_stream(sys.stdin.buffer, settings.max_bytes, "stdin")
        elif Path(path).is_dir():
            raise SitrepError(f"{path} is a directory; give a JSON or JSONL file")
        else:
            with Path(path).open("rb") as fh:
                data = read_stream(fh, settings.max_bytes, path)
        text = data.decode("utf-8-sig")
    except OSError as exc:
        raise SitrepError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise SitrepError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    items: Iterable[object]
    try:
        parsed = _json(text, path, None)
        items = parsed if isinstance(parsed, list) else [parsed]
    except SitrepError:
        items = (_json(line, path, n) for n, line in enumerate(text.splitlines(), 1) if line.strip())
    n = 0
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise SitrepError(f"{path}: document {n} is not a JSON object (a {type(item).__name__})")
        yield item
    if n == 0:
        raise SitrepError(f"{path}: no document in it (empty)")


def _json(text: str, path: str, line: int | None) -> object:
    where = f"{path}: line {line}" if line else path
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SitrepError(f"{where} is not JSON ({exc.msg})") from exc
    except RecursionError as exc:
        raise SitrepError(f"{where}: JSON nested too deeply") from exc
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise SitrepError(f"{where} is not JSON ({exc})") from exc


class output:
    """stdout, or the file given with --out: checked before any work is done, written only when the command
    succeeds, and whole (a temporary file beside it, renamed)."""

    def __init__(self, path: str | None):
        self.path = path
        self.buffer: list[str] = []
        if path is not None:
            target = Path(path)
            if target.is_dir():
                raise SitrepError(f"--out {path} is a directory; give a file name")
            if not target.parent.is_dir():
                raise SitrepError(f"--out {path}: the folder {target.parent} does not exist; create it first")
            if not os.access(target.parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
                raise SitrepError(f"--out {path}: permission denied; choose a file you can write")

    def __enter__(self) -> TextIO:
        return sys.stdout if self.path is None else self  # type: ignore[return-value]

    def write(self, text: str) -> int:
        self.buffer.append(text)
        return len(text)

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if self.path is not None and exc_type is None:
            target = Path(self.path)
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            try:
                temporary.write_text("".join(self.buffer), encoding="utf-8")
                os.replace(temporary, target)
            except OSError as exc:
                temporary.unlink(missing_ok=True)
                raise SitrepError(f"--out {self.path}: cannot be written ({exc.strerror or exc})") from exc
