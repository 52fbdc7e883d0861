"""The pipeline: a list of stages, each a callable ``Document -> Document`` that declares what it needs and adds.

The runner checks, when the pipeline is built, that every stage's needs are added by an earlier stage (or are
given on every document: ``text``, ``published``), and, when it runs, records each stage in
``doc.layers.done``.  A stage that fails on one document does not take the document down: its error becomes a
``warnings`` entry and the stages that depend on what it would have added are skipped.  A batch that runs past
its time budget starts no further stage (:meth:`Pipeline.pipe`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from sitrep.errors import PipelineError, SitrepError
from sitrep.model import Document

log = logging.getLogger(__name__)

GIVEN = frozenset({"text", "published"})


@dataclass(frozen=True)
class Stage:
    name: str
    func: Callable[[Document], Document]
    needs: tuple[str, ...] = ()
    adds: tuple[str, ...] = ()
    batch: Callable[[list[Document]], list[Document]] | None = None  # optional faster path for many documents

    def __call__(self, doc: Document) -> Document:
        return self.func(doc)


def stage(name: str, needs: Sequence[str] = (), adds: Sequence[str] = ()) -> Callable[[Callable], Stage]:
    """Decorator turning ``func(doc) -> doc`` into a :class:`Stage`."""

    def wrap(func: Callable[[Document], Document]) -> Stage:
        return Stage(name=name, func=func, needs=tuple(needs), adds=tuple(adds))

    return wrap


class Pipeline:
    def __init__(self, stages: Sequence[Stage]):
        have = set(GIVEN)
        for st in stages:
            missing = [n for n in st.needs if n not in have]
            if missing:
                raise PipelineError(
                    f"stage {st.name!r} needs {', '.join(missing)}, which no earlier stage adds; "
                    f"put a stage that adds it before {st.name!r}"
                )
            have.update(st.adds)
        self.stages = list(stages)

    @property
    def names(self) -> list[str]:
        return [st.name for st in self.stages]

    def __call__(self, doc: Document) -> Document:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document], batch_size: int = 64, budget: float = 0.0) -> Iterator[Document]:
        """Run the stages over ``docs`` in batches.  ``budget`` (seconds per document, 0 for none): a batch of n
        documents that has run longer than n x ``budget`` starts no further stage; each of its documents says so."""
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch, budget)
                batch = []
        if batch:
            yield from self._run_batch(batch, budget)

    def _run_batch(self, docs: list[Document], budget: float = 0.0) -> list[Document]:
        failed: dict[int, set[str]] = {id(d): set() for d in docs}  # per document: what could not be added
        deadline = time.monotonic() + budget * len(docs) if budget > 0 else None
        for st in self.stages:
            if deadline is not None and time.monotonic() > deadline:
                for doc in docs:
                    doc.warnings.append(
                        f"{st.name}: not run, nor the stages after it: the analysis took longer than "
                        f"{budget:g} s per document (setting time_budget)"
                    )
                break
            ready = []
            for doc in docs:
                if failed[id(doc)].intersection(st.needs):
                    _skip(doc, st, failed[id(doc)])
                else:
                    ready.append(doc)
            if st.batch is not None and len(ready) > 1:
                try:
                    st.batch(ready)
                    for doc in ready:
                        doc.layers.done.append(st.name)
                    continue
                except Exception:  # fall back to one document at a time to isolate the failure
                    log.debug("batch of stage %s failed; retrying one by one", st.name, exc_info=True)
            for doc in ready:
                try:
                    st(doc)
                    doc.layers.done.append(st.name)
                except SitrepError as exc:
                    doc.warnings.append(f"{st.name}: {exc}")
                    failed[id(doc)].update(st.adds)
                except Exception as exc:  # a bug in a stage must not lose the document or the batch
                    log.exception("stage %s failed on document %s", st.name, doc.id)
                    doc.warnings.append(f"{st.name}: internal error ({type(exc).__name__}: {exc}); please report it")
                    failed[id(doc)].update(st.adds)
        return docs


def _skip(doc: Document, st: Stage, missing: set[str]) -> None:
    what = ", ".join(sorted(missing.intersection(st.needs)))
    doc.warnings.append(f"{st.name}: skipped because {what} could not be computed")
    missing.update(st.adds)
