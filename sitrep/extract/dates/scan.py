"""Running the date rules of :mod:`sitrep.extract.dates.patterns` over a text, fast.

Running some fifty regexes over every character of every document is slow, so each rule gets *trigger* words:
words one of which every match of the rule contains (a month name, "ago", "years", "#d" for any number).  The
text is cut into words once; a rule then runs only on the stretches within :data:`REACH` characters of its
triggers.  ``candidates(text, lang, exhaustive=True)`` runs everything everywhere; the tests check that both
give the same result.  :func:`select` keeps the longest of overlapping matches.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache
from typing import Any

from sitrep.extract.spans import Intervals

from . import patterns as P

REACH = 80  # characters around a trigger word that a match may span
STOP = frozenset(  # too common to be worth a look
    {"the", "of", "in", "a", "an", "and", "on", "at", "to", "by", "for", "this", "that", "its", "their"}
    | {"в", "во", "на", "с", "со", "и", "по", "до", "к", "за", "его", "их", "ее", "её"}
)
NOT_TRIGGERS = frozenset({"prep", "rel", "part"})  # never a date on their own
DIGIT_SLOTS = frozenset({"day", "day2", "dd", "mm", "yyyy", "year", "year2", "yearw", "decade", "num"})
_WORDS = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]+")


def candidates(text: str, lang: str, exhaustive: bool = False) -> list[P.Match]:
    """Every match of every rule.  Rules only look near their trigger words unless ``exhaustive`` (for tests)."""
    hits = None if exhaustive else _hits(text, lang)
    found = _historical(text, lang, hits)
    windows: dict[frozenset[str], list[tuple[int, int]]] = {}
    for rule, triggers in zip(P.rules(lang), _rule_triggers(lang), strict=True):
        if hits is None:
            spans = [(0, len(text))]
        elif triggers in windows:
            spans = windows[triggers]
        else:
            spans = windows[triggers] = _windows(text, [p for t in triggers & hits.keys() for p in hits[t]])
        for a, b in spans:
            for m in rule.regex.finditer(text, a, b):
                if m.end() > m.start():
                    groups = {k: val for k, val in m.groupdict().items() if val is not None}
                    found.append(P.Match(m.start(), m.end(), rule.kind, rule.priority, groups, rule.info))
    return found


def select(found: list[P.Match]) -> list[P.Match]:
    """Longest first (then higher priority, then earlier); drop what overlaps a kept match; in text order."""
    kept: list[P.Match] = []
    taken = Intervals()
    for m in sorted(found, key=lambda m: (-(m.end - m.start), m.priority, m.start)):
        if not taken.overlaps(m.start, m.end):
            kept.append(m)
            taken.add(m.start, m.end)
    return sorted(kept, key=lambda m: m.start)


# -- historical names -------------------------------------------------------------------------------------------


def _historical(text: str, lang: str, hits: dict[str, list[int]] | None) -> list[P.Match]:
    found: list[P.Match] = []
    for trigger, entries in _history_index(lang).items():
        if hits is None:
            spans = [(0, len(text))]
        elif trigger in hits:
            spans = _windows(text, hits[trigger])
        else:
            continue
        for regex, anchor in entries:
            for a, b in spans:
                for m in regex.finditer(text, a, b):
                    lead = P.lead(lang).search(text, max(0, m.start() - 40), m.start())
                    start = lead.start() if lead else m.start()
                    slots = {"prep": lead["prep"]} if lead and lead["prep"] else {}
                    found.append(P.Match(start, m.end(), "historical", 0, slots, {"anchor": anchor}))
    return found


@cache
def _history_index(lang: str) -> dict[str, list[tuple[re.Pattern[str], dict[str, Any]]]]:
    """Trigger -> (regex of a historical name, its anchor)."""
    counts: dict[str, int] = {}
    for name, _, _ in P.history(lang):
        for w in {w.lower() for w in _WORDS.findall(name)}:
            counts[w] = counts.get(w, 0) + 1
    index: dict[str, list[tuple[re.Pattern[str], dict[str, Any]]]] = {}
    for name, regex, anchor in P.history(lang):
        index.setdefault(_name_trigger(name, counts), []).append((regex, anchor))
    return index


def _name_trigger(name: str, counts: dict[str, int]) -> str:
    """A name's plain word used by the fewest names (then the longest), else "~" and the first four letters of its
    longest "word*", else "#d" (a name made of numbers: "9/11")."""
    words = [w for w in name.split() if w.lower() not in STOP]
    plain = [w.lower() for word in words if not word.endswith("*") for w in _WORDS.findall(word)]
    plain = [w for w in plain if w not in STOP and w.isalpha()]
    if plain:
        return min(plain, key=lambda w: (counts.get(w, 0), -len(w)))
    stems = [w[:-1].lower() for w in words if w.endswith("*")]
    return "~" + max(stems, key=len)[:4] if stems else "#d"


# -- triggers of the rules --------------------------------------------------------------------------------------


@cache
def _rule_triggers(lang: str) -> tuple[frozenset[str], ...]:
    return tuple(_triggers(rule.pattern, lang) for rule in P.rules(lang))


@cache
def _slot_words(lang: str) -> dict[str, frozenset[str]]:
    """Slot name -> the lower-case words its matches are made of."""
    d, v = P.language(lang), P.vocab(lang)

    def words(forms: Any) -> frozenset[str]:
        return frozenset(w.lower() for f in forms for w in _WORDS.findall(f))

    out = {
        "month": words(v.months),
        "weekday": words(v.weekdays),
        "season": words(v.seasons),
        "season_alone": words(w for f in d["season_alone"].values() for w in f),
        "year_rel": words(v.year_rel),
        "unit": words(v.units),
        "num": words(v.numbers),
    }
    out["month2"] = out["monthname"] = out["month"]
    for name, forms in (d.get("words") or {}).items():
        out.setdefault(name, words(forms))
    return out


def _triggers(pattern: str, lang: str) -> frozenset[str]:
    """Words one of which every match of ``pattern`` contains.

    The pattern's required elements (what is left once optional groups are dropped) each give a set of words;
    the set with the fewest words, numbers ("#d") last, is the trigger.  An element that may be a common word
    alone ("in", "the") cannot be one; prepositions, "last/this/next" and "early/late" are never chosen.
    """
    slot_words = _slot_words(lang)

    def words_of(text: str) -> set[str]:
        found: set[str] = set()
        for name in P.SLOT.findall(text):
            if name in DIGIT_SLOTS:
                found.add("#d")
            found |= slot_words.get(name, frozenset())
        return found | {w.lower() for w in _LETTERS.findall(P.SLOT.sub(" ", text))}

    required = re.sub(r"\w\?", "", pattern)  # "stages?" -> "stage"
    while (shorter := re.sub(r"\([^()]*\)\?", " ", required)) != required:
        required = shorter
    elements: list[set[str]] = []
    for is_group, text in _top_level(required):
        if is_group:
            elements.append(words_of(text))
            continue
        for m in re.finditer(r"\{(\w+)\}|[^\W\d_]+", text):
            elements.append(words_of(m[0]) if m[1] not in NOT_TRIGGERS else set())
    elements = [set(e) for e in elements if e and not e & STOP]
    if not elements:
        return frozenset(words_of(pattern) - STOP)
    return frozenset(sorted(elements, key=_cost)[0])


def _cost(words: Collection[str]) -> tuple[bool, int]:
    """Numbers are everywhere; then fewer words are rarer."""
    return "#d" in words, len(words)


def _top_level(pattern: str) -> list[tuple[bool, str]]:
    """``pattern`` cut into top-level text and (group) contents."""
    out: list[tuple[bool, str]] = []
    depth, buf = 0, ""
    for ch in pattern:
        if ch == "(" and depth == 0:
            out.append((False, buf))
            buf, depth = "", 1
        elif ch == ")" and depth == 1:
            out.append((True, buf))
            buf, depth = "", 0
        else:
            depth += (ch == "(") - (ch == ")")
            buf += ch
    out.append((False, buf))
    return out


# -- where to look ----------------------------------------------------------------------------------------------


@cache
def _all_triggers(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    every = frozenset().union(*_rule_triggers(lang), _history_index(lang))
    return frozenset(t for t in every if t[0] != "~"), frozenset(t for t in every if t[0] == "~")


def _hits(text: str, lang: str) -> dict[str, list[int]]:
    """Trigger -> start offsets of the words in ``text`` that are (or begin with) it."""
    words, stems = _all_triggers(lang)
    hits: dict[str, list[int]] = {}
    for m in _WORDS.finditer(text):
        tok = m.group().lower()
        if not tok.isalpha():
            hits.setdefault("#d", []).append(m.start())
        elif tok in words:
            hits.setdefault(tok, []).append(m.start())
        if stems and "~" + tok[:4] in stems:
            hits.setdefault("~" + tok[:4], []).append(m.start())
    return hits


def _windows(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """Stretches of ``text`` within REACH of the given offsets, merged, widened to whitespace."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for pos in sorted(starts):
        a, b = max(0, pos - REACH), min(n, pos + REACH)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    snapped = []
    for a, b in out:
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        while b < n and not text[b].isspace():
            b += 1
        snapped.append((a, b))
    return snapped
