"""Tests for sitrep.store.base: the interface every backend implements and open_store picking the backend."""

from __future__ import annotations

import sys

import pytest

import sitrep
from sitrep.errors import ConfigError
from sitrep.store import AddResult, BaseStore, Hit, Store, open_store

import docfactory as fx


def test_store_is_the_sqlite_backend_of_the_interface():
    assert sitrep.Store is Store
    assert issubclass(Store, BaseStore)
    assert Store.__module__ == "sitrep.store.sqlite"
    interface = {"add", "add_many", "remove", "get", "count", "documents", "search", "close"}
    assert interface <= BaseStore.__abstractmethods__


def test_base_store_cannot_be_instantiated_half_done():
    class Half(BaseStore):
        def close(self) -> None:
            pass

    with pytest.raises(TypeError, match="abstract"):
        Half()  # type: ignore[abstract]


@pytest.mark.parametrize("where", [":memory:", "sqlite:///{tmp}/a.db", "{tmp}/b.db"])
def test_open_store_opens_sqlite_for_paths_and_sqlite_urls(tmp_path, where):
    with open_store(where.format(tmp=tmp_path)) as store:
        assert isinstance(store, Store)
        assert store.add_many(fx.all_docs()) == AddResult(added=3)
        assert isinstance(store.search("Crocus")[0], Hit)


def test_open_store_takes_a_path_object(tmp_path):
    with open_store(tmp_path / "c.db") as store:
        assert store.count() == 0
    assert (tmp_path / "c.db").is_file()


def test_open_store_postgresql_without_psycopg_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, "sitrep.store.postgresql", raising=False)
    monkeypatch.delitem(sys.modules, "sitrep.store._pg", raising=False)
    with pytest.raises(ConfigError, match=r"PostgreSQL stores need psycopg.*sitrep\[postgres\]"):
        open_store("postgresql://localhost/sitrep")


def test_open_store_opens_each_backend_behind_the_one_interface(store_url):
    with open_store(store_url) as store:
        assert isinstance(store, BaseStore)
        assert store.add_many(fx.all_docs()) == AddResult(added=3)
        assert isinstance(store.search("Crocus")[0], Hit)


def test_open_store_unknown_scheme_names_the_known_ones():
    with pytest.raises(ConfigError, match=r"unknown store URL scheme mysql://.*sqlite://, postgresql://"):
        open_store("mysql://localhost/sitrep")
