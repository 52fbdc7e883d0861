"""The store: analysed documents kept in a database, found again by filters and full-text search.

    with open_store("sitrep.db") as store:          # or Store("sitrep.db"): the SQLite store
        store.add_many(docs)                        # AddResult(added, skipped, failed, replaced)
        store.documents(actor="ISKP", since="2024-03")
        store.search("Crocus")                      # [Hit(doc_id, title, snippet, rank, score)], best first

``base.py`` is what every backend does (identity, durability, filters) and :func:`open_store`, which picks
the backend by URL scheme; ``sqlite.py`` is the SQLite store; ``rows.py`` turns a document into table rows;
the tables are in ``schema.sql`` (portable) and ``schema_sqlite_fts.sql`` (the SQLite full-text index).
"""

from __future__ import annotations

from .base import AddResult, BaseStore, Hit, open_store
from .schema import SCHEMA_VERSION
from .sqlite import Store

__all__ = ["SCHEMA_VERSION", "AddResult", "BaseStore", "Hit", "Store", "open_store"]
