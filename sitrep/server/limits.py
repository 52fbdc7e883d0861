"""How much work the server takes on: request rates per client, and analyses in progress.

* **Rate** (settings ``rate_limit``, ``rate_burst``): a token bucket per client -- per access token when the request
  carries a valid one, otherwise per address (an IPv6 address by its /64, what one host usually holds).  A bucket
  holds ``rate_burst`` requests and refills at ``rate_limit`` a second; a request that finds it empty gets 429 with
  ``Retry-After`` (the seconds until one is there).  Every request counts except ``/api/health`` and the static
  files.  The address is the connection's, or, from a reverse proxy on this machine, the client's it names in
  ``X-Forwarded-For`` (uvicorn trusts the header from 127.0.0.1 and ::1 only; its ``FORWARDED_ALLOW_IPS``
  changes that).  Loopback is *not* exempt: behind a proxy that does not name the client every client comes
  from 127.0.0.1, so the defaults (20 a second, 200 at once) are set far above what a person in the workspace or a
  test makes, and ``rate_limit = 0`` turns the limit off.  At most :data:`KEEP_CLIENTS` buckets are kept (the
  least recently seen go first: a client forgotten starts again with a full bucket).
* **Analyses** (setting ``analysis_queue``): the pipeline's models are shared, so one analysis runs at a time; a
  request that analyses (``/api/analyze``, ``/api/documents``, ``/api/documents/upload``) holds a place from reading
  its input (a URL fetch included) to its result, and at most ``1 + analysis_queue`` places exist.  A request
  that finds none gets 503 with ``Retry-After`` (the mean analysis time of the recent ones times the queue), at
  once, rather than piling up in the server's threads; and the pool of threads the routes run in is sized so that
  the places never hold every thread (``sitrep.server.threads_for``: reads keep 32).  The batch worker waits for
  its turn without a place.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sitrep.errors import BusyError

KEEP_CLIENTS = 10_000
EXEMPT = ("/api/health", "/static/")
MAX_RETRY_AFTER = 120


class Buckets:
    """Token buckets by client key, as the module docstring says."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self.levels: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, when)
        self.lock = threading.Lock()

    def take(self, key: str) -> int:
        """0 when the request may go on (a token taken from its bucket), else whole seconds until one is there."""
        if self.rate <= 0:
            return 0
        now = self.clock()
        with self.lock:
            tokens, when = self.levels.pop(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - when) * self.rate)
            wait = 0 if tokens >= 1 else max(1, math.ceil((1 - tokens) / self.rate))
            self.levels[key] = (tokens - 1 if tokens >= 1 else tokens, now)
            while len(self.levels) > KEEP_CLIENTS:
                self.levels.popitem(last=False)
        return wait


def client_key(address: str | None, token_id: str | None) -> str:
    """The bucket a request draws on: its token's, or its address's (an IPv6 address by its /64)."""
    if token_id:
        return f"token:{token_id}"
    try:
        ip = ipaddress.ip_address((address or "").split("%", 1)[0])
    except ValueError:
        return f"address:{address}"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is None:
        return f"address:{ipaddress.IPv6Network((ip, 64), strict=False)}"
    return f"address:{ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else ip}"


def too_many(wait: int, rate: float) -> str:
    return f"too many requests (setting rate_limit: {rate:g} a second); retry in {wait} s"


class Gate:
    """Places for requests that analyse, and the one analysis at a time (the module docstring)."""

    def __init__(self) -> None:
        self.running = threading.Lock()  # the analysis itself
        self.count = threading.Lock()
        self.inside = 0  # requests holding a place
        self.mean = 1.0  # seconds an analysis took, recent ones weighing most

    @contextmanager
    def place(self, waiting: int | None) -> Iterator[None]:
        """A place for one request, or BusyError when ``1 + waiting`` are taken (None: no limit)."""
        with self.count:
            if waiting is not None and self.inside > waiting:
                retry = min(MAX_RETRY_AFTER, math.ceil(self.mean * self.inside))
                raise BusyError(
                    f"the server is busy: {self.inside} analyses are in progress or waiting (setting "
                    f"analysis_queue: {waiting}); retry in {max(1, retry)} s",
                    retry_after=retry,
                )
            self.inside += 1
        try:
            yield
        finally:
            with self.count:
                self.inside -= 1

    @contextmanager
    def turn(self) -> Iterator[None]:
        """The analysis itself, one at a time."""
        with self.running:
            start = time.monotonic()
            try:
                yield
            finally:
                self.mean = 0.8 * self.mean + 0.2 * (time.monotonic() - start)


GATE = Gate()
