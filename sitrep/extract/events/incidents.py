"""Incidents: the event mentions that tell one incident, gathered into a draft event.

Mentions merge into a draft when they are of one kind of event (force against protesters and the violence of
rioters belong to their protest) and either share a sentence, or the later one refers back ("the attack", "this
crime", a casualty figure) or follows closely in the same paragraph — and never when the place, date or named
perpetrators conflict or the text says it is another incident ("another attack"). A place the text only names
somewhere in the sentence (a weak location) never conflicts.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sitrep.extract.places import is_street
from sitrep.model import DateValue, Document, Entity, Responsibility

from .roles import Roles
from .triggers import EventMention
from .whereabouts import most_specific

SettingFn = Callable[[int], Entity | None]  # sentence -> the place the report is set in before it

NOT_ACTORS = frozenset({"negated", "hypothetical", "future"})
THREAT_CONTENT = frozenset({"ASSAULT", "PROTEST", "SANCTION", "COERCE"})  # acts a threat can be of


@dataclass
class Draft:
    type: str
    mentions: list[EventMention] = field(default_factory=list)
    roles: list[Roles] = field(default_factory=list)
    claimed_by: list[Entity] = field(default_factory=list)
    responsibility: list[Responsibility] = field(default_factory=list)
    related: Draft | None = None
    elsewhere: list[tuple[int, int]] = field(default_factory=list)  # what its sentences tell of another incident

    def add(self, m: EventMention, r: Roles) -> None:
        self.mentions.append(m)
        self.roles.append(r)

    @property
    def location(self) -> Entity | None:
        strong = [r.location for r in self.roles if r.location and not r.location_weak]
        return most_specific(strong or [r.location for r in self.roles if r.location])

    @property
    def agents(self) -> list[Entity]:
        """The event's actors: those the text gives as acting; a party only linked by a denial, a condition or a
        prediction is left out — unless the whole event is told that way ("Finland will give a grant")."""
        out: list[Entity] = []
        told_as_fact = any(r.stance.modality not in NOT_ACTORS for r in self.roles)
        for r in self.roles:
            for ent, _ in r.agents:
                if (r.stance.modality not in NOT_ACTORS or not told_as_fact) and ent not in out:
                    out.append(ent)
        return out

    @property
    def flags(self) -> frozenset[str]:
        return frozenset().union(*(m.trigger.flags for m in self.mentions))


def inherit_locations(drafts: list[Draft], para: list[int], setting: SettingFn | None = None) -> None:
    """An event told without a place happened where the last located event of its paragraph did (the report's
    setting), else where the paragraph's earlier sentences or the dateline put the report (``setting``), as a
    weak location that never overrides one the text gives."""
    last: tuple[int, Entity] | None = None
    for d in sorted(drafts, key=lambda d: d.mentions[0].start):
        p = para[d.mentions[0].sent]
        if d.location is None and last is not None and last[0] == p:
            d.roles[0].location, d.roles[0].location_weak = last[1], True
        elif d.location is None and setting is not None and (place := setting(d.mentions[0].sent)) is not None:
            d.roles[0].location, d.roles[0].location_weak = place, True
        elif d.location is not None and setting is not None and is_street(d.location.name):
            # a street names where in the town the report is set: the event's place is that town ("a bomb on
            # Haifa Street" in a report from Baghdad)
            place = setting(d.mentions[0].sent)
            same = place is not None and d.location.country in (None, place.country)
            if place is not None and same and place is not d.location:
                street = d.location
                for r in d.roles:
                    if r.location is street:
                        r.location, r.location_weak = place, True
        if d.location is not None:
            last = (p, d.location)


def headline(doc: Document) -> bool:
    """The text opens with a headline: a one-sentence first paragraph without final punctuation."""
    sents = doc.layers.sentences
    if len(sents) < 2 or "\n" not in doc.text[sents[0].end : sents[1].start]:
        return False
    return not doc.text[sents[0].start : sents[0].end].rstrip().endswith((".", "!", "?", ":"))


def _family(d: Draft, m: EventMention) -> bool:
    """Can mention ``m`` be part of draft ``d``? Same type; force against protesters belongs to the protest, and
    the arson or beatings of rioters to their riot (in the same sentence); so do arrests told in the protest's
    sentence or the next one (ACLED codes a protest broken up with arrests as one event, a protest with
    intervention, not as arrests) — and a protest told in the sentence of the arrests it ended in makes them one
    incident, the protest (:meth:`Incidents.add`)."""
    if d.type == m.trigger.type:
        return True
    if _arrests(d.mentions) and m.trigger.type == "PROTEST":
        return d.mentions[-1].sent == m.sent
    dispersal = d.type == "ASSAULT" and all(x.trigger.mode == "crowd-control" for x in d.mentions)
    if (d.type == "PROTEST" or dispersal) and _arrests([m]):
        return m.sent - d.mentions[-1].sent in (0, 1)
    if d.type != "PROTEST":
        return False
    riot_violence = m.trigger.mode in ("destroy", "primitive", "beat") and d.mentions[-1].sent == m.sent
    return m.trigger.mode == "crowd-control" or (riot_violence and any(x.trigger.mode == "riot" for x in d.mentions))


def _protest_sides(r: Roles) -> None:
    """The roles of arrests told as a protest's end, as ACLED gives them: the protesters stay the actors (from the
    protest's own mention), the police who arrested them are the other side (targets)."""
    r.agents, r.targets = [], [a for a, _ in r.agents]


def _arrests(mentions: list[EventMention]) -> bool:
    return all(x.trigger.type == "COERCE" and x.trigger.mode == "arrest" for x in mentions)


class Incidents:
    """The drafts made so far, in the order they were made, with what :meth:`target` needs to find the one a
    mention joins without looking at every draft: drafts by type, and the drafts told in the last sentences.

    Mentions come in text order.  A mention that does not refer back can only join a draft told in its own
    sentence or the two before (or, for a threat, in its sentence); one that refers back may join any draft of
    its family, the latest first.
    """

    RECENT = 2  # sentences back that a mention may join without referring back

    def __init__(self, para: list[int]):
        self.para = para
        self.drafts: list[Draft] = []
        self._by_type: dict[str, list[tuple[int, Draft]]] = {}
        self._recent: dict[int, tuple[int, Draft]] = {}  # id(draft) -> (position, draft), last told recently
        self._position: dict[int, int] = {}

    def new(self, kind: str, m: EventMention, r: Roles) -> Draft:
        d = Draft(kind)
        n = len(self.drafts)
        self._position[id(d)] = n
        self.drafts.append(d)
        self._by_type.setdefault(d.type, []).append((n, d))
        self.add(d, m, r)
        return d

    def add(self, d: Draft, m: EventMention, r: Roles) -> None:
        if d.type == "COERCE" and m.trigger.type == "PROTEST":  # the arrests were the protest's end: a protest
            d.type = "PROTEST"
            self._by_type.setdefault("PROTEST", []).append((self._position[id(d)], d))
            self._by_type["PROTEST"].sort(key=lambda x: x[0])
            for x in d.roles:
                _protest_sides(x)
        elif d.type == "PROTEST" and _arrests([m]):
            _protest_sides(r)
        d.add(m, r)
        self._recent[id(d)] = (self._position[id(d)], d)

    def _candidates(self, m: EventMention, r: Roles) -> Iterator[Draft]:
        """The drafts ``m`` might join, latest made first (every other draft would be passed over)."""
        kinds = {m.trigger.type or "", "PROTEST", "THREATEN"}
        kinds |= {"COERCE"} if m.trigger.type == "PROTEST" else {"ASSAULT"} if _arrests([m]) else set()  # _family
        refers_back = m.definite or m.trigger.has("anaphoric") or (m.trigger.casualty and not r.agents)
        if refers_back and not m.distinct:
            lists = [reversed(self._by_type.get(k, [])) for k in sorted(kinds)]
            yield from (d for _, d in heapq.merge(*lists, key=lambda x: -x[0]))
            return
        for key, (_, d) in list(self._recent.items()):
            if d.mentions[-1].sent < m.sent - self.RECENT:
                del self._recent[key]
        near = sorted((x for x in self._recent.values() if x[1].type in kinds), key=lambda x: -x[0])
        yield from (d for _, d in near)

    def target(self, m: EventMention, r: Roles) -> Draft | None:
        """The draft mention ``m`` (with roles ``r``) tells more of, or None for a new incident."""
        para = self.para
        for d in self._candidates(m, r):
            threatened = d.type == "THREATEN" and r.stance.modality in ("future", "hypothetical")
            if threatened and d.mentions[-1].sent == m.sent and m.trigger.type in THREAT_CONTENT:
                return d  # "threatened to attack": the attack is what is threatened, one event
            if not _family(d, m) or not _anchoring(d, m):
                continue
            last = d.mentions[-1]
            same_sentence = last.sent == m.sent
            if not same_sentence:
                firing = _firefight(d, m)
                told = {x.trigger.has("clash") for x in d.mentions if not x.trigger.casualty} or {False}
                if m.trigger.has("clash") not in told and not m.trigger.casualty and not firing:
                    continue  # "the attacks" later on refers to an attack, not to the clashes told in between
                refers_back = m.definite or m.trigger.has("anaphoric") or (m.trigger.casualty and not r.agents)
                close = para[last.sent] == para[m.sent] and m.sent - last.sent <= self.RECENT
                firefight = firing and para[m.sent] - para[last.sent] <= 1  # "in the ensuing gunfight"
                if m.distinct or not (refers_back or close or firefight):
                    continue
            if _conflicts(d, r, strict=not same_sentence):
                if same_sentence:
                    continue
                return None
            return d
        return None


def _anchoring(d: Draft, m: EventMention) -> bool:
    """May ``m`` join ``d`` as far as anchors go: an incident the one told is dated by ("a day after a car bomb
    killed 12") is a draft of its own, which takes only the rest of its sentence ("killed 12")."""
    if m.anchor:
        return any(x.anchor for x in d.mentions)
    anchored = [x for x in d.mentions if x.anchor]
    return not anchored or (anchored[-1].sent == m.sent and anchored[-1].start < m.start)


def _firefight(d: Draft, m: EventMention) -> bool:
    """A clash told after an armed assault is its firefight («боевики напали на пост… в перестрелке погибли»):
    the assault names no weapon or small arms, nothing fired from afar."""
    armed = all(x.trigger.mode in (None, "firearms") for x in d.mentions)
    return m.trigger.has("clash") and d.type == "ASSAULT" and armed


def _conflicts(d: Draft, r: Roles, strict: bool) -> bool:
    strong = [x.location for x in d.roles if x.location is not None and not x.location_weak]
    loc = most_specific(strong)
    if loc is not None and r.location is not None and not r.location_weak and not _places_compatible(loc, r.location):
        return True
    if strict:
        named = [a for a in d.agents if a.origin in ("kb", "ner")]
        new = [a for a, _ in r.agents if a.origin in ("kb", "ner") and r.stance.modality not in NOT_ACTORS]
        if named and new and not set(map(id, named)) & set(map(id, new)):
            return True
        have = [x.date.value for x in d.roles if x.date is not None and x.date.value.start]
        if r.date is not None and r.date.value.start and have and not _dates_overlap(have[0], r.date.value):
            return True
    return False


def _places_compatible(a: Entity, b: Entity) -> bool:
    if a is b:
        return True
    if a.type == "country" or b.type == "country":
        return a.country == b.country
    if a.geo and b.geo and "admin_area" in (a.type, b.type):
        return a.country == b.country and (a.geo.admin1 == b.geo.admin1 or a.name in (b.geo.admin1, b.name))
    if a.geo is None or b.geo is None:  # a square, a building, a camp the gazetteer does not know: no conflict
        return a.country is None or b.country is None or a.country == b.country  # with a place of its country
    return _km(a.geo.lat, a.geo.lon, b.geo.lat, b.geo.lon) <= NEAR_KM  # a square in the city it is in


NEAR_KM = 15.0  # places this close tell one scene (a square and its city), not two incidents


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _dates_overlap(a: DateValue, b: DateValue) -> bool:
    def rng(v: DateValue) -> tuple[str, str]:
        s = v.start or ""
        return s, (v.end or s) + "~"

    (a0, a1), (b0, b1) = rng(a), rng(b)
    return a0 <= b1 and b0 <= a1


# -- claims and denials ---------------------------------------------------------------------------------
