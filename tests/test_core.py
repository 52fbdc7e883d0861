"""The public Python API: sitrep.analyze, Document, Store, and the pipeline the shells share."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import sitrep
from sitrep.core import analyze_documents, default_pipeline
from sitrep.errors import EmptyInputError, SitrepError
from sitrep.model import Document
from sitrep.outputs.contract import problems
from sitrep.settings import load

TEXT = "A suicide bomber killed 14 policemen in Quetta on Monday. ISKP claimed the attack."
STAGES = [
    "clean",
    "language",
    "nlp",
    "places",
    "dates",
    "numbers",
    "actors",
    "events",
    "coder",
    "counts",
    "perpetrators",
    "facts",
]


def test_core_public_api_is_small_and_importable():
    assert set(sitrep.__all__) == {
        "Count", "DateValue", "Document", "Entity", "Event", "Fact", "Quantity", "Settings", "SitrepError", "Span",
        "Store", "analyze", "analyze_document", "analyze_documents", "load_settings",
    }  # fmt: skip
    for name in sitrep.__all__:
        assert getattr(sitrep, name) is not None
    with pytest.raises(AttributeError):
        sitrep.no_such_thing  # noqa: B018


def test_core_import_sitrep_is_light():
    report = "import sys, json; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    run = subprocess.run([sys.executable, "-c", f"import sitrep\n{report}"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    heavy = {"spacy", "thinc", "numpy", "natasha", "trafilatura", "lxml", "yaml", "pycountry", "jsonschema", "sqlite3"}
    assert heavy.isdisjoint(json.loads(run.stdout))


def test_core_analyze_returns_a_contract_document_with_metadata():
    doc = sitrep.analyze(TEXT, published="2024-05-15", source="Test Wire", title="Quetta", doc_id="q1")
    assert isinstance(doc, Document)
    assert (doc.id, doc.source, doc.title, doc.published, doc.language) == (
        "q1",
        "Test Wire",
        "Quetta",
        "2024-05-15",
        "en",
    )
    assert problems(doc.to_dict()) == []
    assert doc.layers.done == STAGES


def test_core_same_text_same_id_and_same_result():
    a = sitrep.analyze(TEXT, published="2024-05-15")
    b = sitrep.analyze(TEXT, published="2024-05-15")
    assert a.id == b.id and a.id.startswith("sha1:") and a.to_dict() == b.to_dict()


def test_core_empty_text_is_a_clear_error():
    with pytest.raises(EmptyInputError):
        sitrep.analyze("   \n ")
    assert issubclass(EmptyInputError, SitrepError)


def test_core_batch_keeps_order_and_passes_failed_inputs_through():
    settings = load()
    docs = [
        Document(id="1", text=TEXT, published="2024-05-15"),
        Document(id="2", text="", warnings=["line 2: not JSON"]),
        Document(id="3", text="Police arrested five suspects in Lahore.", published="2024-05-15"),
    ]
    out = list(analyze_documents(docs, settings))
    assert [d.id for d in out] == ["1", "2", "3"]
    assert out[0].events and out[2].events and out[1].warnings == ["line 2: not JSON"]


def test_core_pipeline_stages_declare_and_meet_their_needs():
    pipeline = default_pipeline(load())
    assert pipeline.names == STAGES


def test_core_store_holds_what_analyze_returns(tmp_path):
    doc = sitrep.analyze(TEXT, published="2024-05-15")
    with sitrep.Store(tmp_path / "x.db") as store:
        assert store.add(doc) is True and store.add(doc) is False
        assert store.get(doc.id).to_dict() == doc.to_dict()


def test_core_russian_document_is_analysed_not_failed():
    doc = sitrep.analyze("Сотрудники ФСБ задержали в Москве трёх человек.", published="2024-03-20")
    assert doc.language == "ru" and problems(doc.to_dict()) == []
    assert any(e.name == "Moscow" for e in doc.entities)


def test_core_min_confidence_setting_drops_weak_events():
    text = "Militants may have attacked a convoy in Khost on Monday. Gunmen killed two soldiers in Zhob on Tuesday."
    settings = load({"min_confidence": 0.8})
    doc = next(analyze_documents([Document(id="m", text=text, published="2024-05-15")], settings))
    everything = sitrep.analyze(text, published="2024-05-15")
    assert len(doc.events) < len(everything.events)
    assert all(ev.confidence >= 0.8 for ev in doc.events)


def test_core_batches_are_streamed_not_read_whole():
    pulled = []

    def docs():
        for i in range(40):
            pulled.append(i)
            yield Document(id=f"d{i}", text=f"A bomb exploded in Kabul on day {i}.")

    out = analyze_documents(docs(), load({"nlp_batch_size": 4}))
    assert next(out).id == "d0"
    assert len(pulled) <= 5  # one batch (and the document that filled it), not all 40
    assert [d.id for d in out] == [f"d{i}" for i in range(1, 40)]
