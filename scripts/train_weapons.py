"""Train sitrep's learned weapon coder (``sitrep/models/weapons``) reproducibly, on two CPU cores.

    pip install -e '.[train]'                        # build time only (scikit-learn)
    python scripts/train_weapons.py [-n 24000] [--out sitrep/models/weapons]

Distant supervision from RAND RDWTI ``train`` (1968-2005; RAND ``dev`` is never read): each description goes
through sitrep's pipeline with the rules alone (``event_coder = "rules"``); its main attack (the most confident
ASSAULT event, the one ``bench/events_rand.py`` scores) is labelled with the record's weapon as a GTD weapon type
(Explosives and Remote-detonated explosive -> Explosives, Fire or Firebomb -> Incendiary, Knives & sharp objects
-> Melee, Chemical Agent -> Chemical, Biological Agent -> Biological, Other -> Other, Unknown -> Unknown, which
gives no weapon: most such descriptions name none). The
model is the event model's linear classifier (``sitrep.extract.learned``: hashed words of the event's sentences,
its triggers, the rules' coding, the mean static word vector), fitted by logistic regression (scikit-learn, lbfgs).
Records are drawn with a fixed seed from train less its last 1,500 (the ``tune`` split of
``bench/events_rand.py``); C is chosen by 5-fold cross-validation, and the probability a weapon needs on ``tune``:
the lowest at which the weapons given (not Unknown) are right at least ``PRECISION`` of the time, and at least
``MIN_PROBABILITY``.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import json
import random
import sys
import time
from collections import Counter, deque
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT / ".." / "shared"))
OUT = ROOT / "sitrep" / "models" / "weapons"
TUNE = 1500
C_GRID = (1.0, 4.0, 16.0)
P_GRID = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
PRECISION = 0.9
MIN_PROBABILITY = 0.5  # a floor: a weapon the model is less than even sure of is a guess, not a coding
sys.path.insert(0, str(ROOT / "bench"))

from events_rand import GTD_WEAPON  # noqa: E402

GTD = GTD_WEAPON | {"Unknown": "Unknown"}  # Unknown: the text tells no weapon; the model learns to say so


def rand_train(shared: Path, n: int, seed: int) -> tuple[list[dict], list[dict]]:
    """(n records drawn from train less its last TUNE, the last TUNE records)."""
    rows = [json.loads(x) for x in (shared / "data/events/rand-rdwti/train.jsonl").open(encoding="utf-8")]
    fit, tune = rows[:-TUNE], list(deque(rows, maxlen=TUNE))
    known = [r for r in fit if r["weapon"] in GTD and (r.get("description") or "").strip()]
    drawn = random.Random(seed).sample(known, min(n, len(known)))
    return drawn, [r for r in tune if r["weapon"] in GTD and (r.get("description") or "").strip()]


def inputs(rows: list[dict]) -> tuple[list, list[str]]:
    """The classifier's input for each record's main attack (records with none are left out), and the labels."""
    from sitrep.core import analyze_documents
    from sitrep.extract.learned import DocIndex, event_input
    from sitrep.io.ingest import read_text
    from sitrep.settings import load

    settings = load({"event_coder": "rules"})
    texts = (read_text(r["description"], doc_id=r["id"], published=r["date"]) for r in rows)
    xs, ys = [], []
    for row, doc in zip(rows, analyze_documents(texts, settings), strict=True):
        attacks = [ev for ev in doc.events if ev.type == "ASSAULT"]
        main = max(attacks, key=lambda ev: ev.confidence, default=None)
        if main is not None:
            xs.append(event_input(doc, main, DocIndex(doc)))
            ys.append(GTD[row["weapon"]])
    return xs, ys


def matrix(xs: list):
    from scipy.sparse import csr_matrix, hstack

    from sitrep.extract.learned import HASH_BITS, featurize

    rows, cols, vals, dense = [], [], [], []
    for i, x in enumerate(xs):
        idx, v, d = featurize(x)
        rows += [i] * len(idx)
        cols += idx.tolist()
        vals += v.tolist()
        dense.append(d)
    sparse = csr_matrix((vals, (rows, cols)), shape=(len(xs), 1 << HASH_BITS), dtype=np.float32)
    return hstack([sparse, csr_matrix(np.array(dense, dtype=np.float32))]).tocsr()


def fit(X, y, c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000, tol=1e-4).fit(X, y)


def cv_c(X, y: np.ndarray, seed: int) -> dict[float, float]:
    """Per C, the 5-fold cross-validated accuracy."""
    folds = np.array_split(np.random.default_rng(seed).permutation(len(y)), 5)
    out = {}
    for c in C_GRID:
        right = 0
        for test in folds:
            train = np.setdiff1d(np.arange(len(y)), test)
            right += int((fit(X[train], y[train], c).predict(X[test]) == y[test]).sum())
        out[c] = round(right / len(y), 4)
        print(f"  C={c}: cross-validated accuracy {out[c]:.3f}", flush=True)
    return out


def tune_threshold(model, X, y: np.ndarray) -> dict[float, dict[str, float]]:
    """Per probability: on tune, the share of attacks given a weapon, the share of those right, and of all."""
    p = model.predict_proba(X)
    best = p.argmax(axis=1)
    label = model.classes_[best]
    conf = p[np.arange(len(y)), best]
    out = {}
    for tau in P_GRID:
        given = (conf >= tau) & (label != "Unknown")
        right = (label == y) & given
        out[tau] = {
            "given": round(float(given.mean()), 4),
            "precision": round(float(right.sum() / max(given.sum(), 1)), 4),
            "accuracy": round(float(right.mean()), 4),
        }
        print(f"  probability {tau}: {out[tau]}", flush=True)
    return out


def write(out: Path, model, meta: dict) -> None:
    from sitrep.extract.learned import HASH_BITS

    out.mkdir(parents=True, exist_ok=True)
    w = model.coef_.astype(np.float32)
    sparse, dense = w[:, : 1 << HASH_BITS].astype(np.float16), w[:, 1 << HASH_BITS :].astype(np.float16)
    bias = model.intercept_.astype(np.float32)
    np.savez_compressed(out / "weapon.npz", sparse=sparse, dense=dense, bias=bias)
    (out / "meta.json").write_text(json.dumps({"weapon": meta}, indent=1) + "\n", encoding="utf-8")


def card(out: Path, meta: dict) -> None:
    tau, tune = meta["min_probability"], meta["tune"]
    rows = "\n".join(
        f"| {t} | {v['given']:.3f} | {v['precision']:.3f} | {v['accuracy']:.3f} |{' chosen' if float(t) == tau else ''}"
        for t, v in tune.items()
    )
    counts = ", ".join(f"{k} {v:,}" for k, v in meta["training"]["labels"].items())
    text = f"""# sitrep weapons — the learned GTD weapon type of an attack

One multinomial logistic regression (scikit-learn at build time, numpy at run time) over the event model's features
(`sitrep/extract/learned.py`: hashed words, lemmas and lemma pairs of the event's sentences, its trigger words, the
rules' coding — type, mode, ACLED label, kinds of actors and targets, counts — and the mean static word vector of
`sitrep/models/vectors_en`). Its labels are GTD weapon types ({", ".join(meta["labels"])}). Read by
`sitrep/extract/coder.py` (the `coder` stage): an ASSAULT event gets the model's weapon when the model is at least
{tau} sure and does not answer Unknown, else the weapon its mode implies (`gtd_weapon_by_mode` in `ontology.yaml`);
an attack the rules found no mode for takes the weapon's (`mode_by_gtd_weapon`). Trained by `{meta["command"]}`
(seed 0, about {max(1, meta["seconds"] // 60)} minutes on two cores). English only (`languages`): Russian attacks
keep the weapon of their mode until there is Russian training data.

## Data and licence

RAND Database of Worldwide Terrorism Incidents, `train` (1968-2005; free for research with attribution):
{meta["training"]["records"]:,} records, drawn with seed 0 from train less its last 1,500 and
analysed by sitrep with the rules alone; the main attack of each is labelled with the record's weapon by distant
supervision ({counts}). The last 1,500 train records (2005, the `tune` split of `bench/events_rand.py`) choose the
probability; RAND `dev` (2006-07) is never read here.

## Scores

C = {meta["C"]} by 5-fold cross-validation (accuracy {meta["cross_validation"]}). On `tune`, the attacks given a
weapon (not Unknown), the share of those that are right, and of all (records coded Unknown count as wrong
when given a weapon):

| probability | given | right when given | right of all |
|---|---|---|---|
{rows}

On RAND `dev`, never trained or tuned on: the `weapon` figure of `python bench/events_rand.py --split dev`
(`bench/results/events_rand.json`, `docs/benchmarks.md`).
"""
    (out / "MODEL_CARD.md").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("-n", type=int, default=24000, help="RAND train records to learn from")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    started = time.perf_counter()
    fit_rows, tune_rows = rand_train(args.shared, args.n, args.seed)
    print(f"{len(fit_rows)} RAND train records to learn from, {len(tune_rows)} to set the threshold ...", flush=True)
    xs, ys = inputs(fit_rows)
    X, y = matrix(xs), np.array(ys)
    print(f"{X.shape[0]} attacks: {dict(Counter(ys))}; {time.perf_counter() - started:.0f} s", flush=True)
    cv = cv_c(X, y, args.seed)
    c = max(cv, key=lambda k: (cv[k], -k))
    model = fit(X, y, c)
    tx, ty = inputs(tune_rows)
    tuned = tune_threshold(model, matrix(tx), np.array(ty))
    sure = [t for t in P_GRID if tuned[t]["precision"] >= PRECISION]
    tau = max(MIN_PROBABILITY, min(sure)) if sure else max(P_GRID)
    meta = {
        "labels": [str(x) for x in model.classes_],
        "languages": ["en"],
        "min_probability": tau,
        "C": c,
        "command": "python scripts/train_weapons.py",
        "training": {"records": int(X.shape[0]), "labels": dict(Counter(ys).most_common())},
        "cross_validation": cv,
        "tune": tuned,
    }
    meta["seconds"] = round(time.perf_counter() - started)
    write(args.out, model, meta)
    card(args.out, meta)
    print(f"wrote {args.out}: C={c}, min_probability={tau} ({meta['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
