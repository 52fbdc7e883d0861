"""Tests for sitrep.io.jsonl: JSONL batches streamed line by line, every bad line reported with its number and
skipped, the rest kept."""

from __future__ import annotations

import io
import json

import pytest

from sitrep.errors import InputError
from sitrep.io import ingest
from sitrep.io.jsonl import read_jsonl
from sitrep.model import content_id
from sitrep.settings import Settings

from paths import DATA

SETTINGS = Settings()


def test_read_jsonl_bad_lines_become_empty_documents_in_order():
    docs = list(read_jsonl(DATA / "ingest_batch.jsonl", SETTINGS))
    ids = [d.id for d in docs]
    assert ids == ["a1", "a2", "a3", "line-4", "a5", "a6", "a7", content_id(docs[7].text), "9"]
    good = {"a1", "a2", "9", ids[7]}
    for doc in docs:
        if doc.id in good:
            assert doc.text and doc.warnings == []
        else:
            assert doc.text == "" and len(doc.warnings) == 1
    problems = {d.id: d.warnings[0] for d in docs if d.id not in good}
    assert problems["a3"].startswith("line 3: not valid JSON")
    assert problems["line-4"].startswith("line 4: not a JSON object")
    assert problems["a5"].startswith('line 5: "text" is empty')
    assert problems["a6"].startswith('line 6: "text" must be a string')
    assert problems["a7"].startswith("line 7: published date")
    assert docs[0].published == "2024-05-13" and docs[0].source == "Dawn"
    assert docs[7].title == "No id"
    assert docs[8].url == "https://example.org/9"


def test_read_jsonl_streams_line_by_line():
    lines = [json.dumps({"id": f"d{i}", "text": f"Text number {i}."}) for i in range(1000)]
    stream = io.BytesIO(("\n".join(lines) + "\n").encode())
    docs = read_jsonl(stream, SETTINGS)
    assert next(docs).id == "d0"
    assert stream.tell() < len(stream.getvalue()) // 10  # only the first line(s) read so far
    assert [d.id for d in docs][-1] == "d999"


def test_read_jsonl_text_stream_and_overlong_line():
    stream = io.StringIO(
        json.dumps({"id": "ok", "text": "Short."}) + "\n" + json.dumps({"id": "big", "text": "x" * 500}) + "\n"
        '{"id": "after", "text": "Still read."}\n'
    )
    docs = list(read_jsonl(stream, Settings(max_bytes=200)))
    assert [d.id for d in docs] == ["ok", "line-2", "after"]
    assert "max_bytes" in docs[1].warnings[0]


HOSTILE_LINES = [
    ('{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}", "deep", "JSON nested too deeply"),
    ('{"id": ' + "7" * 5000 + ', "text": "A bomb."}', "line-{n}", "not valid JSON"),
    ('{"id": "' + "7" * 5000 + '", "text": "A bomb."}', "line-{n}", "longer than 512"),
    ('{"id": "sur", "text": "Bomb \\ud800 in Kabul."}', "sur", "lone surrogate"),
    ('{"id": "sur-title", "text": "Bomb in Kabul.", "title": "\\udfff"}', "sur-title", "title is not valid"),
    ('{"id": "types", "text": "Bomb in Kabul.", "title": 5}', "types", "title must be a string"),
    ('{"id": "types2", "text": "Bomb in Kabul.", "published": ["2024-01-01"]}', "types2", "published must be"),
    ('{"id": true, "text": "Bomb in Kabul."}', "line-{n}", '"id" must be a string'),
    ('{"id": {"a": 1}, "text": "Bomb in Kabul."}', "line-{n}", '"id" must be a string'),
    ('{"id": "nul", "text": "Bomb\\u0000 in Kabul."}', "nul", "NUL"),
    ('"just a string"', "line-{n}", "not a JSON object"),
    ("[1, 2, 3]", "line-{n}", "not a JSON object"),
    ('{"id": "nan", "text": NaN}', "nan", '"text" must be a string'),
]


@pytest.mark.parametrize(("line", "doc_id", "problem"), HOSTILE_LINES)
def test_read_jsonl_hostile_line_is_reported_with_its_number_and_the_rest_kept(line, doc_id, problem):
    good = [json.dumps({"id": f"g{i}", "text": f"A bomb exploded in Kabul, number {i}."}) for i in range(3)]
    stream = io.BytesIO("\n".join([good[0], good[1], line, good[2]]).encode("utf-8", "surrogatepass"))
    docs = list(read_jsonl(stream, SETTINGS))
    assert [d.id for d in docs] == ["g0", "g1", doc_id.format(n=3), "g2"]
    assert docs[2].text == "" and docs[2].warnings[0].startswith("line 3: ") and problem in docs[2].warnings[0]
    assert all(d.text and not d.warnings for d in (docs[0], docs[1], docs[3]))


def test_read_jsonl_missing_file():
    with pytest.raises(InputError, match="no such file"):
        list(read_jsonl("/nonexistent/batch.jsonl", SETTINGS))


# -- properties (hypothesis) ------------------------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from properties import PROPERTY, any_text  # noqa: E402

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_objects = st.fixed_dictionaries(
    {},
    optional={"id": _json_values | st.text(max_size=20), "text": any_text | _json_values, "title": _json_values,
              "published": st.sampled_from(["2024-03-22", "2024-02-30", "x"]) | _json_values,
              "lang": st.sampled_from(["en", "ru", "xx"]) | _json_values},
)  # fmt: skip
_lines = st.one_of(
    _objects.map(lambda o: json.dumps(o, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    st.binary(max_size=60),
    st.text(max_size=60).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@PROPERTY
@given(st.lists(_lines, max_size=12))
def test_read_jsonl_property_one_document_per_line_in_order_and_each_bad_line_named(lines):
    lines = [line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines]
    docs = list(read_jsonl(io.BytesIO(b"\n".join(lines)), SETTINGS))
    numbered = [n for n, line in enumerate(lines, 1) if line.strip()]
    assert len(docs) == len(numbered)
    for n, doc in zip(numbered, docs, strict=True):
        if doc.text:
            assert doc.warnings == [] or all(not w.startswith(f"line {n}:") for w in doc.warnings)
            doc.to_json().encode("utf-8")  # storable and printable: no lone surrogate anywhere
        else:
            assert len(doc.warnings) == 1 and doc.warnings[0].startswith(f"line {n}: ")


@PROPERTY
@given(any_text)
def test_read_text_property_text_kept_or_a_clear_input_error(text):
    try:
        doc = ingest.read_text(text, settings=SETTINGS)
    except InputError:
        return
    assert doc.text == text and doc.id
    if doc.layers.body_end is not None:
        assert 0 < doc.layers.body_end <= len(text)
