"""Number vocabulary and the pieces :mod:`sitrep.extract.numbers` builds phrases from.

The lexicon comes from ``sitrep/knowledge/data/numbers_<lang>.yaml`` (loaded lazily, cached).  Text is cut into tokens
(numbers in digits, words, single symbols); :func:`atom` reads one number at a token -- digits with a scale
("1.2 million", "1,5 тыс."), number words ("one hundred and five", "ста сорока"), vague words with a scale
("several hundred", "несколько десятков"), plural scales ("dozens", "tens of thousands", "десятки тысяч") and
vague words ("several", "many") -- as a low / best / high triple.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import Any

from sitrep.errors import KnowledgeError
from sitrep.knowledge.files import data_path, load_yaml

TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:[-‑'’][^\W\d_]+)*|\S")
THOUSANDS_SPACES = "\u00a0\u202f\u2009"  # non-breaking, narrow and thin spaces group thousands in any language
Triple = tuple[Fraction | None, Fraction | None, Fraction | None]


class Phrases:
    """Word sequences (tuples of lower-case tokens) -> values, matched longest first at a token."""

    __slots__ = ("entries", "firsts", "max_len")

    def __init__(self, entries: dict[tuple[str, ...], Any]):
        self.entries = entries
        self.firsts = frozenset(k[0] for k in entries)
        self.max_len = max((len(k) for k in entries), default=0)

    def match(self, toks: Tokens, k: int) -> tuple[Any, int] | None:
        """(value, end) of the longest entry starting at token k."""
        if k >= len(toks.low) or toks.low[k] not in self.firsts:
            return None
        for length in range(min(self.max_len, len(toks) - k), 0, -1):
            key = tuple(toks.low[k : k + length])
            if key in self.entries and not any(toks.gap(k + i).strip() for i in range(1, length)):
                return self.entries[key], k + length
        return None


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, Fraction]
    scales: dict[str, int]  # form without a final dot -> factor
    dotted: frozenset[str]  # abbreviations that take a dot: "тыс.", "млн."
    bare_scales: frozenset[str]
    articles: frozenset[str]
    joiners: frozenset[str]
    vague: Phrases  # -> Triple
    multipliers: Phrases  # -> the words
    plurals: dict[str, tuple[Triple, int]]
    plural_links: frozenset[str]
    qualifiers: Phrases  # -> more / at_least / at_most / about
    range_joiners: frozenset[str]
    range_pairs: dict[str, str]
    decimal_comma: bool
    space_thousands: bool
    percent: Phrases
    ordinal_suffixes: frozenset[str]
    ratios: Phrases
    currency_symbols: frozenset[str]
    currency_words: Phrases
    number_signs: tuple[str, ...]
    duration_units: frozenset[str]
    frequency_words: frozenset[str]
    count_nouns: frozenset[str]
    unit_stop: frozenset[str]
    unit_rule: str
    plural_endings: tuple[str, ...]
    not_plural_endings: tuple[str, ...]
    adjective_endings: tuple[str, ...]
    verb_endings: tuple[str, ...]
    starters: frozenset[str] = frozenset()  # words a number phrase can start with (digits aside)


@dataclass
class Atom:
    """One number read at tokens [start, end)."""

    start: int
    end: int
    low: Fraction | None
    best: Fraction | None
    high: Fraction | None
    kind: str  # digits | words | vague | plural
    factor: int = 1  # the scale word applied last ("1.2 million" -> 1000000), to share it in "1.5 to 2 million"
    plain: str = ""  # the digits as written, when kind == "digits"
    ordinal: bool = False


@dataclass
class Tokens:
    text: str
    starts: list[int]
    ends: list[int]
    low: list[str]

    def __len__(self) -> int:
        return len(self.starts)

    def gap(self, k: int) -> str:
        """What separates token k-1 from token k."""
        return self.text[self.ends[k - 1] : self.starts[k]]


@cache  # asked for every document: the package's files do not change while it runs
def supported(lang: str) -> bool:
    return bool(lang) and data_path(f"numbers_{lang}.yaml").is_file()


def _tuple(form: str) -> tuple[str, ...]:
    return tuple(m.group().lower() for m in TOKEN.finditer(form))


def _triple(d: dict[str, Any]) -> Triple:
    return tuple(None if d.get(k) is None else Fraction(str(d[k])) for k in ("low", "best", "high"))  # type: ignore[return-value]


@cache
def lexicon(lang: str) -> Lexicon:
    d = load_yaml(f"numbers_{lang}.yaml")
    try:
        scales = {str(f).lower().rstrip("."): int(v) for v, forms in d["scales"].items() for f in forms}
        lx = Lexicon(
            words={str(f).lower(): Fraction(str(v)) for v, forms in d["words"].items() for f in forms},
            scales=scales,
            dotted=frozenset(
                str(f).lower().rstrip(".") for fs in d["scales"].values() for f in fs if str(f).endswith(".")
            ),
            bare_scales=frozenset(str(f).lower() for f in d.get("bare_scales") or []),
            articles=frozenset(d.get("articles") or []),
            joiners=frozenset(d.get("joiners") or []),
            vague=Phrases({_tuple(k): _triple(v) for k, v in d["vague"].items()}),
            multipliers=Phrases({_tuple(f): _tuple(f) for f in d.get("multipliers") or []}),
            plurals={k.lower(): (_triple(v), int(v["factor"])) for k, v in (d.get("plurals") or {}).items()},
            plural_links=frozenset(d.get("plural_links") or []),
            qualifiers=Phrases({_tuple(f): kind for kind, forms in d["qualifiers"].items() for f in forms}),
            range_joiners=frozenset(d.get("range_joiners") or []),
            range_pairs={k.lower(): v.lower() for k, v in (d.get("range_pairs") or {}).items()},
            decimal_comma=bool(d.get("decimal_comma")),
            space_thousands=bool(d.get("space_thousands")),
            percent=Phrases({_tuple(f): True for f in d.get("percent") or []}),
            ordinal_suffixes=frozenset(d.get("ordinal_suffixes") or []),
            ratios=Phrases({_tuple(f): True for f in d.get("ratios") or []}),
            currency_symbols=frozenset(d.get("currency_symbols") or []),
            currency_words=Phrases({_tuple(f): " ".join(_tuple(f)) for f in d.get("currency_words") or []}),
            number_signs=tuple(d.get("number_signs") or []),
            duration_units=frozenset(w.lower() for w in d.get("duration_units") or []),
            frequency_words=frozenset(w.lower() for w in d.get("frequency_words") or []),
            count_nouns=frozenset(w.lower() for w in d.get("count_nouns") or []),
            unit_stop=frozenset(w.lower() for w in d.get("unit_stop") or []),
            unit_rule=d.get("unit_rule", "plural"),
            plural_endings=tuple(d.get("plural_endings") or []),
            not_plural_endings=tuple(d.get("not_plural_endings") or []),
            adjective_endings=tuple(d.get("adjective_endings") or []),
            verb_endings=tuple(d.get("verb_endings") or []),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise KnowledgeError(
            f"numbers_{lang}.yaml is malformed ({type(exc).__name__}: {exc}); see numbers_en.yaml"
        ) from exc
    words = {p for w in lx.words for p in [w]} | set(lx.scales) | set(lx.plurals) | set(lx.articles)
    firsts = lx.qualifiers.firsts | lx.vague.firsts | lx.multipliers.firsts | set(lx.range_pairs)
    starters = frozenset(words | firsts)
    return Lexicon(**{**lx.__dict__, "starters": starters})


def tokenize(text: str, lx: Lexicon) -> Tokens:
    """Tokens, with digit groups separated by thousands spaces joined ("1 500", Russian "1 500 000")."""
    starts: list[int] = []
    ends: list[int] = []
    spaces = THOUSANDS_SPACES + (" " if lx.space_thousands else "")
    for m in TOKEN.finditer(text):
        s, e = m.span()
        if (
            starts
            and text[s].isdigit()
            and e - s == 3
            and text[starts[-1]].isdigit()
            and s - ends[-1] == 1
            and text[ends[-1]] in spaces
            and _groupable(text[starts[-1] : ends[-1]])
        ):
            ends[-1] = e
            continue
        starts.append(s)
        ends.append(e)
    return Tokens(text, starts, ends, [text[s:e].lower() for s, e in zip(starts, ends, strict=True)])


def _groupable(prev: str) -> bool:
    """Can three more digits follow ``prev`` as a thousands group?  "1", "12", "1 500" yes; "2015", "1.5" no."""
    head, *groups = re.split(f"[ {THOUSANDS_SPACES}]", prev)
    return head.isdigit() and len(head) <= 3 and all(len(g) == 3 and g.isdigit() for g in groups)


def digits_value(raw: str, lx: Lexicon, scaled: bool) -> Fraction | None:
    """The value of a number written in digits, or None when it is not one ("1.2.3", "1,5" in English)."""
    s = re.sub(f"[ {THOUSANDS_SPACES}]", "", raw)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s) and not (lx.decimal_comma and scaled and s.count(",") == 1):
        return Fraction(s.replace(",", ""))
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return Fraction(s)
    if lx.decimal_comma and re.fullmatch(r"\d+,\d+", s):
        return Fraction(s.replace(",", "."))
    return None


def _split(tok: str) -> list[str]:
    return re.split(r"[-‑]", tok)


def _scale_at(toks: Tokens, k: int, lx: Lexicon) -> tuple[int, int] | None:
    """(factor, end) of a scale word at token k, with the dot of an abbreviation ("тыс.")."""
    if k >= len(toks) or toks.low[k] not in lx.scales:
        return None
    end = k + 1
    if end < len(toks) and toks.low[end] == "." and not toks.gap(end) and toks.low[k] in lx.dotted:
        end += 1
    return lx.scales[toks.low[k]], end


def atom(toks: Tokens, k: int, lx: Lexicon) -> Atom | None:
    if k >= len(toks):
        return None
    w = toks.low[k]
    if w[0].isdigit():
        return _digits(toks, k, lx)
    mult = lx.multipliers.match(toks, k)
    if mult:
        _, j = mult
        scale = _scale_at(toks, j, lx) if j < len(toks) and not toks.gap(j).strip() else None
        if scale:
            lo, best, hi = lx.vague.entries.get(mult[0], (None, None, None))
            factor, end = scale
            return Atom(k, end, _mul(lo, factor), _mul(best, factor), _mul(hi, factor), "vague", factor)
    if w in lx.plurals:
        return _plural(toks, k, lx)
    vague = lx.vague.match(toks, k)
    if vague:
        (lo, best, hi), end = vague
        return Atom(k, end, lo, best, hi, "vague")
    return _words(toks, k, lx)


def _digits(toks: Tokens, k: int, lx: Lexicon) -> Atom | None:
    text, n = toks.text, len(toks)
    if k > 0 and not toks.gap(k):  # glued to a word before it: "A321", "COVID-19", "Су-25"
        prev = toks.low[k - 1]
        if prev[-1].isalpha() or (
            prev in ("-", "‑") and k > 1 and not toks.gap(k - 1) and toks.low[k - 2][-1].isalpha()
        ):
            return None
    if lx.number_signs and text[max(0, toks.starts[k] - 6) : toks.starts[k]].rstrip().endswith(lx.number_signs):
        return None  # "No. 5", "№ 3"
    end, factor = k + 1, 1
    if end < n and not toks.gap(end):  # letters right after the digits: "22nd", "5k", "10km", "5-й"
        nxt = toks.low[end]
        if nxt in lx.ordinal_suffixes:
            return Atom(k, end + 1, None, None, None, "digits", plain=toks.low[k], ordinal=True)
        if nxt in ("-", "‑") and end + 1 < n and not toks.gap(end + 1) and toks.low[end + 1][0].isalpha():
            if toks.low[end + 1] in lx.ordinal_suffixes:
                return Atom(k, end + 2, None, None, None, "digits", plain=toks.low[k], ordinal=True)
            return None  # "140-strong", "5-летний": part of a word
        if nxt[0].isalpha() and nxt not in lx.scales:
            return None
    while (scale := _scale_at(toks, end, lx)) is not None:
        factor *= scale[0]
        end = scale[1]
    value = digits_value(text[toks.starts[k] : toks.ends[k]], lx, factor > 1)
    if value is None:
        return None
    value *= factor
    return Atom(k, end, value, value, value, "digits", factor, plain=toks.low[k])


def _plural(toks: Tokens, k: int, lx: Lexicon) -> Atom | None:
    (lo, best, hi), factor = lx.plurals[toks.low[k]]
    j = k + 1
    if j < len(toks) and toks.low[j] in lx.plural_links:
        j += 1
    if j < len(toks) and toks.low[j] in lx.plurals:  # "tens of thousands", "десятки тысяч"
        total = factor * lx.plurals[toks.low[j]][1]
        return Atom(k, j + 1, Fraction(total), Fraction(total), Fraction(total * 10 - 1), "plural")
    if best is None:
        return None
    return Atom(k, k + 1, lo, best, hi, "plural")


def _words(toks: Tokens, k: int, lx: Lexicon) -> Atom | None:
    """Number words: "twenty-one", "one hundred and five", "a dozen", "ста сорока", "две тысячи"."""
    total, current, seen, last_scale, end = Fraction(0), Fraction(0), False, 1, k
    j = k
    if toks.low[j] in lx.articles and _scale_at(toks, j + 1, lx):
        current, j = Fraction(1), j + 1
    while j < len(toks):
        if seen and toks.gap(j).strip():
            break
        w = toks.low[j]
        if seen and w in lx.joiners and j + 1 < len(toks) and toks.low[j + 1].split("-")[0] in lx.words:
            j += 1
            continue
        parts = _split(w)
        if not all(p in lx.words or p in lx.scales for p in parts):
            break
        ok = True
        for p in parts:
            if p in lx.scales:
                factor = lx.scales[p]
                if current == 0 and total == 0 and not (j > k or p in lx.bare_scales):
                    ok = False
                    break
                if factor < 1000:
                    current = (current or Fraction(1)) * factor
                else:
                    total += (current or 1) * factor
                    current = Fraction(0)
            else:
                v = lx.words[p]
                if v.denominator != 1:
                    if current or total:
                        ok = False
                        break
                elif current % (10 ** len(str(int(v)))) != 0:
                    ok = False
                    break
                current += v
        if not ok:
            break
        last_scale = next((lx.scales[p] for p in reversed(parts) if p in lx.scales), last_scale)
        seen, j = True, j + 1
        end = j
        if j < len(toks) and toks.low[j] == "." and not toks.gap(j) and toks.low[j - 1] in lx.dotted:
            end = j = j + 1  # the dot of "тыс."
            break
    if not seen:
        return None
    value = total + current
    return Atom(k, end, value, value, value, "words", last_scale)


def _mul(v: Fraction | None, factor: int) -> Fraction | None:
    return None if v is None else v * factor
