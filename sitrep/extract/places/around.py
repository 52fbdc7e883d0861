"""The words around a name that recognition reads: the word before and after it, whether it opens a sentence,
whether a feature word and "of" come before it ("the town of Hit"), and the word lists of
``place_stopwords.yaml``."""

from __future__ import annotations

import re
from functools import cache

from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge.files import load_yaml

WORD = re.compile(r"[^\W\d_][\w.'’-]*")
_BRACKETED = re.compile(r"\(([^\W\d_]{2,6})\)")


@cache
def tables() -> dict[str, dict[str, frozenset[str]]]:
    """The word lists of ``place_stopwords.yaml`` by language, as sets."""
    data = load_yaml("place_stopwords.yaml")
    return {lang: {k: frozenset(v) for k, v in table.items()} for lang, table in data.items()}


def prev_word(text: str, pos: int) -> str:
    """The word before ``pos`` (across spaces and punctuation), without a full stop."""
    m = re.search(r"([^\W\d_][\w.'’-]*)\W*$", text[max(0, pos - 40) : pos])
    return m.group(1).rstrip(".") if m else ""


def next_word(text: str, pos: int) -> str:
    """The word after ``pos`` (across spaces), without a trailing full stop or comma."""
    m = WORD.match(text, pos + len(text[pos:]) - len(text[pos:].lstrip(" \t")))
    return m.group(0).rstrip(".,") if m else ""


def sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` opens a sentence or a line (quotes and brackets before it aside)."""
    before = text[max(0, pos - 4) : pos].rstrip(" \t\"'“«(")
    return not before or before[-1] in ".!?\n:;"


def named_as_place(text: str, start: int, lang: str) -> bool:
    """A feature word and "of" come before the name: "the city of Van", "the village of Most"."""
    before = text[max(0, start - 30) : start].lower().split()
    return lang == "en" and len(before) >= 2 and before[-1] == "of" and before[-2] in feature_nouns()


@cache
def feature_nouns() -> frozenset[str]:
    """The English words that say what kind of place a name is ("district", "province", "village", "area")."""
    cues = load_yaml("regions.yaml")["feature_cues"]
    return frozenset(w.lower() for table in cues.values() for w in table.get("en", ()))


def acronyms(text: str, end: int | None = None) -> frozenset[str]:
    """The acronyms the text gives in brackets right after the words they stand for, which are no place's name:
    "Hizbul Mujahideen (HM)", "Kanglei Yawol Kanna Lup (KYKL)" (not "the Democratic Republic of Congo (DRC)",
    whose words the gazetteer knows): every mention of them names the organisation ("by HM militants")."""
    out = set()
    for m in _BRACKETED.finditer(text, 0, len(text) if end is None else end):
        short, start = m.group(1), m.start(1)
        if not short.isupper():
            continue
        words = re.findall(r"[^\W\d_][\w'’-]*", text[max(0, start - 120) : start - 1])
        initials = [w for w in words if w[:1].isupper()]
        if len(initials) < len(short) or "".join(w[0] for w in initials[-len(short) :]) != short:
            continue
        first = text.rfind(initials[-len(short)], max(0, start - 120), start)
        if not gz.lookup(text[first : start - 1].strip(), "ru" if "\u0400" <= short[0] <= "\u04ff" else "en"):
            out.add(short)
    return frozenset(out)
