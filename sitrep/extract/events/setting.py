"""Where a report is set, and the most specific of several places: the place an event whose own sentences name
none happened in — the most specific place named earlier in its paragraph, or the dateline's ("CHILE.", "KABUL,
Afghanistan —"), else, when the text names no place at all, the one its names and people give (``last_resort``)."""

from __future__ import annotations

import re
from dataclasses import replace
from operator import attrgetter
from typing import TYPE_CHECKING

from sitrep.extract.context import Context
from sitrep.extract.places import no_place_in_name, place_entity, resolve_spans
from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge import kb
from sitrep.knowledge.gazetteer import Place
from sitrep.model import Entity

from .whereabouts import held, most_specific, nationality, rank, where

if TYPE_CHECKING:
    from .incidents import Draft


class Setting:
    """Where the report is set before each sentence: the most specific place (the gazetteer's, with a country)
    named in the earlier sentences of its paragraph — the latest of equally specific ones, within the dateline's
    country when the text opens with one ("CHILE.", "KABUL, Afghanistan —") — else the dateline's place, else the
    most specific place its paragraph names later when all the document's places lie in one country, else the
    place of last resort (:func:`last_resort`). Read in one pass over the document, the first time it is asked."""

    def __init__(self, ctx: Context, para: list[int]):
        self.ctx, self.para = ctx, para
        self._before: list[Entity | None] | None = None
        self._resort: list[Entity | None] = []

    def __call__(self, s: int) -> Entity | None:
        if self._before is None:
            self._before = self._walk()
        if self._before[s] is not None:
            return self._before[s]
        if not self._resort:
            self._resort.append(last_resort(self.ctx))
        return self._resort[0]

    def _walk(self) -> list[Entity | None]:
        ctx, para = self.ctx, self.para
        line = _dateline(ctx)
        out: list[Entity | None] = []
        best: Entity | None = None
        in_para: dict[int, list[Entity]] = {}
        for t, sent in enumerate(ctx.sentences):
            if t == 0 or para[t] != para[t - 1]:
                best = None
            out.append(best or line)
            named = [
                e
                for _, _, e in ctx.index.within(sent.start, sent.end, places=True)
                if e.country and e.geo and (line is None or e.country == line.country)
            ]
            in_para.setdefault(para[t], []).extend(
                e
                for a, b, e in ctx.index.within(sent.start, sent.end, places=True)
                if e.country and e.geo and (line is None or e.country == line.country) and not nationality(ctx, a, b)
            )
            here = most_specific(named)
            if here is not None and (best is None or rank(here) <= rank(best)):
                best = here  # a later place as specific as the one before is the setting now
        # before its paragraph names a place: the most specific place the paragraph names later, when all the
        # document's places lie in one country ("A bomb exploded near the Education Board. ... other attacks in
        # Quetta"; not "... a cell that had arrived from Afghanistan" in a report from Pakistan)
        one = len({e.country for es in in_para.values() for e in es}) == 1
        later = {p: most_specific(es) if one else None for p, es in in_para.items()}
        return [o or later.get(para[t]) for t, o in enumerate(out)]


def in_heading_country(ctx: Context, drafts: list[Draft], setting: Setting) -> None:
    """A report headed by a country's name in capitals ("FRANCE. Customs agents found explosives ...", the form of
    incident summaries) tells of an incident in that country: an event its words placed in another country (the
    victim's, "the exiled former president of Iran"; a target's owner, "the U.S. Embassy") is placed at the most
    specific place of that country its sentences name, else where the report is set there, else in the country."""
    head = _dateline(ctx)
    if head is None or head.type != "country":
        return
    for d in drafts:
        loc = d.location
        if loc is None or loc.country in (None, head.country):
            continue
        sents = sorted({m.sent for m in d.mentions})
        here = [
            e
            for s in sents
            for a, b, e in ctx.index.within(ctx.sentences[s].start, ctx.sentences[s].end, places=True)
            if e.country == head.country and e.geo and not nationality(ctx, a, b)
        ]
        place = most_specific(here) or setting(sents[0]) or head
        for r in d.roles:
            if r.location is not None and r.location.country != head.country:
                r.location = place


def _dateline(ctx: Context) -> Entity | None:
    """The place a dateline opens the text with: a name in capitals followed by a full stop, comma or dash."""
    text = ctx.doc.text
    for start, end, e in ctx.index.within(0, min(len(text), 60), places=True):
        surface = text[start:end]
        if surface.isupper() and e.country and not text[:start].strip() and text[end : end + 1] in (".", ",", " "):
            return e
    return None


NOTABLE_POPULATION = 100_000
NAMED_BY = ("organization", "government", "security_force", "armed_group", "media")
_WORD = re.compile(r"[^\W\d_]+")


def last_resort(ctx: Context) -> Entity | None:
    """Where a report that names no place of its own is set: the place named inside an organisation's name ("the
    Baghdad International Airport", "the Kandahar Ulema Council"; not a country's posts abroad, "the U.S.
    Embassy"), else the one country the people and institutions it names belong to ("an Iraqi police officer",
    "Thailand's Interior Ministry"), or the home of the known armed groups it names when nothing else tells
    ("New People's Army rebels"; "members of the GSPC", "the Taliban claimed": RAND and ACLED code such an attack
    in the group's country). None when the document names a place (its events found it) or none fits."""
    doc, index = ctx.doc, ctx.index
    if any(e.is_place and e.country for e in doc.entities):
        return None
    abroad = set(ctx.lex.events.get("posts_abroad", ()))
    named = in_names(ctx)
    if named:
        (start, end), place = min(named, key=lambda x: (rank(place_entity(x[1])), x[0]))
        return index.add_place(place_entity(place), start, end)

    def abroad_after(end: int) -> bool:  # a country's post abroad: "the Iranian consulate"
        return bool(abroad & set(_WORD.findall(doc.text[end : end + 30].lower())[:2]))

    adjectives = [
        (w.start(), w.end(), cc) for w in _WORD.finditer(doc.text)
        if (cc := gz.demonym(w.group(), ctx.lang)) and not abroad_after(w.end())
    ]  # fmt: skip
    # a known group's country is where it is at home, but one that disagrees with the others vetoes; the home of
    # the known armed groups places a report that tells nothing else ("the GSPC", "the Taliban claimed")
    told = [e for e in doc.entities if not e.is_place and e.country]
    countries = {e.country or "" for e in told if e.origin != "kb"} | {cc for *_, cc in adjectives}
    # a known group vetoes a country it does not act in (ETA, of Spain and France, not "a French police officer")
    countries |= {e.country or "" for e in told if e.origin == "kb" and not countries <= {e.country, *_region(e)}}
    countries = countries or {e.country or "" for e in told}
    country = gz.country(countries.pop()) if len(countries) == 1 else None
    at_home = [e for e in told if e.origin == "kb" and e.type == "armed_group"]
    if country is None or not (adjectives or at_home or any(e.origin != "kb" for e in told)):
        return None
    cc = country.country_code
    named_by = sorted((m for e in told if e.origin != "kb" for m in e.mentions), key=attrgetter("start"))
    if not named_by and adjectives:  # "the Iraqi Health Ministry", not an entity of its own
        start, end, _ = adjectives[0]
        return index.add_place(place_entity(country), start, end, "description")
    if not named_by:  # "The New People's Army ambushed a patrol": the group's name says where
        first = min((m for e in at_home for m in e.mentions), key=attrgetter("start"))
        return index.add_place(place_entity(country), first.start, first.end, "description")
    for m in named_by:  # the people's adjective: "an Iraqi police officer"
        words = [w.span() for w in _WORD.finditer(m.text)]
        for a, b in [(a, b) for i, (a, _) in enumerate(words) for _, b in words[i : i + 2][::-1]]:
            said = m.text[a:b]  # two words or one: "Costa Rican", "Iraqi"
            kind = "name" if gz.norm(said) == gz.norm(country.name) else "description"
            if kind == "name" or gz.demonym(said, ctx.lang) == cc:
                return index.add_place(place_entity(country), m.start + a, m.start + b, kind)
    return index.add_place(place_entity(country), named_by[0].start, named_by[0].end, "description")


def in_names(ctx: Context) -> list[tuple[tuple[int, int], Place]]:
    """The places named inside the names of organisations ("the Baghdad International Airport", "the Kandahar Ulema
    Council"), resolved; not a country keeping a post abroad ("the U.S. Embassy")."""
    doc = ctx.doc
    abroad = set(ctx.lex.events.get("posts_abroad", ()))
    spans: list[tuple[int, int]] = []
    for e in doc.entities:
        for m in e.mentions if e.type in NAMED_BY else ():
            post = bool(abroad & {w.lower() for w in _WORD.findall(m.text)})  # "the U.S. Embassy", not "Taji Air Base"
            if m.kind == "name":
                found = gz.find(doc.text, ctx.lang, m.start, m.end)
                spans.extend(
                    (s, t) for s, t, cands in found
                    if not (post and cands[0].feature == "country")
                    and (_names_where(ctx, doc.text[m.start : s]) or _notable(cands[0]))
                    and not no_place_in_name(doc.text, (s, t), m.end, cands, ctx.lang)  # "Givi Tsulaia"
                )  # fmt: skip
    spans = sorted(set(spans))
    return [(span, p) for span, p in zip(spans, resolve_spans(doc.text, spans, ctx.lang), strict=True) if p]


def _names_where(ctx: Context, before: str) -> bool:
    """Does a place at this point of an organisation's name say where it is: first in the name ("the Kandahar Ulema
    Council") or after "of" / "in" ("the American University of Beirut"); not inside it ("the Bharatiya Janata
    Party")?"""
    links = ctx.lex.events.get("name_place_links")
    words = [w.lower() for w in _WORD.findall(before)]
    words = words[:-1] if words[-1:] == ["the"] else words  # "the Assembly of the Republic of Dagestan"
    return not links or not words or words[-1] in links


def _notable(place: Place) -> bool:
    """A place big enough to be meant wherever an organisation's name holds it: a division or country, or a city
    of 100,000 people ("Banco Piraeus"; not the hamlet "Janata" of the "Bharatiya Janata Party")."""
    return place.feature != "city" or place.population >= NOTABLE_POPULATION


def in_the_country(ctx: Context, drafts: list[Draft]) -> None:
    """An event placed only in a country happened in the town of that country that an organisation's name in its
    sentences holds, when one does: "a bomb damaged a jet at the Frankfurt Airport in Germany", "the President of the
    American University of Beirut" in a report headed "LEBANON."; else in the most specific place of that country its
    sentences name: "the Director of the Ministry of Health in Iraq was shot ... as he returned from work in Baghdad"
    (ACLED codes the most specific place the report gives)."""
    countries = [d for d in drafts if d.location is not None and d.location.type == "country"]
    named = in_names(ctx) if countries else []
    for d in countries:
        loc = d.location
        if loc is None:
            continue
        sents = [ctx.sentences[m.sent] for m in d.mentions]
        towns = [
            (span, p) for span, p in named
            if p.feature == "city" and p.country_code == loc.country and any(x.start <= span[0] < x.end for x in sents)
        ]  # fmt: skip
        if not towns:
            inside = [e for e in where(ctx, [(x.start, x.end) for x in sents]) if e.country == loc.country]
            best = most_specific([e for e in inside if e.type in ("city", "admin_area")])
            for r in d.roles if best is not None else ():
                if r.location is loc:
                    r.location = best
            continue
        (start, end), place = towns[0]
        town = ctx.index.add_place(place_entity(place), start, end)
        for r in d.roles:
            if r.location is loc:
                r.location = town


def settle_unknown(ctx: Context, located: list[Entity]) -> None:
    """An unknown place where an event happened (a tagged name the gazetteer does not know, with no country) lies
    in the one country everything the document names belongs to ("Lord's Resistance Army rebels attacked a truck
    between Patongo and Adilang"): it takes that country, no point."""
    in_settlement(ctx, located)
    unknown = [e for e in located if e.is_place and e.country is None and e.geo is None]
    if not unknown:
        return
    # the places it names first ("the frequent target of attack in Iraq"), not the nationality of a party ("US
    # forces", "a Turkish truck driver"); when it names none, everyone it names
    countries = {
        e.country for e in ctx.doc.entities
        if e.is_place and e.country and any(not nationality(ctx, m.start, m.end) for m in e.mentions)
    }  # fmt: skip
    countries = countries or {e.country for e in ctx.doc.entities if e.country}
    if len(countries) == 1:
        cc = countries.pop()
        for e in unknown:
            e.country = cc


def in_settlement(ctx: Context, located: list[Entity]) -> None:
    """An unknown place the text calls a settlement ("the Netzarim settlement", "the settlement of Shavey Shomron"),
    in a report that names Israel or the Palestinians, lies in the occupied territories (``settlements`` in the
    events lexicon)."""
    table = ctx.lex.events.get("settlements")
    unknown = [e for e in located if e.is_place and e.origin != "gazetteer" and e.geo is None]
    if not table or not unknown:
        return
    words = set(table["words"])
    told = {e.country for e in ctx.doc.entities if e.country} | _peoples(ctx)
    if not told & set(table["reports_on"]):
        return
    text = ctx.doc.text
    for e in unknown:
        near = [
            w.lower()
            for m in e.mentions
            for w in (
                *_WORD.findall(text[max(0, m.start - 16) : m.start])[-2:],
                *_WORD.findall(text[m.end : m.end + 14])[:1],
            )
        ]
        if words & set(near):
            e.country = table["country"]


PRIOR_MARGIN = 1.0  # how much less likely by its name alone a place of the people's country may be


def by_its_people(ctx: Context, located: list[Entity]) -> None:
    """A place where an event happened, in a country nothing else the document names belongs to (no other place,
    no people's adjective, no party, no known group's region), is the place of that name in a country they do
    belong to when that one is nearly as likely by its name: "Gaza" (a province of Mozambique by its prior) in
    a report on Hamas is the Palestinian town, "Valencia" in one on the Spanish Socialist Workers' Party is
    Spain's; "Paris" stays the French capital whoever is named. A place the text names only by one of its other
    names gives way to one that bears it as its own: "Samar" in a report on the New People's Army is the
    Philippine province, not Samara."""
    doc = ctx.doc
    # a described party ("Unidentified armed group (MZ)") has the country of the place or the adjective it was told
    # with: no evidence of its own
    parties = [e for e in doc.entities if not e.is_place and e.country and e.origin != "description"]
    people = {e.country for e in parties} | {c for e in parties if e.origin == "kb" for c in _region(e)}
    people |= _peoples(ctx)
    known = [e for e in doc.entities if e.is_place and e.origin == "gazetteer" and e.geo and not held(e)]
    point = {(e.geo.lat, e.geo.lon): e for e in known if e.geo}
    # the place itself, or the known place that holds an unknown one ("the Neve Dekalim settlement in Gaza")
    places = {id(p): p for e in located if e.geo and (p := point.get((e.geo.lat, e.geo.lon)))}
    for e in places.values():
        geo = e.geo
        if geo is None or e.country in people or any(o.country == e.country for o in known if o.geo != geo):
            continue
        text = e.mentions[0].text if e.mentions else e.name
        cands = gz.lookup(text, ctx.lang)
        now = next((c for c in cands if c.country_code == e.country and (c.lat, c.lon) == (geo.lat, geo.lon)), None)
        if now is None:
            continue
        key = gz.norm(text)
        by_alias = gz.norm(now.name) != key  # "Samar" is another name of Samara, the name of Samar (PH)
        bar = gz.prior(now, text) - PRIOR_MARGIN
        fits = [
            c for c in cands
            if c.country_code in people and c.feature in ("city", "admin1", "admin2")
            and (gz.prior(c, text) >= bar or (by_alias and gz.norm(c.name) == key))
        ]  # fmt: skip
        if fits:
            _move(doc.entities, e, place_entity(max(fits, key=lambda c: gz.prior(c, text))))


def _peoples(ctx: Context) -> set[str]:
    """The countries whose people's adjectives the text uses ("Israeli", "Palestinian")."""
    return {cc for w in _WORD.finditer(ctx.doc.text) if (cc := gz.demonym(w.group(), ctx.lang))}


def _region(e: Entity) -> tuple[str, ...]:
    return kb.actor((e.kb_id or "")[3:]).region if (e.kb_id or "").startswith("kb:") else ()


def _move(entities: list[Entity], e: Entity, to: Entity) -> None:
    """``e`` becomes the place ``to``, and the unknown places the text put in it go with it."""
    old, geo = e.geo, to.geo
    if old is None or geo is None:  # both are gazetteer places with a point
        return
    e.name, e.type, e.country, e.geo, e.kb_id = to.name, to.type, to.country, geo, to.kb_id
    for h in entities:
        if h is not e and held(h) and h.geo is not None and (h.geo.lat, h.geo.lon) == (old.lat, old.lon):
            h.country = geo.country_code
            h.geo = replace(h.geo, lat=geo.lat, lon=geo.lon, country_code=geo.country_code, admin1=geo.admin1)
