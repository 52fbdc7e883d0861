"""``sitrep ingest --workers N`` and ``--scheduler tcp://host:8786``: documents analysed on a Dask cluster and
written to the store by the caller, in batches, in input order.

    with open_store("sitrep.db") as store:
        result = ingest(docs, store, settings, Cluster(workers=2))      # AddResult, as Store.add_many's

How it goes.  The workers (a LocalCluster of ``workers`` processes, one thread each, or the workers of the
cluster at ``scheduler``) get :class:`sitrep.runner.worker.PipelinePlugin`, which loads the pipeline once per
worker.  The inputs are read as a stream, ``batch`` documents to a task, at most ``window`` tasks per worker in
flight; the analysed documents come back in input order and go to ``store.add_many`` (a transaction per
``commit_every`` documents), so the store ends up exactly as a single-process ``sitrep ingest`` leaves it.

Resuming.  A document whose text is stored already (by any id: its content hash, :meth:`BaseStore.stored_texts`)
is not sent to the workers again and counts as unchanged; so a run killed part way, rerun, keeps what was
committed and analyses only the rest.  The store's own identity rules (same id, same text) decide the rest.  A
task that fails (a worker lost more than Dask's retries allow) reports its documents in ``failed``; the run
goes on.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sitrep.errors import ClusterError, ConfigError
from sitrep.model import Document, content_id
from sitrep.settings import Settings
from sitrep.store import AddResult, BaseStore

from .progress import Progress


@dataclass(frozen=True)
class Cluster:
    """Where and how to run: ``workers`` local processes, or the cluster at ``scheduler``."""

    workers: int | None = None
    scheduler: str | None = None
    batch: int = 8  # documents per task
    window: int = 3  # tasks in flight per worker
    commit_every: int = 64  # documents per store transaction (add_many also commits every 2 s)
    progress: bool | None = None  # the progress line: None = on a terminal
    memory_limit: str = "auto"  # per local worker (dask's rule: the machine's memory shared out)
    connect_timeout: float = 15.0  # seconds to reach the scheduler


def ingest(docs: Iterable[Document], store: BaseStore, settings: Settings, cluster: Cluster) -> AddResult:
    """Analyse ``docs`` on the cluster and add them to ``store``; the counts of :meth:`BaseStore.add_many`, with
    the documents stored before counted as skipped."""
    if (cluster.workers is None) == (cluster.scheduler is None):
        raise ConfigError("give either a number of local workers (--workers N) or a scheduler (--scheduler ADDR)")
    before = AddResult()
    total = len(docs) if isinstance(docs, list | tuple) else None
    with _client(cluster, settings) as client, Progress(total=total, enabled=cluster.progress) as bar:
        workers = max(1, len(client.scheduler_info()["workers"]))
        analysed = _analysed(client, docs, store, settings, cluster, workers, bar, before)
        result = store.add_many(analysed, commit_every=cluster.commit_every)
    result.skipped += before.skipped
    result.failed = before.failed + result.failed
    return result


def _analysed(client: Any, docs: Iterable[Document], store: BaseStore, settings: Settings, cluster: Cluster,
              workers: int, bar: Progress, before: AddResult) -> Iterator[Document]:  # fmt: skip
    """The documents analysed on the workers, in input order, without those stored before."""
    from .worker import analyse

    in_flight: deque[tuple[list[Document], Any]] = deque()

    def done() -> Iterator[Document]:
        todo, future = in_flight.popleft()
        try:
            out: list[Document] = future.result()
        except Exception as exc:  # the task failed (a worker lost too often): its documents fail, the run goes on
            why = f"analysis on the cluster failed: {type(exc).__name__}: {' '.join(str(exc).split())}"
            before.failed += [(doc.id, why) for doc in todo]
            out = []
        bar.advance(len(todo))
        yield from out

    it = iter(docs)
    while chunk := list(islice(it, cluster.batch)):
        stored = store.stored_texts(content_id(d.text) for d in chunk if d.text)
        todo = [d for d in chunk if not (d.text and content_id(d.text) in stored)]
        before.skipped += len(chunk) - len(todo)
        bar.advance(len(chunk) - len(todo), skipped=len(chunk) - len(todo))
        if todo:
            in_flight.append((todo, client.submit(analyse, todo, settings, pure=False)))
        while len(in_flight) >= workers * cluster.window:
            yield from done()
    while in_flight:
        yield from done()


@contextmanager
def _client(cluster: Cluster, settings: Settings) -> Iterator[Any]:
    """A Dask client of a new LocalCluster or of the cluster at ``cluster.scheduler``, with the plugin added."""
    try:
        from distributed import Client, LocalCluster

        from .worker import PipelinePlugin
    except ModuleNotFoundError as exc:
        raise ConfigError(
            f"ingest on a Dask cluster needs dask.distributed ({exc.name} is missing); pip install 'sitrep[dask]'"
        ) from exc
    if cluster.scheduler is not None:
        try:
            client = Client(cluster.scheduler, timeout=cluster.connect_timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {cluster.scheduler} ({type(exc).__name__}); start one "
                "(dask scheduler, dask worker) or use --workers N for a local cluster"
            ) from exc
        with client:
            _ready(client, cluster.scheduler)
            client.register_plugin(PipelinePlugin(settings))
            yield client
        return
    workers = int(cluster.workers or 1)
    if not 1 <= workers <= 256:
        raise ConfigError(f"--workers must be between 1 and 256, got {workers}")
    try:
        local = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1",
            memory_limit=cluster.memory_limit, silence_logs=logging.ERROR,
        )
    except (OSError, TimeoutError, RuntimeError) as exc:
        raise ClusterError(f"cannot start a local Dask cluster of {workers} workers: {exc}") from exc
    with local, Client(local) as client:
        client.register_plugin(PipelinePlugin(settings))
        yield client


def _ready(client: Any, where: str, timeout: float = 60.0) -> None:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError as exc:
        raise ClusterError(f"the Dask scheduler at {where} has no workers (waited {timeout:g} s); start some") from exc
