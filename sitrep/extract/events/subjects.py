"""The subject of a verb trigger where the parse lost it, and participles that only look passive. Used by ``roles``.

* a subject the parse cut off into a tree of its own ("Denmark today accepted a formula");
* a finite verb the parse hung under a noun as its modifier when the sentence has no verb of its own: "Washington
  along with its allies demanded that ..." (the root is "Washington"), "Serbia eased emergency measures on
  Wednesday" ("eased" an adjective of "measures"), "Swiss doctors handed over medicine" (a participle with an
  object), "Palestinians shunned work" (a participle before the noun it was hung on, its object): the nominal
  phrase before the verb is its subject;
* a past participle after "have" that the parse hung on the noun after it ("Security forces have tortured scores
  of refugees": "have" the root, "tortured" an adjective of "scores"): the subject of "have" is its subject;
* the verb of a phrase trigger the parse read as a noun's adjective ("eased emergency measures"), the phrase's
  head (``verb_first``, used by ``triggers``);
* "he is prepared to lift the ban", "is committed to": a participle of readiness after "be" is an adjective, its
  subject the one who is ready (``adjectival_participles`` in events_<lang>.yaml), not a passive's patient;
* a subject taken from another clause that the casualty verb's pronoun object names (``bound_victim``): "Capt. X,
  who works in the ministry, ..., killing him", "X was getting into his car when a bomb exploded, killing him".
"""

from __future__ import annotations

from sitrep.extract.context import Context
from sitrep.extract.tree import Parse

NOMINAL = ("NOUN", "PROPN")


def stranded(parse: Parse, v: int) -> list[int]:
    """A subject the parse cut off: in "Denmark today accepted a formula" it broke the sentence before its verb and
    left the subject the root of a tree of its own. The nominal root of the tree just before the verb (only
    adverbs, auxiliaries and particles of the verb's own between) is the verb's subject."""
    toks = parse.tokens

    def root(i: int) -> int:
        return [i, *parse.ancestors(i)][-1]

    top, k = root(v), v - 1
    while k >= 0 and toks[k].sent == toks[v].sent and toks[k].pos in ("ADV", "AUX", "PART") and root(k) == top:
        k -= 1
    if k < 0 or toks[k].sent != toks[v].sent:
        return []
    first = root(k)
    return [first] if first != top and toks[first].pos in NOMINAL else []


def under_noun(parse: Parse, v: int) -> list[int]:
    """The subject of a finite past verb the parse hung under a noun (``acl``, ``amod``) in a sentence whose root is
    a noun: the root when it comes before the verb ("Washington along with its allies demanded"), else the
    highest noun before the verb in the root's tree ("Serbia eased emergency measures"). A past participle counts
    when it has a direct object, which no passive has: "Swiss doctors handed over 700 kg of medicine", or an
    infinitive of what it commits to ("the Pakistani government promised to hold elections"), or when the
    noun it was hung on comes after it, as an object would ("Palestinians shunned work"); after "have", the subject
    of "have" ("forces have tortured scores of refugees")."""
    toks = parse.tokens
    t = toks[v]
    if t.tag == "VBN" and t.dep == "amod" and v > 0 and toks[v - 1].lemma.lower() == "have":
        return parse.kids(v - 1, "nsubj")  # "have" read as the main verb, its participle as an adjective
    ahead = t.tag == "VBN" and t.dep == "amod" and t.head > v
    to = any(parse.tokens[k].tag == "TO" for x in parse.kids(v, "xcomp") for k in parse.kids(x, "mark"))
    finite = t.tag == "VBD" or (t.tag == "VBN" and (bool(parse.kids(v, "obj")) or to)) or ahead
    if not finite or t.dep not in ("acl", "amod") or parse.kids(v, "nsubj", "nsubj:pass"):
        return []
    top = [v, *parse.ancestors(v)][-1]
    if toks[top].pos not in NOMINAL or toks[top].sent != t.sent:
        return []
    if top < v:
        return [top]
    before = [k for k in parse.children[top] if k < v and toks[k].pos in NOMINAL and v not in parse.subtree(k)]
    return before[:1]


def verb_first(parse: Parse, start: int, end: int, head: int) -> int:
    """The head of a phrase trigger: its verb when the phrase is a verb and its object that the parse read as a
    noun with an adjective ("Serbia eased emergency measures": "eased" a modifier of "measures"), so
    that the verb's subject is found. Used for the triggers that need an actor (whose event stands or falls with
    it) and a protest's, whose actor is the verb's subject too ("Palestinians shunned work"); another trigger that
    stands on its own keeps the parse's head ("planted bombs")."""
    idx = parse.tokens_in(start, end)
    if not idx or idx[0] == head:
        return head
    first = parse.tokens[idx[0]]
    misread = first.pos == "VERB" and first.tag in ("VBD", "VBN") and first.dep in ("amod", "acl", "compound")
    return idx[0] if misread and first.head in idx else head


def adjectival(ctx: Context, v: int) -> bool:
    """A participle of readiness or resolve after "be" with an infinitive or a "to" phrase ("is prepared to",
    "are determined to"): an adjective, whatever the parse calls its subject."""
    parse = ctx.parse
    t = parse.tokens[v]
    words = ctx.lex.events.get("adjectival_participles", ())
    if t.lemma.lower() not in words and t.text.lower() not in words:
        return False
    near = [k for c in parse.children[v] for k in (c, *parse.children[c])]
    return any(parse.tokens[k].text.lower() == "to" for k in near)


def bound_victim(ctx: Context, v: int, s: int) -> bool:
    """Is ``s``, a subject the parse's chain gave verb ``v`` from another clause, the person ``v``'s pronoun object
    ("him", "her": ``victim_pronouns`` in events_<lang>.yaml) stands for? A singular name or person with no other
    person named between them: "him" is then the subject itself, the victim, and the subject no actor."""
    parse = ctx.parse
    toks = parse.tokens
    pronouns = ctx.lex.events.get("victim_pronouns", ())
    verbs = [v, toks[v].head] if toks[v].dep == "conj" else [v]  # "killing him ... and wounding his wife"
    objects = [o for u in verbs for o in parse.kids(u, "obj") if toks[o].text.lower() in pronouns]
    if s in parse.children[v] or not objects or not s < objects[0] or not _person(ctx, s):
        return False  # a name: "a gunman shot at the mayor, killing him" keeps its gunman
    _, end = parse.span_of_subtree(s, without=("relcl", "acl", "punct", "appos", "conj", "cc"))
    units = ctx.lex.person_units
    for k in range(s + 1, objects[0]):
        t = toks[k]
        if t.start < end:
            continue
        if _person(ctx, k) or (t.tag == "NN" and t.text.lower() in units):
            return False  # "shot at a policeman, killing him": him is the policeman
    return True


def _person(ctx: Context, k: int) -> bool:
    """Is token ``k`` part of a person's name the entities found?"""
    t = ctx.parse.tokens[k]
    found = ctx.index.covering(t.start, t.end, places=False)
    return found is not None and found.type == "person"
