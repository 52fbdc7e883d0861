"""Resolving toponyms to gazetteer places: prior, local cues and the document's other places (see the ``places``
stage)."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge import reported
from sitrep.knowledge.gazetteer import Place
from sitrep.knowledge.languages import lexicons

from .around import feature_nouns
from .coded import loose_abroad, reported_setting, unplaced
from .cues import cue_words, document_countries, group_countries, heading_cues, link_cues, local_cues
from .nationals import hold_in_country, national_holders
from .nearby import MAX_KM, SMALL, near_links
from .others import Chosen, Others, near_support
from .phrases import Link, links_between, mark_kinds
from .recognition import SMALL_TOWN, Toponym

W_COUNTRY, W_ADMIN1, W_SAME_ADMIN1, W_NEAR = 3.0, 3.5, 1.5, 1.0
W_ADMIN2 = 2.0  # a mentioned county or district holds it, or it holds another mentioned place
W_REPORTED = 2.0  # times the share of coded incidents that put a town of this name in the candidate's country
MIN_REPORTS = 2  # reports that tip a place called by its own name towards another country
W_NEIGHBOUR = 0.75  # per other name (two at most) that has a town or district candidate near it
W_GROUP_HOME = 2  # a mention of an armed group at home in a country counts as twice its adjective ("Iraqi")

# ---------------------------------------------------------------------------------------------------------
# resolution


def _hold(links: list[Link]) -> None:
    """Every linked place inside its container, outer links first: a candidate that fits the chosen container,
    else (a strong link, or a name the gazetteer does not know) no place but the container's."""
    parent_of = {id(link.child): link for link in links}
    done: set[int] = set()

    def settle(link: Link) -> None:
        if id(link) in done:
            return
        done.add(id(link))
        above = parent_of.get(id(link.parent))
        if above is not None:
            settle(above)
        child, parent = link.child, link.parent
        holder = parent.place or parent.container
        if link.near is not None:
            _near(link, holder)
            return
        if holder is None or (child.place is not None and gz.within(child.place, holder)):
            return
        if child.place is not None and child.place.feature in ("country", "admin1") and holder.feature != "country":
            return  # "Afghanistan in Kandahar": no containment the other way round
        fits = [c for c in child.candidates if gz.within(c, holder)]
        if fits:
            child.place = max(fits, key=lambda c: gz.prior(c) + child.cues.get(c.key, 0.0))
        elif link.strong or child.place is None:
            child.place, child.container = None, holder

    for link in links:
        settle(link)


def _near(link: Link, holder: Place | None) -> None:
    """A place the text puts near ``holder`` ("X near Y", "X, 20 km north of Y"; a weak link): a candidate that
    lies near it, else the place chosen (a known place stays itself), else no place but ``holder``'s, moved by the
    link's offset."""
    child = link.child
    if holder is None or holder.feature == "country" or not holder.country_code or link.near is None:
        return
    reach, place = link.near, child.place
    # a town of that name in another country, far away and no bigger than the place the text puts it near, is not
    # the one it means ("the village of Kanaan, near Baqubah": not Canaan, Connecticut; but "Kirkuk, near Al-Mansur")
    astray = (
        place is not None
        and place.country_code != holder.country_code
        and gz.distance_km(place, holder) > MAX_KM
        and place.population <= max(holder.population, SMALL_TOWN)
    )
    if place is not None and not astray and (place.feature not in SMALL or gz.distance_km(place, holder) <= reach):
        return
    fits = [c for c in child.candidates if c.feature in SMALL and gz.distance_km(c, holder) <= reach]
    if fits:
        child.place = max(fits, key=lambda c: gz.prior(c) + child.cues.get(c.key, 0.0))
    elif place is None or (astray and place.feature in SMALL):  # a place near a town is no part of it: a village
        child.place = None
        child.container, child.offset, child.setting = holder, link.offset, False
        child.kind = child.kind or "city"


def resolve(
    text: str, mentions: list[Toponym], lang: str = "en", end: int | None = None, links: list[Link] | None = None
) -> None:
    """Choose ``m.place`` for every mention with candidates (drops weak mentions without support), or for one
    that fits no candidate inside its container, ``m.container`` (see :mod:`.phrases`)."""
    _divisions_spelled_otherwise(text, mentions)
    local_cues(text, mentions, lang)
    nationals = national_holders(text, mentions, lang)  # "the Iraqi town of Riyadh"
    link_cues(links or [])
    heading_cues(text, mentions)
    demonyms = document_countries(text, lang, end)
    salient = demonyms + Counter({cc: W_GROUP_HOME * n for cc, n in group_countries(text, lang, end).items()})
    neighbours = near_support([(_name(text, m), m.candidates) for m in mentions if not m.description])
    for m in mentions:
        if m.candidates:
            m.place = _choose(m, text, None, salient)
    # context from the other mentions' choices (not from the same name): first from the sure ones only, so that
    # two doubtful names do not hold each other up ("Norfolk ... Suffolk": the towns of Virginia, in a report from
    # England); then from all, each new choice seen by the next mentions, so that two names do not swap their
    # places round after round ("Walker County ... Huntsville": Texas and Alabama, then Alabama and Texas)
    sure = [m for m in mentions if _sure(m, text)]
    context = _context(text, sure)
    for m in mentions:
        if len(m.candidates) > 1:
            m.place = _choose(m, text, context.others(_name(text, m)), salient, neighbours)
    context, rebuilt = _context(text, mentions), 0
    for m in mentions:
        if len(m.candidates) > 1:
            place = _choose(m, text, context.others(_name(text, m)), salient, neighbours)
            if place is not m.place and rebuilt < MAX_REBUILDS:
                m.place, rebuilt = place, rebuilt + 1
                context = _context(text, mentions)
            m.place = place
    told = Chosen({"": {m.place.key: m.place for m in mentions if m.place and not m.weak and not m.description}})
    strong = told.others(None)
    for m in mentions:  # a weak mention of a place a firm one names too is that place ("in Rome ... Rome's mayor";
        # not one the tagger called an organisation or a common word: «в Сколково ... Сколково поддержит»), and so
        # is one a feature word marks ("Callahan and Eastland counties")
        told_too = m.place is not None and m.place.key in told.places and not (m.organisation or m.common)
        plain = m.kind in (None, "landmark")  # no feature word says what it is ("Lake Erie" may be the town's)
        if m.weak and m.place and not m.cues and plain and not told_too and not strong.supports(m.place):
            m.place = None
    for m in mentions:  # a landmark lies near the town it is named after ("Lake Erie": Erie), if anywhere known
        if m.kind == "landmark":
            m.container, m.place, m.candidates = m.place, None, m.candidates if m.place else []
    _hold(links or [])
    hold_in_country(nationals)
    _named_divisions(text, mentions)
    _outliers(text, mentions, lang)
    _hold([link for link in links or [] if link.near is not None])  # an outlier undone: the place it is near
    loose_abroad(text, mentions)  # "Madaen": not Yemen's Al Madan
    reported_setting(text, mentions)
    _setting(mentions, demonyms)


MAX_REBUILDS = 40  # of the context in the last round, one per changed choice: a long report stays linear
SURE_MARGIN = 1.5  # a name whose best candidate's prior and cues lead the next by this much is sure of it


def _context(text: str, mentions: list[Toponym]) -> Chosen:
    chosen: dict[str, dict[str, Place]] = {}
    for m in mentions:
        if m.place and not m.description:  # "the Turkish capital" adds nothing to "Ankara"
            chosen.setdefault(_name(text, m), {})[m.place.key] = m.place
    return Chosen(chosen)


def _name(text: str, m: Toponym) -> str:
    """The name a mention is called by, in any case and without a word for a town after it: a dateline's "BERLIN"
    and a later "Berlin" are one name, and so are "Dublin City" ("Dublin City Council") and "Dublin", which gives
    no context to itself (the city would make its own state likely, and the state the city). A word for a division
    after it names another place, which may hold the town: "Lexington County ... the town of Lexington"."""
    words = gz.norm(text[m.start : m.end]).casefold().split()
    if len(words) > 1 and any(words[-1].startswith(w) for w in _town_words()):
        words.pop()
    return " ".join(words)


@cache
def _town_words() -> tuple[str, ...]:
    """The feature words (stems) of towns in ``regions.yaml``, of every language: "city", "town", «город»."""
    return tuple(w for words in cue_words()["city"].values() for w in words)


def _sure(m: Toponym, text: str) -> bool:
    """Whether the mention's choice by prior and local cues alone can be trusted as context: one candidate, or
    the best well ahead of the next ("Kentucky"; not "Norfolk", Virginia or England)."""
    if len(m.candidates) <= 1:
        return True
    surface = text[m.start : m.end]
    a, b = sorted((gz.prior(p, surface) + m.cues.get(p.key, 0.0) for p in m.candidates), reverse=True)[:2]
    return a - b >= SURE_MARGIN


BORDER_KM = 100  # a place that near one of the document's is no outlier, in whatever country
OUTLIER_POPULATION = 200_000  # a town of another country than the document's, smaller than this, is doubted


def _outliers(text: str, mentions: list[Toponym], lang: str) -> None:
    """A tagged town the resolver put in another country than every other place of the document, with no cue of
    its own ("al-Dora" -> Red Springs, US, in a report all in Iraq; a big town only when the text does not call it
    by its own name: "Al-Mashru" is not Cairo), is the town of that name in that country, else a place the
    gazetteer does not know there (``_setting`` gives it the country). A country's name that
    begins a longer name or modifies a word for people is no such evidence ("Israel Defense Forces ... north of
    Nablus", "a translator for US forces ... in Baqubah", "a US-run centre in Librazhd")."""
    known = [m for m in mentions if m.place is not None and m.place.country_code and not m.description]
    for m in known:
        p = m.place
        division = p is not None and m.kind in ("admin1", "admin2") and p.feature == "city"  # "Nyanza province"
        surface = text[m.start : m.end]
        loose = not gz.lookup(surface.title() if surface.isupper() else surface)  # known only spelled otherwise:
        # a feature word is no cue for that place ("Jbala village": not Gaza's Jabalya)
        if p is None or not (m.confirmed or division) or (m.cues and not loose) or p.feature not in ("city", "admin2"):
            continue
        name = _name(text, m)
        evidence = [
            n.place
            for n in known
            if n.place and _name(text, n) != name and not _modifier(text, n, lang) and _by_name(text, n)
        ]
        others = {o.country_code for o in evidence}
        # a big town called by another name or spelled loosely is doubted too ("Al-Mashru": not Cairo, once "Masr")
        if len(others) != 1 or p.country_code in others or (p.population >= OUTLIER_POPULATION and _own_name(text, m)):
            continue
        if any(_beside(p, o) for o in evidence):
            continue  # "the town of Sederot" beside Gaza, "Israeli troops raided Jenin": across a border, not astray
        cc = next(iter(others))
        m.place = next((c for c in m.candidates if c.country_code == cc), None)
        if m.place is None:
            m.candidates, m.confirmed = [], True
        for n in mentions:  # what the text put in it follows it ("the Al-Rahman Mosque in Jbala village")
            if n.container is p and n.place is None:
                n.container = m.place


def _beside(p: Place, other: Place) -> bool:
    """Does ``p`` lie near ``other``: within ``BORDER_KM`` of a town or province, or inside a country's box?"""
    if other.feature != "country":
        return gz.distance_km(p, other) < BORDER_KM
    return gz.in_box(p, other.bbox)


def _own_name(text: str, m: Toponym) -> bool:
    """Whether the text calls the mention's place by its own name, in capitals or not ("BEIRUT:")."""
    surface = text[m.start : m.end]
    surface = surface.title() if surface.isupper() else surface
    return m.place is not None and gz.prior(m.place, surface) - gz.prior(m.place) > 0


def _by_name(text: str, m: Toponym) -> bool:
    """Whether the mention's place is called by its own name, or is a country or province: evidence of where the
    document is set. A town chosen by one of its other names is not ("Shahi Mosque": Qa'em Shahr, once Shahi)."""
    p = m.place
    surface = text[m.start : m.end]
    return p is not None and (p.feature in ("country", "admin1") or gz.prior(p, surface) - gz.prior(p) > 0)


def _divisions_spelled_otherwise(text: str, mentions: list[Toponym]) -> None:
    """A province or district the gazetteer knows no division of that name as written is the division of that
    name spelled otherwise ("Fariab Province": Faryab, Afghanistan, not Iran's town of Fariab), when there is
    one; a province only a county abroad is called ("Zabol Province": Zabul, not Iran's county of Zabol)."""
    divisions = ("admin1", "admin2")
    for m in mentions:
        known = ("admin1",) if m.kind == "admin1" else divisions
        if m.kind not in divisions or any(c.feature in known for c in m.candidates):
            continue
        *head, last = text[m.start : m.end].split() or [""]
        bare = " ".join(head) if head and last.lower() in feature_nouns() else text[m.start : m.end]
        m.candidates = [*m.candidates, *(p for p in gz.loose(bare) if p.feature in divisions)]


def _named_divisions(text: str, mentions: list[Toponym]) -> None:
    """A name said bare that a province or district of the document is called by with its feature word is in that
    division: the place of that name there, else the division itself ("in Fariab Province ... the security in
    Fariab": not Iran's town of Fariab)."""
    divisions: dict[str, Place] = {}
    for d in mentions:
        *head, last = text[d.start : d.end].split() or [""]
        if d.place is not None and d.kind in ("admin1", "admin2") and head and last.lower() in feature_nouns():
            divisions.setdefault(gz.norm(" ".join(head)).casefold(), d.place)
    for m in mentions if divisions else ():
        holder = divisions.get(gz.norm(text[m.start : m.end]).casefold())
        if m.kind is not None or holder is None or m.place is None or gz.within(m.place, holder):
            continue
        inside = [c for c in m.candidates if gz.within(c, holder)]
        m.place = max(inside, key=gz.prior) if inside else holder


def _modifier(text: str, m: Toponym, lang: str) -> bool:
    """A country's name joined to the next word ("US-run", "Nepal-Maoists"), beginning a longer name ("Israel
    Defense Forces") or before a word for people ("US forces", "Turkish troops"): a nationality, not a place."""
    if m.place is None or m.place.feature != "country":
        return False
    after = re.match(r"(?:-|[ \t]+)([^\W\d_][\w'’]*)", text[m.end : m.end + 40])
    if after is None:
        return False
    word = after.group(1)
    joined = after.group(0).startswith("-")
    return joined or word[:1].isupper() or word.lower() in lexicons(lang).person_units


def _setting(mentions: list[Toponym], demonyms: Counter[str]) -> None:
    """A place the gazetteer does not know and the text gives no container for lies where all the document's
    known places do: in their one first-level division, else their one country — or, when it names no known
    place, in the one country its people's adjectives name ("an Albanian politician in Bajram Curri"). The
    entity gets the country, no point: the text does not say where."""
    known = [m.place for m in mentions if m.place is not None and m.place.country_code and not m.description]
    if not known and len(demonyms) == 1 and (country := gz.country(next(iter(demonyms)))) is not None:
        known = [country]
    if len({p.country_code for p in known}) != 1:
        return
    cc = known[0].country_code
    provinces = {p.admin1 for p in known if p.feature != "country"}
    only = next(iter(provinces)) if len(provinces) == 1 else None
    province = gz.admin1(cc, only) if only is not None else None
    holder = province or gz.country(cc)
    for m in mentions:
        if unplaced(m):
            m.container, m.setting = holder, True


def _choose(
    m: Toponym, text: str, others: Others | None, demonyms: Counter[str], neighbours: dict[str, int] | None = None
) -> Place:
    """The best candidate of ``m``: by prior and local cues, and by the document's ``others`` (and the other names
    that could lie near each candidate, ``neighbours``) when given."""
    surface = text[m.start : m.end]
    if others is None:
        return max(m.candidates, key=lambda p: gz.prior(p, surface) + m.cues.get(p.key, 0.0))
    # where the document's other places back none of the candidates, reporting tips the balance ("Iskandariyah"
    # alone: Iraq's; not "Alexandria" in a report with Louisiana's towns)
    told = reported.countries(surface) if not any(others.same_country(p) for p in m.candidates) else {}
    if told and reported.reports(surface) < MIN_REPORTS and _by_own_name(m, surface):
        told = {}  # one report does not outweigh a place called by its own name ("Cambridge")
    support = neighbours or {}
    return max(
        m.candidates,
        key=lambda p: (
            _score(p, m, surface, others, demonyms)
            + W_NEIGHBOUR * support.get(p.key, 0)
            + W_REPORTED * told.get(p.country_code, 0)
        ),
    )


def _by_own_name(m: Toponym, surface: str) -> bool:
    """Whether the candidate the prior prefers is called by its own name, not by one of its alternate names."""
    best = max(m.candidates, key=lambda p: gz.prior(p, surface) + m.cues.get(p.key, 0.0))
    return gz.prior(best, surface) - gz.prior(best) >= gz.MAIN_NAME_BONUS


def _score(p: Place, m: Toponym, surface: str, others: Others, demonyms: Counter[str]) -> float:
    """Prior + local cues + agreement with the other places of the document (each distinct place once)."""
    score = gz.prior(p, surface) + m.cues.get(p.key, 0.0)
    same_country: float = others.same_country(p)
    same_country += demonyms.get(p.country_code, 0) / 2
    score += W_COUNTRY * (1 - 0.5**same_country)
    if others.holding(p):
        score += W_ADMIN1  # a mentioned admin1 (or region) holds it
    elif p.admin1 and others.in_same_admin1(p):
        score += W_SAME_ADMIN1  # another mentioned place lies in the same admin1
    if p.feature in ("admin1", "country", "place") and others.held_by(p):
        score += W_ADMIN1  # it holds another mentioned place
    if p.feature in ("city", "admin2", "place") and others.in_admin2(p):
        score += W_ADMIN2
    if p.feature in ("city", "admin2", "admin1") and others.near(p, 200):
        score += W_NEAR
    return score


def resolve_spans(text: str, spans: list[tuple[int, int]], lang: str = "en") -> list[Place | None]:
    """Resolve given toponym spans (e.g. gold annotations): the resolver measured apart from recognition; a name
    the gazetteer does not know gets the place that holds it, when the text says one does."""
    mentions = []
    for start, end in spans:
        surface = re.sub(r"^(?:the|The)\s+|['’]s$", "", text[start:end])
        cc = gz.demonym(surface, lang)
        cands = [c for c in [gz.country(cc)] if c] if cc else gz.lookup(surface, lang)
        if not cands:
            inner = gz.find(text, lang, start, end)
            cands = max(inner, key=lambda h: h[1] - h[0])[2] if inner else []
        mentions.append(Toponym(start, end, cands, confirmed=True))
    mark_kinds(text, mentions, lang)
    resolve(text, mentions, lang, links=links_between(text, mentions, lang) + near_links(text, mentions, lang))
    return [m.place or (None if m.setting else m.container) for m in mentions]
