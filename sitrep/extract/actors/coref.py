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
from typing import Any

from sitrep.knowledge import kb
from sitrep.model import Document, Entity, Mention

_OF_PARENT = re.compile(
    r"\b(?:branch|affiliate|wing|province|offshoot|franchise|part|arm|cell)\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
_WORD = re.compile(r"[\w’'-]+")


def resolve(doc: Document, patterns: dict[str, Any]) -> None:
    _branches(doc)
    _surnames(doc)
    _descriptions(doc, patterns["anaphora"])
    _pronouns(doc, patterns.get("pronouns", {}).get("person", []))
    for ent in doc.entities:
        ent.mentions.sort(key=lambda m: m.start)
        if not ent.is_place:
            ent.refresh_aliases()


def _kb_actor(ent: Entity) -> kb.Actor | None:
    if ent.kb_id and ent.kb_id.startswith("kb:"):
        return kb.load_actors().get(ent.kb_id[3:])
    return None


def _sentence_countries(doc: Document, s: int | None, skip: set[str]) -> set[str]:
    if s is None:
        return set()
    sent = doc.layers.sentences[s]
    found = set()
    for ent in doc.entities:
        if ent.id in skip or not ent.country:
            continue
        if any(sent.start <= m.start < sent.end for m in ent.mentions):
            found.add(ent.country)
    return found


def _branches(doc: Document) -> None:
    by_actor = {a.id: e for e in doc.entities if (a := _kb_actor(e))}
    for ent in list(doc.entities):
        parent = _kb_actor(ent)
        if parent is None:
            continue
        kids = [(by_actor[a.id], a) for a in (_kb_actor(e) for e in doc.entities) if a and a.parent == parent.id]
        if not kids:
            continue
        skip = {ent.id} | {k.id for k, _ in kids}
        for m in list(ent.mentions):
            if _OF_PARENT.search(doc.text, max(0, m.start - 30), m.start):
                continue
            local = _sentence_countries(doc, doc.sentence_at(m.start), skip)
            matching = [k for k, actor in kids if local & set(actor.region or ())]
            if matching:
                target = max(matching, key=lambda k: len(k.mentions))
                ent.mentions.remove(m)
                target.mentions.append(Mention(m.start, m.end, m.text, "branch"))
    doc.entities[:] = [e for e in doc.entities if e.mentions]


def _surnames(doc: Document) -> None:
    persons = [e for e in doc.entities if e.type == "person"]
    unknown = [e for e in doc.entities if e.origin == "ner" and not e.is_place]
    for full in [p for p in persons if len(p.name.split()) > 1]:
        last = full.name.split()[-1]
        for other in unknown:  # "Sadat" tagged as a person or (wrongly) an organisation
            if other is not full and other.name == last:
                full.mentions.extend(Mention(m.start, m.end, m.text, "name") for m in other.mentions)
                other.mentions = []
        taken = [(m.start, m.end) for e in doc.entities for m in e.mentions]
        end = doc.layers.body_end or len(doc.text)
        first = min(m.start for m in full.mentions)
        for m in re.finditer(rf"\b{re.escape(last)}\b", doc.text[:end]):
            if m.start() > first and all(m.end() <= s or m.start() >= e for s, e in taken):
                full.mentions.append(Mention(m.start(), m.end(), m.group(), "name"))
    doc.entities[:] = [e for e in doc.entities if e.mentions]


def _mention_list(doc: Document) -> list[tuple[int, int, Entity]]:
    return sorted(((m.start, m.end, e) for e in doc.entities if not e.is_place for m in e.mentions), key=lambda x: x[0])


def _descriptions(doc: Document, spec: dict[str, Any]) -> None:
    heads: dict[str, dict[str, Any]] = spec["heads"]
    dets = set(spec["determiners"])
    blockers = set(spec["blockers"])
    naming = set(spec["naming_words"])
    toks = doc.layers.tokens
    mentions = _mention_list(doc)
    taken = [(s, e) for s, e, _ in mentions]
    for k, tok in enumerate(toks):
        if tok.text.lower() not in dets or (k + 1 < len(toks) and toks[k + 1].text.lower() in dets):
            continue
        for j in range(k + 1, min(k + 2 + spec["max_modifiers"], len(toks))):
            word = toks[j].text.lower()
            if toks[j].sent != tok.sent:
                break
            if word in heads:
                _link(doc, k, j, heads[word], naming, mentions, taken, spec["window_sentences"])
                break
            if word in blockers or not toks[j].text.isalpha() or not toks[j].text.islower():
                break


def _link(
    doc: Document,
    k: int,
    j: int,
    head: dict[str, Any],
    naming: set[str],
    mentions: list[tuple[int, int, Entity]],
    taken: list[tuple[int, int]],
    window: int,
) -> None:
    toks = doc.layers.tokens
    start, end = toks[k].start, toks[j].end
    nxt = toks[j + 1] if j + 1 < len(toks) and toks[j + 1].sent == toks[j].sent else None
    parent: Entity | None = None
    if nxt is not None and nxt.text.lower() == "of":
        if not head.get("needs_parent"):
            return
        after = [(s, e, ent) for s, e, ent in mentions if nxt.end < s <= nxt.end + 5]
        if not after:
            return
        _, end, parent = after[0]
    elif nxt is not None and (nxt.text.lower() in naming or nxt.text[:1].isupper()):
        return  # "the group known as ISKP", "the terrorist group ISKP": a name follows
    elif head.get("needs_of_parent"):
        return
    inner = [(s, e) for s, e, ent in mentions if ent is parent and start <= s and e <= end]
    if any(not (end <= s or start >= e) for s, e in taken if (s, e) not in inner):
        return
    first_sent = max(0, toks[k].sent - window)
    for s, _e, ent in reversed(mentions):
        if s >= start:
            continue
        if doc.sentence_at(s) is not None and doc.sentence_at(s) < first_sent:  # type: ignore[operator]
            break
        if ent.type not in head["types"] or ent is parent:
            continue
        actor = _kb_actor(ent)
        if head.get("needs_parent") and (actor is None or not actor.parent):
            continue
        if parent is not None and (actor is None or f"kb:{actor.parent}" != parent.kb_id):
            continue
        mention = Mention(start, end, doc.text[start:end], "coref")
        ent.mentions.append(mention)
        mentions.append((start, end, ent))
        mentions.sort(key=lambda x: x[0])
        taken.append((start, end))
        return


def _pronouns(doc: Document, words: list[str]) -> None:
    if not words:
        return
    wanted = set(words)
    mentions = [(s, e, ent) for s, e, ent in _mention_list(doc) if ent.type == "person"]
    if not mentions:
        return
    for tok in doc.layers.tokens:
        if tok.text.lower() not in wanted:
            continue
        before = [(s, ent) for s, _, ent in mentions if s < tok.start]
        if before and (doc.sentence_at(before[-1][0]) or 0) >= tok.sent - 2:
            before[-1][1].mentions.append(Mention(tok.start, tok.end, tok.text, "pronoun"))
