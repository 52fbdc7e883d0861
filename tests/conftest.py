"""What every test shares: sitrep's on-disk cache (``sitrep.knowledge.cache``) is a temporary directory of the
session, never the user's own, and starts empty, as on a fresh clone; subprocesses inherit it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _session_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITREP_CACHE_DIR", str(tmp_path_factory.mktemp("sitrep-cache")))
        yield
