"""scripts/train_events.py: what the learned ACLED coder is trained on."""

from __future__ import annotations

from paths import script


def test_a_record_whose_events_the_rules_left_uncoded_trains_the_recoder_on_the_event() -> None:
    """The coder reads an uncoded event (a threat) with the rules' reading of it at run time: the recoder learns from
    the same view, not from the bare text; a text with no event at all stays bare (the detector's part)."""
    train = script("train_events")
    texts = [
        ("Al-Shabaab threatened to kill residents of Bardheere who cooperate with the regional administration.", "en"),
        ("Gunmen shot dead 4 shopkeepers in Kandahar on Monday.", "en"),
        ("The weather in the capital was mild for the season.", "en"),
    ]
    events, bare = train.inputs(texts)
    assert (events[0].rule["type"], events[0].rule["acled"]) == ("THREATEN", None)
    assert (events[1].rule["type"], events[1].rule["acled"]) == ("ASSAULT", "Attack")
    assert events[2].rule == {} and events[2] is bare[2]
