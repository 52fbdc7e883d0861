"""The outputs on the bundled inputs are the committed ones, byte for byte (``scripts/snapshot.py``).

A change that is meant to alter an output rewrites the snapshot and says so in its commit:

    python scripts/snapshot.py write tests/data/snapshot.json

A refactor must leave it alone; refactors are also checked on ~1,900 corpus outputs with
``python scripts/snapshot.py write before.json --set full`` before and ``check before.json --set full`` after.
"""

from __future__ import annotations

import json

import pytest

from paths import DATA, SAMPLE, script

pytestmark = pytest.mark.skipif(not SAMPLE.is_file(), reason="the snapshot includes ../shared's sample")


def test_outputs_are_the_committed_ones():
    before = json.loads((DATA / "snapshot.json").read_text(encoding="utf-8"))
    now = script("snapshot").fingerprints("small")
    assert now.keys() == before.keys()
    assert [k for k in before if before[k] != now[k]] == []


def test_the_snapshot_covers_every_output_kind():
    before = json.loads((DATA / "snapshot.json").read_text(encoding="utf-8"))
    kinds = {key.rsplit(" ", 1)[1] for key in before}
    assert kinds == {"json", "md", "jsonl", "csv", "geojson", "stix", "misp", "incidents"}
    assert {"shared/sample json", "examples/quetta-attack.txt json", "stored md"} <= before.keys()
