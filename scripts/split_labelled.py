"""Assign the train/dev split of sitrep's own labelled event descriptions, reproducibly.

    python scripts/split_labelled.py [data/acled-subevents]

Within each (sub-event type, language) group a record keeps the split it has; records without one are taken in
the order of the SHA-1 of their id and go to ``dev`` while the group's dev share is under a fifth, else to
``train``. So the split is stratified, the same on every machine, and stable when records are added: a record
never moves between train and dev. The ``split`` field is written back into each file, one JSON object per line,
in the original order.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_SHARE = 0.2


def assign(rows: list[dict]) -> None:
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        groups[(row["sub_event_type"], row["lang"])].append(row)
    for group in groups.values():
        new = sorted((r for r in group if "split" not in r), key=lambda r: hashlib.sha1(r["id"].encode()).hexdigest())
        n_dev = sum(r.get("split") == "dev" for r in group)
        for row in new:
            row["split"] = "dev" if n_dev < math.ceil(len(group) * DEV_SHARE) else "train"
            n_dev += row["split"] == "dev"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ROOT / "data" / "acled-subevents"
    files = sorted(folder.glob("*.jsonl"))
    per_file = {
        f: [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()] for f in files
    }
    assign([row for rows in per_file.values() for row in rows])
    for f, rows in per_file.items():
        f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{f}: {sum(r['split'] == 'dev' for r in rows)} dev, {sum(r['split'] == 'train' for r in rows)} train")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
