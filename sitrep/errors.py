"""Every exception sitrep raises, in one tree.

    SitrepError                     base: catch this to catch anything sitrep raises on purpose
    ├── InputError                  the input cannot be read as a document
    │   ├── EmptyInputError         nothing (or only whitespace) to analyse
    │   ├── BinaryInputError        the bytes are not text (NUL bytes, an image, an archive ...)
    │   ├── EncodingError           the bytes are not valid in any encoding we try
    │   ├── InputTooLargeError      over the size limit (setting ``max_bytes``)
    │   ├── FetchError              a URL could not be fetched (unreachable, timeout, HTTP error)
    │   │   └── UrlRefusedError     a URL sitrep will not fetch: malformed, not http(s), or a non-public address
    │   └── JsonlLineError          one line of a JSONL batch is malformed (the batch goes on)
    ├── PipelineError               a stage is missing what it needs, or a pipeline is mis-assembled
    ├── ModelError                  a trained model or data file is missing or broken (reinstall sitrep)
    ├── KnowledgeError              a knowledge file (actors, lexicons, gazetteer) does not parse or is inconsistent
    ├── StoreError                  the database cannot be opened, written or read
    │   └── QueryError              a search query the store cannot read (a caller's mistake, not the database's)
    ├── ClusterError                the Dask cluster cannot be started or reached (``sitrep ingest --workers``)
    ├── ConfigError                 an unknown setting or a value of the wrong type
    └── BusyError                   the web server is at a limit of waiting work (``retry_after``: seconds)

Messages say what went wrong and how to fix it; the CLI prints them without a traceback.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base of every error sitrep raises on purpose."""


class InputError(SitrepError):
    """The input cannot be read as a document."""


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class EncodingError(InputError):
    pass


class InputTooLargeError(InputError):
    pass


class FetchError(InputError):
    pass


class UrlRefusedError(FetchError):
    """The URL breaks a rule of :func:`sitrep.io.fetch.check_url` (the caller's, not the remote server's, doing)."""


class JsonlLineError(InputError):
    pass


class PipelineError(SitrepError):
    pass


class ModelError(SitrepError):
    pass


class KnowledgeError(SitrepError):
    pass


class StoreError(SitrepError):
    pass


class QueryError(StoreError):
    pass


class ClusterError(SitrepError):
    pass


class ConfigError(SitrepError):
    pass


class BusyError(SitrepError):
    """The web server's queue for this kind of work is full; the caller may try again after ``retry_after``."""

    def __init__(self, message: str, retry_after: int = 1):
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))
