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
    code, _, err = run(["search", "Quetta", "--db", "postgresql://127.0.0.1:1/test"], capsys)  # nothing listens
    assert code == 2 and "cannot connect to the PostgreSQL store" in err and "Traceback" not in err
    code, _, err = run(["report", "--db", "ftp://example/x"], capsys)
    assert code == 2 and "unknown store URL scheme" in err
    db = tmp_path / "s.db"
    code, _, _ = run(["ingest", EXAMPLE, "--db", str(db)], capsys)
    assert code == 0
    code, out, _ = run(["search", "Quetta", "--db", f"sqlite:///{db}"], capsys)
    assert code == 0 and "Quetta" in out


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "s.db"
    assert main(["ingest", str(EXAMPLE), "--db", str(db)]) == 0
    return db


@pytest.mark.parametrize(
    "args",
    [["search", "Quetta\udcff"], ["search", "\udc80\udc81"], ["report", "--actor", "IS\udcffKP"],
     ["report", "--place", "\ud800"], ["report", "--title", "T\udfff"]],
)  # fmt: skip
def test_cli_undecodable_arguments_are_one_clear_line(stored, capsys, args):
    code, out, err = run([*args, "--db", stored], capsys)
    assert code == 2 and out == "" and "not valid UTF-8" in err and "Traceback" not in err


@pytest.mark.parametrize("limit", [str(2**64), "-1", "0", "1e3", "lots", "9" * 5000])
def test_cli_search_limit_out_of_range_is_a_usage_error(stored, capsys, limit):
    with pytest.raises(SystemExit) as info:
        main(["search", "Quetta", "--limit", limit, "--db", str(stored)])
    assert info.value.code == 2 and "--limit" in capsys.readouterr().err


def test_cli_search_operator_words_are_words_and_fts_syntax_on_request(stored, capsys):
    code, out, err = run(["search", "Quetta AND police", "--db", stored], capsys)
    assert code == 0 and "Quetta" in out
    code, out, _ = run(["search", "NOT", "--db", stored], capsys)
    assert code == 0  # a plain word, not an operator
    code, out, _ = run(["search", "Quetta OR Kabul", "--fts", "--db", stored], capsys)
    assert code == 0 and "Quetta" in out
    code, _, err = run(["search", "Quetta AND", "--fts", "--db", stored], capsys)
    assert code == 2 and "bad search query" in err and "Traceback" not in err
    code, _, err = run(["search", '"', "--db", stored], capsys)
    assert code == 2 and "no words" in err


def _nested(tmp_path):
    path = tmp_path / "nested.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.json", "cannot be read"),
        (lambda p: p, "is a directory"),
        (lambda p: (p / "n.json").write_text("5", encoding="utf-8") and p / "n.json", "not a JSON object"),
        (lambda p: (p / "l.json").write_text('[{"id": "a"}, 7]', encoding="utf-8") and p / "l.json", "document 2"),
        (lambda p: (p / "s.jsonl").write_text('{"id": "a"}\n"x"\n', encoding="utf-8") and p / "s.jsonl", "object"),
        (_nested, "nested too deeply"),
        (lambda p: (p / "b.json").write_bytes(b"\xff\xfe{") and p / "b.json", "not UTF-8"),
        (lambda p: (p / "d.json").write_text('{"id": ' + "9" * 5000 + "}", encoding="utf-8") and p / "d.json", "JSON"),
        (lambda p: (p / "x.json").write_text("{oops", encoding="utf-8") and p / "x.json", "not JSON"),
        (lambda p: (p / "e.json").write_text("", encoding="utf-8") or p / "e.json", "no document"),
        (lambda p: (p / "w.json").write_text("\n \n", encoding="utf-8") and p / "w.json", "no document"),
    ],
)
def test_cli_validate_bad_files_are_one_clear_line(tmp_path, capsys, make, message):
    code, _, err = run(["validate", make(tmp_path)], capsys)
    assert code == 2 and message in err and "Traceback" not in err


def test_cli_out_into_a_missing_folder_fails_before_any_analysis(tmp_path, capsys, monkeypatch):
    import sitrep.core

    def never(*args, **kwargs):
        raise AssertionError("the analysis ran")

    monkeypatch.setattr(sitrep.core, "analyze_documents", never)
    code, _, err = run(["analyze", EXAMPLE, "--out", tmp_path / "no" / "such" / "out.json"], capsys)
    assert code == 2 and "does not exist" in err
    code, _, err = run(["analyze", EXAMPLE, "--out", tmp_path], capsys)
    assert code == 2 and "is a directory" in err


def test_cli_out_is_written_whole_or_not_at_all(tmp_path, capsys):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    code, _, _ = run(["analyze", tmp_path / "missing.txt", "--out", target], capsys)
    assert code == 2 and target.read_text(encoding="utf-8") == "old"
    code, _, _ = run(["analyze", EXAMPLE, "--out", target], capsys)
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["text"]
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_cli_ingest_jsonl_counts_every_line(tmp_path, capsys):
    batch = tmp_path / "b.jsonl"
    good = [json.dumps({"id": f"g{i}", "text": f"Gunmen killed {i + 2} policemen in Quetta."}) for i in range(3)]
    bad = ['{"id": "t", "text": 5}', '{"id": "s", "text": "A \\ud800 bomb."}', "[" * 50_000, '{"id": ' + "7" * 5000]
    batch.write_text("\n".join([good[0], *bad, good[1], good[2]]) + "\n", encoding="utf-8")
    code, out, err = run(["ingest", "--jsonl", batch, "--db", tmp_path / "s.db"], capsys)
    assert code == 0 and out.startswith("3 added, 0 replaced, 0 unchanged, 4 failed")
    assert all(f"line {n}:" in err for n in (2, 3, 4, 5)) and "Traceback" not in err
    code, out, _ = run(["ingest", "--jsonl", batch, "--db", tmp_path / "s.db"], capsys)
    assert out.startswith("0 added, 0 replaced, 3 unchanged, 4 failed")
