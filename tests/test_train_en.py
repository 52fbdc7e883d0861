"""scripts/train_en.py's silver data: the NER teacher's labelled sentences and the RAND text it is given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paths import ROOT, script

spacy = pytest.importorskip("spacy")
MODEL = ROOT / "sitrep" / "models" / "en_sitrep"


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_silver_docs_keep_confident_sentences_with_their_entities(tmp_path: Path) -> None:
    rows = [
        {
            "words": ["Gunmen", "shot", "Ali", "Khan", "."],
            "spaces": [True, True, True, False, False],
            "tags": ["O", "O", "B-PER", "I-PER", "O"],
            "confidence": 0.97,
        },
        {
            "words": ["It", "was", "in", "Quetta", "."],
            "spaces": [True, True, True, False, False],
            "tags": ["O", "O", "O", "B-LOC", "O"],
            "confidence": 0.95,
        },
        {
            "words": ["Maybe", "Hamas", "?"],
            "spaces": [True, False, False],
            "tags": ["O", "B-PER", "O"],
            "confidence": 0.41,
        },
    ]
    train_en = script("train_en")
    docs = train_en.silver_docs(spacy.blank("en").vocab, _write_jsonl(tmp_path / "s.jsonl", rows), 0.9)
    assert len(docs) == 1
    (doc,) = docs
    assert doc.text == "Gunmen shot Ali Khan. It was in Quetta."
    assert [(e.text, e.label_) for e in doc.ents] == [("Ali Khan", "PER"), ("Quetta", "LOC")]


def test_silver_text_leaves_out_the_tune_split(tmp_path: Path) -> None:
    if not (MODEL / "meta.json").is_file():
        pytest.skip("en_sitrep is not trained")
    early = [
        {"id": f"early-{i}", "description": f"A bomb exploded in Lima. Police came {i} hours later."} for i in range(3)
    ]
    tune = [{"id": f"tune-{i}", "description": "Gunmen attacked a bus in Karachi."} for i in range(1500)]
    rand = _write_jsonl(tmp_path / "train.jsonl", early + tune)
    out = tmp_path / "silver-text.jsonl"
    script("train_en").write_silver_text(rand, out, MODEL, n_records=100)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["id"].split("/")[0] for r in rows} == {"early-0", "early-1", "early-2"}
    assert all(len(r["words"]) == len(r["spaces"]) >= 3 for r in rows)
    assert ["A", "bomb", "exploded", "in", "Lima", "."] in [r["words"] for r in rows]
