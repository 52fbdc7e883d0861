"""Build the country outlines the workspace's map draws: ``sitrep/server/static/world.json``.

    python scripts/build_world.py                      # npm pack world-atlas@2.0.2 into a temporary folder
    python scripts/build_world.py --topojson FILE      # or read countries-50m.json from a copy you have

Source: the npm package ``world-atlas`` 2.0.2 (ISC licence, Mike Bostock), TopoJSON of Natural Earth's 1:50m
Admin 0 countries (public domain).  The TopoJSON arcs are decoded and each country's rings turned into one SVG
path in tenths of a degree (x = 10 x longitude, y = -10 x latitude, whole numbers, relative moves after the first,
repeated points dropped, a ring cut where it crosses the antimeridian), written with the source and licence.
Run at build time only: sitrep reads the file from the package and fetches nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "sitrep" / "server" / "static" / "world.json"
PACKAGE = "world-atlas@2.0.2"
SCALE = 10  # path units per degree: coordinates in tenths of a degree


def topojson_from_npm() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, capture_output=True)
        (tgz,) = Path(tmp).glob("world-atlas-*.tgz")
        with tarfile.open(tgz) as tar:
            member = tar.extractfile("package/countries-50m.json")
            assert member is not None
            return json.load(member)


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in rings:
        cmds, last = [], None
        for lon, lat in ring:
            p = (round(lon * SCALE), round(-lat * SCALE))
            if p == last:
                continue
            if last is None or abs(p[0] - last[0]) > 180 * SCALE:
                cmds.append(f"M{p[0]},{p[1]}")
            else:
                dx, dy = p[0] - last[0], p[1] - last[1]
                cmds.append(f"l{dx}{dy:+d}".replace("+", ",") if dy >= 0 else f"l{dx}{dy}")
            last = p
        if len(cmds) > 2:
            parts.append("".join(cmds) + "z")
    return "".join(parts)


def build(topo: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topo)
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geom.get("arcs", [])], "MultiPolygon": geom.get("arcs", [])}.get(geom["type"], [])
        rings = [ring_points(ring, arcs) for polygon in polygons for ring in polygon]
        d = path(rings)
        if d:
            countries.append({"id": geom.get("id"), "name": geom.get("properties", {}).get("name"), "d": d})
    return {
        "source": "world-atlas 2.0.2 (npm), countries-50m: Natural Earth 1:50m Admin 0 countries",
        "licence": "Natural Earth data: public domain; world-atlas: ISC licence, Copyright 2013-2019 Michael Bostock",
        "projection": f"x = {SCALE} x longitude, y = -{SCALE} x latitude",
        "scale": SCALE,
        "countries": countries,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--topojson", type=Path, help="countries-50m.json of world-atlas (default: npm pack it)")
    args = ap.parse_args(argv)
    topo = json.loads(args.topojson.read_text(encoding="utf-8")) if args.topojson else topojson_from_npm()
    data = build(topo)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"world: {len(data['countries'])} countries, {OUT.stat().st_size:,} bytes -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
