"""Train sitrep's learned perpetrator linker (``sitrep/models/perpetrators``) reproducibly, on two CPU cores.

    pip install -e '.[train]'                       # build time only (scikit-learn)
    python scripts/train_perpetrators.py [-n 12000] [--out sitrep/models/perpetrators]

Distant supervision from RAND RDWTI ``train`` (1968-2005; RAND ``dev`` is never read): each description goes
through sitrep's pipeline with the rules alone (``event_coder = "rules"``); for its main attack (the most confident
ASSAULT event, the one ``bench/events_rand.py`` scores), every named party near the event, the rules' actors too
(``sitrep.extract.perpetrators``), is a candidate, labelled 1 when it shares a name word with the coded
perpetrator (``bench/events_rand.name_words``), else 0 — records coded "Unknown" give only 0s. The model is
logistic regression (scikit-learn, lbfgs) over the linker's hashed features. ``n`` records are drawn with a fixed
seed from train less its last 1,500 (the ``tune`` split of ``bench/events_rand.py``); C is chosen by 5-fold
cross-validation over records, and the link probability on ``tune``: the one that maximises the share of named
perpetrators found plus the share of "Unknown" records left with no named party.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import json
import random
import sys
import time
from collections import deque
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT / ".." / "shared"))
OUT = ROOT / "sitrep" / "models" / "perpetrators"
TUNE = 1500
C_GRID = (2.0, 8.0, 32.0)
P_GRID = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
sys.path.insert(0, str(ROOT / "bench"))


def rand_train(shared: Path, n: int, seed: int) -> tuple[list[dict], list[dict]]:
    """(n records drawn from train less its last TUNE, the last TUNE records)."""
    rows = [json.loads(x) for x in (shared / "data/events/rand-rdwti/train.jsonl").open(encoding="utf-8")]
    fit, tune = rows[:-TUNE], list(deque(rows, maxlen=TUNE))
    drawn = random.Random(seed).sample(fit, min(n, len(fit)))
    return [r for r in drawn if (r.get("description") or "").strip()], tune  # a record may have no text


def docs_of(rows: list[dict]) -> list:
    from sitrep.core import analyze_documents
    from sitrep.io.ingest import read_text
    from sitrep.settings import load

    settings = load({"event_coder": "rules"})
    texts = (read_text(r["description"], doc_id=r["id"], published=r["date"]) for r in rows)
    return list(analyze_documents(texts, settings))


def pairs(rows: list[dict], docs: list) -> list[dict]:
    """Per record: the main attack (or None), and each candidate (entity, features, label)."""
    from events_rand import name_words

    from sitrep.extract.perpetrators import Reader

    out = []
    for row, doc in zip(rows, docs, strict=True):
        attacks = [ev for ev in doc.events if ev.type == "ASSAULT"]
        main = max(attacks, key=lambda ev: ev.confidence, default=None)
        want = name_words(row["perpetrator"]) if row["perpetrator"] != "Unknown" else set()
        item = {"row": row, "doc": doc, "open": False, "candidates": []}
        reader = Reader(doc)
        if main is not None:
            item["open"] = True
            for ent, _mentions, names in reader.candidates(main):
                label = bool(want & name_words(" ".join([ent.name, *ent.aliases])))
                item["candidates"].append((ent.id, names, int(label)))
        out.append(item)
    return out


def matrix(items: list[dict]):
    from scipy.sparse import csr_matrix

    from sitrep.extract.learned import HASH_BITS, hashed

    rows, cols, vals, y, group = [], [], [], [], []
    n = 0
    for g, item in enumerate(items):
        for _eid, names, label in item["candidates"]:
            idx, v = hashed(names)
            rows += [n] * len(idx)
            cols += idx.tolist()
            vals += v.tolist()
            y.append(label)
            group.append(g)
            n += 1
    X = csr_matrix((vals, (rows, cols)), shape=(n, 1 << HASH_BITS), dtype=np.float32)
    return X, np.array(y), np.array(group)


def fit(X, y, c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000).fit(X, y)


def cv_c(X, y, group) -> dict[float, float]:
    """Per C, the cross-validated share of records whose best-scored candidate is a right one (records with a
    right candidate only): how well the model ranks the parties of one attack."""
    from scipy.special import expit

    records = np.unique(group[y == 1])
    folds = np.array_split(np.random.default_rng(0).permutation(np.unique(group)), 5)
    out = {}
    for c in C_GRID:
        right = 0
        for test in folds:
            is_test = np.isin(group, test)
            model = fit(X[~is_test], y[~is_test], c)
            score = expit(model.decision_function(X[is_test]))
            g_test, y_test = group[is_test], y[is_test]
            for g in np.intersect1d(test, records):
                k = np.flatnonzero(g_test == g)
                right += int(y_test[k[np.argmax(score[k])]] == 1)
        out[c] = round(right / max(len(records), 1), 4)
        print(f"  C={c}: best candidate right in {out[c]:.3f} of records with a right one", flush=True)
    return out


def tune_threshold(model, items: list[dict]) -> dict[float, dict[str, float]]:
    """Per link probability: on the tune records, the share of named perpetrators found and of "Unknown"
    records left with no named party, after linking (``bench/events_rand.py``'s two perpetrator scores)."""
    from events_rand import name_words

    from sitrep.extract.learned import hashed

    out = {}
    for tau in P_GRID:
        found = named = clean = unknown = 0
        for item in items:
            row, doc = item["row"], item["doc"]
            ents = {e.id: e for e in doc.entities}
            have = [ents[i] for ev in doc.events for i in [*ev.actors, *ev.claimed_by] if i in ents]
            best = None
            if item["candidates"]:
                probs = [float(model.predict_proba(_one(hashed(n)))[0, 1]) for _e, n, _l in item["candidates"]]
                k = int(np.argmax(probs))
                if probs[k] >= tau:
                    best = ents[item["candidates"][k][0]]
            parties = have + ([best] if best else [])
            if row["perpetrator"] == "Unknown":
                unknown += 1
                clean += not any(e.origin in ("kb", "ner") for e in parties)
            else:
                named += 1
                want = name_words(row["perpetrator"])
                got = set().union(*(name_words(" ".join([e.name, *e.aliases])) for e in parties)) if parties else set()
                found += bool(want & got)
        out[tau] = {"perpetrator": round(found / named, 4), "no_false_perpetrator": round(clean / unknown, 4)}
        print(f"  link_probability={tau}: {out[tau]}", flush=True)
    return out


def _one(vec):
    from scipy.sparse import csr_matrix

    from sitrep.extract.learned import HASH_BITS

    idx, vals = vec
    return csr_matrix((vals, (np.zeros(len(idx), dtype=int), idx)), shape=(1, 1 << HASH_BITS))


def write(out: Path, model, meta: dict) -> None:
    from sitrep.extract.learned import HASH_BITS

    out.mkdir(parents=True, exist_ok=True)
    w = model.coef_.astype(np.float32)[0]
    sparse = np.stack([np.zeros_like(w), w]).astype(np.float16)  # two classes: a softmax of (0, w.x + b)
    bias = np.array([0.0, float(model.intercept_[0])], dtype=np.float32)
    assert sparse.shape == (2, 1 << HASH_BITS)
    np.savez_compressed(out / "link.npz", sparse=sparse, dense=np.zeros((2, 0), dtype=np.float16), bias=bias)
    (out / "meta.json").write_text(json.dumps({"link": meta}, indent=1) + "\n", encoding="utf-8")


def card(out: Path, meta: dict) -> None:
    tau, tune = meta["link_probability"], meta["tune"]
    rows = "\n".join(
        f"| {t} | {v['perpetrator']:.3f} | {v['no_false_perpetrator']:.3f} |{' chosen' if t == tau else ''}"
        for t, v in tune.items()
    )
    train = meta["training"]
    text = f"""# sitrep perpetrators — the learned link from an attack to the group behind it

One logistic regression (scikit-learn at build time, numpy at run time) over hashed features of a pair (an
ASSAULT event, a named party mentioned near it): the party's kind and origin (actor KB or NER), each mention's
dependency relation and head word, the verb above it, the words either side, claim and suspicion words above it
and in its sentence (`perpetrator_cues` in `sitrep/knowledge/data/events_en.yaml`), its distance in sentences and
words to the event's trigger, and whether the rules made it the event's actor, target, claimant or source. Read
by `sitrep/extract/perpetrators.py` (the `perpetrators` stage); trained by `{meta["command"]}` (seed 0, about
{max(1, meta["seconds"] // 60)} minutes on two cores). English only (`languages` in `meta.json`): the stage
leaves Russian documents to the rules until there is Russian training data.

## Data and licence

RAND Database of Worldwide Terrorism Incidents, `train` (1968-2005; free for research with attribution):
{train["rand_train_records"]:,} records drawn with seed 0 from train less its last 1,500, analysed by sitrep with
the rules alone; {train["candidates"]:,} (event, party) pairs, {train["right"]:,} of them labelled right by distant
supervision (the party shares a name word with the coded perpetrator). The last 1,500 train records (2005, the
`tune` split of `bench/events_rand.py`) choose the link probability; RAND `dev` (2006-07) is never read here.

## Scores

C = {meta["C"]} by 5-fold cross-validation over records (the share of records with a right party whose best-scored
party is right: {meta["cross_validation"]}). On `tune`, after linking:

| link probability | perpetrator named | no false perpetrator |
|---|---|---|
{rows}

On RAND `dev`, never trained or tuned on: `python bench/events_rand.py --split dev` (figures in
`bench/results/events_rand.json` and `docs/benchmarks.md`).
"""
    (out / "MODEL_CARD.md").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("-n", type=int, default=12000, help="RAND train records to learn from")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    started = time.perf_counter()
    fit_rows, tune_rows = rand_train(args.shared, args.n, args.seed)
    print(f"{len(fit_rows)} RAND train records to learn from, {len(tune_rows)} to set the threshold ...", flush=True)
    items = pairs(fit_rows, docs_of(fit_rows))
    X, y, group = matrix(items)
    print(
        f"{X.shape[0]} candidates ({int(y.sum())} right) in {len(np.unique(group))} records; "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )
    cv = cv_c(X, y, group)
    c = max(cv, key=lambda k: (cv[k], -k))
    model = fit(X, y, c)
    tune_items = pairs(tune_rows, docs_of(tune_rows))
    tuned = tune_threshold(model, tune_items)
    tau = max(tuned, key=lambda t: (tuned[t]["perpetrator"] + tuned[t]["no_false_perpetrator"], t))
    meta = {
        "labels": ["no", "yes"],
        "languages": ["en"],
        "link_probability": tau,
        "C": c,
        "command": "python scripts/train_perpetrators.py",
        "training": {"rand_train_records": len(fit_rows), "candidates": int(X.shape[0]), "right": int(y.sum())},
        "cross_validation": cv,
        "tune": tuned,
    }
    meta["seconds"] = round(time.perf_counter() - started)
    write(args.out, model, meta)
    card(args.out, meta)
    print(f"wrote {args.out}: C={c}, link_probability={tau} ({meta['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
