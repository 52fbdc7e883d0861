"""Tests for sitrep.store.review: anchors that survive re-analysis, values checked, edits applied to a document."""

from __future__ import annotations

import pytest

from sitrep.errors import ConfigError
from sitrep.store.review import Edit, anchor_of, apply, check, find

import docfactory as fx


def test_review_anchors_are_text_offsets_not_ids():
    doc = fx.wire()
    assert anchor_of(doc, "event", "ev1") == "t109:120"  # its first trigger, "opened fire"
    assert anchor_of(doc, "mention", "0:6") == "0:6" and anchor_of(doc, "mention", "1:6") is None
    analysis = fx.analysis()
    assert anchor_of(analysis, "fact", "f6").endswith(":travelled_via:2")  # second fact of that sentence
    renumbered = fx.wire()
    renumbered.events.reverse()
    for i, ev in enumerate(renumbered.events, 1):
        ev.id = f"x{i}"  # a new analysis may number its events otherwise: the anchor still finds the event
    assert find(renumbered, "event", "t109:120").id == "x2"
    assert anchor_of(doc, "event", "ev9") is None


def test_review_apply_in_order_and_skip_what_is_undone_or_elsewhere():
    doc = fx.wire()
    edits = [
        Edit(1, "correct", "event", "t109:120", "wire-crocus", "fatalities", {"low": 5, "best": 5, "high": 5,
                                                                              "text": None}),
        Edit(2, "correct", "event", "t109:120", "wire-crocus", "fatalities", {"low": 7, "best": 7, "high": 7,
                                                                              "text": None}),
        Edit(3, "reject", "event", "t109:120", "other-doc"),
        Edit(4, "rename", "entity", "kb:fsb", value={"name": "FSB of Russia"}, undone_at="2026-01-01"),
        Edit(5, "retype", "entity", "kb:telegram", value={"type": "media"}),
    ]  # fmt: skip
    out = apply(doc, edits)
    assert out.events[0].fatalities.best == 7 and len(out.events) == 2
    assert out.entity("e9").name == "Federal Security Service" and out.entity("e10").type == "media"


def test_review_check_names_what_is_wrong():
    doc = fx.wire()
    assert check(doc, "event", "correct", "targets", "concert-goers") == ["e2"]
    assert check(doc, "event", "correct", "location", "Bryansk region") == "e11"
    assert check(doc, "event", "correct", "date", "2024-03") == {"start": "2024-03", "end": "2024-03",
                                                                  "precision": "month", "text": None}  # fmt: skip
    assert check(doc, "event", "correct", "injuries", None) is None
    for args, message in [(("event", "correct", "modality", "rumoured"), "modality"),
                          (("entity", "rename", None, {"name": "  "}), "name of 1 to 300"),
                          (("entity", "merge", None, {}), "into"),
                          (("fact", "split", None, None), "cannot split a fact"),
                          (("entity", "rename", None, "just a string"), "is an object")]:  # fmt: skip
        with pytest.raises(ConfigError, match=message):
            check(doc, *args)
