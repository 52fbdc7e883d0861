"""sitrep's own labelled ACLED descriptions (data/acled-subevents): valid labels, enough of each, a clean split."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from sitrep.knowledge.ontology import ontology

DATA = Path(__file__).resolve().parents[1] / "data" / "acled-subevents"


def rows() -> list[dict]:
    return [
        json.loads(line) for f in sorted(DATA.glob("*.jsonl")) for line in f.read_text(encoding="utf-8").splitlines()
    ]


def test_every_label_is_an_acled_sub_event_type_of_its_event_type() -> None:
    acled = ontology()["acled"]
    for r in rows():
        assert r["sub_event_type"] in acled[r["event_type"]], r["id"]
        assert r["lang"] in ("en", "ru") and r["split"] in ("train", "dev") and len(r["country"]) == 2, r["id"]


def test_at_least_forty_varied_records_per_sub_event_type_in_both_languages() -> None:
    data = rows()
    per_type = Counter(r["sub_event_type"] for r in data)
    assert set(per_type) == {s for subs in ontology()["acled"].values() for s in subs}
    assert min(per_type.values()) >= 40
    per_lang = Counter((r["sub_event_type"], r["lang"]) for r in data)
    assert min(per_lang.values()) >= 10
    for sub in per_type:  # many countries per type, not one setting reworded
        assert len({r["country"] for r in data if r["sub_event_type"] == sub}) >= 8, sub


def test_ids_and_texts_are_unique() -> None:
    data = rows()
    assert len({r["id"] for r in data}) == len(data)
    assert len({" ".join(r["text"].lower().split()) for r in data}) == len(data)


def test_the_split_is_stratified_and_follows_the_hash_rule() -> None:
    import sys

    sys.path.insert(0, str(DATA.parents[1] / "scripts"))
    from split_labelled import assign

    data = rows()
    again = [dict(r) for r in data]
    assign(again)
    assert [r["split"] for r in again] == [r["split"] for r in data]  # a record never moves
    fresh = [{k: v for k, v in r.items() if k != "split"} for r in data if r["sub_event_type"] == "Grenade"]
    assign(fresh)
    per_lang = Counter(r["lang"] for r in fresh)
    assert sum(r["split"] == "dev" for r in fresh) == sum(-(-n // 5) for n in per_lang.values())  # a fifth of each
    for sub in {r["sub_event_type"] for r in data}:
        group = [r for r in data if r["sub_event_type"] == sub]
        dev = sum(r["split"] == "dev" for r in group)
        assert 0.18 <= dev / len(group) <= 0.3, sub
