"""The ``csv`` export: one row per event, ACLED's columns first, sitrep's after them.

    write(docs, out) -> rows written          acled_row(doc, event) -> one row as a dict
    write(docs, out, links=store.incident_links())   one row per incident (incident_rows), as the store linked them

Columns follow ACLED's export, in ACLED's order (:data:`ACLED_COLUMNS`), so the file loads where ACLED data
does.  What sitrep cannot know is left empty: ``region``, ``admin2`` (unless the gazetteer knows it), ``admin3``,
``source_scale``, ``tags``, ``timestamp``; ``inter1``/``inter2`` only say 1 (state forces: governments, security
forces) or 2 (armed groups), and ``interaction`` is filled when both are known.  Choices where sitrep's data is
richer than ACLED's:

* ``event_id_cnty`` is ``<doc id>#<event id>``; ``event_date`` is the first day of the event's date;
* ``time_precision`` is 1 for a day, 2 for a span of a week or less, 3 for a month or coarser; empty when undated;
* ``fatalities`` is the best estimate, else the lowest, else 0 (ACLED's rule for unknown counts);
* ``actor1`` is the first actor, or when nobody is named the first group that claimed the event;
* ``notes`` is the evidence sentence(s) quoted from the text; ``geo_precision`` is 1 for a town or a site,
  2 for a district, 3 for a province or a country;
* a text cell that starts like a spreadsheet formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) gets a
  leading ``'`` (:func:`safe_cell`), so that opening the file never runs what a hostile text put there.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from typing import Any, TextIO

from sitrep.keys import value_bounds
from sitrep.linking import Links, reconcile
from sitrep.model import Count, Document, Event

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
SITREP_COLUMNS = (
    "plover_type", "plover_mode", "modality", "attributed_to", "confidence", "doc_id", "event_id", "evidence_start",
    "evidence_end", "injuries", "arrested", "claimed_by", "fatalities_low", "fatalities_high", "date_end",
    "date_precision", "url",
)  # fmt: skip
CSV_COLUMNS = ACLED_COLUMNS + SITREP_COLUMNS
INCIDENT_COLUMNS = ("incident_id", "reports", "report_ids")  # after the others, when a row is an incident

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # and full-width forms
_INTER = {"government": 1, "security_force": 1, "armed_group": 2}
_GEO_PRECISION = {"place": 1, "city": 1, "admin2": 2, "admin1": 3, "country": 3}
_DISORDER = {  # ACLED event type -> disorder type; sub-event types that differ are in _DISORDER_SUB
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_DISORDER_SUB = {"Excessive force against protesters": "Political violence; Demonstrations",
                 "Mob violence": "Political violence"}  # fmt: skip
_DISORDER_PLOVER = {"ASSAULT": "Political violence", "PROTEST": "Demonstrations"}


def write(docs: Iterable[Document], out: TextIO, *, places: bool = False, links: Links | None = None) -> int:
    """Write the CSV (a header, then one row per event of ``docs``); the number of rows.  ``places`` is unused.
    With ``links`` (the store's incidents), one row per incident instead (:func:`incident_rows`)."""
    fields = CSV_COLUMNS + (INCIDENT_COLUMNS if links is not None else ())
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    rows = incident_rows(docs, links) if links is not None else (acled_row(d, ev) for d in docs for ev in d.events)
    n = 0
    for row in rows:
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
        n += 1
    return n


def incident_rows(docs: Iterable[Document], links: Links) -> list[dict[str, Any]]:
    """One row per incident, in order of first report: the row of its most complete report (named actors and
    targets first, then confidence), with the counts reconciled from every report (the lowest low, the median
    best, the highest high), every source in ``source`` ("; " between them, as ACLED does) and the reports in
    ``reports`` ("doc#event; ...")."""
    found: dict[str, list[tuple[tuple[bool, bool, float], dict[str, Any], Event]]] = {}
    for doc in docs:
        for ev in doc.events:
            key = links.get((doc.id, ev.id)) or f"{doc.id}#{ev.id}"
            rank = (bool(ev.actors), bool(ev.targets), ev.confidence)
            found.setdefault(key, []).append((rank, acled_row(doc, ev), ev))
    out = []
    for key, members in found.items():
        row = dict(max(members, key=lambda m: m[0])[1])
        fat, inj = reconcile(m[2].fatalities for m in members), reconcile(m[2].injuries for m in members)
        row.update(fatalities=figure(fat) or 0, fatalities_low=_or_empty(fat.low if fat else None),
                   fatalities_high=_or_empty(fat.high if fat else None), injuries=_or_empty(figure(inj)),
                   source="; ".join(dict.fromkeys(m[1]["source"] for m in members if m[1]["source"])),
                   incident_id=key, reports=len(members),
                   report_ids="; ".join(m[1]["event_id_cnty"] for m in members))  # fmt: skip
        out.append(row)
    return out


def safe_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula (``=HYPERLINK(...)``, ``+``, ``-``, ``@``, a tab or
    a carriage return first) is written with a ``'`` before it, which spreadsheets show as text; numbers stay.
    A carriage return becomes a line feed (quoted by the writer, where a lone CR would break the row)."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")  # the csv module does not quote a lone CR
    first = value[:1] if value[:1] in _FORMULA_STARTS else value.lstrip()[:1]
    return "'" + value if first and first in _FORMULA_STARTS else value


def acled_row(doc: Document, ev: Event) -> dict[str, Any]:
    """One event as a CSV row: ACLED's columns, then sitrep's (see the module docstring)."""
    names = EntityNames(doc)
    first = (ev.actors or ev.claimed_by)[:1]
    others = [a for a in ev.actors if a not in first]
    bounds = value_bounds(ev.date)
    place = doc.entity(ev.location)
    geo = place.geo if place else None
    code = geo.country_code if geo else (place.country if place else None)
    inter1, inter2 = _inter(doc, first), _inter(doc, ev.targets[:1])
    fatalities = figure(ev.fatalities)
    return {
        "event_id_cnty": f"{doc.id}#{ev.id}",
        "event_date": bounds[0] if bounds else "",
        "year": bounds[0][:4] if bounds else "",
        "time_precision": _time_precision(ev, bounds),
        "disorder_type": disorder_type(ev),
        "event_type": ev.acled_event_type or "",
        "sub_event_type": ev.acled_sub_event_type or "",
        "actor1": names.join(first),
        "assoc_actor_1": names.join(others),
        "inter1": inter1,
        "actor2": names.join(ev.targets[:1]),
        "assoc_actor_2": names.join(ev.targets[1:]),
        "inter2": inter2,
        "interaction": f"{min(inter1, inter2)}{max(inter1, inter2)}" if inter1 and inter2 else "",
        "civilian_targeting": "Civilian targeting" if ev.acled_event_type == "Violence against civilians" else "",
        "iso": _iso_numeric(code),
        "region": "",
        "country": country_name(doc, code),
        "admin1": (geo.admin1 or "") if geo else "",
        "admin2": (geo.admin2 or "") if geo else "",
        "admin3": "",
        "location": place.name if place else "",
        "latitude": geo.lat if geo else "",
        "longitude": geo.lon if geo else "",
        "geo_precision": (geo.precision or _GEO_PRECISION.get(geo.feature, "")) if geo else "",
        "source": doc.source or "",
        "source_scale": "",
        "notes": " ".join(" ".join(s.text.split()) for s in ev.evidence),
        "fatalities": fatalities if fatalities is not None else 0,
        "tags": "",
        "timestamp": "",
        "plover_type": ev.type,
        "plover_mode": ev.mode or "",
        "modality": ev.modality,
        "attributed_to": names.join([ev.attributed_to] if ev.attributed_to else []),
        "confidence": ev.confidence,
        "doc_id": doc.id,
        "event_id": ev.id,
        "evidence_start": ev.evidence[0].start if ev.evidence else "",
        "evidence_end": ev.evidence[-1].end if ev.evidence else "",
        "injuries": _or_empty(figure(ev.injuries)),
        "arrested": _or_empty(figure(ev.arrested)),
        "claimed_by": names.join(ev.claimed_by),
        "fatalities_low": _or_empty(ev.fatalities.low if ev.fatalities else None),
        "fatalities_high": _or_empty(ev.fatalities.high if ev.fatalities else None),
        "date_end": bounds[1] if bounds else "",
        "date_precision": ev.date.precision,
        "url": doc.url or "",
    }


def disorder_type(ev: Event) -> str:
    """ACLED's disorder type, from the ACLED labels when set, else from the PLOVER type."""
    if ev.acled_sub_event_type in _DISORDER_SUB:
        return _DISORDER_SUB[ev.acled_sub_event_type]
    if ev.acled_event_type in _DISORDER:
        return _DISORDER[ev.acled_event_type]
    if ev.type == "COERCE" and ev.mode != "arrest":
        return "Political violence"
    return _DISORDER_PLOVER.get(ev.type, "Strategic developments")


def _time_precision(ev: Event, bounds: tuple[str, str] | None) -> int | str:
    if bounds is None:
        return ""
    if ev.date.precision != "day":
        return 3
    days = (date.fromisoformat(bounds[1]) - date.fromisoformat(bounds[0])).days
    return 1 if days == 0 else 2 if days <= 7 else 3


def figure(count: Count | None) -> int | None:
    """The one figure of a count: the best estimate, else the lowest."""
    if count is None:
        return None
    return count.best if count.best is not None else count.low


def _or_empty(value: Any) -> Any:
    return "" if value is None else value


def _inter(doc: Document, ids: list[str]) -> int | str:
    ent = doc.entity(ids[0]) if ids else None
    return _INTER.get(ent.type, "") if ent else ""


def _iso_numeric(code: str | None) -> int | str:
    country = _pycountry(code)
    return int(country.numeric) if country else ""


def country_name(doc: Document | None, code: str | None) -> str:
    """A country's name: the document's own ("Russia", not "Russian Federation"), else ISO 3166's."""
    if not code:
        return ""
    for ent in doc.entities if doc else ():
        if ent.type == "country" and (ent.country == code or (ent.geo and ent.geo.country_code == code)):
            return ent.name
    country = _pycountry(code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def _pycountry(code: str | None) -> Any:
    if not code:
        return None
    import pycountry  # loaded on first use: it reads its databases when imported

    return pycountry.countries.get(alpha_2=code)


class EntityNames:
    """Entity ids of one document turned into names."""

    def __init__(self, doc: Document):
        self.by_id = {e.id: e.name for e in doc.entities}

    def join(self, ids: Iterable[str]) -> str:
        return "; ".join(self.by_id.get(i, i) for i in ids)
