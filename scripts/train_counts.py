"""Train sitrep's learned count chooser (``sitrep/models/counts``) reproducibly, on two CPU cores.

    pip install -e '.[train]'                       # build time only (scikit-learn)
    python scripts/train_counts.py [-n 12000] [--out sitrep/models/counts]

Distant supervision from RAND RDWTI ``train`` (1968-2005; RAND ``dev`` is never read): each description goes
through sitrep's pipeline without the chooser; for its main attack (the first ASSAULT event it tells, the one
``bench/events_rand.py`` reads first), each candidate of its fatalities and of its injuries
(``sitrep.extract.counts``: the numbers near the event, one unnumbered victim, the rules' answer, "none") is
labelled 1 when its value is the coded count (0 for "none" when the record codes 0), else 0. The model is a
conditional logit (a softmax over the candidates of one count, scipy L-BFGS) over the chooser's hashed features.
``n`` records are drawn with a fixed seed from train less its last 1,500 (the ``tune`` split of
``bench/events_rand.py``); C and, per count, the two probabilities (to change a count, to take one away) are
chosen by 5-fold cross-validation over records, on the bench's own scores (exact when coded, none invented when
not); the ``tune`` records are a held-out check only.
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
OUT = ROOT / "sitrep" / "models" / "counts"
TUNE = 1500
C_GRID = (16.0, 64.0)
P_GRID = (0.6, 0.7, 0.8, 0.9, 1.1)  # a change needs a clear majority of the probability
sys.path.insert(0, str(ROOT / "bench"))


def rand_train(shared: Path, n: int, seed: int) -> tuple[list[dict], list[dict]]:
    """(n records drawn from train less its last TUNE, the last TUNE records)."""
    rows = [json.loads(x) for x in (shared / "data/events/rand-rdwti/train.jsonl").open(encoding="utf-8")]
    fit, tune = rows[:-TUNE], list(deque(rows, maxlen=TUNE))
    drawn = random.Random(seed).sample(fit, min(n, len(fit)))
    return [r for r in drawn if (r.get("description") or "").strip()], tune


def docs_of(rows: list[dict]) -> list:
    """The records analysed by the pipeline without the chooser (the counts as the rules give them)."""
    from sitrep.core import analyze_documents
    from sitrep.extract import counts
    from sitrep.io.ingest import read_text

    counts.default_model.cache_clear()
    counts.MODEL = Path("/nonexistent")  # no chooser: it learns to choose over the rules' answers
    texts = (read_text(r["description"], doc_id=r["id"], published=r["date"]) for r in rows)
    return list(analyze_documents(texts))


def analysed(fit_rows: list[dict], tune_rows: list[dict], keep: Path | None) -> tuple[list, list]:
    """The analysed documents of both sets (read back from ``keep`` when it was written for these records: the
    features can then change without analysing the records again)."""
    import pickle

    ids = [r["id"] for r in fit_rows + tune_rows]
    if keep is not None and keep.is_file():
        with keep.open("rb") as f:
            kept = pickle.load(f)  # a file this script wrote
        if kept["ids"] == ids:
            return kept["fit"], kept["tune"]
    fit_docs, tune_docs = docs_of(fit_rows), docs_of(tune_rows)
    if keep is not None:
        with keep.open("wb") as f:
            pickle.dump({"ids": ids, "fit": fit_docs, "tune": tune_docs}, f)
    return fit_docs, tune_docs


def items_of(rows: list[dict], docs: list) -> list[dict]:
    """Per record and count: the coded value, the rules' answer of the main attack, the largest count of the
    other attacks, and the main attack's candidates (value, feature names, label)."""
    from events_rand import lead

    from sitrep.extract.counts import FIELDS, Reader, added_up

    out = []
    for row, doc in zip(rows, docs, strict=True):
        attacks = [ev for ev in doc.events if ev.type == "ASSAULT"]
        main = lead(attacks)
        reader = Reader(doc) if main is not None else None
        for field in FIELDS:
            told = [getattr(e, field) for e in attacks if e is not main and getattr(e, field)]
            others = max((c.best or 0 for c in told), default=0)
            rule = (getattr(main, field).best or 0) if main is not None and getattr(main, field) else 0
            cands, summed = [], False
            if reader is not None and main is not None:
                found = reader.candidates(main, field)
                summed = added_up(found)
                cands = [
                    (c.value, c.names, int(c.value == row[field]), c.mention is not None or c.value == 0)
                    for c in found
                ]
            out.append(
                {"field": field, "gold": row[field], "rule": rule, "others": others, "candidates": cands}
                | {"added_up": summed}
            )
    return out


def matrix(items: list[dict]):
    from scipy.sparse import csr_matrix

    from sitrep.extract.learned import HASH_BITS, hashed

    rows, cols, vals, y, group = [], [], [], [], []
    n = 0
    for g, item in enumerate(items):
        for _v, names, label, _ok in item["candidates"]:
            idx, v = hashed(names)
            rows += [n] * len(idx)
            cols += idx.tolist()
            vals += v.tolist()
            y.append(label)
            group.append(g)
            n += 1
    X = csr_matrix((vals, (rows, cols)), shape=(n, 1 << HASH_BITS), dtype=np.float32)
    return X, np.array(y), np.array(group)


class Ranker:
    """A conditional logit over the candidates of one count: each candidate's score w.x, softmax within its
    count, the log of the right candidates' share maximised (L2 weight 1/C; L-BFGS, scipy). Counts with no right
    candidate teach nothing and are left out."""

    def __init__(self, w: np.ndarray):
        self.coef_ = w[None, :]
        self.intercept_ = np.zeros(1)

    def decision_function(self, X) -> np.ndarray:
        return X @ self.coef_[0]


def fit(X, y, c: float, group) -> Ranker:
    from scipy.optimize import minimize

    keep_groups = np.unique(group[y == 1])
    keep = np.isin(group, keep_groups)
    X, y, group = X[keep], y[keep].astype(np.float64), group[keep]
    _, g = np.unique(group, return_inverse=True)
    n_groups = int(g.max()) + 1 if len(g) else 0
    X64 = X.astype(np.float64).tocsr()

    def group_lse(s: np.ndarray, mask: np.ndarray) -> np.ndarray:
        top = np.full(n_groups, -np.inf)
        np.maximum.at(top, g[mask], s[mask])
        total = np.zeros(n_groups)
        np.add.at(total, g[mask], np.exp(s[mask] - top[g[mask]]))
        return top + np.log(total)

    right = y > 0
    everyone = np.ones_like(right)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = X64 @ w
        all_lse, right_lse = group_lse(s, everyone), group_lse(s, right)
        p = np.exp(s - all_lse[g])
        q = np.where(right, np.exp(s - right_lse[g]), 0.0)
        value = float((all_lse - right_lse).sum()) + 0.5 / c * float(w @ w)
        return value, X64.T @ (p - q) + w / c

    w0 = np.zeros(X.shape[1])
    res = minimize(loss, w0, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return Ranker(res.x.astype(np.float32))


def decide(item: dict, probs, sure: float, sure_none: float) -> int:
    """The main attack's count after the chooser (as ``sitrep.extract.counts.choose``): the value whose
    candidates share the most probability."""
    rule = item["rule"]
    if not item["candidates"] or len(probs) == 0:
        return rule
    share: dict[int, float] = {}
    usable: set[int] = set()
    for (value, _names, _label, ok), p in zip(item["candidates"], probs, strict=True):
        share[value] = share.get(value, 0.0) + p
        usable |= {value} if ok else set()
    value = max(share, key=lambda v: share[v])
    if value == rule or value not in usable or item["added_up"]:
        return rule
    if value == 0:
        return 0 if share[value] >= sure_none else rule
    return value if share[value] >= sure else rule


def scores(items: list[dict], probs: list, sure: float, sure_none: float) -> dict[str, float]:
    """The bench's four count scores (largest count over the attacks) with these probabilities."""
    tally: dict[str, list[int]] = {}
    for item, p in zip(items, probs, strict=True):
        found = max(decide(item, p, sure, sure_none), item["others"])
        key = f"{item['field']}_exact" if item["gold"] > 0 else f"{item['field']}_none_invented"
        ok = found == item["gold"] if item["gold"] > 0 else found == 0
        tally.setdefault(key, [0, 0])
        tally[key][0] += int(ok)
        tally[key][1] += 1
    return {k: round(a / b, 4) for k, (a, b) in sorted(tally.items())}


def _objective(s: dict[str, float], rules: dict[str, float], field: str) -> float:
    """The sum of ``field``'s two scores, when neither falls below the rules' (else -inf)."""
    mine = {k: v for k, v in s.items() if k.startswith(field)}
    if any(v < rules[k] for k, v in mine.items()):
        return float("-inf")
    return sum(mine.values())


def probs_of(model, X, group, n_items: int) -> list:
    """Per count, its candidates' probabilities: a softmax of their scores (as ``counts.choose``)."""
    s = model.decision_function(X) if X.shape[0] else np.zeros(0)
    out: list = [[] for _ in range(n_items)]
    for k, v in zip(group, s, strict=True):
        out[k].append(float(v))
    for k, scores_ in enumerate(out):
        if scores_:
            e = np.exp(np.array(scores_) - max(scores_))
            out[k] = (e / e.sum()).tolist()
    return out


def cross_validate(items: list[dict], X, y, group) -> tuple[float, dict, dict, dict]:
    """C and, for each count, the two probabilities by 5-fold cross-validation over records (the two counts of
    a record fall in one fold): the largest sum of the count's two scores that lowers neither (a probability of
    1.1 leaves the count to the rules)."""
    from sitrep.extract.counts import FIELDS

    record = group // 2
    folds = np.array_split(np.random.default_rng(0).permutation(np.unique(record)), 5)
    rules = scores(items, [[] for _ in items], 1.1, 1.1)
    report: dict = {"rules": rules}
    best: dict = {f: (float("-inf"), 1.0, 1.1, 1.1) for f in FIELDS}
    by_c: dict = {}
    for c in C_GRID:
        oof: list = [[] for _ in items]
        for test in folds:
            is_test = np.isin(record, test)
            model = fit(X[~is_test], y[~is_test], c, group[~is_test])
            p = probs_of(model, X[is_test], group[is_test], len(items))
            for g in np.unique(group[is_test]):
                oof[g] = p[g]
        by_c[c] = oof
    # one C for both counts (one model): the one whose best thresholds give the largest sum of all four scores
    total = {}
    for c, oof in by_c.items():
        here = {}
        for f in FIELDS:
            here[f] = max(
                ((_objective(scores(items, oof, a, b), rules, f), c, a, b) for a in P_GRID for b in P_GRID),
                key=lambda t: t[0],
            )
        total[c] = (sum(v[0] for v in here.values()), here)
        print(f"  C={c}: {total[c]}", flush=True)
    c = max(total, key=lambda k: total[k][0])
    best = total[c][1]
    sure = {f: best[f][2] for f in FIELDS}
    sure_none = {f: best[f][3] for f in FIELDS}
    report["chooser"] = scores_by_field(items, by_c[c], sure, sure_none)
    return c, sure, sure_none, report


def scores_by_field(items: list[dict], probs: list, sure: dict, sure_none: dict) -> dict[str, float]:
    """The four scores with each count's own probabilities."""
    out: dict[str, float] = {}
    for f in sure:
        out |= {k: v for k, v in scores(items, probs, sure[f], sure_none[f]).items() if k.startswith(f)}
    return out


def write(out: Path, model, meta: dict) -> None:
    from sitrep.extract.learned import HASH_BITS

    out.mkdir(parents=True, exist_ok=True)
    w = model.coef_.astype(np.float32)[0]
    sparse = np.stack([np.zeros_like(w), w]).astype(np.float16)  # two classes: a softmax of (0, w.x + b)
    bias = np.array([0.0, float(model.intercept_[0])], dtype=np.float32)
    assert sparse.shape == (2, 1 << HASH_BITS)
    np.savez_compressed(out / "choose.npz", sparse=sparse, dense=np.zeros((2, 0), dtype=np.float16), bias=bias)
    (out / "meta.json").write_text(json.dumps({"choose": meta}, indent=1) + "\n", encoding="utf-8")


def card(out: Path, meta: dict) -> None:
    train, cv, tune = meta["training"], meta["cross_validation"], meta["tune"]
    chosen = cv["chooser"]
    rows = "\n".join(
        f"| {k} | {cv['rules'][k]:.3f} | {chosen[k]:.3f} | {tune['rules'][k]:.3f} | {tune['chooser'][k]:.3f} |"
        for k in chosen
    )
    text = f"""# sitrep counts — the learned choice of an attack's fatality and injury counts

A conditional logit (a softmax over the candidates of one count; scipy's L-BFGS at build time, numpy at run
time) over hashed features of each candidate for an ASSAULT event's fatalities or injuries: a number mention
near the event (the words either side of it, its unit, its path in the parse up to a casualty word and that
word's kind, the nearest casualty word, tally, part and attacker cues — `count_cues` in
`sitrep/knowledge/data/events_en.yaml` — its rank, whether it is the largest), one victim with no number (the
words a casualty word governs), the rules' own answer, or "none" — each with the rules' verdict. Read by
`sitrep/extract/counts.py` (the `counts` stage), which sums the probabilities of the candidates of one value and
changes a count only when the best value has at least `probability` ({meta["probability"]}), takes one away at
`none_probability` ({meta["none_probability"]}), and leaves a count the rules added up from several numbers
alone. Trained by `{meta["command"]}` (seed 0; analysing the records takes most of its 10-15 minutes on two
cores; `--docs FILE` keeps them for a second run). English only (`languages` in `meta.json`): Russian
documents keep the rules' counts.

## Data and licence

RAND Database of Worldwide Terrorism Incidents, `train` (1968-2005; free for research with attribution):
{train["rand_train_records"]:,} records drawn with seed 0 from train less its last 1,500, analysed by sitrep
without the chooser; {train["candidates"]:,} (count, candidate) pairs, {train["right"]:,} of them labelled right by
distant supervision (the candidate's value is the coded count). C and the two probabilities are chosen by 5-fold
cross-validation over records, the largest sum of the four scores below that keeps both "none invented" scores
at least the rules'. The last 1,500 train records (2005, the `tune` split of `bench/events_rand.py`) are a held-out
check; RAND `dev` (2006-07) is never read here.

## Scores

C = {meta["C"]}. Record-level scores of the main attack's counts (the largest over the attacks, as the bench):

| score | rules, cross-validation | chooser, cross-validation | rules, tune | chooser, tune |
|---|---|---|---|---|
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
    ap.add_argument("--docs", type=Path, help="keep the analysed documents in this file, and read them back")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    fit_rows, tune_rows = rand_train(args.shared, args.n, args.seed)
    print(f"{len(fit_rows)} RAND train records to learn from, {len(tune_rows)} to check on ...", flush=True)
    fit_docs, tune_docs = analysed(fit_rows, tune_rows, args.docs)
    items = items_of(fit_rows, fit_docs)
    X, y, group = matrix(items)
    print(f"{X.shape[0]} candidates ({int(y.sum())} right); {time.perf_counter() - started:.0f} s", flush=True)
    wrong = [i for i in items if (i["rule"] if i["gold"] > 0 else i["rule"] > 0) != i["gold"]]
    reachable = sum(any(c[2] for c in i["candidates"]) for i in wrong)
    print(f"  the rules wrong on {len(wrong)} counts; a right candidate among them for {reachable}", flush=True)
    c, sure, sure_none, cv = cross_validate(items, X, y, group)
    model = fit(X, y, c, group)
    tune_items = items_of(tune_rows, tune_docs)
    Xt, _yt, gt = matrix(tune_items)
    pt = probs_of(model, Xt, gt, len(tune_items))
    tune = {
        "rules": scores(tune_items, [[] for _ in tune_items], 1.1, 1.1),
        "chooser": scores_by_field(tune_items, pt, sure, sure_none),
    }
    print(f"  tune: {tune}", flush=True)
    meta = {
        "labels": ["no", "yes"],
        "languages": ["en"],
        "probability": sure,
        "none_probability": sure_none,
        "C": c,
        "command": "python scripts/train_counts.py",
        "training": {"rand_train_records": len(fit_rows), "candidates": int(X.shape[0]), "right": int(y.sum())},
        "cross_validation": cv,
        "tune": tune,
    }
    meta["seconds"] = round(time.perf_counter() - started)
    write(args.out, model, meta)
    card(args.out, meta)
    print(f"wrote {args.out}: C={c}, probability={sure}, none_probability={sure_none} ({meta['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
