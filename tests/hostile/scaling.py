"""Time of one analysis at size n and at 4n, for inputs whose size once made some stage quadratic.

    python tests/hostile/scaling.py [NAME ...]      prints one JSON object: name -> [seconds at n, seconds at 4n]

Run by ``tests/test_hostile.py``, which bounds the ratio (a linear stage takes about 4 times as long on 4 times
the input, a quadratic one 16 times): a hang on large hostile input shows up here, at sizes CI can afford.
The small size takes the best of two runs (noise only ever adds time), after a warm-up, in this one process.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from sitrep.core import analyze_documents
from sitrep.io.ingest import read_text
from sitrep.settings import load

SENTENCE = "Militants attacked a police post in Quetta on Monday, killing three officers, officials said. "
RU_SENTENCE = "Боевики атаковали блокпост в Кветте в понедельник, погибли трое полицейских. "
GROWING: dict[str, tuple[Callable[[int], str], int]] = {
    "same-sentence": (lambda n: SENTENCE * n, 120),
    "one-place": (lambda n: "Quetta " * n, 1500),
    "names-no-parse": (lambda n: "Islamic State, Taliban, al-Qaeda, TTP, ISKP, " * n, 600),
    "short-paragraphs": (lambda n: "Attack.\n\n" * n, 600),
    "glued-symbols": (lambda n: "a<" * n, 600),
    "russian": (lambda n: RU_SENTENCE * n, 30),
    "nested-html": (lambda n: "<html><body>" + "<div>" * n + SENTENCE + "</div>" * n, 5000),
    "markdown-emphasis": (lambda n: "*a " * n, 1200),
}


def seconds(text: str, html: bool = False, runs: int = 1) -> float:
    from sitrep.io.markup import html_to_text

    settings = load()
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        body = html_to_text(text, None, "x")[0] if html else text
        next(analyze_documents([read_text(body, settings=settings)], settings))
        best = min(best, time.perf_counter() - start)
    return best


def main(names: list[str]) -> None:
    seconds(SENTENCE * 3)  # load the models
    out = {}
    for name in names or list(GROWING):
        make, n = GROWING[name]
        html = name == "nested-html"
        out[name] = [round(seconds(make(n), html, runs=2), 3), round(seconds(make(4 * n), html), 3)]
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
