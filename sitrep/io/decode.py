"""decode: bytes to text -- first whether they are text at all, then in which encoding.

Text or binary: known file signatures (``data/clean_ingest.yaml``), NUL and control bytes.  Decoding: byte order
mark, declared charset, UTF-8, then cp1251/koi8-r for Cyrillic and cp1252/latin-1 for Latin text, with a warning
naming the fallback.  Used by :mod:`sitrep.io.ingest` on files, stdin and fetched pages; a failure is a
:class:`~sitrep.errors.BinaryInputError` or :class:`~sitrep.errors.EncodingError` that says what to do.
"""

from __future__ import annotations

import codecs
import re
from functools import cache

from sitrep.errors import BinaryInputError, EncodingError
from sitrep.knowledge.files import load_yaml

SAMPLE = 64 * 1024  # bytes looked at to tell text from binary
CYRILLIC_FALLBACKS = ("cp1251", "koi8-r")
LATIN_FALLBACKS = ("cp1252", "latin-1")
_LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp1252"}

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
    sample = data[:SAMPLE]
    controls = sum(1 for b in sample if b in _CONTROL)
    for magic, offset, kind, hint, max_text in _magic():
        if sample[offset : offset + len(magic)] == magic and (not max_text or controls):
            raise BinaryInputError(f"{what}: this is {kind}, not text; {hint}")
    nul = data.find(b"\x00")  # anywhere, not only in the sample: a text does not hide NUL bytes after 64 KiB
    if nul >= 0:
        where = f" at byte {nul:,}" if nul >= len(sample) else ""
        raise BinaryInputError(
            f"{what}: binary data (NUL bytes{where}), not text; give sitrep a text, HTML or Markdown file"
        )
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
