"""The data model: every record sitrep produces, in one place.

Field names are the JSON keys of the output contract (docs/output-contract) and the column names of
``schema.sql``.  Annotations are stand-off: they point into ``Document.text`` by ``start``/``end`` offsets
(Python ``str`` indices), so ``text[start:end]`` is always the quoted text.

Two kinds of fields live on :class:`Document`:

* contract fields (``id``, ``text``, ``entities``, ...) -- serialised by :meth:`Document.to_json`;
* working layers in :class:`Layers` (``doc.layers``) -- sentences, tokens, NER spans, date and number mentions
  that one stage adds and later stages read.  They are never serialised; the contract carries their results.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

EntityType = Literal[
    "person",
    "armed_group",
    "government",
    "security_force",
    "organization",
    "media",
    "country",
    "admin_area",
    "city",
    "location",
    "other",
]
PLACE_TYPES = frozenset({"country", "admin_area", "city", "location"})
ACTOR_TYPES = frozenset({"person", "armed_group", "government", "security_force", "organization", "media"})

Modality = Literal["asserted", "reported", "claimed", "hedged", "hypothetical", "negated", "future"]

Precision = Literal["day", "month", "year", "decade", "unknown"]
GeoFeature = Literal["country", "admin1", "admin2", "city", "place"]


@dataclass
class Span:
    """A stretch of ``Document.text``: a mention or a piece of evidence."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass
class Mention(Span):
    """A mention of an entity. ``kind`` says how it was linked: "name" (an alias or NER name), "abbreviation",
    "description" ("the Khorasan branch of ISIS"), "coref" ("the group"), "branch" (a parent's name that the
    context shows means its local branch), "pronoun", "demonym" (a country named by its people's adjective before
    a part of its land: "Iraqi towns")."""

    kind: str = "name"


@dataclass
class Geo:
    lat: float
    lon: float
    geonameid: int | None
    country_code: str
    admin1: str | None = None
    feature: GeoFeature = "place"
    # additions to the contract
    admin2: str | None = None  # the second-level division (district, raion) when known
    precision: int | None = None  # ACLED geo precision: 1 the place itself, 2 part of or near a known place or
    # district, 3 only the province or a wider area is known


@dataclass
class Entity:
    id: str
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    country: str | None = None
    geo: Geo | None = None
    mentions: list[Mention] = field(default_factory=list)
    # additions to the contract
    kb_id: str | None = None  # id in the actor KB or gazetteer ("kb:iskp", "geo:1167528")
    origin: str = "kb"  # "kb" | "gazetteer" | "ner" | "description"
    latin: str | None = None  # the name in Latin letters when it is written in Cyrillic (sitrep.translit.latin)

    @property
    def is_place(self) -> bool:
        return self.type in PLACE_TYPES

    def refresh_aliases(self) -> None:
        """Set ``aliases`` to the distinct names the text used for the entity, other than ``name``."""
        seen: list[str] = []
        for m in sorted(self.mentions, key=lambda m: m.start):
            if m.kind not in ("coref", "pronoun") and m.text != self.name and m.text not in seen:
                seen.append(m.text)
        self.aliases = seen


@dataclass
class DateValue:
    start: str | None = None
    end: str | None = None
    precision: Precision = "unknown"
    text: str | None = None
    # addition to the contract: what the text fixes when no full date can be computed, as an ISO 8601
    # truncated form ("--03" = March of an unknown year); None when start/end say it all
    partial: str | None = None


@dataclass
class Count:
    low: int | None = None
    best: int | None = None
    high: int | None = None
    text: str | None = None
    # addition to the contract: how many of the counted are the attackers (suicide bombers), as GTD's nkillter
    attackers: int | None = None


@dataclass
class Quantity:
    """The ``value`` of a fact: a number or a range with a unit ("1,500 to 5,000 people")."""

    low: float | None = None
    high: float | None = None
    unit: str | None = None
    text: str = ""


@dataclass
class Responsibility:
    """Who is said to be behind an event, how certainly, and by whom: a claim ("claimed"), a denial
    ("negated"), a suspicion ("hedged"), the author's word ("asserted") or a source's ("reported")."""

    actor: str
    modality: Modality
    attributed_to: str | None = None
    evidence: Span | None = None


@dataclass
class Trend:
    """A change told in a fact: "from several hundred attacks a year to several dozen"."""

    direction: Literal["increase", "decrease", "stable"]
    before: Quantity | None = None
    after: Quantity | None = None
    before_date: DateValue | None = None
    after_date: DateValue | None = None


@dataclass
class Event:
    id: str
    type: str
    mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    claimed_by: list[str] = field(default_factory=list)
    location: str | None = None
    date: DateValue = field(default_factory=DateValue)
    fatalities: Count | None = None
    injuries: Count | None = None
    arrested: Count | None = None
    modality: Modality = "asserted"
    attributed_to: str | None = None
    confidence: float = 0.5
    evidence: list[Span] = field(default_factory=list)
    # additions to the contract
    attributed_via: str | None = None  # who relayed the source's words ("quoted by Interfax")
    responsibility: list[Responsibility] = field(default_factory=list)
    gtd_attack_type: str | None = None
    weapon: str | None = None  # GTD weapon type (Firearms, Explosives, Incendiary, Melee, ...)
    triggers: list[Span] = field(default_factory=list)
    related_event: str | None = None  # e.g. a denial points at the attack it denies


@dataclass
class Fact:
    id: str
    subject: str
    predicate: str
    object: str | None = None
    value: Quantity | None = None
    date: DateValue | None = None
    attributed_to: str | None = None
    modality: Modality = "asserted"
    evidence: list[Span] = field(default_factory=list)
    # additions to the contract
    attributed_via: str | None = None
    confidence: float = 0.5
    trend: Trend | None = None
    route: list[str] = field(default_factory=list)  # travelled_via: the places in order
    qualifier: str | None = None  # which part of the subject ("leadership council")
    summary: str | None = None  # a short readable statement of the fact


# ---------------------------------------------------------------------------------------------------------
# Working layers (not serialised)


@dataclass
class Token:
    i: int  # index in Layers.tokens
    start: int
    end: int
    text: str
    lemma: str = ""
    pos: str = ""  # universal POS
    tag: str = ""
    dep: str = ""
    head: int = -1  # index of the head token; the root points at itself
    sent: int = 0  # index in Layers.sentences
    ent_iob: str = "O"
    ent_type: str = ""
    is_space: bool = False


@dataclass
class Sentence:
    start: int
    end: int
    first_token: int = 0  # token index range [first_token, last_token)
    last_token: int = 0


@dataclass
class TextSpan:
    """A labelled stretch found by a stage (an NER span, a date or number mention, a trigger)."""

    start: int
    end: int
    label: str
    text: str = ""
    value: Any = None  # DateValue for dates, Count/Quantity for numbers, ...


@dataclass
class Edit:
    """A change ``clean`` made: ``original`` at [start, end) of the input became ``text`` in the cleaned text."""

    start: int  # offsets in the cleaned text
    end: int
    original: str
    reason: str


@dataclass
class Layers:
    raw_text: str | None = None
    edits: list[Edit] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    ner: list[TextSpan] = field(default_factory=list)
    dates: list[TextSpan] = field(default_factory=list)
    numbers: list[TextSpan] = field(default_factory=list)
    body_end: int | None = None  # where the article body ends (before a trailing "Source:" line)
    done: list[str] = field(default_factory=list)  # names of stages that ran


@dataclass
class Document:
    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    layers: Layers = field(default_factory=Layers, repr=False, compare=False)

    # -- helpers used by stages ----------------------------------------------------------------------
    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def new_entity_id(self) -> str:
        taken = {e.id for e in self.entities}
        n = len(self.entities) + 1
        while f"e{n}" in taken:
            n += 1
        return f"e{n}"

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.text, start, end)

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing ``offset`` (None when there are no sentences or it is outside)."""
        for idx, sent in enumerate(self.layers.sentences):
            if sent.start <= offset < sent.end:
                return idx
        return None

    # -- serialisation ------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if f.name == "layers":
                continue
            out[f.name] = _plain(getattr(self, f.name))
        return out

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """The document of a contract JSON object (what :meth:`to_dict` wrote); unknown keys are ignored."""
        return _read(cls, data)

    @classmethod
    def from_json(cls, text: str) -> Document:
        return cls.from_dict(json.loads(text))


def content_id(text: str) -> str:
    """The default document id: a short hash of the content."""
    return "sha1:" + hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _read(cls: type, data: dict[str, Any]) -> Any:
    """An instance of the dataclass ``cls`` from its JSON object, nested records included.

    A missing key takes the field's default, as does a null, empty object or empty list where the field is a
    record or a list; a plain ``float`` field takes a JSON integer as a float (``"confidence": 1`` -> 1.0)."""
    kwargs: dict[str, Any] = {}
    for name, kind, inner in _fields(cls):
        if name not in data:
            continue
        value = data[name]
        if kind in ("record", "records") and not value:
            continue
        if kind == "record" and inner is not None:
            value = _read(inner, value)
        elif kind == "records":
            value = [_read(inner, v) for v in value] if inner else list(value)
        elif kind == "float" and value is not None:
            value = float(value)
        kwargs[name] = value
    return cls(**kwargs)


@cache
def _fields(cls: type) -> list[tuple[str, str, type | None]]:
    """(name, kind, record type) of each field of ``cls`` that JSON carries; kind is one of record, records,
    float, plain."""
    hints = get_type_hints(cls)
    out: list[tuple[str, str, type | None]] = []
    for f in dataclasses.fields(cls):
        if f.name == "layers":
            continue
        tp = optional = hints[f.name]
        if get_origin(tp) in (Union, UnionType):
            tp = next(a for a in get_args(tp) if a is not type(None))
        if get_origin(tp) is list:
            (item,) = get_args(tp)
            out.append((f.name, "records", item if isinstance(item, type) and dataclasses.is_dataclass(item) else None))
        elif dataclasses.is_dataclass(tp):
            out.append((f.name, "record", tp))  # type: ignore[arg-type]
        else:
            out.append((f.name, "float" if optional is float else "plain", None))
    return out
