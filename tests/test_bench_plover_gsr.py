"""bench/plover_gsr.py's scoring: a gold actor's text is matched with its stray spaces and its "..." parts."""

from __future__ import annotations

import sitrep

from paths import bench


def test_plover_gsr_source_matches_gold_text_with_stray_spaces_and_parts() -> None:
    b = bench("plover_gsr")
    doc = sitrep.analyze("The Homeland Union (Conservatives) demanded early elections in Lithuania.")
    ev = next(ev for ev in doc.events if ev.type == "REQUEST")
    assert b._overlaps(doc, ev.actors, [{"actorText": "Homeland Union  (Conservatives)"}])
    assert b._overlaps(doc, ev.actors, [{"actorText": " The Homeland Union"}])
    assert b._overlaps(doc, ev.actors, [{"actorText": "Homeland Union ... Conservatives"}])
    assert not b._overlaps(doc, ev.actors, [{"actorText": "Lithuania"}])
