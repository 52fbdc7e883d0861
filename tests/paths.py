"""Where the tests find their files: the project's own (``tests/data``, ``examples``) and ``../shared`` beside it."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared"))
SAMPLE = SHARED / "samples" / "taliban-iskp-analysis.txt"


def script(name: str) -> Any:
    """The module of ``scripts/NAME.py`` (scripts are not a package), loaded from its file."""
    return _load(ROOT / "scripts" / f"{name}.py", name)


def bench(name: str) -> Any:
    """The module of ``bench/NAME.py``, loaded from its file; ``bench/`` goes on the path first, because the bench
    scripts import their ``floors`` module by name."""
    if str(ROOT / "bench") not in sys.path:
        sys.path.insert(0, str(ROOT / "bench"))
    return _load(ROOT / "bench" / f"{name}.py", name)


def _load(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
