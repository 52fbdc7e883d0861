"""The output contract, checked: JSON Schema plus what a schema cannot say.

``problems(data)`` returns every way a document dict breaks the contract: schema violations, spans whose
``text`` is not ``data["text"][start:end]``, and references to entity ids that do not exist.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

SCHEMA_FILE = "document.schema.json"


@cache
def schema() -> dict[str, Any]:
    text = resources.files("sitrep").joinpath("outputs", "schema", SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema())
    return cls(schema())


def problems(data: dict[str, Any]) -> list[str]:
    """Everything wrong with ``data`` as a contract document; an empty list means it is valid."""
    found = [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in _validator().iter_errors(data)]
    if found:
        return found
    text = data["text"]
    ids = {e["id"] for e in data["entities"]}
    if len(ids) != len(data["entities"]):
        found.append("entities: duplicate ids")

    def spans(where: str, items: list[dict[str, Any]]) -> None:
        for s in items:
            if not (0 <= s["start"] <= s["end"] <= len(text)) or text[s["start"] : s["end"]] != s["text"]:
                found.append(f"{where}: span {s['start']}:{s['end']} does not quote the text ({s['text'][:40]!r})")

    def refs(where: str, values: list[str | None]) -> None:
        for v in values:
            if v is not None and v not in ids:
                found.append(f"{where}: unknown entity id {v!r}")

    for e in data["entities"]:
        spans(f"entity {e['id']}", e["mentions"])
    for ev in data["events"]:
        spans(f"event {ev['id']}", ev["evidence"])
        refs(
            f"event {ev['id']}", [*ev["actors"], *ev["targets"], *ev["claimed_by"], ev["location"], ev["attributed_to"]]
        )
    for f in data["facts"]:
        spans(f"fact {f['id']}", f["evidence"])
        refs(f"fact {f['id']}", [f["subject"], f["object"], f["attributed_to"]])
    return found
