"""Settings in one place: a table of (name, default, help).

Values are taken, later ones winning, from the defaults below, a TOML file (``sitrep.toml`` in the working
directory or the file named by ``SITREP_CONFIG``), environment variables ``SITREP_<NAME>`` and command-line
flags (passed to :func:`load` as ``overrides``).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError

TABLE: list[tuple[str, Any, str]] = [
    ("max_bytes", 20_000_000, "largest input accepted, in bytes (files, URLs, stdin, one JSONL line)"),
    ("max_chars", 1_000_000, "longest text analysed; longer texts are cut there with a warning"),
    ("section_chars", 100_000, "longer texts are analysed in sections of at most this many characters, offsets kept"),
    ("time_budget", 300.0, "seconds of analysis per document; past it no further stage starts (0: no limit)"),
    ("parse_chars", 10_000, "longest piece of a paragraph the parser (spaCy, natasha) is given at once"),
    ("fetch_timeout", 15.0, "seconds a URL fetch may take in all: look-up, connecting, headers, body, redirects"),
    ("max_redirects", 5, "redirects a URL fetch follows (each hop http(s) and checked like the first URL)"),
    ("allow_private", False, "fetch URLs on loopback, private, link-local or reserved addresses (your own network)"),
    ("user_agent", "sitrep/0.1 (+https://example.org/sitrep)", "User-Agent header sent with URL fetches"),
    ("db", "sitrep.db", "the SQLite file (or postgresql:// URL) the store uses"),
    ("model_en", "", "path of the English spaCy pipeline; empty = the one inside the package"),
    ("nlp_batch_size", 16, "documents analysed together in batches (the most a kill can lose while ingesting)"),
    ("min_confidence", 0.0, "events below this confidence are dropped"),
    ("event_coder", "learned", "ACLED coding of events: learned (the classifier over the rules) or rules"),
    ("max_request_bytes", 25_000_000, "largest request body the web server accepts (larger: 413)"),
    ("rate_limit", 20.0, "requests a second each web client may make on average, per access token or, without "
     "one, per address (token bucket; over it: 429 with Retry-After); 0: no limit"),
    ("rate_burst", 200, "requests a web client may make at once before rate_limit applies (the bucket's size)"),
    ("analysis_queue", 8, "web requests that analyse (analyze, add, upload) in progress beyond the one analysing "
     "(reading their input or waiting their turn); more: 503 with Retry-After"),
    ("job_queue", 10, "batch jobs that may wait (submitted, not started) for the web server's batch worker; more: "
     "503 with Retry-After"),
    ("watch_interval", 300.0, "sitrep watch: seconds between polls of a source (and the first back-off)"),
    ("watch_backoff_max", 3600.0, "sitrep watch: longest rest of a failing source (the back-off doubles up to it)"),
    ("watch_item_tries", 3, "sitrep watch: tries to fetch and read one item before it is left alone"),
]
CHOICES: dict[str, tuple[str, ...]] = {"event_coder": ("learned", "rules")}
MINIMUM: dict[str, float] = {  # limits below these would refuse everything or never finish
    "max_bytes": 1, "max_chars": 1, "section_chars": 0, "parse_chars": 100, "time_budget": 0, "fetch_timeout": 0.1,
    "max_redirects": 0, "nlp_batch_size": 1, "max_request_bytes": 1, "rate_limit": 0, "rate_burst": 1,
    "analysis_queue": 0, "job_queue": 1, "watch_interval": 0, "watch_backoff_max": 0, "watch_item_tries": 1,
}  # fmt: skip


@dataclass(frozen=True)
class Settings:
    max_bytes: int = 20_000_000
    max_chars: int = 1_000_000
    section_chars: int = 100_000
    time_budget: float = 300.0
    parse_chars: int = 10_000
    fetch_timeout: float = 15.0
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "sitrep/0.1 (+https://example.org/sitrep)"
    db: str = "sitrep.db"
    model_en: str = ""
    nlp_batch_size: int = 16
    min_confidence: float = 0.0
    event_coder: str = "learned"
    max_request_bytes: int = 25_000_000
    rate_limit: float = 20.0
    rate_burst: int = 200
    analysis_queue: int = 8
    job_queue: int = 10
    watch_interval: float = 300.0
    watch_backoff_max: float = 3600.0
    watch_item_tries: int = 3


def _coerce(name: str, value: Any, default: Any) -> Any:
    kind = type(default)
    try:
        if kind is bool and isinstance(value, str):
            return value.strip().lower() in {"1", "true", "yes", "on"}
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r} must be {kind.__name__}, got {value!r}") from exc


def load(overrides: dict[str, Any] | None = None, config_file: str | Path | None = None) -> Settings:
    """Settings from defaults < config file < environment < ``overrides`` (None values are ignored)."""
    defaults = {name: default for name, default, _ in TABLE}
    values = dict(defaults)
    path = Path(config_file or os.environ.get("SITREP_CONFIG", "sitrep.toml"))
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc}); fix or remove the file") from exc
        values.update(data.get("sitrep", data))
    for name in defaults:
        env = os.environ.get(f"SITREP_{name.upper()}")
        if env is not None:
            values[name] = env
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = value
    unknown = set(values) - set(defaults)
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}; known: {', '.join(defaults)}")
    settings = Settings(**{name: _coerce(name, values[name], defaults[name]) for name in defaults})
    for name, low in MINIMUM.items():
        if getattr(settings, name) < low:
            raise ConfigError(f"setting {name!r} must be at least {low:g}, got {getattr(settings, name)!r}")
    for name, allowed in CHOICES.items():
        if getattr(settings, name) not in allowed:
            raise ConfigError(f"setting {name!r} must be one of {', '.join(allowed)}, got {getattr(settings, name)!r}")
    return settings
