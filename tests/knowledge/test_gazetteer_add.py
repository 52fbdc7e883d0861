"""Tests for sitrep.knowledge.gazetteer_add (``sitrep gazetteer add``): small GeoNames-format files written here,
read from disk and from a local HTTP server (with ranges, so an interrupted download resumes); damaged, truncated
and malformed files leave the places added before untouched."""

from __future__ import annotations

import io
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from sitrep import cli
from sitrep.errors import FetchError, KnowledgeError
from sitrep.knowledge import gazetteer_add, gazetteer_cache, gazetteer_index

VILLAGE = ["9000001", "Xurbek Kala", "Xurbek Kala", "Khurbek Kala,Хурбек-Кала", "31.60000", "65.40000", "P", "PPL",
           "AF", "", "23", "2306", "", "", "0", "", "1010", "Asia/Kabul", "2024-01-01"]  # fmt: skip
DISTRICT = ["9000002", "Qalat-e Test", "Qalat-e Test", "", "31.70000", "65.50000", "A", "ADM2", "AF", "", "23", "9999",
            "", "", "0", "", "1010", "Asia/Kabul", "2024-01-01"]  # fmt: skip
MOUNTAIN = ["9000003", "Koh-e Test", "Koh-e Test", "", "31.80000", "65.60000", "T", "MT", "AF", "", "23", "", "",
            "", "0", "", "2010", "Asia/Kabul", "2024-01-01"]  # fmt: skip


def tsv(*rows: list[str]) -> bytes:
    return "".join("\t".join(r) + "\n" for r in rows).encode("utf-8")


def zipped(name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("readme.txt", "GeoNames test file\n")
        zf.writestr(name, data)
    return buf.getvalue()


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def added_places() -> dict[str, gazetteer_index.Place]:
    return {p.name: p for p in gazetteer_index._read_rows(gazetteer_index.added_path(), added=True)}


def state(cache: Path) -> dict[str, bytes]:
    folder = cache / gazetteer_index.ADDED
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_add_country_file_keeps_towns_and_districts(cache, tmp_path):
    write(tmp_path, "admin2Codes.txt", tsv(["AF.23.2306", "Zhari", "Zhari", "7053311"]))
    gazetteer_add.add(str(tmp_path / "admin2Codes.txt"))
    got = gazetteer_add.add(str(write(tmp_path, "AF.zip", zipped("AF.txt", tsv(VILLAGE, DISTRICT, MOUNTAIN)))))
    assert (got.rows, got.places) == (3, 2)  # the mountain is read, not kept
    places = added_places()
    village, district = places["Xurbek Kala"], places["Qalat-e Test"]
    assert (village.feature, village.country_code, village.admin2) == ("city", "AF", "Zhari")
    assert village.geonameid == 9000001
    assert village.name_ru == "Хурбек-Кала" and "Khurbek Kala" in village.alt_names
    assert (district.feature, district.admin2) == ("admin2", "Qalat-e Test")
    assert "Koh-e Test" not in places


def test_alternate_names_add_russian_names(cache, tmp_path):
    gazetteer_add.add(str(write(tmp_path, "AF.txt", tsv(DISTRICT))))
    names = tsv(["1", "9000002", "ru", "Калат-Тест", "1", "", "", "", "", ""], ["2", "9000002", "de", "Kalat", "", "",
                                                                             "", "", "", ""])
    gazetteer_add.add(str(write(tmp_path, "alternateNamesV2.zip", zipped("alternateNamesV2.txt", names))))
    district = added_places()["Qalat-e Test"]
    assert district.name_ru == "Калат-Тест" and "Kalat" not in district.alt_names


def test_added_places_join_the_gazetteer_with_their_province(cache, tmp_path):
    key = gazetteer_cache.cache_key()
    gazetteer_add.add(str(write(tmp_path, "AF.txt", tsv(VILLAGE))))
    assert gazetteer_cache.cache_key() != key  # every command builds its index anew, with the added places
    gaz = gazetteer_index.build()
    (village,) = [gaz.places[i] for i in gaz.index["Xurbek Kala"]]
    assert (village.admin1, village.country_code, "added" in village.flags) == ("Kandahar", "AF", True)
    assert [gaz.places[i].name for i in gaz.index["Хурбек-Кала"]] == ["Xurbek Kala"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("AF.zip", zipped("AF.txt", tsv(VILLAGE, DISTRICT) * 50)[:-300], "damaged or incomplete"),
        ("AF.txt", tsv(VILLAGE) + b"9000009\tBroken\n", "line 2: not a GeoNames row"),
        ("AF.txt", tsv(VILLAGE)[:-1], "truncated"),
        ("AF.txt", b"\xff\xfe\x00junk\n", "not UTF-8"),
        ("notes.txt", b"hello\tworld\n", "not a GeoNames file"),
    ],
)
def test_a_bad_file_leaves_the_added_places_as_they_were(cache, tmp_path, name, data, message):
    gazetteer_add.add(str(write(tmp_path, "good.txt", tsv(DISTRICT))))
    before = state(cache)
    with pytest.raises(KnowledgeError, match=message):
        gazetteer_add.add(str(write(tmp_path, name, data)))
    assert state(cache) == before  # no half-written database or places file either


class _Server(BaseHTTPRequestHandler):
    files: ClassVar[dict[str, bytes]] = {}
    cut_first: int | None = None  # send only this many bytes of the first response, then close
    ranges: ClassVar[list[str | None]] = []

    def do_GET(self) -> None:
        data = self.files.get(self.path)
        if data is None:
            self.send_error(404)
            return
        wanted = self.headers.get("Range")
        type(self).ranges.append(wanted)
        start = int(wanted.split("=")[1].rstrip("-")) if wanted else 0
        self.send_response(206 if wanted else 200)
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        body = data[start:]
        if type(self).cut_first is not None:
            body, type(self).cut_first = body[: type(self).cut_first], None
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_a_download_interrupted_resumes_where_it_stopped(cache, server):
    data = zipped("AF.txt", tsv(VILLAGE, DISTRICT) * 200)
    _Server.files, _Server.cut_first, _Server.ranges = {"/AF.zip": data}, len(data) // 2, []
    with pytest.raises(FetchError, match="run the same command again to resume"):
        gazetteer_add.add(f"{server}/AF.zip", timeout=5)
    got = gazetteer_add.add(f"{server}/AF.zip", timeout=5)
    assert _Server.ranges == [None, f"bytes={len(data) // 2}-"] and got.places == 2
    assert not list((cache / gazetteer_index.ADDED / "downloads").iterdir())  # imported: nothing left over


def test_an_unreachable_url_is_a_clear_error(cache, server):
    _Server.files = {}
    with pytest.raises(FetchError, match="HTTP 404"):
        gazetteer_add.add(f"{server}/XX.zip", timeout=5)


def test_cli_gazetteer_add(cache, tmp_path, capsys):
    assert cli.main(["gazetteer", "add", str(write(tmp_path, "AF.txt", tsv(VILLAGE)))]) == 0
    assert "added 1 rows from" in capsys.readouterr().out
    assert cli.main(["gazetteer", "add", str(tmp_path / "missing.zip")]) == 2
    assert capsys.readouterr().err.startswith("sitrep: error: ")
