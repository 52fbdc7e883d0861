"""The review loop's routes (``/api/edits``): make a correction, list them, undo one, export them as labelled
data.  The store checks, records and applies them (:mod:`sitrep.store.edits`); who made one is the caller's
token's user ("local" on this machine without tokens)."""

from __future__ import annotations

import dataclasses
import json
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from . import schemas
from .api import router as api_router
from .state import caller, store

router = APIRouter(prefix="/api/edits", responses=api_router.responses)
NotFound: dict[int | str, dict[str, Any]] = {
    404: {"model": schemas.Error, "description": "no such document, entity, record or edit"}}


@router.post("", status_code=201, responses=NotFound, summary="Correct something: merge, rename, retype, split, reject")
def add_edit(request: Request, body: schemas.EditInput) -> schemas.Edit:
    who = caller(request)
    with store(request) as st:
        try:
            edit = st.add_edit(body.action, body.target_kind, body.target, doc_id=body.doc_id, field=body.field,
                               value=body.value, user=who.user, token_id=who.token_id)  # fmt: skip
        except LookupError as exc:
            raise HTTPException(404, str(exc).strip("'\"")) from None
    return schemas.Edit(**dataclasses.asdict(edit))


@router.get("", summary="The corrections, newest first")
def list_edits(request: Request, include_undone: bool = True,
               doc_id: Annotated[str | None, Query(max_length=500)] = None) -> list[schemas.Edit]:  # fmt: skip
    with store(request) as st:
        return [schemas.Edit(**dataclasses.asdict(e)) for e in st.edits(include_undone, doc_id)]


@router.get("/export", summary="The active corrections as labelled data for retraining (JSON lines)",
            responses={200: {"content": {"application/x-ndjson": {}}, "description": "one example a line"}})
def export_edits(request: Request) -> Response:
    with store(request) as st:
        lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in st.labelled()]
    return Response("".join(lines), media_type="application/x-ndjson",
                    headers={"Content-Disposition": 'attachment; filename="sitrep-edits.jsonl"'})  # fmt: skip


@router.post("/{seq}/undo", responses=NotFound, summary="Undo a correction")
def undo_edit(request: Request, seq: int) -> schemas.Edit:
    with store(request) as st:
        try:
            edit = st.undo_edit(seq, user=caller(request).user)
        except LookupError as exc:
            raise HTTPException(404, str(exc).strip("'\"")) from None
    return schemas.Edit(**dataclasses.asdict(edit))
