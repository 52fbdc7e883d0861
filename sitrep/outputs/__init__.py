"""What comes out of sitrep besides a document's JSON: exports for other tools, and the report.

    export(docs, "jsonl", out)            one document per line, the output contract
    export(docs, "csv", out)              one row per event; ACLED's columns first, sitrep's after them
    export(docs, "geojson", out)          a FeatureCollection: one Point per located event (places=True: and place)
    export(docs, "stix", out)             a STIX 2.1 bundle (OpenCTI, MISP through misp-stix); docs/stix-misp.md
    export(docs, "misp", out)             MISP events, one per document, in MISP's JSON

Each returns the number of lines, rows or features written.  :data:`FORMATS` is the registry the CLI's
``sitrep export --format`` choices come from: one module per format (``jsonl.py``, ``acled_csv.py``,
``geojson.py``, ``stix.py``, ``misp.py``), each with ``write(docs, out, *, places=False) -> int``.  Adding a format
is one module and one
line in :data:`FORMATS`.

The report (``report.py``, with ``groups.py`` and ``phrases.py``) and the output contract (``contract.py``,
the JSON Schema in ``schema/``) live here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

from sitrep.errors import ConfigError
from sitrep.linking import Links
from sitrep.model import Document

from . import acled_csv, geojson, incidents, jsonl, misp, stix


class Writer(Protocol):
    def __call__(self, docs: Iterable[Document], out: TextIO, *, places: bool = False) -> int: ...


@dataclass(frozen=True)
class Format:
    write: Writer
    description: str  # one line, for --help
    incidents: bool = False  # the writer also takes ``links=`` and then writes a record per incident


FORMATS: dict[str, Format] = {
    "jsonl": Format(jsonl.write, "one document per line, the output contract"),
    "csv": Format(acled_csv.write, "one row per incident (--reports: per event), ACLED's columns first", True),
    "geojson": Format(geojson.write, "a FeatureCollection of located incidents (--reports: events; --places: and "
                      "places)", True),
    "stix": Format(stix.write, "a STIX 2.1 bundle for OpenCTI and misp-stix"),
    "misp": Format(misp.write, "MISP events, one per document"),
    "incidents": Format(incidents.write, "one incident per line (JSON): its reports and reconciled counts", True),
}


def export(docs: Iterable[Document], fmt: str, out: TextIO, *, places: bool = False,
           links: Links | None = None) -> int:  # fmt: skip
    """Write ``docs`` to ``out`` as ``fmt`` (a name in :data:`FORMATS`); the number of lines/rows/features written.
    ``links`` (the store's incidents, :meth:`sitrep.store.BaseStore.incident_links`): the formats of events
    (csv, geojson, incidents) write one record per incident; the others ignore them."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    form = FORMATS[fmt]
    if links is None or not form.incidents:
        return form.write(docs, out, places=places)
    write: Any = form.write  # a writer of incidents takes links too
    return int(write(docs, out, places=places, links=links))
