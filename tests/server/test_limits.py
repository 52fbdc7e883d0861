"""How much work the server takes on (sitrep/server/limits.py), over real HTTP on 127.0.0.1: the token buckets per
address and per token (429 with Retry-After), health and static files exempt, the limit off at 0; places for
analyses (a full queue answers 503 with Retry-After at once); waiting batch jobs bounded (503)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from sitrep.server.limits import Buckets, client_key
from sitrep.store import open_store

import liveserver


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_buckets_burst_then_refill_at_the_rate():
    clock = Clock()
    b = Buckets(rate=2.0, burst=3, clock=clock)
    assert [b.take("a") for _ in range(3)] == [0, 0, 0]
    assert b.take("a") == 1  # empty: a token in 0.5 s, said as 1 whole second
    assert b.take("b") == 0  # another client has its own bucket
    clock.now += 0.5
    assert b.take("a") == 0 and b.take("a") == 1
    clock.now += 60  # refilled, never past the burst
    assert [b.take("a") for _ in range(4)] == [0, 0, 0, 1]


def test_buckets_rate_zero_is_no_limit():
    b = Buckets(rate=0.0, burst=1, clock=Clock())
    assert all(b.take("a") == 0 for _ in range(1000))


def test_client_key_by_token_else_address_ipv6_by_its_64():
    assert client_key("10.0.0.1", "tok1") == client_key("10.0.0.2", "tok1") == "token:tok1"
    assert client_key("10.0.0.1", None) != client_key("10.0.0.2", None)
    assert client_key("2001:db8:1:2::5", None) == client_key("2001:db8:1:2:ffff::9", None)
    assert client_key("2001:db8:1:2::5", None) != client_key("2001:db8:1:3::5", None)
    assert client_key("::ffff:10.0.0.1", None) == client_key("10.0.0.1", None)
    assert client_key("not-an-address", None) == "address:not-an-address"


def test_rate_limit_answers_429_with_retry_after_in_the_error_shape(tmp_path):
    s = liveserver.seeded(tmp_path, rate_limit=0.01, rate_burst=3)
    with liveserver.running(s) as base, httpx.Client(base_url=base, timeout=60, trust_env=False) as c:
        assert [c.get("/api/documents").status_code for _ in range(3)] == [200, 200, 200]
        r = c.get("/api/events")
        assert r.status_code == 429
        assert r.json() == {"error": r.json()["error"], "status": 429} and "rate_limit" in r.json()["error"]
        assert int(r.headers["retry-after"]) >= 1
        assert c.post("/api/analyze", json={"text": "Police arrested two men."}).status_code == 429
        assert c.get("/api/health").status_code == 200  # health checks and static files are not counted
        assert c.get("/static/lib.js").status_code == 200


def test_rate_limit_per_token_not_per_address(tmp_path):
    s = liveserver.seeded(tmp_path, rate_limit=0.01, rate_burst=2)
    with open_store(s.db) as store:
        one, _ = store.create_token("one", "read")
        two, _ = store.create_token("two", "read")
    with liveserver.running(s, tokens=True) as base, httpx.Client(base_url=base, timeout=60, trust_env=False) as c:
        first = {"Authorization": f"Bearer {one}"}
        assert [c.get("/api/documents", headers=first).status_code for _ in range(3)] == [200, 200, 429]
        assert c.get("/api/documents", headers={"Authorization": f"Bearer {two}"}).status_code == 200
        # without a valid token the address's bucket is drawn on: a flood of wrong tokens meets the limit too
        wrong = {"Authorization": "Bearer sitrep_wrong"}
        codes = [c.get("/api/documents", headers=wrong).status_code for _ in range(3)]
        assert codes == [401, 401, 429]


def test_rate_limit_per_address_behind_a_proxy_on_this_machine(tmp_path):
    """Behind a reverse proxy on 127.0.0.1 that says who the client is (X-Forwarded-For, which uvicorn trusts from
    127.0.0.1 and ::1 only), each client has its own bucket."""
    s = liveserver.seeded(tmp_path, rate_limit=0.01, rate_burst=2)
    with liveserver.running(s) as base, httpx.Client(base_url=base, timeout=60, trust_env=False) as c:
        one, two = {"X-Forwarded-For": "203.0.113.5"}, {"X-Forwarded-For": "198.51.100.7"}
        assert [c.get("/api/documents", headers=one).status_code for _ in range(3)] == [200, 200, 429]
        assert c.get("/api/documents", headers=two).status_code == 200


def test_rate_limit_zero_is_off(tmp_path):
    s = liveserver.seeded(tmp_path, rate_limit=0, rate_burst=1)
    with liveserver.running(s) as base, httpx.Client(base_url=base, timeout=60, trust_env=False) as c:
        assert {c.get("/api/documents?limit=1").status_code for _ in range(30)} == {200}


@contextmanager
def held_page(seen: list[str] | None = None) -> Iterator[tuple[str, threading.Event, threading.Event]]:
    """A page on 127.0.0.1 that answers 404 only once ``release`` is set (``asked`` is set on each request, whose
    path goes into ``seen``): a URL fetch that holds its request's place as long as the test wants."""
    asked, release = threading.Event(), threading.Event()

    class Held(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if seen is not None:
                seen.append(self.path)
            asked.set()
            release.wait(60)
            self.send_error(404)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Held)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", asked, release
    finally:
        release.set()
        httpd.shutdown()
        httpd.server_close()


def test_analysis_queue_full_answers_503_with_retry_after(tmp_path):
    s = liveserver.seeded(tmp_path, analysis_queue=1)
    with liveserver.running(s) as base, held_page() as (page, asked, release):
        results: list[httpx.Response] = []

        def add(n: int) -> None:
            body = {"url": f"{page}/{n}"}
            results.append(httpx.post(f"{base}/api/documents", json=body, timeout=60, trust_env=False))

        threads = [threading.Thread(target=add, args=(n,)) for n in range(2)]  # the two places: both fetching
        for t in threads:
            t.start()
            assert asked.wait(30)
            asked.clear()
        r = httpx.post(f"{base}/api/documents", json={"text": "Police arrested two men."}, timeout=60, trust_env=False)
        assert r.status_code == 503 and r.json()["status"] == 503 and "analysis_queue" in r.json()["error"]
        assert int(r.headers["retry-after"]) >= 1
        assert httpx.get(f"{base}/api/documents", timeout=60, trust_env=False).status_code == 200  # reads go on
        release.set()
        for t in threads:
            t.join(60)
        assert sorted(x.status_code for x in results) == [502, 502]  # the page's 404: the fetch failed
        # the places are free again: the next one is taken (and fails at its URL, not at the queue)
        r = httpx.post(f"{base}/api/documents", json={"url": f"{page}/again"}, timeout=60, trust_env=False)
        assert r.status_code == 502


def test_analysis_places_leave_threads_for_reads(tmp_path):
    """45 analyses may be in progress at once (more than the 40 threads a route pool has by default): all 45 are
    taken in (their URLs asked for), and a read still answers while they wait."""
    s = liveserver.seeded(tmp_path, analysis_queue=44, rate_limit=0)
    seen: list[str] = []
    with liveserver.running(s) as base, held_page(seen) as (page, _, release):
        def add(n: int) -> None:
            httpx.post(f"{base}/api/documents", json={"url": f"{page}/{n}"}, timeout=90, trust_env=False)

        threads = [threading.Thread(target=add, args=(n,), daemon=True) for n in range(45)]
        for t in threads:
            t.start()
        for _ in range(600):
            if len(seen) == 45:
                break
            threading.Event().wait(0.05)
        assert len(seen) == 45
        assert httpx.get(f"{base}/api/documents", timeout=60, trust_env=False).status_code == 200
        r = httpx.post(f"{base}/api/analyze", json={"text": "Police arrested two men."}, timeout=60, trust_env=False)
        assert r.status_code == 503  # the 46th place does not exist
        release.set()
        for t in threads:
            t.join(60)


def test_job_queue_full_answers_503_with_retry_after(tmp_path):
    s = liveserver.seeded(tmp_path, job_queue=1)
    with liveserver.running(s) as base, held_page() as (page, asked, release):
        c = httpx.Client(base_url=base, timeout=60, trust_env=False)
        running = c.post("/api/jobs", json={"documents": [{"url": f"{page}/1"}]})
        assert running.status_code == 202 and asked.wait(30)  # the worker is fetching: the job runs
        waiting = c.post("/api/jobs", json={"documents": [{"url": f"{page}/2"}]})
        assert waiting.status_code == 202
        r = c.post("/api/jobs", json={"documents": [{"url": f"{page}/3"}]})
        assert r.status_code == 503 and "job_queue" in r.json()["error"] and int(r.headers["retry-after"]) >= 1
        release.set()
        for job in (running.json()["id"], waiting.json()["id"]):
            for _ in range(300):
                if (state := c.get(f"/api/jobs/{job}").json())["status"] == "done":
                    break
                threading.Event().wait(0.1)
            assert state["status"] == "done" and state["failed"] == 1
        assert c.post("/api/jobs", json={"documents": [{"url": f"{page}/4"}]}).status_code == 202
        c.close()


def test_body_over_max_request_bytes_is_413_in_the_error_shape(tmp_path):
    s = liveserver.seeded(tmp_path, max_request_bytes=10_000)
    with liveserver.running(s) as base, httpx.Client(base_url=base, timeout=60, trust_env=False) as c:
        answers = [
            c.post("/api/documents/upload", files={"file": ("big.txt", b"word " * 4000, "text/plain")}),
            c.post("/api/jobs", json={"documents": [{"text": "Police arrested two men. " * 20}] * 30}),
            c.post("/api/analyze", content=iter([b'{"text": "', b"word " * 3000, b'"}']),
                   headers={"content-type": "application/json"}),  # no Content-Length: counted as it arrives
        ]  # fmt: skip
        for r in answers:
            assert r.status_code == 413 and r.headers["content-type"] == "application/json"
            assert r.json() == {"error": r.json()["error"], "status": 413} and "10,000 bytes" in r.json()["error"]
        assert c.get("/api/jobs").json() == []  # nothing was taken in


@pytest.mark.parametrize(("name", "value"), [("rate_burst", 0), ("job_queue", 0), ("analysis_queue", -1),
                                             ("rate_limit", -1)])  # fmt: skip
def test_limits_below_their_minimum_are_refused(tmp_path, name, value):
    from sitrep.errors import ConfigError

    with pytest.raises(ConfigError, match=name):
        liveserver.settings(tmp_path, **{name: value})
