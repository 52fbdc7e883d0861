"""The command line: its shape (docs/output contract), its outputs, and bad input handled without a traceback."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys

import pytest

from sitrep.cli import main
from sitrep.outputs.contract import problems

from paths import ROOT

EXAMPLE = ROOT / "examples" / "quetta-attack.txt"


def run(args, capsys):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_analyze_json_matches_the_contract(capsys):
    code, out, _ = run(["analyze", EXAMPLE, "--published", "2024-05-15"], capsys)
    data = json.loads(out)
    assert code == 0 and problems(data) == []
    assert data["published"] == "2024-05-15" and data["language"] == "en"
    assert any(ev["acled_sub_event_type"] == "Suicide bomb" for ev in data["events"])


def test_cli_analyze_markdown_report(capsys):
    code, out, _ = run(["analyze", EXAMPLE, "--published", "2024-05-15", "--format", "md"], capsys)
    assert code == 0
    for heading in ("## Situation", "## Facts", "## Events", "## Timeline"):
        assert heading in out
    assert "[1]" in out and "“" in out  # every line cites the document and quotes its evidence


def test_cli_analyze_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Gunmen killed two policemen in Quetta on Monday."))
    code, out, _ = run(["analyze", "-", "--published", "2024-05-15"], capsys)
    assert code == 0 and json.loads(out)["events"][0]["fatalities"]["best"] == 2


def test_cli_jsonl_batch_keeps_order_and_ids_and_survives_a_bad_line(tmp_path, capsys):
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        json.dumps({"id": "a", "text": "A bomb killed three people in Kabul on Monday.", "published": "2024-05-15"})
        + "\n{not json\n"
        + json.dumps({"id": "c", "text": "Police arrested five suspects in Lahore."})
        + "\n",
        encoding="utf-8",
    )
    code, out, _ = run(["analyze", "--jsonl", batch, "--format", "jsonl"], capsys)
    docs = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [d["id"] for d in docs] == ["a", "line-2", "c"]
    assert docs[0]["events"] and docs[2]["events"]
    assert docs[1]["entities"] == [] and "line 2" in docs[1]["warnings"][0]
    assert all(problems(d) == [] for d in docs)


def test_cli_ingest_is_idempotent_and_search_report_export_work(tmp_path, capsys):
    db = tmp_path / "s.db"
    code, out, _ = run(["ingest", EXAMPLE, "--db", db, "--published", "2024-05-15"], capsys)
    assert code == 0 and out.startswith("1 added")
    code, out, _ = run(["ingest", EXAMPLE, "--db", db, "--published", "2024-05-15"], capsys)
    assert out.startswith("0 added, 0 replaced, 1 unchanged, 0 failed")
    code, out, _ = run(["search", "Quetta", "--db", db], capsys)
    assert code == 0 and "Quetta" in out
    code, out, _ = run(["report", "--db", db, "--actor", "ISKP"], capsys)
    assert code == 0 and "## Events" in out and "Suicide" in out
    code, out, _ = run(["export", "--format", "csv", "--db", db], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {"event_date", "event_type", "sub_event_type", "actor1", "fatalities"} <= set(rows[0])
    code, out, _ = run(["export", "--format", "geojson", "--db", db], capsys)
    assert json.loads(out)["type"] == "FeatureCollection"


def test_cli_ingest_batch_goes_on_after_bad_files_and_keeps_what_was_stored(tmp_path, capsys):
    db = tmp_path / "s.db"
    good = tmp_path / "good.txt"
    good.write_text("Militants attacked a checkpoint in Kunar on Monday.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    code, out, err = run(["ingest", empty, good, binary, tmp_path / "missing.txt", "--db", db], capsys)
    assert code == 0 and out.startswith("1 added") and "3 failed" in out
    assert "empty" in err and "image.png" in err and "missing.txt" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.write_text("", encoding="utf-8"), "empty"),
        (lambda p: p.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary"), "pdftotext"),
        (lambda p: p.write_bytes(b"\xff\xfe\x00\x00" + b"\x00\x9f" * 50), "not"),
    ],
)
def test_cli_bad_input_is_one_clear_line(tmp_path, capsys, make, message):
    path = tmp_path / "bad.txt"
    make(path)
    code, out, err = run(["analyze", path], capsys)
    assert code == 2 and out == ""
    assert err.startswith("sitrep: error:") and message in err.lower() and "Traceback" not in err


def test_cli_huge_file_is_refused_before_reading(tmp_path, capsys):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    code, _, err = run(["analyze", big], capsys)
    assert code == 2 and "over the limit" in err


def test_cli_unreachable_url_is_a_clear_error(capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once the socket is closed
    code, _, err = run(["analyze", f"http://127.0.0.1:{port}/article", "--allow-private"], capsys)
    assert code == 2 and f"127.0.0.1:{port}" in err and "refused" in err and "Traceback" not in err


def test_cli_private_addresses_need_allow_private(capsys):
    code, _, err = run(["analyze", "http://169.254.169.254/latest/meta-data/"], capsys)
    assert code == 2 and "link-local" in err and "--allow-private" in err
    code, _, err = run(["ingest", "http://127.0.0.1:9/a", "--db", ":memory:"], capsys)
    assert code == 1 and "loopback" in err


def test_cli_reading_a_missing_store_says_how_to_make_one(tmp_path, capsys):
    code, _, err = run(["report", "--db", tmp_path / "none.db"], capsys)
    assert code == 2 and "sitrep ingest" in err


def test_cli_validate_finds_contract_problems(tmp_path, capsys):
    run(["analyze", EXAMPLE, "--published", "2024-05-15", "--out", tmp_path / "d.json"], capsys)
    code, out, _ = run(["validate", tmp_path / "d.json"], capsys)
    assert code == 0 and out.strip() == "valid"
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    data["entities"][0]["mentions"][0]["start"] += 1
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run(["validate", tmp_path / "bad.json"], capsys)
    assert code == 1 and "does not quote the text" in out


def test_cli_installed_entry_point_runs():
    result = subprocess.run([sys.executable, "-m", "sitrep.cli", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("sitrep ")


def test_cli_store_urls_go_through_open_store(tmp_path, capsys):
    code, _, err = run(["search", "Quetta", "--db", "postgresql://127.0.0.1/test"], capsys)
    assert code == 2 and "not available yet" in err and "Traceback" not in err
    code, _, err = run(["report", "--db", "ftp://example/x"], capsys)
    assert code == 2 and "unknown store URL scheme" in err
    db = tmp_path / "s.db"
    code, _, _ = run(["ingest", EXAMPLE, "--db", str(db)], capsys)
    assert code == 0
    code, out, _ = run(["search", "Quetta", "--db", f"sqlite:///{db}"], capsys)
    assert code == 0 and "Quetta" in out
