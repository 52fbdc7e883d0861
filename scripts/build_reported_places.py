"""Build ``sitrep/knowledge/data/reported_places.tsv``: the countries in which human coders placed each town name.

    python scripts/build_reported_places.py [--shared ../shared]

RAND RDWTI ``train`` (1968-2005, less its last 1,500 records, the ``tune`` split of ``bench/events_rand.py``; RAND
``dev`` is never read) codes every incident's city and country. Where the coded city is written in the incident's
description (as a whole word), the name was used for a place in that country: each such (name, country) pair is
counted. The places stage reads the table as evidence from reporting (:mod:`sitrep.knowledge.reported`): it
tips the choice between places of one name towards the country coders put it in ("Iskandariyah": Iraq, not
Alexandria in Egypt) and gives a country to a town the gazetteer does not know ("Jalawla": Iraq).

Output columns: name (as RAND writes it), ISO 3166-1 alpha-2 country, count. RAND: free for research with
attribution (RAND Database of Worldwide Terrorism Incidents).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "sitrep" / "knowledge" / "data" / "reported_places.tsv"
TUNE = 1500  # the last records of train: bench/events_rand.py --split tune
sys.path.insert(0, str(ROOT / "bench"))

# names RAND files as a city that are no town's own name in the text ("Unknown", "Various", "Multiple Cities")
NOT_NAMES = re.compile(r"^(?:unknown|various|multiple|several|none|other|n/?a)\b|\b(?:cities|towns|areas)$", re.I)


def counts(rows: list[dict]) -> dict[str, Counter[str]]:
    from events_rand import country_code

    table: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        city = (row.get("city") or "").strip()
        iso = country_code(row.get("country") or "")
        if not city or not iso or len(city) < 3 or NOT_NAMES.search(city) or not city[:1].isupper():
            continue
        if re.search(rf"(?<![\w-]){re.escape(city)}(?![\w-])", row["description"]):
            table[city][iso] += 1
    return table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    path = args.shared / "data/events/rand-rdwti/train.jsonl"
    if not path.is_file():
        print(f"build_reported_places: no RAND train under {args.shared}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in path.open(encoding="utf-8")][:-TUNE]
    table = counts(rows)
    lines = [f"{name}\t{iso}\t{n}" for name in sorted(table) for iso, n in sorted(table[name].items())]
    header = "# name\tcountry\tcount -- built by scripts/build_reported_places.py from RAND RDWTI train (research use)"
    args.out.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    print(f"{len(table)} names, {len(lines)} rows -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
