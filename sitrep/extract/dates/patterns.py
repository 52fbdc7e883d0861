"""The regexes behind the ``dates`` stage, assembled from the language data in
``sitrep/knowledge/data/dates_<lang>.yaml`` and ``sitrep/knowledge/data/historical_dates.yaml``.

A pattern in the data is a regular expression written over ``{slots}``; this module replaces every slot with
an alternation of its vocabulary (longest form first, with a word boundary), turns spaces into "any whitespace",
puts an optional preposition in front where the kind of pattern allows it, and compiles the result once per
language (lazily, cached).  Historical names become one regex each.  :mod:`sitrep.extract.dates.scan` runs the rules
over a text; :mod:`sitrep.extract.dates` works out what a match means from the slots it filled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sitrep.errors import KnowledgeError
from sitrep.knowledge.files import data_path, load_yaml

SEP = r"(?:\s+|(?<=-))"  # a space in a pattern: whitespace, or nothing right after a hyphen ("mid-2015")
START = r"(?<!\w)(?<!\d[.,:/])"  # not inside a word or a number ("1.2015", "22.03.2024" seen from "2024")
END = r"(?!\w)(?![.,:/]\d)"
QUOTES = "\"'«»“”„‘’"
DASHES = "-‑–—"
SLOT = re.compile(r"\{(\w+)\}")
YEAR = r"(?:1[89]|20)\d\d"

# kinds of rules, in order of priority when two matches cover the same stretch of text
KINDS = ("historical", "anchored", "calendar", "relative", "anaphoric", "ago", "past")
WITH_PREPOSITION = frozenset({"calendar", "relative", "ago", "past"})  # and historical names


@dataclass(frozen=True)
class Vocab:
    """Lookups from a matched form (lower-cased, single-spaced) to what it means."""

    months: dict[str, int]
    weekdays: dict[str, int]
    preps: dict[str, str]  # form -> mode: at / since / after / before / until
    rel: dict[str, int]
    year_rel: dict[str, int]
    parts: dict[str, str]
    seasons: dict[str, str]
    season_needs_year: frozenset[str]  # "fall": a season only with a year or "last/this/next"
    numbers: dict[str, int | None]
    units: dict[str, tuple[str, bool]]  # form -> (unit, needs a number)


@dataclass(frozen=True)
class Rule:
    kind: str
    regex: re.Pattern[str]
    priority: int
    pattern: str  # as written in the data
    info: dict[str, Any] = field(default_factory=dict)  # unit, shift, to_date, mode, anchored kind ...


@dataclass
class Match:
    start: int
    end: int
    kind: str
    priority: int
    slots: dict[str, str]  # slot name -> matched text
    info: dict[str, Any]


def key(text: str) -> str:
    """The lookup form of matched text: lower case, single spaces."""
    return " ".join(text.lower().split())


@cache
def supported(lang: str) -> bool:
    return bool(lang) and data_path(f"dates_{lang}.yaml").is_file()


@cache
def language(lang: str) -> dict[str, Any]:
    data = load_yaml(f"dates_{lang}.yaml")
    if not isinstance(data, dict) or "patterns" not in data:
        raise KnowledgeError(f"dates_{lang}.yaml has no 'patterns' section; see dates_en.yaml for the format")
    return data


@cache
def historical() -> list[dict[str, Any]]:
    data = load_yaml("historical_dates.yaml")
    if not isinstance(data, list):
        raise KnowledgeError("historical_dates.yaml must be a list of anchors")
    return data


@cache
def vocab(lang: str) -> Vocab:
    d = language(lang)
    months = {key(w): int(n) for n, m in d["months"].items() for w in m["names"] + m["abbrev"]}
    units: dict[str, tuple[str, bool]] = {}
    for unit, forms in d["units"].items():
        units.update({key(w): (unit, False) for w in forms["one"]})
        units.update({key(w): (unit, True) for w in forms["many"]})
    seasons = {key(w): s for s, forms in d["seasons"].items() for w in forms}
    return Vocab(
        months=months,
        weekdays={key(w): int(n) for n, forms in d["weekdays"].items() for w in forms},
        preps={key(w): mode for mode, forms in d["prepositions"].items() for w in forms},
        rel={key(w): int(v) for w, v in d["relative_words"].items()},
        year_rel={key(w): int(v) for w, v in d["year_rel"].items()},
        parts={key(w): p for p, forms in d["parts"].items() for w in forms},
        seasons=seasons,
        season_needs_year=frozenset(key(w) for w in d.get("season_needs_year") or []),
        numbers={key(w): (None if v is None else int(v)) for w, v in d["number_words"].items()},
        units=units,
    )


def alternation(words: list[str], case_sensitive: bool = False) -> str:
    """``(?:longest|...|short)`` of literal words; words ending in a letter get a word boundary."""
    forms = set(words)
    if case_sensitive:
        forms |= {w.upper() for w in words}
    parts = []
    for w in sorted(forms, key=lambda s: (-len(s), s)):
        p = r"\s+".join(re.escape(t) for t in w.split())
        parts.append(p + r"\b" if w and (w[-1].isalnum() or w[-1] == "_") else p)
    if not parts:
        return r"(?!x)x"  # an empty list matches nothing
    body = "|".join(parts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


@cache
def slots(lang: str) -> dict[str, str]:
    """Slot name -> regex (with named groups where the value matters)."""
    d, v = language(lang), vocab(lang)
    cs = bool(d.get("names_case_sensitive"))
    all_months = [w for m in d["months"].values() for w in m["names"] + m["abbrev"]]
    names = [w for m in d["months"].values() for w in m["names"]]
    weekdays = [w for forms in d["weekdays"].values() for w in forms]
    day_sfx = f"(?:{alternation(d['day_suffixes'])})?" if d["day_suffixes"] else ""
    year_words = alternation(d["year_words"])
    dec = d["decades"]
    short = alternation(dec["short_prefixes"]) if any(dec["short_prefixes"]) else ""
    decade_words = rf"(?:\s+{alternation(dec['words'])})?" if dec["words"] else ""
    year_sfx = rf"(?:\s*{year_words})?" if d["year_words"] else ""
    s = {
        "prep": f"(?P<prep>{alternation(list(v.preps))})",
        "day": rf"(?P<day>3[01]|[12]\d|0?[1-9])(?!\d){day_sfx}",
        "day2": rf"(?P<day2>3[01]|[12]\d|0?[1-9])(?!\d){day_sfx}",
        "dd": r"(?P<dd>3[01]|[12]\d|0?[1-9])",
        "mm": r"(?P<mm>1[0-2]|0?[1-9])",
        "yyyy": rf"(?P<yyyy>{YEAR})",
        "month": f"(?P<month>{alternation(all_months, cs)})",
        "month2": f"(?P<month2>{alternation(all_months, cs)})",
        "monthname": f"(?P<month>{alternation(names, cs)})",
        "year": rf"(?P<year>{YEAR})(?!\d){year_sfx}",
        "year2": rf"(?P<year2>{YEAR})(?!\d){year_sfx}",
        "yearw": rf"(?P<year>{YEAR})\s*{year_words}",
        "year_rel": f"(?P<year_rel>{alternation(list(v.year_rel))})",
        "rel": f"(?P<rel>{alternation(list(v.rel))})",
        "part": f"(?P<part>{alternation(list(v.parts))})",
        "season": f"(?P<season>{alternation(list(v.seasons))})",
        "season_alone": f"(?P<season>{alternation([w for f in d['season_alone'].values() for w in f])})",
        "weekday": f"(?P<weekday>{alternation(weekdays, cs)})",
        "decade": rf"(?:(?P<decade>(?:1[89]|20)\d0)|{short}(?P<decade_short>\d0))"
        rf"{alternation(dec['suffixes'])}{decade_words}",
        "num": rf"(?P<num>\d{{1,3}}|{alternation(list(v.numbers))})",
        "unit": f"(?P<unit>{alternation(list(v.units))})",
    }
    for name, words in (d.get("words") or {}).items():
        s.setdefault(name, alternation(words))
    return s


def assemble(pattern: str, slot_map: dict[str, str], with_prep: bool) -> str:
    """A data pattern -> a regex: slots filled, spaces made flexible, optional preposition, boundaries."""
    out, pos = [], 0
    for m in SLOT.finditer(pattern):
        if m[1] not in slot_map:
            raise KnowledgeError(f"date pattern {pattern!r} uses an unknown slot {{{m[1]}}}")
        out.append(pattern[pos : m.start()].replace(" ", SEP))
        out.append(slot_map[m[1]])
        pos = m.end()
    out.append(pattern[pos:].replace(" ", SEP))
    body = "".join(out)
    if with_prep and not pattern.startswith("{prep}"):
        body = f"(?:{slot_map['prep']}{SEP})?(?:{body})"
    return f"{START}(?:{body}){END}"


def name_regex(name: str) -> str:
    """A historical anchor's name -> regex ("*" = up to three more letters; quotes optional; any dash)."""
    words = []
    for word in name.split():
        chars = []
        for ch in word:
            if ch == "*":
                chars.append(r"\w{0,3}")
            elif ch in QUOTES:
                chars.append(f"[{re.escape(QUOTES)}]?")
            elif ch in DASHES:
                chars.append(f"[{DASHES}]")
            else:
                chars.append(re.escape(ch))
        words.append("".join(chars))
    return r"\s+".join(words)


def _compile(regex: str, what: str) -> re.Pattern[str]:
    try:
        return re.compile(regex, re.IGNORECASE)
    except re.error as exc:
        raise KnowledgeError(f"{what} does not compile: {exc}") from exc


def _rule(kind: str, pattern: str, lang: str, priority: int, info: dict[str, Any] | None = None) -> Rule:
    regex = assemble(pattern, slots(lang), kind in WITH_PREPOSITION)
    return Rule(kind, _compile(regex, f"date pattern {pattern!r}"), priority, pattern, info or {})


@cache
def rules(lang: str) -> tuple[Rule, ...]:
    pats = language(lang)["patterns"]
    prio = {k: i * 1000 for i, k in enumerate(KINDS)}
    out: list[Rule] = []
    for kind in ("calendar", "ago", "past"):
        out += [_rule(kind, p, lang, prio[kind] + i) for i, p in enumerate(pats.get(kind, []))]
    for kind in ("relative", "anaphoric"):
        for i, entry in enumerate(pats.get(kind, [])):
            info = {k: val for k, val in entry.items() if k != "match"}
            out.append(_rule(kind, entry["match"], lang, prio[kind] + i, info))
    for i, (anchored_kind, plist) in enumerate((pats.get("anchored") or {}).items()):
        out += [_rule("anchored", p, lang, prio["anchored"] + i, {"anchored": anchored_kind}) for p in plist]
    return tuple(out)


@cache
def history(lang: str) -> tuple[tuple[str, re.Pattern[str], dict[str, Any]], ...]:
    """(name, its regex, its anchor) for every historical name in ``lang``."""
    names = [(n, a) for a in historical() for n in (a.get("names") or {}).get(lang, [])]
    return tuple((n, _compile(f"{START}{name_regex(n)}{END}", f"historical name {n!r}"), a) for n, a in names)


@cache
def lead(lang: str) -> re.Pattern[str]:
    """A preposition (and in English "the") right before a historical name: "after the", "с момента"."""
    article = r"(?:the\s+)?" if lang == "en" else ""
    return _compile(rf"(?<!\w)(?:{slots(lang)['prep']}\s+)?{article}\Z", "preposition before a historical name")
