"""The workspace in a real browser: Debian's chromium, headless, driven by Playwright (never a browser Playwright
downloads).  One server for the module, its store holding docfactory's three documents and a hostile one whose
title, text and names carry script and HTML.  Every page must show that as text, ask nothing of another site,
and do what an analyst clicks for: report, table, timeline, map, actor page, highlighted evidence, adding
documents with progress.  Skips when chromium is not installed (CI installs it: ``.ci/run``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from sitrep.model import Document, Entity, Event, Mention, Span
from sitrep.store import open_store

import liveserver

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium: apt-get install chromium")
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip

HOSTILE_NAME = '<img src=x onerror="alert(1)">Militia'
HOSTILE_TEXT = (
    'Gunmen <script>alert("pwned")</script> attacked a checkpoint in Quetta on Monday, killing two. '
    "The <b onmouseover=alert(2)>Militia</b> claimed it.\n"
)


def hostile() -> Document:
    t = HOSTILE_TEXT
    start = t.index("<b onmouseover")
    name = Entity("e1", HOSTILE_NAME, "armed_group", mentions=[Mention(start, start + 35, t[start : start + 35])])
    sentence = Span.of(t, 0, t.index(" The <b"))
    ev = Event("ev1", "ASSAULT", mode="firearms", claimed_by=["e1"], evidence=[sentence], confidence=0.8)
    title = '<script>alert("title")</script>Checkpoint attack'
    return Document(id="hostile-1", text=t, title=title, source="<i>Wire</i>", published="2024-06-01", language="en",
                    entities=[name], events=[ev])  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    s = liveserver.seeded(tmp_path_factory.mktemp("pages"))
    with open_store(s.db) as store:
        store.add(hostile())
    with liveserver.running(s) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    requests, dialogs, errors = [], [], []
    pg.on("request", lambda r: requests.append(r.url))
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.base = site
    yield pg
    context.close()
    assert dialogs == []  # no script from a document ever ran
    assert errors == []
    assert [u for u in requests if not u.startswith(("http://127.0.0.1:", "data:"))] == []  # nothing from elsewhere


def test_pages_situation_report_for_a_filter_is_printable(page):
    page.goto(page.base + "/?actor=ISKP")
    page.wait_for_selector("#report h2")
    assert page.input_value("input[name=actor]") == "ISKP"
    report = page.inner_text("#report")
    assert "filtered by actor “ISKP”" in report and "Islamic State-Khorasan Province" not in page.inner_text("h1")
    assert page.is_visible("header.top")
    page.emulate_media(media="print")
    assert not page.is_visible("header.top") and not page.is_visible("#filters") and page.is_visible("#report")
    page.emulate_media(media="screen")
    item = page.locator("#report li", has=page.locator("a.cite")).filter(has_text="“").first
    said = " ".join(item.inner_text().split())
    item.locator("a.cite").first.click()  # the citation opens the document with the quote highlighted
    page.wait_for_selector("#text mark")
    quoted = " ".join(page.locator("#text mark").first.inner_text().split())
    assert len(quoted) > 20 and quoted[:60] in said


def test_pages_events_table_sorts_filters_pages_and_has_a_timeline(page):
    page.goto(page.base + "/events")
    page.wait_for_selector("#events tbody tr")
    assert page.locator("#events tbody tr").count() == 7
    page.wait_for_selector(".timeline-svg circle")
    assert page.locator(".timeline-svg circle").count() == 5  # the dated ones
    page.click("button[data-sort=fatalities]")
    expect(page.locator("#events tbody tr >> nth=0 >> td >> nth=6")).to_have_text("143")
    page.click("button[data-sort=fatalities]")  # again: fewest first, unknown last
    expect(page.locator("#events tbody tr >> nth=0 >> td >> nth=6")).to_have_text("133")
    page.click("#mode")  # one row per incident: the attack told by three documents is one row
    total = page.request.get(page.base + "/api/incidents").json()["total"]
    expect(page.locator("#status")).to_have_text(f"{total} incidents")
    reports = [cell.locator("a").all_inner_texts() for cell in page.locator("#events td.reports").all()]
    assert total < 7 and sorted(len(r) for r in reports)[-1] == 3
    assert sorted(max(reports, key=len)) == ["Example Wire", "Institute of Middle East Studies", "Пример-Новости"]
    page.click("#mode")
    expect(page.locator("#status")).to_have_text("7 events")
    page.fill("input[name=actor]", "FSB")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"actor=FSB"))
    expect(page.locator("#status")).to_have_text("2 events")
    assert page.locator("#events tbody tr").count() == 2
    page.click("#events tbody tr >> nth=0 >> a.event-link")
    page.wait_for_selector("#text mark.evidence")
    assert "/events/" in page.url and "FSB" in page.inner_text("#details") + page.inner_text("#text")


def test_pages_event_shows_its_evidence_highlighted_in_the_document(page):
    page.goto(page.base + "/events/wire-crocus/ev1")
    page.wait_for_selector("#text mark.evidence")
    marks = page.locator("#text mark.evidence").all_inner_texts()
    assert marks[0].startswith("Gunmen opened fire on concert-goers") and marks[1].startswith("Islamic State's Afghan")
    details = page.inner_text("#details")
    assert "133" in details and "Russian investigators" in details and "precision: place" in details
    page.click("#details a:text('ISKP')")
    page.wait_for_selector("#aliases tbody tr")
    assert page.url.endswith("/actors/kb%3Aiskp")


def test_pages_map_sizes_markers_by_fatalities_shows_precision_and_clicks_through(page):
    page.goto(page.base + "/map")
    page.wait_for_selector(".marker")
    markers = page.locator(".marker")
    assert markers.count() == 5  # the events with coordinates
    radius = {m.get_attribute("data-event"): float(m.locator("circle").get_attribute("r")) for m in markers.all()}
    assert radius["ru-crocus#ev1"] > radius["wire-crocus#ev1"] > radius["analysis-iskp#ev2"]
    assert {m.get_attribute("data-precision") for m in markers.all()} == {"place", "city", "admin1"}
    assert page.locator(".marker.region").count() == 1 and "precision" in page.inner_text(".legend")
    assert page.locator("path.country").count() > 200
    page.locator(".marker[data-event='analysis-iskp#ev2']").click()
    page.wait_for_selector("#text mark.evidence")
    assert page.url.endswith("/events/analysis-iskp/ev2")


def test_pages_actor_page_names_roles_facts_and_graph(page):
    page.goto(page.base + "/actors/kb:iskp")
    page.wait_for_selector("#aliases tbody tr")
    rows = {r.locator("td").first.inner_text(): r.inner_text() for r in page.locator("#aliases tbody tr").all()}
    assert "abbreviation ×1" in rows["ИГИЛ-К"] and "name ×1" in rows["Islamic State-Khorasan Province"]
    assert "Claimed by it (3)" in page.inner_text("#events") and "As target (1)" in page.inner_text("#events")
    said = page.locator("#facts td.said").all_inner_texts()
    assert "Sami Sadat" in said
    assert page.locator(".graph-svg .node").count() >= 3
    page.click(".graph-svg .node[data-key='kb:taliban'] circle")
    page.wait_for_selector("#aliases tbody tr")
    assert page.inner_text("h1") == "Taliban"
    page.goto(page.base + "/actors?kind=actors&q=isk")
    page.wait_for_selector("#entities tbody tr")
    assert page.locator("#entities tbody tr").first.inner_text().startswith("ISKP")


def test_pages_document_highlights_what_is_asked(page):
    page.goto(page.base + "/documents/analysis-iskp?hl=0,38-4")  # malformed spans are ignored
    page.wait_for_selector("#entities li")
    assert page.locator("#text mark").count() == 0
    page.click("#entities button:text('Quetta (city, 2)')")
    assert page.locator("#text mark").all_inner_texts() == ["Quetta", "Quetta"]
    page.locator("#entities li", has_text="Sami Sadat").locator("a").click()  # on to the actor's page
    expect(page.locator("h1")).to_have_text("Sami Sadat")
    page.goto(page.base + "/documents")
    page.wait_for_selector("#documents tbody tr")
    assert page.locator("#documents tbody tr").count() == 4


def test_pages_hostile_article_is_shown_as_text_everywhere(page):
    actor = "/actors/" + quote(f"armed_group:{HOSTILE_NAME.casefold()}:", safe="")
    for path in ("/documents/hostile-1", "/events/hostile-1/ev1", "/events", "/actors?kind=actors", "/",
                 "/documents", actor):
        page.goto(page.base + path)
        expect(page.locator("#status")).not_to_have_text(re.compile("Loading|Writing"))
        page.wait_for_timeout(200)
        assert page.locator("img").count() == 0, path
        assert page.locator("main script, main b, main i").count() == 0, path
        assert page.locator("script:not([src])").count() == 0, path
    page.goto(page.base + "/documents/hostile-1")
    page.wait_for_selector("#text .doctext")
    assert '<script>alert("pwned")</script>' in page.inner_text("#text")
    assert page.inner_text("h1") == '<script>alert("title")</script>Checkpoint attack'


def test_pages_add_documents_by_paste_upload_and_url_with_progress(page):
    article = b"<html><body><p>Police arrested four suspects in Karachi on Tuesday.</p></body></html>"
    with liveserver.page_server(article) as pages:
        page.goto(page.base + "/add")
        page.fill("#paste textarea[name=text]", "Militants attacked a police post in Bannu on Sunday, killing three.")
        page.fill("#paste input[name=title]", "Bannu attack")
        page.fill("#paste input[name=published]", "2024-06-09")
        page.click("#paste button[type=submit]")
        job = page.locator(".job").first
        expect(job).to_have_attribute("data-state", "done", timeout=120_000)
        assert "1 of 1 analysed" in job.inner_text() and job.locator("progress").get_attribute("value") == "1"
        files = [{"name": f"r{i}.html", "mimeType": "text/html",
                  "buffer": f"<html><body><h1>Raid {i}</h1><p>Troops raided a compound in Khost on day {i}.</p>"
                            "</body></html>".encode()} for i in (1, 2)]  # fmt: skip
        page.set_input_files("#upload input[type=file]", files)
        page.click("#upload button[type=submit]")
        expect(page.locator(".job").first).to_have_attribute("data-state", "done", timeout=120_000)
        assert "2 of 2 analysed" in page.locator(".job").first.inner_text()
        page.fill("#urls textarea", f"{pages}/karachi")
        page.click("#urls button[type=submit]")
        expect(page.locator(".job").first).to_have_attribute("data-state", "done", timeout=120_000)
        assert "1 of 1 analysed" in page.locator(".job").first.inner_text()
        page.locator(".job").first.locator("a:text('open')").click()
        page.wait_for_selector("#text .doctext")
        assert "Police arrested four suspects in Karachi" in page.inner_text("#text")


def test_pages_review_loop_correct_reject_rename_split_and_undo(page, tmp_path):
    with liveserver.running(liveserver.seeded(tmp_path)) as base:
        page.goto(base + "/events/wire-crocus/ev1")
        page.wait_for_selector("#correct")
        page.select_option("#correct select[name=field]", "fatalities")
        page.fill("#correct input[name=value]", "150")
        page.click("#correct button[type=submit]")
        expect(page.locator("#review .edits")).to_contain_text("fatalities")
        expect(page.locator("#details")).to_contain_text("150")
        page.goto(base + "/events/analysis-iskp/ev2")
        page.wait_for_selector("#reject")
        page.click("#reject")
        page.wait_for_url(base + "/events")
        expect(page.locator("#status")).to_have_text("5 events")
        page.goto(base + "/actors/person%3Asami%20sadat%3A")
        page.wait_for_selector("#rename")
        page.fill("#rename input[name=name]", "Gen. Sami Sadat")
        page.click("#rename button[type=submit]")
        expect(page.locator("h1")).to_have_text("Gen. Sami Sadat")
        page.goto(base + "/actors/kb%3Aiskp")
        page.wait_for_selector("#aliases button.split")
        splits = page.locator("#aliases button.split").count()
        page.locator("#aliases tr", has_text="ИГИЛ-К").locator("button.split").click()
        expect(page.locator("#aliases button.split")).to_have_count(splits - 1)
        page.goto(base + "/review")
        expect(page.locator("#status")).to_have_text("4 corrections")
        rows = page.locator("#edits tbody tr")
        assert "split" in rows.nth(0).inner_text() and "reject" in rows.nth(2).inner_text()
        rows.nth(2).locator("button.undo").click()
        expect(page.locator("#edits tbody tr.undone")).to_have_count(1)
        page.goto(base + "/events")
        expect(page.locator("#status")).to_have_text("6 events")
        labelled = page.request.get(base + "/api/edits/export").text().splitlines()
        assert len(labelled) == 3


def test_pages_api_documentation_is_served_from_here(page):
    page.goto(page.base + "/api/docs")
    page.wait_for_selector("#operations .operation")
    assert page.locator("#operations .operation").count() >= 20
    assert "/api/events" in page.inner_text("#operations")
