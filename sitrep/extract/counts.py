"""The ``counts`` stage: fatality and injury counts of attacks chosen by a learned model over the rules' answers.

"Gunmen killed a policeman and his driver; 11 other people died in the blast": the rules read a count from the
parse next to each casualty word, and a tally, a part ("including two children") or a figure the parse did not
join can mislead them. For every ASSAULT event of an English document, and for each of its fatalities and
injuries, the candidates are the number mentions (digits and words) of the event's sentences and the one after
it in its paragraph, one victim told with no number ("a police officer" = 1), the rules' own answer (a sum) and
"none" (0). A linear model (``sitrep/models/counts``, ``scripts/train_counts.py``: RAND train by distant
supervision, a candidate labelled right when its value is the coded count; a softmax over one count's candidates)
reads each candidate's words around it, its path in the parse to the casualty words, the nearest casualty word's
kind, tally, part and attacker cues, the rules' verdict; the most probable value (its candidates' probabilities
summed) replaces the rules' answer only when it is at least ``probability`` likely (``none_probability`` to take
a count away; both by count, in ``meta.json``); otherwise the rules stand. ``event_coder = "rules"`` skips the
stage; Russian documents keep the rules' counts (the model is trained on English only).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path

import numpy as np

from sitrep.model import Count, Document, Event, TextSpan
from sitrep.pipeline import Stage, stage
from sitrep.settings import Settings

from .context import Context
from .events.casualty_words import not_its_own
from .learned import Model, hashed, read_model

MODEL = Path(__file__).resolve().parents[1] / "models" / "counts"
FIELDS = ("fatalities", "injuries")
KINDS = {"fatalities": "killed", "injuries": "hurt", "arrested": "held"}
COUNTED = frozenset({"count", "range"})  # number labels that can count people
COUNTED_TYPES = frozenset({"ASSAULT"})
AFTER = 1  # sentences after the event's last one read for its counts (in its paragraph)


@cache
def default_model() -> Model | None:
    """The shipped count chooser (None when the package has none)."""
    return read_model(MODEL, "choose") if (MODEL / "choose.npz").is_file() else None


def make(settings: Settings) -> Stage:
    """The stage for these settings: the learned chooser (``event_coder = "learned"``, the default) or nothing."""
    learned = settings.event_coder == "learned"

    @stage("counts", needs=("events",), adds=("counts",))
    def counts(doc: Document) -> Document:
        model = default_model() if learned else None
        if model is None or (doc.language or "en") not in model.meta.get("languages", ["en"]):
            return doc
        return choose(doc, model)

    return counts


@dataclass
class Candidate:
    """One possible answer for a count of an event: its value, the number mention it is (None for the rules'
    answer and for "none") and the names of its features."""

    value: int
    mention: TextSpan | None
    names: list[str]


def choose(doc: Document, model: Model) -> Document:
    """Every ASSAULT event's fatalities and injuries: the model's answer where it is sure, else the rules'."""
    if not any(e.type in COUNTED_TYPES for e in doc.events):
        return doc  # nothing to read: the document's parse is not looked at
    reader = Reader(doc)
    sure = model.meta.get("probability", {})
    sure_none = model.meta.get("none_probability", {})
    for event in doc.events:
        if event.type not in COUNTED_TYPES:
            continue
        for field in FIELDS:
            found = reader.candidates(event, field)
            if not found:
                continue
            scores = np.array([score(model, c.names) for c in found])
            p = np.exp(scores - scores.max())
            p /= p.sum()
            share: dict[int, float] = {}
            for c, pc in zip(found, p, strict=True):
                share[c.value] = share.get(c.value, 0.0) + float(pc)
            value = max(share, key=lambda v: share[v])
            rule = getattr(event, field)
            if value == ((rule.best or 0) if rule else 0) or added_up(found):
                continue
            if value == 0 and share[value] >= sure_none.get(field, 1.1):
                setattr(event, field, None)
            elif value > 0 and share[value] >= sure.get(field, 1.1):
                m = next((c.mention for c in found if c.value == value and c.mention is not None), None)
                if m is not None:
                    setattr(event, field, Count(value, value, value, doc.text[m.start : m.end]))
    return doc


def added_up(found: list[Candidate]) -> bool:
    """Is the rules' answer a sum no single number tells ("four boys, three men and two women were killed")?
    The model reads one number at a time and cannot add: such a count stays the rules'."""
    rule = next((c.value for c in found if c.mention is None and c.value > 0 and c.names[0].endswith("|rule")), 0)
    return rule > 0 and all(c.value != rule for c in found if c.mention is not None)


def score(model: Model, names: list[str]) -> float:
    """A candidate's score: the model's weights of its hashed features (a softmax over one count's candidates
    gives their probabilities)."""
    idx, vals = hashed(names)
    return float(model.sparse[1, idx].astype(np.float32) @ vals)


class Reader:
    """What the chooser reads of one document: the parse, sentences and paragraphs, number mentions, and the
    casualty words of each sentence (found once, as they are asked for)."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.ctx = Context(doc)
        self.parse = self.ctx.parse
        self.tokens = doc.layers.tokens
        data = self.ctx.lex.events
        self.phrases: dict[str, list[tuple[list[str], str]]] = {}
        for kind, ws in data["casualties"].items():
            for w in ws:
                words = w.lower().split()
                self.phrases.setdefault(words[0], []).append((words, kind))
        cues = data.get("count_cues", {})
        self.tally = frozenset(cues.get("tally", ()))
        self.part = frozenset(cues.get("part", ()))
        self.attacker = frozenset(cues.get("attacker", ()))
        self.units = self.ctx.lex.person_units
        self.kinds: dict[int, dict[int, str]] = {}  # sentence -> {token: casualty kind}

    def casualties(self, s: int) -> dict[int, str]:
        """The casualty words of sentence ``s`` (the first token of each phrase) and their kinds."""
        if s not in self.kinds:
            found: dict[int, str] = {}
            toks = self.parse.sentence_tokens(s)
            texts = [self.tokens[k].text.lower() for k in toks]
            for at, k in enumerate(toks):
                for words, kind in self.phrases.get(texts[at], ()):
                    if texts[at : at + len(words)] == words:
                        gone = not_its_own(self.ctx, toks, at, infinitive=False)
                        found[k] = f"un_{kind}" if gone else kind
                        break
            self.kinds[s] = found
        return self.kinds[s]

    def sentences(self, event: Event) -> list[int]:
        """The event's sentences and the next ``AFTER`` in its paragraph."""
        own = sorted({s for e in event.evidence if (s := self.ctx.sentence_at(e.start)) is not None})
        if not own:
            return []
        para = self.ctx.paragraphs
        more = [s for s in range(own[-1] + 1, own[-1] + 1 + AFTER) if s < len(para) and para[s] == para[own[-1]]]
        return own + [s for s in more if s not in own]

    def candidates(self, event: Event, field: str) -> list[Candidate]:
        """The numbers near the event, the rules' answer and "none", each with its features for ``field``."""
        sents = self.sentences(event)
        if not sents:
            return []
        own = set(s for e in event.evidence if (s := self.ctx.sentence_at(e.start)) is not None)
        rules = {f: (c.best or 0) if (c := getattr(event, f)) else 0 for f in FIELDS}
        other = next(f for f in FIELDS if f != field)
        tag = KINDS[field]
        told = {kind for s in sents for kind in self.casualties(s).values()}
        numbers = [n for s in sents for n in self.ctx.numbers_in(s, COUNTED) if _value(n) is not None]
        out = []
        top = max((_value(n) or 0 for n in numbers), default=0)
        for rank, n in enumerate(numbers):
            v = _value(n)
            assert v is not None
            names = self.number_features(n, field, own)
            names += ["largest"] * (v == top) + [f"{x}&eq_rule:{v == rules[field]}" for x in names if x[:5] == "near:"]
            names += [f"rank:{min(rank, 3)}", f"of:{min(len(numbers), 4)}"]
            names += ["eq_rule"] * (v == rules[field]) + ["eq_other_rule"] * (v == rules[other] and v > 0)
            names += ["rule_none"] * (rules[field] == 0)
            out.append(Candidate(v, n, [f"{tag}|{x}" for x in [*names, *_size(v)]]))
        if not any(c.value == 1 for c in out):
            out.append(self.one(sents, field, rules))
        values = {c.value for c in out}
        if rules[field] > 0:
            names = ["rule", f"rule_in_numbers:{rules[field] in values}", *_size(rules[field])]
            names += ["eq_other_rule"] * (rules[field] == rules[other])
            out.append(Candidate(rules[field], None, [f"{tag}|{x}" for x in names]))
        names = ["none", f"rule_none:{rules[field] == 0}", f"told:{field in told}", f"numbers:{min(len(numbers), 4)}"]
        names += [f"told_other:{other in told}"]
        out.append(Candidate(0, None, [f"{tag}|{x}" for x in names]))
        return out

    def one(self, sents: list[int], field: str, rules: dict[str, int]) -> Candidate:
        """One victim with no number: "gunmen killed a police officer", "the body of the mayor was found" — read
        from the casualty words of the count's kind and the words they govern (singular, plural, named)."""
        tokens, tag = self.tokens, KINDS[field]
        names = ["one", f"rule_none:{rules[field] == 0}", f"eq_rule:{rules[field] == 1}"]
        victim: TextSpan | None = None
        for s in sents:
            for k, kind in self.casualties(s).items():
                if kind != field:
                    continue
                names.append(f"word:{_lemma(tokens[k])}")
                for c in self.parse.children[k] if k < len(self.parse.children) else ():
                    dep = tokens[c].dep.split(":")[0]
                    if dep in ("nsubj", "nsubjpass", "dobj", "obj", "pobj", "attr", "appos"):
                        names.append(f"victim:{dep}:{tokens[c].tag}")
                        if tokens[c].tag in ("NN", "NNP") and victim is None:
                            a, b = self.parse.span_of_subtree(c, without=("relcl", "acl", "punct"))
                            victim = TextSpan(a, b, "one", self.doc.text[a:b], None)
                head = tokens[k].head
                if 0 <= head < len(tokens) and head != k:
                    names.append(f"head:{tokens[k].dep}:{tokens[head].tag}")
        return Candidate(1, victim, [f"{tag}|{x}" for x in names])

    def number_features(self, n: TextSpan, field: str, own: set[int]) -> list[str]:
        """A number's words around it, its unit, its path in the parse to casualty words, the nearest one."""
        toks = self.parse.tokens_in(n.start, n.end)
        if not toks:
            return ["notoken"]
        tokens = self.tokens
        first, last = toks[0], toks[-1]
        sent = tokens[first].sent
        out = ["bias", f"label:{n.label}", f"own:{sent in own}"]
        unit = (getattr(n.value, "unit", None) or "").lower()
        out += [f"unit:{unit}", f"person_unit:{unit in self.units}"] if unit else ["no_unit"]
        out += ["approx"] * bool(getattr(n.value, "approx", False))
        for at, i in (("w-1", first - 1), ("w-2", first - 2), ("w+1", last + 1), ("w+2", last + 2), ("w+3", last + 3)):
            if 0 <= i < len(tokens) and tokens[i].sent == sent:
                w = _lemma(tokens[i])
                out.append(f"{at}:{w}")
                out += [f"{at}:tally"] * (w in self.tally) + [f"{at}:part"] * (w in self.part)
        before = [_lemma(tokens[i]) for i in range(max(0, first - 6), first) if tokens[i].sent == sent]
        out += ["tally_before"] * any(w in self.tally for w in before)
        out += ["part_before"] * any(w in self.part for w in before)
        after = range(first, min(len(tokens), last + 4))
        out += ["attacker_near"] * any(_lemma(tokens[i]) in self.attacker for i in after if tokens[i].sent == sent)
        casualties = self.casualties(sent)
        head = self.parse.head_of_span(n.start, n.end)
        h = head if head is not None else last
        out.append(f"dep:{tokens[h].dep}")
        chain = [h, *islice(self.parse.ancestors(h), 4)]
        for depth, a in enumerate(chain[1:], 1):
            out.append(f"anc{min(depth, 3)}:{_lemma(tokens[a])}")
            if a in casualties:
                rel = _rel(casualties[a], field)
                out += [f"path:{rel}", f"path{min(depth, 3)}:{rel}", f"dep_path:{tokens[h].dep}:{rel}"]
                out += [f"unit_path:{unit in self.units}:{rel}"]
                break
        if casualties:
            k = min(casualties, key=lambda c: abs(c - h))
            side = "after" if k > h else "before"
            out += [f"near:{_rel(casualties[k], field)}", f"near_{side}:{_rel(casualties[k], field)}"]
            out.append(f"gap:{_rel(casualties[k], field)}:{min(abs(k - h) // 3, 4)}")
            kinds = {_rel(kind, field) for kind in casualties.values()}
            out += [f"sent_has:{x}" for x in sorted(kinds)]
        else:
            out.append("no_casualty_word")
        return out


def _value(n: TextSpan) -> int | None:
    best = getattr(n.value, "best", None)
    if best is None:
        return None
    try:
        v = int(best)
    except (TypeError, ValueError, OverflowError):
        return None
    return v if 0 < v < 100_000 and v == best else None


def _rel(kind: str, field: str) -> str:
    return "same" if kind == field else kind


def _size(v: int) -> list[str]:
    for top, name in ((1, "1"), (2, "2"), (5, "3-5"), (20, "6-20"), (100, "21-100"), (1000, "101-1000")):
        if v <= top:
            return [f"size:{name}"]
    return ["size:big"]


def _lemma(t) -> str:
    return (t.lemma or t.text).lower()
