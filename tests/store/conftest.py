"""The store every test in tests/store gets: a new one of each backend (``store_url``, tests/conftest.py)."""

from __future__ import annotations

import pytest

from sitrep.store import open_store


@pytest.fixture
def store(store_url):
    with open_store(store_url) as s:
        yield s
