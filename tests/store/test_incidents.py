"""Tests for sitrep.store.incidents: short reports in English and Russian (fictional incidents, written for these
tests) analysed, stored, and linked at ingest into incidents -- pairs and triples across languages join, near
misses (the same place on another day, the same day in another city, another type of event) stay apart, and
adding, replacing and removing documents keeps the incidents consistent."""

from __future__ import annotations

import io
import json
import multiprocessing
import sqlite3
from functools import cache

import pytest

import sitrep
from sitrep.outputs import export
from sitrep.outputs.report import report
from sitrep.store import open_store

PUBLISHED = "2024-05-15"  # a Wednesday: "on Tuesday" is 2024-05-14

TEXTS = {
    # one suicide bombing in Kabul, told three times (two languages, one only naming the country)
    "kabul-en": ("en", "A suicide bomber killed six people outside a ministry in Kabul on Tuesday. Islamic State "
                       "Khorasan Province claimed the attack."),
    "kabul-ru": ("ru", "Во вторник террорист-смертник убил семь человек у здания министерства в Кабуле. "
                       "Ответственность за теракт взяла на себя группировка «Вилаят Хорасан»."),
    "kabul-country": ("en", "A suicide attack in Afghanistan on Tuesday killed at least six people, officials said."),
    # one shooting in Makhachkala, in both languages
    "makhachkala-en": ("en", "Gunmen opened fire on a traffic police post in Makhachkala on Sunday, killing two "
                             "officers, the Interior Ministry said."),
    "makhachkala-ru": ("ru", "В воскресенье боевики обстреляли пост ДПС в Махачкале, погибли двое полицейских, "
                             "сообщили в МВД."),
    # near misses of the Kabul bombing
    "kabul-thursday": ("en", "A bomb exploded at a market in Kabul on Thursday, killing three people, police said."),
    "jalalabad-tuesday": ("en", "A suicide bomber killed eight people outside a ministry in Jalalabad on Tuesday."),
    "kabul-protest": ("en", "Hundreds of people protested in Kabul on Tuesday against rising prices."),
    "kabul-ru-monday": ("ru", "В понедельник в Кабуле взорвалась бомба, погибли четыре человека."),
}
ORDER = list(TEXTS)


@cache
def analysed(doc_id: str) -> sitrep.Document:
    language, text = TEXTS[doc_id]
    return sitrep.analyze(text, published=PUBLISHED, language=language, doc_id=doc_id)


def doc(doc_id: str) -> sitrep.Document:
    return sitrep.Document.from_dict(analysed(doc_id).to_dict())  # a fresh copy each time


def sources(store: sitrep.Store) -> list[list[str]]:
    return sorted(sorted(r.doc_id for r in inc.reports) for inc in store.incidents())


def joined(store: sitrep.Store, *doc_ids: str) -> bool:
    return sorted(doc_ids) in sources(store)


def test_incidents_every_text_has_one_event():
    assert {i: [ev.type for ev in doc(i).events] for i in ORDER} == {
        i: ["PROTEST" if i == "kabul-protest" else "ASSAULT"] for i in ORDER
    }


def test_incidents_a_triple_in_two_languages_is_one_incident(store):
    store.add_many([doc("kabul-en"), doc("kabul-ru"), doc("kabul-country")])
    assert sources(store) == [["kabul-country", "kabul-en", "kabul-ru"]]
    (inc,) = store.incidents()
    assert (inc.type, inc.date_first, inc.place, inc.country_code) == ("ASSAULT", "2024-05-14", "Kabul", "AF")
    assert [(r.language, r.fatalities.best) for r in inc.reports] == [("en", 6), ("ru", 7), ("en", 6)]
    assert (inc.fatalities.low, inc.fatalities.best, inc.fatalities.high) == (6, 6, 7)


def test_incidents_a_pair_in_two_languages_joins_in_either_order(store):
    store.add(doc("makhachkala-ru"))
    store.add(doc("makhachkala-en"))
    assert sources(store) == [["makhachkala-en", "makhachkala-ru"]]


@pytest.mark.parametrize(
    "miss",
    [
        pytest.param("kabul-thursday", id="same-place-other-day"),
        pytest.param("kabul-ru-monday", id="same-place-other-day-ru"),
        pytest.param("jalalabad-tuesday", id="same-day-other-city"),
        pytest.param("kabul-protest", id="other-type"),
    ],
)
def test_incidents_a_near_miss_stays_apart(store, miss):
    store.add_many([doc("kabul-en"), doc(miss), doc("kabul-ru")])
    assert sources(store) == sorted([["kabul-en", "kabul-ru"], [miss]])


def test_incidents_everything_at_once(store):
    store.add_many(doc(i) for i in ORDER)
    assert sources(store) == sorted(
        [["kabul-country", "kabul-en", "kabul-ru"], ["makhachkala-en", "makhachkala-ru"], ["kabul-thursday"],
         ["jalalabad-tuesday"], ["kabul-protest"], ["kabul-ru-monday"]]
    )  # fmt: skip
    assert store.incident_count() == 6 and len(store.incidents(several=True)) == 2


def test_incidents_removing_sources_keeps_them_consistent(store):
    store.add_many([doc("kabul-en"), doc("kabul-ru"), doc("kabul-country")])
    assert store.remove("kabul-en")
    assert sources(store) == [["kabul-country", "kabul-ru"]]
    (inc,) = store.incidents()
    assert (inc.fatalities.low, inc.fatalities.best, inc.fatalities.high) == (6, 6, 7)
    store.remove("kabul-ru")
    store.remove("kabul-country")
    assert store.incident_count() == 0
    assert store.incident_links() == {}


def test_incidents_a_replaced_document_is_linked_again(store):
    store.add_many([doc("kabul-en"), doc("kabul-ru")])
    moved = doc("kabul-ru")
    moved.events[0].date = sitrep.model.DateValue("2024-05-12", "2024-05-12", "day")  # now a Sunday attack
    assert store.add(moved)
    assert sources(store) == [["kabul-en"], ["kabul-ru"]]
    assert store.add(doc("kabul-ru"))  # and back
    assert sources(store) == [["kabul-en", "kabul-ru"]]


def test_incidents_a_replaced_first_source_leaves_its_incident_to_the_others(store):
    store.add_many([doc("kabul-en"), doc("kabul-ru"), doc("kabul-country")])  # kabul-en founded the incident
    moved = doc("kabul-en")
    moved.events[0].date = sitrep.model.DateValue("2024-05-12", "2024-05-12", "day")
    assert store.add(moved)
    assert sources(store) == [["kabul-country", "kabul-ru"], ["kabul-en"]]
    assert len({i.id for i in store.incidents()}) == 2
    assert store.add(doc("kabul-en"))  # back: it joins them again
    assert sources(store) == [["kabul-country", "kabul-en", "kabul-ru"]]


def test_incidents_an_analyst_edit_relinks_the_document(store):
    store.add_many([doc("kabul-en"), doc("kabul-ru")])
    store.add_edit("correct", "event", "v1", doc_id="kabul-ru", field="date", value="2024-05-10")
    assert sources(store) == [["kabul-en"], ["kabul-ru"]]


def test_incidents_the_report_export_and_api_count_incidents(store):
    store.add_many([doc("kabul-en"), doc("kabul-ru"), doc("kabul-country"), doc("kabul-thursday")])
    docs = list(store.documents())
    links = store.incident_links(d.id for d in docs)
    text = report(docs, links=links)
    assert "- **Events:** 2 —" in text
    assert "reconciled: 6–7 killed, best 6" in text
    out = io.StringIO()
    assert export(docs, "csv", out, links=links) == 2
    assert export(docs, "csv", io.StringIO()) == 4  # without links: a row per report
    out = io.StringIO()
    assert export(docs, "incidents", out, links=links) == 2
    big = max((json.loads(line) for line in out.getvalue().splitlines()), key=lambda r: len(r["reports"]))
    assert big["fatalities"] == {"low": 6, "best": 6, "high": 7} and len(big["reports"]) == 3
    out = io.StringIO()
    assert export(docs, "geojson", out, links=links) == 2


@pytest.mark.parametrize("version", ["1", "2"])
def test_incidents_an_older_store_is_migrated_and_linked(tmp_path, version):
    path = tmp_path / "old.db"
    with sitrep.Store(path) as st:
        st.add_many([doc("kabul-en"), doc("kabul-ru")])
    db = sqlite3.connect(path)
    db.executescript("DROP TABLE incident_reports; DROP TABLE incidents; DROP TABLE watch_items; "
                     "DROP TABLE watch_sources; "
                     f"UPDATE meta SET value = '{version}' WHERE key = 'schema_version';")  # fmt: skip
    db.close()
    with sitrep.Store(path) as st:
        assert sources(st) == [["kabul-en", "kabul-ru"]]
        meta = dict(st._conn.execute("SELECT key, value FROM meta").fetchall())
        assert meta == {"schema_version": sitrep.store.SCHEMA_VERSION}  # migrated, relinked, the mark gone


DAGESTAN = {
    "derbent-ru": ("ru", "В воскресенье боевики обстреляли пост ДПС в Дербенте, погиб один полицейский."),
    "makhachkala-ru2": ("ru", "Двое полицейских погибли в воскресенье при нападении боевиков на пост ДПС в "
                              "Махачкале, сообщает ТАСС."),
    "dagestan-ru": ("ru", "В воскресенье в Дагестане боевики напали на пост полиции, погибли двое сотрудников."),
}
TEXTS.update(DAGESTAN)


def test_incidents_a_russian_triple_with_its_province_and_a_city_apart(store):
    # Derbent and Makhachkala: the same day, the same province, 120 km apart; the report naming only the
    # province (two killed) joins the incident it agrees with best
    store.add_many([doc("derbent-ru"), doc("makhachkala-en"), doc("dagestan-ru"), doc("makhachkala-ru2")])
    assert sources(store) == [["dagestan-ru", "makhachkala-en", "makhachkala-ru2"], ["derbent-ru"]]
    big = next(i for i in store.incidents() if len(i.reports) == 3)
    assert (big.place, big.date_first, big.fatalities.best) == ("Makhachkala", "2024-05-12", 2)


# -- writers at once -------------------------------------------------------------------------------------------


def _add_at_barrier(url: str, data: dict, barrier, results) -> None:
    try:
        barrier.wait(30)
        with open_store(url) as store:
            store.add(sitrep.Document.from_dict(data))
        results.put("ok")
    except Exception as exc:  # reported to the test, which fails with it
        results.put(f"{type(exc).__name__}: {exc}")


def test_incidents_reports_of_one_incident_written_at_once_by_several_processes_join(store_url):
    # writers serialise on the store's write lock (SQLite's, PostgreSQL's advisory lock), and linking happens
    # inside the write: three processes adding reports of the same bombing at the same moment make one incident
    ids = ["kabul-en", "kabul-ru", "kabul-country"]
    with open_store(store_url):
        pass  # the schema made before the writers start
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(len(ids)), ctx.Queue()
    procs = [ctx.Process(target=_add_at_barrier, args=(store_url, doc(i).to_dict(), barrier, results)) for i in ids]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
    assert outcomes == ["ok"] * len(ids)
    with open_store(store_url) as store:
        assert sources(store) == [sorted(ids)]
