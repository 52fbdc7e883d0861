"""The ``places`` stage: find toponyms, resolve them to gazetteer places and describe regions.

1. Recognition.  Candidate names come from the gazetteer (:func:`sitrep.gazetteer.find`); when the ``nlp``
   stage tagged the text, its LOC/GPE spans confirm them and its PER spans veto them.  Without a tagger (Russian,
   or no model) a candidate must look like a place: not a person ("Seymour Hersh", "Clinton said"), not a common
   word at the start of a sentence, and small towns only after a locative word or with support in the document.
2. Resolution.  Each candidate place is scored by its prior (country > admin1 > big city), local cues
   ("Pakistan's Balochistan", "Alexandria, La.", "Kandahar province", "the city of Kandahar") and the document's
   other places (their countries, the admin1 units that contain them, how near they are).
3. Descriptive regions from ``regions.yaml``: "southern Tajikistan", "the Afghanistan-Pakistan border",
   "the tribal areas", "на юге Таджикистана", "афгано-пакистанская граница".

All mentions of one place become one :class:`~sitrep.model.Entity` (origin "gazetteer", or "description" for
descriptive regions, "ner" for tagged locations the gazetteer does not know).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge.files import load_yaml
from sitrep.knowledge.gazetteer import Place
from sitrep.knowledge.words import common_words
from sitrep.model import Document, Entity, Geo, Mention, TextSpan
from sitrep.pipeline import stage

TYPES = {"country": "country", "admin1": "admin_area", "admin2": "admin_area", "city": "city", "place": "location"}
SMALL_TOWN = 20_000  # below this a town needs a locative word or support in the document (without NER)
BIG_CITY = 1_000_000
MID_TOWN = 100_000  # below this (or at the start of a sentence) a town needs a locative word or support
W_COUNTRY, W_ADMIN1, W_SAME_ADMIN1, W_NEAR, W_CONTAINER, W_CUE = 3.0, 3.5, 1.5, 1.0, 6.0, 3.0
_WORD = re.compile(r"[^\W\d_][\w.'’-]*")


@dataclass
class Toponym:
    start: int
    end: int
    candidates: list[Place]
    confirmed: bool = False  # the tagger called it a location, or the caller gave the span
    weak: bool = False  # a small town without a locative cue: kept only with support in the document
    cues: dict[str, float] = field(default_factory=dict)  # place key -> bonus from the words around it
    place: Place | None = None


@stage("places", needs=("text", "language"), adds=("places",))
def places(doc: Document) -> Document:
    """Add one place entity per place mentioned in ``doc.text[:body_end]``."""
    lang = doc.language or "en"
    end = doc.layers.body_end if doc.layers.body_end is not None else len(doc.text)
    tagged = bool(doc.layers.ner) or ("nlp" in doc.layers.done and lang == "en")
    mentions = recognise(doc.text, lang, end, doc.layers.ner if tagged else None)
    resolve(doc.text, mentions, lang, end)
    kept = [m for m in mentions if m.place is not None or m.confirmed]
    _add_entities(doc, kept)
    _add_regions(doc, kept, lang, end)
    _drop_shadowed(doc)
    return doc


# ---------------------------------------------------------------------------------------------------------
# recognition


@cache
def _words() -> dict[str, dict[str, frozenset[str]]]:
    data = load_yaml("place_stopwords.yaml")
    return {lang: {k: frozenset(v) for k, v in table.items()} for lang, table in data.items()}


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([^\W\d_][\w.'’-]*)\W*$", text[max(0, pos - 40) : pos])
    return m.group(1).rstrip(".") if m else ""


def _next_word(text: str, pos: int) -> str:
    m = _WORD.match(text, pos + len(text[pos:]) - len(text[pos:].lstrip(" \t")))
    return m.group(0).rstrip(".,") if m else ""


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4) : pos].rstrip(" \t\"'“«(")
    return not before or before[-1] in ".!?\n:;"


def recognise(text: str, lang: str, end: int | None = None, ner: list[TextSpan] | None = None) -> list[Toponym]:
    """Toponym mentions in ``text[:end]``; ``ner`` (None = no tagger ran) confirms or vetoes candidates."""
    words = _words().get(lang, _words()["en"])
    spans = [s for s in ner or [] if s.end <= (end or len(text))]
    judged: list[tuple[Toponym, str]] = []
    for start, stop, cands in gz.find(text, lang, 0, end):
        over = [s for s in spans if s.start < stop and start < s.end]
        if any(s.label == "PER" for s in over) and not _too_big_to_be_a_person(start, stop, cands, over):
            continue
        m = Toponym(start, stop, cands, confirmed=any(s.label in ("LOC", "GPE") for s in over))
        judged.append((m, "place" if m.confirmed else _verdict(text, m, words, lang)))
    persons = {gz.norm(text[m.start : m.end]) for m, v in judged if v == "person"}  # "John Ripley" ... "Ripley"
    mentions = [m for m, v in judged if v == "place" and (m.confirmed or gz.norm(text[m.start : m.end]) not in persons)]
    found = [(m.start, m.end) for m in mentions]
    for s in spans:  # tagged locations the gazetteer does not know
        if s.label in ("LOC", "GPE") and not any(a < s.end and s.start < b for a, b in found):
            name = text[s.start : s.end]
            if name[:1].isupper() and gz.norm(name) not in gz.load().stop.get(lang, ()):
                mentions.append(Toponym(s.start, s.end, [], confirmed=True))
    return sorted(mentions, key=lambda m: m.start)


def _too_big_to_be_a_person(start: int, stop: int, cands: list, over: list[TextSpan]) -> bool:
    """A tagger's PER on exactly the name of a country, first-level division or big city is the tagger's slip
    ("Balochistan has become a hub"); a PER span that goes beyond the toponym ("Raquel Henry") is a person."""
    if any(s.label == "PER" and (s.start, s.end) != (start, stop) for s in over):
        return False
    top = cands[0]
    return top.feature in ("country", "admin1") or (top.population or 0) >= 500_000


def _verdict(text: str, m: Toponym, words: dict[str, frozenset[str]], lang: str) -> str:
    """The verdict on an untagged match: "place", "no", or "person" (a name: veto its other mentions too)."""
    top, surface = m.candidates[0], text[m.start : m.end]
    strong = top.feature in ("country", "admin1", "place") or top.population >= BIG_CITY
    prev, nxt = _prev_word(text, m.start), _next_word(text, m.end)
    locative = prev.lower() in words.get("locative", ())
    firm = locative and prev.lower() not in ("of", "to")  # "in Clinton", not "Chamber of Commerce"
    initial = _sentence_start(text, m.start)
    if not strong and (prev in words.get("person_before", ()) or prev.lower() in words.get("person_before", ())):
        return "person"  # "President Jackson"; but "Президент Киргизии" is the president of a country
    compound = re.search(r"([^\W\d_][\w'’]*)[-–]$", text[max(0, m.start - 40) : m.start])
    if compound and not (gz.lookup(compound.group(1), lang) or gz.combining_form(compound.group(1), lang)):
        return "no"  # the tail of a compound name: "Islamic State-Khorasan Province"
    if re.search(r"(?i)(?:according\s+to|по\s+словам)\s+$", text[max(0, m.start - 20) : m.start]):
        return "place" if top.feature == "country" else "person"
    if not strong and nxt.lower() in words.get("person_after", ()):
        return "person"
    dateline = initial and re.match(r"\s*[,(—–-]", text[m.end : m.end + 3]) is not None
    if re.fullmatch(r"[A-Z]{4,}(?:[ -][A-Z]{2,})*", surface) and not dateline:
        return "no"  # all capitals: a dateline ("CHARLESTON, W.Va. —") or an acronym ("SWAT", "NICE")
    if (surface in words.get("person_names", ()) or surface in words.get("common", ())) and not firm:
        return "no"
    if not strong and (chain := _name_chain(text, m, lang, prev, nxt, words, initial)):
        return chain
    m.weak = top.feature == "city" and not firm and (top.population < MID_TOWN or (initial and not strong))
    return "place"


def _name_chain(
    text: str, m: Toponym, lang: str, prev: str, nxt: str, words: dict[str, frozenset[str]], initial: bool
) -> str:
    """Whether a capitalised non-word stands right before or after the match, so that it is part of a longer
    name: "person" after a full name ("Chiquita Raquel Henry": veto "Henry" everywhere), "no" next to a single
    such word ("Rodeo Gainesville", "Seymour Hersh", "Владимир Путин"), "" when the match stands on its own."""
    vocab, never = common_words(lang), words.get("never", frozenset())
    left = re.search(r"(?:([^\W\d_][\w.'’-]*)[ \t]+)?([^\W\d_][\w'’-]*)[ \t]+$", text[max(0, m.start - 60) : m.start])
    before = left is not None and not initial and prev[:1].isupper() and prev not in never
    if before and left is not None and prev.lower() not in vocab:
        first = (left.group(1) or "").rstrip(".")
        if first[:1].isupper() and not _sentence_start(text, max(0, m.start - 60) + left.start(2)):
            return "person"
        if first.lower() in words.get("person_before", ()):
            return "person"
        return "no"
    after = nxt[:1].isupper() and nxt not in words.get("place_heads", ()) and nxt not in never
    after = after and re.match(r"[ \t]+\w", text[m.end : m.end + 3]) is not None and nxt.lower() not in vocab
    after = after and re.fullmatch(r"[A-ZА-ЯЁ][a-zа-яё'’]+", nxt) is not None  # a surname, not "VFW" or "McDonald's"
    return "no" if after else ""


# ---------------------------------------------------------------------------------------------------------
# resolution


@cache
def _cue_words() -> dict[str, dict[str, tuple[str, ...]]]:
    cues = load_yaml("regions.yaml")["feature_cues"]
    return {feature: {lang: tuple(ws) for lang, ws in table.items()} for feature, table in cues.items()}


def _feature_cue(text: str, m: Toponym, lang: str) -> str | None:
    after = _next_word(text, m.end).lower()
    before = text[max(0, m.start - 30) : m.start].lower().split()
    for feature, table in _cue_words().items():
        stems = table.get(lang, table["en"])
        if lang == "ru":
            if before and any(before[-1].startswith(s) for s in stems):
                return feature
        elif after in stems or (len(before) >= 2 and before[-1] == "of" and before[-2] in stems):
            return feature
    return None


def _local_cues(text: str, mentions: list[Toponym], lang: str) -> None:
    """Bonuses from the words around each mention: feature words and containers next to it (mentions sorted)."""
    for i, m in enumerate(mentions):
        feature = _feature_cue(text, m, lang)
        for p in m.candidates:
            if feature and p.feature == feature:
                m.cues[p.key] = m.cues.get(p.key, 0.0) + W_CUE
        before = mentions[i - 1 : i] if i else []  # "Pakistan's Balochistan"
        after = []  # "Alexandria, La.", "Quetta, the capital of Pakistan's Balochistan province"
        for other in mentions[i + 1 :]:
            if other.start - m.end > 80:
                break
            after.append(other)
        for other in before + after:
            between = text[other.end : m.start] if other.end <= m.start else text[m.end : other.start]
            if other.end <= m.start:
                tight, near = re.fullmatch(r"['’]s\s+", between) is not None, False
            else:
                tight = re.fullmatch(r"\s*[,(]\s*", between) is not None
                near = not re.search(r"[.!?;]\s", between)
            if tight or near:
                _container_cue(m, other, W_CONTAINER if tight else W_CUE * 2 / 3, tight)


def _container_cue(m: Toponym, other: Toponym, bonus: float, tight: bool) -> None:
    for p in m.candidates:
        holders = [c for c in other.candidates if gz.contains(c, p)]
        if holders:
            m.cues[p.key] = max(m.cues.get(p.key, 0.0), bonus)
            for c in holders if tight else ():  # "Alexandria, La.": the container is the one that holds it
                other.cues[c.key] = max(other.cues.get(c.key, 0.0), W_CUE)


def _demonym_countries(text: str, lang: str, end: int | None) -> Counter[str]:
    found: Counter[str] = Counter()
    for w in _WORD.finditer(text, 0, len(text) if end is None else end):
        cc = gz.demonym(w.group(0).rstrip(".'’"), lang)
        if cc:
            found[cc] += 1
    return found


def resolve(text: str, mentions: list[Toponym], lang: str = "en", end: int | None = None) -> None:
    """Choose ``m.place`` for every mention with candidates (drops weak mentions without support)."""
    _local_cues(text, mentions, lang)
    demonyms = _demonym_countries(text, lang, end)
    for m in mentions:
        if m.candidates:
            m.place = _choose(m, text, None, demonyms)
    for _ in range(2):  # context from the other mentions' current choices (not from the same name)
        chosen: dict[str, dict[str, Place]] = {}
        for m in mentions:
            if m.place:
                chosen.setdefault(gz.norm(text[m.start : m.end]), {})[m.place.key] = m.place
        for m in mentions:
            if len(m.candidates) > 1:
                surface = gz.norm(text[m.start : m.end])
                others = {k: p for s, ps in chosen.items() if s != surface for k, p in ps.items()}
                m.place = _choose(m, text, list(others.values()), demonyms)
    strong = [m.place for m in mentions if m.place and not m.weak]
    for m in mentions:
        if m.weak and m.place and not m.cues and not any(_supports(p, m.place) for p in strong):
            m.place = None


def _choose(m: Toponym, text: str, others: list[Place] | None, demonyms: Counter[str]) -> Place:
    """The best candidate of ``m``: by prior and local cues, and by the document's ``others`` when given."""
    surface = text[m.start : m.end]
    if others is None:
        return max(m.candidates, key=lambda p: gz.prior(p, surface) + m.cues.get(p.key, 0.0))
    return max(m.candidates, key=lambda p: _score(p, m, surface, others, demonyms))


def _score(p: Place, m: Toponym, surface: str, others: list[Place], demonyms: Counter[str]) -> float:
    """Prior + local cues + agreement with the other places of the document (each distinct place once)."""
    score = gz.prior(p, surface) + m.cues.get(p.key, 0.0)
    same_country: float = sum(1 for o in others if o.country_code == p.country_code and p.country_code)
    same_country += demonyms.get(p.country_code, 0) / 2
    score += W_COUNTRY * (1 - 0.5**same_country)
    if any(o.feature != "country" and gz.contains(o, p) for o in others):
        score += W_ADMIN1  # a mentioned admin1 (or region) holds it
    elif p.admin1 and any(o.key != p.key and _same_admin1(o, p) for o in others):
        score += W_SAME_ADMIN1  # another mentioned place lies in the same admin1
    if p.feature in ("admin1", "country", "place") and any(gz.contains(p, o) for o in others):
        score += W_ADMIN1  # it holds another mentioned place
    if p.feature in ("city", "admin2", "admin1"):
        near = [gz.distance_km(p, o) for o in others if o.feature in ("city", "admin2") and o.key != p.key]
        if near and min(near) < 200:
            score += W_NEAR
    return score


def _same_admin1(p: Place, q: Place) -> bool:
    return p.country_code == q.country_code and p.admin1 is not None and p.admin1 == q.admin1


def _supports(p: Place, q: Place) -> bool:
    """Whether mentioning ``p`` makes the town ``q`` plausible: the same admin1, or the same country for a town
    of some size."""
    if p.key == q.key or p.country_code != q.country_code:
        return False
    return _same_admin1(p, q) or q.population >= SMALL_TOWN


def resolve_spans(text: str, spans: list[tuple[int, int]], lang: str = "en") -> list[Place | None]:
    """Resolve given toponym spans (e.g. gold annotations): the resolver measured apart from recognition."""
    mentions = []
    for start, end in spans:
        surface = re.sub(r"^(?:the|The)\s+|['’]s$", "", text[start:end])
        cc = gz.demonym(surface, lang)
        cands = [c for c in [gz.country(cc)] if c] if cc else gz.lookup(surface, lang)
        if not cands:
            inner = gz.find(text, lang, start, end)
            cands = max(inner, key=lambda h: h[1] - h[0])[2] if inner else []
        mentions.append(Toponym(start, end, cands, confirmed=True))
    resolve(text, mentions, lang)
    return [m.place for m in mentions]


# ---------------------------------------------------------------------------------------------------------
# entities


def _geo(p: Place) -> Geo | None:
    """The contract's geo; None for a region of several countries ("the Middle East"), which has no country code."""
    if not p.country_code:
        return None
    feature: Any = p.feature if p.feature in ("country", "admin1", "admin2", "city") else "place"
    return Geo(p.lat, p.lon, p.geonameid, p.country_code, p.admin1, feature)


def _entity_for(doc: Document, key: str, made: dict[str, Entity], **fields: Any) -> Entity:
    if key not in made:
        made[key] = Entity(id=doc.new_entity_id(), **fields)
        doc.entities.append(made[key])
    return made[key]


def _mention(doc: Document, ent: Entity, start: int, end: int, kind: str = "name") -> None:
    if not any(s.start == start and s.end == end for s in ent.mentions):
        ent.mentions.append(Mention(start, end, doc.text[start:end], kind))
        ent.mentions.sort(key=lambda s: s.start)
        ent.refresh_aliases()


def _add_entities(doc: Document, mentions: list[Toponym]) -> None:
    made: dict[str, Entity] = {}
    for m in mentions:
        p = m.place
        if p is None:  # tagged as a location, unknown to the gazetteer
            name = doc.text[m.start : m.end]
            ent = _entity_for(doc, "ner:" + gz.norm(name), made, name=name, type="location", origin="ner")
        else:
            ent = _entity_for(
                doc, p.key, made, name=p.name, type=TYPES.get(p.feature, "location"), country=p.country_code or None,
                geo=_geo(p), kb_id=p.kb_id, origin="gazetteer",
            )  # fmt: skip
        _mention(doc, ent, m.start, m.end)


_COORDINATED = re.compile(r"\s(?:and|or|и|или)\s|,")


def _drop_shadowed(doc: Document) -> None:
    """Drop tagged-only locations whose every mention another place entity also covers ("the West"), or that
    join a known place with another word ("the West and East": the tagger's span, not one place)."""
    spans = {(m.start, m.end) for e in doc.entities if e.origin != "ner" and e.is_place for m in e.mentions}

    def shadowed(m: Mention) -> bool:
        return (m.start, m.end) in spans or (
            bool(_COORDINATED.search(m.text)) and any(m.start <= s and e <= m.end for s, e in spans)
        )

    doc.entities = [e for e in doc.entities if e.origin != "ner" or not all(shadowed(m) for m in e.mentions)]


def _add_regions(doc: Document, mentions: list[Toponym], lang: str, end: int) -> None:
    made: dict[str, Entity] = {}
    for region in describe(doc.text, lang, end, [(m.start, m.end, m.place) for m in mentions if m.place]):
        if region.place is not None:  # a generic name that means a known place ("the tribal areas")
            p = region.place
            fields: dict[str, Any] = dict(name=p.name, type=TYPES.get(p.feature, "location"), kb_id=p.kb_id)
            fields.update(country=p.country_code or None, geo=_geo(p), origin="gazetteer")
            existing = next((e for e in doc.entities if e.kb_id == p.kb_id), None)
            ent = existing or _entity_for(doc, p.key, made, **fields)
        else:
            ent = _entity_for(
                doc, "desc:" + region.name, made, name=region.name, type="location", country=region.country,
                geo=region.geo, kb_id=f"geo:{region.name}", origin="description",
            )  # fmt: skip
        _mention(doc, ent, region.start, region.end, "name" if region.place else "description")


# ---------------------------------------------------------------------------------------------------------
# descriptive regions (regions.yaml)

_PLACE, _DEMONYM = "\ue000\ue001", "\ue002\ue003"  # anchors are masked with these, alternating


@dataclass
class Region:
    start: int
    end: int
    name: str
    country: str | None = None
    geo: Geo | None = None
    place: Place | None = None  # set when the words mean a known place ("the tribal areas" -> FATA)


def _alternation(words: list[str]) -> str:
    return "(?i:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@cache
def _region_patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    data = load_yaml("regions.yaml")
    dirs = data["directions"].values()
    slots = {
        "{dir}": "(?P<dir>" + _alternation([w for d in dirs for w in d["en"]]) + ")",
        "{dir_noun}": "(?P<dir>" + _alternation([w for d in dirs for w in d.get("ru_noun", [])]) + ")",
        "{dir_adj}": "(?P<dir>" + _alternation([w for d in dirs for w in d.get("ru_adj", [])]) + ")",
        "{noun}": "(?P<noun>" + _alternation(data["nouns"][lang if lang in data["nouns"] else "en"]) + ")",
        "{place}": "(?P<place>\ue000+|\ue001+)",
        "{demonym}": "(?P<demonym>\ue002+|\ue003+)",
        "{a}": "(?P<a>\ue000+|\ue001+|\ue002+|\ue003+)",
        "{b}": "(?P<b>\ue000+|\ue001+|\ue002+|\ue003+)",
    }
    out = []
    for kind in ("patterns", "borders"):
        for pattern in data[kind].get(lang, data[kind]["en"] if lang == "en" else []):
            for slot, regex in slots.items():
                pattern = pattern.replace(slot, regex)
            out.append((kind, re.compile(r"(?<!\w)" + pattern + r"(?!\w)")))
    for item in data["generic"]:
        if lang in item:
            out.append(("generic:" + item["key"], re.compile(r"(?i)\b(" + item[lang] + r")\b")))
    for item in data["macro_regions"]:
        for pattern in item.get("patterns", {}).get(lang, []):
            out.append(("macro:" + item["key"], re.compile(pattern)))
    return out


def _direction(word: str) -> dict[str, Any]:
    word = word.lower()
    for d in load_yaml("regions.yaml")["directions"].values():
        if word in d["en"] or any(word.startswith(s) for s in d.get("ru_noun", []) + d.get("ru_adj", [])):
            return d
    return {"name": word, "at": [0.5, 0.5]}


def _mask(text: str, lang: str, end: int, anchors: list[tuple[int, int, Place]]) -> tuple[str, dict[int, Place]]:
    """``text[:end]`` with anchor places and demonyms replaced by same-length private-use characters."""
    chars, at = list(text[:end]), {}
    for n, (s, e, p) in enumerate(anchors):
        if p.feature != "city":
            chars[s:e] = _PLACE[n % 2] * (e - s)
            at[s] = p
    for n, w in enumerate(re.finditer(r"[^\W\d_]+", text[:end])):
        cc = gz.combining_form(w.group(0), lang)
        if cc and chars[w.start()] not in _PLACE and (country := gz.country(cc)):
            chars[w.start() : w.end()] = _DEMONYM[n % 2] * (w.end() - w.start())
            at[w.start()] = country
    return "".join(chars), at


def describe(text: str, lang: str, end: int, anchors: list[tuple[int, int, Place]]) -> list[Region]:
    """Descriptive regions in ``text[:end]`` around the resolved place mentions ``anchors``."""
    masked, at = _mask(text, lang, end, anchors)
    doc_countries = {p.country_code for _, _, p in anchors} | {p.country_code for p in at.values()}
    found: list[Region] = []
    for kind, pattern in _region_patterns(lang):
        for m in pattern.finditer(masked):
            region = _region(kind, m, at, doc_countries, anchors)
            if region is not None:
                found.append(region)
    found.sort(key=lambda r: (r.start - r.end, r.start))
    kept: list[Region] = []
    for r in found:  # the longest description wins where they overlap
        if not any(r.start < k.end and k.start < r.end for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: r.start)


def _region(kind: str, m: re.Match[str], at: dict[int, Place], countries: set[str], anchors: list) -> Region | None:
    start, end = m.span(1) if kind.startswith(("generic:", "macro:")) else m.span()
    if kind.startswith("macro:"):
        place = gz.place("r:" + kind[6:])
        return Region(start, end, place.name, place=place) if place else None
    if kind.startswith("generic:"):
        item = next(g for g in load_yaml("regions.yaml")["generic"] if g["key"] == kind[8:])
        if not countries.intersection(item["countries"]):
            return None
        place = gz.place(item["place"])
        return Region(start, end, place.name, place=place) if place else None
    groups = m.groupdict()
    if kind == "borders":
        a, b = at.get(m.start("a")), at.get(m.start("b"))
        if a is None or b is None or a.country_code == b.country_code:
            return None
        names = sorted(c.name for c in (gz.country(a.country_code), gz.country(b.country_code)) if c)
        if len(names) != 2:
            return None
        lat, lon = gz.border_point(a.country_code, b.country_code)
        geo = Geo(lat, lon, None, a.country_code, None, "place")
        return Region(start, end, f"{names[0]}–{names[1]} border", a.country_code, geo)
    anchor = at.get(m.start("place")) if groups.get("place") else at.get(m.start("demonym"))
    if anchor is None:
        return None
    if groups.get("dir"):
        d = _direction(groups["dir"])
        name = f"{d['name']} {anchor.name}"
        lat, lon = gz.point_in(anchor, tuple(d["at"]))
    else:
        name = f"{groups['noun'].lower()} of {anchor.name}"
        lat, lon = anchor.lat, anchor.lon
    admin1 = anchor.admin1 if anchor.feature != "country" else None
    region_geo = Geo(lat, lon, None, anchor.country_code, admin1) if anchor.country_code else None
    return Region(start, end, name, anchor.country_code or None, region_geo)
