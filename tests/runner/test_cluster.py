"""Tests for sitrep.runner.cluster (and the worker side, sitrep.runner.worker): ingest on a Dask cluster stores
exactly what a single-process ingest stores, skips what is stored already, survives SIGKILL and a rerun, and says
clearly when there is no cluster.  The clusters are local (127.0.0.1), two worker processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from backends import query

from sitrep.core import analyze_documents
from sitrep.errors import ClusterError, ConfigError
from sitrep.io.ingest import read_text
from sitrep.model import Document
from sitrep.settings import Settings
from sitrep.store import open_store

from paths import EXAMPLES, ROOT

distributed = pytest.importorskip("distributed")
from sitrep.runner.cluster import Cluster, ingest  # noqa: E402

TEXTS = [
    "Gunmen killed three policemen at a checkpoint in Quetta on Monday, officials said.",
    "A suicide bomber blew himself up outside a mosque in Peshawar on Friday, killing 12 people.",
    "Police arrested 40 protesters in Karachi after a rally against fuel prices turned violent.",
    "Боевики обстреляли пост ДПС в Махачкале, ранены двое полицейских.",
    "Taliban fighters seized the district centre of Sangin in Helmand province after a two-day battle.",
    "A roadside bomb hit a military convoy near Turbat, killing four soldiers, the army said.",
    "Unknown attackers set fire to a girls' school in North Waziristan overnight.",
    "Islamic State claimed the attack on a Shia shrine in Mazar-i-Sharif that killed 14 worshippers.",
    (EXAMPLES / "quetta-attack.txt").read_text(encoding="utf-8"),
]


def inputs() -> list[Document]:
    docs = [read_text(t, doc_id=f"t{i}", published="2024-05-15") for i, t in enumerate(TEXTS)]
    copy = read_text(TEXTS[0], doc_id="t0-copy", published="2024-05-15")  # the same text under another id
    return [*docs[:5], copy, *docs[5:]]


def stored_json(store) -> dict[str, dict]:
    return {d.id: {**d.to_dict()} for d in store.documents()}


@pytest.fixture(scope="module")
def scheduler():
    """The address of a local Dask cluster of two workers, as an operator's cluster would be."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster:  # fmt: skip
        yield cluster.scheduler_address


def test_cluster_ingest_stores_what_one_process_stores(scheduler, store_url, tmp_path):
    settings = Settings()
    with open_store(tmp_path / "one.db") as one:
        single = one.add_many(analyze_documents(inputs(), settings), commit_every=1)
        expected = stored_json(one)
    with open_store(store_url) as store:
        result = ingest(inputs(), store, settings, Cluster(scheduler=scheduler, batch=2, progress=False))
        assert (result.added, result.skipped, result.failed) == (single.added, single.skipped, []) == (9, 1, [])
        assert stored_json(store) == expected
        again = ingest(inputs(), store, settings, Cluster(scheduler=scheduler, batch=3, progress=False))
    assert (again.added, again.replaced, again.skipped, again.failed) == (0, 0, 10, [])
    with distributed.Client(scheduler) as client:  # each worker built the pipeline once, in the plugin
        assert [info.misses for info in client.run(pipelines_built).values()] == [1, 1]


def pipelines_built():
    from sitrep.core import default_pipeline

    return default_pipeline.cache_info()


def test_cluster_ingest_needs_one_place_to_run(tmp_path):
    with open_store(tmp_path / "s.db") as store, pytest.raises(ConfigError, match=r"--workers N.*--scheduler"):
        ingest(inputs(), store, Settings(), Cluster())


def test_cluster_ingest_unreachable_scheduler_is_a_clear_error(tmp_path):
    with open_store(tmp_path / "s.db") as store, pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        ingest(inputs(), store, Settings(), Cluster(scheduler="tcp://127.0.0.1:1", connect_timeout=2))


def test_cli_ingest_on_local_workers_killed_and_rerun_finishes_the_rest(tmp_path):
    """``sitrep ingest --workers 2`` killed with SIGKILL (the command and its workers) part way, then run again:
    what was committed stays, the rerun analyses only the rest, and the store is the single-process one."""
    batch = tmp_path / "batch.jsonl"
    texts = [f"{t} Report number {i}." for i in range(80) for t in TEXTS[:8]]  # commits every 2 s: more work than that
    batch.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)), "utf-8")
    db = str(tmp_path / "cli.db")
    cmd = [sys.executable, "-m", "sitrep.cli", "ingest", "--jsonl", str(batch), "--db", db, "--workers", "2", "-q"]
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, start_new_session=True)
    deadline, count = time.monotonic() + 240, 0
    while time.monotonic() < deadline and child.poll() is None and count == 0:
        time.sleep(0.2)
        try:
            count = query(db, "SELECT COUNT(*) FROM documents")[0][0] if os.path.exists(db) else 0
        except Exception:  # the schema is being created
            continue
    os.killpg(child.pid, signal.SIGKILL)  # the command and the workers it started
    child.wait(30)
    kept = query(db, "SELECT COUNT(*) FROM documents")[0][0]
    assert 0 < kept < len(texts)
    rerun = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith(f"{len(texts) - kept} added, 0 replaced, {kept} unchanged, 0 failed")
    with open_store(db) as store:
        got = stored_json(store)
    single = [sys.executable, "-m", "sitrep.cli", "ingest", "--jsonl", str(batch), "--db", str(tmp_path / "one.db")]
    # in a process of its own: 640 documents analysed here would stay in this test process's memory
    assert subprocess.run([*single, "-q"], capture_output=True, cwd=ROOT, timeout=600).returncode == 0
    with open_store(tmp_path / "one.db") as one:
        assert got == stored_json(one)


def test_cli_ingest_cluster_arguments_are_checked(tmp_path, capsys):
    from sitrep.cli import main

    (tmp_path / "a.txt").write_text("Gunmen attacked a police post in Quetta.", "utf-8")
    db = str(tmp_path / "s.db")
    with pytest.raises(SystemExit):
        main(["ingest", str(tmp_path / "a.txt"), "--db", db, "--workers", "0"])
    with pytest.raises(SystemExit):
        main(["ingest", str(tmp_path / "a.txt"), "--db", db, "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"])
    assert "not allowed with argument" in capsys.readouterr().err


def test_cli_ingest_without_dask_says_what_to_install(tmp_path, monkeypatch, capsys):
    from sitrep.cli import main

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    (tmp_path / "a.txt").write_text("Gunmen attacked a police post in Quetta.", "utf-8")
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.db"), "--workers", "2"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'sitrep[dask]'" in err and "Traceback" not in err
