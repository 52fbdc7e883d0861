"""What runs on a Dask worker: the plugin that loads the pipeline once when the worker starts, and the task that
analyses a batch of documents with it (``sitrep.core.analyze_documents``, the one analysis every shell calls)."""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from sitrep.model import Document, Layers
from sitrep.settings import Settings

WARM_UP = "Gunmen attacked a police post in Quetta on Monday, officials said."


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline of ``settings`` and loads the English model on each worker as it joins, so that the
    tasks find them ready (``default_pipeline`` keeps one per process)."""

    name = "sitrep-pipeline"

    def __init__(self, settings: Settings):
        self.settings = settings

    def setup(self, worker: Any) -> None:
        from sitrep.core import analyze, default_pipeline

        default_pipeline(self.settings)
        analyze(WARM_UP, language="en", settings=self.settings)


def analyse(docs: list[Document], settings: Settings) -> list[Document]:
    """One task: the documents analysed, in order, without their working layers (tokens, sentences: never
    stored, and many times the size of the rest to send back)."""
    from sitrep.core import analyze_documents

    done = list(analyze_documents(docs, settings))
    for doc in done:
        doc.layers = Layers()
    return done
