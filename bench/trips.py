"""The trip a document makes through each stage: which sitrep modules the stage's calls enter, and how often a
call climbs back up from a lower layer to a higher one.

    python bench/trips.py [FILE] [--published 2024-05-15] [--json bench/results/trips.json]

FILE defaults to ``../shared/samples/taliban-iskp-analysis.txt``.  Every Python call made while a stage runs is
seen through :func:`sys.setprofile`; a call counts as *climbing back up* when it goes from a module of a lower
layer (base < knowledge < stage helpers < the stage's own package) to a module of a higher one, as a callback
would (a sort key or a matcher's filter the stage passed down; the pipeline calling the stage is not counted).
The layers are those of ``docs/architecture.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = str(ROOT / "sitrep") + os.sep
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared"))


def _module(filename: str) -> str | None:
    if not filename.startswith(PACKAGE):
        return None
    rel = filename[len(PACKAGE) :].removesuffix(".py").replace(os.sep, ".")
    return "sitrep." + rel.removesuffix(".__init__").removesuffix("__init__").rstrip(".")


def _rank(module: str, stage_package: str) -> int:
    """0 base, 1 knowledge, 2 shared stage helpers, 3 the stage's own package."""
    top = module.split(".")[1] if "." in module else ""
    if module == stage_package or module.startswith(stage_package + "."):
        return 3
    if top == "knowledge":
        return 1
    if top in ("io", "nlp", "extract", "store", "outputs"):
        return 2
    return 0


def trip(stage, doc, package: str) -> tuple:
    entered: Counter[str] = Counter()
    climbs: Counter[str] = Counter()

    def profile(frame, event, arg):
        if event != "call":
            return
        callee = _module(frame.f_code.co_filename)
        caller = _module(frame.f_back.f_code.co_filename) if frame.f_back else None
        if callee is None:
            return
        entered[callee] += 1
        if caller and caller not in (callee, "sitrep.pipeline") and _rank(callee, package) > _rank(caller, package):
            climbs[f"{caller} -> {callee}"] += 1

    sys.setprofile(profile)
    try:
        out = stage(doc)
    finally:
        sys.setprofile(None)
    return out, {"modules": len(entered), "climbs": sum(climbs.values()), "entered": dict(entered.most_common()),
            "climb_paths": dict(climbs.most_common())}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", default=str(SHARED / "samples/taliban-iskp-analysis.txt"))
    ap.add_argument("--published", default="2024-05-15")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args(argv)

    from sitrep.core import default_pipeline
    from sitrep.io.ingest import read_text
    from sitrep.settings import load

    text = Path(args.file).read_text(encoding="utf-8")
    doc = read_text(text, doc_id="trip", published=args.published)
    results = {}
    for st in default_pipeline(load()).stages:
        package = st.func.__module__
        if not package.startswith("sitrep.extract."):
            doc = st(doc)
            continue
        doc, r = trip(st, doc, package)
        results[st.name] = r
        print(f"{st.name:>8}: {r['modules']:2d} modules entered, {r['climbs']:3d} calls climbing back up")
    if args.json:
        Path(args.json).write_text(json.dumps({"file": Path(args.file).name, "stages": results}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
