"""The learned event model shared by the ``events`` stage (proposing events the trigger words miss) and the
``coder`` stage (ACLED sub-event types): its features, its weights file and its predictions.

Features of an event (``EventInput``): the words of its sentences (hashed words, lemmas, lemma pairs, trigger
words), the rules' own coding (type, mode, ACLED sub-event type, kinds of actors and targets, armed parties on
both sides or on one, killed, hurt, arrested) and the mean static vector of the words (``knowledge.vectors``:
MiniLM-distilled for English, navec for Russian). A bare sentence with no event has the words only. The model is
linear (``sitrep/models/events_acled``, trained by ``scripts/train_events.py``) in two parts: ``recode`` (labels:
ACLED's 25 sub-event types; reads an event the rules found) and ``detect`` (the same and ``none``, nothing ACLED
would code; reads a bare sentence).
numpy only.
"""

from __future__ import annotations

import json
import re
import zlib
from bisect import bisect_left
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from sitrep.errors import ModelError
from sitrep.knowledge.languages import lexicons
from sitrep.knowledge.ontology import ontology
from sitrep.knowledge.vectors import english, russian
from sitrep.model import Document, Event

NONE = "none"
MODEL = Path(__file__).resolve().parents[1] / "models" / "events_acled"
WEAPONS = MODEL.parent / "weapons"  # the GTD weapon type of an attack (scripts/train_weapons.py)
HASH_BITS = 16
HASH_MASK = (1 << HASH_BITS) - 1  # a feature name's bucket: the low HASH_BITS bits of its CRC-32
WORD = re.compile(r"\w", re.UNICODE)
DIGIT = re.compile(r"\d")
RU_DIMS = 300  # navec news_v1
MAX_WORDS = 400  # the words of an event read at most (training records are a few sentences)


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

    def names(self) -> list[str]:
        """The sparse feature names: words, lemmas, lemma pairs, trigger words and the rules' coding."""
        out = [f"w:{w}" for w in self.words] + [f"l:{x}" for x in self.lemmas]
        out += [f"b:{a}_{b}" for a, b in zip(self.lemmas, self.lemmas[1:], strict=False)]
        out += [f"t:{x}" for x in self.triggers]
        out += [f"r:{k}={v}" for k, v in sorted(self.rule.items()) if v not in (None, False, "")]
        return out if self.rule else [*out, "r:none"]


class DocIndex:
    """What ``event_input`` looks up in a document, built once for all its events: token starts (for bisection)
    and the kind of each entity."""

    def __init__(self, doc: Document):
        self.tokens = doc.layers.tokens
        self.starts = [t.start for t in self.tokens]
        self.kinds = {e.id: e.type for e in doc.entities}

    def tokens_in(self, start: int, end: int) -> list:
        return self.tokens[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


def event_input(doc: Document, event: Event, index: DocIndex | None = None, roles: bool = False) -> EventInput:
    """The classifier's view of ``event``: its evidence sentences, triggers and the rules' coding; with ``roles``
    also the grammatical role of each weapon word (``weapon_nsubj``: "a bomb destroyed three vehicles" is an
    explosion, ``weapon_obj``: "police defused a bomb" is none). Pass one ``index`` for all the events of a
    document: each look-up then costs the size of its answer."""
    index = index or DocIndex(doc)
    spans = [(s.start, s.end) for s in event.evidence] or [(0, len(doc.text))]
    chosen = [t for a, b in spans for t in index.tokens_in(a, b) if not t.is_space and WORD.search(t.text)]
    chosen = chosen[:MAX_WORDS]  # a runaway "sentence" (a wall of text) is read no further than a long report
    trig = [t for s in event.triggers for t in index.tokens_in(s.start, s.end)]
    kinds = index.kinds
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
    rule |= sides(actors, targets)
    if roles:
        told = weapon_words(doc.language or "en")[0]
        rule |= {
            f"weapon_{t.dep.split(':')[0]}": True for t in chosen if t.text.lower() in told or norm(t.lemma) in told
        }
    return EventInput(
        doc.language or "en",
        [norm(t.text) for t in chosen],
        [norm(t.lemma or t.text) for t in chosen],
        [norm(t.lemma or t.text) for t in trig],
        rule,
    )


ARMED = ("armed_group", "security_force")


def sides(actors: list[str], targets: list[str]) -> dict[str, str | bool | None]:
    """What the kinds of an event's parties tell of ACLED's line between a battle and one-sided violence, as one
    feature each (the linear model cannot join two of its own): ``armed_sides``, armed parties on both sides, or
    state forces and an armed group side by side as actors ("soldiers and militants exchanged fire");
    ``one_sided``, armed actors and no armed party among the targets."""
    armed_actors = {k for k in actors if k in ARMED}
    armed_targets = {k for k in targets if k in ARMED}
    both = bool(armed_actors and armed_targets) or len(armed_actors) == len(ARMED)
    return {"armed_sides": both, "one_sided": bool(armed_actors) and not armed_targets and not both}


@cache
def weapon_words(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words (and phrases) that tell a weapon was used: every weapon cue, incendiary weapon and
    ``weapon_evidence`` word of the language's lexicon, lower case."""
    data = lexicons(lang).events
    words = [w for ws in data["weapons"].values() for w in ws] + list(data["incendiary_weapons"])
    words += data["weapon_evidence"]
    single = frozenset(w.lower() for w in words if " " not in w)
    return single, tuple(sorted({w.lower() for w in words if " " in w}))


def untold(x: EventInput) -> frozenset[str]:
    """The sub-event types the event's words give no ground for: ACLED's protest types (``acled_needs_protest`` in
    ``ontology.yaml``) when no word tells of a demonstration (``protest_words`` of the language's lexicon; Russian
    ones are stems): "gunmen opened fire on a bus" is no excessive force against protesters."""
    words, needs = _protest(x.lang)
    told = (
        any(w.startswith(words) for w in x.lemmas)
        if x.lang == "ru"
        else not {*x.words, *(w.lower() for w in x.lemmas)}.isdisjoint(words)
    )
    return frozenset() if told else needs


@cache
def _protest(lang: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The language's protest words (stems in Russian) and the sub-event types that need one, read once."""
    words = tuple(lexicons(lang).events.get("protest_words", ()))
    return words, frozenset(ontology()["acled_needs_protest"])


def language_floor(meta: dict, lang: str) -> float:
    """The least probability a model's answer needs in ``lang`` (``min_probability_by_language``: a language with
    fewer training records, Russian)."""
    return float(meta.get("min_probability_by_language", {}).get(lang, 0.0))


def text_input(lang: str, words: list[str], lemmas: list[str]) -> EventInput:
    """A text with no event the rules found: words only (for training on records the rules miss)."""
    return EventInput(lang, [norm(w) for w in words], [norm(x) for x in lemmas])


def bucket(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & HASH_MASK


def hashed(names: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
    """Feature names hashed into buckets, binary and scaled to unit length: (indices, values). The sparse block
    of every linear model here (the event coder, the perpetrator linker, the count chooser)."""
    crcs = np.fromiter((zlib.crc32(n.encode("utf-8")) for n in names), dtype=np.int64)  # bucket(n) for all at once
    idx = np.unique(crcs & HASH_MASK)
    return idx, np.full(len(idx), 1.0 / np.sqrt(max(len(idx), 1)), dtype=np.float32)


def featurize(x: EventInput) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sparse indices, their values, the dense part): the hashed names, binary and scaled to unit length (giving
    the rules' features more weight than a word's lowered the cross-validated accuracy), then the English and the
    Russian mean word vector (the other language's block is zeros), each of unit length."""
    idx, vals = hashed(x.names())
    dense_en = np.zeros(english().dims, dtype=np.float32)
    dense_ru = np.zeros(RU_DIMS, dtype=np.float32)
    if x.lang == "ru":
        dense_ru = _unit(russian().mean(x.lemmas + x.words))
    else:
        dense_en = _unit(english().mean(x.words))
    return idx, vals, np.concatenate([dense_en, dense_ru])


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


class Model:
    """The linear model: weights of the sparse (hashed) and the dense features, a bias, the class labels."""

    def __init__(self, sparse: np.ndarray, dense: np.ndarray, bias: np.ndarray, labels: list[str], meta: dict):
        self.sparse, self.bias, self.labels, self.meta = sparse, bias, labels, meta
        self.dense = dense.astype(np.float32)  # small: converted once, not at every prediction
        self.min_probability = float(meta.get("min_probability", 0.0))  # below it the rules' coding stays
        self.detect_probability = float(meta.get("detect_probability", 1.1))  # to propose an event (>1: never)
        # in a short text (a wire item, a dataset's note: what the model was trained on) it needs less
        self.detect_probability_short = float(meta.get("detect_probability_short", self.detect_probability))

    def probabilities(self, x: EventInput) -> np.ndarray:
        return self.probabilities_of(*featurize(x))

    def probabilities_of(self, idx: np.ndarray, vals: np.ndarray, dense: np.ndarray | None = None) -> np.ndarray:
        """The label probabilities of one featurized input (``dense`` None: a model with no dense part)."""
        logits = self.sparse[:, idx].astype(np.float32) @ vals + self.bias
        if dense is not None:
            logits += self.dense @ dense
        logits -= logits.max()
        p = np.exp(logits)
        return p / p.sum()

    def predict(self, x: EventInput, allowed: Collection[str] | None = None) -> tuple[str, float]:
        """The most probable label (among ``allowed`` ones) and its probability — the model's own, not
        renormalised over the allowed labels: a label the model gives little weight is no surer for being the
        best of a few ("an army strike" is no territory taken because clashes are ruled out)."""
        p = self.probabilities(x)
        if allowed is not None:
            p = p * np.array([label in allowed for label in self.labels], dtype=np.float32)
            if p.sum() <= 0:
                return NONE, 0.0
        k = int(p.argmax())
        return self.labels[k], float(p[k])


def read_model(folder: Path, part: str) -> Model:
    """One of the two models in ``folder`` — ``recode`` (the sub-event type of an event the rules found) or
    ``detect`` (an event in a bare sentence): ``{part}.npz`` (weights) described by ``meta.json[part]``."""
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
def default_model(part: str, folder: Path | None = None) -> Model | None:
    """The shipped model ``part`` in ``folder``, by default ``MODEL`` as it is when first asked (a training script
    points it at the model it just wrote); None when the package has none: the rules decide alone."""
    folder = folder or MODEL
    return read_model(folder, part) if (folder / f"{part}.npz").is_file() else None
