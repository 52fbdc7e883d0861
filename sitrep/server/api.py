"""The REST API (``/api/...``): each route reads its input, calls the core, the store or an output, and returns
JSON of the output contract (documents, events, facts) or of :mod:`sitrep.server.schemas`.  Listings take the
filters of :class:`sitrep.store.listing.Query` and ``limit``/``offset``; errors are ``{"error", "status"}``."""

from __future__ import annotations

import calendar
import datetime
import io
import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response

from sitrep import __version__
from sitrep.errors import QueryError
from sitrep.keys import entity_key
from sitrep.outputs import export, views
from sitrep.outputs.report import report
from sitrep.store import listing

from . import schemas, work
from .state import caller, jobs, settings_of, store

router = APIRouter(prefix="/api", responses={
    400: {"model": schemas.Error, "description": "a body that cannot be read (not UTF-8 JSON), or a wrong Host"},
    401: {"model": schemas.Error, "description": "no valid token"},
    403: {"model": schemas.Error, "description": "not allowed"},
    413: {"model": schemas.Error, "description": "request too large"},
    422: {"model": schemas.Error, "description": "malformed input, or a URL the fetching rules refuse"},
    429: {"model": schemas.Error, "description": "too many requests from this client (Retry-After: seconds)"},
    502: {"model": schemas.Error, "description": "a URL to fetch failed"},
    503: {"model": schemas.Error, "description": "too much work waiting (Retry-After: seconds)"},
})  # fmt: skip

Limit = Annotated[int, Query(ge=1, le=500, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
Text = Annotated[str | None, Query(max_length=500)]
Day = Annotated[str | None, Query(pattern=listing.ISO_DAY, description="YYYY, YYYY-MM or YYYY-MM-DD")]
NotFound: dict[int | str, dict[str, Any]] = {404: {"model": schemas.Error, "description": "not found"}}


def filters(actor: Text = None, place: Text = None, since: Day = None, until: Day = None, type: Text = None,
            modality: Text = None, language: Text = None, source: Text = None, doc_id: Text = None) -> dict[str, Any]:
    since, until = _day(since), _day(until)
    return {"actor": actor, "place": place, "since": since, "until": until, "type": type, "modality": modality,
            "language": language, "source": source, "doc_id": doc_id}  # fmt: skip


Filters = Annotated[dict[str, Any], Depends(filters)]


def documents(st: Any, f: dict[str, Any]) -> list[Any]:
    """The documents a filter keeps (the store's filters), with only the events of its type and modality."""
    found = st.documents(actor=f["actor"], place=f["place"], since=f["since"], until=f["until"], language=f["language"])
    return views.narrowed(found, type_=f["type"], modality=f["modality"], source=f["source"], doc_id=f["doc_id"])


def page(found: listing.Page, items: list[dict[str, Any]]) -> schemas.Page:
    more = found.offset + found.limit < found.total
    return schemas.Page(items=items, total=found.total, limit=found.limit, offset=found.offset,
                        next=found.offset + found.limit if more else None)  # fmt: skip


@router.get("/health", summary="Is the server up")
def health() -> dict[str, Any]:
    return {"status": "ok", "version": __version__}


@router.post("/analyze", summary="Analyse one text (synchronously); stored too with store=true")
def analyze(request: Request, body: schemas.TextInput, save: Annotated[bool, Query(alias="store")] = False
            ) -> dict[str, Any]:  # fmt: skip
    s = settings_of(request)
    doc = work.analysed(lambda: work.read_input(schemas.DocumentInput(**body.model_dump()), s), s)
    if save:
        with store(request) as st:
            work.add(st, doc)
    return doc.to_dict()


@router.post("/documents", status_code=201, summary="Add a document (text, or a URL to fetch): analysed and stored")
def add_document(request: Request, body: schemas.DocumentInput) -> schemas.Added:
    s = settings_of(request)
    doc = work.analysed(lambda: work.read_input(body, s), s)
    with store(request) as st:
        status = work.add(st, doc)
    return _added(doc, status)


@router.post("/documents/upload", status_code=201, summary="Upload a file (text, Markdown, HTML): analysed and stored")
def upload_document(request: Request, file: Annotated[UploadFile, File()],
                    title: Annotated[str | None, Form(max_length=2000)] = None,
                    source: Annotated[str | None, Form(max_length=500)] = None,
                    published: Annotated[datetime.date | None, Form()] = None,
                    language: Annotated[Literal["en", "ru"] | None, Form()] = None) -> schemas.Added:  # fmt: skip
    s = settings_of(request)
    meta = {"title": title, "source": source, "published": published and published.isoformat(), "lang": language}
    name = file.filename or "upload.txt"
    doc = work.analysed(lambda: work.read_upload(name, file.file.read(s.max_request_bytes + 1), meta, s), s)
    with store(request) as st:
        status = work.add(st, doc)
    return _added(doc, status)


@router.get("/documents", summary="List the stored documents")
def list_documents(request: Request, f: Filters, limit: Limit = 50, offset: Offset = 0,
                   sort: Literal["published", "title", "source", "ingested", "id"] = "published",
                   order: Literal["asc", "desc"] = "desc") -> schemas.Page:  # fmt: skip
    q = listing.Query(**f, sort=sort, order=order, limit=limit, offset=offset)
    with store(request) as st:
        found = st.document_page(q)
    return page(found, [views.document_item(d) for d in found.items])


@router.get("/documents/{doc_id:path}", responses=NotFound, summary="One document: the output contract "
            "(keys=true adds each entity's key across documents)")
def get_document(request: Request, doc_id: str, keys: bool = False) -> dict[str, Any]:
    with store(request) as st:
        doc = st.get(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return {**doc.to_dict(), "keys": {e.id: entity_key(e) for e in doc.entities}} if keys else doc.to_dict()


@router.post("/jobs", status_code=202, summary="Submit a batch: analysed and stored in the background")
def submit_job(request: Request, body: schemas.BatchInput) -> schemas.Job:
    return schemas.Job(**jobs(request).submit(body.documents, caller(request).user))


@router.get("/jobs", summary="The recent batch jobs, newest first")
def list_jobs(request: Request) -> list[schemas.Job]:
    return [schemas.Job(**j) for j in jobs(request).all()]


@router.get("/jobs/{job_id}", responses=NotFound, summary="A batch job's status and progress")
def get_job(request: Request, job_id: str) -> schemas.Job:
    job = jobs(request).get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r}")
    return schemas.Job(**job)


@router.get("/search", summary="Full-text search over the stored documents")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20) -> list[schemas.Hit]:  # fmt: skip
    with store(request) as st:
        try:
            hits = st.search(q, limit=limit)
        except QueryError:  # not a query FTS reads ("Crocus (Moscow"): its words, as words
            words = re.findall(r"\w+", q)
            hits = st.search(" ".join(f'"{w}"' for w in words), limit=limit) if words else []
    return [schemas.Hit(**vars(h)) for h in hits]


@router.get("/events", summary="Events, filtered, sorted and paged")
def list_events(request: Request, f: Filters, limit: Limit = 50, offset: Offset = 0,
                sort: Literal["date", "fatalities", "confidence", "type", "published", "id"] = "date",
                order: Literal["asc", "desc"] = "desc") -> schemas.Page:  # fmt: skip
    with store(request) as st:
        found = st.event_page(listing.Query(**f, sort=sort, order=order, limit=limit, offset=offset))
    return page(found, [views.event_item(d, e) for d, e in found.items])


@router.get("/events/{doc_id:path}/{event_id}", responses=NotFound, summary="One event with its document's names")
def get_event(request: Request, doc_id: str, event_id: str) -> dict[str, Any]:
    with store(request) as st:
        doc = st.get(doc_id)
        incident = st.incident_links([doc_id]).get((doc_id, event_id))
    ev = next((e for e in doc.events if e.id == event_id), None) if doc else None
    if doc is None or ev is None:
        raise HTTPException(404, f"no event {event_id!r} in document {doc_id!r}")
    return {**views.event_item(doc, ev), "incident_id": incident}


@router.get("/facts", summary="Facts, filtered and paged (type = the predicate)")
def list_facts(request: Request, f: Filters, limit: Limit = 50, offset: Offset = 0,
               sort: Literal["date", "predicate", "published", "id"] = "date",
               order: Literal["asc", "desc"] = "desc") -> schemas.Page:  # fmt: skip
    with store(request) as st:
        found = st.fact_page(listing.Query(**f, sort=sort, order=order, limit=limit, offset=offset))
    return page(found, [views.fact_item(d, x) for d, x in found.items])


@router.get("/entities", summary="Actors and places across documents, most reported first")
def list_entities(request: Request, q: Text = None, type: Text = None, limit: Limit = 50, offset: Offset = 0,
                  kind: Literal["all", "actors", "places"] = "all") -> schemas.Page:  # fmt: skip
    places = {"all": None, "actors": False, "places": True}[kind]
    with store(request) as st:
        found = listing.entity_groups(st.entity_rows(), type, q, places)
    return page(listing.Page(len(found), [], limit, offset), found[offset : offset + limit])


@router.get("/entities/{key:path}", responses=NotFound, summary="An actor's or place's profile")
def get_entity(request: Request, key: str) -> dict[str, Any]:
    with store(request) as st:
        ids = {r["doc_id"] for r in st.entity_rows() if listing.row_key(r) == key}
        profile = views.actor_profile([d for i in sorted(ids) if (d := st.get(i))], key)
    if profile is None:
        raise HTTPException(404, f"no entity {key!r}")
    return profile


@router.get("/incidents", summary="Incidents: the same event told by several documents, grouped")
def list_incidents(request: Request, f: Filters, limit: Limit = 50, offset: Offset = 0) -> schemas.Page:
    with store(request) as st:
        docs = documents(st, f)
        links = st.incident_links(d.id for d in docs)
    found = views.incident_items(docs, links)
    return page(listing.Page(len(found), [], limit, offset), found[offset : offset + limit])


@router.get("/report", summary="The situation report (Markdown) for a filter",
            responses={200: {"content": {"text/markdown": {}}, "description": "the report"}})
def get_report(request: Request, f: Filters, title: Text = None) -> Response:
    with store(request) as st:
        docs = documents(st, f)
        links = st.incident_links(d.id for d in docs)
    text = report(docs, title=title, actor=f["actor"], place=f["place"], since=f["since"], until=f["until"],
                  links=links)
    return Response(text, media_type="text/markdown; charset=utf-8")


EXPORT_TYPES = {"csv": "text/csv", "jsonl": "application/x-ndjson", "geojson": "application/geo+json",
                "incidents": "application/x-ndjson"}


@router.get("/export/{fmt}", summary="Export the stored documents (jsonl, csv, geojson, stix, misp, incidents)",
            responses={
    200: {"content": {t: {} for t in [*EXPORT_TYPES.values(), "application/json"]}, "description": "the export"}})
def export_documents(request: Request, fmt: Literal["jsonl", "csv", "geojson", "stix", "misp", "incidents"],
                     f: Filters, reports: Annotated[bool, Query(description="csv, geojson: a row per report, not "
                                                               "per incident")] = False) -> Response:  # fmt: skip
    with store(request) as st:
        docs = documents(st, f)
        links = None if reports else st.incident_links(d.id for d in docs)
    out = io.StringIO()
    export(docs, fmt, out, places=True, links=links)
    name = f"sitrep.{fmt}.json" if fmt in ("stix", "misp") else f"sitrep.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(out.getvalue(), media_type=EXPORT_TYPES.get(fmt, "application/json"), headers=headers)


def _day(value: str | None) -> str | None:
    """A day past its month's end ("2023-02-30") means the month's last day."""
    if value is None or len(value) < 10:
        return value
    year, month = int(value[:4]), int(value[5:7])
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    return f"{value[:8]}{min(int(value[8:]), last):02d}"


def _added(doc: Any, status: str) -> schemas.Added:
    return schemas.Added(id=doc.id, status=status, title=doc.title, events=len(doc.events),  # type: ignore[arg-type]
                         entities=len(doc.entities), facts=len(doc.facts), warnings=doc.warnings)  # fmt: skip

