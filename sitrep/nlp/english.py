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
from sitrep.knowledge.files import model_path
from sitrep.knowledge.lemmas import english as english_lemmas
from sitrep.model import Document, TextSpan, Token

from .rules import close_sentence

if TYPE_CHECKING:
    from spacy.language import Language

SENTENCE_FINAL = re.compile(r"[.!?…:;\"'”»)\]]$")


@cache
def load_english(path: str = "") -> Language:
    """The English spaCy pipeline (cached). ``path`` empty means the one inside the package."""
    import spacy

    where = Path(path) if path else model_path("en_sitrep")
    if not (where / "meta.json").is_file():
        raise ModelError(f"English model not found at {where}; reinstall sitrep or run scripts/train_en.py")
    try:
        return spacy.load(where)
    except (OSError, ValueError) as exc:
        raise ModelError(f"English model at {where} cannot be loaded ({exc}); reinstall sitrep") from exc


def add_spacy(doc: Document, sdoc: object, offset: int) -> None:
    """One paragraph's spaCy analysis (``sdoc``, from ``offset`` in the text) into the document's layers."""
    layers = doc.layers
    base = len(layers.tokens)
    lemmas = english_lemmas()
    for sent in _whole_sentences(sdoc):
        sent_index = len(layers.sentences)
        first = len(layers.tokens)
        for tok in sent:
            if tok.is_space:
                continue
            layers.tokens.append(
                Token(
                    i=len(layers.tokens),
                    start=offset + tok.idx,
                    end=offset + tok.idx + len(tok.text),
                    text=tok.text,
                    lemma=lemmas.repair(tok.text, tok.lemma_ or tok.text.lower(), tok.pos_),
                    pos=tok.pos_,
                    tag=tok.tag_,
                    dep=tok.dep_,
                    head=tok.head.i,
                    sent=sent_index,
                    ent_iob=tok.ent_iob_ or "O",
                    ent_type=tok.ent_type_,
                )
            )
        close_sentence(layers, first)
    # heads point at spaCy indices within the paragraph (spaces included): map them to ours
    index: dict[int, int] = {}
    for tok in sdoc:  # type: ignore[attr-defined]
        if not tok.is_space:
            index[tok.i] = base + len(index)
    for tok in layers.tokens[base:]:
        tok.head = index.get(tok.head, tok.i)
    for ent in sdoc.ents:  # type: ignore[attr-defined]
        start, end = offset + ent.start_char, offset + ent.end_char
        layers.ner.append(TextSpan(start, end, ent.label_, doc.text[start:end]))


def _whole_sentences(sdoc: Any) -> list[list[Any]]:
    """The parser's sentences, joined where one ends without final punctuation inside a paragraph (a split in a
    name like "Tehrik-i-Taliban | Pakistan claimed ..." is the parser's slip, not a sentence end)."""
    units: list[list[Any]] = []
    open_unit = False
    for sent in sdoc.sents:
        words = [t for t in sent if not t.is_space]
        if open_unit and units:
            units[-1].extend(sent)
        else:
            units.append(list(sent))
        open_unit = bool(words) and not SENTENCE_FINAL.search(words[-1].text)
    return units
