"""The files the workspace serves from the package: the country outlines (built by scripts/build_world.py from
Natural Earth via world-atlas, licence stated) and no script or style from anywhere else."""

from __future__ import annotations

import json
import re

from paths import ROOT, script

STATIC = ROOT / "sitrep" / "server" / "static"
TEMPLATES = ROOT / "sitrep" / "server" / "templates"


def test_world_outlines_are_shipped_with_their_source_and_licence():
    world = json.loads((STATIC / "world.json").read_text(encoding="utf-8"))
    assert "Natural Earth" in world["source"] and "public domain" in world["licence"] and "ISC" in world["licence"]
    names = {c["name"] for c in world["countries"]}
    assert len(names) > 200 and {"Pakistan", "Afghanistan", "Russia"} <= names
    for c in world["countries"]:
        assert c["d"].startswith("M") and c["d"].endswith("z") and re.fullmatch(r"[Mlz0-9,-]+", c["d"]), c["name"]


def test_build_world_decodes_topojson_arcs_into_paths():
    topo = {  # one square country, quantised with scale 0.1 degree, its ring given as two arcs (one reversed)
        "type": "Topology", "transform": {"scale": [0.1, 0.1], "translate": [60, 30]},
        "arcs": [[[0, 0], [10, 0], [0, 10]], [[0, 0], [0, 10], [10, 0]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, ~1]], "id": "586", "properties": {"name": "Squareland"}}]}},
    }  # fmt: skip
    (country,) = script("build_world").build(topo)["countries"]
    assert country["name"] == "Squareland"
    assert country["d"] == "M600,-300l10,0l0-10l-10,0l0,10z"  # (60,30) (61,30) (61,31) (60,31): y is -latitude


def test_pages_load_nothing_from_another_site():
    for path in [*TEMPLATES.glob("*.html"), *STATIC.glob("*.js"), *STATIC.glob("*.css")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text), path.name
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text and "eval(" not in text, path.name
