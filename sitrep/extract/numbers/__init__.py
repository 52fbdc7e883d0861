"""The ``numbers`` stage: counts and amounts in digits and words, with qualifiers, ranges and units.

English and Russian; the vocabulary (number words in their case forms, scales, vague words, qualifiers, range
words, units) lives in ``sitrep/knowledge/data/numbers_<lang>.yaml`` and :mod:`.words` reads numbers with it.
Each mention becomes a ``TextSpan`` in ``doc.layers.numbers`` whose ``value`` is a :class:`Number` and whose
``label`` is "count", "range", "duration" (a number of days, years...: "over two days"), "frequency" (how many
times: "shot 6 times", "три раза"), "percent", "money", "year" or "ordinal".

Conventions for ``Number(low, best, high)`` (low <= best <= high whenever they are set):

* exact "140", "twenty-one", "ста сорока" -> low = best = high = 140; ``approx`` is False only here.
* "over / more than / более / свыше N" and "at least / не менее / как минимум N" -> low = N, best = N,
  high = None: ACLED codes the lowest credible figure, and the text gives no ceiling.
* "nearly / almost / up to / fewer than / as many as / почти / до / не более N" -> low = None, best = N,
  high = N: the figure given is the one a coder cites, and it is a ceiling.
* "about / around / some / approximately / около / примерно / порядка N" -> low = best = high = N, approx.
* ranges "N to M", "between N and M", "from N to M", "N-M", "N or M", "от N до M" -> low = N, best = N (the
  lowest credible figure), high = M.  A scale on the second number is shared: "1.5 to 2 million".
* vague words follow ACLED's coding (../shared/guides/ontology.md): "a few" / "several" / "несколько" -> best 3
  (low 2-3, high 9); "many" / "многие" -> 10 (no high); "dozens" / "десятки" -> 12 (high 99); "scores" -> 20;
  "hundreds" / "сотни" -> 100 (high 999); "thousands" / "тысячи" -> 1000 (high 9999); "tens of thousands" /
  "десятки тысяч" -> 10,000 (high 99,999).  A vague word before a scale multiplies it: "several hundred" ->
  300 (300-900), "several dozen" -> 36, "несколько десятков" -> 30.  "a dozen" is 12, approximate.
  ``approx`` is True for all of these, for ranges and for qualified numbers.
* ``unit`` is the head noun right after the number (lower case, as written): skipping "of" after vague plurals
  ("dozens of people") and, in English, words until a count noun or a plural ("over 140 innocent civilians" ->
  "civilians"), in Russian adjective endings ("140 мирных жителей" -> "жителей"); None when nothing fits within
  three words.

Not counts: numbers inside date expressions (the ``dates`` layer, or :func:`sitrep.extract.dates.find_dates` when it has
not run), times ("10:30"), phone numbers, numbers after a number sign ("No. 5", "№ 3"), numbers glued to
letters ("A321", "COVID-19", "140-strong"), ratios
("one in five", "один из пяти"), and a lone "one" / "один" unless a count noun follows ("one soldier").  A bare
four-digit 1800-2099 is labelled "year" unless a count noun follows ("2000 people"); "22nd", "5-й" are "ordinal".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from sitrep.model import Count, Document, TextSpan
from sitrep.pipeline import stage

from . import words as W

PHONE = re.compile(
    r"\+\d[\d\s()\-]{6,}\d|\(\d{2,5}\)\s?\d[\d\s\-]{4,}\d|(?<![\d,.])\d{3}-\d{2,3}-\d{2,4}(?:-\d{2})?(?![\d,])"
)
TIME = re.compile(r"(?<![\d.,:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])")


@dataclass
class Number:
    """A number as the text gives it: bounds and best figure (see the module docstring), the noun it counts."""

    low: int | float | None
    best: int | float | None
    high: int | float | None
    text: str
    unit: str | None = None
    approx: bool = False


@stage("numbers", needs=("text", "language"), adds=("numbers",))
def numbers(doc: Document) -> Document:
    lang = doc.language or ""
    if not W.supported(lang):
        doc.warnings.append(f"numbers: no number words for language {lang!r}; numbers were not extracted")
        doc.layers.numbers = []
        return doc
    dates = [(s.start, s.end) for s in doc.layers.dates] if "dates" in doc.layers.done else None
    doc.layers.numbers = find_numbers(doc.text, lang, skip=dates)
    return doc


def find_numbers(text: str, lang: str, skip: list[tuple[int, int]] | None = None) -> list[TextSpan]:
    """Number mentions in ``text``.  ``skip``: stretches that are not numbers (date mentions); found with
    :func:`sitrep.extract.dates.find_dates` when not given."""
    if not W.supported(lang):
        return []
    lx = W.lexicon(lang)
    toks = W.tokenize(text, lx)
    inside = _inside(toks, _blocked(text, lang, skip))
    out: list[TextSpan] = []
    i = 0
    while i < len(toks):
        found = None if inside[i] else _phrase(toks, i, lx, inside)
        if found is None:
            i += 1
            continue
        span, i = found
        if span is not None:
            out.append(span)
    return out


def parse_count(phrase: str, lang: str) -> Count | None:
    """The first count or range in ``phrase`` as a Count: "over 140" -> Count(140, 140, None, "over 140")."""
    for span in find_numbers(phrase, lang):
        if span.label in ("count", "range"):
            n: Number = span.value
            return Count(_int(n.low), _int(n.best), _int(n.high), span.text)
    return None


# -- one phrase -------------------------------------------------------------------------------------------------


def _phrase(toks: W.Tokens, i: int, lx: W.Lexicon, inside: list[bool]) -> tuple[TextSpan | None, int] | None:
    """The number phrase starting at token i -> (span or None when it is not a count, next token), or None."""
    n = len(toks.starts)
    j, qual = i, None
    w = toks.low[i]
    if w not in lx.starters and not w[0].isdigit() and ("-" not in w or _split_first(w) not in lx.words):
        return None
    q = lx.qualifiers.match(toks, j)
    if q:
        qual, j = q
    close = lx.range_pairs.get(toks.low[j]) if j < n else None
    if close:
        j += 1
    if j >= n or inside[j] or (j > i and toks.gap(j).strip()):
        return None
    a = W.atom(toks, j, lx)
    if a is None or any(inside[a.start : a.end]):
        return None
    if a.ordinal:
        return _span(toks, j, a.end, "ordinal", Number(None, None, None, "")), a.end
    b = _second(toks, a, close, lx, inside)
    if close and b is None:
        return None
    end = b.end if b else a.end
    if b is None and not qual and (r := lx.ratios.match(toks, end)):
        c = W.atom(toks, r[1], lx)
        if c is not None and c.kind in ("digits", "words"):
            return None, c.end  # "one in five"
    low, best, high = a.low, a.best, a.high
    if b is not None:
        high = b.high if b.high is not None else b.best
    if qual in ("more", "at_least"):
        high = None
    elif qual == "at_most":
        low, high = None, (high if high is not None else best)
    approx = bool(qual) or b is not None or a.kind in ("vague", "plural") or a.factor == 12  # "a dozen"
    start, label, unit = i, "range" if b else "count", None
    if (p := lx.percent.match(toks, end)) and not toks.gap(end).strip():
        label, unit, end = "percent", "percent", p[1]
    elif i > 0 and toks.low[i - 1] in lx.currency_symbols and not toks.gap(i).strip():
        label, unit, start = "money", toks.low[i - 1], i - 1
    elif (cw := lx.currency_words.match(toks, end)) and not toks.gap(end).strip():
        label, unit = "money", cw[0]
    else:
        unit = _unit(toks, end, lx, a.kind in ("vague", "plural"))
    plain_one = a.kind == "words" and a.end - a.start == 1 and a.best == 1
    if plain_one and not qual and b is None and unit not in lx.count_nouns:
        return None, a.end  # "one of the", "один из"
    year = label == "count" and not qual and a.kind == "digits" and a.factor == 1 and _is_year(a.plain)
    if year and unit not in lx.count_nouns:
        label, unit = "year", None
    if label in ("count", "range") and unit in lx.duration_units:
        label = "duration"  # "over two days", "три года"
    elif label in ("count", "range") and end < len(toks.low) and toks.low[end] in lx.frequency_words:
        label = "frequency"  # "shot 6 times", "три раза": how often, not how many
    value = Number(_num(low), _num(best), _num(high), "", unit, approx)
    return _span(toks, start, end, label, value), end


def _second(toks: W.Tokens, a: W.Atom, close: str | None, lx: W.Lexicon, inside: list[bool]) -> W.Atom | None:
    """The upper end of a range after atom ``a`` ("to 5,000", "and 5,000" after "between"), or None."""
    k = a.end
    if k + 1 >= len(toks) or toks.gap(k + 1).strip() or toks.gap(k).strip():
        return None
    if not (toks.low[k] == close if close else toks.low[k] in lx.range_joiners):
        return None
    b = W.atom(toks, k + 1, lx)
    if b is None or b.ordinal or any(inside[b.start : b.end]) or a.best is None or b.best is None:
        return None
    first, last = a.best, b.best
    if b.factor > 1 and a.factor == 1 and a.kind in ("digits", "words") and first * b.factor <= last:
        a.low, a.best, a.high = (None if v is None else v * b.factor for v in (a.low, a.best, a.high))
        first *= b.factor
    return b if last >= first else None


def _unit(toks: W.Tokens, k: int, lx: W.Lexicon, linked: bool) -> str | None:
    if linked and k < len(toks) and toks.low[k] in lx.plural_links:
        k += 1
    words: list[tuple[str, bool]] = []  # (lower-case word, written in lower case)
    while k < len(toks) and len(words) < 3:
        w = toks.low[k]
        if not w[0].isalpha() or w in lx.unit_stop or toks.gap(k).strip() or "\n" in toks.gap(k):
            break
        words.append((w, toks.text[toks.starts[k]].islower()))
        k += 1
    if not words:
        return None
    if lx.unit_rule == "not_adjective":
        for w, _ in words:
            if w in lx.count_nouns or not w.endswith(lx.adjective_endings + lx.verb_endings):
                return w
            if w.endswith(lx.verb_endings):
                break
        return None if words[0][0].endswith(lx.verb_endings) else words[0][0]
    head = None  # the last of the first run of nouns: "terrorist attacks" -> "attacks", "militants attacked" -> ...
    for n, (w, _) in enumerate(words):
        noun = w in lx.count_nouns or (w.endswith(lx.plural_endings) and not w.endswith(lx.not_plural_endings))
        if noun and len(w) > 2:
            head = w
        elif head or (n > 0 and lx.verb_endings and w.endswith(lx.verb_endings)):
            break  # "140 dead included children": a verb ends the noun phrase
    if head:
        return head
    return words[0][0] if words[0][1] else None


# -- helpers ----------------------------------------------------------------------------------------------------


def _span(toks: W.Tokens, start: int, end: int, label: str, value: Number) -> TextSpan:
    s, e = toks.starts[start], toks.ends[end - 1]
    value.text = toks.text[s:e]
    return TextSpan(s, e, label, value.text, value)


def _blocked(text: str, lang: str, skip: list[tuple[int, int]] | None) -> list[tuple[int, int]]:
    if skip is None:
        from sitrep.extract.dates import find_dates  # numbers need no dates stage; they only avoid its mentions

        skip = [(s.start, s.end) for s in find_dates(text, lang, None)[0]]
    spans = list(skip) + [m.span() for m in PHONE.finditer(text)] + [m.span() for m in TIME.finditer(text)]
    return sorted(spans)


def _inside(toks: W.Tokens, blocked: list[tuple[int, int]]) -> list[bool]:
    """Per token: does it overlap a blocked stretch?"""
    flags, b = [], 0
    for s, e in zip(toks.starts, toks.ends, strict=True):
        while b < len(blocked) and blocked[b][1] <= s:
            b += 1
        hit = False
        for bs, be in blocked[b:]:
            if bs >= e:
                break
            hit = hit or s < be
        flags.append(hit)
    return flags


def _split_first(word: str) -> str:
    """ "twenty-one" -> "twenty": hyphenated number words start a phrase too."""
    return word.split("-", 1)[0]


def _is_year(plain: str) -> bool:
    return len(plain) == 4 and plain.isdigit() and 1800 <= int(plain) <= 2099


def _num(v: Fraction | None) -> int | float | None:
    if v is None:
        return None
    return int(v) if v.denominator == 1 else float(v)


def _int(v: int | float | None) -> int | None:
    return None if v is None else round(v)
