"""Finding and making entities for the roles events and facts fill.

:class:`EntityIndex` answers "which entity is mentioned here?" by character offsets. It also makes the
entities the actor and place stages do not: generic participants ("gunmen" -> an unidentified armed group,
"five policemen" -> police, "civilians") and unnamed sources ("experts", "some media sources", "recent
publications"), so that every role and every attribution points at an entity the document lists.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from typing import cast

from sitrep.knowledge import gazetteer, kb
from sitrep.knowledge.languages import Lexicons
from sitrep.knowledge.morph_ru import nominative_words
from sitrep.model import Document, Entity, EntityType, Mention
from sitrep.translit import has_cyrillic, latin

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
    "protesters": ("Protesters", "other"),  # ACLED's "Protesters (Country)" and "Rioters (Country)"
    "rioters": ("Rioters", "other"),
    "suspects": ("Suspects", "other"),
    "states": ("", "government"),  # named by the text itself: "European countries"
}


class EntityIndex:
    """The document's entity mentions by position, kept in step with the entities it makes.

    ``within`` and ``covering`` answer from a list of mentions sorted by start (ties in the order of
    ``doc.entities`` and of each entity's mentions), found by binary search.  The list is what it was when the
    index last changed: the mentions :meth:`localize` moves onto a localised entity join it with the next mention
    the index makes, as they always have.
    """

    def __init__(self, doc: Document, lex: Lexicons):
        self.doc = doc
        self.lex = lex
        self.lang = lex.lang
        self._keys: list[tuple[int, int, int]] = []  # (start, entity position, order of addition)
        self._rows: list[tuple[int, int, Entity]] = []
        self._starts: list[int] = []
        self._longest = 0
        self._position: dict[int, int] = {}  # id(entity) -> its position in doc.entities
        self._by_key: dict[str, Entity] = {}  # kb_id -> the first entity with it
        self._spans: dict[int, set[tuple[int, int]]] = {}  # id(entity) -> its mentions' (start, end)
        self._pending: list[tuple[Entity, Mention, int]] = []  # moved by localize, not yet in the rows
        self._ids = {e.id for e in doc.entities}
        self._seq = 0
        self._token_starts = [t.start for t in doc.layers.tokens]
        for n, ent in enumerate(doc.entities):
            self._position[id(ent)] = n
            if ent.kb_id is not None:
                self._by_key.setdefault(ent.kb_id, ent)
            for m in ent.mentions:
                self._insert(ent, m, self._next())

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    def _insert(self, ent: Entity, m: Mention, seq: int) -> None:
        key = (m.start, self._position[id(ent)], seq)
        i = bisect_right(self._keys, key)
        self._keys.insert(i, key)
        self._rows.insert(i, (m.start, m.end, ent))
        self._starts.insert(i, m.start)
        self._longest = max(self._longest, m.end - m.start)

    def within(self, start: int, end: int, places: bool | None = None) -> list[tuple[int, int, Entity]]:
        """Mentions inside [start, end); ``places`` True/False keeps only places / only actors."""
        lo, hi = bisect_left(self._starts, start), bisect_right(self._starts, end)
        return [r for r in self._rows[lo:hi] if r[1] <= end and (places is None or r[2].is_place == places)]

    def starting_in(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """Mentions that start in [start, end)."""
        return self._rows[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def covering(self, start: int, end: int, places: bool | None = None) -> Entity | None:
        """The entity of the innermost mention that overlaps [start, end) — the mention of a phrase's head."""
        best: tuple[int, Entity] | None = None
        lo, hi = bisect_left(self._starts, start - self._longest), bisect_left(self._starts, end)
        for s, e, ent in self._rows[lo:hi]:
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
        self, start: int, end: int, country: str | None = None, head: tuple[int, int] | None = None
    ) -> Entity | None:
        """An entity for a generic participant named in [start, end) ("gunmen", "five policemen"): the longest
        match on the phrase's head word, else the last; people described as suspects are suspects."""
        matches = self.lex.generic.find(self.doc.text, start, end)
        if not matches:
            return None
        on_head = [x for x in matches if head is not None and x.start < head[1] and head[0] < x.end]
        m = max(on_head, key=lambda x: x.end - x.start) if on_head else matches[-1]
        category = m.values[0]
        before = self.doc.text[start : m.start].split()
        if before and (iso := gazetteer.demonym(before[-1], self.lang)):
            country = iso  # "Afghan civilians" are Afghan wherever the event is told from
            if category == "military" and national_forces(iso) is not None:  # "Israeli warplanes"
                return self.forces(iso, self._demonym_before(start, m.start), m.end)
        if category == "civilians" and (suspects := [x for x in matches if x.values[0] == "suspects"]):
            m, category = suspects[0], "suspects"  # "three people suspected of plotting an attack"
        name, typ = GENERIC_NAMES[category]
        if not name:
            name = m.text[:1].upper() + m.text[1:]
        if country:
            name = f"{name} ({country})"
        key = f"generic:{category}:{country or ''}:{name.lower() if category == 'states' else ''}"
        return self._ensure(key, name, typ, country, self._demonym_before(start, m.start), m.end, "description")

    def _demonym_before(self, start: int, at: int) -> int:
        """Where a generic participant's mention starts: at the demonym right before its noun ("Afghan civilians"),
        which says whose people they are, else at the noun."""
        lead = self.doc.text[start:at]
        words = lead.split()
        if not words or not lead.endswith(" ") or not words[-1].isalpha():
            return at
        if gazetteer.demonym(words[-1], self.lang) is None:
            return at
        return start + len(lead.rstrip()) - len(words[-1])

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
        have = {_key(x) for x in local.mentions}
        for m in ent.mentions[1:]:
            if _key(m) not in have:
                have.add(_key(m))
                local.mentions.append(m)
                self._spans_of(local).add((m.start, m.end))
                self._pending.append((local, m, self._next()))
        local.mentions.sort(key=lambda m: m.start)
        return local

    def source(self, start: int, end: int) -> Entity | None:
        """The entity a source phrase names: a linked actor in it, else an unnamed source ("experts")."""
        ent = self.in_phrase(start, end, places=False)
        if ent is not None:
            return ent
        matches = self.lex.sources.find(self.doc.text, start, end)
        if not matches:
            return None
        m = matches[-1]
        said = self.doc.text[start:end].strip(" ,.;:")
        phrase = _without_source_phrase(said, self.lex)
        stripped = phrase != said  # after "по словам", "по данным" the noun is in an oblique case
        phrase = _LEADING.sub("", phrase).strip()
        if stripped:
            phrase = self._head_in_base_form(phrase, start, end)
        name = f"{phrase} (unnamed)" if phrase else f"{m.text} (unnamed)"
        before = self.doc.text[start : m.start].split()
        country = gazetteer.demonym(before[-1], self.lang) if before else None  # "Croatian officials said"
        return self._ensure(f"source:{name.lower()}", name, m.values[0], country, m.start, m.end, "description")

    def forces(self, country: str, start: int, end: int) -> Entity:
        """A country's armed forces named by the country alone ("a US drone strike", "Pakistani air strikes"): the
        KB's one military of that country, else "Military forces (XX)"."""
        actor = national_forces(country)
        if actor is None:
            name, typ = GENERIC_NAMES["military"]
            key = f"generic:military:{country}:"
            return self._ensure(key, f"{name} ({country})", typ, country, start, end, "description")
        known = f"kb:{actor.id}" in self._by_key
        ent = self._ensure(f"kb:{actor.id}", actor.name, actor.type, country, start, end, "description")
        if not known:
            ent.origin, ent.wikidata = "kb", actor.wikidata
        return ent

    def make(self, name: str, typ: str, country: str | None, start: int, end: int) -> Entity:
        """An entity for a name the earlier stages did not know (kept only if an event or fact uses it)."""
        return self._ensure(f"group:{name.lower()}", name, typ, country, start, end, "name")

    def make_group(self, noun: str, start: int, end: int) -> Entity:
        """An entity for people named by a plain noun ("the detainees", "recruits")."""
        return self._ensure(f"group:{noun}", noun, "other", None, start, end, "description")

    def get(self, key: str) -> Entity | None:
        """The (first) entity with ``kb_id`` ``key``."""
        return self._by_key.get(key)

    def first_source(self, spans: list[tuple[int, int]]) -> Entity | None:
        """The outermost of ``spans`` (innermost first) that names a source."""
        for span in reversed(spans):
            ent = self.source(*span)
            if ent is not None:
                return ent
        return None

    def _head_in_base_form(self, phrase: str, start: int, end: int) -> str:
        """Name an unnamed source in the nominative where the language inflects it: its first noun and the
        adjectives before it («местных властей» -> «местные власти», «источника в силовых структурах» ->
        «источник в силовых структурах»); English phrases are left as they are."""
        if self.doc.language != "ru" or not phrase:
            return phrase
        at = self.doc.text.find(phrase, start, end)
        toks = self.doc.layers.tokens
        k = bisect_left(self._token_starts, at)
        words: list[tuple[int, int, str]] = []  # (start, end, nominative) of the words to replace
        for t in toks[k:]:
            if t.start >= at + len(phrase) or t.pos not in ("ADJ", "NOUN", "PROPN", "DET"):
                break
            if t.text.isupper() and len(t.text) > 1:
                break  # an abbreviation stays as written: «СМИ», not «Сми»
            words.append((t.start, t.end, t.text))
            if t.pos != "ADJ":
                break
        if not words or self.doc.layers.tokens[k].start != at:
            return phrase
        found = nominative_words([w for _, _, w in words])
        if found is None:  # not in the dictionary: the first word's lemma
            first = toks[k]
            lemma = first.lemma[:1].upper() + first.lemma[1:] if first.text[:1].isupper() else first.lemma
            return (lemma or first.text) + phrase[first.end - first.start :]
        out, pos = [], at
        for (a, b, w), nom in zip(words, found, strict=True):
            out.append(self.doc.text[pos:a] + (nom[:1].upper() + nom[1:] if w[:1].isupper() else nom))
            pos = b
        return "".join(out) + self.doc.text[pos : at + len(phrase)]

    def _ensure(self, key: str, name: str, typ: str, country: str | None, start: int, end: int, kind: str) -> Entity:
        ent = self._by_key.get(key)
        if ent is None:
            ent = Entity(
                id=self._new_id(),
                name=name,
                type=cast(EntityType, typ),
                country=country,
                kb_id=key,
                origin="description",
                latin=latin(name) if has_cyrillic(name) else None,
            )
            self._position[id(ent)] = len(self.doc.entities)
            self._by_key[key] = ent
            self.doc.entities.append(ent)
        self._mention(ent, start, end, kind)
        return ent

    def add_place(self, place: Entity, start: int, end: int, kind: str = "name") -> Entity:
        """The place entity with ``place``'s key (``place`` itself, added, when the document has none yet),
        mentioned at [start, end): a place the places stage did not keep, found where an event needs one."""
        ent = self._by_key.get(place.kb_id or "")
        if ent is None:
            ent, ent.id = place, self._new_id()
            self._position[id(ent)] = len(self.doc.entities)
            self._by_key[place.kb_id or ""] = ent
            self.doc.entities.append(ent)
        self._mention(ent, start, end, kind)
        return ent

    def _mention(self, ent: Entity, start: int, end: int, kind: str) -> None:
        spans = self._spans_of(ent)
        if (start, end) not in spans:
            m = Mention(start, end, self.doc.text[start:end], kind)
            spans.add((start, end))
            ent.mentions.append(m)
            ent.mentions.sort(key=lambda m: m.start)
            for pending in self._pending:  # the index changed: what localize moved joins it now
                self._insert(*pending)
            self._pending.clear()
            self._insert(ent, m, self._next())

    def _spans_of(self, ent: Entity) -> set[tuple[int, int]]:
        if id(ent) not in self._spans:
            self._spans[id(ent)] = {(m.start, m.end) for m in ent.mentions}
        return self._spans[id(ent)]

    def _new_id(self) -> str:
        """``Document.new_entity_id`` without scanning every entity: the index makes all new entities."""
        n = len(self.doc.entities) + 1
        while f"e{n}" in self._ids:
            n += 1
        self._ids.add(f"e{n}")
        return f"e{n}"


def kb_actor(ent: Entity) -> kb.Actor | None:
    """The knowledge-base actor an entity was linked to, if any."""
    if ent.kb_id and ent.kb_id.startswith("kb:"):
        try:
            return kb.actor(ent.kb_id[3:])
        except KeyError:
            return None
    return None


def _key(m: Mention) -> tuple[int, int, str, str]:
    return (m.start, m.end, m.text, m.kind)


def _without_source_phrase(text: str, lex: Lexicons) -> str:
    """'According to recent publications' -> 'recent publications' (the language's source phrases)."""
    low = text.lower()
    phrases = sorted(lex.stance_data["speech"]["source_phrases"], key=len, reverse=True)
    for p in phrases:
        if low.startswith(p.lower() + " "):
            return text[len(p) + 1 :].lstrip()
    first, _, rest = text.partition(" ")
    if rest and first.lower() in lex.cases["locative"]:
        return rest  # "в ведомстве" (сообщили в ведомстве): the ministry
    return text


def role_entity(
    index: EntityIndex,
    start: int,
    end: int,
    head: tuple[int, int] | None,
    country: str | None = None,
    places: bool | None = False,
) -> Entity | None:
    """The entity filling a role whose phrase is [start, end): a linked mention, else a generic participant."""
    return index.in_phrase(start, end, head, places=places) or index.generic(start, end, country, head)


@cache
def _national_actors() -> dict[tuple[str, str, str], list[kb.Actor]]:
    table: dict[tuple[str, str, str], list[kb.Actor]] = {}
    for actor in kb.load_actors().values():
        if actor.country and actor.type in ("government", "security_force"):
            kind = "state" if actor.type == "government" else (actor.kind or "")
            table.setdefault((actor.country, actor.type, kind), []).append(actor)
    return table


def national_actor(iso: str, typ: str, kind: str) -> kb.Actor | None:
    """The one KB actor of this country, type and kind ("state" for a government), or None when there are none or
    several."""
    found = _national_actors().get((iso, typ, kind), [])  # a parliament is no KB government
    return found[0] if len(found) == 1 else None


@cache
def national_forces(iso: str) -> kb.Actor | None:
    """A country's armed forces in the KB: its one military actor that no other military actor of it contains
    (the United States Armed Forces, not CENTCOM), or None when there are none or several (Afghanistan's
    republican and Taliban forces)."""
    found = _national_actors().get((iso, "security_force", "military"), [])
    ids = {a.id for a in found}

    def contained(actor: kb.Actor) -> bool:
        parent, seen = actor.parent, set()
        while parent and parent not in seen:
            if parent in ids:
                return True
            seen.add(parent)
            parent = kb.actor(parent).parent
        return False

    tops = [a for a in found if not contained(a)]
    return tops[0] if len(tops) == 1 else None
