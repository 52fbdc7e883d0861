"""The label sets and crosswalks (``data/ontology.yaml``): PLOVER types and modes, ACLED event and sub-event
types, GTD attack types, and how modality weighs on confidence.  Loaded on first use, cached."""

from __future__ import annotations

from functools import cache
from typing import Any

from sitrep.knowledge.files import load_yaml


@cache
def ontology() -> dict[str, Any]:
    return load_yaml("ontology.yaml")


def confidence(weight: float, filled: int, mentions: int, modality: str, depth: int = 0) -> float:
    """A score in [0, 1]: how sure the trigger words are, how many roles are filled, how often it is told, and
    how much deeper in its sentence than another event it is told (``depth``, in verbs: "blamed Israel for the
    bombing" tells the bombing in passing, as what the blame is about)."""
    base = weight + 0.05 * min(filled, 5) + 0.05 * min(mentions - 1, 3)
    by_depth = ontology()["confidence_by_depth"]
    factor = ontology()["confidence_factor"].get(modality, 0.5) * by_depth[min(depth, len(by_depth) - 1)]
    return round(max(0.05, min(1.0, base * factor)), 2)
