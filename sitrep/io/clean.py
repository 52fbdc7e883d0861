"""clean: normalise the text and repair words broken by PDF extraction, recording every change.

The stage keeps the text it was given in ``doc.layers.raw_text``, makes ``doc.text`` the cleaned text (the
offsets of every later stage index it) and records each change as an :class:`~sitrep.model.Edit` whose
``start``/``end`` are offsets in the cleaned text and ``original`` the raw text it replaced.  Passes, in order:

1. Unicode NFC;
2. characters (``data/clean_chars.yaml``): CRLF/CR to LF, exotic spaces to a space, invisible characters and
   soft hyphens removed, ligatures spelled out, page breaks to line breaks, other control characters removed;
3. words: a line-end hyphen inside a word ("secu-\\nrity") is joined when the joined form is a word; a word split
   by a space ("fr om", "Afghani stan") is joined only when the joined form is a word and one of the parts is not
   ("a part", "the rapist" stay); runs of spaces inside a line become one space;
4. a run of more than :data:`MAX_SYMBOL_RUN` symbols without a letter, digit or space ("((((...", "<<<<...",
   "*****...") is cut to its first :data:`MAX_SYMBOL_RUN`: the tokenizer's prefix and suffix rules take time
   quadratic in the length of such a run (50,000 "(" took minutes), and the run says nothing to analyse; so is a
   run of more digits than that (no count has 50 digits; 100,000 of them broke number parsing).

Quotes and dashes are left as they are.  The word test uses ``words_<lang>.txt.gz`` (see ``data/WORDLISTS.md``)
and the hand lists in ``data/clean_words.yaml``; the language of a pair of parts is told by their script.  Each
pass only proposes replacements; :mod:`sitrep.io._align` makes them and keeps track of the raw text behind them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from sitrep.knowledge.files import load_yaml
from sitrep.knowledge.words import is_word, vocabulary
from sitrep.model import Document, Edit
from sitrep.pipeline import stage

from ._align import Piece, Rep, apply


@stage("clean", needs=("text",), adds=("clean_text",))
def clean(doc: Document) -> Document:
    """Clean ``doc.text`` (from ``doc.layers.raw_text`` when the document was cleaned before)."""
    raw = doc.layers.raw_text if doc.layers.raw_text is not None else doc.text
    text, edits = clean_text(raw)
    if doc.layers.body_end is not None and doc.layers.raw_text is None:  # ingest set it on the raw text
        doc.layers.body_end = to_clean_offset(edits, doc.layers.body_end)
    doc.layers.raw_text = raw
    doc.layers.edits = edits
    doc.text = text
    return doc


def clean_text(raw: str) -> tuple[str, list[Edit]]:
    """The cleaned text and the edits that lead there from ``raw``."""
    text, pieces = raw, [Piece(0, len(raw), 0, len(raw), None)] if raw else []
    for find in (_nfc_reps, _char_reps, _word_reps):
        reps = find(text)
        if reps:
            text, pieces = apply(text, pieces, reps)
    edits = [Edit(p.start, p.end, raw[p.raw_start : p.raw_end], p.reason) for p in pieces if p.reason is not None]
    return text, edits


def to_clean_offset(edits: Iterable[Edit], raw_offset: int) -> int:
    """Map an offset in the raw text to the cleaned text (an offset inside an edit maps to its start)."""
    shift = 0  # raw offset - clean offset, before the current edit
    for e in edits:
        raw_start = e.start + shift
        if raw_offset <= raw_start:
            break
        if raw_offset < raw_start + len(e.original):
            return e.start
        shift += len(e.original) - (e.end - e.start)
    return raw_offset - shift


def to_raw_offset(edits: Iterable[Edit], clean_offset: int) -> int:
    """Map an offset in the cleaned text back to the raw text (an offset inside an edit maps to its start)."""
    shift = 0
    for e in edits:
        if clean_offset <= e.start:
            break
        if clean_offset < e.end:
            return e.start + shift
        shift += len(e.original) - (e.end - e.start)
    return clean_offset + shift


# ---------------------------------------------------------------------------------------------------------
# Pass 1: NFC; pass 2: characters


def _nfc_reps(text: str) -> list[Rep]:
    if unicodedata.is_normalized("NFC", text):
        return []
    reps: list[Rep] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if not unicodedata.is_normalized("NFC", line):
            i = 0
            while i < len(line):
                j = i + 1
                while j < len(line) and unicodedata.combining(line[j]):
                    j += 1
                chunk = line[i:j]
                if not unicodedata.is_normalized("NFC", chunk):
                    reps.append((pos + i, pos + j, unicodedata.normalize("NFC", chunk), "unicode NFC"))
                i = j
        pos += len(line)
    return reps


@cache
def _char_table() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """One pattern for every character pass 2 changes, and what each becomes (replacement, reason)."""
    data = load_yaml("clean_chars.yaml")
    table: dict[str, tuple[str, str]] = {}
    for item in data["spaces"]:
        table.update({c: (" ", "space") for c in _code_points(item)})
    for item in data["invisible"]:
        table.update({c: ("", "invisible character") for c in _code_points(item)})
    for code, repl in data["line_breaks"].items():
        table[chr(int(code, 16))] = (repl, "line break")
    for code, repl in data["ligatures"].items():
        table[chr(int(code, 16))] = (repl, "ligature")
    for n in (*range(0x20), *range(0x7F, 0xA0)):
        if chr(n) not in "\t\n\r" and chr(n) not in table:
            table[chr(n)] = ("", "control character")
    soft = chr(int(data["soft_hyphen"], 16))
    table[soft] = ("", "soft hyphen")
    chars = "".join(re.escape(c) for c in table if c != soft)
    pattern = re.compile(rf"\r\n?|{re.escape(soft)}\n?|[{chars}]")
    return pattern, table


def _code_points(item: str) -> list[str]:
    first, _, last = str(item).partition("-")
    return [chr(n) for n in range(int(first, 16), int(last or first, 16) + 1)]


def _char_reps(text: str) -> list[Rep]:
    pattern, table = _char_table()
    reps: list[Rep] = []
    for m in pattern.finditer(text):
        found = m.group()
        if found[0] == "\r":
            reps.append((m.start(), m.end(), "\n", "line ending"))
        else:
            repl, reason = table[found[0]]
            reps.append((m.start(), m.end(), repl, reason))
    return reps


# ---------------------------------------------------------------------------------------------------------
# Pass 3: words

_LETTERS = r"[^\W\d_]+"
_HYPHENATED = re.compile(rf"(?<![\w\-‐])({_LETTERS})[\-‐]\n[ \t]*({_LETTERS})(?![\w\-‐])")
_TOKEN = re.compile(_LETTERS)
_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")
MAX_SYMBOL_RUN = 50
_SYMBOL_RUN = re.compile(rf"(?:[^\w\s]|_){{{MAX_SYMBOL_RUN + 1},}}|[0-9]{{{MAX_SYMBOL_RUN + 1},}}")
_GLUE = "-‐_"  # a part touching one of these belongs to a compound: not a candidate for joining
_APOSTROPHES = "'’ʼ`"  # "Yemen’s top" is not "Yemen’stop"


def _word_reps(text: str) -> list[Rep]:
    reps: list[Rep] = []
    for m in _HYPHENATED.finditer(text):
        a, b = m.group(1), m.group(2)
        lang = _lang_of(a, b)
        if lang is None:
            continue
        if b[:1].islower() and _known(a + b, lang):
            reps.append((m.start(), m.end(), a + b, "hyphenation"))
        elif _known(a, lang) and _known(b, lang):
            reps.append((m.start(), m.end(), f"{a}-{b}", "line-end hyphen"))
    reps += _split_reps(text)
    reps += [(m.start(), m.end(), " ", "repeated spaces") for m in _SPACES.finditer(text)]
    reps += [(m.start() + MAX_SYMBOL_RUN, m.end(), "", "long run of symbols cut") for m in _SYMBOL_RUN.finditer(text)]
    return _non_overlapping(reps)


def _split_reps(text: str) -> list[Rep]:
    reps: list[Rep] = []
    tokens = list(_TOKEN.finditer(text))
    i = 0
    while i + 1 < len(tokens):
        if _pair_joins(text, tokens, i):
            # "strike r eleases": when the fragment fits the next part better, leave the word before alone
            lang = _lang_of(tokens[i].group(), tokens[i + 1].group()) or "en"
            if not (
                _pair_joins(text, tokens, i + 1)
                and is_word(tokens[i].group(), lang)
                and not is_word(tokens[i + 2].group(), lang)
            ):
                reps.append(
                    (tokens[i].start(), tokens[i + 1].end(), tokens[i].group() + tokens[i + 1].group(), "split word")
                )
                i += 2
                continue
        i += 1
    return reps


def _pair_joins(text: str, tokens: list[re.Match[str]], i: int) -> bool:
    if i + 1 >= len(tokens):
        return False
    t1, t2 = tokens[i], tokens[i + 1]
    return (
        t2.start() == t1.end() + 1
        and text[t1.end()] == " "
        and _free(text, t1.start(), t2.end())
        and _should_join(t1.group(), t2.group())
    )


def _free(text: str, start: int, end: int) -> bool:
    """The two parts stand alone: no letter, digit, hyphen or apostrophe glued to the outer edges (but a 's)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if after in _APOSTROPHES:  # only a possessive may follow ("Afghani stan's"), not "charge d'affaires"
        after = " " if text[end + 1 : end + 2] in ("s", "S") and not text[end + 2 : end + 3].isalnum() else "x"
    return not (before.isalnum() or before in _GLUE or before in _APOSTROPHES or after.isalnum() or after in _GLUE)


def _should_join(a: str, b: str) -> bool:
    lang = _lang_of(a, b)
    if lang is None:
        return False
    if b.isupper() and not a.isupper():
        return False
    if not b.isupper() and not b.islower():
        return False  # "Ali Son", "ISKP Has": two words
    if a.isupper() and len(a) > 1 and not b.isupper():
        return False  # "ISKP has"
    joined = a + b
    if len(joined) < 3 or not _known(joined, lang):
        return False
    voc = vocabulary(lang)
    if joined.lower() not in voc.words and joined.lower() not in voc.always and not joined[:1].isupper():
        return False  # a name comes out capitalised
    for part, other in ((a, b), (b, a)):
        if part.lower() in voc.short and other.lower() not in voc.never:
            return False  # "a part", "in to": a short word is a word, unless next to a sure fragment ("th at")
    return not (is_word(a, lang) and is_word(b, lang))


def _known(form: str, lang: str) -> bool:
    """A real word or name (a valid result of a repair)."""
    voc = vocabulary(lang)
    low = form.lower()
    if low in voc.never:
        return False
    return low in voc.words or low in voc.names or low in voc.always or low in voc.short


def _lang_of(a: str, b: str) -> str | None:
    both = a + b
    if both.isascii():
        return "en"
    if all("\u0400" <= c <= "\u04ff" for c in both):
        return "ru"
    return None


def _non_overlapping(reps: list[Rep]) -> list[Rep]:
    out: list[Rep] = []
    for rep in sorted(reps, key=lambda r: (r[0], r[1])):
        if out and rep[0] < out[-1][1]:
            continue
        out.append(rep)
    return out
