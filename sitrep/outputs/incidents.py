"""The ``incidents`` export: one incident per line (JSON), the same incident told by several documents once.

    {"incident_id", "type", "mode", "acled_event_type", "acled_sub_event_type", "date", "place", "country_code",
     "lat", "lon", "fatalities", "injuries", "reports": [{"doc_id", "event_id", "source", "language", "published",
     "fatalities", "injuries"}]}

``fatalities`` and ``injuries`` are reconciled from every report (:func:`sitrep.linking.reconcile`: the lowest low,
the median best, the highest high); each report keeps its own.  Incidents are the store's (``links``) when the
documents come from a store, else grouped by :func:`sitrep.outputs.groups.group_events`; the type, mode and place
are those of the most complete report, the date the narrowest any report gives.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import Any, TextIO

from sitrep.linking import Links
from sitrep.model import Count, Document

from .groups import group_events


def write(docs: Iterable[Document], out: TextIO, *, places: bool = False, links: Links | None = None) -> int:
    """One incident per line, in order of first report; the number of lines.  ``places`` is unused."""
    docs = list(docs)
    n = 0
    for group in group_events(docs, links):
        i, lead = group.lead()
        doc = docs[i]
        place = doc.entity(lead.location)
        geo = place.geo if place else None
        record = {
            "incident_id": (links or {}).get((doc.id, lead.id)) or f"{doc.id}#{lead.id}",
            "type": lead.type, "mode": lead.mode, "acled_event_type": lead.acled_event_type,
            "acled_sub_event_type": lead.acled_sub_event_type,
            "date": dataclasses.asdict(group.date) if group.date else None,
            "place": place.name if place else None,
            "country_code": (geo.country_code if geo else place.country) if place else None,
            "lat": geo.lat if geo else None, "lon": geo.lon if geo else None,
            "fatalities": _count(group.fatalities), "injuries": _count(group.injuries),
            "reports": [{"doc_id": docs[j].id, "event_id": ev.id, "source": docs[j].source,
                         "language": docs[j].language, "published": docs[j].published,
                         "fatalities": _count(ev.fatalities), "injuries": _count(ev.injuries)}
                        for j, ev in group.members],
        }  # fmt: skip
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def _count(c: Count | None) -> dict[str, Any] | None:
    return None if c is None else {"low": c.low, "best": c.best, "high": c.high}
