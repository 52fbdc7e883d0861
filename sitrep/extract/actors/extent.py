"""How far a Russian organisation's name reaches, beyond what the tagger or the knowledge base matched.

* Its remit after «по»: «Европейский суд по правам человека», «Агентство по охране окружающей среды», «МВД по
  Чеченской Республике» — the phrase the parse hangs on the name with «по» is part of it.
* Another country's body: a knowledge-base body followed by the genitive name of a place in another country is not
  the one meant — «Следственный комитет Белоруссии» is no Investigative Committee of Russia. It becomes an
  organisation of its own, named in the nominative with its place, its mention grown over the place (which stays
  a place mention of its own). A body of its own country stays linked, its mention as matched («ФСБ России»): the
  corpora disagree whether a state's name after its body is part of the name (NEREL: yes; factRuEval: no).
* Not a verb the tagger took in at its end: «Фонд борьбы с коррупцией молчат» is «Фонд борьбы с коррупцией».
* Not the legal form or common words before its quoted name: «ОАО «Газпром»», «ЗАО «Медиа-Мост»», «радиостанция
  «Говорит Москва»» name Газпром, Медиа-Мост, Говорит Москва (``legal_forms`` in actor_patterns_ru.yaml).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.extract.context import Context
from sitrep.keys import fold
from sitrep.knowledge.morph_ru import vocab
from sitrep.model import Entity

from .names import common_words_only

if TYPE_CHECKING:
    from . import Candidate

GROWN_KINDS = frozenset({"name", "abbreviation"})
_QUOTED = re.compile(r"^(?P<before>[^«\"„]*\w[^«\"„]*?)\s*[«\"„](?P<name>[^»\"“«„]*\w[^»\"“«„]*)[»\"“]?$")


def grow(ctx: Context, kept: list[Candidate]) -> None:
    """Set the extent of every named organisation mention (Russian only; see the module docstring)."""
    doc = ctx.doc
    if doc.language != "ru" or not ctx.parse.has_parse:
        return
    starts = sorted(c.start for c in kept)
    for c in kept:
        if c.type != "person" and c.kind in GROWN_KINDS:
            _trim_verbs(ctx, c)
            _quoted_name(ctx, c)
            _remit(ctx, c, starts)
    places: dict[int, tuple[int, Entity]] = {}
    for ent in doc.entities:
        if ent.is_place:
            for m in ent.mentions:
                places.setdefault(m.start, (m.end, ent))
    for c in kept:
        if c.type == "person" or c.kind not in GROWN_KINDS or doc.text[c.end : c.end + 1] != " ":
            continue
        hit = places.get(c.end + 1)
        if hit is None:
            continue
        end, place = hit
        if any(c.end < s < end for s in starts) or not _genitive(doc.text[c.end + 1 : end]):
            continue
        if c.origin != "kb" or not c.country or not place.country or c.country == place.country:
            continue
        name = f"{_nominative(doc.text[c.start : c.end])} {doc.text[c.end + 1 : end]}"
        c.key, c.name, c.origin, c.kb_id, c.wikidata = f"org:{fold(name)}", name, "ner", None, None
        c.country, c.end, c.keeps_places = place.country, end, True


def _trim_verbs(ctx: Context, c: Candidate) -> None:
    """«Фонд борьбы с коррупцией молчат»: a tagged name does not end in a finite verb."""
    if c.origin != "ner":
        return
    toks, k = ctx.parse.tokens, ctx.parse.tokens_in(c.start, c.end)
    dropped = 0
    while len(k) > 1 and toks[k[-1]].pos == "VERB" and toks[k[-1]].tag not in ("VBN", "VBG"):
        k.pop()
        dropped += 1
    if dropped:
        c.end = toks[k[-1]].end
        words = c.name.split()
        c.name = " ".join(words[:-dropped]) if len(words) > dropped else c.name
        c.key = f"org:{fold(c.name)}"


def _quoted_name(ctx: Context, c: Candidate) -> None:
    """«ОАО «Газпром»», «радиостанция «Говорит Москва»»: a tagged name of a legal form or common words and a quoted
    name is the quoted name, as written (a tagger's normal form of a quoted name is no better: «Говорящий Москва»)."""
    if c.origin != "ner":
        return
    text = ctx.doc.text
    if text[c.start - 1 : c.start] in ("«", '"', "„") and text[c.end : c.end + 1] in ("»", '"', "“"):
        c.name = text[c.start : c.end]  # a quoted name is written as it is called, whatever the sentence's case
        return
    m = _QUOTED.match(text[c.start : c.end])
    if m is None:
        return
    before = m.group("before").split()
    forms = set(ctx.lex.actors.get("legal_forms") or ())
    if not all(w in forms for w in before) and not common_words_only(m.group("before"), "ru"):
        return
    c.start, c.end = c.start + m.start("name"), c.start + m.end("name")
    c.name = m.group("name")
    c.key = f"org:{fold(c.name)}"


def _remit(ctx: Context, c: Candidate, starts: list[int]) -> None:
    """«Европейский суд по правам человека»: the «по» phrase the parse hangs on the name, right after it."""
    parse = ctx.parse
    toks = parse.tokens
    inside = parse.tokens_in(c.start, c.end)
    for k in inside:
        for n in parse.kids(k, "nmod"):
            if toks[n].start <= c.end or parse.case_of(n) != "по":
                continue
            first = parse.subtree(n)[0]
            if toks[first].start != c.end + 1 or ctx.doc.text[c.end : c.end + 1] != " ":
                continue
            end = parse.span_of_subtree(n)[1]
            if any(c.end < s < end for s in starts):
                return
            if c.origin == "ner":
                c.name = f"{c.name} {ctx.doc.text[c.end : end].strip()}"
                c.key = f"org:{fold(c.name)}"
            c.end = end
            return


def _genitive(place: str) -> bool:
    """Can the place's last word be in the genitive («Белоруссии», «Мали», «Кировоградской области»)?"""
    words = place.lower().split()
    return bool(words) and any(f.feats.get("Case") == "Gen" for f in vocab().parse(words[-1]))


def _nominative(text: str) -> str:
    """An organisation's name in the nominative: its first noun and the adjectives before it inflected, the words
    after it («обороны», «по правам человека») as they are; a word the dictionary does not know stays."""
    morph = vocab()
    words = text.split(" ")
    head = next((k for k, w in enumerate(words) if _first_pos(morph, w) in ("NOUN", "PROPN")), None)
    if head is None:
        return text
    noun = next((f for f in morph.parse(words[head].lower()) if f.pos in ("NOUN", "PROPN")), None)
    number = noun.feats.get("Number", "Sing") if noun is not None else "Sing"
    form = noun.inflect({"Nom", number}) if noun is not None else None
    if form is None:
        return text
    want = {"Nom", "Plur"} if number == "Plur" else {"Nom", "Sing", noun.feats.get("Gender", "Masc")}  # type: ignore[union-attr]
    out = []
    for k, w in enumerate(words):
        if k < head:
            adj = next((f for f in morph.parse(w.lower()) if f.pos == "ADJ"), None)
            done = adj.inflect(want) if adj is not None else None
            new = str(done.word) if done is not None else w
        else:
            new = str(form.word) if k == head else w
        if w.isupper() and len(w) > 1:
            new = w  # an abbreviation stays as written: «МВД», not «Мвд»
        out.append(new[:1].upper() + new[1:] if w[:1].isupper() and k <= head else new)
    return " ".join(out)


def _first_pos(morph, word: str) -> str:
    found = morph.parse(word.lower())
    return found[0].pos if found else ""
