"""What the REST API reads and writes, as pydantic models: they validate requests (a malformed one gets 422)
and describe both in the OpenAPI document.  A document itself is the output contract (``Document.to_dict()``);
its JSON Schema ships in ``sitrep/outputs/schema/`` and is not repeated here."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_BATCH = 1000  # documents in one batch job (send more as several jobs)
TEXT = r"^[^\x00]*[^\s\x00][^\x00]*$"  # some non-space character, no NUL


class Meta(BaseModel):
    """What the caller knows about a document."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, min_length=1, max_length=500, description="the document's id (default: a hash)")
    title: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=500, description="who published it")
    published: datetime.date | None = Field(None, description="YYYY-MM-DD")
    language: Literal["en", "ru"] | None = Field(None, description="detected when not given")


class TextInput(Meta):
    text: str = Field(..., min_length=1, pattern=TEXT, description="the text to analyse")
    url: str | None = Field(None, max_length=2000, description="where the text came from (not fetched)")

    @field_validator("text")
    @classmethod
    def _has_words(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the text is empty")
        if "\x00" in value:
            raise ValueError("the text contains NUL characters")
        return value


class DocumentInput(Meta):
    """One document to add: its ``text``, or a ``url`` to fetch (http or https)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"anyOf": [
        {"required": ["text"], "properties": {"text": {"type": "string"}}},
        {"required": ["url"], "properties": {"url": {"type": "string"}}},
    ]})  # fmt: skip

    text: str | None = Field(None, min_length=1, pattern=TEXT)
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://\S+$")

    @field_validator("text")
    @classmethod
    def _text_has_words(cls, value: str | None) -> str | None:
        if value is not None and (not value.strip() or "\x00" in value):
            raise ValueError("the text is empty or contains NUL characters")
        return value

    @model_validator(mode="after")
    def _text_or_url(self) -> DocumentInput:
        if not self.text and not self.url:
            raise ValueError("give the document's text or a url to fetch")
        return self


class BatchInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[DocumentInput] = Field(..., min_length=1, max_length=MAX_BATCH,
                                           description="analysed and stored in this order")


class Added(BaseModel):
    id: str
    status: Literal["added", "replaced", "skipped"]
    title: str | None = None
    events: int
    entities: int
    facts: int
    warnings: list[str]


class JobItem(BaseModel):
    index: int
    doc_id: str | None = None
    status: Literal["added", "replaced", "skipped", "failed"]
    error: str | None = None


class Job(BaseModel):
    id: str
    status: Literal["queued", "running", "done"]
    total: int
    done: int
    failed: int
    user: str
    created_at: str
    finished_at: str | None = None
    items: list[JobItem]


class Page(BaseModel):
    """One page of a listing; ``next`` is the offset of the next page (None on the last)."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    next: int | None = None


class Hit(BaseModel):
    doc_id: str
    title: str | None
    snippet: str
    rank: int
    score: float


class Error(BaseModel):
    error: str = Field(..., description="what went wrong, in words")
    status: int
    detail: list[dict[str, Any]] | None = None
