"""The nlp stage (sitrep.nlp and its english, russian and rules modules): sentences, tokens and names, with
offsets into the text."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sitrep.model import Document, Token
from sitrep.nlp import analyse
from sitrep.nlp.russian import _break_cycles
from sitrep.settings import load


def _run(text: str, lang: str) -> Document:
    doc = Document(id="t", text=text, language=lang)
    analyse([doc], load())
    return doc


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Situation report\n\nGunmen attacked a post in Kunar. Two soldiers died.\n\nThe Taliban denied it."),
        ("ru", "Сводка\n\nБоевики напали на блокпост в Кунаре. Погибли двое военных.\n\nТалибы это отрицают."),
    ],
)
def test_nlp_sentences_tokens_and_heads_index_the_text(lang, text):
    doc = _run(text, lang)
    assert len(doc.layers.sentences) == 4  # the heading is a sentence of its own
    for t in doc.layers.tokens:
        assert doc.text[t.start : t.end] == t.text
        assert 0 <= t.head < len(doc.layers.tokens) and doc.layers.tokens[t.head].sent == t.sent
    assert all(t.dep for t in doc.layers.tokens)
    for s in doc.layers.ner:
        assert doc.text[s.start : s.end] == s.text


def test_nlp_english_names():
    doc = _run("Renowned journalist Seymour Hersh said ISKP has bases in Pakistan.", "en")
    labels = {s.text: s.label for s in doc.layers.ner}
    assert labels.get("Pakistan") == "LOC"


def test_nlp_other_languages_get_rule_based_sentences_and_a_warning():
    doc = _run("Die Lage ist ernst. Mr. Smith kam an. Dann ging er.", "de")
    assert [doc.text[s.start : s.end] for s in doc.layers.sentences] == [
        "Die Lage ist ernst.",
        "Mr. Smith kam an.",
        "Dann ging er.",
    ]
    assert "no parser" in doc.warnings[0]


def _heads(heads: list[int]) -> list[Token]:
    return [Token(i=i, start=i, end=i + 1, text="x", dep="dep", head=h) for i, h in enumerate(heads)]


@pytest.mark.parametrize(
    "heads, expected",
    [
        ([1, 1, 1], [1, 1, 1]),  # a tree stays as it is
        ([0, 2, 3, 1], [0, 0, 3, 1]),  # 1 -> 2 -> 3 -> 1 beside the root 0: cut at 1, hung on the root
        ([1, 2, 1, 2], [1, 1, 1, 2]),  # no root: the circle's first token becomes the root
        ([1, 0, 3, 2], [0, 0, 0, 2]),  # two circles: the first gives the root, the second hangs on it
    ],
)
def test_nlp_head_circles_are_cut(heads, expected):
    toks = _heads(heads)
    _break_cycles(toks, 0, len(toks))
    assert [t.head for t in toks] == expected


def _modules_after(code: str) -> set[str]:
    """The top-level packages a fresh interpreter has imported after running ``code``."""
    report = "import sys, json; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    run = subprocess.run([sys.executable, "-c", f"{code}\n{report}"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return set(json.loads(run.stdout.splitlines()[-1]))


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, lang, loaded, not_loaded",
    [
        ("Militants killed 12 soldiers in Quetta on Monday.", "en", "spacy", "natasha"),
        ("В понедельник боевики убили 12 военных в Кветте.", "ru", "natasha", "spacy"),
    ],
)
def test_nlp_loads_only_the_pipeline_of_the_language(text, lang, loaded, not_loaded):
    # with the knowledge caches built (a first run builds the actors' Russian forms with natasha's morphology),
    # as on every run after the first: alone, this test used to start from an empty cache
    _modules_after("import sitrep; sitrep.analyze('A warm-up.', published='2024-05-15')")
    code = f"import sitrep; assert sitrep.analyze({text!r}, published='2024-05-15').language == {lang!r}"
    modules = _modules_after(code)
    assert loaded in modules
    assert not_loaded not in modules


def test_nlp_text_past_spacy_max_length_in_one_paragraph_is_parsed_in_pieces():
    """1.2 million characters with no break passed the size check and then failed inside spaCy (its limit is
    1,000,000): the parser now gets at most parse_chars at a time, so it never sees more than its limit."""
    from sitrep.nlp import load_english, make
    from sitrep.settings import Settings

    settings = Settings()
    assert settings.parse_chars < load_english().max_length
    doc = Document(id="long", text="x" * 1_200_000, language="en")
    make(settings)(doc)
    assert doc.layers.tokens and doc.layers.tokens[-1].end == len(doc.text)
    assert all(doc.text[t.start : t.end] == t.text for t in doc.layers.tokens)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen shot dead a senior officer, Col. Safa Hamid Karim, in Tuz on Monday.",
        "Lt. Gen. Ahmed Khan said that Maj. Ali Raza and Capt. John Smith were wounded.",
    ],
)
def test_nlp_english_an_abbreviated_title_ends_no_sentence(text):
    doc = _run(text, "en")
    assert [text[s.start : s.end] for s in doc.layers.sentences] == [text]


def test_nlp_english_a_full_stop_after_a_word_still_ends_a_sentence():
    text = "The convoy reached the base. Maj. Raza said it was safe."
    doc = _run(text, "en")
    assert [text[s.start : s.end] for s in doc.layers.sentences] == [
        "The convoy reached the base.",
        "Maj. Raza said it was safe.",
    ]


def test_nlp_english_layers_multiply_with_numpy_not_blis():
    """The English pipeline's layers use numpy's BLAS (blis fell back to its slow generic kernel here), and
    loading it leaves thinc's default backend as it was for whatever else the process runs."""
    from thinc.api import get_current_ops

    from sitrep.nlp import load_english

    before = get_current_ops()
    nlp = load_english()
    for name in ("tok2vec", "ner"):
        assert not nlp.get_pipe(name).model.ops.use_blis
    assert get_current_ops() is before


def test_nlp_english_a_typographic_apostrophe_is_parsed_as_the_ascii_one_and_kept_in_the_tokens():
    ascii_ = _run("The attack was claimed by Tanzim Qa'idat al-Jihad fi Bilad al-Rafidayn.", "en")
    curly = _run("The attack was claimed by Tanzim Qa\u2019idat al-Jihad fi Bilad al-Rafidayn.", "en")
    tokens, other = curly.layers.tokens, ascii_.layers.tokens
    assert [(t.tag, t.dep, t.head) for t in tokens] == [(t.tag, t.dep, t.head) for t in other]
    assert len(curly.layers.sentences) == 1
    assert all(curly.text[t.start : t.end] == t.text for t in tokens)
    assert "Qa\u2019idat" in [t.text for t in tokens]
