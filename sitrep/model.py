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
from typing import Any, Literal

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
    context shows means its local branch), "pronoun"."""

    kind: str = "name"


@dataclass
class Geo:
    lat: float
    lon: float
    geonameid: int | None
    country_code: str
    admin1: str | None = None
    feature: GeoFeature = "place"


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
        doc = cls(
            id=data["id"],
            text=data["text"],
            title=data.get("title"),
            source=data.get("source"),
            url=data.get("url"),
            published=data.get("published"),
            language=data.get("language"),
            warnings=list(data.get("warnings", [])),
        )
        doc.entities = [_entity(e) for e in data.get("entities", [])]
        doc.events = [_event(e) for e in data.get("events", [])]
        doc.facts = [_fact(f) for f in data.get("facts", [])]
        return doc

    @classmethod
    def from_json(cls, text: str) -> Document:
        return cls.from_dict(json.loads(text))


def content_id(text: str) -> str:
    """The default document id: a short hash of the content."""
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _spans(items: list[dict[str, Any]] | None) -> list[Span]:
    return [Span(s["start"], s["end"], s["text"]) for s in items or []]


def _entity(d: dict[str, Any]) -> Entity:
    geo = Geo(**d["geo"]) if d.get("geo") else None
    return Entity(
        id=d["id"],
        name=d["name"],
        type=d["type"],
        aliases=list(d.get("aliases", [])),
        wikidata=d.get("wikidata"),
        country=d.get("country"),
        geo=geo,
        mentions=[Mention(m["start"], m["end"], m["text"], m.get("kind", "name")) for m in d.get("mentions", [])],
        kb_id=d.get("kb_id"),
        origin=d.get("origin", "kb"),
    )


def _date(d: dict[str, Any] | None) -> DateValue | None:
    return DateValue(**d) if d else None


def _count(d: dict[str, Any] | None) -> Count | None:
    return Count(**d) if d else None


def _event(d: dict[str, Any]) -> Event:
    return Event(
        id=d["id"],
        type=d["type"],
        mode=d.get("mode"),
        acled_event_type=d.get("acled_event_type"),
        acled_sub_event_type=d.get("acled_sub_event_type"),
        actors=list(d.get("actors", [])),
        targets=list(d.get("targets", [])),
        claimed_by=list(d.get("claimed_by", [])),
        location=d.get("location"),
        date=_date(d.get("date")) or DateValue(),
        fatalities=_count(d.get("fatalities")),
        injuries=_count(d.get("injuries")),
        arrested=_count(d.get("arrested")),
        modality=d.get("modality", "asserted"),
        attributed_to=d.get("attributed_to"),
        confidence=float(d.get("confidence", 0.5)),
        evidence=_spans(d.get("evidence")),
        triggers=_spans(d.get("triggers")),
        related_event=d.get("related_event"),
        attributed_via=d.get("attributed_via"),
        gtd_attack_type=d.get("gtd_attack_type"),
        responsibility=[_responsibility(r) for r in d.get("responsibility", [])],
    )


def _fact(d: dict[str, Any]) -> Fact:
    value = Quantity(**d["value"]) if d.get("value") else None
    return Fact(
        id=d["id"],
        subject=d["subject"],
        predicate=d["predicate"],
        object=d.get("object"),
        value=value,
        date=_date(d.get("date")),
        attributed_to=d.get("attributed_to"),
        modality=d.get("modality", "asserted"),
        evidence=_spans(d.get("evidence")),
        summary=d.get("summary"),
        attributed_via=d.get("attributed_via"),
        confidence=float(d.get("confidence", 0.5)),
        trend=_trend(d.get("trend")),
        route=list(d.get("route", [])),
        qualifier=d.get("qualifier"),
    )


def _quantity(d: dict[str, Any] | None) -> Quantity | None:
    return Quantity(**d) if d else None


def _trend(d: dict[str, Any] | None) -> Trend | None:
    if not d:
        return None
    return Trend(
        direction=d["direction"],
        before=_quantity(d.get("before")),
        after=_quantity(d.get("after")),
        before_date=_date(d.get("before_date")),
        after_date=_date(d.get("after_date")),
    )


def _responsibility(d: dict[str, Any]) -> Responsibility:
    ev = d.get("evidence")
    return Responsibility(
        actor=d["actor"],
        modality=d["modality"],
        attributed_to=d.get("attributed_to"),
        evidence=Span(ev["start"], ev["end"], ev["text"]) if ev else None,
    )
