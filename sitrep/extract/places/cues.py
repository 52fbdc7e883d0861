"""What the words around a toponym and the document as a whole say about which place it is: feature words and
containers next to it ("Kandahar province", "Vladikavkaz, North Ossetia", "Pakistan's Balochistan"), a country
heading the text ("COSTA RICA."), and the countries the document is about though it may not name them as places —
its peoples' adjectives ("Iraqi police") and the homes of the armed groups it names ("the PKK", "FARC rebels")."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge import kb
from sitrep.knowledge.files import load_yaml
from sitrep.knowledge.lexicon import PhraseMatcher

from .around import WORD, next_word
from .nearby import SMALL
from .phrases import Link
from .recognition import Toponym

W_CONTAINER, W_CUE = 6.0, 3.0


@cache
def cue_words() -> dict[str, dict[str, tuple[str, ...]]]:
    cues = load_yaml("regions.yaml")["feature_cues"]
    return {feature: {lang: tuple(ws) for lang, ws in table.items()} for feature, table in cues.items()}


def _feature_cue(text: str, m: Toponym, lang: str) -> str | None:
    after = next_word(text, m.end).lower()
    before = text[max(0, m.start - 30) : m.start].lower().split()
    for feature, table in cue_words().items():
        stems = table.get(lang, table["en"])
        if lang == "ru":
            if before and any(before[-1].startswith(s) for s in stems):
                return feature
        elif after in stems or (len(before) >= 2 and before[-1] == "of" and before[-2] in stems):
            return feature
    return None


def local_cues(text: str, mentions: list[Toponym], lang: str) -> None:
    """Bonuses from the words around each mention: feature words and containers next to it (mentions sorted)."""
    for i, m in enumerate(mentions):
        feature = m.kind if m.kind in ("admin1", "admin2", "city") else _feature_cue(text, m, lang)
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


def heading_cues(text: str, mentions: list[Toponym]) -> None:
    """A text headed by a country's name in capitals ("COSTA RICA. A bomb exploded ... in San Jose", the form of
    incident summaries) is set in that country: every other name's candidates there get a cue."""
    first = min(mentions, key=lambda m: m.start, default=None)
    if first is None or text[: first.start].strip() or text[first.end : first.end + 1] not in (".", ","):
        return
    if not text[first.start : first.end].isupper():
        return
    cc = next((c.country_code for c in first.candidates if c.feature == "country" and c.country_code), None)
    for m in mentions if cc else ():  # a weak mention still needs support of its own ("the Coca-Cola plant")
        for p in m.candidates if m is not first and not m.weak else ():
            if p.country_code == cc:
                m.cues[p.key] = m.cues.get(p.key, 0.0) + W_CUE


def link_cues(links: list[Link]) -> None:
    """Bonuses for the candidates of a linked pair that fit together ("Vladikavkaz, North Ossetia")."""
    for link in links:
        child, parent = link.child, link.parent
        if link.near is not None:  # "X near Y": the candidates that lie near each other, as a weak link
            for c in child.candidates:
                close = [p for p in parent.candidates if c.feature in SMALL and gz.distance_km(c, p) <= link.near]
                if close:
                    child.cues[c.key] = max(child.cues.get(c.key, 0.0), W_CUE)
                    for p in close:
                        parent.cues[p.key] = max(parent.cues.get(p.key, 0.0), W_CUE)
            continue
        if not child.candidates:  # "in Dellarm, Farah": what holds an unknown place is a division, not a town;
            # what holds a street is a town ("Cumberland St., Lebanon")
            street = child.kind == "street"
            kinds = ("city", "place") if street else ("country", "admin1", "admin2")
            for p in parent.candidates:
                if p.feature in kinds:
                    parent.cues[p.key] = max(parent.cues.get(p.key, 0.0), W_CONTAINER if street else W_CUE)
        for c in child.candidates:
            holders = [p for p in parent.candidates if gz.within(c, p)]
            if holders:
                child.cues[c.key] = max(child.cues.get(c.key, 0.0), W_CONTAINER)
                for p in holders:
                    parent.cues[p.key] = max(parent.cues.get(p.key, 0.0), W_CUE)


def document_countries(text: str, lang: str, end: int | None) -> Counter[str]:
    """How often the document names each country by its people's adjective ("Iraqi")."""
    found: Counter[str] = Counter()
    for w in WORD.finditer(text, 0, len(text) if end is None else end):
        cc = gz.demonym(w.group(0).rstrip(".'’"), lang)
        if cc:
            found[cc] += 1
    return found


def group_countries(text: str, lang: str, end: int | None) -> Counter[str]:
    """How often the document names an armed group at home in each country ("the PKK", "Communist Party of
    Nepal-Maoists"): RAND and ACLED code an attack in the country of the group that made it, so a town of that
    name there is likelier than its namesakes abroad (a hint for choosing between namesakes only: the group may
    strike abroad, so it does not put a place the gazetteer does not know in its country)."""
    return Counter(cc for *_, cc in group_names(text, lang, end))


def group_names(text: str, lang: str, end: int | None) -> list[tuple[int, int, str]]:
    """The names of armed groups of the actor knowledge base in the text, with the country each is at home in
    (start, end, ISO code); a name several groups share counts only when they share a country."""
    found = []
    for matcher in _group_matchers(lang):
        for m in matcher.find(text, 0, end):
            homes = {kb.actor(i).country for i in m.values}
            if len(homes) == 1 and (cc := homes.pop()):
                found.append((m.start, m.end, cc))
    return found


@cache
def _group_matchers(lang: str) -> tuple[PhraseMatcher[str], PhraseMatcher[str]]:
    """(names and aliases, abbreviations) of the knowledge base's armed groups that have a home country."""
    names: PhraseMatcher[str] = PhraseMatcher(lang)
    abbreviations: PhraseMatcher[str] = PhraseMatcher(lang, case_sensitive=True)
    for actor in kb.load_actors().values():
        if actor.type != "armed_group" or not actor.country:
            continue
        own = [actor.name, *actor.aliases.en, *(actor.aliases.get(lang) if lang != "en" else ())]
        for form in {*own, *([actor.name_ru] if lang == "ru" and actor.name_ru else [])}:
            if form not in actor.abbreviations:
                names.add(form, actor.id)
        for abbr in actor.abbreviations:
            abbreviations.add(abbr, actor.id)
    return names, abbreviations
