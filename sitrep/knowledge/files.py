"""Access to the package's data files (knowledge as data) and trained models.

Loading is lazy and cached: nothing is read at import time.  YAML is parsed with libyaml (``yaml.CSafeLoader``,
about ten times faster) when PyYAML was built with it, else with the pure-Python ``yaml.SafeLoader``; both give
the same data (``tests/knowledge/test_data.py``).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import KnowledgeError

try:
    from yaml import CSafeLoader as YAML_LOADER
except ImportError:  # PyYAML without libyaml
    from yaml import SafeLoader as YAML_LOADER  # type: ignore[assignment]

PACKAGE = "sitrep"


def data_path(name: str) -> Path:
    """Path of ``sitrep/knowledge/data/<name>``."""
    return Path(str(resources.files(PACKAGE).joinpath("knowledge", "data", name)))


def model_path(name: str) -> Path:
    """Path of ``sitrep/models/<name>``."""
    return Path(str(resources.files(PACKAGE).joinpath("models", name)))


@cache
def load_yaml(name: str) -> Any:
    """Parse ``sitrep/knowledge/data/<name>`` (YAML); KnowledgeError naming the file when it is missing or broken."""
    path = data_path(name)
    try:
        with path.open(encoding="utf-8") as fh:
            # a SafeLoader (CSafeLoader when libyaml is there): bandit cannot tell
            return yaml.load(fh, Loader=YAML_LOADER)  # nosec B506
    except FileNotFoundError as exc:
        raise KnowledgeError(f"data file {path} is missing; reinstall sitrep") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"data file {path} does not parse: {exc}") from exc
