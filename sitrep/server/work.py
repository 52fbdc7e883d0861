"""The server's work: documents read from what a request gave (text, an upload, a URL), analysed one at a time
(the pipeline is shared by every request and the batch worker), stored; and batch jobs run in the background.

    read_input(DocumentInput, settings) -> Document       text as is; a URL through sitrep.io.ingest.fetch_url
    read_upload(name, data, meta, settings) -> Document   an uploaded file, read as ``sitrep ingest`` reads files
    analysed(read, settings) -> Document                  read() then analyse, holding one of the places for
                                                          analyses (limits.GATE; none free: BusyError, 503)
    analyse(doc, settings) -> Document                    the core, one analysis at a time
    add(store, doc) -> "added" | "replaced" | "skipped"   analysed and stored
    Jobs(settings).submit(inputs, user) -> job id         a batch, analysed and stored by one worker thread; its
                                                          URLs checked first (UrlRefusedError), at most job_queue
                                                          jobs waiting (more: BusyError)
"""

from __future__ import annotations

import math
import queue
import re
import secrets
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep.core import analyze_documents
from sitrep.errors import BusyError, FetchError, SitrepError, UrlRefusedError
from sitrep.io import ingest
from sitrep.io.fetch import check_url
from sitrep.model import Document
from sitrep.settings import Settings
from sitrep.store import BaseStore, open_store

from .limits import GATE, MAX_RETRY_AFTER
from .schemas import DocumentInput

KEEP_JOBS = 100


def read_input(item: DocumentInput, settings: Settings) -> Document:
    published = item.published.isoformat() if item.published else None
    meta = {"doc_id": item.id, "title": item.title, "source": item.source, "published": published,
            "lang": item.language}  # fmt: skip
    if item.text is not None:
        return ingest.read_text(item.text, url=item.url, settings=settings, **meta)
    assert item.url is not None  # the model requires text or url
    return ingest.fetch_url(item.url, settings, **meta)


def read_upload(name: str, data: bytes, meta: dict[str, Any], settings: Settings) -> Document:
    """An uploaded file, read like a file given to ``sitrep ingest`` (its suffix says HTML or Markdown)."""
    safe = re.sub(r"[^\w.-]+", "_", Path(name or "upload.txt").name)[-100:] or "upload.txt"
    with tempfile.TemporaryDirectory(prefix="sitrep-upload-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(data)
        try:
            doc = ingest.read_path(path, settings, **meta)
        except SitrepError as exc:  # said of the upload's name, not of the temporary file
            raise type(exc)(str(exc).replace(str(path), safe)) from None
    doc.warnings = [w.replace(str(path), safe) for w in doc.warnings]
    return doc


def analysed(read: Callable[[], Document], settings: Settings) -> Document:
    """A request's document, read (a URL fetched) and analysed while it holds a place (BusyError: none free)."""
    with GATE.place(settings.analysis_queue):
        return analyse(read(), settings)


def analyse(doc: Document, settings: Settings) -> Document:
    with GATE.turn():  # one analysis at a time: the pipeline's models are shared
        return next(analyze_documents([doc], settings))


def check_urls(inputs: list[DocumentInput], settings: Settings) -> None:
    """Refuse a batch at once when one of its URLs breaks the fetching rules (sitrep.io.fetch.check_url), all
    looked up within one ``fetch_timeout``; a look-up that fails or runs out of time is left to the worker, which
    checks every URL (and every redirect) again when it fetches."""
    deadline = time.monotonic() + settings.fetch_timeout
    for n, item in enumerate(inputs):
        if item.url is None or item.text is not None:
            continue
        try:
            check_url(item.url, settings, deadline)
        except UrlRefusedError as exc:
            raise UrlRefusedError(f"documents[{n}]: {exc}") from None
        except FetchError:
            continue


def add(store: BaseStore, doc: Document) -> str:
    existing = store.get(doc.id)
    written = store.add(doc)
    return "skipped" if not written else "replaced" if existing is not None else "added"


class Jobs:
    """Batch jobs: submitted, queued, run in order by one worker thread; progress readable at any time.  A
    document that fails is reported in its job and the job goes on; what was stored stays stored."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.jobs: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self.todo: queue.Queue[tuple[str, list[DocumentInput]] | None] = queue.Queue()
        self.lock = threading.Lock()
        self.worker: threading.Thread | None = None

    def submit(self, inputs: list[DocumentInput], user: str) -> dict[str, Any]:
        check_urls(inputs, self.settings)
        job_id = "job-" + secrets.token_hex(6)
        job = {"id": job_id, "status": "queued", "total": len(inputs), "done": 0, "failed": 0, "user": user,
               "created_at": _now(), "finished_at": None, "items": []}  # fmt: skip
        with self.lock:
            self._check_queue()
            self.jobs[job_id] = job
            while len(self.jobs) > KEEP_JOBS and next(iter(self.jobs.values()))["status"] == "done":
                self.jobs.popitem(last=False)
            if self.worker is None or not self.worker.is_alive():
                self.worker = threading.Thread(target=self._run, name="sitrep-jobs", daemon=True)
                self.worker.start()
        self.todo.put((job_id, inputs))
        return self.get(job_id) or job

    def _check_queue(self) -> None:
        """BusyError when ``job_queue`` jobs already wait (their documents, at the recent analysis time, say when
        to retry)."""
        waiting = [j for j in self.jobs.values() if j["status"] == "queued"]
        if len(waiting) >= self.settings.job_queue:
            left = sum(j["total"] - j["done"] for j in self.jobs.values() if j["status"] in ("queued", "running"))
            retry = max(1, min(MAX_RETRY_AFTER, math.ceil(GATE.mean * left)))
            raise BusyError(f"the server has {len(waiting)} batch jobs waiting (setting job_queue: "
                            f"{self.settings.job_queue}); retry in {retry} s", retry_after=retry)  # fmt: skip

    def get(self, job_id: str) -> dict[str, Any] | None:
        with self.lock:
            job = self.jobs.get(job_id)
            return None if job is None else {**job, "items": list(job["items"])}

    def all(self) -> list[dict[str, Any]]:
        with self.lock:
            ids = list(self.jobs)
        return [j for i in reversed(ids) if (j := self.get(i)) is not None]

    def stop(self) -> None:
        self.todo.put(None)
        if self.worker is not None:
            self.worker.join(timeout=30)

    def _run(self) -> None:
        while (task := self.todo.get()) is not None:
            job_id, inputs = task
            self._update(job_id, status="running")
            with open_store(self.settings.db) as store:
                for n, item in enumerate(inputs):
                    self._one(store, job_id, n, item)
            self._update(job_id, status="done", finished_at=_now())

    def _one(self, store: BaseStore, job_id: str, n: int, item: DocumentInput) -> None:
        try:
            doc = analyse(read_input(item, self.settings), self.settings)
            result = {"index": n, "doc_id": doc.id, "status": add(store, doc), "error": None}
        except SitrepError as exc:
            result = {"index": n, "doc_id": item.id, "status": "failed", "error": str(exc)}
        except Exception as exc:  # a bug on one document must not stop the batch: reported, the batch goes on
            result = {"index": n, "doc_id": item.id, "status": "failed", "error": f"{type(exc).__name__}: {exc}"}
        with self.lock:
            job = self.jobs[job_id]
            job["items"].append(result)
            job["done"] += 1
            job["failed"] += result["status"] == "failed"

    def _update(self, job_id: str, **values: Any) -> None:
        with self.lock:
            self.jobs[job_id].update(values)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
