"""The learned event model shared by the ``events`` stage (proposing events the trigger words miss) and the
``coder`` stage (ACLED sub-event types): its features, its weights file and its predictions.

Features of an event (``EventInput``): the words of its sentences (hashed words, lemmas, lemma pairs, trigger
words), the rules' own coding (type, mode, ACLED sub-event type, kinds of actors and targets, killed, hurt,
arrested) and the mean static vector of the words (``knowledge.vectors``: MiniLM-distilled for English, navec for
Russian). A bare sentence with no event has the words only. The model is linear (``sitrep/models/events_acled``,
trained by ``scripts/train_events.py``) in two parts: ``recode`` (labels: ACLED's 25 sub-event types; reads an
event the rules found) and ``detect`` (the same and ``none``, nothing ACLED would code; reads a bare sentence).
numpy only.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from sitrep.errors import ModelError
from sitrep.knowledge.vectors import english, russian
from sitrep.model import Document, Event

NONE = "none"
MODEL = Path(__file__).resolve().parents[1] / "models" / "events_acled"
HASH_BITS = 16
WORD = re.compile(r"\w", re.UNICODE)
DIGIT = re.compile(r"\d")


def norm(word: str) -> str:
    """Lower case; any word with a digit is one word (a figure, a date, a unit number)."""
    return "<num>" if DIGIT.search(word) else word.lower()


@dataclass
class EventInput:
    """What the classifier reads of one event (built from a Document and one of its events, or from a bare
    labelled text with no event, for training)."""

    lang: str
    words: list[str]  # lower-cased tokens of the event's sentences
    lemmas: list[str]
    triggers: list[str] = field(default_factory=list)  # lower-cased lemmas of the trigger words
    rule: dict[str, str | bool | None] = field(default_factory=dict)  # the rules' coding and roles

    def word_names(self) -> list[str]:
        """The sparse features of the words: words, lemmas, lemma pairs."""
        out = [f"w:{w}" for w in self.words] + [f"l:{x}" for x in self.lemmas]
        return out + [f"b:{a}_{b}" for a, b in zip(self.lemmas, self.lemmas[1:], strict=False)]

    def event_names(self) -> list[str]:
        """The sparse features of the event: its trigger words and the rules' coding."""
        out = [f"t:{x}" for x in self.triggers]
        out += [f"r:{k}={v}" for k, v in sorted(self.rule.items()) if v not in (None, False, "")]
        return out if self.rule else [*out, "r:none"]

    def names(self) -> list[str]:
        return self.word_names() + self.event_names()


def event_input(doc: Document, event: Event) -> EventInput:
    """The classifier's view of ``event``: its evidence sentences, triggers and the rules' coding."""
    tokens = doc.layers.tokens
    spans = [(s.start, s.end) for s in event.evidence] or [(0, len(doc.text))]
    chosen = [t for t in tokens if not t.is_space and any(a <= t.start < b for a, b in spans) and WORD.search(t.text)]
    trig = [t for t in tokens if any(s.start <= t.start < s.end for s in event.triggers)]
    kinds = {e.id: e.type for e in doc.entities}
    actors = sorted({kinds.get(a, "") for a in event.actors})
    targets = sorted({kinds.get(a, "") for a in event.targets})
    rule: dict[str, str | bool | None] = {
        "type": event.type,
        "mode": event.mode,
        "acled": event.acled_sub_event_type,
        "killed": bool(event.fatalities and event.fatalities.best),
        "injured": bool(event.injuries and event.injuries.best),
        "arrested": bool(event.arrested and event.arrested.best),
        "modality": event.modality,
    }
    rule |= {f"actor_{k}": True for k in actors if k} | {f"target_{k}": True for k in targets if k}
    return EventInput(
        doc.language or "en",
        [norm(t.text) for t in chosen],
        [norm(t.lemma or t.text) for t in chosen],
        [norm(t.lemma or t.text) for t in trig],
        rule,
    )


def text_input(lang: str, words: list[str], lemmas: list[str]) -> EventInput:
    """A text with no event the rules found: words only (for training on records the rules miss)."""
    return EventInput(lang, [norm(w) for w in words], [norm(x) for x in lemmas])


def bucket(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & ((1 << HASH_BITS) - 1)


def featurize(x: EventInput) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sparse indices, their values, the dense part): the hashed names, binary and scaled to unit length (giving
    the rules' features more weight than a word's lowered the cross-validated accuracy), then the English and the
    Russian mean word vector (the other language's block is zeros), each of unit length."""
    idx = np.unique(np.fromiter((bucket(n) for n in x.names()), dtype=np.int64))
    vals = np.full(len(idx), 1.0 / np.sqrt(max(len(idx), 1)), dtype=np.float32)
    en, ru = english(), russian() if x.lang == "ru" else None
    dense_en = np.zeros(en.dims, dtype=np.float32)
    dense_ru = np.zeros(RU_DIMS, dtype=np.float32)
    if x.lang == "ru" and ru is not None:
        dense_ru = _unit(ru.mean(x.lemmas + x.words))
    else:
        dense_en = _unit(en.mean(x.words))
    return idx, vals, np.concatenate([dense_en, dense_ru])


RU_DIMS = 300  # navec news_v1


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


class Model:
    """The linear model: weights of the sparse (hashed) and the dense features, a bias, the class labels."""

    def __init__(self, sparse: np.ndarray, dense: np.ndarray, bias: np.ndarray, labels: list[str], meta: dict):
        self.sparse, self.dense, self.bias, self.labels, self.meta = sparse, dense, bias, labels, meta
        self.min_probability = float(meta.get("min_probability", 0.0))  # below it the rules' coding stays
        self.detect_probability = float(meta.get("detect_probability", 1.1))  # to propose an event (>1: never)

    def probabilities(self, x: EventInput) -> np.ndarray:
        idx, vals, dense = featurize(x)
        logits = self.sparse[:, idx].astype(np.float32) @ vals + self.dense.astype(np.float32) @ dense + self.bias
        logits -= logits.max()
        p = np.exp(logits)
        return p / p.sum()

    def predict(self, x: EventInput, allowed: Collection[str] | None = None) -> tuple[str, float]:
        """The most probable label (among ``allowed`` ones, their probabilities renormalised) and its probability."""
        p = self.probabilities(x)
        if allowed is not None:
            p = p * np.array([label in allowed for label in self.labels], dtype=np.float32)
            if p.sum() <= 0:
                return NONE, 0.0
            p = p / p.sum()
        k = int(p.argmax())
        return self.labels[k], float(p[k])


PARTS = ("recode", "detect")  # the sub-event type of an event the rules found; an event in a bare sentence


def read_model(folder: Path, part: str) -> Model:
    """One of the two models in ``folder``: ``{part}.npz`` (weights) described by ``meta.json[part]``."""
    try:
        with np.load(folder / f"{part}.npz") as z:
            sparse, dense, bias = z["sparse"], z["dense"], z["bias"].astype(np.float32)
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))[part]
        labels = meta["labels"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"the event classifier in {folder} cannot be read ({exc}); reinstall sitrep") from exc
    if sparse.shape != (len(labels), 1 << HASH_BITS) or dense.shape[0] != len(labels):
        raise ModelError(f"the event classifier in {folder} does not match this sitrep (shape {sparse.shape})")
    return Model(sparse, dense, bias, labels, meta)


@cache
def default_model(part: str) -> Model | None:
    """The shipped model ``part`` (None when the package has none: the rules decide alone)."""
    return read_model(MODEL, part) if (MODEL / f"{part}.npz").is_file() else None
