"""The ``nlp`` stage: sentences, tokens, part-of-speech, dependencies and named entities.

English goes through sitrep's own spaCy pipeline (:mod:`sitrep.nlp.english`), Russian through natasha
(:mod:`sitrep.nlp.russian`); other languages get rule-based sentences and tokens only (no POS, parse or NER,
:mod:`sitrep.nlp.rules`), with a warning, and later stages then fall back to lexical matching.  spaCy and natasha
are imported only when a document of their language comes, so an English run never imports natasha and a
Russian one never imports spaCy.

The text is analysed paragraph by paragraph (:func:`sitrep.text.paragraphs`: blank lines always end a sentence,
so headings do not run into the next paragraph; a paragraph longer than the setting ``parse_chars`` in pieces cut
at sentence ends), up to ``doc.layers.body_end`` (a trailing "Source:" line is
metadata, not content).  The analyses are converted into sitrep's own layers (``Token``, ``Sentence``,
``TextSpan``) so no later stage depends on spaCy or natasha.
"""

from __future__ import annotations

from collections.abc import Iterator

from sitrep.model import Document
from sitrep.pipeline import Stage
from sitrep.settings import Settings
from sitrep.text import paragraphs

from . import stand_ins
from .english import add_spacy, load_english
from .rules import rule_based
from .russian import add_natasha, load_russian

__all__ = ["analyse", "load_english", "load_russian", "make"]


def make(settings: Settings) -> Stage:
    """The nlp stage for ``settings`` (which English model to use)."""

    def run(doc: Document) -> Document:
        return analyse([doc], settings)[0]

    def run_batch(docs: list[Document]) -> list[Document]:
        return analyse(docs, settings)

    return Stage(name="nlp", func=run, batch=run_batch, needs=("text", "language"), adds=("sentences", "tokens", "ner"))


# Typographic apostrophes, one character each like the ASCII one the English model was trained on (EWT, CoNLL):
# the tagger and parser read "Qa’idat al-Jihad" as they would "Qa'idat"; tokens keep the document's own text.
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def analyse(docs: list[Document], settings: Settings) -> list[Document]:
    english = [d for d in docs if d.language == "en"]
    for doc in docs:
        doc.layers.sentences, doc.layers.tokens, doc.layers.ner = [], [], []
        if doc.language == "ru":
            for off, para in paragraphs(doc.text, doc.layers.body_end, settings.parse_chars):
                add_natasha(doc, para, off)
        elif doc.language != "en":
            rule_based(doc)
    if english:
        nlp = load_english(settings.model_en)
        limit = settings.parse_chars  # a parser's time and memory grow with what it is given at once
        jobs = [(doc, off, para) for doc in english for off, para in paragraphs(doc.text, doc.layers.body_end, limit)]
        for group in _batches(jobs, limit):  # at most parse_chars characters in the parser at once: bounded memory
            texts = [text.translate(APOSTROPHES) for _, _, text in group]  # "Qa’idat", "Shi’a": as trained
            parsed = stand_ins.parse(nlp, texts)  # "Gunmen shot": parsed again as a verb
            for (doc, off, _), (sdoc, kept) in zip(group, parsed, strict=True):
                add_spacy(doc, sdoc, off, kept)
    return docs


def _batches(jobs: list[tuple[Document, int, str]], limit: int) -> Iterator[list[tuple[Document, int, str]]]:
    """Consecutive jobs whose texts add up to at most ``limit`` characters (a longer text alone)."""
    group: list[tuple[Document, int, str]] = []
    size = 0
    for job in jobs:
        if group and size + len(job[2]) > limit:
            yield group
            group, size = [], 0
        group.append(job)
        size += len(job[2])
    if group:
        yield group
