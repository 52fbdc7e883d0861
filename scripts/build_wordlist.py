"""Build the word lists ``clean`` uses to tell real words from fragments of words broken by PDF extraction.

Reads annotated corpora from ``../shared`` (or ``$SITREP_SHARED``) and writes, per language:

* ``words_<lang>.txt.gz``        lowercase word forms seen at least ``--min-freq`` times outside names;
* ``words_<lang>_names.txt.gz``  lowercase forms seen at least ``--min-freq`` times as (part of) a name and not in
                                 the first list (valid results of a repair, never fragments)

in ``sitrep/knowledge/data/``.

A token counts as a word occurrence when the corpus does not tag it as a name (UD ``PROPN``, an NER entity of a
name type); in untagged text (RAND descriptions) only when written in lower case.  It counts as a name
occurrence when it is tagged as a name and capitalised.  Only forms made of letters of the language's script are
kept.  The output is sorted and gzipped with a fixed timestamp, so a rebuild on the same data gives the same bytes.

Usage (from the project root)::

    python scripts/build_wordlist.py                 # both languages, default sources
    python scripts/build_wordlist.py --lang en --min-freq 2
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT / ".." / "shared"))
OUT = ROOT / "sitrep" / "knowledge" / "data"

SCRIPT = {"en": re.compile(r"[a-z]+"), "ru": re.compile(r"[а-яё]+")}
TOKEN = re.compile(r"[^\W\d_]+")
NEREL_NAME_TYPES = {
    "PERSON",
    "CITY",
    "COUNTRY",
    "STATE_OR_PROVINCE",
    "DISTRICT",
    "LOCATION",
    "ORGANIZATION",
    "FACILITY",
    "NATIONALITY",
}
FACTRUEVAL_NAME_TYPES = {"name", "surname", "patronymic", "nickname", "org_name", "loc_name"}

Occurrence = tuple[str, bool | None]  # (token, is_name); None = not tagged


def conllu_ud(path: Path) -> Iterator[Occurrence]:
    """UD CoNLL-U: a PROPN token is a name."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or not cols[0].isdigit():
                continue
            yield cols[1], cols[3] == "PROPN"


def conll_ner(path: Path) -> Iterator[Occurrence]:
    """``idx TAB token TAB BIO`` files (CoNLL-2003, WikiANN): any entity tag is a name."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3 or cols[1] == "-DOCSTART-":
                continue
            yield cols[1], cols[2] != "O"


def _standoff(text: str, spans: list[tuple[int, int]]) -> Iterator[Occurrence]:
    marks = bytearray(len(text) + 1)
    for start, end in spans:
        start, end = max(0, start), min(end, len(text))
        if end > start:
            marks[start:end] = b"\x01" * (end - start)
    for m in TOKEN.finditer(text):
        yield m.group(), bool(marks[m.start()])


def nerel(folder: Path) -> Iterator[Occurrence]:
    """NEREL BRAT standoff: tokens inside a name-type entity are names."""
    for txt in sorted(folder.rglob("*.txt")):
        ann = txt.with_suffix(".ann")
        spans: list[tuple[int, int]] = []
        if ann.exists():
            for line in ann.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) < 2 or not parts[0].startswith("T"):
                    continue
                label, *offsets = parts[1].replace(";", " ").split()
                if label in NEREL_NAME_TYPES and len(offsets) >= 2:
                    spans.append((int(offsets[0]), int(offsets[-1])))
        yield from _standoff(txt.read_text(encoding="utf-8"), spans)


def factrueval(folder: Path) -> Iterator[Occurrence]:
    """factRuEval-2016: a token is a name when its form is quoted by a name-type span of its document.

    (The ``.spans`` offsets drift in some files, so the quoted tokens after ``#`` are used instead.)
    """
    for txt in sorted(folder.rglob("*.txt")):
        spans_file = txt.with_suffix(".spans")
        name_forms: set[str] = set()
        if spans_file.exists():
            for line in spans_file.read_text(encoding="utf-8").splitlines():
                parts = line.split()
                if len(parts) >= 2 and parts[1] in FACTRUEVAL_NAME_TYPES and "#" in line:
                    name_forms.update(line.split("#", 1)[1].split()[1:])
        for m in TOKEN.finditer(txt.read_text(encoding="utf-8")):
            yield m.group(), m.group() in name_forms


def rand_descriptions(path: Path) -> Iterator[Occurrence]:
    """RAND incident descriptions: untagged English text."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            description = json.loads(line).get("description") or ""
            for m in TOKEN.finditer(description):
                yield m.group(), None


def sources(lang: str) -> list[tuple[str, Iterator[Occurrence]]]:
    data = SHARED / "data"
    found: list[tuple[str, Iterator[Occurrence]]] = []

    def add(name: str, path: Path, reader: Callable[[Path], Iterator[Occurrence]]) -> None:
        if path.exists():
            found.append((name, reader(path)))
        else:
            print(f"warning: {path} not found; skipped", file=sys.stderr)

    if lang == "en":
        for part in ("train", "dev", "test"):
            add(f"ud-english-ewt/{part}", data / "parsing/ud-english-ewt" / f"en_ewt-ud-{part}.conllu", conllu_ud)
        for part in ("train", "val", "test"):
            add(f"conll2003-en/{part}", data / "ner/conll2003-en" / f"{part}.conllu", conll_ner)
            add(f"wikiann-en/{part}", data / "ner/wikiann-en" / f"{part}.conllu", conll_ner)
        for part in ("train", "dev"):
            add(f"rand-rdwti/{part}", data / "events/rand-rdwti" / f"{part}.jsonl", rand_descriptions)
    else:
        add("nerel", data / "ner/nerel/NEREL-v1.1", nerel)
        add("factrueval-2016", data / "ner/factrueval-2016", factrueval)
        for part in ("train", "val", "test"):
            add(f"wikiann-ru/{part}", data / "ner/wikiann-ru" / f"{part}.conllu", conll_ner)
    return found


def count(lang: str) -> tuple[Counter[str], Counter[str], int]:
    words: Counter[str] = Counter()
    names: Counter[str] = Counter()
    total = 0
    script = SCRIPT[lang]
    for name, occurrences in sources(lang):
        n = 0
        for token, is_name in occurrences:
            n += 1
            low = token.lower()
            if not script.fullmatch(low):
                continue
            if is_name is None:
                if token == low:
                    words[low] += 1
            elif is_name:
                if token[:1].isupper():
                    names[low] += 1
            else:
                words[low] += 1
        print(f"{lang}: {name}: {n} tokens", file=sys.stderr)
        total += n
    if lang == "ru":  # texts often write е for ё: accept both spellings
        for form, freq in list(words.items()):
            if "ё" in form:
                words[form.replace("ё", "е")] += freq
        for form, freq in list(names.items()):
            if "ё" in form:
                names[form.replace("ё", "е")] += freq
    return words, names, total


def write(path: Path, forms: list[str]) -> None:
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as fh:
        fh.write(("\n".join(forms) + "\n").encode("utf-8"))


def build(lang: str, min_freq: int, out: Path) -> None:
    words, names, total = count(lang)
    if total == 0:
        raise SystemExit(f"no corpus found for {lang} under {SHARED}; set SITREP_SHARED")
    keep = sorted(w for w, n in words.items() if n >= min_freq)
    keep_set = set(keep)
    name_forms = sorted(w for w, n in names.items() if n >= min_freq and w not in keep_set)
    write(out / f"words_{lang}.txt.gz", keep)
    write(out / f"words_{lang}_names.txt.gz", name_forms)
    print(f"{lang}: {total} tokens -> {len(keep)} words, {len(name_forms)} name forms (min freq {min_freq})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=["en", "ru", "all"], default="all")
    parser.add_argument("--min-freq", type=int, default=2, help="least number of occurrences kept (default 2)")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default sitrep/knowledge/data)")
    args = parser.parse_args(argv)
    for lang in ("en", "ru") if args.lang == "all" else (args.lang,):
        build(lang, args.min_freq, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
