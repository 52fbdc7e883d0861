"""Sentences that tell no event ACLED would code: the detector's ``none`` examples (scripts/train_events.py) and
the held-out measure of false events (bench/acled_subevents.py).

    python bench/nonevents.py            # how many sentences each source gives, per part, and the screen's recall

Sources, read from ``$SITREP_SHARED`` (default ``../shared``) at run time:

* ``conll``: CoNLL-2003 English train (Reuters news, 1996), sentences rebuilt from the tokens;
* ``ewt``: UD English EWT train (web text, reviews, email, news);
* ``re3d``: Dstl re3d documents (defence and security reporting), all sources but BBC Online (non-commercial);
* ``nerel``: NEREL v1.1 train (Russian Wikinews); ``factru``: factRuEval-2016 devset (Russian news);
* ``plover``: PLOVER gold-standard records of types ACLED does not code (odd ids only: even ids are its test half).

A sentence of the first five is a candidate when none of its words begins with a stem of
``data/acled-subevents/nonevent_screen.yaml`` (written from ACLED's codebook, independent of sitrep's rules and
model: see that file). PLOVER records are taken by their gold type and screened too (a record coded for one act
may tell another, an arrest beside a demand): the political acts ACLED does not code that pass are the hard
negatives. Every source is split by a hash of the sentence: one in five sentences is ``heldout`` (never trained
on; the false-event measure), the rest ``train``; each part is then sampled with a fixed seed, at most ``CAPS``
sentences a source in ``train`` and a quarter of that in ``heldout``, and as many as ``HARD`` more (a quarter
held out) of those that name an actor events are told of (``hard`` in the screen's file: the police, a ministry,
a court), the hard negatives: "the police created a database of suspects" tells no event.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
import zlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared"))
SCREEN = ROOT / "data" / "acled-subevents" / "nonevent_screen.yaml"
CAPS = {"conll": 700, "ewt": 500, "re3d": 200, "nerel": 500, "factru": 300, "plover": 1000}
HARD = 150  # more sentences a source that name an actor (the police, a court) and tell no event: hard negatives
LANG = {"nerel": "ru", "factru": "ru"}
MIN_WORDS, MAX_WORDS = 6, 60
PLOVER_NONE = {
    "DEMAND",
    "REJECT",
    "THREATEN",
    "DISAPPROVE",
    "SANCTION",
    "CONSULT",
    "SUPPORT",
    "AID",
    "INVESTIGATE",
    "COOPERATE",
    "CONCEDE",
}  # PLOVER types ACLED does not code as events
WORDS = re.compile(r"[\w-]+", re.UNICODE)
SENTENCE_END = re.compile(r"(?<=[.!?»\"])\s+(?=[\"«A-ZА-ЯЁ])")


@cache
def screen(lang: str, key: str = "") -> re.Pattern:
    """The screen of ``lang`` (or with ``key="hard"`` its actor words) as one pattern over a lower-cased word."""
    data = yaml.safe_load(SCREEN.read_text(encoding="utf-8"))
    stems = data[key][lang] if key else data[lang]
    parts = [re.escape(s[:-1]) + "$" if s.endswith("$") else re.escape(s) for s in stems]
    return re.compile("^(?:" + "|".join(parts) + ")")


def names_an_actor(text: str, lang: str) -> bool:
    """True when a word of ``text`` names an actor events are told of (the police, a ministry, a court)."""
    pattern = screen(lang, "hard")
    return any(pattern.match(w.lower()) for w in WORDS.findall(text))


def screened(text: str, lang: str) -> bool:
    """True when a word of ``text`` begins with a stem of the screen: the sentence may tell an event."""
    pattern = screen(lang)
    return any(pattern.match(w.lower()) for w in WORDS.findall(text))


def part_of(text: str) -> str:
    """``heldout`` for one sentence in five (by a hash of its text, stable across runs), else ``train``."""
    return "heldout" if zlib.crc32(text.encode("utf-8")) % 5 == 0 else "train"


def _plain(text: str) -> bool:
    """A sentence of running prose: its length in words within bounds, mostly lower case, ends as a sentence."""
    words = WORDS.findall(text)
    if not MIN_WORDS <= len(words) <= MAX_WORDS or text[-1:] not in ".!?»\"'":
        return False
    letters = [w for w in words if w[0].isalpha()]
    return len(letters) >= 0.8 * len(words) and sum(w.isupper() and len(w) > 1 for w in letters) <= 2


def _detok(tokens: list[str]) -> str:
    """CoNLL tokens as text: no space before closing punctuation and clitics, none after an opening bracket."""
    text = re.sub(r" ([.,;:!?%)]|'s|n't|'re|'ll|'ve|'d|'m)", r"\1", " ".join(tokens))
    return re.sub(r"([($]) ", r"\1", text)


def _conll(shared: Path) -> Iterator[str]:
    tokens: list[str] = []
    for line in (shared / "data/ner/conll2003-en/train.conllu").open(encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 2:
            tokens.append(cols[1])
            continue
        if tokens and tokens[0] != "-DOCSTART-":
            yield _detok(tokens)
        tokens = []


def _ewt(shared: Path) -> Iterator[str]:
    for line in (shared / "data/parsing/ud-english-ewt/en_ewt-ud-train.conllu").open(encoding="utf-8"):
        if line.startswith("# text = "):
            yield line[len("# text = ") :].strip()


def _sentences(text: str) -> Iterator[str]:
    for para in text.splitlines():
        yield from (s.strip() for s in SENTENCE_END.split(para) if s.strip())


def _re3d(shared: Path) -> Iterator[str]:
    for folder in sorted((shared / "data/ner/re3d").iterdir()):
        if not (folder / "documents.json").is_file() or folder.name == "BBC Online":
            continue
        for line in (folder / "documents.json").open(encoding="utf-8"):
            if line.strip():
                yield from _sentences(json.loads(line)["text"])


def _texts(folder: Path) -> Iterator[str]:
    for f in sorted(folder.glob("*.txt")):
        yield from _sentences(f.read_text(encoding="utf-8"))


def _plover(shared: Path) -> Iterator[str]:
    records = json.loads((shared / "data/events/plover-gsr/PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    for r in records:
        if r.get("text") and r.get("event") in PLOVER_NONE and int(re.findall(r"\d+", r["id"])[-1]) % 2 == 1:
            yield r["text"]


def candidates(source: str, shared: Path) -> list[str]:
    """Every sentence of ``source`` fit to be a ``none`` example, in corpus order, without repeats."""
    if source == "plover":
        return list(dict.fromkeys(s for s in _plover(shared) if not screened(s, "en")))
    read = {
        "conll": lambda: _conll(shared),
        "ewt": lambda: _ewt(shared),
        "re3d": lambda: _re3d(shared),
        "nerel": lambda: _texts(shared / "data/ner/nerel/NEREL-v1.1/train"),
        "factru": lambda: _texts(shared / "data/ner/factrueval-2016/devset"),
    }[source]
    lang = LANG.get(source, "en")
    return list(dict.fromkeys(s for s in read() if _plain(s) and not screened(s, lang)))


def nonevents(part: str, shared: Path = SHARED, seed: int = 0) -> list[tuple[str, str, str]]:
    """(text, lang, source) of the ``none`` sentences of ``part`` (``train`` or ``heldout``), sampled with
    ``seed``; empty when ``shared`` has none of the sources."""
    out = []
    for source, cap in CAPS.items():
        try:
            pool = [s for s in candidates(source, shared) if part_of(s) == part]
        except FileNotFoundError:
            continue
        k, hard = (cap, HARD) if part == "train" else (cap // 4, HARD // 4)
        rng = random.Random(f"{seed}:{source}")
        lang = LANG.get(source, "en")
        chosen = rng.sample(pool, k) if len(pool) > k else pool
        taken = set(chosen)
        more = [s for s in pool if s not in taken and names_an_actor(s, lang)]
        chosen += rng.sample(more, hard) if len(more) > hard else more
        out += [(s, lang, source) for s in chosen]
    return out


def main() -> int:
    from acled_subevents import records

    if not SHARED.is_dir():
        print(f"nonevents: no shared data under {SHARED}", file=sys.stderr)
        return 1
    for part in ("train", "heldout"):
        rows = nonevents(part)
        print(part, len(rows), {s: sum(r[2] == s for r in rows) for s in CAPS})
    own = records("train")
    caught = sum(screened(r["text"], r["lang"]) for r in own)
    print(f"screen recall on the labelled train records: {caught}/{len(own)} = {caught / len(own):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
