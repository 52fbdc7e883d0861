"""Load test of the web server on loopback, bounded in time: N concurrent clients for D seconds against the read
endpoints (list documents, list events, search, get one document) and the analyse endpoint.

    python bench/load.py [--clients 100] [--seconds 600] [--json bench/results/load.json]

It starts ``sitrep serve`` itself on 127.0.0.1 at a free port with a store in a temporary folder, seeds it through
the API (``POST /api/documents``: the two examples and 40 generated reports, which also loads the models before
the clock starts), then runs the clients: each keeps one HTTP/1.1 connection open and sends requests one after the
other, choosing the endpoint at random by weight (documents 25, events 20, search 25, one document 20, analyse 10);
the texts to analyse are generated reports, each different, and every other one is stored (``?store=true``: the
store is written while it is read).  When the time is up each client finishes the request
it is in (at most ``--timeout`` seconds), and the server is stopped.

The server runs with ``rate_limit = 0`` (the rate limit off: 100 clients on one address would meet it at once, as
they should) and ``analysis_queue`` = the number of clients (every analysis is queued, none refused with 503: the
queue's latency shows in the analyse figures instead; ``--analysis-queue 8``, the default, shows the refusals).
Every other setting is the default.

Prints, per endpoint and in all: requests, errors (any status but 200, a timeout or a broken connection; the goal is
0), p50, p99 and the longest latency in ms, and requests a second; the server's peak memory (VmHWM); and writes the
same to ``--json``.  ``run(base, clients, seconds, ids)`` is the core, which tests/test_bench_load.py runs for a
couple of seconds against a test server.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
WEIGHTS = {"documents": 25, "events": 20, "search": 25, "document": 20, "analyse": 10}
PLACES = ["Quetta", "Peshawar", "Kabul", "Mosul", "Aleppo", "Kharkiv", "Mogadishu", "Maiduguri", "Bamako", "Sanaa"]
ACTORS = ["Militants", "Gunmen", "Police", "Protesters", "Soldiers", "Unidentified attackers"]
ACTIONS = [
    "attacked a police checkpoint in {place} on {day}, killing {n} officers, police said.",
    "fired rockets at a market in {place} on {day}; {n} civilians were wounded, officials said.",
    "clashed with security forces in {place} on {day}, leaving {n} people dead.",
    "rallied in {place} on {day} against rising prices; police arrested {n} people.",
    "detonated a roadside bomb near {place} on {day}, killing {n} soldiers.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
QUERIES = [*PLACES, "attack", "police", "killed", "protest", "rockets", "bomb", "al-Qaeda AND Quetta", "Crocus (Moscow"]


def report(rng: random.Random, n: int) -> str:
    """A short generated news report (different for each ``n``)."""
    lines = []
    for _ in range(rng.randint(2, 4)):
        action = rng.choice(ACTIONS).format(place=rng.choice(PLACES), day=rng.choice(DAYS), n=rng.randint(2, 40))
        lines.append(f"{rng.choice(ACTORS)} {action}")
    lines.append(f"The report is number {n}.")
    return " ".join(lines) + "\n"


class Client(threading.Thread):
    """One client: one keep-alive connection, requests one after the other until ``stop``."""

    def __init__(self, n: int, base: str, ids: list[str], stop: float, timeout: float, weights: dict[str, int]):
        super().__init__(name=f"load-{n}", daemon=True)
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.rng = random.Random(n)
        self.n, self.ids, self.stop, self.timeout, self.weights = n, ids, stop, timeout, weights
        self.samples: list[tuple[str, float, bool]] = []  # endpoint, seconds, ok
        self.refused: list[str] = []  # endpoints that answered 503 with Retry-After (a full queue)
        self.errors: list[str] = []
        self.conn: http.client.HTTPConnection | None = None

    def run(self) -> None:
        names, weights = list(self.weights), list(self.weights.values())
        count = 0
        while time.monotonic() < self.stop:
            name = self.rng.choices(names, weights)[0]
            method, path, body = self.request(name, count)
            count += 1
            start = time.monotonic()
            error = self.send(method, path, body)
            self.samples.append((name, time.monotonic() - start, error is None))
            if error is not None and len(self.errors) < 20:
                self.errors.append(f"{method} {path[:80]}: {error}")
        if self.conn is not None:
            self.conn.close()

    def request(self, name: str, count: int) -> tuple[str, str, bytes | None]:
        rng = self.rng
        if name == "documents":
            return "GET", f"/api/documents?limit=20&offset={rng.randint(0, 20)}", None
        if name == "events":
            place = f"&place={quote(rng.choice(PLACES))}" if rng.random() < 0.5 else ""
            return "GET", f"/api/events?limit=20&offset={rng.randint(0, 40)}{place}", None
        if name == "search":
            return "GET", f"/api/search?q={quote(rng.choice(QUERIES))}&limit=10", None
        if name == "document":
            return "GET", f"/api/documents/{quote(rng.choice(self.ids), safe='')}", None
        text = report(rng, self.n * 1_000_000 + count)
        save = "?store=true" if count % 2 else ""  # every other one stored: writes among the reads
        return "POST", f"/api/analyze{save}", json.dumps({"text": text, "published": "2024-06-03"}).encode()

    def send(self, method: str, path: str, body: bytes | None) -> str | None:
        """None when the answer was 200 with a body read whole, else what went wrong."""
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            headers = {"Content-Type": "application/json"} if body is not None else {}
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
            if response.status == 503 and response.getheader("Retry-After"):
                self.refused.append(path.split("?")[0].rsplit("/", 1)[-1])
            if response.status != 200:
                return f"HTTP {response.status} {data[:200]!r}"
            if response.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            return None
        except (OSError, http.client.HTTPException) as exc:
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            return f"{type(exc).__name__}: {exc}"


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile (q in 0..1) of ``values`` (not empty)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def figures(samples: list[tuple[str, float, bool]], seconds: float) -> dict[str, Any]:
    times = [t for _, t, _ in samples]
    if not times:
        return {"requests": 0, "errors": 0, "per_second": 0.0, "p50_ms": None, "p99_ms": None, "max_ms": None}
    return {
        "requests": len(samples),
        "errors": sum(not ok for _, _, ok in samples),
        "per_second": round(len(samples) / seconds, 2),
        "p50_ms": round(percentile(times, 0.50) * 1000, 1),
        "p99_ms": round(percentile(times, 0.99) * 1000, 1),
        "max_ms": round(max(times) * 1000, 1),
    }


def run(base: str, clients: int, seconds: float, ids: list[str], timeout: float = 300.0,
        weights: dict[str, int] = WEIGHTS) -> dict[str, Any]:  # fmt: skip
    """``clients`` clients against the server at ``base`` for ``seconds`` (endpoints chosen by ``weights``); the
    figures, per endpoint and in all."""
    start = time.monotonic()
    workers = [Client(n, base, ids, start + seconds, timeout, weights) for n in range(clients)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(seconds + timeout + 30)
    elapsed = time.monotonic() - start
    samples = [s for w in workers for s in w.samples]
    return {
        "clients": clients,
        "seconds": seconds,
        "elapsed": round(elapsed, 1),
        "total": figures(samples, elapsed),
        "endpoints": {name: figures([s for s in samples if s[0] == name], elapsed) for name in WEIGHTS},
        "refused_503": sum(len(w.refused) for w in workers),
        "error_samples": [e for w in workers for e in w.errors][:20],
        "clients_still_running": sum(w.is_alive() for w in workers),
    }


def seed(base: str, count: int) -> list[str]:
    """Add the examples and ``count`` generated reports through the API; their ids."""
    rng = random.Random(0)
    bodies = [{"text": (ROOT / "examples" / name).read_text(encoding="utf-8"), "published": "2024-05-15",
               "id": name.removesuffix(".txt")} for name in ("quetta-attack.txt", "moscow-report-ru.txt")]  # fmt: skip
    bodies += [{"text": report(rng, n), "published": f"2024-06-{1 + n % 28:02d}", "source": rng.choice(["Dawn", "AP"]),
                "id": f"load-{n}"} for n in range(count)]  # fmt: skip
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=600)
    ids = []
    for body in bodies:
        conn.request("POST", "/api/documents", body=json.dumps(body), headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        answer = json.loads(response.read())
        if response.status != 201:
            raise SystemExit(f"load: seeding failed: HTTP {response.status} {answer}")
        ids.append(answer["id"])
    conn.close()
    return ids


@contextlib.contextmanager
def server(folder: Path, queue: int) -> Iterator[tuple[str, int]]:
    """``sitrep serve`` on 127.0.0.1 at a free port, its store in ``folder``; yields (base URL, its process id)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "SITREP_RATE_LIMIT": "0", "SITREP_ANALYSIS_QUEUE": str(queue), "SITREP_CONFIG": "none"}
    command = [sys.executable, "-c", "import sys; from sitrep.cli import main; sys.exit(main())",
               "serve", "--db", str(folder / "sitrep.db"), "--port", str(port)]  # fmt: skip
    log = (folder / "server.log").open("w")
    proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=folder)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"load: the server did not start: {(folder / 'server.log').read_text()}") from None
                time.sleep(0.2)
        yield base, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def peak_memory_mb(pid: int) -> float | None:
    """The process's peak resident memory (VmHWM), in MB; None where /proc does not say."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def show(result: dict[str, Any]) -> None:
    print(f"{result['clients']} clients for {result['seconds']:g} s (elapsed {result['elapsed']:g} s)")
    print(f"{'endpoint':<10} {'requests':>9} {'errors':>7} {'req/s':>8} {'p50 ms':>9} {'p99 ms':>9} {'max ms':>9}")
    for name, f in [*result["endpoints"].items(), ("all", result["total"])]:
        print(f"{name:<10} {f['requests']:>9} {f['errors']:>7} {f['per_second']:>8} {f['p50_ms']!s:>9} "
              f"{f['p99_ms']!s:>9} {f['max_ms']!s:>9}")  # fmt: skip
    if result.get("server_peak_mb") is not None:
        print(f"server peak memory: {result['server_peak_mb']} MB")
    if result["refused_503"]:
        print(f"refused with 503 and Retry-After (a full analysis queue): {result['refused_503']}")
    for line in result["error_samples"][:5]:
        print(f"  error: {line}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=100, help="concurrent clients (default 100)")
    ap.add_argument("--seconds", type=float, default=600.0, help="how long the clients run (default 600: 10 minutes)")
    ap.add_argument("--seed-docs", type=int, default=40, help="generated reports stored before the run (default 40)")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds one request may take (default 300)")
    ap.add_argument("--analysis-queue", type=int, help="the server's analysis_queue (default: --clients, so no "
                    "analysis is refused; a smaller one shows the 503s of a full queue, counted as errors)")
    ap.add_argument("--json", default=str(ROOT / "bench/results/load.json"), help="where to write the figures")
    args = ap.parse_args()
    if args.clients < 1 or args.seconds <= 0:
        ap.error("--clients must be at least 1 and --seconds above 0")
    load_before = os.getloadavg()
    queue = args.clients if args.analysis_queue is None else args.analysis_queue
    with tempfile.TemporaryDirectory(prefix="sitrep-load-") as tmp, server(Path(tmp), queue) as (base, pid):
        seeded = time.monotonic()
        ids = seed(base, args.seed_docs)
        print(f"seeded {len(ids)} documents in {time.monotonic() - seeded:.1f} s; running ...", flush=True)
        result = run(base, args.clients, args.seconds, ids, args.timeout)
        result["server_peak_mb"] = peak_memory_mb(pid)
    argv = " ".join(sys.argv[1:])
    result.update(command=f"python bench/load.py {argv}".strip(), weights=WEIGHTS, seeded_documents=len(ids),
                  server_settings={"rate_limit": 0, "analysis_queue": queue, "other": "defaults"},
                  machine={"python": platform.python_version(), "cpus": os.cpu_count(), "system": platform.system(),
                           "load_average_before": load_before, "load_average_after": os.getloadavg()},
                  date=time.strftime("%Y-%m-%d", time.gmtime()))  # fmt: skip
    show(result)
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0 if result["total"]["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
