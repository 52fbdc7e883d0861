"""What every route reaches through its request: the settings, the store (opened for the request, in the
route's own thread: SQLite connections stay in the thread that opened them), the caller and the batch jobs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Request

from sitrep.settings import Settings
from sitrep.store import BaseStore, open_store

from .access import LOCAL, Caller
from .work import Jobs


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


@contextmanager
def store(request: Request) -> Iterator[BaseStore]:
    with open_store(settings_of(request).db) as st:
        yield st


def caller(request: Request) -> Caller:
    found = getattr(request.state, "caller", None)
    return found if isinstance(found, Caller) else LOCAL


def jobs(request: Request) -> Jobs:
    found: Jobs = request.app.state.jobs
    return found
