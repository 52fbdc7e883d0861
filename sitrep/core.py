"""The core every shell calls: build the pipeline, analyse documents.

    analyze(text, published=..., source=...) -> Document       one text
    analyze_document(doc) -> Document                          a Document from ``ingest``
    analyze_documents(docs) -> Iterator[Document]              many, batched, order kept

The pipeline is ``clean -> language -> nlp -> places -> dates -> numbers -> actors -> events -> coder ->
counts -> perpetrators -> facts``; each stage is a module of its own (see ``sitrep.pipeline``).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from functools import cache

from sitrep import nlp
from sitrep.extract import coder, counts, events, perpetrators
from sitrep.extract.actors import actors
from sitrep.extract.dates import dates
from sitrep.extract.facts import facts
from sitrep.extract.numbers import numbers
from sitrep.extract.places import places
from sitrep.io import ingest, sections
from sitrep.io.clean import clean
from sitrep.io.language import language
from sitrep.model import Document
from sitrep.pipeline import Pipeline
from sitrep.settings import Settings
from sitrep.settings import load as load_settings


@cache
def default_pipeline(settings: Settings) -> Pipeline:
    return Pipeline(
        [
            clean,
            language,
            nlp.make(settings),
            places,
            dates,
            numbers,
            actors,
            events.make(settings),
            coder.make(settings),
            counts.make(settings),
            perpetrators.make(settings),
            facts,
        ]
    )


def analyze(
    text: str,
    *,
    published: str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
    language: str | None = None,
    doc_id: str | None = None,
    settings: Settings | None = None,
) -> Document:
    """Analyse one text and return its :class:`Document` (the output contract, ``doc.to_json()``)."""
    doc = ingest.read_text(text, doc_id=doc_id, title=title, source=source, url=url, published=published, lang=language)
    return analyze_document(doc, settings)


def analyze_document(doc: Document, settings: Settings | None = None) -> Document:
    return next(analyze_documents([doc], settings))


def analyze_documents(docs: Iterable[Document], settings: Settings | None = None) -> Iterator[Document]:
    """Analyse many documents in batches of ``settings.nlp_batch_size``, streamed (at most one batch is held in
    memory) and in order; a document that failed to ingest (empty text) passes through as is."""
    settings = settings or load_settings()
    pipeline = default_pipeline(settings)
    todo: list[Document] = []

    def flush() -> Iterator[Document]:
        yield from pipeline.pipe(todo, batch_size=settings.nlp_batch_size, budget=settings.time_budget)
        todo.clear()

    for doc in docs:
        parts = sections.split(doc, settings.section_chars) if doc.text.strip() else []
        if len(parts) != 1:  # failed to ingest (no text), or long: analysed section by section
            yield from _kept(flush(), settings)  # keep the input order
            if parts:
                doc = sections.join(doc, _sections(pipeline, parts, settings), settings.section_chars)
            yield from _kept(iter([doc]), settings)
            continue
        todo.append(doc)
        if len(todo) >= settings.nlp_batch_size:
            yield from _kept(flush(), settings)
    yield from _kept(flush(), settings)


def _sections(pipeline: Pipeline, parts: list[Document], settings: Settings) -> list[Document]:
    """The sections of one document, one at a time, within one document's time budget (the sections past it
    come back as they are, unanalysed, with a warning)."""
    deadline = time.monotonic() + settings.time_budget
    done = []
    for part in parts:
        if settings.time_budget > 0 and time.monotonic() > deadline:
            part.warnings.append(
                f"a section was not analysed: the document took longer than {settings.time_budget:g} s "
                "(setting time_budget)"
            )
            done.append(part)
            continue
        budget = max(deadline - time.monotonic(), 1e-9) if settings.time_budget > 0 else 0.0
        done += pipeline.pipe([part], batch_size=1, budget=budget)
    return done


def _kept(docs: Iterator[Document], settings: Settings) -> Iterator[Document]:
    """Documents without the events below ``settings.min_confidence`` (0 keeps all)."""
    for doc in docs:
        if settings.min_confidence > 0:
            doc.events = [ev for ev in doc.events if ev.confidence >= settings.min_confidence]
        yield doc
