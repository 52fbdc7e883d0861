"""The REST API over real HTTP on 127.0.0.1 (one server for the module, its store seeded with docfactory's three
documents): analysis, adding documents, batch jobs, listings with filters and pages, profiles, incidents,
reports, exports, and JSON errors (404, 413, 422)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest

from sitrep.outputs.contract import problems

import liveserver

ARTICLE = (
    "Militants attacked a police checkpoint in Peshawar on Sunday, killing three officers, police said. "
    "The Pakistani Taliban claimed responsibility for the attack.\n"
)


@pytest.fixture(scope="module")
def pages() -> Iterator[str]:
    article = f"<html><head><title>Peshawar</title></head><body><article><p>{ARTICLE}</p></article></body></html>"
    with liveserver.page_server(article.encode("utf-8")) as base:
        yield base


@pytest.fixture(scope="module")
def api(tmp_path_factory) -> Iterator[httpx.Client]:
    s = liveserver.seeded(tmp_path_factory.mktemp("api"), max_request_bytes=200_000)
    with liveserver.running(s) as base, httpx.Client(base_url=base, timeout=60, trust_env=False) as client:
        yield client


def test_api_health_and_openapi_description(api):
    assert api.get("/api/health").json()["status"] == "ok"
    spec = api.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    paths = {"/api/analyze", "/api/jobs", "/api/events", "/api/entities/{key}", "/api/export/{fmt}"}
    assert paths <= set(spec["paths"])


def test_api_analyze_returns_a_contract_document(api):
    r = api.post("/api/analyze", json={"text": ARTICLE, "published": "2024-06-03", "source": "Test Wire"})
    assert r.status_code == 200
    doc = r.json()
    assert problems(doc) == []
    assert doc["source"] == "Test Wire" and doc["events"]
    for ev in doc["events"]:
        assert all(doc["text"][s["start"] : s["end"]] == s["text"] for s in ev["evidence"])
    assert api.get(f"/api/documents/{doc['id']}").status_code == 404  # analysed, not stored


def test_api_add_document_then_again_is_skipped_and_readable(api):
    body = {"text": ARTICLE, "published": "2024-06-03", "id": "peshawar-1", "title": "Peshawar"}
    first = api.post("/api/documents", json=body)
    assert first.status_code == 201 and first.json()["status"] == "added" and first.json()["events"] >= 1
    assert api.post("/api/documents", json=body).json()["status"] == "skipped"
    stored = api.get("/api/documents/peshawar-1").json()
    assert stored["title"] == "Peshawar" and problems(stored) == []


def test_api_add_document_by_url_and_by_upload(api, pages):
    r = api.post("/api/documents", json={"url": f"{pages}/article", "published": "2024-06-03"})
    assert r.status_code == 201, r.text
    assert api.get(f"/api/documents/{r.json()['id']}").json()["url"] == f"{pages}/article"
    html = b"<html><body><h1>Raid</h1><p>Police arrested five suspects in Quetta on Monday.</p></body></html>"
    r = api.post("/api/documents/upload", files={"file": ("raid.html", html, "text/html")},
                 data={"published": "2024-06-04", "source": "Upload"})  # fmt: skip
    assert r.status_code == 201, r.text
    doc = api.get(f"/api/documents/{r.json()['id']}").json()
    assert "<h1>" not in doc["text"] and "Police arrested five suspects" in doc["text"]
    assert doc["source"] == "Upload"


def test_api_batch_job_reports_progress_and_failures_and_keeps_the_rest(api):
    docs = [
        {"text": "Gunmen attacked a bus in Kohat on Friday, killing two.", "id": "kohat", "published": "2024-06-07"},
        {"url": "http://127.0.0.1:1/nothing-listens-here"},
        {"text": "Protesters rallied in Quetta on Saturday.", "id": "quetta-rally", "published": "2024-06-08"},
    ]
    r = api.post("/api/jobs", json={"documents": docs})
    assert r.status_code == 202
    job = r.json()
    assert (job["total"], job["user"]) == (3, "local") and job["status"] in ("queued", "running", "done")
    deadline = time.monotonic() + 120
    while job["status"] != "done" and time.monotonic() < deadline:
        time.sleep(0.2)
        job = api.get(f"/api/jobs/{job['id']}").json()
    assert (job["status"], job["done"], job["failed"]) == ("done", 3, 1)
    assert [i["status"] for i in job["items"]] == ["added", "failed", "added"]
    assert job["items"][1]["error"]
    assert api.get("/api/documents/quetta-rally").status_code == 200
    assert any(j["id"] == job["id"] for j in api.get("/api/jobs").json())


def test_api_events_filter_sort_and_page(api):
    page = api.get("/api/events", params={"actor": "ISKP", "sort": "fatalities", "limit": 2}).json()
    assert page["total"] == 4 and len(page["items"]) == 2 and page["next"] == 2
    first = page["items"][0]
    assert (first["doc_id"], first["fatalities"]["best"], first["names"][first["claimed_by"][0]]) == (
        "ru-crocus", 143, "ISKP")
    assert first["place"]["geo"]["lat"] == pytest.approx(55.8258)
    rest = api.get("/api/events", params={"actor": "ISKP", "sort": "fatalities", "limit": 2, "offset": 2}).json()
    assert rest["next"] is None and {e["doc_id"] for e in rest["items"]} == {"wire-crocus", "analysis-iskp"}
    arrests = api.get("/api/events", params={"type": "Arrests", "place": "Russia"}).json()
    assert [(e["doc_id"], e["id"]) for e in arrests["items"]] == [("wire-crocus", "ev2")]
    march = api.get("/api/events", params={"since": "2024-03-22", "until": "2024-03-22", "doc_id": "wire-crocus"})
    assert [e["id"] for e in march.json()["items"]] == ["ev1"]
    one = api.get("/api/events/wire-crocus/ev1").json()
    assert one["clause"].startswith("Gunmen attacked concert-goers")
    assert one["incident_id"].startswith("inc-")


def test_api_facts_entities_profile_incidents(api):
    facts = api.get("/api/facts", params={"actor": "ISKP", "type": "based_in"}).json()
    (based,) = facts["items"]
    assert (based["names"][based["attributed_to"]], based["modality"]) == ("Sami Sadat", "hedged")
    actors = api.get("/api/entities", params={"kind": "actors", "limit": 3}).json()["items"]
    assert actors[0]["key"] == "kb:iskp" and len(actors[0]["documents"]) == 3
    profile = api.get("/api/entities/kb:iskp").json()
    aliases = {a["name"]: a for a in profile["aliases"]}
    assert aliases["ИГИЛ-К"]["kinds"] == {"abbreviation": 1} and "ISIS-K" in aliases
    assert {e["doc_id"] for e in profile["events"]["claimant"]} == {"analysis-iskp", "wire-crocus", "ru-crocus"}
    assert [e["doc_id"] for e in profile["events"]["target"]] == ["analysis-iskp"]
    assert {f["predicate"] for f in profile["facts"]} >= {"founded", "size", "based_in", "fights"}
    graph = {(e["target"], e["kind"]) for e in profile["graph"]["edges"]}
    assert ("kb:taliban", "fights (of)") in graph
    incidents = api.get("/api/incidents", params={"place": "Russia"}).json()["items"]
    crocus = next(i for i in incidents if i["type"] == "ASSAULT")
    assert {r["doc_id"] for r in crocus["reports"]} == {"analysis-iskp", "wire-crocus", "ru-crocus"}
    assert crocus["incident_id"].startswith("inc-")  # linked when stored
    figures = [r["fatalities"] for r in crocus["reports"] if r["fatalities"] is not None]
    assert crocus["reconciled"]["fatalities"]["low"] == min(figures)
    assert crocus["reconciled"]["fatalities"]["high"] >= max(figures)


def test_api_exports_count_incidents_not_reports(api):
    every = api.get("/api/incidents", params={"limit": 500}).json()
    rows = api.get("/api/export/csv").text.splitlines()
    assert rows[0].endswith(",incident_id,reports,report_ids") and len(rows) - 1 == every["total"]
    per_report = api.get("/api/export/csv", params={"reports": True}).text.splitlines()
    events = api.get("/api/events", params={"limit": 1}).json()["total"]
    assert len(per_report) - 1 == events > every["total"]
    lines = api.get("/api/export/incidents").text.splitlines()
    assert len(lines) == every["total"]
    assert max(len(json.loads(line)["reports"]) for line in lines) == 3


def test_api_search_report_and_exports(api):
    hits = api.get("/api/search", params={"q": "Crocus"}).json()
    assert {h["doc_id"] for h in hits} == {"wire-crocus", "analysis-iskp"}  # the Russian one says «Крокус»
    words = api.get("/api/search", params={"q": '"Crocus (Moscow'}).json()  # not FTS syntax: read as words
    assert {h["doc_id"] for h in words} == {"wire-crocus", "analysis-iskp"}
    assaults = api.get("/api/report", params={"type": "ASSAULT"}).text
    assert "Arrests" in api.get("/api/report").text and "Arrests" not in assaults
    report = api.get("/api/report", params={"actor": "ISKP"})
    assert report.headers["content-type"].startswith("text/markdown") and "# Situation report" in report.text
    stix = api.get("/api/export/stix", params={"actor": "ISKP"})
    assert {o["type"] for o in stix.json()["objects"]} >= {"report", "intrusion-set", "incident"}
    csv = api.get("/api/export/csv")
    assert csv.headers["content-type"].startswith("text/csv") and csv.text.startswith("event_id_cnty,")


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("get", "/api/documents/no-such-doc", None, 404),
        ("get", "/api/events/wire-crocus/ev99", None, 404),
        ("get", "/api/entities/kb:nobody", None, 404),
        ("get", "/api/jobs/job-0", None, 404),
        ("get", "/api/events?limit=0", None, 422),
        ("get", "/api/events?since=March", None, 422),
        ("get", "/api/events?sort=colour", None, 422),
        ("get", "/api/export/pdf", None, 422),
        ("post", "/api/analyze", {"text": "   "}, 422),
        ("post", "/api/analyze", {"title": "no text"}, 422),
        ("post", "/api/analyze", {"text": "x", "colour": "red"}, 422),
        ("post", "/api/analyze", {"text": "x", "published": "last week"}, 422),
        ("post", "/api/documents", {"url": "file:///etc/passwd"}, 422),
        ("post", "/api/jobs", {"documents": []}, 422),
        ("post", "/api/jobs", {"documents": [{"text": "a"}] * 1001}, 422),
    ],
)
def test_api_errors_are_json_with_a_message(api, method, path, body, status):
    r = api.request(method.upper(), path, json=body)
    assert r.status_code == status, r.text
    data = r.json()
    assert data["status"] == status and isinstance(data["error"], str) and data["error"]


def test_api_malformed_json_is_422_and_oversized_body_413(api):
    r = api.post("/api/analyze", content=b'{"text": "unclosed', headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]
    big = json.dumps({"text": "word " * 50_000})
    r = api.post("/api/analyze", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "max_request_bytes" in r.json()["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"text": "'
        for _ in range(50):
            yield b"word " * 1000
        yield b'"}'

    r = api.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_api_hostile_article_comes_back_as_data(api):
    text = 'Gunmen <script>alert("x")</script> attacked a <b onmouseover="alert(1)">base</b> in Quetta on Monday.'
    r = api.post("/api/documents", json={"text": text, "id": "hostile", "title": "<img src=x onerror=alert(1)>"})
    assert r.status_code == 201
    r = api.get("/api/documents/hostile")
    assert r.headers["content-type"] == "application/json"
    assert r.json()["text"] == text and r.json()["title"] == "<img src=x onerror=alert(1)>"


def test_api_edits_correct_undo_and_export(api):
    r = api.post("/api/edits", json={"action": "correct", "target_kind": "event", "target": "ev1",
                                     "doc_id": "ru-crocus", "field": "fatalities", "value": 144})  # fmt: skip
    assert r.status_code == 201, r.text
    edit = r.json()
    assert (edit["user"], edit["before"]["best"], edit["value"]["best"]) == ("local", 143, 144)
    assert api.get("/api/events/ru-crocus/ev1").json()["fatalities"]["best"] == 144
    assert api.get("/api/documents/ru-crocus").json()["events"][0]["fatalities"]["best"] == 144
    assert '"best": 144' in api.get("/api/export/jsonl").text.replace('"best":144', '"best": 144')
    lines = api.get("/api/edits/export").text.splitlines()
    assert json.loads(lines[-1])["corrected"]["best"] == 144
    assert api.post(f"/api/edits/{edit['seq']}/undo").json()["undone_at"]
    assert api.get("/api/events/ru-crocus/ev1").json()["fatalities"]["best"] == 143
    assert [e["seq"] for e in api.get("/api/edits", params={"include_undone": False}).json()] == []
    assert api.post(f"/api/edits/{edit['seq']}/undo").status_code == 422  # undone already


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"action": "reject", "target_kind": "event", "target": "ev9", "doc_id": "ru-crocus"}, 404),
        ({"action": "reject", "target_kind": "event", "target": "ev1", "doc_id": "no-such-doc"}, 404),
        ({"action": "rename", "target_kind": "entity", "target": "kb:nobody", "value": {"name": "X"}}, 404),
        ({"action": "merge", "target_kind": "entity", "target": "kb:iskp", "value": {"into": "kb:iskp"}}, 422),
        ({"action": "correct", "target_kind": "event", "target": "ev1", "doc_id": "ru-crocus", "field": "fatalities",
          "value": "many"}, 422),
        ({"action": "split", "target_kind": "event", "target": "ev1", "doc_id": "ru-crocus"}, 422),
        ({"action": "explode", "target_kind": "event", "target": "ev1"}, 422),
    ],
)  # fmt: skip
def test_api_bad_edits_are_refused_with_a_message(api, body, status):
    r = api.post("/api/edits", json=body)
    assert r.status_code == status, r.text
    assert r.json()["error"]


def test_api_an_unexpected_failure_is_a_json_500_not_a_traceback(api, monkeypatch):
    from sitrep.outputs import views

    def broken(doc):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views, "document_item", broken)
    r = api.get("/api/documents")
    assert r.status_code == 500 and r.json() == {
        "error": "internal error (RuntimeError); the server's log has the details", "status": 500}
    assert "Traceback" not in r.text
