"""Where reporting placed a town's name (knowledge/reported.py, reported_places.tsv)."""

from __future__ import annotations

from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge import reported
from sitrep.knowledge.files import data_path


def test_reported_shares_of_one_name_add_up_and_name_countries_the_gazetteer_knows() -> None:
    for name in ("Iskandariyah", "Kirkuk", "Srinagar", "Gaza"):
        shares = reported.countries(name)
        assert shares and abs(sum(shares.values()) - 1) < 1e-9
        assert all(gz.country(cc) is not None for cc in shares)


def test_reported_names_are_read_in_any_case_and_spelling_of_diacritics() -> None:
    assert reported.countries("iskandariyah") == reported.countries("Iskandariyah") == {"IQ": 1.0}
    assert reported.reports("Kirkuk") >= 2
    assert reported.countries("Nowhereville") == {} and reported.reports("Nowhereville") == 0


def test_reported_table_rows_are_whole() -> None:
    rows = [line.split("\t") for line in data_path("reported_places.tsv").read_text(encoding="utf-8").splitlines()]
    body = [r for r in rows if r and not r[0].startswith("#")]
    assert len(body) > 1000
    assert all(len(r) == 3 and len(r[1]) == 2 and r[1].isupper() and int(r[2]) > 0 for r in body)
