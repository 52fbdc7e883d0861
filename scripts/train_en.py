"""Train sitrep's English spaCy pipeline ``en_sitrep`` from the shared datasets, reproducibly.

    python scripts/train_en.py [--shared ../shared] [--out sitrep/models/en_sitrep] [--quick] [--vector-rows N]

``--vector-rows N`` gives both tok2vecs static word vectors: the N most frequent words of
``sitrep/models/vectors_en`` (``scripts/build_vectors.py``, distilled from all-MiniLM-L6-v2), looked up by the
lower-cased form. The default, 0, is the recipe of the shipped pipeline: with 30,000 rows the scores were no better
and the pipeline slower and larger (the comparison is in its model card).
Steps: convert UD English EWT (tokens, XPOS, UPOS+morph, lemma, heads/deps, sentences), CoNLL-2003 and re3d NER
into DocBins under ``training/`` (gitignored); train the core pipeline (tok2vec, tagger, morphologizer, parser,
trainable_lemmatizer) on EWT; pretrain the NER tok2vec on RAND incident descriptions and train the ner on CoNLL-2003
(re3d only with ``--re3d``: it did not improve the CoNLL dev score); all with ``spacy`` on one CPU thread using the
configs in ``scripts/configs/``. Then source the ner into the core pipeline, score it on the EWT and CoNLL-2003
**test** sets (dev sets select the best checkpoint only) and on 20% of re3d documents held out, measure words/s on
one thread, and write the pipeline with ``scores.json``. About 50 minutes on one core; ``--quick`` about 1 minute.

NER distillation (issue 6; all off by default): ``--silver-text FILE`` writes RAND train sentences (not the tune
split) for ``scripts/train_ner_teacher.py label``; ``--silver FILE`` adds the teacher's confident sentences
(``--silver-min-confidence``) to the NER training data. ``--core DIR`` keeps that pipeline's core (no EWT training),
``--init-tok2vec FILE`` reuses pretrained NER tok2vec weights, ``--from-ner DIR`` continues training DIR's ner
instead, ``--ner-max-steps`` caps NER training and ``--compare DIR`` measures another pipeline's words/s in the
same run. ``--keep-ner DIR`` takes DIR's ner unchanged (no pretraining, no NER training): to retrain the core only.
``--augment-verbs FRACTION`` adds copies of that fraction of EWT train sentences with a conflict verb in a gold verb
slot (``scripts/augment_verbs.py``; off by default).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = ROOT / "scripts" / "configs"
VECTORS = ROOT / "sitrep" / "models" / "vectors_en"
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT / ".." / "shared"))
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "BLIS_NUM_THREADS": "1"}
os.environ.update(ONE_THREAD)  # before numpy is imported (by spacy below)

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/augment_verbs.py
import spacy  # noqa: E402
from augment_verbs import conflict_verb_copies  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, DocBin, Span, Token  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

RE3D_LABELS = {"Organisation": "ORG", "Location": "LOC", "Person": "PER", "Nationality": "MISC"}
RE3D_CONNECTORS = {"of", "the", "and", "for", "al", "el", "bin", "ibn", "de", "-", "&"}  # inside names
RE3D_UNSURE = {"Weapon", "MilitaryPlatform", "Vehicle", "DocumentReference", "CommsIdentifier"}  # CoNLL: maybe MISC
SENTS_PER_DOC = 10
QUICK = {"training.max_steps": "40", "training.eval_frequency": "20", "corpora.train.limit": "60"}
NER_LABELS = ("PER", "LOC", "ORG", "MISC")


# ---------------------------------------------------------------- conversion: UD English EWT
def read_conllu(path: Path) -> Iterator[tuple[str, list[list[str]], str]]:
    """Yield (doc id, rows, multiword-token map) per sentence; rows are the 10 CoNLL-U columns of each word."""
    doc_id, rows, mwt = "", [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id"):
            doc_id = line.split("=", 1)[1].strip()
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if rows:
                yield doc_id, rows, mwt
            rows, mwt = [], {}
        else:
            cols = line.split("\t")
            if "." in cols[0]:
                continue  # empty nodes belong to enhanced dependencies only
            if "-" in cols[0]:
                first, last = (int(x) for x in cols[0].split("-"))
                mwt[last] = "SpaceAfter=No" not in cols[9]
                for i in range(first, last):
                    mwt[i] = False
                continue
            rows.append(cols)
    if rows:
        yield doc_id, rows, mwt


def ewt_docs(vocab: Vocab, path: Path, augment: float = 0.0) -> list[Doc]:
    """EWT sentences grouped by document into Docs of up to SENTS_PER_DOC sentences, with full annotation, plus
    conflict-verb copies of ``augment`` x as many sentences (``scripts/augment_verbs.py``; for train only)."""
    sents = list(read_conllu(path))
    docs, group, last_id = [], [], None
    for doc_id, rows, mwt in sents + (conflict_verb_copies(sents, augment) if augment else []):
        if group and (doc_id != last_id or len(group) >= SENTS_PER_DOC):
            docs.append(_ewt_doc(vocab, group))
            group = []
        group.append((rows, mwt))
        last_id = doc_id
    if group:
        docs.append(_ewt_doc(vocab, group))
    return docs


def _ewt_doc(vocab: Vocab, sents: list[tuple[list[list[str]], dict[int, bool]]]) -> Doc:
    words, spaces, tags, pos, morphs, lemmas, heads, deps = [], [], [], [], [], [], [], []
    for rows, mwt in sents:
        offset = len(words)
        for cols in rows:
            idx = int(cols[0])
            words.append(cols[1])
            spaces.append(mwt[idx] if idx in mwt else "SpaceAfter=No" not in cols[9])
            lemmas.append(cols[2])
            pos.append(cols[3])
            tags.append(cols[4])
            morphs.append("" if cols[5] == "_" else cols[5])
            head = int(cols[6])
            heads.append(offset + (head - 1 if head else idx - 1))
            deps.append("ROOT" if cols[7] == "root" else cols[7])
        spaces[-1] = True
    spaces[-1] = False
    return Doc(vocab, words, spaces, tags=tags, pos=pos, morphs=morphs, lemmas=lemmas, heads=heads, deps=deps)


# ---------------------------------------------------------------- conversion: NER
def conll_ner_docs(vocab: Vocab, path: Path) -> list[Doc]:
    """CoNLL-2003 (``idx TAB token TAB BIO``) as Docs of up to SENTS_PER_DOC sentences within each -DOCSTART- doc."""
    docs: list[Doc] = []
    sents: list[list[tuple[str, str]]] = []
    sent: list[tuple[str, str]] = []

    def flush_doc() -> None:
        for i in range(0, len(sents), SENTS_PER_DOC):
            chunk = [tok for s in sents[i : i + SENTS_PER_DOC] for tok in s]
            words, tags = [w for w, _ in chunk], [t for _, t in chunk]
            docs.append(Doc(vocab, words=words, spaces=[True] * (len(words) - 1) + [False], ents=tags))
        sents.clear()

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        cols = line.split("\t")
        if len(cols) == 3 and cols[1] == "-DOCSTART-":
            flush_doc()
        elif len(cols) == 3:
            sent.append((cols[1], cols[2]))
        elif sent:
            sents.append(sent)
            sent = []
    flush_doc()
    return docs


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def re3d_docs(nlp: Language, folder: Path) -> list[tuple[str, Doc]]:
    """re3d documents as (document id, Doc), mapped onto the CoNLL-2003 scheme with the unsure parts left missing.

    Entities with confidence >= 0.5 of type Organisation/Location/Person/Nationality become ORG/LOC/PER/MISC,
    trimmed to their capitalised core ("the British Army" -> "British Army", "northern Iraq" -> "Iraq"; lowercase
    ones like "rebels" are dropped). Where re3d's conventions differ from CoNLL's the tokens are left missing
    rather than taught: a span whose label is not the majority label of its text in re3d (e.g. "Iraq" as ORG for
    the government), the leftover of a descriptor around a nested name ("Foreign Secretary" around "Philip
    Hammond": nested names win), weapons/platforms/vehicles, and capitalised tokens outside any annotation
    (re3d does not mark every name). Lowercase and punctuation tokens outside them, and dates/quantities, are O.
    """
    records = []
    for source in sorted(p for p in folder.iterdir() if p.is_dir()):
        ents_by_doc: dict[str, list[dict]] = {}
        for ent in _read_jsonl(source / "entities.json"):
            ents_by_doc.setdefault(ent["documentId"], []).append(ent)
        for record in _read_jsonl(source / "documents.json"):
            records.append((record["_id"], nlp.make_doc(record["text"]), ents_by_doc.get(record["_id"], [])))
    votes: dict[str, dict[str, int]] = {}
    for _, doc, ents in records:
        for span in _re3d_names(doc, ents):
            label_votes = votes.setdefault(span.text, {})
            label_votes[span.label_] = label_votes.get(span.label_, 0) + 1
    majority = {text: max(v, key=lambda k: v[k]) for text, v in votes.items()}
    return [(doc_id, _re3d_doc(doc, ents, majority)) for doc_id, doc, ents in records]


def _re3d_names(doc: Doc, ents: list[dict]) -> list[Span]:
    """The confident, name-like ORG/LOC/PER/MISC spans of a re3d document."""
    spans = []
    for ent in ents:
        span = doc.char_span(ent["begin"], ent["end"], alignment_mode="expand")
        if span is None or ent["type"] not in RE3D_LABELS or ent["confidence"] < 0.5:
            continue
        toks = list(span)
        while toks and (not _capitalised(toks[0]) or toks[0].lower_ == "the"):
            toks.pop(0)
        while toks and (toks[-1].is_punct or toks[-1].lower_ in {"'s", "’s"}):
            toks.pop()
        if (
            toks
            and not all(t.is_stop for t in toks)
            and all(_capitalised(t) or t.lower_ in RE3D_CONNECTORS for t in toks)
        ):
            spans.append(Span(doc, toks[0].i, toks[-1].i + 1, label=RE3D_LABELS[ent["type"]]))
    return spans


def _re3d_doc(doc: Doc, ents: list[dict], majority: dict[str, str]) -> Doc:
    bio: list[str | None] = [None if _capitalised(t) else "O" for t in doc]
    for ent in ents:
        span = doc.char_span(ent["begin"], ent["end"], alignment_mode="expand")
        sure_other = ent["type"] not in RE3D_LABELS and ent["type"] not in RE3D_UNSURE and ent["confidence"] >= 0.5
        for tok in span or ():
            bio[tok.i] = "O" if sure_other and bio[tok.i] in ("O", None) else None
    taken: set[int] = set()
    for span in sorted(_re3d_names(doc, ents), key=len):
        if majority[span.text] != span.label_ or taken.intersection(range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        for tok in span:
            bio[tok.i] = ("B-" if tok.i == span.start else "I-") + span.label_
    words = [t.text for t in doc]
    return Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc], ents=[b or "" for b in bio])


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() or (tok.text[:1].isdigit() and any(c.isupper() for c in tok.text))


def _re3d_is_dev(doc_id: str) -> bool:
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 5 == 0


def convert(
    shared: Path, corpus: Path, use_re3d: bool, silver: Path | None = None, min_conf: float = 0.9, augment: float = 0.0
) -> None:
    """Write the DocBins: ewt-{train,dev,test}.spacy (train with ``augment``), ner-train/ (dir), ner-dev, ner-test,
    re3d-dev."""
    nlp = spacy.blank("en")
    ewt = shared / "data" / "parsing" / "ud-english-ewt"
    conll = shared / "data" / "ner" / "conll2003-en"
    for split in ("train", "dev", "test"):
        docs = ewt_docs(nlp.vocab, ewt / f"en_ewt-ud-{split}.conllu", augment if split == "train" else 0.0)
        _save(docs, corpus / f"ewt-{split}.spacy")
    (corpus / "ner-train").mkdir(parents=True, exist_ok=True)
    _save(conll_ner_docs(nlp.vocab, conll / "train.conllu"), corpus / "ner-train" / "conll.spacy")
    _save(conll_ner_docs(nlp.vocab, conll / "val.conllu"), corpus / "ner-dev.spacy")
    _save(conll_ner_docs(nlp.vocab, conll / "test.conllu"), corpus / "ner-test.spacy")
    write_raw_text(shared / "data" / "events" / "rand-rdwti" / "train.jsonl", corpus / "raw-text.jsonl")
    re3d = re3d_docs(nlp, shared / "data" / "ner" / "re3d")
    _save([d for i, d in re3d if _re3d_is_dev(i)], corpus / "re3d-dev.spacy")
    re3d_train = corpus / "ner-train" / "re3d.spacy"
    if use_re3d:
        _save([d for i, d in re3d if not _re3d_is_dev(i)], re3d_train)
    else:
        re3d_train.unlink(missing_ok=True)
    silver_train = corpus / "ner-train" / "silver.spacy"
    if silver:
        _save(silver_docs(nlp.vocab, silver, min_conf), silver_train)
    else:
        silver_train.unlink(missing_ok=True)


def write_silver_text(rand: Path, out: Path, model: Path, n_records: int, seed: int = 0) -> None:
    """Sentences for the NER teacher to label (``scripts/train_ner_teacher.py label``): ``n_records`` RAND incident
    descriptions drawn (seeded) from the train years, without the last 1,500 records (bench/events_rand.py's tune
    split), split into sentences and words by the pipeline at ``model`` (the tokens the student will see)."""
    import random

    records = [r for r in _read_jsonl(rand)[:-1500] if r.get("description")]
    chosen = random.Random(seed).sample(records, min(n_records, len(records)))
    nlp = spacy.load(model, disable=["ner", "tagger", "morphologizer", "trainable_lemmatizer"])
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for record, doc in zip(chosen, nlp.pipe(r["description"] for r in chosen), strict=True):
            for i, sent in enumerate(doc.sents):
                toks = [t for t in sent if not t.is_space]
                if len(toks) >= 3:
                    spaces = [bool(t.whitespace_) for t in toks]
                    row = {"id": f"{record['id']}/{i}", "words": [t.text for t in toks], "spaces": spaces}
                    fh.write(json.dumps(row) + "\n")
                    n += 1
    print(f"  {out}: {n} sentences of {len(chosen)} RAND train descriptions", flush=True)


def silver_docs(vocab: Vocab, path: Path, min_conf: float) -> list[Doc]:
    """The teacher's confident sentences (lowest tag probability >= ``min_conf``) as Docs of up to SENTS_PER_DOC."""
    rows = [r for r in _read_jsonl(path) if r["confidence"] >= min_conf]
    docs = []
    for i in range(0, len(rows), SENTS_PER_DOC):
        words, spaces, tags = [], [], []
        for row in rows[i : i + SENTS_PER_DOC]:
            words += row["words"]
            spaces += [*row["spaces"][:-1], True]
            tags += row["tags"]
        spaces[-1] = False
        docs.append(Doc(vocab, words=words, spaces=spaces, ents=tags))
    return docs


def write_raw_text(rand: Path, out: Path) -> None:
    """Raw text for pretraining: the RAND incident descriptions of the train years (1968-2005)."""
    with out.open("w", encoding="utf-8") as fh:
        for record in _read_jsonl(rand):
            if record.get("description"):
                fh.write(json.dumps({"text": record["description"]}) + "\n")
    print(f"  {out.name}: RAND-RDWTI train descriptions", flush=True)


def _save(docs: list[Doc], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    print(f"  {path.name}: {len(docs)} docs, {sum(len(d) for d in docs)} tokens", flush=True)


# ---------------------------------------------------------------- training and assembly
def spacy_cli(args: list[str], log: Path) -> None:
    """Run ``python -m spacy <args>`` on one CPU thread, logging to ``log``."""
    cmd = [sys.executable, "-m", "spacy", *args, "--gpu-id", "-1"]
    print(f"  {' '.join(cmd)}\n  log: {log}", flush=True)
    with log.open("w", encoding="utf-8") as fh:
        subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, env={**os.environ, **ONE_THREAD}, check=True)


def init_vectors(source: Path, out: Path, rows: int, log: Path) -> Path:
    """sitrep's static vectors (``scripts/build_vectors.py``) as a spaCy vectors pipeline: the ``rows`` most
    frequent words, looked up by the lower-cased form of a token; return the pipeline directory."""
    import numpy as np

    words = (source / "words.txt").read_text(encoding="utf-8").split("\n")[:rows]
    table = np.load(source / "vectors.npy")[: len(words)].astype("float32")
    text = out.with_suffix(".txt")
    out.parent.mkdir(parents=True, exist_ok=True)
    with text.open("w", encoding="utf-8") as fh:
        fh.write(f"{len(words)} {table.shape[1]}\n")
        for word, row in zip(words, table, strict=True):
            fh.write(word + " " + " ".join(f"{x:.5g}" for x in row) + "\n")
    cmd = ["init", "vectors", "en", str(text), str(out), "--attr", "LOWER", "--name", "sitrep_minilm_static"]
    with log.open("w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, "-m", "spacy", *cmd], stdout=fh, stderr=subprocess.STDOUT, check=True)
    return out


def pretrain(config: Path, out: Path, paths: dict[str, Path], log: Path, quick: bool, extra: list[str]) -> Path:
    """Pretrain the NER tok2vec (characters objective) on raw text; return the weights file."""
    shutil.rmtree(out, ignore_errors=True)  # spacy pretrain would resume from old epochs
    quick_args = ["--pretraining.max_epochs", "1", "--corpora.pretrain.limit", "200"] if quick else []
    path_args = [arg for name, path in paths.items() for arg in (f"--paths.{name}", str(path))]
    spacy_cli(["pretrain", str(config), str(out), *path_args, *quick_args, *extra], log)
    return out / "model-last.bin"


def train(config: Path, out: Path, paths: dict[str, Path], log: Path, quick: bool, extra: list[str]) -> Path:
    """Run ``spacy train``; return the model-best directory (best dev score)."""
    args = ["train", str(config), "--output", str(out), *extra]
    for name, path in paths.items():
        args += [f"--paths.{name}", str(path)]
    for key, value in (QUICK if quick else {}).items():
        args += [f"--{key}", value]
    spacy_cli(args, log)
    return out / "model-best"


def continued_ner_config(base: Path, source: Path, out: Path) -> Path:
    """``base``'s NER training settings for a ner sourced from the pipeline at ``source`` (its own tok2vec inside):
    training goes on from those weights instead of from a pretrained tok2vec."""
    cfg = spacy.util.load_config(base, interpolate=False)
    cfg["nlp"]["pipeline"] = ["ner"]
    del cfg["components"]["ner_tok2vec"]
    cfg["components"]["ner"] = {"source": str(source.resolve())}
    out.parent.mkdir(parents=True, exist_ok=True)
    cfg.to_disk(out)
    return out


def assemble(core_dir: Path, ner_dir: Path, re3d: bool) -> Language:
    """The core pipeline with the ner sourced in; the ner gets its own copy of its tok2vec (no listener)."""
    nlp = spacy.load(core_dir)
    for name in ("ner", "space_ruler"):  # a whole en_sitrep given as the core (--core) brings its own
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    ner_nlp = spacy.load(ner_dir)
    if "ner_tok2vec" in ner_nlp.pipe_names:  # a ner continued from a pipeline (--from-ner) has its own already
        ner_nlp.replace_listeners("ner_tok2vec", "ner", ["model.tok2vec"])
    nlp.add_pipe("ner", source=ner_nlp)
    add_space_ruler(nlp)
    nlp.meta.update(
        name="en_sitrep",
        version="0.1.0",
        description="sitrep English pipeline: tok2vec, tagger, morphologizer, parser, trainable_lemmatizer (UD "
        "English EWT) and ner with its own tok2vec (CoNLL-2003 PER/LOC/ORG/MISC). CPU CNN.",
        author="sitrep",
        license="CC BY-SA 4.0 (UD English EWT); NER trained on CoNLL-2003 (Reuters, research use) - see MODEL_CARD.md",
        sources=[
            {"name": "Universal Dependencies English EWT", "license": "CC BY-SA 4.0"},
            {"name": "CoNLL-2003 English NER (Reuters RCV1)", "license": "Reuters corpus terms: research use"},
            {
                "name": "RAND Database of Worldwide Terrorism Incidents (raw text for tok2vec pretraining)",
                "license": "free for research with attribution",
            },
        ]
        + ([{"name": "Dstl re3d", "license": "per source folder, see MODEL_CARD.md"}] if re3d else []),
    )
    return nlp


def add_space_ruler(nlp: Language) -> None:
    """Whitespace tokens always get tag ``_SP`` and pos ``SPACE`` (the statistical tagger can miss them)."""
    ruler = nlp.add_pipe("attribute_ruler", name="space_ruler", last=True)
    ruler.add(patterns=[[{"IS_SPACE": True}]], attrs={"TAG": "_SP", "POS": "SPACE"})


# ---------------------------------------------------------------- evaluation
def evaluate(nlp: Language, corpus: Path) -> dict:
    """Test-set scores: EWT through the spaCy tokenizer on raw text; NER on the gold CoNLL tokens."""
    ewt = list(DocBin().from_disk(corpus / "ewt-test.spacy").get_docs(nlp.vocab))
    with nlp.select_pipes(disable=["ner"]):
        core = nlp.evaluate([Example(nlp.make_doc(d.text), d) for d in ewt])
    result = {
        "ewt_test": {k: core[k] for k in ("pos_acc", "tag_acc", "morph_acc", "dep_uas", "dep_las", "lemma_acc")}
        | {"sents_p": core["sents_p"], "sents_r": core["sents_r"], "sents_f": core["sents_f"]}
    }
    for name, path in (("conll2003_test", "ner-test.spacy"), ("re3d_heldout", "re3d-dev.spacy")):
        gold = list(DocBin().from_disk(corpus / path).get_docs(nlp.vocab))
        examples = [
            Example(Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]), d) for d in gold
        ]
        with nlp.select_pipes(enable=["ner"]):
            ner = nlp.evaluate(examples)
        result[name] = {"ents_p": ner["ents_p"], "ents_r": ner["ents_r"], "ents_f": ner["ents_f"]}
        result[name]["per_label"] = {k: ner["ents_per_type"].get(k) for k in NER_LABELS}
    return result


def words_per_second(nlp: Language, corpus: Path, chunk_words: int = 100) -> dict:
    """Throughput of the whole pipeline on one thread over ~100-word documents cut from EWT test text."""
    words = " ".join(d.text for d in DocBin().from_disk(corpus / "ewt-test.spacy").get_docs(nlp.vocab)).split(" ")
    texts = [" ".join(words[i : i + chunk_words]) for i in range(0, len(words), chunk_words)]
    list(nlp.pipe(texts[:20]))  # warm up
    start = time.perf_counter()
    n_tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64, n_process=1))
    seconds = time.perf_counter() - start
    return {
        "docs": len(texts),
        "tokens": n_tokens,
        "seconds": round(seconds, 2),
        "tokens_per_second": round(n_tokens / seconds),
        "docs_per_second": round(len(texts) / seconds, 1),
    }


def print_scores(scores: dict) -> None:
    ewt = scores["ewt_test"]
    print("\nUD English EWT test (raw text, spaCy tokenizer):")
    for key in ("pos_acc", "tag_acc", "morph_acc", "dep_uas", "dep_las", "lemma_acc", "sents_f"):
        print(f"  {key:10s} {ewt[key]:.4f}")
    for name in ("conll2003_test", "re3d_heldout"):
        ner = scores[name]
        print(f"\n{name} NER: P {ner['ents_p']:.4f}  R {ner['ents_r']:.4f}  F {ner['ents_f']:.4f}")
        for label, s in ner["per_label"].items():
            if s:
                print(f"  {label:5s} P {s['p']:.4f}  R {s['r']:.4f}  F {s['f']:.4f}")
    speed = scores["speed"]
    print(
        f"\nspeed (1 thread, {speed['docs']} docs of ~100 words): {speed['tokens_per_second']} words/s, "
        f"{speed['docs_per_second']} docs/s"
    )


def scores_markdown(scores: dict) -> str:
    """The test-set scores as the Markdown table the model card shows."""
    ewt, speed = scores["ewt_test"], scores["speed"]
    rows = ["| data (test split) | measure | score |", "|---|---|---|"]
    names = {
        "pos_acc": "UPOS accuracy",
        "tag_acc": "XPOS accuracy",
        "morph_acc": "morphology accuracy",
        "dep_uas": "UAS",
        "dep_las": "LAS",
        "lemma_acc": "lemma accuracy",
        "sents_f": "sentence F",
    }
    rows += [f"| UD English EWT test (raw text) | {label} | {ewt[key]:.3f} |" for key, label in names.items()]
    for name, title in (("conll2003_test", "CoNLL-2003 English test"), ("re3d_heldout", "re3d held-out 20%")):
        ner = scores[name]
        rows.append(f"| {title} | NER P / R / F | {ner['ents_p']:.3f} / {ner['ents_r']:.3f} / {ner['ents_f']:.3f} |")
        rows += [f"| {title} | {label} F | {s['f']:.3f} |" for label, s in ner["per_label"].items() if s]
    rows.append(f"| EWT test text, ~100-word docs, 1 thread | speed | {speed['tokens_per_second']} words/s |")
    return "\n".join(rows)


def write_card_scores(card: Path, scores: dict) -> None:
    """Replace the block between the scores markers of the model card with the new table."""
    begin, end = "<!-- scores:begin -->", "<!-- scores:end -->"
    if not card.exists():
        return
    text = card.read_text(encoding="utf-8")
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + begin + "\n" + scores_markdown(scores) + "\n" + end + rest.split(end, 1)[1]
        card.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder (default ../shared)")
    parser.add_argument("--out", type=Path, help="default sitrep/models/en_sitrep (with --quick: under --work)")
    parser.add_argument("--work", type=Path, default=ROOT / "training", help="intermediate files (gitignored)")
    parser.add_argument("--quick", action="store_true", help="train a few steps only, to check the script works")
    parser.add_argument("--re3d", action=argparse.BooleanOptionalAction, default=False, help="add re3d to NER training")
    parser.add_argument("--vectors", type=Path, default=VECTORS, help="static vectors (scripts/build_vectors.py)")
    parser.add_argument(
        "--vector-rows",
        type=int,
        default=0,
        help="static vectors: how many of the most frequent words to keep (0, the default: none, as shipped)",
    )
    parser.add_argument("--skip-train", action="store_true", help="reuse trained models in --work; assemble only")
    parser.add_argument("--core", type=Path, help="reuse this pipeline's core (e.g. the shipped en_sitrep): NER only")
    parser.add_argument("--init-tok2vec", type=Path, help="reuse these pretrained NER tok2vec weights (no pretraining)")
    parser.add_argument(
        "--silver",
        type=Path,
        help="add the NER teacher's labels of RAND text (scripts/train_ner_teacher.py label) to NER training",
    )
    parser.add_argument("--silver-min-confidence", type=float, default=0.9, help="keep silver sentences above this")
    parser.add_argument("--silver-text", type=Path, help="only write RAND train sentences for the teacher to label")
    parser.add_argument("--silver-records", type=int, default=8000, help="RAND descriptions for --silver-text")
    parser.add_argument("--compare", type=Path, help="also measure this pipeline's words/s in the same run")
    parser.add_argument("--from-ner", type=Path, help="continue training the ner of this pipeline (no pretraining)")
    parser.add_argument("--ner-max-steps", type=int, default=0, help="NER training steps (default: the config's)")
    parser.add_argument("--keep-ner", type=Path, help="take this pipeline's ner unchanged (no NER training)")
    parser.add_argument("--augment-verbs", type=float, default=0.0, help="conflict-verb copies of this much EWT train")
    args = parser.parse_args(argv)
    if args.silver_text:
        rand = args.shared / "data" / "events" / "rand-rdwti" / "train.jsonl"
        model = args.core or ROOT / "sitrep" / "models" / "en_sitrep"
        write_silver_text(rand, args.silver_text, model, args.silver_records)
        return 0
    corpus, work = args.work / "corpus", args.work / ("quick" if args.quick else "full")
    out = args.out or (work / "en_sitrep" if args.quick else ROOT / "sitrep" / "models" / "en_sitrep")
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print("converting data ...", flush=True)
    convert(args.shared.resolve(), corpus, args.re3d, args.silver, args.silver_min_confidence, args.augment_verbs)
    if args.skip_train:
        core_dir, ner_dir = work / "core" / "model-best", args.keep_ner or work / "ner" / "model-best"
    else:
        print(f"static vectors: {args.vector_rows or 'none'} ...", flush=True)
        if args.vector_rows:
            vectors = init_vectors(args.vectors, work / "vectors", args.vector_rows, work / "vectors.log")
            with_vectors: dict[str, Path] = {"vectors": vectors}
            core_extra: list[str] = []
            ner_extra: list[str] = []
        else:  # the recipe of the pipeline shipped before static vectors: no vectors at all
            with_vectors = {}
            core_extra = ["--components.tok2vec.model.embed.include_static_vectors", "false"]
            ner_extra = ["--components.ner_tok2vec.model.embed.include_static_vectors", "false"]
        if args.core:
            core_dir = args.core
        else:
            print("training core (EWT) ...", flush=True)
            core_paths = {"train": corpus / "ewt-train.spacy", "dev": corpus / "ewt-dev.spacy", **with_vectors}
            core_cfg = CONFIGS / "en_core.cfg"
            core_dir = train(core_cfg, work / "core", core_paths, work / "core.log", args.quick, core_extra)
        if args.keep_ner:
            ner_dir = args.keep_ner
        else:
            ner_cfg = CONFIGS / "en_ner.cfg"
            if args.from_ner:
                ner_cfg, ner_extra = continued_ner_config(ner_cfg, args.from_ner, work / "ner-continued.cfg"), []
            if args.init_tok2vec or args.from_ner:
                weights = args.init_tok2vec
            else:
                print("pretraining the ner tok2vec on RAND incident descriptions ...", flush=True)
                raw = {"raw_text": corpus / "raw-text.jsonl", **with_vectors}
                ner_cfg, log = CONFIGS / "en_ner.cfg", work / "pretrain.log"
                weights = pretrain(ner_cfg, work / "pretrain", raw, log, args.quick, ner_extra)
            extra_data = " + re3d" * args.re3d + " + teacher silver" * bool(args.silver)
            print(f"training ner (CoNLL-2003{extra_data}) ...", flush=True)
            ner_paths = {"train": corpus / "ner-train", "dev": corpus / "ner-dev.spacy"}
            ner_paths |= {"init_tok2vec": weights, **with_vectors} if weights else with_vectors
            if args.ner_max_steps:
                ner_extra = [*ner_extra, "--training.max_steps", str(args.ner_max_steps)]
            ner_dir = train(ner_cfg, work / "ner", ner_paths, work / "ner.log", args.quick, ner_extra)
    nlp = assemble(core_dir, ner_dir, args.re3d)
    scores = evaluate(nlp, corpus)
    scores["speed"] = words_per_second(nlp, corpus)
    scores["ner_training_data"] = ["conll2003-en/train", *(["re3d (80% of documents)"] if args.re3d else [])]
    if args.augment_verbs:
        scores["ewt_train_augmented"] = f"conflict-verb copies of {args.augment_verbs:.0%} of EWT train sentences"
    if args.silver:
        scores["ner_training_data"].append(f"RAND train sentences labelled by the teacher ({args.silver.name})")
    if args.compare:
        scores["speed_compared"] = {"pipeline": str(args.compare), **words_per_second(spacy.load(args.compare), corpus)}
        print(f"speed of {args.compare} in the same run: {scores['speed_compared']['tokens_per_second']} words/s")
    nlp.meta["performance"] = scores["ewt_test"] | {
        k: scores["conll2003_test"][k] for k in ("ents_p", "ents_r", "ents_f")
    }
    for old in out.glob("*"):  # a fresh pipeline; the hand-written model card stays
        if old.is_dir():
            shutil.rmtree(old)
        elif old.name != "MODEL_CARD.md":
            old.unlink()
    nlp.to_disk(out)
    (out / "scores.json").write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    write_card_scores(out / "MODEL_CARD.md", scores)
    print_scores(scores)
    print(f"\nwrote {out} ({time.perf_counter() - started:.0f} s in all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
