"""Where the tests find their files: the project's own (``tests/data``, ``examples``) and ``../shared`` beside it."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared"))
SAMPLE = SHARED / "samples" / "taliban-iskp-analysis.txt"


def script(name: str) -> Any:
    """The module of ``scripts/NAME.py`` (scripts are not a package), loaded from its file."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
