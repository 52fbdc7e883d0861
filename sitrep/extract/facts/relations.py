"""Relations between actors and places found by cue words (``relations`` in ``knowledge/data/facts_<lang>.yaml``).

For each cue in a sentence ("bases", "stronghold", "is based", "fighting against", "leader"), the subject and
object are the entities of the allowed kinds closest to the cue in the dependency tree (word distance breaks
ties, and is all there is without a parse). A place object brings the places joined to it by "and"
("in Afghanistan and Pakistan"). The subject may be a part of an actor ("the leadership council of ISKP"):
the fact then names that part as its ``qualifier``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sitrep.extract.context import Context
from sitrep.extract.tree import Parse
from sitrep.knowledge.languages import Lexicons
from sitrep.knowledge.lexicon import PhraseMatcher
from sitrep.model import Entity


@dataclass
class Found:
    predicate: str
    cue: int  # token index
    subject: Entity
    objects: list[Entity]
    qualifier: str | None = None


@cache
def _cues(lex: Lexicons) -> tuple[dict[str, list[str]], PhraseMatcher[str]]:
    singles: dict[str, list[str]] = {}
    phrases: PhraseMatcher[str] = PhraseMatcher(lex.lang, plurals=True)
    for pred, rel in lex.facts["relations"].items():
        for cue in rel["cues"]:
            if " " in cue:
                phrases.add(cue, pred)
            else:
                singles.setdefault(cue.lower(), []).append(pred)
    return singles, phrases


def cue_tokens(ctx: Context, s: int) -> list[tuple[str, int]]:
    """(relation, token) for every relation cue in sentence ``s`` (not inside a date: "since its inception")."""
    doc, parse = ctx.doc, ctx.parse
    singles, phrases = _cues(ctx.lex)
    sent = ctx.sentences[s]
    in_dates = [(d.start, d.end) for d in ctx.dates.starting_in(sent.start, sent.end)]
    out: list[tuple[str, int]] = []
    for m in phrases.find(doc.text, sent.start, sent.end):
        head = parse.head_of_span(m.start, m.end)
        if head is not None:
            out.extend((pred, head) for pred in m.values)
    for k in parse.sentence_tokens(s):
        t = parse.tokens[k]
        for pred in singles.get(t.text.lower(), []) or singles.get(t.lemma.lower(), []):
            if (pred, k) not in out:
                out.append((pred, k))
    return [(p, k) for p, k in out if not any(a <= parse.tokens[k].start < b for a, b in in_dates)]


def in_sentence(ctx: Context, s: int, topic: Entity | None = None) -> list[tuple[int, Entity, int, int]]:
    """(head token, entity, start, end) of every entity mention in sentence ``s`` — and, with an armed group as
    the ``topic``, the words that stand for it (``topic_words``: «базы группировки», «она насчитывает») when the
    sentence names no armed group of its own."""
    parse, sent = ctx.parse, ctx.sentences[s]
    out = []
    for start, end, ent in ctx.index.within(sent.start, sent.end):
        if (ent.kb_id or "").startswith(("generic:", "source:", "group:")):
            continue  # participants the events stage named generically ("militants") are no one in particular
        head = parse.head_of_span(start, end)
        if head is not None:
            out.append((head, ent, start, end))
    words = ctx.lex.facts.get("topic_words") or ()
    if topic is None or topic.type != "armed_group" or not words or any(e.type == "armed_group" for _, e, _, _ in out):
        return out
    for k in parse.sentence_tokens(s):
        t = parse.tokens[k]
        if t.text.lower() in words and not any(a <= t.start < b for _, _, a, b in out):
            out.append((k, topic, t.start, t.end))
    return out


def _fits(ent: Entity, allowed: str | list[str]) -> bool:
    if allowed == "place":
        return ent.is_place
    if allowed == "tactic":
        return False
    return not ent.is_place and ent.type in allowed


def _distance(parse: Parse, a: int, b: int, side: int = 0) -> tuple[int, int, int]:
    """Closeness of token ``b`` to cue ``a``; ``side`` -1/+1 prefers tokens before/after the cue."""
    wrong_side = 1 if side and (b - a) * side < 0 else 0
    return wrong_side, parse.path_length(a, b) if parse.has_parse else 99, abs(a - b)


def _excluded_place(ctx: Context, head: int) -> bool:
    parse = ctx.parse
    if not parse.has_parse:
        return False
    cases = ctx.lex.facts["excluded_place_cases"]
    return any(parse.case_of(k) in cases for k in [head, *parse.ancestors(head)][:3])


def _presence(ctx: Context, cue: int) -> str | None:
    """'established a presence in X' -> operates_in; 'established bases in X' -> based_in."""
    parse = ctx.parse
    nouns = ctx.lex.facts["presence_nouns"]
    for c in parse.kids(cue, "obj"):
        if parse.tokens[c].lemma.lower() in nouns or parse.tokens[c].text.lower() in nouns:
            return nouns.get(parse.tokens[c].text.lower()) or nouns[parse.tokens[c].lemma.lower()]
    return None


def find(ctx: Context, s: int, topic: Entity | None = None) -> list[Found]:
    parse = ctx.parse
    rels = ctx.lex.facts["relations"]
    mentions = in_sentence(ctx, s, topic)
    out: list[Found] = []
    for key, cue in cue_tokens(ctx, s):
        rel = rels[key]
        pred = rel.get("predicate", key)
        if pred == "founded" and (other := _presence(ctx, cue)):
            pred, rel = other, rels[other]
        if rel["object"] == "tactic":
            continue
        between_actors = rel["object"] != "place"
        cue_start = parse.tokens[cue].start
        inside = [(h, e) for h, e, s0, e0 in mentions if s0 <= cue_start < e0 and _fits(e, rel["subject"])]
        subjects = inside or [(h, e) for h, e, _, _ in mentions if _fits(e, rel["subject"]) and h != cue]
        own = _own_subject(parse, cue)
        if own is not None and not inside:  # a verb's subject is its subject: "US troops were present"
            lo, hi = own
            subjects = [(h, e) for h, e in subjects if lo <= parse.tokens[h].start < hi]
        objects = [(h, e) for h, e, _, _ in mentions if _fits(e, rel["object"]) and h != cue]
        if rel["object"] == "place":
            objects = [(h, e) for h, e in objects if not _excluded_place(ctx, h)]
        if not subjects and rel.get("topic_subject") and topic is not None:
            subjects = [(cue, topic)]
        if not subjects or (not objects and not rel.get("optional_object")):
            continue
        subj_head, subject = min(subjects, key=lambda x: _distance(parse, cue, x[0], -1 if between_actors else 0))
        objects = [(h, e) for h, e in objects if e is not subject]
        if rel.get("object_deps") and parse.has_parse:
            objects = [(h, e) for h, e in objects if _attached(parse, cue, h, rel["object_deps"])]
        if not objects and not rel.get("optional_object"):
            continue
        chosen: list[Entity] = []
        if objects:
            obj_head, obj = min(objects, key=lambda x: _distance(parse, cue, x[0], 1 if between_actors else 0))
            chosen = [obj]
            if rel["object"] == "place":
                chosen += _conjoined(parse, obj_head, objects, obj)
        out.append(Found(pred, cue, subject, chosen, _qualifier(ctx, subj_head)))
        if between_actors:  # "Both the Taliban and the Afghan government could suppress ...": each subject
            for extra in _conjoined(parse, subj_head, subjects, subject):
                if extra not in chosen:
                    out.append(Found(pred, cue, extra, chosen, None))
    return out


def _own_subject(parse: Parse, cue: int) -> tuple[int, int] | None:
    """For a verb or adjective cue, the span of its subject (through xcomp/advcl chains); None for nouns."""
    if not parse.has_parse or parse.tokens[cue].pos not in ("VERB", "ADJ", "AUX"):
        return None
    subj = parse.subject_chain(cue)
    if not subj:
        passive = [c for c in parse.children[cue] if parse.tokens[c].dep == "nsubj:pass"]
        subj = passive
    return parse.span_of_subtree(subj[0]) if subj else None


def _attached(parse: Parse, cue: int, head: int, deps: list[str]) -> bool:
    """Is ``head`` a dependent of ``cue`` by one of ``deps`` ("nmod:of" = nmod with the case marker "of")?"""
    t = parse.tokens[head]
    if t.head != cue:
        return False
    for d in deps:
        rel, _, case = d.partition(":")
        if d == t.dep or (case and t.dep.split(":")[0] == rel and parse.case_of(head) == case):
            return True
    return False


def _conjoined(parse: Parse, head: int, objects: list[tuple[int, Entity]], first: Entity) -> list[Entity]:
    """Places joined to ``head`` by "and"/"or" (either direction of the conj relation)."""
    if not parse.has_parse:
        return []
    group = {head} | set(parse.kids(head, "conj"))
    if parse.tokens[head].dep == "conj":
        root = parse.tokens[head].head
        group |= {root} | set(parse.kids(root, "conj"))
    out = []
    for h, e in objects:
        if h in group and e is not first and e not in out:
            out.append(e)
    return out


def _qualifier(ctx: Context, subj_head: int) -> str | None:
    """'leadership council' in 'the leadership council of ISKP' (the subject's mention is inside an of-phrase)."""
    doc, parse = ctx.doc, ctx.parse
    if not parse.has_parse:
        return None
    t = parse.tokens[subj_head]
    if not t.dep.startswith("nmod") or parse.case_of(subj_head) != "of":
        return None
    owner = t.head
    s, _ = parse.span_of_subtree(owner)
    phrase = doc.text[s : parse.tokens[owner].end].lower()
    for q in sorted(ctx.lex.facts["qualifiers"], key=len, reverse=True):
        if phrase.endswith(q):
            return q
    return None
