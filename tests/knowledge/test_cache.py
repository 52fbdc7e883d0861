"""The on-disk caches (sitrep.knowledge.cache): the cached gazetteer and actor KB answer as a fresh build does, and
a changed data file, a damaged cache file or an unwritable cache directory only means building anew.

Every test has a cache directory of its own (``SITREP_CACHE_DIR``), except where it reads the session's, which
``tests/conftest.py`` points to a temporary directory too.
"""

from __future__ import annotations

import logging
import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.knowledge import cache, gazetteer_cache, gazetteer_index, kb
from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge.files import data_path
from sitrep.knowledge.gazetteer_index import Gazetteer

from paths import DATA, EXAMPLES

TEXTS = [
    ((EXAMPLES / "quetta-attack.txt").read_text(encoding="utf-8"), "en"),
    ((EXAMPLES / "moscow-report-ru.txt").read_text(encoding="utf-8"), "ru"),
    ((DATA / "lang_ru.txt").read_text(encoding="utf-8"), "ru"),
    ("Clashes in CHARLESTON, W.Va., Nahiyat al Iskandariyah and the Middle East; в Белуджистане и Пешаваре.", "en"),
]


@pytest.fixture(scope="module")
def built() -> Gazetteer:
    return gazetteer_index.build()


@pytest.fixture(scope="module")
def stored(built: Gazetteer) -> Iterator[Gazetteer]:
    """The gazetteer read from the session's cache (written from ``built`` when the session has none yet)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(gazetteer_cache, "build", lambda: built)
        gaz = gazetteer_cache.load()
    assert not isinstance(gaz.index, dict), "the gazetteer did not come from the cache"
    yield gaz


@pytest.fixture(scope="module")
def small(built: Gazetteer) -> Gazetteer:
    """A gazetteer of a few thousand places (quick to write), for the tests that damage its file."""
    wanted = {"PK", "AF", "GB"}
    return gazetteer_index.indexed([p for p in built.places if p.country_code in wanted or p.feature == "country"])


@pytest.fixture
def own_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("SITREP_CACHE_DIR", str(where))
    return where


@pytest.fixture
def fresh_kb() -> Iterator[None]:
    kb._actors.cache_clear()
    yield
    kb._actors.cache_clear()


def _answers(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    monkeypatch.setattr(gz, "load", lambda: gaz)
    out: list[object] = [gz.find(text, lang) for text, lang in TEXTS]
    out += [gz.lookup(name, lang) for name, lang in [("Quetta", "en"), ("Кветты", "ru"), ("Georgia", "en")]]
    out += [gz.country("PK"), gz.admin1("PK", "Balochistan"), gz.place("r:middle-east"), gz.place("no-such-key")]
    return out


def test_cache_directory_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path / "own"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.directory() == tmp_path / "own"
    monkeypatch.delenv("SITREP_CACHE_DIR")
    assert cache.directory() == tmp_path / "xdg" / "sitrep"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: the XDG spec says to ignore it
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.directory() == tmp_path / "home" / ".cache" / "sitrep"


def test_cache_gazetteer_tables_answer_as_the_built_dictionaries(built: Gazetteer, stored: Gazetteer):
    assert (len(stored.places), len(stored.index), len(stored.prefixes), len(stored.by_key)) == (
        len(built.places),
        len(built.index),
        len(built.prefixes),
        len(built.by_key),
    )
    rng = random.Random(7)
    names = rng.sample(sorted(built.index), 3000)
    prefixes = rng.sample(sorted(set(built.prefixes) - built.index.keys()), 500)
    for name in [*names, *prefixes, "Nowhere-at-all", ""]:
        assert (name in stored.index, name in stored.prefixes) == (name in built.index, name in built.prefixes)
        assert list(stored.index.get(name, ())) == built.index.get(name, [])
    for i in [*rng.sample(range(len(built.places)), 2000), len(built.places) - 1]:
        assert stored.places[i] == built.places[i]
        assert stored.by_key[built.places[i].key] == built.by_key[built.places[i].key]
    assert list(stored.countries.items()) == list(built.countries.items())
    assert list(stored.admin1.items()) == list(built.admin1.items())
    assert (stored.stop, stored.endings) == (built.stop, built.endings)
    assert sum(1 for _ in stored.places) == len(built.places)
    with pytest.raises(IndexError):
        stored.places[len(built.places)]


def test_cache_gazetteer_look_ups_answer_as_a_fresh_build(built, stored, monkeypatch):
    assert _answers(stored, monkeypatch) == _answers(built, monkeypatch)


def test_cache_records_give_back_equal_dataclasses():
    actors = list(kb.load_actors().values())
    assert [cache.from_record(kb.Actor, cache.to_record(a)) for a in actors] == actors
    place = gz.place("r:middle-east")
    assert place is not None and cache.from_record(gz.Place, cache.to_record(place)) == place
    with pytest.raises(ValueError):
        cache.from_record(gz.Place, ("too", "short"))


def test_cache_key_changes_with_the_data_the_builder_and_sitrep(tmp_path, monkeypatch):
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    first = cache.key([source], 1)
    assert cache.key([source], 1) == first
    assert cache.key([source], 2) != first
    source.write_text("a: 2\n", encoding="utf-8")
    assert cache.key([source], 1) != first
    changed = cache.key([source], 1)
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert cache.key([source], 1) != changed
    assert cache.key([tmp_path / "missing.yaml"], 1)  # the builder, not the key, says what is missing


def test_cache_changed_gazetteer_data_is_not_read_from_the_old_file(stored, tmp_path, monkeypatch):
    key = gazetteer_cache.cache_key()
    assert cache.open_sqlite(gazetteer_cache.CACHE_NAME, key) is not None
    changed = tmp_path / "regions.yaml"
    changed.write_bytes(data_path("regions.yaml").read_bytes() + b"\n# a change\n")
    monkeypatch.setattr(gazetteer_cache, "data_path", lambda n: changed if n == "regions.yaml" else data_path(n))
    new_key = gazetteer_cache.cache_key()
    assert new_key != key
    assert cache.open_sqlite(gazetteer_cache.CACHE_NAME, new_key) is None


def test_cache_kb_is_read_back_and_rebuilt_when_its_data_changes(own_dir, fresh_kb, tmp_path, monkeypatch):
    builds = []
    checked = kb._checked
    monkeypatch.setattr(kb, "_checked", lambda: builds.append(1) or checked())
    first = kb.load_actors()
    assert len(builds) == 1 and list(own_dir.glob("kb-*.marshal"))
    kb._actors.cache_clear()
    assert kb.load_actors() == first and len(builds) == 1  # from the cache
    changed = tmp_path / kb.ACTORS_FILE
    changed.write_bytes(data_path(kb.ACTORS_FILE).read_bytes() + b"\n# a change\n")
    monkeypatch.setattr(kb, "data_path", lambda name: changed if name == kb.ACTORS_FILE else data_path(name))
    kb._actors.cache_clear()
    assert kb.load_actors() == first and len(builds) == 2  # a new key: built again
    assert len(list(own_dir.glob("kb-*.marshal"))) == 1  # and the old file removed


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_cache_damaged_kb_file_is_rebuilt(own_dir, fresh_kb, damage, caplog, monkeypatch):
    good = kb.load_actors()
    (path,) = own_dir.glob("kb-*.marshal")
    data = path.read_bytes()
    path.write_bytes({"garbage": b"\x00not marshal" * 50, "truncated": data[: len(data) // 2], "empty": b""}[damage])
    kb._actors.cache_clear()
    with caplog.at_level(logging.WARNING, logger="sitrep.knowledge.cache"):
        assert kb.load_actors() == good
    assert "truncated or damaged" in caplog.text
    monkeypatch.setattr(kb, "_checked", lambda: pytest.fail("the KB was built, not read from the rewritten file"))
    kb._actors.cache_clear()
    assert kb.load_actors() == good


def test_cache_damaged_gazetteer_file_is_rebuilt(small, own_dir, monkeypatch, caplog):
    monkeypatch.setattr(gazetteer_cache, "build", lambda: small)
    assert not isinstance(gazetteer_cache.load().index, dict)  # built, written and read back
    key = gazetteer_cache.cache_key()
    path = cache.path(gazetteer_cache.CACHE_NAME, key, "sqlite")
    path.write_bytes(path.read_bytes()[:-4096])  # cut short (more kinds of damage: the tests below)
    with caplog.at_level(logging.WARNING, logger="sitrep.knowledge.cache"):
        gaz = gazetteer_cache.load()
    assert "truncated or not an SQLite database" in caplog.text
    assert not isinstance(gaz.index, dict)  # written again, and read
    assert cache.open_sqlite(gazetteer_cache.CACHE_NAME, key) is not None
    assert _answers(gaz, monkeypatch) == _answers(small, monkeypatch)


def test_cache_gazetteer_file_failing_while_in_use_gives_way_to_a_build(small, own_dir, monkeypatch, caplog):
    monkeypatch.setattr(gazetteer_cache, "build", lambda: small)
    gazetteer_cache.load()
    path = cache.path(gazetteer_cache.CACHE_NAME, gazetteer_cache.cache_key(), "sqlite")
    with path.open("r+b") as fh:  # the header, the table roots and the end (meta, the key) stay whole
        size, page = path.stat().st_size, 4096
        for offset in range(8 * page, size // 2, 2 * page):
            fh.seek(offset)
            fh.write(b"\xff" * page)
    gaz = gazetteer_cache.load()
    assert not isinstance(gaz.index, dict)
    with caplog.at_level(logging.WARNING, logger="sitrep.knowledge.cache"):
        assert _answers(gaz, monkeypatch) == _answers(small, monkeypatch)
    assert "failed while in use" in caplog.text and not path.exists()


def test_cache_unwritable_directory_still_works(built, fresh_kb, tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("SITREP_CACHE_DIR", str(blocker / "cache"))  # cannot be made, even by root
    monkeypatch.setattr(gazetteer_cache, "build", lambda: built)
    with caplog.at_level(logging.WARNING, logger="sitrep.knowledge.cache"):
        assert gazetteer_cache.load() is built
        assert kb.load_actors() == kb._checked()
    assert "cannot be written" in caplog.text


def test_cache_sqlite_files_are_checked_before_use(own_dir):
    assert cache.store_sqlite("t", "k1", lambda conn: conn.execute("CREATE TABLE t (x)"))
    assert cache.open_sqlite("t", "k1") is not None
    assert cache.open_sqlite("t", "k2") is None  # no file for that key
    path = cache.path("t", "k1", "sqlite")
    data = path.read_bytes()
    shutil.copyfile(path, cache.path("t", "k3", "sqlite"))
    assert cache.open_sqlite("t", "k3") is None  # a file written for another key
    for bad in (data[:-10], b"", b"SQLite format 3\x00" + b"\xff" * (len(data) - 16), b"\x00" * len(data)):
        path.write_bytes(bad)
        assert cache.open_sqlite("t", "k1") is None  # truncated, empty, garbage
