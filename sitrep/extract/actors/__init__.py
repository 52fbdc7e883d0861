"""The ``actors`` stage: who is mentioned — armed groups, governments, forces, organisations, media, persons.

Mentions are found by, in order of trust:

1. the actor knowledge base (``sitrep/knowledge/data/actors.yaml``): names and aliases (case-insensitive; Russian by
   stem), abbreviations (case-sensitive: "IS" is not "is") and descriptive names ("the Khorasan branch of ISIS");
2. institution patterns: a demonym or country + an institution noun ("Tajik authorities", "Pakistan's army")
   -> the KB actor of that country and kind when there is exactly one, else an entity of its own;
3. the named-entity layer: persons and organisations the KB does not know become entities of their own
   (an organisation's type guessed from words in its name: "Front", "Brigade" -> armed group).

Then ``sitrep.extract.actors.coref`` links what refers back: the branch meant by a parent's name ("IS militants" in
Balochistan -> ISKP), definite descriptions ("the group", "this branch of the Islamic State") and surnames.
Where a name is both an actor and a place, the longer mention wins ("Balochistan Liberation Army").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from typing import cast

from sitrep.extract.context import Context
from sitrep.extract.entities import national_actor, national_forces
from sitrep.extract.spans import Intervals, Spans
from sitrep.keys import fold
from sitrep.knowledge import gazetteer, kb
from sitrep.knowledge.languages import Lexicons
from sitrep.knowledge.lexicon import PhraseMatcher
from sitrep.model import Document, Entity, EntityType, Mention
from sitrep.pipeline import stage

from . import coref, extent, named, names
from .countries import Countries
from .names import in_address

_POSSESSIVE_TAIL = re.compile(r"(\w[\w\-]*)(?:'s|’s)?\s+$")
_WORD_BEFORE = re.compile(r"([^\W\d_]+) $")
_NAME_WORDS = re.compile(r"[^\W\d_][\w\-’'.]*(?: [^\W\d_][\w\-’'.]*){1,3}")  # a person's whole name, as tagged


@dataclass
class Candidate:
    start: int
    end: int
    key: str  # what identifies the entity: KB id, "inst:AF:security_force:military", "per:seymour hersh"
    kind: str  # mention kind (Mention.kind)
    type: str
    name: str
    origin: str
    kb_id: str | None = None
    country: str | None = None
    wikidata: str | None = None
    rank: int = 0  # lower is more trusted when mentions overlap
    keeps_places: bool = False  # a description the places it names stay in («власти Китая»: China is named)
    named: bool = False  # a group's self-given name: it wins over a place of the same words


@cache
def _kb_matchers(lang: str) -> tuple[PhraseMatcher[str], PhraseMatcher[str], PhraseMatcher[str]]:
    """(names and aliases, descriptions, abbreviations) matchers for ``lang`` (English names match everywhere)."""
    names: PhraseMatcher[str] = PhraseMatcher(lang)
    descriptions: PhraseMatcher[str] = PhraseMatcher(lang)
    abbreviations: PhraseMatcher[str] = PhraseMatcher(lang, case_sensitive=True)
    for actor in kb.load_actors().values():
        described = {*actor.descriptions.en, *actor.descriptions.get(lang)}
        for form in actor.forms(lang):
            (descriptions if form in described else names).add(form, actor.id)
        for abbr in actor.abbreviations:
            abbreviations.add(abbr, actor.id)
    return names, descriptions, abbreviations


@cache
def _institution_matcher(lex: Lexicons) -> PhraseMatcher[tuple[str, str]]:
    m: PhraseMatcher[tuple[str, str]] = PhraseMatcher(lex.lang)
    for row in lex.actors["institutions"]:
        for noun in row["nouns"]:
            m.add(noun, (row["type"], row["kind"]))
    return m


@stage("actors", needs=("text", "language", "tokens", "ner", "places"), adds=("actors",))
def actors(doc: Document) -> Document:
    ctx = Context(doc)
    end = doc.layers.body_end if doc.layers.body_end is not None else len(doc.text)
    found = _kb_candidates(ctx, end) + _institution_candidates(ctx, end) + _ner_candidates(ctx, end)
    groups = named.find(ctx, end)  # "a group calling itself X", "the new group, X": whatever the tagger made of X
    found += [Candidate(s, e, f"org:{fold(n)}", "name", t, n, "ner", rank=1, named=True) for s, e, n, t in groups]
    kept = _without_overlaps(found)
    kept = _against_places(doc, kept)
    extent.grow(ctx, kept)
    _abbreviations_in_brackets(doc, kept)
    _build_entities(doc, kept)
    coref.resolve(ctx)
    names.canonical(doc)
    _renumber(doc)
    return doc


def _renumber(doc: Document) -> None:
    """Entity ids e1, e2, ... in order of first mention (places and actors together), without gaps."""
    doc.entities.sort(key=lambda e: min((m.start for m in e.mentions), default=0))
    for n, ent in enumerate(doc.entities, 1):
        ent.id = f"e{n}"


def _kb_candidates(ctx: Context, end: int) -> list[Candidate]:
    doc = ctx.doc
    names, descriptions, abbreviations = _kb_matchers(ctx.lang)
    national = set(ctx.lex.actors.get("national_abbreviations") or ())
    descriptive = tuple(ctx.lex.actors.get("descriptive_stems") or ())
    heads = {
        "person": {t.lower() for t in ctx.lex.actors.get("person_titles") or ()},
        "media": {t.lower() for t in ctx.lex.actors.get("media_heads") or ()},
    }
    countries = Countries(doc)
    out = []
    for matcher, kind, rank in (
        (descriptions, "description", 0),
        (names, "name", 1),
        (abbreviations, "abbreviation", 1),
    ):
        for m in matcher.find(doc.text, 0, end):
            ids = list(m.values)
            if len(ids) > 1 or m.text in national:  # which country's body: the one the context names
                where = countries.around(m.end)
                if where or (m.text in national and ctx.lang != "ru"):  # Russian with no place: Russia's own
                    ids = [i for i in ids if kb.actor(i).country in where]
            if len(ids) != 1:
                continue  # an alias of several actors the context does not choose between: not linked
            actor = kb.actor(ids[0])
            start = m.start
            if in_address(doc.text, m.start, m.end):
                continue  # "https://www.youtube.com/...", "kremlin.ru": an address, not a mention
            if actor.type in heads:
                first = m.text.split(maxsplit=1)
                if len(first) == 2 and first[0].lower() in heads[actor.type]:
                    start = m.end - len(first[1])  # «президент Путин», «агентство Рейтер»: the name alone
                if not doc.text[start : start + 1].isupper() and not doc.text[start : start + 1].isdigit():
                    continue  # a person's or a medium's name is capitalised: «моды» is not Моди, «известия» a word
            words = m.text.lower().split()
            described = kind == "name" and bool(descriptive) and any(w.startswith(descriptive) for w in words)
            out.append(
                Candidate(
                    start,
                    m.end,
                    actor.id,
                    "description" if described else kind,
                    actor.type,
                    actor.name,
                    "kb",
                    kb_id=f"kb:{actor.id}",
                    country=actor.country,
                    wikidata=actor.wikidata,
                    rank=rank,
                    keeps_places=described,
                )
            )
    return out


def _institution_candidates(ctx: Context, end: int) -> list[Candidate]:
    doc, lang = ctx.doc, ctx.lang
    out = []
    place_ends = {m.end: e.country for e in doc.entities if e.is_place for m in e.mentions}
    for m in _institution_matcher(ctx.lex).find(doc.text, 0, end):
        before = _POSSESSIVE_TAIL.search(doc.text, max(0, m.start - 40), m.start)
        if not before:
            continue
        word, start = before.group(1), before.start(1)
        two = _WORD_BEFORE.search(doc.text, max(0, start - 30), start)  # "Sierra Leonean", "Costa Rican"
        iso = gazetteer.demonym(f"{two.group(1)} {word}", lang) if two and word.isascii() else None
        start = two.start(1) if two and iso else start
        iso = iso or gazetteer.demonym(word, lang) or place_ends.get(before.start(1) + len(word))
        if not iso or (not word[:1].isupper() and not gazetteer.demonym(word, lang)):
            continue  # "Tajik authorities"; Russian country adjectives are lower-case ("иранские спецслужбы")
        typ, kind = m.values[0]
        military = (typ, kind) == ("security_force", "military")  # a country's forces: the top of its military
        actor = national_forces(iso) if military else national_actor(iso, typ, kind)
        if actor is not None:
            out.append(
                Candidate(
                    start,
                    m.end,
                    actor.id,
                    "description",
                    actor.type,
                    actor.name,
                    "kb",
                    kb_id=f"kb:{actor.id}",
                    country=iso,
                    wikidata=actor.wikidata,
                    rank=2,
                )
            )
        else:
            name = doc.text[start : m.end]
            out.append(
                Candidate(
                    start,
                    m.end,
                    f"inst:{iso}:{typ}:{kind}",
                    "description",
                    typ,
                    name,
                    "description",
                    country=iso,
                    rank=2,
                )
            )
    return out


def _ner_candidates(ctx: Context, end: int) -> list[Candidate]:
    doc = ctx.doc
    cues = ctx.lex.actors["org_cues"]
    out: list[Candidate] = []
    pieces = (
        (tagged, offset, piece, tagged.value if offset == 0 and piece == tagged.text else None)
        for tagged in doc.layers.ner
        if tagged.end <= end and tagged.label in ("PER", "ORG", "PERSON")
        for offset, piece in names.pieces(tagged.text)
    )
    for span, offset, piece, value in pieces:
        text = names.bare(piece, doc.language)
        if len(text) < 2 or not any(ch.isupper() for ch in text):
            continue
        start = span.start + offset + piece.index(text)
        name = names.nominative(text, names.bare(value, doc.language) if isinstance(value, str) else None)
        if (
            offset
            and span.label != "ORG"
            and out
            and out[-1].start >= span.start
            and names.transliterated(out[-1].name, text)
        ):
            out.append(replace(out[-1], start=start, end=start + len(text)))  # «Джошуа Вольф (Joshua Wolf)»
            continue
        line_start, line_end = doc.text.rfind("\n", 0, start) + 1, doc.text.find("\n", start)
        line = doc.text[line_start : line_end if line_end >= 0 else len(doc.text)].strip()
        heading = len(line.split()) <= 12 and not line.endswith((".", "!", "?", "”", '"', "»"))
        if (
            names.common_words_only(text, doc.language or "en")
            and (heading or " " not in text)
            and (heading or span.label != "ORG" or not names.capitalised_inside(doc, start, text))
        ):
            continue  # "Situation, Facts and Events": a heading (or a lone word) the tagger took for a name
        if span.label in ("PER", "PERSON"):
            out.append(Candidate(start, start + len(text), f"per:{fold(name)}", "name", "person", name, "ner", rank=3))
        else:
            typ = _org_type(f"{text} {name}", cues)
            out.append(Candidate(start, start + len(text), f"org:{fold(name)}", "name", typ, name, "ner", rank=3))
    return out


def _org_type(name: str, cues: dict[str, list[str]]) -> str:
    lowered = f" {name.lower()} "
    for typ in ("media", "security_force", "government", "armed_group"):
        if any(f" {cue} " in lowered for cue in cues[typ]):
            return typ
    return "organization"


def _without_overlaps(found: list[Candidate]) -> list[Candidate]:
    """Keep the longest, then most trusted, of overlapping candidates — but a knowledge-base name always beats a
    tagger's span around it ("Движение «Талибан»" tagged as one name is the Taliban)."""
    kept: list[Candidate] = []
    tagged = [c for c in found if c.origin == "ner"]
    for c in found:
        if c.origin == "kb" and c.type == "person":  # «Реджеп Эрдоган» tagged whole, the KB knows «Эрдоган»
            whole = [t for t in tagged if t.type == "person" and t.start <= c.start and c.end <= t.end]
            if whole and _NAME_WORDS.fullmatch(whole[0].name):
                c.start, c.end = whole[0].start, whole[0].end
    kb_spans = Intervals([(c.start, c.end) for c in found if c.origin == "kb"])
    found = [c for c in found if c.origin == "kb" or not kb_spans.overlaps(c.start, c.end)]
    taken = Intervals()
    for c in sorted(found, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
        if not taken.overlaps(c.start, c.end):
            kept.append(c)
            taken.add(c.start, c.end)
    return sorted(kept, key=lambda c: c.start)


def _against_places(doc: Document, kept: list[Candidate]) -> list[Candidate]:
    """An actor mention that contains a place mention wins over it; one inside a place mention loses."""
    out = []
    places = [e for e in doc.entities if e.is_place]
    listed = [_PlaceMention(m, ent, (n, i)) for n, ent in enumerate(places) for i, m in enumerate(ent.mentions)]
    rows = Spans(sorted(listed, key=lambda r: r.start))
    removed: set[int] = set()
    for c in kept:
        inside_place = False
        for row in sorted(rows.overlapping(c.start, c.end), key=lambda r: r.order):  # entity by entity, as listed
            m, ent = row.mention, row.entity
            if id(m) in removed or c.keeps_places:
                continue
            longer = c.end - c.start > m.end - m.start
            # a KB name beats a place of the same words, except a person's name against a place the gazetteer
            # knows ("Кабулов" must not take "Кабуле" by stem); a tagger-only "place" always loses
            known_place = ent.origin != "ner"
            kb_wins = (c.origin == "kb" and (c.type != "person" or not known_place)) or c.named
            if c.start <= m.start and m.end <= c.end and (longer or kb_wins):
                removed.add(id(m))
            else:
                inside_place = True
        if not inside_place:
            out.append(c)
    for ent in places:
        ent.mentions[:] = [m for m in ent.mentions if id(m) not in removed]
    doc.entities[:] = [e for e in doc.entities if not e.is_place or e.mentions]
    return out


@dataclass
class _PlaceMention:
    mention: Mention
    entity: Entity
    order: tuple[int, int]  # (entity, mention) positions

    @property
    def start(self) -> int:
        return self.mention.start

    @property
    def end(self) -> int:
        return self.mention.end


def _abbreviations_in_brackets(doc: Document, kept: list[Candidate]) -> None:
    """'Kuki Revolutionary Army (KRA)': an abbreviation in brackets right after an organisation's name is that
    name — the same entity from then on ("KRA militants opened fire")."""
    by_text: dict[str, Candidate] = {}
    for a, b in pairwise(kept):
        abbr = doc.text[b.start : b.end]
        if doc.text[a.end : b.start] not in (" (", "(") or doc.text[b.end : b.end + 1] != ")" or b.origin == "kb":
            continue
        # the convention holds whatever language the letters come from: "Revolutionary Armed Forces of Colombia
        # (FARC)"; a person's name in brackets is an alias, not this
        if abbr.isupper() and 2 <= len(abbr) <= 8 and a.type != "person":
            by_text[abbr] = a
    for c in kept:
        full = by_text.get(doc.text[c.start : c.end])
        if full is not None and c.origin != "kb":
            c.key, c.type, c.name, c.kb_id, c.country, c.wikidata = (
                full.key,
                full.type,
                full.name,
                full.kb_id,
                full.country,
                full.wikidata,
            )
            c.origin, c.kind = full.origin, "abbreviation"


def _build_entities(doc: Document, kept: list[Candidate]) -> None:
    by_key: dict[str, Entity] = {}
    longest: dict[str, Candidate] = {}
    ids = {e.id for e in doc.entities}
    for c in kept:
        ent = by_key.get(c.key)
        if ent is None:
            n = len(doc.entities) + 1  # as Document.new_entity_id, without a scan per entity
            while f"e{n}" in ids:
                n += 1
            ids.add(f"e{n}")
            ent = Entity(
                id=f"e{n}",
                name=c.name,
                type=cast(EntityType, c.type),
                wikidata=c.wikidata,
                country=c.country,
                kb_id=c.kb_id,
                origin=c.origin,
            )
            by_key[c.key] = ent
            doc.entities.append(ent)
        ent.mentions.append(Mention(c.start, c.end, doc.text[c.start : c.end], c.kind))
        if c.kind == "name" and (c.key not in longest or c.end - c.start > longest[c.key].end - longest[c.key].start):
            longest[c.key] = c
    for key, ent in by_key.items():
        if ent.origin != "kb" and key in longest:  # an unknown name: its longest form (in the nominative)
            ent.name = longest[key].name
        ent.refresh_aliases()
