"""URLs submitted through the API follow the fetching rules of sitrep.io.fetch.check_url (sitrep/server/work.py):
without ``allow_private`` a URL on loopback, link-local (169.254.169.254), a private range, another scheme, or one
that redirects to such an address is refused with 422 and the rule it broke -- as one document and in a batch
job (refused at submission, or, for a redirect, failed in the job); with ``allow_private`` the tests' own pages
are fetched (also tests/server/test_api.py)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from sitrep.io import fetch

import liveserver

PAGE = b"<html><body><p>Police arrested two men in Quetta on Monday.</p></body></html>"


@pytest.fixture(scope="module")
def strict(tmp_path_factory) -> Iterator[httpx.Client]:
    """A server with the default fetching rules (allow_private off)."""
    s = liveserver.seeded(tmp_path_factory.mktemp("strict"), allow_private=False)
    assert not s.allow_private
    with liveserver.running(s) as base, httpx.Client(base_url=base, timeout=60, trust_env=False) as client:
        yield client


@pytest.fixture(scope="module")
def page() -> Iterator[str]:
    with liveserver.page_server(PAGE) as base:
        yield f"{base}/article"


@pytest.mark.parametrize(("url", "why"), [
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://10.0.0.1/", "private"),
    ("http://192.168.1.1/admin", "private"),
    ("http://[::1]:8765/api/documents", "loopback"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://localhost/", "loopback"),
])  # fmt: skip
def test_work_non_public_url_refused_with_422(strict, url, why):
    r = strict.post("/api/documents", json={"url": url})
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["status"] == 422 and why in body["error"] and "allow_private" in body["error"]


def test_work_loopback_test_page_refused_without_allow_private(strict, page):
    r = strict.post("/api/documents", json={"url": page})
    assert r.status_code == 422 and "loopback" in r.json()["error"]
    assert strict.get("/api/documents").json()["total"] == 3  # nothing stored


@pytest.mark.parametrize("url", ["ftp://example.org/file.txt", "file:///etc/passwd", "gopher://127.0.0.1:6379/_x"])
def test_work_other_schemes_refused_with_422(strict, url):
    for path, body in (("/api/documents", {"url": url}), ("/api/jobs", {"documents": [{"url": url}]})):
        r = strict.post(path, json=body)
        assert r.status_code == 422 and r.json()["status"] == 422 and "url" in r.json()["error"]


def test_work_redirect_to_a_private_address_refused_with_422(strict, monkeypatch):
    """127.0.0.1 is counted as public here (the tests have no public server), its redirect to 127.0.0.2 or to
    169.254.169.254 is checked anew and refused; a redirect to ftp:// is not followed."""
    real = fetch.private_address
    monkeypatch.setattr(fetch, "private_address", lambda a: None if a == "127.0.0.1" else real(a))
    for target, why in (("http://127.0.0.2/", "loopback"), ("http://169.254.169.254/latest/", "link-local"),
                        ("ftp://example.org/x", "not http")):  # fmt: skip
        with liveserver.redirect_server(target) as hop:
            r = strict.post("/api/documents", json={"url": f"{hop}/start"})
            assert r.status_code == 422, r.text
            assert why in r.json()["error"] and target.split("/")[2] in r.json()["error"]


def test_work_job_with_a_private_url_refused_at_submission(strict):
    docs = [{"text": "Police arrested two men in Quetta."}, {"url": "http://169.254.169.254/latest/meta-data/"}]
    r = strict.post("/api/jobs", json={"documents": docs})
    assert r.status_code == 422 and "documents[1]" in r.json()["error"] and "link-local" in r.json()["error"]
    assert all(j["total"] != 2 for j in strict.get("/api/jobs").json())  # no job was made


def test_work_job_redirect_to_a_private_address_fails_its_item(strict, monkeypatch):
    real = fetch.private_address
    monkeypatch.setattr(fetch, "private_address", lambda a: None if a == "127.0.0.1" else real(a))
    with liveserver.redirect_server("http://10.1.2.3/") as hop:
        job = strict.post("/api/jobs", json={"documents": [{"url": f"{hop}/start"}]})
        assert job.status_code == 202
        for _ in range(300):
            state = strict.get(f"/api/jobs/{job.json()['id']}").json()
            if state["status"] == "done":
                break
            fetch.time.sleep(0.1)
    assert state["status"] == "done" and state["failed"] == 1
    assert "10.1.2.3" in state["items"][0]["error"] and "private" in state["items"][0]["error"]


def test_work_allow_private_fetches_the_local_page(tmp_path, page):
    s = liveserver.seeded(tmp_path, allow_private=True)
    with liveserver.running(s) as base, httpx.Client(base_url=base, timeout=300, trust_env=False) as c:
        job = c.post("/api/jobs", json={"documents": [{"url": page, "published": "2024-06-03"}]})
        assert job.status_code == 202
        for _ in range(3000):
            state = c.get(f"/api/jobs/{job.json()['id']}").json()
            if state["status"] == "done":
                break
            fetch.time.sleep(0.1)
        assert state["status"] == "done" and state["failed"] == 0, state
        doc = c.get(f"/api/documents/{state['items'][0]['doc_id']}").json()
        assert doc["url"] == page and "Quetta" in doc["text"]
