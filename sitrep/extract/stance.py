"""Stance: how certain the text is about something, and who says so.

``stance(parse, i)`` looks at the token ``i`` (an event trigger, a fact's predicate word) and the path from it
to the root of its sentence:

* cues on the way set the modality — negation ("not", "denied that"), hypothetical ("if", "would",
  "potential"), future ("will", "plans to"), hedges ("could", "probably", "experts believe", "there is a high
  probability that", "did not rule out that" — not a negation), claims ("X claimed that"), reported speech ("X
  said that", "according to X"); a source not yet sure ("according to preliminary reports") hedges;
* the subject of the verb of saying (or the object of "according to") is the source; a following sentence like
  "X stated this on social media and was quoted by Y" makes Y the relay (``via``).

Hedges, negation and future do not reach through a relative clause: "the attacks were probably planned in
Balochistan, where the council is based" hedges the planning, not where the council is.  Attribution does
reach through.  Without a parse (languages without a parser) the cues are read in word order before the token.
The cue words are data: ``sitrep/knowledge/data/stance_<lang>.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.model import Modality

from .tree import Parse

if TYPE_CHECKING:
    from .context import Context

PRECEDENCE: tuple[Modality, ...] = ("negated", "hypothetical", "future", "hedged", "claimed", "reported", "asserted")
COMPLEMENT = frozenset({"ccomp", "xcomp", "obj", "parataxis", "csubj", "dep"})  # what a verb of saying says
AUTHOR = frozenset({"it", "we", "i", "us", "one", "this"})  # "It is important to note that": the author speaks
# how a trigger may hang under a finite future verb whose tense it shares («совершат атаку», «теракт произойдёт»)
TENSE_CARRIERS = frozenset({"obj", "xcomp", "conj", "nsubj", "nsubj:pass", "obl"})
CONTRAST = frozenset({"but", "while", "whereas", "yet", "although", "though"})


@dataclass
class Stance:
    modality: Modality = "asserted"
    sources: list[tuple[int, int]] = field(default_factory=list)  # speakers' phrases, innermost first
    via: tuple[int, int] | None = None  # character span of who relayed the speaker's words
    cues: list[tuple[int, int, Modality]] = field(default_factory=list)  # (start, end, modality) that decided it

    def add(self, start: int, end: int, modality: Modality) -> None:
        self.cues.append((start, end, modality))
        if PRECEDENCE.index(modality) < PRECEDENCE.index(self.modality):
            self.modality = modality

    @property
    def source(self) -> tuple[int, int] | None:
        """The outermost source: the one the author relies on ("According to X, the detainees confessed ...")."""
        return self.sources[-1] if self.sources else None


def stance(ctx: Context, i: int) -> Stance:
    """How certain the text is about token ``i``, and who says so."""
    result = Stance()
    if not ctx.parse.has_parse:
        _linear(ctx, i, result)
        return result
    _walk(ctx, i, result)
    if not result.sources:  # the parse missed it: read the sentence's reporting frame in word order
        frame = _framed_source(ctx, i)
        if frame is not None:
            result.sources.append(frame)
            result.add(*frame, "reported")
    _qualified_sources(ctx, result)
    return result


def _walk(ctx: Context, i: int, result: Stance) -> None:
    """Modality and sources along the path from ``i`` to the root (see the module docstring)."""
    parse, lex = ctx.parse, ctx.lex.stance
    toks = parse.tokens
    prev, modal_scope, involved = None, True, False
    involvement = frozenset(ctx.lex.events.get("involvement", ()))
    for n in [i, *parse.ancestors(i)]:
        unsure = None
        came_by = toks[prev].dep if prev is not None else ""
        if prev is not None:
            if came_by == "acl:relcl" or (came_by == "acl" and not _has_mark(parse, prev, "that")):
                modal_scope = False  # a relative clause is presupposed, not hedged by what governs it
            if came_by == "conj" and any(toks[c].text.lower() in CONTRAST for c in parse.children[prev]):
                modal_scope = False  # "X would do A, but B fell": the first clause's modal stays there
            lemma = toks[n].lemma.lower()
            unsure = _negated_hedge(ctx, n) if came_by in COMPLEMENT else None
            complement = came_by in COMPLEMENT or (came_by.startswith("nmod") and toks[n].pos == "NOUN")
            subject = _subject_span(ctx, n) or _impersonal_source(ctx, n)
            by_author = subject is None or parse.doc.text[subject[0] : subject[1]].lower() in AUTHOR
            if complement and unsure is not None:  # «не исключают, что ...», "did not rule out that ..."
                if not by_author:
                    result.sources.append(subject)
                result.add(toks[n].start, toks[n].end, "hedged")
            elif complement and lemma in lex["speech.verbs"] | lex["hedged.verbs"] and not by_author:
                result.sources.append(subject)
                kind = _speech_modality(lemma, lex)
                if kind == "negated" and involved:  # «отрицают причастность к нападению»: not the attack denied
                    kind = "reported"
                if modal_scope or kind in ("reported", "claimed"):
                    result.add(toks[n].start, toks[n].end, kind)
            elif modal_scope and came_by.startswith(("obl", "nmod")) and lemma in lex["hedged.verbs"]:
                result.add(toks[n].start, toks[n].end, "hedged")  # "X are suspected in the attack"
            elif modal_scope and lemma in lex["hedged.nouns"] | lex["hedged.adjectives"]:
                result.add(toks[n].start, toks[n].end, "hedged")
            elif modal_scope and came_by in ("obj", "obl") and lemma in lex["future.object_verbs"]:
                result.add(toks[n].start, toks[n].end, "future")  # "threatened new attacks"
            elif modal_scope and came_by == "xcomp" and lemma in lex["future.verbs"]:
                result.add(toks[n].start, toks[n].end, "future")
            elif modal_scope and came_by == "xcomp" and lemma in lex.get("hedged.modal_verbs", ()):
                result.add(toks[n].start, toks[n].end, "hedged")  # "мог совершить", "appeared to have"
        if modal_scope:
            _own_cues(ctx, n, result, skip=(prev, unsure))
            if toks[n].tag == "VBF" and (n == i or came_by in TENSE_CARRIERS):
                result.add(toks[n].start, toks[n].end, "future")  # a future tense with no auxiliary: «нападут»
        reporter = _reporting_clause(ctx, n, prev)
        if reporter is not None:
            result.sources.append(reporter)
            result.add(*reporter, "reported")
        for c in parse.children[n]:
            if c != prev and (toks[c].dep.startswith("obl") or toks[c].dep in ("advcl", "nmod", "parataxis")):
                case = parse.case_of(c)
                phrase = f"{case} {toks[c].text.lower()}"  # "по данным", "по словам": preposition + noun
                if any(case.startswith(p) or phrase.startswith(p) for p in lex["speech.source_phrases"]):
                    result.sources.append(parse.span_of_subtree(c))
                    result.add(toks[c].start, toks[c].end, "reported")
        involved = involved or (n != i and toks[n].lemma.lower() in involvement)
        prev = n


def _framed_source(ctx: Context, i: int) -> tuple[int, int] | None:
    """A source the parse did not attach, read in word order: "According to X, ..." opening the sentence,
    "..., according to X." closing it, or "X (also) said/mentioned that ..." before the token."""
    parse, lex = ctx.parse, ctx.lex.stance
    toks, doc = parse.tokens, parse.doc
    sent = doc.layers.sentences[toks[i].sent]
    text = doc.text[sent.start : sent.end]
    low = text.lower()
    for p in sorted(lex["speech.source_phrases"], key=len, reverse=True):
        if low.startswith(p + " ") and "," in text:
            return sent.start + len(p) + 1, sent.start + text.index(",")
        at = low.rfind(", " + p + " ")
        if at > 0 and toks[i].start < sent.start + at:
            return sent.start + at + len(p) + 3, sent.end - (1 if text.endswith(".") else 0)
    sent_range = parse.sentence_tokens(toks[i].sent)
    for k in range(sent_range.start, i):
        t = toks[k]
        nxt = toks[k + 1].text.lower() if k + 1 < sent_range.stop else ""
        if t.lemma.lower() in lex["speech.verbs"] and t.pos in ("VERB", "") and nxt in ("that", ":", "“", '"', "что"):
            first = max(sent_range.start, k - 6)
            words = [x for x in range(first, k) if toks[x].pos in ("PROPN", "NOUN")]
            if words:
                return toks[words[0]].start, toks[words[-1]].end
    return None


def _speech_modality(lemma: str, lex: dict[str, frozenset[str]]) -> Modality:
    if lemma in lex["negation.verbs"]:
        return "negated"
    if lemma in lex["claimed.verbs"]:
        return "claimed"
    if lemma in lex["hedged.verbs"]:
        return "hedged"
    return "reported"


def _own_cues(ctx: Context, n: int, result: Stance, skip: tuple[int | None, ...] = ()) -> None:
    """Cues among the dependents of ``n`` (its auxiliaries, adverbs, negation, subordinator, modifiers)."""
    parse, lex = ctx.parse, ctx.lex.stance
    toks = parse.tokens
    for c in parse.children[n]:
        if c in skip:
            continue
        t = toks[c]
        w, dep = t.lemma.lower(), t.dep
        text = t.text.lower()
        if dep in ("advmod", "neg", "det", "cc:preconj") and (w in lex["negation.words"] or text == "n't"):
            result.add(t.start, t.end, "negated")
        elif dep.startswith("aux"):
            if text in lex["future.aux"] or w in lex["future.aux"]:
                result.add(t.start, t.end, "future")
            elif text in lex["hypothetical.aux"] and not _habitual(ctx, n):
                result.add(t.start, t.end, "hypothetical")
            elif text in lex["hedged.aux"] or w in lex["hedged.aux"]:
                result.add(t.start, t.end, "hedged")
        elif dep == "mark" and w in lex["hypothetical.marks"]:
            result.add(t.start, t.end, "hypothetical")
        elif dep in ("advmod", "parataxis", "discourse") and (
            w in lex["hedged.adverbs"] or text in lex["hedged.adverbs"]
        ):
            result.add(t.start, t.end, "hedged")
        elif dep == "amod" and w in lex["hypothetical.words"]:
            result.add(t.start, t.end, "hypothetical")
        elif dep == "amod" and w in lex["hedged.adjectives"]:
            result.add(t.start, t.end, "hedged")


def _negated_hedge(ctx: Context, n: int) -> int | None:
    """«не исключают», "did not rule out": a verb of ``hedged.negated_verbs`` under a negation says its
    complement may be so — hedged, not negated. The negation word's index, else None."""
    parse, lex = ctx.parse, ctx.lex.stance
    toks = parse.tokens
    lemma = toks[n].lemma.lower()
    particles = [toks[c].text.lower() for c in parse.kids(n, "compound:prt")]
    verbs = lex["hedged.negated_verbs"]
    if lemma not in verbs and not any(f"{lemma} {p}" in verbs for p in particles):
        return None
    for c in parse.children[n]:
        t = toks[c]
        if t.dep in ("advmod", "neg") and (t.lemma.lower() in lex["negation.words"] or t.text.lower() == "n't"):
            return c
    return None


def _qualified_sources(ctx: Context, result: Stance) -> None:
    """«по предварительным данным», "according to preliminary reports": a source whose words say it is not yet
    sure (``speech.hedged_sources``) hedges what it says."""
    parse, words = ctx.parse, ctx.lex.stance["speech.hedged_sources"]
    for a, b in result.sources:
        for k in parse.tokens_in(a, b):
            if parse.tokens[k].lemma.lower() in words:
                result.add(parse.tokens[k].start, parse.tokens[k].end, "hedged")
                break


def _reporting_clause(ctx: Context, n: int, skip: int | None) -> tuple[int, int] | None:
    """'..., the army said' / '..., сообщили в ведомстве': a verb of saying hung on ``n`` as parataxis (or, after it
    and with no subordinator, as an adverbial clause: a parser's slip), with no clause of its own to report — it
    reports ``n``'s clause. Its source's span, or None."""
    parse, lex = ctx.parse, ctx.lex.stance
    toks = parse.tokens
    candidates = [c for c in parse.children[n] if toks[c].dep == "parataxis"]
    # "..., the police said" misparsed as an adverbial clause: one after the clause with no subordinator of its own
    candidates += [c for c in parse.kids(n, "advcl") if c > n and not parse.kids(c, "mark")]
    if toks[n].head == n:  # the root: a second root in the sentence may be the reporting clause (natasha)
        candidates += [k for k in parse.sentence_tokens(toks[n].sent) if k != n and toks[k].head == k]
    for c in candidates:
        if c == skip or toks[c].lemma.lower() not in lex["speech.verbs"]:
            continue
        if parse.kids(c, "ccomp"):
            continue
        return _subject_span(ctx, c, guess=False) or _impersonal_source(ctx, c) or _subject_span(ctx, c)
    return None


def _impersonal_source(ctx: Context, verb: int) -> tuple[int, int] | None:
    """'сообщили в ведомстве' (they said at the agency): a reporting verb without a subject whose source is an
    oblique with one of ``speech.impersonal_source_cases``."""
    parse, lex = ctx.parse, ctx.lex.stance
    cases = lex.get("speech.impersonal_source_cases", ())
    saying = lex["speech.verbs"] | lex["hedged.verbs"] | lex["hedged.negated_verbs"]  # «в полиции полагают»
    if not cases or parse.tokens[verb].lemma.lower() not in saying:
        return None
    for c in parse.kids(verb, "obl"):
        if parse.case_of(c) in cases:
            return parse.span_of_subtree(c)
    return None


def _has_mark(parse: Parse, i: int, word: str) -> bool:
    return any(parse.tokens[c].dep == "mark" and parse.tokens[c].text.lower() == word for c in parse.children[i])


def _habitual(ctx: Context, n: int) -> bool:
    """'In its first years ISKP would carry out hundreds of attacks': "would" of habit, in a clause set in the past."""
    lo, hi = ctx.parse.clause_span(n)
    published = ctx.doc.published or "9999"
    for d in ctx.dates.starting_in(lo, hi):
        past = d.value is not None and (d.value.end or d.value.start or "9999") < published
        if d.label.startswith("anchored") or past:
            return True  # set in the past: an organisation's early years, or a date before publication
    return False


def _subject_span(ctx: Context, verb: int, guess: bool = True) -> tuple[int, int] | None:
    parse = ctx.parse
    toks = parse.tokens
    subj = parse.kids(verb, "nsubj")
    if not subj and toks[verb].dep in ("xcomp", "conj"):  # "X stated this and was quoted": shared subject
        subj = parse.kids(toks[verb].head, "nsubj")
    subj = [c for c in subj if toks[c].dep != "nsubj:pass"]
    if subj:  # a parser may split one subject ("Renowned journalist" + "Seymour Hersh"): take them all
        spans = [parse.span_of_subtree(c) for c in subj]
        return min(a for a, _ in spans), max(b for _, b in spans)
    agents = [c for c in parse.kids(verb, "obl") if parse.case_of(c) in ctx.lex.cases["agent"] and parse.case_of(c)]
    if agents:
        return parse.span_of_subtree(agents[0])
    return _subject_before(parse, verb) if guess else None


def _subject_before(parse: Parse, verb: int) -> tuple[int, int] | None:
    """A misparsed subject ("In March, news outlets around the world reported" with "outlets" hung on "March"):
    the nearest noun before the verb that is not inside a prepositional phrase, with its dependents."""
    toks = parse.tokens
    sent = parse.sentence_tokens(toks[verb].sent)
    for k in range(verb - 1, max(sent.start, verb - 8) - 1, -1):
        t = toks[k]
        if t.pos == "PUNCT":
            return None
        if t.pos in ("NOUN", "PROPN") and not parse.kids(k, "case") and t.dep not in _MODIFIER_DEPS:
            sub = [c for c in parse.subtree(k) if c < verb]
            return toks[min(sub)].start, toks[max(sub)].end
    return None


_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod:poss", "obj", "nmod", "obl", "flat", "appos"})


def _linear(ctx: Context, i: int, result: Stance) -> None:
    """No parse: cue words between the start of the sentence and the token, and right after it."""
    parse, lex = ctx.parse, ctx.lex.stance
    toks = parse.tokens
    sent = parse.sentence_tokens(toks[i].sent)
    for k in range(sent.start, min(i + 2, sent.stop)):
        t = toks[k]
        w = t.text.lower()
        if w in lex["negation.words"]:
            result.add(t.start, t.end, "negated")
        elif w in lex["hypothetical.marks"] or w in lex["hypothetical.words"]:
            result.add(t.start, t.end, "hypothetical")
        elif w in lex["future.aux"]:
            result.add(t.start, t.end, "future")
        elif w in lex["hedged.aux"] or w in lex["hedged.adverbs"] or w in lex["hedged.adjectives"]:
            result.add(t.start, t.end, "hedged")
        elif w in lex.get("speech.words", frozenset()):
            result.add(t.start, t.end, "reported")


def told_back(ctx: Context, sentence: int) -> tuple[int, int] | None:
    """«Об этом сообщили в МВД», «Об этом сообщает РИА Новости»: a sentence whose verb of saying has a word that
    refers back (``speech.back_references``) for what it says — it names the source of what came before it. The
    span of that source, else None."""
    parse, lex = ctx.parse, ctx.lex.stance
    back = lex.get("speech.back_references", frozenset())
    if not back or not parse.has_parse:
        return None
    toks = parse.tokens
    for k in parse.sentence_tokens(sentence):
        if toks[k].lemma.lower() not in lex["speech.verbs"] or parse.kids(k, "ccomp"):
            continue
        if any(toks[c].text.lower() in back and toks[c].dep in ("obj", "obl") for c in parse.children[k]):
            return _subject_span(ctx, k, guess=False) or _impersonal_source(ctx, k)
    return None


def relay(ctx: Context, sentence: int) -> tuple[int, int] | None:
    """In "X stated this ... and was quoted by Y", the span of Y (who relayed X's words), else None."""
    parse, lex = ctx.parse, ctx.lex.stance
    for k in parse.sentence_tokens(sentence):
        t = parse.tokens[k]
        if t.lemma.lower() in lex["speech.relay_verbs"] and any(
            parse.tokens[c].dep == "aux:pass" for c in parse.children[k]
        ):
            for c in parse.kids(k, "obl"):
                if parse.case_of(c) in ctx.lex.cases["agent"]:
                    return parse.span_of_subtree(c)
    return None
