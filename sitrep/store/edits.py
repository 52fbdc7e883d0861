"""The review loop in the store: edits kept in the ``edits`` table and applied to every document the store
returns (so reports, exports and the API show corrected data) and to its queryable rows (so filters see it).

    edit = store.add_edit("correct", "event", "ev2", doc_id="wire-crocus", field="fatalities", value=12,
                          user="amira")
    store.add_edit("merge", "entity", "organization:isis-k:", value={"into": "kb:iskp"})
    store.undo_edit(edit.seq, user="amira")
    store.edits()                      # every edit, newest first, undone ones too
    store.original("wire-crocus")      # the analysis as added, without the edits
    store.labelled()                   # the active edits as labelled examples for retraining (dicts)

What each action means and how it is anchored: :mod:`sitrep.store.review`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sitrep.errors import ConfigError
from sitrep.keys import entity_key
from sitrep.model import Document

from . import review
from .listing import entity_groups, entity_rows, row_key
from .review import Edit

_COLS = ("seq", "action", "target_kind", "target", "doc_id", "field", "value", "before", "user_name", "created_at",
         "undone_at")  # fmt: skip
# fixed column lists, not user input: the values always go through placeholders
_SELECT = f"SELECT {', '.join(_COLS)} FROM edits"  # nosec B608
_INSERT = f"INSERT INTO edits ({', '.join(_COLS[:-1])}, token_id) VALUES ({', '.join('?' * len(_COLS))})"  # nosec B608


class Edits:
    """Edit methods of a store (a base of :class:`sitrep.store.BaseStore`), in portable SQL on its connection."""

    if TYPE_CHECKING:  # what the store provides
        _conn: Any

        def get(self, doc_id: str) -> Document | None: ...
        def _transaction(self) -> AbstractContextManager[Any]: ...
        def _delete(self, conn: Any, doc_id: str) -> bool: ...
        def _write(self, conn: Any, data: dict[str, Any], doc_json: str) -> str: ...

    # -- making and undoing ------------------------------------------------------------------------------------
    def add_edit(self, action: str, target_kind: str, target: str, *, doc_id: str | None = None,
                 field: str | None = None, value: Any = None, user: str = "local",
                 token_id: str | None = None) -> Edit:  # fmt: skip
        """Check the edit against the corrected data, record it and apply it; ConfigError says what is wrong,
        LookupError that the document or entity is not there."""
        if target_kind == "entity":
            anchor, doc_id, before, value = self._entity_target(action, target, value)
        else:
            if doc_id is None:
                raise ConfigError(f"an edit of a {target_kind} needs its doc_id")
            doc, original = self.get(doc_id), self.original(doc_id)
            if doc is None or original is None:
                raise LookupError(f"no document {doc_id!r}")
            found = review.anchor_of(original, target_kind, target)
            if found is None or review.find(doc, target_kind, found) is None:
                raise LookupError(f"no {target_kind} {target!r} in document {doc_id!r} (or it was marked wrong)")
            anchor = found
            value = review.check(doc, target_kind, action, field, value)
            before = review.before(doc, target_kind, anchor, field)
        now = _now()
        with self._transaction() as conn:
            seq = int(conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM edits").fetchone()[0])
            conn.execute(
                _INSERT,
                (seq, action, target_kind, anchor, doc_id, field, json.dumps(value, ensure_ascii=False),
                 json.dumps(before, ensure_ascii=False), user, now, token_id),
            )  # fmt: skip
            self._rewrite(conn, self._affected(conn, target_kind, anchor, doc_id, value))
        return self.edit(seq)  # type: ignore[return-value]

    def undo_edit(self, seq: int, user: str = "local") -> Edit:
        e = self.edit(seq)
        if e is None:
            raise LookupError(f"no edit {seq}")
        if e.undone_at is not None:
            raise ConfigError(f"edit {seq} was undone already ({e.undone_at})")
        with self._transaction() as conn:
            conn.execute("UPDATE edits SET undone_at = ?, undone_by = ? WHERE seq = ?", (_now(), user, seq))
            self._rewrite(conn, self._affected(conn, e.target_kind, e.target, e.doc_id, e.value))
        return self.edit(seq)  # type: ignore[return-value]

    def _entity_target(self, action: str, key: str, value: Any) -> tuple[str, None, Any, Any]:
        groups = {g["key"]: g for g in entity_groups(entity_rows(self._conn))}
        if key not in groups:
            raise LookupError(f"no entity {key!r}")
        value = review.check(None, "entity", action, None, value)
        if action == "merge":
            into = groups.get(value["into"])
            if into is None or value["into"] == key:
                raise ConfigError(f"cannot merge into {value['into']!r}: give the key of another stored entity")
            value = {"into": into["key"], "name": into["name"], "type": into["type"]}
        g = groups[key]
        return key, None, {"name": g["name"], "type": g["type"], "aliases": g["aliases"]}, value

    # -- reading -----------------------------------------------------------------------------------------------
    def edit(self, seq: int) -> Edit | None:
        row = self._conn.execute(_SELECT + " WHERE seq = ?", (seq,)).fetchone()
        return _edit(row) if row else None

    def edits(self, include_undone: bool = True, doc_id: str | None = None) -> list[Edit]:
        where = ("1 = 1" if include_undone else "undone_at IS NULL") + (" AND doc_id = ?" if doc_id else "")
        rows = self._conn.execute(_SELECT + " WHERE " + where + " ORDER BY seq DESC",
                                  (doc_id,) if doc_id else ())  # fmt: skip
        return [_edit(r) for r in rows.fetchall()]

    def original(self, doc_id: str) -> Document | None:
        """The document as it was analysed and added, without the analysts' edits."""
        row = self._conn.execute("SELECT doc_json FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return Document.from_json(row[0]) if row else None

    def corrected(self, doc: Document) -> Document:
        edits = self._active(self._conn, doc.id)
        return review.apply(doc, edits) if edits else doc

    def labelled(self) -> Iterator[dict[str, Any]]:
        """Each active edit as a labelled example: what sitrep said, what the analyst says, and the text."""
        for e in sorted(self.edits(include_undone=False), key=lambda x: x.seq):
            record = {"edit": e.seq, "action": e.action, "target_kind": e.target_kind, "target": e.target,
                      "field": e.field, "predicted": e.before, "corrected": e.value, "user": e.user,
                      "created_at": e.created_at, "doc_id": e.doc_id}  # fmt: skip
            doc = self.original(e.doc_id) if e.doc_id else None
            if doc is not None:
                record.update(language=doc.language, **_context(doc, e))
            yield record

    # -- applying ----------------------------------------------------------------------------------------------
    def _active(self, conn: Any, doc_id: str) -> list[Edit]:
        rows = conn.execute(
            _SELECT + " WHERE undone_at IS NULL AND (doc_id IS NULL OR doc_id = ?) "
            "ORDER BY seq", (doc_id,)).fetchall()  # fmt: skip
        return [_edit(r) for r in rows]

    def _corrected_data(self, conn: Any, data: dict[str, Any]) -> dict[str, Any]:
        """The rows of a document being written are those of its corrected version."""
        edits = self._active(conn, data["id"])
        return review.apply(Document.from_dict(data), edits).to_dict() if edits else data

    def _affected(self, conn: Any, kind: str, target: str, doc_id: str | None, value: Any) -> list[str]:
        if kind != "entity":
            return [doc_id] if doc_id else []
        keys = {target, (value or {}).get("into")}
        return sorted({r["doc_id"] for r in entity_rows(conn) if row_key(r) in keys})

    def _rewrite(self, conn: Any, doc_ids: list[str]) -> None:
        """Rewrite the rows of these documents from their analysis and the edits (doc_json is not changed)."""
        for doc_id in doc_ids:
            row = conn.execute("SELECT doc_json, ingested_at FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                continue
            self._delete(conn, doc_id)
            self._write(conn, json.loads(row[0]), row[0])
            conn.execute("UPDATE documents SET ingested_at = ? WHERE id = ?", (row[1], doc_id))


def _edit(row: Any) -> Edit:
    seq, action, kind, target, doc_id, fld, value, before, user, created, undone = row
    return Edit(seq, action, kind, target, doc_id, fld, json.loads(value) if value else None,
                json.loads(before) if before else None, user, created, undone)  # fmt: skip


def _context(doc: Document, e: Edit) -> dict[str, Any]:
    """The evidence of an edited event or fact, or the text around a mention, with its offsets."""
    found = review.find(doc, e.target_kind, e.target)
    if found is None:
        return {"stale": True}
    if e.target_kind == "mention":
        ent, m = found
        start, end = max(0, m.start - 200), min(len(doc.text), m.end + 200)
        return {"entity_key": entity_key(ent), "mention": {"start": m.start, "end": m.end, "text": m.text},
                "context": {"start": start, "end": end, "text": doc.text[start:end]}}  # fmt: skip
    return {"evidence": [{"start": s.start, "end": s.end, "text": doc.text[s.start : s.end]} for s in found.evidence]}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
