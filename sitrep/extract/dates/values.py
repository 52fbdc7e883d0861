"""What a date match means: the arithmetic behind the ``dates`` stage's conventions (see its docstring).

:func:`resolve` turns one match of :mod:`.patterns` into a ``(label, DateValue)`` against the publication date
and the previous date in the text; everything else here is its helpers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from fractions import Fraction

from sitrep.model import DateValue, Precision

from . import patterns as P

PART_SHARE = {
    "begin": (Fraction(0), Fraction(1, 3)),
    "mid": (Fraction(1, 3), Fraction(2, 3)),
    "end": (Fraction(2, 3), Fraction(1)),
    "first_half": (Fraction(0), Fraction(1, 2)),
    "second_half": (Fraction(1, 2), Fraction(1)),
}
SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
UNIT_PRECISION: dict[str, Precision] = {"day": "day", "week": "day", "month": "month", "year": "year", "decade": "year"}
FINE_ENOUGH = {"day": {"day"}, "week": {"day"}, "month": {"day", "month"}, "year": {"day", "month", "year"}}
HINT = "pass --published YYYY-MM-DD"


# -- resolving one match ----------------------------------------------------------------------------------------


def resolve(
    m: P.Match, quoted: str, lang: str, pub: dt.date | None, prev: DateValue | None, warnings: list[str]
) -> tuple[str, DateValue] | None:
    v = P.vocab(lang)
    mode = v.preps.get(P.key(m.slots["prep"])) if "prep" in m.slots else None
    if m.kind == "anchored":
        return f"anchored:{m.info['anchored']}", DateValue(None, None, "unknown", quoted)
    if m.kind == "historical":
        a = m.info["anchor"]
        return "historical", _apply_mode(DateValue(a["start"], a.get("end"), a["precision"], quoted), mode, pub)
    if m.kind == "anaphoric":
        return "anaphoric", _anaphoric(m, v, quoted, prev)
    value: DateValue | None
    if m.kind == "calendar":
        value = _calendar(m.slots, v, pub, quoted, warnings)
    elif m.kind == "relative":
        value = _relative(m.info, pub, quoted, warnings)
        mode = m.info.get("mode", mode)
    else:  # ago, past
        value = _ago_or_past(m, v, pub, quoted, warnings)
    return None if value is None else ("date", _apply_mode(value, mode, pub))


def _calendar(s: dict[str, str], v: P.Vocab, pub: dt.date | None, quoted: str, warnings: list[str]) -> DateValue | None:
    year = _int(s.get("year") or s.get("yyyy"))
    year2 = _int(s.get("year2"))
    month = v.months[P.key(s["month"])] if "month" in s else _int(s.get("mm"))
    month2 = v.months[P.key(s["month2"])] if "month2" in s else None
    day, day2 = _int(s.get("day") or s.get("dd")), _int(s.get("day2"))
    part = v.parts[P.key(s["part"])] if "part" in s else None
    rel = v.rel[P.key(s["rel"])] if "rel" in s else None
    if "year_rel" in s:
        if pub is None:
            if month is None:
                return _unresolved(quoted, warnings)
        else:
            year = pub.year + v.year_rel[P.key(s["year_rel"])]
    if "decade" in s or "decade_short" in s:
        first = _int(s.get("decade")) or _short_decade(int(s["decade_short"]))
        if part:
            lo, hi = _share(part, 10)
            return DateValue(str(first + lo), str(first + hi), "year", quoted)
        return DateValue(str(first), str(first + 9), "decade", quoted)
    if "season" in s:
        if P.key(s["season"]) in v.season_needs_year and year is None and rel is None and "year_rel" not in s:
            return None  # "the fall of Kabul"
        return _season(v.seasons[P.key(s["season"])], year, rel, pub, quoted, warnings)
    if "weekday" in s and month is None:
        return _weekday(v.weekdays[P.key(s["weekday"])], rel, pub, quoted, warnings)
    if month is not None:
        return _month_date(year, month, month2, day, day2, part, rel, pub, quoted, warnings)
    if year is None:
        return None
    if year2 is not None:
        return DateValue(str(year), str(year2), "year", quoted) if year2 >= year else None
    if part:
        lo, hi = _share(part, 12)
        return DateValue(_ym(year, lo + 1), _ym(year, hi + 1), "month", quoted)
    return DateValue(str(year), str(year), "year", quoted)


def _month_date(
    year: int | None,
    month: int,
    month2: int | None,
    day: int | None,
    day2: int | None,
    part: str | None,
    rel: int | None,
    pub: dt.date | None,
    quoted: str,
    warnings: list[str],
) -> DateValue | None:
    last = month2 or month
    year1 = year
    if year is None and pub is not None:
        if rel is not None:
            year = _rel_month_year(last, rel, pub)
        else:
            year = pub.year if (last, day2 or day or 1) <= (pub.month, pub.day) else pub.year - 1
    length = calendar.monthrange(year or 2024, month)[1]  # without a year, 29 February may be
    if (day is not None and day > length) or (day2 is not None and (day is None or day2 <= day or day2 > length)):
        return None  # 31 April, 29 February 2023, "23-22 March"
    if year is None:
        partial = f"--{month:02d}" + (f"-{day:02d}" if day else "")
        if month2:
            partial += f"/--{month2:02d}"
        elif day2:
            partial += f"/--{month:02d}-{day2:02d}"
        what = "day and month" if day else "months" if (month2 or day2) else "month"
        warnings.append(f'no publication date: "{quoted}" kept as {what} only ({partial}); {HINT}')
        return DateValue(None, None, "day" if day else "month", quoted, partial)
    if month2 is not None:
        year1 = year if month <= month2 else year - 1
        return DateValue(_ym(year1, month), _ym(year, month2), "month", quoted)
    if day is not None:
        return DateValue(_ymd(year, month, day), _ymd(year, month, day2 or day), "day", quoted)
    if part:
        a, b = PART_SHARE[part]
        length = calendar.monthrange(year, month)[1]
        first, last_day = math.floor(a * 30) + 1, length if b == 1 else math.ceil(b * 30)
        return DateValue(_ymd(year, month, first), _ymd(year, month, last_day), "day", quoted)
    return DateValue(_ym(year, month), _ym(year, month), "month", quoted)


def _rel_month_year(month: int, rel: int, pub: dt.date) -> int:
    """The year of "last March" (most recent before the publication month), "this March", "next March"."""
    if rel < 0:
        return pub.year if month < pub.month else pub.year - 1
    if rel > 0:
        return pub.year if month > pub.month else pub.year + 1
    return pub.year


def _season(
    season: str, year: int | None, rel: int | None, pub: dt.date | None, quoted: str, warnings: list[str]
) -> DateValue:
    first, last = SEASON_MONTHS[season]
    if year is None:  # the year a season ends in: most recent started one, or as "last/this/next" says
        if pub is None:
            return _unresolved(quoted, warnings)
        ym = (pub.year, pub.month)
        end_year = pub.year + (1 if first > last and pub.month >= first else 0)

        def start_of(y: int) -> tuple[int, int]:
            return (y - 1, first) if first > last else (y, first)

        if rel is None or rel == 0:
            year = end_year if start_of(end_year) <= ym or rel == 0 else end_year - 1
        elif rel < 0:
            year = end_year if (end_year, last) < ym else end_year - 1
        else:
            year = end_year if start_of(end_year) > ym else end_year + 1
    start_year = year - 1 if first > last else year
    return DateValue(_ym(start_year, first), _ym(year, last), "month", quoted)


def _weekday(wd: int, rel: int | None, pub: dt.date | None, quoted: str, warnings: list[str]) -> DateValue:
    if pub is None:
        return _unresolved(quoted, warnings)
    if rel is None:
        day = pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
    elif rel < 0:
        day = pub - dt.timedelta(days=(pub.weekday() - wd - 1) % 7 + 1)
    elif rel == 0:
        day = pub + dt.timedelta(days=wd - pub.weekday())
    else:
        day = pub + dt.timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
    return DateValue(day.isoformat(), day.isoformat(), "day", quoted)


def _relative(info: dict, pub: dt.date | None, quoted: str, warnings: list[str]) -> DateValue:
    unit, shift = info["unit"], info.get("shift")
    if shift is None:
        return DateValue(None, None, "unknown", quoted)
    if pub is None:
        return _unresolved(quoted, warnings)
    if unit == "week":
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=shift)
        sunday = pub if info.get("to_date") else monday + dt.timedelta(days=6)
        return DateValue(monday.isoformat(), sunday.isoformat(), "day", quoted)
    start = _point(pub, unit, shift)
    return DateValue(start, pub.isoformat() if info.get("to_date") else start, UNIT_PRECISION[unit], quoted)


def _ago_or_past(m: P.Match, v: P.Vocab, pub: dt.date | None, quoted: str, warnings: list[str]) -> DateValue:
    unit, n = _unit_count(m.slots, v)
    if n is None:
        return DateValue(None, None, "unknown", quoted)
    if pub is None:
        return _unresolved(quoted, warnings)
    start = _point(pub, unit, -n)
    return DateValue(start, start if m.kind == "ago" else pub.isoformat(), UNIT_PRECISION[unit], quoted)


def _anaphoric(m: P.Match, v: P.Vocab, quoted: str, prev: DateValue | None) -> DateValue:
    if m.info.get("same"):  # "at that time": whatever the previous date was
        if prev is None or (prev.start is None and prev.partial is None):
            return DateValue(None, None, "unknown", quoted)
        return DateValue(prev.start, prev.end, prev.precision, quoted, prev.partial)
    shift = m.info.get("shift", 0)
    unit = m.info.get("unit")
    if "unit" in m.slots:
        unit, n = _unit_count(m.slots, v)
        if n is None:
            return DateValue(None, None, "unknown", quoted)
        shift *= n
    if prev is None or prev.start is None or unit not in FINE_ENOUGH or prev.precision not in FINE_ENOUGH[unit]:
        return DateValue(None, None, "unknown", quoted)
    start = _point(_as_date(prev.start), unit, shift)
    return DateValue(start, start, UNIT_PRECISION[unit], quoted)


# -- helpers ----------------------------------------------------------------------------------------------------


def _apply_mode(value: DateValue, mode: str | None, pub: dt.date | None) -> DateValue:
    if value.start is None or mode in (None, "at"):
        return value
    now = pub.isoformat() if pub else None
    if mode == "since":
        return DateValue(value.start, now, value.precision, value.text)
    if mode == "after":
        return DateValue(value.end or value.start, now, value.precision, value.text)
    if mode == "before":
        return DateValue(None, value.start, value.precision, value.text)
    return DateValue(None, value.end or value.start, value.precision, value.text)  # until


def _unit_count(s: dict[str, str], v: P.Vocab) -> tuple[str, int | None]:
    """(unit, how many) from {num} {unit}: "two years" -> 2, "a year" / "год" -> 1, "years" / "several" -> None."""
    unit, needs_number = v.units[P.key(s["unit"])]
    if "num" not in s:
        return unit, None if needs_number else 1
    num = s["num"]
    return unit, int(num) if num.isdigit() else v.numbers[P.key(num)]


def _point(day: dt.date, unit: str, shift: int) -> str:
    """``day`` moved by ``shift`` units, written at the unit's precision."""
    if unit in ("day", "week"):
        return (day + dt.timedelta(days=shift * (7 if unit == "week" else 1))).isoformat()
    if unit == "month":
        total = day.year * 12 + day.month - 1 + shift
        return _ym(total // 12, total % 12 + 1)
    return str(day.year + shift * (10 if unit == "decade" else 1))


def _as_date(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _share(part: str, n: int) -> tuple[int, int]:
    a, b = PART_SHARE[part]
    return math.floor(a * n), math.ceil(b * n) - 1


def _short_decade(two: int) -> int:
    return 1900 + two if two >= 20 else 2000 + two


def _unresolved(quoted: str, warnings: list[str]) -> DateValue:
    warnings.append(f'no publication date: "{quoted}" could not be resolved; {HINT}')
    return DateValue(None, None, "unknown", quoted)


def parse_published(published: str | None, warnings: list[str]) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published.strip()[:10])
    except ValueError:
        warnings.append(f"publication date {published!r} is not YYYY-MM-DD; relative dates were not resolved")
        return None


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _ymd(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"
