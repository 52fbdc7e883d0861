"""bench/load.py's core: a few clients for a couple of seconds against a test server on 127.0.0.1 (its three
seeded documents), every endpoint asked, no errors, and the figures in the shape bench/results/load.json keeps."""

from __future__ import annotations

import docfactory as fx
import liveserver
from paths import bench


def test_bench_load_core_runs_without_errors(tmp_path):
    load = bench("load")
    s = liveserver.seeded(tmp_path, rate_limit=0)
    ids = [d.id for d in fx.all_docs()]
    with liveserver.running(s) as base:
        result = load.run(base, clients=4, seconds=2.0, ids=ids, timeout=300)
    assert result["clients"] == 4 and result["clients_still_running"] == 0 and result["refused_503"] == 0
    assert set(result["endpoints"]) == {"documents", "events", "search", "document", "analyse"}
    assert result["total"]["errors"] == 0, result["error_samples"]
    assert result["total"]["requests"] == sum(f["requests"] for f in result["endpoints"].values()) > 0
    for f in result["endpoints"].values():
        assert set(f) == {"requests", "errors", "per_second", "p50_ms", "p99_ms", "max_ms"}
        assert f["requests"] == 0 or f["p50_ms"] <= f["p99_ms"] <= f["max_ms"]


def test_bench_load_counts_a_refused_request_as_an_error(tmp_path):
    """A run (reads only) against a server whose rate limit the clients meet: the 429s are counted, and named."""
    load = bench("load")
    s = liveserver.seeded(tmp_path, rate_limit=0.01, rate_burst=5)
    with liveserver.running(s) as base:
        reads = {"documents": 1, "events": 1, "search": 1, "document": 1}
        requests, errors, samples, ids = 0, 0, [], [d.id for d in fx.all_docs()]
        for _ in range(20):  # bounded: a loaded machine may fit fewer requests than the burst in one short run
            result = load.run(base, clients=2, seconds=0.5, ids=ids, timeout=60, weights=reads)
            requests += result["total"]["requests"]
            errors += result["total"]["errors"]
            samples += result["error_samples"]
            if requests > 5:
                break
    assert errors >= requests - 5 > 0
    assert any("HTTP 429" in e for e in samples)


def test_bench_load_percentile_is_nearest_rank():
    load = bench("load")
    values = [float(v) for v in range(1, 101)]
    assert (load.percentile(values, 0.5), load.percentile(values, 0.99), load.percentile([3.0], 0.99)) == (50, 99, 3)
