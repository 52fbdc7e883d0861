"""schemathesis against the server's OpenAPI description, over real HTTP on 127.0.0.1: every operation, with
generated valid and invalid inputs (a bounded number each), must answer as its description says -- no server
error, documented status codes and content types, responses matching their schemas, invalid input refused."""

from __future__ import annotations

import http.server
import itertools
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import liveserver

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402  (after the skip: schemathesis brings it)
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis.checks import negative_data_rejection, positive_data_acceptance  # noqa: E402

EXAMPLES = 8  # per operation, of valid and of invalid requests: about 20 operations, under a minute in all
PAGE_URL = ""
PAGE = b"<html><body><p>Police arrested two men in Quetta on Monday.</p></body></html>"


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory) -> Iterator[Any]:
    global PAGE_URL
    s = liveserver.seeded(tmp_path_factory.mktemp("openapi"), max_request_bytes=100_000)
    pages = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=pages.serve_forever, daemon=True).start()
    PAGE_URL = f"http://127.0.0.1:{pages.server_address[1]}/page"  # generated URLs are fetched from here only
    with liveserver.running(s) as base:
        warm = httpx.post(f"{base}/api/analyze", json={"text": "Police arrested two men in Quetta."}, timeout=300)
        assert warm.status_code == 200  # the pipeline is loaded before the timed requests
        yield schemathesis.openapi.from_url(f"{base}/api/openapi.json")
    pages.shutdown()
    pages.server_close()


def _local_urls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: (PAGE_URL if k == "url" and isinstance(v, str) else _local_urls(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_local_urls(v) for v in value]
    return value


def test_openapi_every_operation_answers_as_described(api_schema):
    """Each operation with its own bounded Hypothesis run of valid and of invalid requests (schemathesis' Python
    API: its pytest plugin does not run under pytest 9); a failure names the request that failed."""
    operations = [op.ok() for op in api_schema.get_all_operations()]
    assert len(operations) >= 15
    for operation, mode in itertools.product(operations, schemathesis.GenerationMode):
        try:
            _checker(operation, mode)()
        except Unsatisfiable:  # nothing to make invalid (an operation without parameters or body)
            assert mode is schemathesis.GenerationMode.NEGATIVE, operation.label


def _checker(operation: Any, mode: Any) -> Any:
    # an upload is bytes: "valid" bytes may be no text (empty, binary: refused with 422), and "invalid" ones (a
    # number where the schema says binary) are bytes all the same
    upload = operation.path == "/api/documents/upload"
    skip = [positive_data_acceptance, negative_data_rejection] if upload else []

    @given(operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    def check(case: Any) -> None:
        case.body = _local_urls(case.body)
        case.call_and_validate(timeout=60, excluded_checks=skip)

    return check
