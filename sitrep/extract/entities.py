"""Finding and making entities for the roles events and facts fill.

:class:`EntityIndex` answers "which entity is mentioned here?" by character offsets. It also makes the
entities the actor and place stages do not: generic participants ("gunmen" -> an unidentified armed group,
"five policemen" -> police, "civilians") and unnamed sources ("experts", "some media sources", "recent
publications"), so that every role and every attribution points at an entity the document lists.
"""

from __future__ import annotations

import re
from functools import cache
from typing import cast

from sitrep.knowledge import gazetteer
from sitrep.knowledge.files import load_yaml
from sitrep.knowledge.lexicon import PhraseMatcher
from sitrep.model import Document, Entity, EntityType, Mention

_LEADING = re.compile(
    r"^(?:(?:according to|citing|as reported by|as quoted by|as cited by|quoting|per)\s+)?"
    r"(?:(?:the|a|an|some|several|many|other|these|those|this|that|its|their|his|her)\b)?\s*",
    re.I,
)

GENERIC_NAMES = {
    "armed_group": ("Unidentified armed group", "armed_group"),
    "security_force": ("Security forces", "security_force"),
    "police": ("Police", "security_force"),
    "military": ("Military forces", "security_force"),
    "civilians": ("Civilians", "other"),
    "suspects": ("Suspects", "other"),
    "states": ("", "government"),  # named by the text itself: "European countries"
}


def _lexicon_file(kind: str, lang: str) -> str:
    return f"{kind}_{lang if lang in ('en', 'ru') else 'en'}.yaml"


@cache
def _matcher(kind: str, key: str, lang: str) -> PhraseMatcher[str]:
    """A matcher from ``<kind>_<lang>.yaml``'s ``key`` section: {category: [phrases]} -> phrase -> category."""
    m: PhraseMatcher[str] = PhraseMatcher(lang)
    for category, words in load_yaml(_lexicon_file(kind, lang))[key].items():
        for w in words:
            m.add(w, category)
    return m


def _generic_matcher(lang: str) -> PhraseMatcher[str]:
    return _matcher("actor_patterns", "generic", lang)


def _source_matcher(lang: str) -> PhraseMatcher[str]:
    return _matcher("stance", "anonymous_sources", lang)


@cache
def generic_nouns(lang: str) -> frozenset[str]:
    """Every word of the generic participant nouns ("policemen", "civilians", "gunmen", ...)."""
    spec = load_yaml(_lexicon_file("actor_patterns", lang))["generic"]
    return frozenset(w for words in spec.values() for phrase in words for w in str(phrase).lower().split())


class EntityIndex:
    def __init__(self, doc: Document):
        self.doc = doc
        self._rows: list[tuple[int, int, Entity]] = []
        self.refresh()

    def refresh(self) -> None:
        self._rows = sorted(((m.start, m.end, e) for e in self.doc.entities for m in e.mentions), key=lambda r: r[0])

    def within(self, start: int, end: int, places: bool | None = None) -> list[tuple[int, int, Entity]]:
        """Mentions inside [start, end); ``places`` True/False keeps only places / only actors."""
        return [
            r for r in self._rows
            if start <= r[0] and r[1] <= end and (places is None or r[2].is_place == places)
        ]  # fmt: skip

    def covering(self, start: int, end: int, places: bool | None = None) -> Entity | None:
        """The entity of the innermost mention that overlaps [start, end) — the mention of a phrase's head."""
        best: tuple[int, Entity] | None = None
        for s, e, ent in self._rows:
            if s >= end:
                break
            if e > start and (places is None or ent.is_place == places):
                size = e - s
                if best is None or size < best[0]:
                    best = (size, ent)
        return best[1] if best else None

    def in_phrase(
        self, start: int, end: int, head: tuple[int, int] | None = None, places: bool | None = None
    ) -> Entity | None:
        """The entity a phrase denotes: the mention covering its head word, else its first mention."""
        if head is not None:
            ent = self.covering(*head, places=places)
            if ent is not None and any(m.start < end and start < m.end for m in ent.mentions):
                return ent  # the phrase's head is (part of) a mention, even when the parse split the name
        rows = self.within(start, end, places)
        return rows[0][2] if rows else None

    # -- entities made on demand ------------------------------------------------------------------------
    def generic(
        self, start: int, end: int, lang: str, country: str | None = None, head: tuple[int, int] | None = None
    ) -> Entity | None:
        """An entity for a generic participant named in [start, end) ("gunmen", "five policemen"): the longest
        match on the phrase's head word, else the last; people described as suspects are suspects."""
        matches = _generic_matcher(lang).find(self.doc.text, start, end)
        if not matches:
            return None
        on_head = [x for x in matches if head is not None and x.start < head[1] and head[0] < x.end]
        m = max(on_head, key=lambda x: x.end - x.start) if on_head else matches[-1]
        category = m.values[0]
        before = self.doc.text[start : m.start].split()
        if before and (iso := gazetteer.demonym(before[-1], lang)):
            country = iso  # "Afghan civilians" are Afghan wherever the event is told from
        if category == "civilians" and (suspects := [x for x in matches if x.values[0] == "suspects"]):
            m, category = suspects[0], "suspects"  # "three people suspected of plotting an attack"
        name, typ = GENERIC_NAMES[category]
        if not name:
            name = m.text[:1].upper() + m.text[1:]
        if country:
            name = f"{name} ({country})"
        key = f"generic:{category}:{country or ''}:{name.lower() if category == 'states' else ''}"
        return self._ensure(key, name, typ, country, m.start, m.end, "description")

    def localize(self, ent: Entity, country: str | None) -> Entity:
        """A generic participant named without a country, once the event's country is known: "Civilians (PK)"."""
        key = ent.kb_id or ""
        if not country or ent.country or not key.startswith("generic:"):
            return ent
        category = key.split(":")[1]
        name, typ = GENERIC_NAMES[category]
        name = f"{name or ent.name} ({country})"
        local = self._ensure(
            f"generic:{category}:{country}:{name.lower() if category == 'states' else ''}",
            name,
            typ,
            country,
            ent.mentions[0].start,
            ent.mentions[0].end,
            "description",
        )
        for m in ent.mentions[1:]:
            if m not in local.mentions:
                local.mentions.append(m)
        local.mentions.sort(key=lambda m: m.start)
        return local

    def source(self, start: int, end: int, lang: str) -> Entity | None:
        """The entity a source phrase names: a linked actor in it, else an unnamed source ("experts")."""
        ent = self.in_phrase(start, end, places=False)
        if ent is not None:
            return ent
        matches = _source_matcher(lang).find(self.doc.text, start, end)
        if not matches:
            return None
        m = matches[-1]
        said = self.doc.text[start:end].strip(" ,.;:")
        phrase = _without_source_phrase(said, lang)
        stripped = phrase != said  # after "по словам", "по данным" the noun is in an oblique case
        phrase = _LEADING.sub("", phrase).strip()
        if stripped:
            phrase = self._head_in_base_form(phrase, start, end)
        name = f"{phrase} (unnamed)" if phrase else f"{m.text} (unnamed)"
        return self._ensure(f"source:{name.lower()}", name, m.values[0], None, m.start, m.end, "description")

    def make(self, name: str, typ: str, country: str | None, start: int, end: int) -> Entity:
        """An entity for a name the earlier stages did not know (kept only if an event or fact uses it)."""
        return self._ensure(f"group:{name.lower()}", name, typ, country, start, end, "name")

    def first_source(self, spans: list[tuple[int, int]], lang: str) -> Entity | None:
        """The outermost of ``spans`` (innermost first) that names a source."""
        for span in reversed(spans):
            ent = self.source(*span, lang)
            if ent is not None:
                return ent
        return None

    def _head_in_base_form(self, phrase: str, start: int, end: int) -> str:
        """Name an unnamed source by its first word's lemma where the language inflects it ("источника в силовых
        структурах" -> "источник в силовых структурах"); English phrases are left as they are."""
        if self.doc.language != "ru" or not phrase:
            return phrase
        at = self.doc.text.find(phrase, start, end)
        first = next((t for t in self.doc.layers.tokens if t.start == at), None)
        if first is None or not first.lemma or first.end - first.start > len(phrase):
            return phrase
        lemma = first.lemma[:1].upper() + first.lemma[1:] if first.text[:1].isupper() else first.lemma
        return lemma + phrase[first.end - first.start :]

    def _ensure(self, key: str, name: str, typ: str, country: str | None, start: int, end: int, kind: str) -> Entity:
        ent = next((e for e in self.doc.entities if e.kb_id == key), None)
        if ent is None:
            ent = Entity(
                id=self.doc.new_entity_id(),
                name=name,
                type=cast(EntityType, typ),
                country=country,
                kb_id=key,
                origin="description",
            )
            self.doc.entities.append(ent)
        if not any(m.start == start and m.end == end for m in ent.mentions):
            ent.mentions.append(Mention(start, end, self.doc.text[start:end], kind))
            ent.mentions.sort(key=lambda m: m.start)
            self.refresh()
        return ent


def _without_source_phrase(text: str, lang: str) -> str:
    """'According to recent publications' -> 'recent publications' (the language's source phrases)."""
    low = text.lower()
    phrases = sorted(load_yaml(_lexicon_file("stance", lang))["speech"]["source_phrases"], key=len, reverse=True)
    for p in phrases:
        if low.startswith(p.lower() + " "):
            return text[len(p) + 1 :].lstrip()
    from sitrep.extract.events.triggers import lexicon

    first, _, rest = text.partition(" ")
    if rest and first.lower() in lexicon(lang).data["cases"]["locative"]:
        return rest  # "в ведомстве" (сообщили в ведомстве): the ministry
    return text


def role_entity(
    index: EntityIndex,
    start: int,
    end: int,
    head: tuple[int, int] | None,
    lang: str,
    country: str | None = None,
    places: bool | None = False,
) -> Entity | None:
    """The entity filling a role whose phrase is [start, end): a linked mention, else a generic participant."""
    return index.in_phrase(start, end, head, places=places) or index.generic(start, end, lang, country, head)
