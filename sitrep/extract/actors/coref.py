"""Linking what refers back to an actor (called by the ``actors`` stage once names are linked).

* **Branches**: a parent organisation's name used, in a local context, for its branch that the document
  names elsewhere: in an article about ISKP, "IS militants" in a sentence about Balochistan are ISKP's. The
  context is local when the sentence mentions a place or actor of a country in the branch's region (KB
  ``region``). "this branch of the Islamic State" keeps "the Islamic State" for the whole.
* **Surnames**: "Sadat" after "Sami Sadat" is the same person.
* **Definite descriptions**: "the group", "this organization", "the militants", "the new branch" -> the latest
  compatible actor within a few sentences (patterns in ``actor_patterns_<lang>.yaml``); "this branch of the
  Islamic State" -> the Islamic State's branch in the document.
* **Pronouns**: "he"/"she" -> the latest person (used for attribution: "he said").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from typing import Any

from sitrep.extract.context import Context
from sitrep.extract.entities import kb_actor
from sitrep.extract.spans import Intervals
from sitrep.model import Document, Entity, Mention

_OF_PARENT = re.compile(
    r"\b(?:branch|affiliate|wing|province|offshoot|franchise|part|arm|cell)\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
_WORD = re.compile(r"[\w’'-]+")
_PLAIN_WORD = re.compile(r"\w+")


def resolve(ctx: Context) -> None:
    doc, patterns = ctx.doc, ctx.lex.actors
    _branches(ctx)
    _surnames(doc)
    _descriptions(ctx, patterns["anaphora"])
    _pronouns(ctx, patterns.get("pronouns", {}).get("person", []))
    for ent in doc.entities:
        ent.mentions.sort(key=lambda m: m.start)
        if not ent.is_place:
            ent.refresh_aliases()


class _Presence:
    """Which entities have a mention starting in each sentence (kept up to date as mentions move)."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.count: dict[int, dict[int, int]] = defaultdict(dict)  # sentence -> id(entity) -> mentions
        self.entities: dict[int, Entity] = {}
        for ent in ctx.doc.entities:
            for m in ent.mentions:
                self.move(ent, m.start, +1)

    def move(self, ent: Entity, start: int, delta: int) -> None:
        s = self.ctx.sentence_at(start)
        if s is None:
            return
        here = self.count[s]
        here[id(ent)] = here.get(id(ent), 0) + delta
        self.entities[id(ent)] = ent

    def countries(self, s: int | None, skip: set[str]) -> set[str]:
        """The countries of the entities mentioned in sentence ``s``, but those in ``skip``."""
        if s is None:
            return set()
        found = set()
        for key, n in self.count.get(s, {}).items():
            ent = self.entities[key]
            if n > 0 and ent.id not in skip and ent.country:
                found.add(ent.country)
        return found


def _branches(ctx: Context) -> None:
    doc = ctx.doc
    actors = [(e, kb_actor(e)) for e in doc.entities]
    by_actor = {a.id: e for e, a in actors if a}
    children: dict[str, list[Any]] = {}
    for _, a in actors:
        if a and a.parent:
            children.setdefault(a.parent, []).append((by_actor[a.id], a))
    presence: _Presence | None = None
    for ent, parent in actors:
        if parent is None:
            continue
        kids = children.get(parent.id, [])
        if not kids:
            continue
        presence = presence or _Presence(ctx)
        skip = {ent.id} | {k.id for k, _ in kids}
        for m in list(ent.mentions):
            if _OF_PARENT.search(doc.text, max(0, m.start - 30), m.start):
                continue
            local = presence.countries(ctx.sentence_at(m.start), skip)
            # a branch where the parent itself is not at home: "IS" in Balochistan is ISKP, but "МВД" in Dagestan
            # is the ministry, not its traffic police
            matching = [k for k, actor in kids if local & (set(actor.region or ()) - set(parent.region or ()))]
            if matching:
                target = max(matching, key=lambda k: len(k.mentions))
                ent.mentions.remove(m)
                target.mentions.append(Mention(m.start, m.end, m.text, "branch"))
                presence.move(ent, m.start, -1)
                presence.move(target, m.start, +1)
    doc.entities[:] = [e for e in doc.entities if e.mentions]


def _surnames(doc: Document) -> None:
    persons = [e for e in doc.entities if e.type == "person"]
    unknown: dict[str, list[Entity]] = {}
    for e in doc.entities:
        if e.origin == "ner" and not e.is_place:
            unknown.setdefault(e.name, []).append(e)
    taken = Intervals([(m.start, m.end) for e in doc.entities for m in e.mentions])
    end = doc.layers.body_end or len(doc.text)
    words: dict[str, list[tuple[int, int]]] = {}
    for w in _PLAIN_WORD.finditer(doc.text, 0, end):
        words.setdefault(w.group(), []).append(w.span())
    for full in [p for p in persons if len(p.name.split()) > 1]:
        last = full.name.split()[-1]
        for other in unknown.get(last, []):  # "Sadat" tagged as a person or (wrongly) an organisation
            if other is not full:
                full.mentions.extend(Mention(m.start, m.end, m.text, "name") for m in other.mentions)
                other.mentions = []
        first = min(m.start for m in full.mentions)
        forms = _case_forms(last) if doc.language == "ru" else (last,)
        found = sorted({span for form in forms for span in _occurrences(doc.text, end, form, words)})
        added = []
        for a, b in found:
            if a > first and not taken.overlaps(a, b):
                full.mentions.append(Mention(a, b, doc.text[a:b], "name"))
                added.append((a, b))
        for a, b in added:
            taken.add(a, b)
    doc.entities[:] = [e for e in doc.entities if e.mentions]


def _case_forms(surname: str) -> tuple[str, ...]:
    """A Russian surname in the nominative and its other case forms: «Омаров» -> «Омарова», «Омарову», «Омаровым»,
    «Омарове»; «Омарова» -> «Омаровой», «Омарову»; «Жуковский» -> «Жуковского», ...; other names as they are."""
    low = surname.lower()
    if low.endswith(("ский", "цкий", "ской")):
        stem = surname[:-2]
        return (surname, *(stem + e for e in ("ого", "ому", "им", "ом")))
    if low.endswith(("ова", "ева", "ина", "ына")):
        stem = surname[:-1]
        return (surname, stem + "ой", stem + "у")
    if low.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return (surname, *(surname + e for e in ("а", "у", "ым", "е", "ы", "ых")))
    return (surname,)


def _occurrences(text: str, end: int, name: str, words: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Where ``name`` occurs as a whole word in ``text[:end]`` (as ``re.finditer(r"\\bname\\b", ...)`` finds it),
    looked up through the word index ``words`` (word -> spans) instead of scanning the text."""
    if _PLAIN_WORD.fullmatch(name):  # a plain word: its occurrences are the whole words equal to it
        return list(words.get(name, []))
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    run = _PLAIN_WORD.search(name)
    if run is None:
        return [m.span() for m in pattern.finditer(text, 0, end)]
    out: list[tuple[int, int]] = []
    for a, _ in words.get(run.group(), []):  # a match holds this run of word characters, as a whole word
        start = a - run.start()
        if start >= 0 and (not out or start >= out[-1][1]) and (m := pattern.match(text, start, end)):
            out.append(m.span())
    return out


def _mention_list(doc: Document) -> list[tuple[int, int, Entity]]:
    return sorted(((m.start, m.end, e) for e in doc.entities if not e.is_place for m in e.mentions), key=lambda x: x[0])


def _descriptions(ctx: Context, spec: dict[str, Any]) -> None:
    doc = ctx.doc
    heads: dict[str, dict[str, Any]] = spec["heads"]
    dets = set(spec["determiners"])
    blockers = set(spec["blockers"])
    naming = set(spec["naming_words"])
    toks = doc.layers.tokens
    mentions = _Mentions(_mention_list(doc))
    for k, tok in enumerate(toks):
        if tok.text.lower() not in dets or (k + 1 < len(toks) and toks[k + 1].text.lower() in dets):
            continue
        for j in range(k + 1, min(k + 2 + spec["max_modifiers"], len(toks))):
            word = toks[j].text.lower()
            if toks[j].sent != tok.sent:
                break
            if word in heads:
                _link(ctx, k, j, heads[word], naming, mentions, spec["window_sentences"])
                break
            if word in blockers or not toks[j].text.isalpha() or not toks[j].text.islower():
                break


class _Mentions:
    """The actor mentions in text order, growing as descriptions are linked, with every span ever taken."""

    def __init__(self, rows: list[tuple[int, int, Entity]]):
        self.rows = rows
        self.starts = [s for s, _, _ in rows]
        self.taken = Intervals([(s, e) for s, e, _ in rows])

    def add(self, start: int, end: int, ent: Entity) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.rows.insert(i, (start, end, ent))
        self.taken.add(start, end)


def _link(
    ctx: Context,
    k: int,
    j: int,
    head: dict[str, Any],
    naming: set[str],
    mentions: _Mentions,
    window: int,
) -> None:
    doc = ctx.doc
    toks = doc.layers.tokens
    rows = mentions.rows
    start, end = toks[k].start, toks[j].end
    nxt = toks[j + 1] if j + 1 < len(toks) and toks[j + 1].sent == toks[j].sent else None
    parent: Entity | None = None
    if nxt is not None and nxt.text.lower() == "of":
        if not head.get("needs_parent"):
            return
        lo, hi = bisect_right(mentions.starts, nxt.end), bisect_right(mentions.starts, nxt.end + 5)
        after = rows[lo:hi]
        if not after:
            return
        _, end, parent = after[0]
    elif nxt is not None and (nxt.text.lower() in naming or nxt.text[:1].isupper()):
        return  # "the group known as ISKP", "the terrorist group ISKP": a name follows
    elif head.get("needs_of_parent"):
        return
    lo, hi = bisect_left(mentions.starts, start), bisect_right(mentions.starts, end)
    inner = [(s, e) for s, e, ent in rows[lo:hi] if ent is parent and start <= s and e <= end]
    if any(span not in inner for span in mentions.taken.overlapping(start, end)):
        return
    first_sent = max(0, toks[k].sent - window)
    for n in range(bisect_left(mentions.starts, start) - 1, -1, -1):
        s, _e, ent = rows[n]
        at = ctx.sentence_at(s)
        if at is not None and at < first_sent:
            break
        if ent.type not in head["types"] or ent is parent:
            continue
        actor = kb_actor(ent)
        if head.get("needs_parent") and (actor is None or not actor.parent):
            continue
        if parent is not None and (actor is None or f"kb:{actor.parent}" != parent.kb_id):
            continue
        ent.mentions.append(Mention(start, end, doc.text[start:end], "coref"))
        mentions.add(start, end, ent)
        return


def _pronouns(ctx: Context, words: list[str]) -> None:
    doc = ctx.doc
    if not words:
        return
    wanted = set(words)
    mentions = [(s, e, ent) for s, e, ent in _mention_list(doc) if ent.type == "person"]
    if not mentions:
        return
    starts = [s for s, _, _ in mentions]
    for tok in doc.layers.tokens:
        if tok.text.lower() not in wanted:
            continue
        i = bisect_left(starts, tok.start)
        if i and (ctx.sentence_at(mentions[i - 1][0]) or 0) >= tok.sent - 2:
            mentions[i - 1][2].mentions.append(Mention(tok.start, tok.end, tok.text, "pronoun"))
