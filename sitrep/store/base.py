"""What every store backend does: the interface, its results, and :func:`open_store`, which picks a backend.

Identity.  A document is the same document when it has the same ``id``, or the same text (``content_hash``,
:func:`sitrep.model.content_id`).  Adding it again changes nothing and returns False.  A document whose ``id``
is already stored but whose content (text or analysis) differs *replaces* the stored one: the newest analysis
wins.  A different ``id`` with a text already stored is a duplicate and is skipped.

A document without text (an input that could not be read) is never stored: ``add`` raises StoreError and
``add_many`` reports it in ``failed`` with the document's last warning.

Durability.  ``add`` writes one document in one transaction.  ``add_many`` writes a batch in chunks, one
transaction per chunk and a savepoint per document: a document that fails is rolled back to its savepoint and
reported in ``failed``, the others stay; when the batch stops (an error, Ctrl-C) what was added before is
committed first, so nothing already added is lost and no document is ever half written.

Filters.  ``actor`` and ``place`` match an entity's name, one of its aliases, its ``kb_id`` or its Wikidata id,
case-insensitively; ``actor`` looks at non-place entities, ``place`` at places (the name of a country the store
knows also matches documents with any place located in that country).  ``since`` / ``until`` take ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD`` (``since`` from the first day, ``until`` to the last day they cover); a document
matches when an event date, a fact date or its publication date falls in the window (dates are intervals:
"March 2024" overlaps ``since="2024-03-15"``).

The backends: SQLite (:mod:`.sqlite`, the default: a file) and PostgreSQL (:mod:`.postgresql`: a
``postgresql://`` URL).  Both subclass :class:`sitrep.store.sql.SqlStore` (this interface in portable SQL), read
the same ``schema.sql`` (:mod:`.schema`) and :mod:`.rows`, and have a line in :data:`_BACKENDS`; only opening,
the write transaction and full-text search differ.
"""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from typing import Self

from sitrep.errors import ConfigError
from sitrep.model import Document

from .edits import Edits
from .incidents import Incidents
from .listing import Listings
from .tokens import Tokens
from .watched import Watched


@dataclass(frozen=True)
class Hit:
    doc_id: str
    title: str | None
    snippet: str  # one line, matched words between ** **
    rank: int  # 1 = best
    score: float  # higher = better (SQLite: the negated BM25)


@dataclass
class AddResult:
    added: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, error in words)
    replaced: int = 0


class BaseStore(Listings, Tokens, Edits, Incidents, Watched, ABC):
    """Analysed documents kept in a database (see the module docstring); use it as a context manager.  What every
    backend gets from its bases, in portable SQL on ``self._conn``: the listings (:mod:`.listing`), the access
    tokens (:mod:`.tokens`), the analysts' edits (:mod:`.edits`) and the incidents across documents
    (:mod:`.incidents`: a backend calls ``_link_document`` after writing a document's rows and
    ``_unlink_document`` before deleting them), and what ``sitrep watch`` has seen (:mod:`.watched`)."""

    where: str  # the file or URL, for messages

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None:
        """Close the connection; closing twice is harmless, using a closed store raises StoreError."""

    # -- writing ---------------------------------------------------------------------------------------------
    @abstractmethod
    def add(self, doc: Document) -> bool:
        """Store ``doc``; True when it was written (new, or replacing a changed version), False when already there."""

    @abstractmethod
    def add_many(self, docs: Iterable[Document], commit_every: int | None = None) -> AddResult:
        """Store many documents, committed at least every ``commit_every`` documents (None: the backend's
        default); a failing document (one without text too) is reported in ``failed`` and the batch goes on."""

    @abstractmethod
    def remove(self, doc_id: str) -> bool:
        """Delete a document and everything about it; False when it was not stored."""

    # -- reading ---------------------------------------------------------------------------------------------
    @abstractmethod
    def stored_texts(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes (:func:`sitrep.model.content_id` of a text) among ``hashes`` that a stored document
        has: what a resumed batch need not analyse again."""

    @abstractmethod
    def get(self, doc_id: str) -> Document | None:
        """The document as added, with the analysts' edits applied (sitrep.store.edits), or None."""

    @abstractmethod
    def count(self) -> int:
        """How many documents are stored."""

    @abstractmethod
    def documents(
        self,
        actor: str | None = None,
        place: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        language: str | None = None,
    ) -> Iterator[Document]:
        """The stored documents matching every filter given, oldest publication first (undated last)."""

    @abstractmethod
    def search(self, query: str, limit: int = 20, syntax: bool = False) -> list[Hit]:
        """Full-text search over titles and texts, best first.  ``query`` is words that must all occur ("quoted
        phrases" and prefix* kept, operator words plain words); ``syntax=True`` takes the backend's query syntax.
        A malformed query raises StoreError."""


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_BACKENDS = {  # URL scheme -> module with a ``Store`` class
    "sqlite": "sitrep.store.sqlite", "postgresql": "sitrep.store.postgresql", "postgres": "sitrep.store.postgresql",
}  # fmt: skip


def open_store(path_or_url: str | os.PathLike[str] = "sitrep.db") -> BaseStore:
    """The store at ``path_or_url``: a SQLite file path, ``:memory:``, a ``sqlite:///path`` URL, or a
    ``postgresql://user@host/db`` URL (PostgreSQL needs ``pip install 'sitrep[postgres]'``)."""
    where = os.fspath(path_or_url)
    match = _SCHEME.match(where)
    scheme = match.group(1).lower() if match else "sqlite"
    if scheme not in _BACKENDS:
        known = ", ".join(f"{s}://" for s in _BACKENDS)
        raise ConfigError(f"unknown store URL scheme {scheme}:// in {where!r}; give a file path or one of {known}")
    try:
        module = import_module(_BACKENDS[scheme])
    except ModuleNotFoundError as exc:
        if exc.name != "psycopg":
            raise
        raise ConfigError(
            "PostgreSQL stores need psycopg; install it with pip install 'sitrep[postgres]' (or 'psycopg[binary]')"
        ) from exc
    store: BaseStore = module.Store(path_or_url)
    return store
