"""Fingerprints of sitrep's outputs on a fixed set of inputs, to prove a change left them byte-identical.

    python scripts/snapshot.py write before.json [--set full]     run, write one sha256 per output
    python scripts/snapshot.py check before.json [--set full]     run again, list what differs (exit 1 if any)

Outputs fingerprinted: each document's JSON (``to_json``, sorted keys), its Markdown report, and for the whole
set the report, the ``jsonl``/``csv``/``geojson`` exports, and the same report and exports read back from a
SQLite store (so the store's round trip is covered too).

Sets.  ``small`` is the bundled examples, ``tests/data`` texts and the shared sample: what
``tests/test_snapshot.py`` checks against the committed ``tests/data/snapshot.json``.  ``full`` adds documents
from every corpus in ``../shared/data`` (RAND dev, PLOVER GSR, NEREL, factRuEval, re3d, LGL, TR-News,
GeoVirus) and two long documents made by joining RAND descriptions (5,000 and 20,000 words): about 1,900
outputs, a few minutes on two cores.  Refactors are checked with ``--set full``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared"))
PUBLISHED = "2024-05-15"

Input = tuple[str, str, str | None]  # (name, text, published)


def small_inputs() -> Iterator[Input]:
    for path in sorted((ROOT / "examples").glob("*.txt")):
        yield f"examples/{path.name}", path.read_text(encoding="utf-8"), PUBLISHED
    for path in sorted((ROOT / "tests/data").glob("*.txt")):
        if not path.name.endswith(".expected.txt"):
            text = path.read_bytes().decode("utf-8", errors="replace")
            yield f"tests/data/{path.name}", text, PUBLISHED
    sample = SHARED / "samples/taliban-iskp-analysis.txt"
    if sample.is_file():
        yield "shared/sample", sample.read_text(encoding="utf-8"), PUBLISHED


def _jsonl(path: Path, n: int) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) >= n:
                break
    return rows


def corpus_inputs() -> Iterator[Input]:
    data = SHARED / "data"
    rand = _jsonl(data / "events/rand-rdwti/dev.jsonl", 3000)
    for row in rand[:400]:
        yield f"rand/{row['id']}", row["description"], row.get("date")
    plover = json.loads((data / "events/plover-gsr/PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    for i, rec in enumerate(plover[:200]):
        text = rec.get("eventText") or ""
        if text:
            yield f"plover/{i}", text, PUBLISHED
    for folder, n in (("ner/nerel", 150), ("ner/factrueval-2016/devset", 80), ("ner/re3d", 200)):
        for path in sorted((data / folder).rglob("*.txt"))[:n]:
            text = path.read_text(encoding="utf-8", errors="replace")
            yield f"{folder}/{path.relative_to(data / folder)}", text, None
    for corpus in ("lgl", "tr-news", "geovirus"):
        root = ET.parse(data / f"geo/{corpus}.xml").getroot()
        for i, article in enumerate(root.iter("article")):
            if i >= 80:
                break
            text = article.findtext("text") or ""
            if text.strip():
                yield f"geo/{corpus}/{i}", text, None
    for words in (5000, 20000):
        parts, count = [], 0
        for row in rand:
            parts.append(row["description"])
            count += len(row["description"].split())
            if count >= words:
                break
        yield f"rand-joined/{words}", "\n\n".join(parts), PUBLISHED


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprints(which: str) -> dict[str, str]:
    from sitrep.core import analyze_documents
    from sitrep.io.ingest import read_text
    from sitrep.outputs import FORMATS, export
    from sitrep.outputs.report import report
    from sitrep.store import Store

    inputs = list(small_inputs())
    if which == "full":
        inputs += list(corpus_inputs())
    docs = [read_text(text, doc_id=name, published=published) for name, text, published in inputs]
    docs = list(analyze_documents(docs))
    out: dict[str, str] = {}
    for doc in docs:
        out[f"{doc.id} json"] = _sha(json.dumps(doc.to_json(), ensure_ascii=False, sort_keys=True))
        out[f"{doc.id} md"] = _sha(report([doc]))

    def whole(prefix: str, documents: list) -> None:
        out[f"{prefix} md"] = _sha(report(documents))
        for fmt in FORMATS:
            buf = io.StringIO()
            export(documents, fmt, buf, places=True)
            out[f"{prefix} {fmt}"] = _sha(buf.getvalue())

    whole("all", docs)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "snapshot.db") as store:
        store.add_many(docs)
        whole("stored", list(store.documents()))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=("write", "check"))
    ap.add_argument("path", type=Path)
    ap.add_argument("--set", dest="which", choices=("small", "full"), default="small")
    args = ap.parse_args(argv)
    now = fingerprints(args.which)
    if args.action == "write":
        args.path.write_text(json.dumps(now, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"snapshot: {len(now)} outputs written to {args.path}")
        return 0
    before = json.loads(args.path.read_text(encoding="utf-8"))
    differ = sorted(k for k in before.keys() & now.keys() if before[k] != now[k])
    missing, new = sorted(before.keys() - now.keys()), sorted(now.keys() - before.keys())
    same = len(before.keys() & now.keys()) - len(differ)
    print(f"snapshot: {same}/{len(before)} identical")
    for label, keys in (("differs", differ), ("missing", missing), ("new", new)):
        for key in keys:
            print(f"  {label}: {key}")
    return 1 if differ or missing or new else 0


if __name__ == "__main__":
    sys.exit(main())
