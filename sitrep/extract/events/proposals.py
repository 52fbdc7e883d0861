"""Events the trigger words miss, proposed by the learned model: "Security forces cleared the
Bagh-Maidan area", "Rwandan troops established a new base in Ancuabe district".

A body sentence where the trigger lexicon finds no event mention is read by the model (``extract.learned``) as
bare words; when it names an ACLED sub-event type other than ``none`` with at least the model's
``detect_probability`` (``detect_probability_short`` in a text of at most ``SHORT_TEXT`` sentences where the
rules found no event at all: as long as the records it learned from), the sentence's main verb becomes an event
mention whose trigger is that type's entry in ``ontology.yaml`` (``acled_trigger``: PLOVER type, mode, the flags
the coding rules read), weighted low. Roles, counts, merging and coding then treat it like any other mention.

The events stage asks twice: first for the sentences with no trigger word, then for those whose trigger words
all came to nothing (a march with no named organiser, "struck" read as striking a deal, a "food aid warehouse"
broken into); there the model's mention replaces the rules' on the same word, and its event needs no named
actor. Claims are not read again, and a proposal on a verb that tells a state of affairs ("the rebels were
confronting the army") or on a verb whose subject is a natural hazard ("an earthquake struck the city") is dropped.
"""

from __future__ import annotations

from sitrep.extract.context import Context
from sitrep.extract.learned import NONE, WORD, Model, language_floor, text_input, untold
from sitrep.knowledge.ontology import ontology

from .triggers import EventMention, Trigger

WEIGHT = 0.4  # below every lexicon trigger: a proposal's confidence says it was learned, not matched
MIN_WORDS = 5
SHORT_TEXT = 3  # sentences: as long as the records the model learned from, where its cross-validation holds


def propose(ctx: Context, mentions: list[EventMention], model: Model) -> list[EventMention]:
    """Learned event mentions for the body sentences with none of their own, in text order."""
    doc = ctx.doc
    covered = {m.sent for m in mentions if m.trigger.type}
    end = doc.layers.body_end if doc.layers.body_end is not None else len(doc.text)
    spec = ontology()["acled_trigger"]
    tokens = ctx.parse.tokens
    short = len(ctx.sentences) <= SHORT_TEXT and not covered  # a short report whose words told no event at all
    least = model.detect_probability_short if short else model.detect_probability
    bar = max(least, language_floor(model.meta, ctx.lang))
    out: list[EventMention] = []
    for s, sent in enumerate(ctx.sentences):
        if s in covered or sent.start >= end:
            continue
        words = [t for t in tokens[sent.first_token : sent.last_token] if not t.is_space and WORD.search(t.text)]
        if len(words) < MIN_WORDS:
            continue
        x = text_input(ctx.lang, [t.text for t in words], [t.lemma or t.text for t in words])
        label, p = model.predict(x)
        if label == NONE or label not in spec or p < bar or label in untold(x):
            continue
        head = _main_verb(ctx, words)
        if head is None or _natural(ctx, head.i):
            continue
        entry = spec[label]
        trig = Trigger(
            words=((head.lemma or head.text).lower(),),
            type=entry["type"],
            mode=entry.get("mode"),
            weight=WEIGHT,
            flags=frozenset(entry.get("flags", ())) | {"learned"},
        )
        out.append(EventMention(head.start, head.end, head.i, s, trig))
    return out


def _natural(ctx: Context, verb: int) -> bool:
    """Is the verb's subject a natural hazard ("An earthquake struck Herat", "a storm hit the town")?"""
    hazards = frozenset(ctx.lex.events.get("natural_hazards", ()))
    parse = ctx.parse
    return any(
        parse.tokens[s].lemma.lower() in hazards or parse.tokens[s].text.lower() in hazards
        for s in parse.kids(verb, "nsubj")
    )


def _main_verb(ctx: Context, words: list):
    """The sentence's root when it is a verb, else its first verb (None when it has none); for a verb of saying,
    the verb of what is said ("a camp was set up near Jalalabad, officials said": the setting up, whose actor is
    not the officials)."""
    roots = [t for t in words if t.head == t.i and t.pos in ("VERB", "AUX")]
    head = roots[0] if roots and roots[0].pos == "VERB" else next((t for t in words if t.pos == "VERB"), None)
    parse, speech = ctx.parse, ctx.lex.stance["speech.verbs"]
    for _ in range(3):  # "officials said police believe gunmen ..." goes down at most a few clauses
        if head is None or head.lemma.lower() not in speech:
            break
        said = [parse.tokens[c] for c in parse.kids(head.i, "ccomp", "parataxis")]
        said = [t for t in said if t.pos == "VERB"]
        if not said:
            break
        head = said[0]
    return head
