"""sitrep's Russian event sets (data/ru-events): gold fields that the bench script reads, valid labels, test and dev
kept apart, enough cases (issue 8: at least 15 articles and 80 date and number cases)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sitrep.knowledge.ontology import ontology

DATA = Path(__file__).resolve().parents[1] / "data" / "ru-events"
EVENT_KEYS = {"type", "mode", "acled", "location", "date", "fatalities", "injuries", "arrested", "modality",
              "attributed_to", "actors", "targets", "claimed_by", "optional"}  # fmt: skip
MODALITIES = {"asserted", "reported", "claimed", "hedged", "hypothetical", "negated", "future"}


def articles(split: str) -> list[dict]:
    return yaml.safe_load((DATA / f"{split}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("split", ["test", "dev"])
def test_gold_events_use_known_fields_and_labels(split: str) -> None:
    acled = ontology()["acled"]
    for art in articles(split):
        assert set(art) <= {"id", "published", "text", "events", "facts", "entities", "not_entities"}, art["id"]
        for ev in art.get("events", []):
            assert set(ev) <= EVENT_KEYS, (art["id"], ev)
            assert ev["type"].isupper() and ev.get("modality", "asserted") in MODALITIES
            if "acled" in ev:
                assert ev["acled"][1] in acled[ev["acled"][0]], (art["id"], ev["acled"])
        for fact in art.get("facts", []):
            assert {"predicate", "subject"} <= set(fact)
        for ent in art.get("entities", []):
            assert set(ent) <= {"name", "type", "latin"} and ent["name"].strip() == ent["name"]


def test_enough_test_articles_and_cases_and_no_text_shared_with_dev() -> None:
    test, dev = articles("test"), articles("dev")
    assert len(test) >= 15 and sum(len(a.get("events", [])) for a in test) >= 20
    assert len({a["id"] for a in test + dev}) == len(test + dev)
    sentences = {s.strip() for a in dev for s in a["text"].split(".") if len(s.strip()) > 20}
    assert not [s for a in test for s in a["text"].split(".") if s.strip() in sentences]
    cases = yaml.safe_load((DATA / "dates_numbers.yaml").read_text(encoding="utf-8"))
    assert len(cases["dates"]) + len(cases["numbers"]) >= 80
    for text, mention, *_ in cases["dates"] + cases["numbers"]:
        assert mention in text, mention
