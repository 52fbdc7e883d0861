"""Who may use the server: 127.0.0.1 by default, any other address only with tokens (kept hashed), requests
without a valid token refused, read tokens may not write, Host and Origin checks, the login cookie, and
``sitrep serve`` refusing to start off this machine without tokens."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from sitrep.errors import ConfigError
from sitrep.server.access import check_bind
from sitrep.store import open_store

import liveserver


@pytest.fixture(scope="module")
def tokened(tmp_path_factory) -> Iterator[tuple[str, str, str]]:
    """A server that needs tokens, with a read token and a write token."""
    s = liveserver.seeded(tmp_path_factory.mktemp("access"))
    with open_store(s.db) as store:
        read, _ = store.create_token("reader", "read")
        write, _ = store.create_token("amira", "write")
    with liveserver.running(s, tokens=True) as base:
        yield base, read, write


def client(base: str, token: str | None = None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.Client(base_url=base, headers=headers, timeout=60, trust_env=False, follow_redirects=False)


def test_access_without_a_valid_token_is_refused(tokened):
    base, _, _ = tokened
    with client(base) as c:
        assert c.get("/api/health").status_code == 200  # public: is the server up
        for path in ("/api/documents", "/api/events", "/api/openapi.json"):
            r = c.get(path)
            assert r.status_code == 401 and "token" in r.json()["error"]
        page = c.get("/events")
        assert page.status_code == 303 and page.headers["location"] == "/login"
        assert c.post("/api/analyze", json={"text": "x"}).status_code == 401
    with client(base, "sitrep_not-a-real-token") as c:
        assert c.get("/api/documents").status_code == 401


def test_access_read_token_reads_write_token_writes(tokened):
    base, read, write = tokened
    body = {"text": "Police arrested two men in Quetta on Monday.", "id": "quetta-arrest"}
    with client(base, read) as c:
        assert c.get("/api/documents").json()["total"] == 3
        r = c.post("/api/documents", json=body)
        assert r.status_code == 403 and "reader" in r.json()["error"]
    with client(base, write) as c:
        assert c.post("/api/documents", json=body).status_code == 201
        job = c.post("/api/jobs", json={"documents": [{"text": "Protesters rallied in Quetta."}]}).json()
        assert job["user"] == "amira"


def test_access_login_sets_a_cookie_that_opens_the_workspace(tokened):
    base, read, _ = tokened
    with client(base) as c:
        assert c.get("/login").status_code == 200
        bad = c.post("/login", data={"token": "wrong"})
        assert bad.status_code == 303 and "error" in bad.headers["location"]
        good = c.post("/login", data={"token": read})
        assert good.status_code == 303 and good.headers["location"] == "/"
        cookie = good.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        assert c.get("/api/events").status_code == 200  # the cookie rides along


def test_access_tokens_are_stored_hashed_and_can_be_revoked(tmp_path):
    s = liveserver.settings(tmp_path)
    with open_store(s.db) as store:
        secret, info = store.create_token("amira", "write")
        assert store.check_token(secret) == info
        assert store.check_token(secret + "x") is None
    data = (tmp_path / "sitrep.db").read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("sitrep.db-*"))
    assert secret.encode() not in data
    with open_store(s.db) as store:
        assert store.revoke_token(info.id) and store.check_token(secret) is None
        assert [t.revoked_at is not None for t in store.tokens()] == [True]
        with pytest.raises(ConfigError):
            store.create_token("amira", "admin")


def test_access_off_this_machine_needs_tokens(tmp_path):
    s = liveserver.settings(tmp_path)
    assert check_bind("127.0.0.1", s.db, require_tokens=False) is False
    with pytest.raises(ConfigError, match=r"refusing to listen on 0\.0\.0\.0 without access tokens"):
        check_bind("0.0.0.0", s.db, require_tokens=False)
    with pytest.raises(ConfigError):
        check_bind("127.0.0.1", s.db, require_tokens=True)
    with open_store(s.db) as store:
        store.create_token("amira", "read")
    assert check_bind("0.0.0.0", s.db, require_tokens=False) is True


def test_serve_refuses_to_start_on_another_address_without_tokens(tmp_path):
    db = str(tmp_path / "sitrep.db")
    r = subprocess.run([sys.executable, "-m", "sitrep.cli", "serve", "--host", "0.0.0.0", "--port", "1", "--db", db],
                       capture_output=True, text=True, timeout=120)  # fmt: skip
    assert r.returncode == 2
    assert r.stderr.startswith("sitrep: error: refusing to listen on 0.0.0.0") and "Traceback" not in r.stderr


def test_token_command_creates_lists_and_revokes(tmp_path, capsys):
    from sitrep.cli import main

    db = str(tmp_path / "sitrep.db")
    assert main(["token", "create", "--scope", "write", "--user", "amira", "--db", db]) == 0
    secret = capsys.readouterr().out.strip()
    assert secret.startswith("sitrep_")
    assert main(["token", "list", "--db", db]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    token_id, user, scope, _, state = line.split("\t")
    assert (user, scope, state) == ("amira", "write", "active") and secret not in line
    assert main(["token", "revoke", token_id, "--db", db]) == 0
    assert main(["token", "revoke", token_id, "--db", db]) == 2


def test_access_local_server_checks_host_and_origin(tmp_path):
    s = liveserver.seeded(tmp_path)
    with liveserver.running(s, hosts=frozenset({"127.0.0.1", "localhost", "::1"})) as base, client(base) as c:
        assert c.get("/api/health").status_code == 200
        assert c.get("/api/health", headers={"Host": "attacker.example"}).status_code == 400
        body = {"text": "Police arrested two men in Quetta on Monday."}
        r = c.post("/api/analyze", json=body, headers={"Origin": "http://attacker.example"})
        assert r.status_code == 403 and "another site" in r.json()["error"]
        assert c.post("/api/analyze", json=body, headers={"Origin": base}).status_code == 200
