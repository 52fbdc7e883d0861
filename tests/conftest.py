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


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """Where a new, empty store is, once for each backend (tests/backends.py; PostgreSQL skipped when absent)."""
    from backends import fresh

    with fresh(request.param, tmp_path) as where:
        yield where


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL store (a schema of its own); skipped when PostgreSQL is absent."""
    from backends import pg_schema

    with pg_schema() as url:
        yield url
