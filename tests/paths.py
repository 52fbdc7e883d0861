"""Where the tests find their files: the project's own (``tests/data``, ``examples``) and ``../shared`` beside it."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared"))
SAMPLE = SHARED / "samples" / "taliban-iskp-analysis.txt"
