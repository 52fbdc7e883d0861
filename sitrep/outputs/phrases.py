"""The phrases a report is written in: dates, counts, values, quotes, citations, stance, as short strings.

    fmt_date(DateValue("2024-03", None, "month"))         "2024-03"
    fmt_count(Count(low=1500, high=2000), "killed")       "1,500–2,000 killed"
    quote(doc, span)                                      "“the evidence sentence …”" (from ``doc.text``)
    cite([0, 2])                                          "[1][3]"

Plain functions of records, no state; :mod:`sitrep.outputs.report` puts them together into sections.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from itertools import pairwise

from sitrep.keys import value_bounds
from sitrep.model import Count, DateValue, Document, Fact, Quantity, Span

__all__ = [
    "cite", "fmt_count", "fmt_date", "fmt_value", "from_to", "language_name", "modality_note", "num", "plural",
    "quote", "quotes", "stance", "trend_phrase",
]  # fmt: skip

_COUNT_TEXT = re.compile(r"[A-Za-z ]{0,20}\d[\d,.]*")
_COUNT_QUALIFIER = re.compile(
    r"(at least|more than|over|nearly|almost|about|around|up to|approximately|roughly|some)\s+\S", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?…][»”\"')]*\s+")
_PRECISION_LEN = {"day": 10, "month": 7, "year": 4, "decade": 4}


def fmt_date(value: DateValue | None) -> str:
    """A date as precise as it is known: "2024-03-22", "2024-03", "2015", "2010s", "2024-03 – 2024-04"."""
    if value is None or not (value.start or value.end):
        return "date unknown"
    n = _PRECISION_LEN.get(value.precision, 10)
    start = (value.start or value.end or "")[:n]
    end = (value.end or start)[:n]
    if value.precision == "decade":
        start, end = start[:3] + "0s", end[:3] + "0s"
    return start if start == end else f"{start} – {end}"


def quote(doc: Document, span: Span, limit: int = 240, focus: int | None = None) -> str:
    """The evidence as a short quote taken from ``doc.text``: trimmed to one sentence (the one containing
    ``focus`` when given) and to ``limit`` characters."""
    ok = 0 <= span.start <= span.end <= len(doc.text)
    raw = doc.text[span.start : span.end] if ok else span.text
    if len(raw) > limit:
        cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(raw)), len(raw)]
        at = (focus - span.start) if focus is not None and ok else 0
        raw = next((raw[a:b] for a, b in pairwise(cuts) if a <= at < b), raw[: cuts[1]])
    text = " ".join(raw.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return f"“{text}”"


def quotes(doc: Document, spans: list[Span], focus: int | None = None) -> str:
    """The first two spans quoted, joined by " … "."""
    return " … ".join(quote(doc, s, focus=focus) for s in spans[:2]) or "(no evidence quoted)"


def num(x: float) -> str:
    """1500 -> "1,500"; 2.5 -> "2.5"."""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


def fmt_count(count: Count | None, what: str, language: str | None = "en") -> str | None:
    """ "over 140 killed", "133 killed", "1,500–2,000 killed", "15 killed (including 1 attacker)" -- None when
    there is no figure."""
    if count is None:
        return None
    if count.attackers:  # the figure is the text's and the attackers: the words stay, not the text's number
        qualified = _COUNT_QUALIFIER.match(count.text or "")
        told = (
            f"{qualified.group(1).lower()} {num(count.best)} {what}"
            if qualified and count.best is not None
            else _fmt_figure(dataclasses.replace(count, text=None), what)
        )
        return f"{told} (including {plural(count.attackers, 'attacker')})" if told else None
    return _fmt_figure(count, what, language)


def _fmt_figure(count: Count, what: str, language: str | None = "en") -> str | None:
    if count.text and language == "en" and _COUNT_TEXT.fullmatch(count.text.strip()):
        return f"{count.text.strip()} {what}"
    low, best, high = count.low, count.best, count.high
    qualified = _COUNT_QUALIFIER.match(count.text or "") if language == "en" else None
    if qualified and best is not None:  # "at least 14 policemen" -> "at least 14 killed"
        return f"{qualified.group(1).lower()} {num(best)} {what}"
    if low is not None and high is not None and low != high:
        return f"{num(low)}–{num(high)} {what}"
    if best is not None or (low is not None and low == high):
        return f"{num(best if best is not None else low)} {what}"  # type: ignore[arg-type]
    if low is not None:
        return f"at least {num(low)} {what}"
    return f"up to {num(high)} {what}" if high is not None else None


def fmt_value(value: Quantity | None) -> str:
    """ "1,500–5,000 fighters", "200 fighters", or the value's own text."""
    if value is None:
        return ""
    unit = f" {value.unit}" if value.unit else ""
    if value.low is not None and value.high is not None and value.low != value.high:
        return f"{num(value.low)}–{num(value.high)}{unit}"
    one = value.low if value.low is not None else value.high
    return f"{num(one)}{unit}" if one is not None else value.text


def cite(indexes: Sequence[int]) -> str:
    """Document indexes as the report's citations: [0, 2] -> "[1][3]"."""
    return "".join(f"[{i + 1}]" for i in sorted(set(indexes)))


def plural(n: int, word: str) -> str:
    """ "1 event", "2 events"."""
    return f"{n} {word}{'s' if n != 1 else ''}"


def from_to(first: str, last: str) -> str:
    """ "2024-03 to 2024-05", or one of them when they are the same."""
    return first if first == last else f"{first} to {last}"


def stance(modalities: Sequence[str], said: Sequence[str]) -> str:
    """'hedged; according to Sami Sadat' -- empty when asserted and unattributed."""
    parts = sorted(set(modalities) - {"asserted"}) + ([f"according to {', '.join(said)}"] if said else [])
    return "; ".join(parts)


def modality_note(modalities: Sequence[str], said: Sequence[str]) -> str:
    """' (hedged; according to Sami Sadat)' -- empty when asserted and unattributed."""
    inner = stance(modalities, said)
    return f" ({inner})" if inner else ""


def trend_phrase(f: Fact) -> str:
    """'decrease from several hundred attacks (2015 – 2017) to several dozen (2021-08-15 – 2024-05-15)'."""
    t = f.trend
    assert t is not None

    def side(q: Quantity | None, d: DateValue | None) -> str:
        text = q.text if q is not None else "?"
        return text + (f" ({fmt_date(d)})" if value_bounds(d) else "")

    unit = next((q.unit for q in (t.before, t.after) if q is not None and q.unit), None)
    what = f" in {unit}" if unit else ""
    return f"{t.direction}{what} from {side(t.before, t.before_date)} to {side(t.after, t.after_date)}"


def language_name(code: str | None) -> str:
    """ "ru" -> "Russian" (ISO 639)."""
    if not code:
        return "unknown language"
    import pycountry  # loaded on first use: it reads its databases when imported

    lang = pycountry.languages.get(alpha_2=code)
    return lang.name if lang else code
