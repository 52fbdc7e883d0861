"""Tests for sitrep.outputs.groups: entities merged across documents, deterministically."""

from __future__ import annotations

import os
import subprocess
import sys

from sitrep.model import Document
from sitrep.outputs.groups import tally

import docfactory as fx

TEXT = "Kalat and Qalat were quiet; Kalat, also Qalat, was not."


def _docs() -> list[Document]:
    a = fx.place(TEXT, "p1", "Kalat", "city", 29.0, 66.6, "PK", geonameid=1)
    b = fx.place(TEXT, "p2", "Qalat", "city", 32.1, 66.9, "AF", geonameid=2)
    bridge = fx.place(TEXT, "p3", "Kalat", "city", 29.0, 66.6, "PK", aliases=["Qalat"])
    return [
        Document(id="d1", text=TEXT, entities=[a]),
        Document(id="d2", text=TEXT, entities=[b]),
        Document(id="d3", text=TEXT, entities=[bridge]),
    ]


def test_an_entity_sharing_keys_with_two_joins_the_earliest():
    tallies = tally(_docs(), places=True)
    by_name = {t.entity.name: t for t in tallies}
    assert by_name["Kalat"].sources == {0, 2}
    assert by_name["Qalat"].sources == {1}


def test_tally_does_not_depend_on_the_hash_seed():
    code = (
        "import sys; sys.path.insert(0, 'tests'); from outputs.test_groups import _docs; "
        "from sitrep.outputs.groups import tally; "
        "print([(t.entity.name, sorted(t.sources)) for t in tally(_docs(), places=True)])"
    )
    seen = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
        assert run.returncode == 0, run.stderr
        seen.add(run.stdout)
    assert len(seen) == 1
