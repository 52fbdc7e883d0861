"""The keys documents are compared and filtered by: folded names and the days a date covers.

    fold("Ёлкин  Bank")                       "елкин bank"  -- how names are compared everywhere
    date_bounds("2024-03")                    ("2024-03-01", "2024-03-31")
    value_bounds(DateValue(...))              the same for a DateValue (None when undated)
    window(since="2024-03", until=None)       ("2024-03-01", "9999-12-31"), the days a filter keeps
    entity_key(entity)                        "kb:iskp": what makes entities of two documents one actor or place
                                              ("person:magomed omarov:" for «Магомед Омаров» and "Magomed Omarov")

A base layer: the store (its rows and filters), the report and the exports all use these, so they live below
them and import nothing but :mod:`sitrep.model`, :mod:`sitrep.errors` and :mod:`sitrep.translit`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from sitrep.errors import ConfigError
from sitrep.model import DateValue, Entity
from sitrep.translit import name_key

__all__ = ["date_bounds", "entity_key", "fold", "key_of", "value_bounds", "window"]

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def fold(name: str) -> str:
    """The key names are compared by: case-folded, "ё" as "е", spaces collapsed."""
    return " ".join(name.casefold().replace("ё", "е").split())


def entity_key(ent: Entity) -> str:
    """The key one actor or place has across documents: its actor-KB id, else its GeoNames id, else its Wikidata
    id, else its type, name key and country ("person:sadat sami:"; the name key is the same for a name in Cyrillic
    and in Latin letters, :func:`sitrep.translit.name_key`)."""
    geonameid = ent.geo.geonameid if ent.geo is not None else None
    return key_of(ent.kb_id, geonameid, ent.wikidata, ent.type, ent.name, ent.country)


def key_of(kb_id: str | None, geonameid: int | None, wikidata: str | None, type_: str, name: str,
           country: str | None) -> str:  # fmt: skip
    """:func:`entity_key` from an entity's fields (a store row)."""
    if kb_id:
        return kb_id
    if geonameid:
        return f"geo:{geonameid}"
    return wikidata or f"{type_}:{name_key(name) or fold(name)}:{country or ''}"


def date_bounds(start: str | None, end: str | None = None, precision: str = "unknown") -> tuple[str, str] | None:
    """First and last day ("YYYY-MM-DD") a contract date covers; None when it has no (valid) date."""
    start, end = start or end, end or start
    if start is None or end is None or not _ISO.match(start) or not _ISO.match(end):
        return None
    first = _first_day(start)
    last = _last_day(end, decade=precision == "decade")
    return (min(first, last), max(first, last)) if first and last else None


def value_bounds(value: DateValue | None) -> tuple[str, str] | None:
    return date_bounds(value.start, value.end, value.precision) if value else None


def window(since: str | date | None, until: str | date | None) -> tuple[str, str]:
    """The (first, last) days of a since/until filter; raises ConfigError for a value that is not a date."""
    lo, hi = "0000-01-01", "9999-12-31"
    for name, value in (("since", since), ("until", until)):
        if value is None:
            continue
        if isinstance(value, datetime):
            value = value.date()
        text = value.isoformat() if isinstance(value, date) else str(value).strip()
        bounds = date_bounds(text)
        if bounds is None:
            raise ConfigError(f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        if name == "since":
            lo = bounds[0]
        else:
            hi = bounds[1]
    return lo, hi


def _first_day(iso: str) -> str | None:
    y, m, d = _ISO.match(iso).groups()  # type: ignore[union-attr]
    return _valid(int(y), int(m or 1), int(d or 1))


def _last_day(iso: str, decade: bool = False) -> str | None:
    y, m, d = _ISO.match(iso).groups()  # type: ignore[union-attr]
    year = int(y) + (9 if decade and m is None else 0)
    month = int(m or 12)
    if not 1 <= month <= 12:
        return None
    return _valid(year, month, int(d) if d else calendar.monthrange(year, month)[1])


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None
