"""English through sitrep's own spaCy pipeline (trained by ``scripts/train_en.py``, shipped in
``sitrep/models/en_sitrep``), into sitrep's layers.

spaCy is imported when the pipeline is first loaded, so a process that analyses no English never imports it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.errors import ModelError
from sitrep.knowledge.files import load_yaml, model_path
from sitrep.knowledge.lemmas import english as english_lemmas
from sitrep.model import Document, TextSpan, Token

from .rules import close_sentence

if TYPE_CHECKING:
    from spacy.language import Language

SENTENCE_FINAL = re.compile(r"[.!?…:;\"'”»)\]]$")


@cache
def load_english(path: str = "") -> Language:
    """The English spaCy pipeline (cached). ``path`` empty means the one inside the package.

    Its layers multiply matrices with numpy's BLAS (OpenBLAS), not with thinc's default, blis: the blis wheel
    picks its kernel by CPU model and fell back to its generic one on the benchmark machine (AMD EPYC), where
    numpy's took spaCy from 6.9 s to 3.9 s on the first 1,000 RAND dev descriptions. Sums in another order round
    differently in the last bits: of 25,788 texts (RAND train, UD EWT dev) one parse differed in one arc."""
    import spacy
    from thinc.api import use_ops

    where = Path(path) if path else model_path("en_sitrep")
    if not (where / "meta.json").is_file():
        raise ModelError(f"English model not found at {where}; reinstall sitrep or run scripts/train_en.py")
    try:
        with use_ops("numpy", use_blis=False):  # the layers' matrix products by numpy's BLAS (see the docstring)
            nlp = spacy.load(where)
    except (OSError, ValueError) as exc:
        raise ModelError(f"English model at {where} cannot be loaded ({exc}); reinstall sitrep") from exc
    return nlp


@cache
def _titles() -> frozenset[str]:
    """Abbreviated titles ("Col", "Brig"): no sentence ends at one with its full stop."""
    return frozenset(load_yaml("titles_en.yaml")["titles"])


def _title_end(sent: Any, last: Any) -> bool:
    """Does the sentence end with an abbreviated title: "Gen." as one token, or "Col" and its full stop?"""
    if last.text.endswith(".") and last.text[:-1] in _titles():
        return True
    before = sent.doc[last.i - 1] if last.i > sent.start else None
    return last.text == "." and before is not None and not before.whitespace_ and before.text in _titles()


def add_spacy(doc: Document, sdoc: Any, offset: int, kept: dict[int, tuple[str, str]] | None = None) -> None:
    """One paragraph's spaCy analysis (``sdoc``, from ``offset`` in the text) into the document's layers. The
    token attributes are read as one array (``Doc.to_array``), not token object by token object. ``kept``: the
    tokens a stand-in verb was parsed in place of (:mod:`.stand_ins`), their own text and lemma."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_SPACE, LEMMA, ORTH, POS, TAG

    layers = doc.layers
    base = len(layers.tokens)
    lemmas = english_lemmas()
    rows = sdoc.to_array([IDX, ORTH, LEMMA, POS, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE, IS_SPACE]).tolist()
    name = _names(sdoc.vocab.strings).__getitem__

    # heads are offsets within the paragraph (spaces included): map them to sitrep's token indices
    index: dict[int, int] = {}
    for i, row in enumerate(rows):
        if not row[9]:
            index[i] = base + len(index)
    for first_i, end_i in _whole_sentences(sdoc):
        sent_index = len(layers.sentences)
        first = len(layers.tokens)
        for i in range(first_i, end_i):
            idx, orth, lemma, pos, tag, dep, head, iob, ent, space = rows[i]
            if space:
                continue
            text, pos_ = name(orth), name(pos)
            own = kept.get(i) if kept else None
            text, lemma_ = own if own else (text, lemmas.repair(text, name(lemma) or text.lower(), pos_))
            if "'" in text:  # the document's own apostrophe ("’"), read by the parser as "'"
                text = doc.text[offset + idx : offset + idx + len(text)]
            rel = head - (1 << 64) if head >= 1 << 63 else head  # a relative offset, stored unsigned
            layers.tokens.append(
                Token(
                    i=len(layers.tokens),
                    start=offset + idx,
                    end=offset + idx + len(text),
                    text=text,
                    lemma=lemma_,
                    pos=pos_,
                    tag=name(tag),
                    dep=name(dep),
                    head=index.get(i + rel, len(layers.tokens)),
                    sent=sent_index,
                    ent_iob=IOB[iob],
                    ent_type=name(ent),
                )
            )
        close_sentence(layers, first)
    for span in sdoc.ents:
        start, end = offset + span.start_char, offset + span.end_char
        layers.ner.append(TextSpan(start, end, span.label_, doc.text[start:end]))


class _Names(dict):
    """spaCy's string hashes and their strings, looked up in the StringStore once per pipeline, not per token."""

    def __init__(self, strings: Any):
        super().__init__({0: ""})
        self.strings = strings

    def __missing__(self, h: int) -> str:
        got = self[h] = self.strings[h]
        return got


@cache
def _names(strings: Any) -> _Names:
    return _Names(strings)


IOB = ("O", "I", "O", "B")  # spaCy's ENT_IOB codes: 0 unset, 1 inside, 2 outside, 3 begin


def _whole_sentences(sdoc: Any) -> list[tuple[int, int]]:
    """The parser's sentences as token ranges, joined where one ends without final punctuation inside a paragraph
    (a split in a name like "Tehrik-i-Taliban | Pakistan claimed ..." is the parser's slip, not a sentence end) or
    with an abbreviated title ("a senior officer, Col. | Safa Walid Shukur")."""
    units: list[list[int]] = []
    open_unit = False
    for sent in sdoc.sents:
        if open_unit and units:
            units[-1][1] = sent.end
        else:
            units.append([sent.start, sent.end])
        last = next((t for t in reversed(sent) if not t.is_space), None)
        open_unit = last is not None and (not SENTENCE_FINAL.search(last.text) or _title_end(sent, last))
    return [(a, b) for a, b in units]
