"""The server's work: documents read from what a request gave (text, an upload, a URL), analysed one at a time
(the pipeline is shared by every request and the batch worker), stored; and batch jobs run in the background.

    read_input(DocumentInput, settings) -> Document       text as is; a URL through sitrep.io.ingest.fetch_url
    read_upload(name, data, meta, settings) -> Document   an uploaded file, read as ``sitrep ingest`` reads files
    analyse(doc, settings) -> Document                    the core, under one lock
    add(store, doc) -> "added" | "replaced" | "skipped"   analysed and stored
    Jobs(settings).submit(inputs, user) -> job id         a batch, analysed and stored by one worker thread
"""

from __future__ import annotations

import queue
import re
import secrets
import tempfile
import threading
from collections import OrderedDict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep.core import analyze_documents
from sitrep.errors import SitrepError
from sitrep.io import ingest
from sitrep.model import Document
from sitrep.settings import Settings
from sitrep.store import BaseStore, open_store

from .schemas import DocumentInput

ANALYSIS = threading.Lock()  # one analysis at a time: the pipeline's models are shared
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


def analyse(doc: Document, settings: Settings) -> Document:
    with ANALYSIS:
        return next(analyze_documents([doc], settings))


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
        job_id = "job-" + secrets.token_hex(6)
        job = {"id": job_id, "status": "queued", "total": len(inputs), "done": 0, "failed": 0, "user": user,
               "created_at": _now(), "finished_at": None, "items": []}  # fmt: skip
        with self.lock:
            self.jobs[job_id] = job
            while len(self.jobs) > KEEP_JOBS and next(iter(self.jobs.values()))["status"] == "done":
                self.jobs.popitem(last=False)
            if self.worker is None or not self.worker.is_alive():
                self.worker = threading.Thread(target=self._run, name="sitrep-jobs", daemon=True)
                self.worker.start()
        self.todo.put((job_id, inputs))
        return self.get(job_id) or job

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
