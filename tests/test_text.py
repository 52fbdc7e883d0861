"""sitrep.text: the paragraphs of a text, with their offsets."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys

import pytest

import sitrep.text
from sitrep.text import PARAGRAPH_BREAK, paragraphs


def test_text_paragraphs_split_at_blank_lines_and_stop_at_body_end():
    text = "Title line\n\nFirst paragraph. Still first.\n  \nSecond one.\n\nSource: X"
    found = list(paragraphs(text, text.index("Source")))
    assert [p for _, p in found] == ["Title line", "First paragraph. Still first.", "Second one."]
    assert all(text[o : o + len(p)] == p for o, p in found)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", []),
        ("  \n\n  ", []),
        ("One line only", [(0, "One line only")]),
        ("\n\n  Indented\nstill the same\n\t\n\nNext", [(4, "Indented\nstill the same"), (31, "Next")]),
    ],
)
def test_text_paragraphs_skip_empty_ones_and_keep_offsets(text, expected):
    assert list(paragraphs(text)) == expected
    assert all(text[o : o + len(p)] == p for o, p in expected)


def test_text_paragraph_break_is_a_blank_line():
    assert PARAGRAPH_BREAK.search("a\n \t\nb") and not PARAGRAPH_BREAK.search("a\nb")


def test_text_docstring_example_runs():
    assert doctest.testmod(sitrep.text).failed == 0


def test_text_is_a_base_module():
    code = "import sys, json, sitrep.text; print(json.dumps([m for m in sys.modules if m.startswith('sitrep')]))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert set(json.loads(run.stdout)) <= {"sitrep", "sitrep.text", "sitrep.model"}


@pytest.mark.parametrize(
    "text",
    [
        "Militants attacked a post. " * 400,
        "(" * 5000,
        ("word " * 30 + "\n") * 100,
        "Он сказал: «Боевики атаковали пост». " * 300,
    ],
)
def test_text_paragraphs_with_a_limit_come_in_pieces_with_offsets_kept(text):
    pieces = list(paragraphs(text, limit=1000))
    assert all(0 < len(piece) <= 1000 for _, piece in pieces)
    assert all(text[off : off + len(piece)] == piece for off, piece in pieces)
    assert "".join(piece for _, piece in pieces).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace(
        "\n", ""
    )  # nothing lost but the spaces between pieces
    assert list(paragraphs(text[:900], limit=1000)) == list(paragraphs(text[:900]))


def test_text_paragraphs_with_a_tiny_limit_still_end():
    assert "".join(p for _, p in paragraphs("abcdef ghij", limit=0)).replace(" ", "") == "abcdefghij"
