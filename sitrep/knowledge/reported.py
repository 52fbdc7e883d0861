"""Where reporting has placed a town's name: the countries human coders gave each name.

``reported_places.tsv`` (built by ``scripts/build_reported_places.py`` from RAND RDWTI train) counts, for every city
name RAND's coders wrote in an incident's description, the countries they coded it in. Read as evidence, not as
a gazetteer: it has no points. The places stage uses it to choose between places of one name and to put a town
the gazetteer does not know in its country.

    >>> countries("Iskandariyah")
    {'IQ': 1.0}
"""

from __future__ import annotations

from functools import cache

from .files import data_path
from .gazetteer_index import norm

__all__ = ["countries", "reports"]


def _key(name: str) -> str:
    return norm(name).casefold()


@cache
def _table() -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    with data_path("reported_places.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            name, iso, n = line.rstrip("\n").split("\t")
            row = table.setdefault(_key(name), {})
            row[iso] = row.get(iso, 0) + int(n)
    return table


def reports(name: str) -> int:
    """How many coded incidents wrote ``name`` for their town."""
    return sum(_table().get(_key(name), {}).values())


def countries(name: str) -> dict[str, float]:
    """The share of each country among the coded incidents that wrote ``name`` for their town ({} when none)."""
    row = _table().get(_key(name), {})
    total = sum(row.values())
    return {iso: n / total for iso, n in row.items()} if total else {}
