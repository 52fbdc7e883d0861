"""Time and peak memory of one analysis on pathological inputs (issue 11), each in a fresh process.

    python bench/limits.py [--case repeated-900k ...] [--limit-mb 4096]

Cases: ``repeated-900k`` (one short sentence repeated to 902,000 characters, one paragraph), ``parens-50k``,
``lt-50k``, ``stars-50k``, ``brackets-50k`` (50,000 of one symbol), ``letters-50k``, ``cyrillic-50k`` (one word of
50,000 letters), ``words-1m`` (1,000,000 characters of news
sentences in paragraphs).  Each line prints the wall time, the peak resident memory of the process (``ru_maxrss``,
model loading included), the number of events and the warnings about limits.  The process runs under an address
space limit of ``--limit-mb`` so a blow-up ends as a failure rather than swapping.  No figure is asserted here:
``tests/test_hostile.py`` bounds the same classes of input, smaller, in CI.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

SENTENCE = "Militants attacked a police post in Quetta. "
NEWS = (
    "The army said three soldiers were killed in Kandahar on Monday. Taliban fighters stormed a checkpoint near "
    "the border, officials said. "
)
CASES = {
    "repeated-900k": f"{SENTENCE!r} * 20500",
    "parens-50k": "'(' * 50000",
    "lt-50k": "'<' * 50000",
    "stars-50k": "'*' * 50000",
    "letters-50k": "'x' * 50000",
    "cyrillic-50k": "'ж' * 50000",
    "brackets-50k": "'[' * 50000",
    "words-1m": f"({NEWS * 4!r} + '\\n\\n') * 2100",
}
CHILD = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from sitrep.core import analyze_documents
from sitrep.io.ingest import read_text
from sitrep.settings import load
text = {expr}
settings = load()
start = time.monotonic()
doc = next(analyze_documents([read_text(text, settings=settings)], settings))
print(json.dumps({{"chars": len(text), "seconds": round(time.monotonic() - start, 1),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, "events": len(doc.events),
    "warnings": [w[:100] for w in doc.warnings if "setting" in w]}}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", action="append", choices=list(CASES), help="run only these (default: all)")
    parser.add_argument("--limit-mb", type=int, default=4096)
    args = parser.parse_args()
    for name in args.case or list(CASES):
        script = CHILD.format(limit=args.limit_mb * 2**20, expr=CASES[name])
        started = time.monotonic()
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
        if run.returncode != 0:
            tail = (run.stderr.strip().splitlines() or ["?"])[-1]
            print(f"{name:15} FAILED after {time.monotonic() - started:.0f} s: {tail}")
            continue
        r = json.loads(run.stdout.strip().splitlines()[-1])
        print(f"{name:15} {r['chars']:>9,} chars {r['seconds']:7.1f} s {r['peak_mb']:6,} MB peak "
              f"{r['events']:5} events  {'; '.join(r['warnings'])}")  # fmt: skip


if __name__ == "__main__":
    main()
