"""The floors of the bench scripts (``bench/baselines/*.json``): every float in the file is a score that may only go
up; ``check`` prints each score below its floor and gives the exit status (1 when any is)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def check(name: str, scores: dict, baseline: Path) -> int:
    floors = json.loads(baseline.read_text(encoding="utf-8"))
    low = {k: (scores.get(k), v) for k, v in floors.items() if isinstance(v, float) and scores.get(k, 0) < v}
    for k, (got, floor) in low.items():
        print(f"{name}: {k} = {got} is below its floor {floor}", file=sys.stderr)
    return 1 if low else 0
