"""Tests for sitrep.io.sections: a long text cut into sections, analysed one by one, joined with its offsets kept."""

from __future__ import annotations

import pytest

from sitrep.core import analyze_documents
from sitrep.io import sections
from sitrep.io.ingest import read_text
from sitrep.model import Document
from sitrep.outputs.contract import problems
from sitrep.settings import Settings

from paths import ROOT

ARTICLE = (ROOT / "examples" / "quetta-attack.txt").read_text(encoding="utf-8")
RUSSIAN = "Боевики атаковали блокпост в Кветте в понедельник. Погибли трое полицейских.\n\n"


def spans(data: dict) -> list[dict]:
    out = [m for e in data["entities"] for m in e["mentions"]]
    for ev in data["events"]:
        out += ev["evidence"] + ev.get("triggers", []) + [r["evidence"] for r in ev["responsibility"] if r["evidence"]]
    for f in data["facts"]:
        out += f["evidence"]
    return out


def test_sections_split_at_blank_lines_and_keep_every_character():
    text = "\n\n".join(f"Paragraph {i}. " + "Militants attacked a post. " * 5 for i in range(40))
    doc = read_text(text + "\n\nSource: Dawn")
    parts = sections.split(doc, 1000)
    assert len(parts) > 5 and all(len(p.text) <= 1000 for p in parts)
    assert "".join(p.text for p in parts) == doc.text
    assert all(p.text.endswith("\n\n") for p in parts[:-1])  # cut after a blank line, not inside a paragraph
    assert [p.layers.body_end is not None for p in parts] == [False] * (len(parts) - 1) + [True]
    assert parts[-1].text[parts[-1].layers.body_end :].startswith("Source: Dawn")
    assert sections.split(doc, len(doc.text)) == [doc]


@pytest.mark.parametrize("text", ["Militants attacked a post. " * 300, "x" * 2500, "Кветта " * 500])
def test_sections_split_one_long_paragraph_at_sentences_or_spaces(text):
    parts = sections.split(Document(id="d", text=text), 1000)
    assert "".join(p.text for p in parts) == text and all(len(p.text) <= 1000 for p in parts)
    if " " in text:
        assert all(p.text.endswith(" ") for p in parts[:-1])


@pytest.mark.slow
def test_sections_joined_analysis_keeps_offsets_ids_and_references():
    raw = "\n\n".join([ARTICLE, RUSSIAN * 3, ARTICLE, ARTICLE]) + "\n\nSource: Dawn"
    settings = Settings(section_chars=len(ARTICLE) + 50)
    doc = next(analyze_documents([read_text(raw, published="2024-05-15")], settings))
    data = doc.to_dict()
    assert problems(data) == []
    assert all(data["text"][s["start"] : s["end"]] == s["text"] for s in spans(data))
    assert any("sections" in w for w in doc.warnings) and doc.source == "Dawn"
    for kind in ("entities", "events", "facts"):
        ids = [x["id"] for x in data[kind]]
        assert len(ids) == len(set(ids))
    entity_ids = {e["id"] for e in data["entities"]}
    for ev in data["events"]:
        assert set(ev["actors"] + ev["targets"] + ev["claimed_by"]) <= entity_ids
        assert ev["location"] is None or ev["location"] in entity_ids
    quetta = [e for e in data["entities"] if e["name"] == "Quetta"]
    assert len(quetta) == 1 and len({m["start"] // len(ARTICLE) for m in quetta[0]["mentions"]}) >= 3
    whole = next(analyze_documents([read_text(ARTICLE, published="2024-05-15")], Settings()))
    assert len(doc.events) >= 3 * len(whole.events)  # each copy of the article is read in full
    assert doc.language == "en"


@pytest.mark.slow
def test_sections_past_the_time_budget_are_returned_unanalysed_with_a_warning():
    raw = "\n\n".join([ARTICLE] * 4)
    settings = Settings(section_chars=len(ARTICLE) + 50, time_budget=1e-6)
    doc = next(analyze_documents([read_text(raw)], settings))
    assert doc.text.replace("\n", "") == raw.replace("\n", "") and doc.events == []
    assert any("time_budget" in w for w in doc.warnings)
