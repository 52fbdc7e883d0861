"""The ``perpetrators`` stage: a learned link from an attack to the named group behind it, where the rules miss it.

"An explosion in Spin Boldak killed six people. According to officials, the Taliban are responsible for the
explosion": the rules' parse patterns miss many of the ways a text ties a group to an attack. For every ASSAULT
event, each named party (an actor KB or NER entity, not a resolved place) mentioned within ``WINDOW`` sentences of
the event and in its paragraph, the rules' actors among them, is read by a linear model
(``sitrep/models/perpetrators``, ``scripts/train_perpetrators.py``: RAND train by distant supervision, a party
labelled the perpetrator when it shares a name word with the coded one). The most probable party, unless the
rules already named it and if at least ``link_probability`` likely, becomes the event's actor — or its claimant
when a claim word (``perpetrator_cues`` in the lexicon) is in the mention's sentence, and a hedged responsibility
when a suspicion word is. Placeholder actors the rules made from a description ("gunmen": "Unidentified armed
group") give way to it.
``event_coder = "rules"`` skips the stage; a missing model or a language the model was not trained on: no change.
"""

from __future__ import annotations

from functools import cache
from itertools import islice
from pathlib import Path

from sitrep.model import Document, Entity, Event, Mention, Responsibility, Token
from sitrep.pipeline import Stage, stage
from sitrep.settings import Settings

from .context import Context
from .learned import DocIndex, Model, hashed, read_model, weapon_words

MODEL = Path(__file__).resolve().parents[1] / "models" / "perpetrators"
WINDOW = 3  # sentences either side of the event's own
NAMED = ("kb", "ner")  # entity origins that name a party (not "gunmen")
LINKED = frozenset({"ASSAULT"})
MENTION_KINDS = ("name", "abbreviation", "description", "branch")
PATIENT = frozenset({"obj", "dobj", "nsubj:pass", "nsubjpass"})  # whom a verb's act hits
INSIDE_PHRASE = frozenset({"compound", "flat", "appos", "nmod", "nmod:poss", "amod"})  # a name's way up its phrase


@cache
def default_model() -> Model | None:
    """The shipped linker (None when the package has none)."""
    return read_model(MODEL, "link") if (MODEL / "link.npz").is_file() else None


def make(settings: Settings) -> Stage:
    """The stage for these settings: the learned linker (``event_coder = "learned"``, the default) or nothing."""
    learned = settings.event_coder == "learned"

    @stage("perpetrators", needs=("events",), adds=("perpetrators",))
    def perpetrators(doc: Document) -> Document:
        model = default_model() if learned else None
        if model is None or (doc.language or "en") not in model.meta.get("languages", ["en"]):
            return doc
        return link(doc, model)

    return perpetrators


def link(doc: Document, model: Model) -> Document:
    """Every ASSAULT event gets its most probable party, when sure enough and the rules did not name it."""
    reader = Reader(doc)
    for event in doc.events:
        if event.type not in LINKED:
            continue
        scored = [
            (model.probabilities_of(*hashed(names))[1], ent, mentions)
            for ent, mentions, names in reader.candidates(event)
        ]
        if not scored:
            continue
        p, ent, mentions = max(scored, key=lambda x: x[0])
        if ent.id in event.actors or ent.id in event.claimed_by:
            continue  # the rules' party is the model's first choice too
        if p >= model.meta.get("link_probability", 1.1):
            reader.attach(event, ent, mentions)
    return doc


class Reader:
    """What the linker reads of one document: tokens by offset, the parse, sentences and paragraphs, the cues."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.ctx = Context(doc)
        self.index = DocIndex(doc)
        self.tokens = doc.layers.tokens
        self.ents = {e.id: e for e in doc.entities}
        cues = self.ctx.lex.events.get("perpetrator_cues", {})
        self.claim = frozenset(cues.get("claim", ()))
        self.suspicion = frozenset(cues.get("suspicion", ()))
        self.speakers = frozenset(self.ctx.lex.events.get("speaker_verbs", ()))
        weapons = weapon_words(doc.language or "en")[0] if doc.language in ("en", "ru") else frozenset()
        self.parties = {e.id for e in doc.entities if _party(e) and e.name.lower() not in weapons}  # not an "RPG"
        self.fighters = frozenset(self.ctx.lex.actors.get("generic", {}).get("armed_group", ()))
        self.first_named = next((e.id for e in doc.entities if e.id in self.parties), None)
        # the persons an attack hit (a group among the targets may be a misparse: "claimed it on behalf of X")
        attacks = [ev for ev in doc.events if ev.type in LINKED]
        targets = {t for ev in attacks for t in ev.targets}
        self.hits = {  # the words of an attack, not those of its claim or suspicion ("X is suspected in")
            t.i
            for ev in attacks
            for s in ev.triggers
            for t in self.index.tokens_in(s.start, s.end)
            if _lemma(t) not in self.claim and _lemma(t) not in self.suspicion
        }
        self.victims = {t for t in targets if t in self.ents and self.ents[t].type == "person"}
        self.victim_tokens = {  # where the persons an attack hit are named: "Fadil was a member of X" is about one
            t.i for v in self.victims for m in self.ents[v].mentions for t in self.index.tokens_in(m.start, m.end)
        }
        self.paragraph = self.ctx.paragraphs
        self.words: dict[int, set[str]] = {}  # lemmas of a sentence, as they are asked for
        # the parties' mentions by sentence, found once: an event looks only at the sentences around it
        self.mentions: dict[int, list[tuple[int, Mention, list[Token]]]] = {}
        for n, ent in enumerate(doc.entities):
            if ent.id not in self.parties:
                continue
            for m in ent.mentions:
                toks = self.index.tokens_in(m.start, m.end) if m.kind in MENTION_KINDS else []
                if toks and not self._bystander(toks, armed=ent.type == "armed_group"):
                    self.mentions.setdefault(toks[0].sent, []).append((n, m, toks))

    def _bystander(self, toks: list[Token], armed: bool = False) -> bool:
        """A mention that tells where an attack was, who blames someone for it or only speaks of it, or whom it
        hit, not who did it: after a preposition of place ("an explosion in the Antwerp Century Center"), the
        subject of a verb of blame ("Anna Nee has accused loyalists of carrying out the attack") or of saying, or
        what an attack hit -- unless it is an armed party: militants killed by their own bomb did it, and what
        an armed group says of an attack is its claim."""
        parse, inside = self.ctx.parse, {t.i for t in toks}
        head = next((t for t in toks if t.head not in inside or t.head == t.i), toks[-1])
        for _ in range(3):  # "in the Antwerp Century Center shopping arcade", "his brother, X,": the name's phrase
            if head.dep not in ("compound", "flat", "amod", "appos") or head.head == head.i:
                break
            head = parse.tokens[head.head]
        venue = self.ctx.lex.cases.get("venue", frozenset())
        for c in parse.kids(head.i, "case"):  # the preposition right before the name's phrase, no comma between
            between = parse.tokens[c + 1 : toks[0].i]
            if c >= toks[0].i or parse.tokens[c].text.lower() not in venue:
                continue
            if len(between) <= 4 and all(t.pos != "PUNCT" for t in between):
                return True
        blame = self.ctx.lex.events.get("blame_verbs", ())
        if head.dep == "nsubj" and parse.tokens[head.head].lemma.lower() in blame:  # not "X is accused of"
            return True
        armed = armed or head.text.lower() in self.fighters  # "two CPN-M rebels were killed by their own bomb"
        return not armed and (self._hit(head) or self._speaker(head) or self._victims_own(head))

    def _victims_own(self, head: Token) -> bool:
        """A name in what is said of a person the attack hit: "Fadil was a Sunni and a member of the Association of
        Muslim Scholars", "the sheikh, a leader of the X party, was shot" (his group, not who shot him)."""
        parse = self.ctx.parse
        for _ in range(4):  # up the name's phrase to the noun it describes: "a member of the X", "the X's leader"
            if head.dep not in ("nmod", "nmod:poss", "compound", "conj") or head.head == head.i:
                break
            head = parse.tokens[head.head]
        if head.dep == "appos" and head.head in self.victim_tokens:
            return True
        said = head if any(parse.tokens[c].dep == "cop" for c in parse.children[head.i]) else None
        return said is not None and any(s in self.victim_tokens for s in parse.kids(said.i, "nsubj"))

    def _hit(self, head: Token) -> bool:
        """A name in the phrase of whom or what an attack hit: its object or passive subject ("gunmen shot two
        Shias", "the head of the bureau of the newspaper Izvestiya was shot")."""
        parse = self.ctx.parse
        k = head.i - 1  # by word order, when the parse lost it: "shot dead two Shias"
        while k >= 0 and k not in self.hits and head.i - k <= 3 and parse.tokens[k].pos in ("NUM", "ADJ", "DET"):
            k -= 1
        if k in self.hits and k < head.i:
            return True
        for _ in range(6):
            verb = parse.tokens[head.head]
            passive = any(parse.tokens[c].lemma == "be" for c in parse.kids(verb.i, "aux:pass", "cop"))
            if head.head in self.hits and (head.dep in PATIENT or (head.dep == "nsubj" and passive)):
                return True
            if head.dep not in INSIDE_PHRASE or head.head == head.i:
                return False
            head = verb
        return False

    def _speaker(self, head: Token) -> bool:
        """Who only speaks of an attack, in a sentence with no word of claim or suspicion: the subject of a verb
        of saying, or whose spokesman it is ("A spokesman for the UN said he did not know who was behind it")."""
        parse = self.ctx.parse
        if head.dep == "nmod" and head.head != head.i:
            head = parse.tokens[head.head]
        verb = parse.tokens[head.head]
        if head.dep != "nsubj" or verb.lemma.lower() not in self.speakers:
            return False
        words = self.sentence_words(head.sent)
        return not (words & self.claim or words & self.suspicion)

    def sentences(self, event: Event) -> set[int]:
        return {t.sent for s in event.evidence for t in self.index.tokens_in(s.start, s.end)[:1]}

    def candidates(self, event: Event) -> list[tuple[Entity, list[Mention], list[str]]]:
        """(party, its mentions near the event, the features of the pair) for each named party near the event."""
        own = self.sentences(event)
        if not own:
            return []
        paragraphs = {self.paragraph[s] for s in own}
        trig = [t.i for s in event.triggers for t in self.index.tokens_in(s.start, s.end)]
        denied = {r.actor for r in event.responsibility if r.modality == "negated"}
        by_entity: dict[int, list[tuple[Mention, list[Token]]]] = {}
        window = range(min(own) - WINDOW, max(own) + WINDOW + 1)
        for s in window:
            if not 0 <= s < len(self.paragraph) or self.paragraph[s] not in paragraphs:
                continue
            if min(abs(s - k) for k in own) > WINDOW:
                continue
            for n, m, toks in self.mentions.get(s, ()):
                by_entity.setdefault(n, []).append((m, toks))
        out = []
        for n in sorted(by_entity):  # in the order of doc.entities, mentions in text order
            ent = self.doc.entities[n]
            told = {toks[0].sent for _, toks in by_entity[n] if toks}
            if (ent.id in denied and len(told) < 2) or ent.id in self.victims:
                continue  # who (only) denies it, or whom an attack hit ("the attack against Archila"), did not do it;
                # a denier named in another sentence too may be the one others blame ("Police blame GAM. GAM denied")
            near = sorted(by_entity[n], key=lambda mt: mt[0].start)
            out.append((ent, [m for m, _ in near], self.features(event, ent, near, own, trig)))
        return out

    def sentence_words(self, s: int) -> set[str]:
        if s not in self.words:
            sent = self.doc.layers.sentences[s]
            self.words[s] = {_lemma(t) for t in self.tokens[sent.first_token : sent.last_token]}
        return self.words[s]

    def features(self, event: Event, ent: Entity, near: list, own: set[int], trig: list[int]) -> list[str]:
        """The pair's feature names: the party's kind, each mention's syntax, neighbours, cues and distance."""
        roles = {"actor": event.actors, "target": event.targets, "claimant": event.claimed_by}
        out = [f"type:{ent.type}", f"origin:{ent.origin}", f"mentions:{min(len(near), 3)}", "bias"]
        out += ["kb"] if ent.kb_id else []
        out += [f"role:{k}" for k, ids in roles.items() if ent.id in ids]
        out += ["source"] if ent.id == event.attributed_to else []
        out += ["location"] if ent.id == event.location else []  # or a group NER took for a place
        out += ["first_named"] if ent.id == self.first_named else []
        for m, toks in near:
            out += [f"kind:{m.kind}", *self.mention_features(toks, own, trig)]
        return out

    def mention_features(self, toks: list[Token], own: set[int], trig: list[int]) -> list[str]:
        tokens, parse = self.tokens, self.ctx.parse
        at = parse.head_of_span(toks[0].start, toks[-1].end)
        head = tokens[at] if at is not None else toks[0]  # a mention's tokens: the span always holds one
        sent = head.sent
        dist = min(abs(sent - s) for s in own)
        out = [f"sdist:{dist}", f"dep:{head.dep}"]
        parent = tokens[head.head] if 0 <= head.head < len(tokens) else head
        out += [f"hl:{_lemma(parent)}", f"dh:{head.dep}_{_lemma(parent)}"]
        # the mention's ancestors: cue words, triggers and the verb above it
        chain = [parent, *(tokens[k] for k in islice(parse.ancestors(parent.i), 3))]
        lemmas = {_lemma(t) for t in chain}
        verb = next((t for t in chain if t.pos in ("VERB", "AUX")), None)
        if verb is not None:  # the clause the mention is in: "members of X burned", "claimed by X"
            out += [f"verb:{_lemma(verb)}"] + ["verb_trigger"] * (verb.i in trig)
        out += ["anc_claim"] * bool(lemmas & self.claim) + ["anc_suspicion"] * bool(lemmas & self.suspicion)
        out += ["anc_trigger"] * any(t.i in trig for t in chain)
        first, last = toks[0].i, toks[-1].i
        for k, i in (("w-1", first - 1), ("w-2", first - 2), ("w+1", last + 1), ("w+2", last + 2)):
            if 0 <= i < len(tokens) and tokens[i].sent == sent:
                out.append(f"{k}:{_lemma(tokens[i])}")
        words = self.sentence_words(sent) if dist <= 1 else set()
        out += ["sent_claim"] * bool(words & self.claim) + ["sent_suspicion"] * bool(words & self.suspicion)
        same = [i for i in trig if tokens[i].sent == sent]
        if same:
            gap = min(same, key=lambda i: abs(i - head.i)) - head.i
            out += ["before_trigger" if gap > 0 else "after_trigger", f"gap:{min(abs(gap) // 3, 4)}"]
        return out

    def attach(self, event: Event, ent: Entity, mentions: list[Mention]) -> None:
        """Link ``ent`` as the event's claimant (a claim word by its mention), or its actor (hedged when a
        suspicion word is), with a responsibility entry citing the sentence."""
        m = min(mentions, key=lambda m: m.start)
        toks = self.index.tokens_in(m.start, m.end)
        words = self.sentence_words(toks[0].sent)
        evidence = self.ctx.sentence_span(toks[0].sent)
        if words & self.claim:
            event.claimed_by.append(ent.id)
            event.responsibility.append(Responsibility(ent.id, "claimed", None, evidence))
            return
        event.actors = [ent.id, *(a for a in event.actors if not _placeholder(self.ents.get(a)))]
        modality = "hedged" if words & self.suspicion else event.modality
        event.responsibility = [r for r in event.responsibility if not _placeholder(self.ents.get(r.actor))]
        event.responsibility.append(Responsibility(ent.id, modality, event.attributed_to, evidence))


def _party(ent: Entity) -> bool:
    """A named party: from the actor KB or NER, not a place the gazetteer resolved (NER's "location" for
    "the Al-Aqsa Martyrs Brigade" with no place found for it stays a candidate)."""
    return ent.origin in NAMED and (not ent.is_place or ent.geo is None)


def _placeholder(ent: Entity | None) -> bool:
    """'Gunmen', 'militants', 'assailants': the rules' unnamed armed group, which a named one replaces."""
    return ent is not None and ent.origin == "description" and ent.type == "armed_group"


def _lemma(t: Token) -> str:
    return (t.lemma or t.text).lower()
