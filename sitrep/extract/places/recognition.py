"""Recognising toponyms: gazetteer names in the text, confirmed or vetoed by the named-entity layer, or judged
by the words around them when there is no tagger (see the ``places`` stage)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from sitrep.extract.spans import Intervals, Spans
from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge import lemmas, reported
from sitrep.knowledge.files import load_yaml
from sitrep.knowledge.gazetteer import Place
from sitrep.knowledge.words import is_name, is_word
from sitrep.model import TextSpan

from .around import WORD, acronyms, feature_nouns, named_as_place, next_word, prev_word, sentence_start, tables
from .persons import (
    BIG,
    described_people,
    name_chain,
    named_people,
    particle_follows,
    reported_town,
    too_big_to_be_a_person,
)

SMALL_TOWN = 20_000  # below this a town needs a locative word or support in the document (without NER)
BIG_CITY = 1_000_000
MID_TOWN = 100_000  # below this (or at the start of a sentence) a town needs a locative word or support


@dataclass
class Toponym:
    start: int
    end: int
    candidates: list[Place]
    confirmed: bool = False  # the tagger called it a location, or the caller gave the span
    weak: bool = False  # a small town without a locative cue: kept only with support in the document
    firm: bool = False  # the words around it say it is a place ("in X", "X police"): no person's name vetoes it
    cues: dict[str, float] = field(default_factory=dict)  # place key -> bonus from the words around it
    place: Place | None = None
    kind: str | None = None  # the kind of place a feature word gives it ("district": admin2; see phrases.py)
    phrase_end: int = -1  # where its phrase ends (after "Province" in "Paktika Province"); -1: at ``end``
    description: bool = False  # a description of a place ("the Afghan capital"), not its name
    container: Place | None = None  # for an unknown place (``place`` None): the known place it lies in or near
    setting: bool = False  # the container is the document's one country or province, not one the text gives it
    organisation: bool = False  # the tagger called the name an organisation («Представители Сколково заявили»)
    common: bool = False  # the name is also a common word («Охота», «Южный»)
    demonym: bool = False  # a people's adjective naming its country as a place ("Iraqi towns"; see demonyms.py)
    offset: tuple[float, float] | None = None  # km and bearing from the container's point ("20 km north of")

    @property
    def tail(self) -> int:
        return max(self.end, self.phrase_end)


# ---------------------------------------------------------------------------------------------------------
# recognition


def recognise(text: str, lang: str, end: int | None = None, ner: list[TextSpan] | None = None) -> list[Toponym]:
    """Toponym mentions in ``text[:end]``; ``ner`` (None = no tagger ran) confirms or vetoes candidates."""
    words = tables().get(lang, tables()["en"])
    spans = Spans([s for s in ner or [] if s.end <= (end or len(text))])
    judged: list[tuple[Toponym, str]] = []
    person = _people(text, lang, end)
    for start, stop, cands in gz.find(text, lang, 0, end):
        if person(start, stop) and not too_big_to_be_a_person(text, (start, stop, False), cands, [], words):
            continue  # "Givi Tsulaia, an employee", not "Turkey, a NATO member"
        over = spans.overlapping(start, stop)
        after_place = any(s.label in ("LOC", "GPE") for s in spans.overlapping(start - 3, start - 2))
        if any(s.label == "PER" for s in over) and not too_big_to_be_a_person(
            text, (start, stop, after_place), cands, over, words
        ):
            continue
        slip = any(s.label == "PER" for s in over) and reported_town(text[start:stop])  # "raided Jenin"
        m = Toponym(start, stop, cands, confirmed=slip or any(s.label in ("LOC", "GPE") for s in over))
        m.organisation = not m.confirmed and any(s.label == "ORG" for s in over)
        m.common = _common(text[start:stop], lang, words)
        # "at 0830 Moscow time": a name in a common noun, whatever the tagger said
        named = m.confirmed and next_word(text, stop).lower() not in words.get("not_place_before", ())
        judged.append((m, "place" if named else _verdict(text, m, words, lang)))
    persons = {gz.norm(text[m.start : m.end]) for m, v in judged if v == "person"}  # "John Ripley" ... "Ripley"
    persons -= {gz.norm(text[m.start : m.end]) for m, v in judged if v == "place" and m.firm}  # "Gainesville
    # parents ... Gainesville says": a name the words around one mention place is no person's elsewhere
    mentions = [
        m for m, v in judged
        if v == "place" and (m.confirmed or m.firm or gz.norm(text[m.start : m.end]) not in persons)
    ]  # fmt: skip
    mentions = _whole_names(text, mentions, spans, words, lang)
    found = Intervals([(m.start, m.end) for m in mentions])
    locative = words.get("locative", frozenset()) - {"of", "to"}
    short = acronyms(text, end) if spans else frozenset()
    people = {
        w for s in spans if s.label == "PER" for w in text[s.start : s.end].split()
        if w[:1].isupper() and not is_word(w.lower(), lang)
    }  # fmt: skip  # the words of people's names, not "Brigades" of a group the tagger called a person
    only = words.get("place_only", frozenset())
    for s in spans:  # tagged locations the gazetteer does not know as written, perhaps spelled otherwise; a name
        # tagged as a person's or a thing's where only a place can stand ("in Nazran", "the town of Howaider")
        tagged = s.label in ("LOC", "GPE") or _placed_name(text, s, lang)
        if tagged and not found.overlaps(s.start, s.end) and not person(s.start, s.end):
            name = text[s.start : s.end]
            word = is_word(name.lower(), lang)
            # a capitalised word opening a sentence is no place ("EL SALVADOR. Gunmen killed ...")
            opening_word = word and " " not in name and sentence_start(text, s.start)
            stopped = gz.norm(name) in gz.load().stop.get(lang, ()) and not named_as_place(text, s.start, lang)
            # a tagged location after a locative word: "the police station in Van", "between Van and" (not "a van")
            stopped = stopped and not (s.label in ("LOC", "GPE") and prev_word(text, s.start).lower() in locative)
            # "Hizbul Mujahideen (HM) ... HM militants": the tagger's location is an organisation's acronym
            common_noun = next_word(text, s.end).lower() in words.get("not_place_before", ())  # "Moscow time"
            if name[:1].isupper() and not stopped and not opening_word and name not in short and not common_noun:
                cands = _by_name(name, lang)
                # "the home of Gami Gujjar ... killing Gami": an unknown name that shares a word with one the
                # tagger calls a person's is that person's, unless only a place can stand there; an unknown
                # word of the language is no name ("a top Interior Ministry Aide")
                alone = not people & set(name.split()) and not (word and " " not in name)
                if cands or alone or prev_word(text, s.start).lower() in only:
                    mentions.append(Toponym(s.start, s.end, cands, confirmed=True))
    return sorted(mentions + (_datelines(text, mentions, end) if lang == "en" else []), key=lambda m: m.start)


def _people(text: str, lang: str, end: int | None) -> Callable[[int, int], bool]:
    """Whether a span is a person's name that an apposition describes ("Givi Tsulaia, an employee of ..."), or a
    mention of it or of one of its words elsewhere ("Tsulaia sustained wounds"), unless only a place can stand
    there ("in Tsulaia")."""
    described = described_people(text, lang, end) + named_people(text, lang, end)
    inside = Intervals(described)
    names = {gz.norm(w).casefold() for s, e in described for w in [text[s:e], *text[s:e].split()[1:]]}
    only = tables().get(lang, {}).get("place_only", frozenset())

    def person(start: int, stop: int) -> bool:
        if inside.overlaps(start, stop):
            return True
        return gz.norm(text[start:stop]).casefold() in names and prev_word(text, start).lower() not in only

    return person


# a news dateline: a name in capitals opening the text, a line or a sentence (or after the date of a byline), a
# state or country after a comma perhaps, and a dash: "HARWINTON — Former ...", "ST. JOHN'S, N.L. - The 17 ..."
DATELINE = re.compile(
    r"(?:^|(?<=[.!?\"”][ \t])|(?<=\n)|(?<=\d{4}[ \t]))([A-Z][A-Za-z]*[A-Z](?:[ .'’-]+[A-Z][A-Za-z]*[A-Z.]?)*)"
    r"(?:,[ \t]+[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)?[ \t]*(?:—|–|--|-)(?=[ \t]|[A-Z])"
)


def _datelines(text: str, mentions: list[Toponym], end: int | None) -> list[Toponym]:
    """Datelines the gazetteer or the words around them did not make places ("HARWINTON —", "MANSFIELD --" after
    a byline's date), and the other mentions of a dateline's name the gazetteer does not know ("the Harwinton
    Senior Center"): places, known or not."""
    taken, out = Intervals([(m.start, m.end) for m in mentions]), []
    for d in DATELINE.finditer(text, 0, len(text) if end is None else end):
        s, e = d.span(1)
        name = text[s:e]
        if sum(c.isupper() for c in name) < 3 or taken.overlaps(s, e) or gz.norm(name) in gz.load().stop.get("en", ()):
            continue
        places = gz.lookup(name)
        out.append(Toponym(s, e, places, confirmed=True))
        taken.add(s, e)
        titled = name.title() if name.isupper() else name
        for again in [] if places else re.finditer(rf"(?<![\w-]){re.escape(titled)}(?![\w-])", text):
            if not taken.overlaps(*again.span()):
                out.append(Toponym(*again.span(), [], confirmed=True))
                taken.add(*again.span())
    return out


def _by_name(name: str, lang: str) -> list[Place]:
    """The places a tagged name may be: those called so, else, for a name that is no English word, those spelled
    close to it ("Karabala": Karbala, "Tuz Khormato": Tuz Khurmatu; not "Chevron": Hebron)."""
    found = gz.lookup(name, lang)
    if found or lang != "en" or is_word(name.lower(), lang) or lemmas.english().is_known(name):
        return found
    return gz.loose(name)


def _placed_name(text: str, s: TextSpan, lang: str) -> bool:
    """A name the tagger called a person's or a thing's where English puts only places: after "in", "near",
    "through" or "the town of", not a possessive, and no word of it a known personal name ("in Nazran", "the
    town of Howaider"; not "in Karzai's cabinet", "near Ahmed Shah") unless reporting knows it as a town."""
    if lang != "en" or s.label not in ("PER", "MISC") or re.match(r"['’]s?\b", text[s.end : s.end + 2]):
        return False
    only = tables().get(lang, {}).get("place_only", frozenset())
    if prev_word(text, s.start).lower() not in only and not named_as_place(text, s.start, lang):
        return False
    name = text[s.start : s.end]
    last = WORD.findall(name)[-1:] or [""]
    heads = tables().get(lang, {}).get("place_heads", frozenset())
    if last[0] in heads and last[0].lower() not in feature_nouns():  # a building: "near Tilagar Jame Mosque"
        return False
    return reported.reports(name) > 0 or not any(is_name(w, lang) for w in WORD.findall(name))


def _common(surface: str, lang: str, words: dict[str, frozenset[str]]) -> bool:
    """Is the name also a common word? English lists its town names that are words ("common"); Russian asks
    its word list («Охота», «Южный»)."""
    if "common" in words:
        return surface in words["common"]
    return is_word(surface.lower(), lang) and not is_name(surface, lang)


def _whole_names(
    text: str, mentions: list[Toponym], spans: Spans, words: dict[str, frozenset[str]], lang: str
) -> list[Toponym]:
    """Multiword names kept whole: a tagged location the gazetteer knows only in pieces ("Tarin Kot": "Kot";
    "Shin Kalay": "Shin" + "Kalay") is one place, unknown or known by its whole name; untagged, two small towns
    side by side after a locative word ("in Shin Kalay") are one name too."""
    heads = {w.lower() for w in words.get("place_heads", ())} | _modifiers(lang)
    out, drop = list(mentions), set[int]()
    for s in spans:
        if s.label not in ("LOC", "GPE"):
            continue
        inner = [m for m in mentions if s.start <= m.start and m.end <= s.end]
        if not inner or any(m.candidates and m.candidates[0].feature in BIG for m in inner):
            continue
        rest = text[s.start : s.end]
        for m in reversed(inner):
            rest = rest[: m.start - s.start] + " " + rest[m.end - s.start :]
        loose = [w for w in re.findall(r"[\w'’-]+", rest) if w.lower() not in heads and w.strip("-")]
        route = len(inner) > 1 and not loose and re.search(r"[-–—]", rest) is not None  # "the Kirkuk-Tikrit road"
        if (loose or len(inner) > 1) and not route and any(m.end - m.start < s.end - s.start for m in inner):
            drop.update(id(m) for m in inner)
            out.append(Toponym(s.start, s.end, _by_name(text[s.start : s.end], lang), confirmed=True))
    if not spans:  # no tagger: capitalised words between a locative word and a town are part of its name
        out = [_grown(text, m, words, heads, lang) for m in out]
    if not spans:  # no tagger: two small towns side by side are one name, a place after a locative word
        for a, b in pairwise(sorted(out, key=lambda m: m.start)):
            if id(a) in drop or text[a.end : b.start] != " " or not (_small(a) and _small(b)):
                continue
            drop.update((id(a), id(b)))
            if prev_word(text, a.start).lower() in words.get("locative", ()):
                out.append(Toponym(a.start, b.end, gz.lookup(text[a.start : b.end], lang), confirmed=True))
    return sorted((m for m in out if id(m) not in drop), key=lambda m: m.start)


def _grown(text: str, m: Toponym, words: dict[str, frozenset[str]], heads: set[str], lang: str) -> Toponym:
    """A town's mention grown to the capitalised words between it and a locative word before it, when they are
    no modifiers, feature words, words never a name or an owner's possessive: "in Wild Dunes" (not the town
    Dunes; "at Cambridge's Chesterton" is Chesterton)."""
    if not _small(m):
        return m
    got = re.search(r"(?<![\w-])([a-z]+)[ \t]+((?:[A-Z][\w'’]*[ \t]+){1,2})$", text[max(0, m.start - 40) : m.start])
    if got is None or got.group(1) not in words.get("locative", ()) or got.group(1) in ("of", "to"):
        return m
    tokens = got.group(2).split()
    never = words.get("never", frozenset())
    if any(t.lower() in heads or t in never or gz.demonym(t, lang) or t.endswith(("'s", "’s")) for t in tokens):
        return m
    start = m.start - len(got.group(2))
    return Toponym(start, m.end, gz.lookup(text[start : m.end], lang), confirmed=True)


@cache
def _modifiers(lang: str) -> frozenset[str]:
    """Words before a known name that do not make a longer name ("Eastern Baghdad", "South Waziristan" when the
    gazetteer lacks it): the modifiers and directions of ``place_phrases.yaml``, lower case."""
    table = load_yaml("place_phrases.yaml").get(lang, {})
    return frozenset(w.lower() for w in [*table.get("modifiers", ()), *table.get("directions", ())])


def _small(m: Toponym) -> bool:
    top = m.candidates[0] if m.candidates else None
    return top is not None and top.feature in ("city", "place") and top.population < MID_TOWN and top.country_code != ""


def _verdict(text: str, m: Toponym, words: dict[str, frozenset[str]], lang: str) -> str:
    """The verdict on an untagged match: "place", "no", or "person" (a name: veto its other mentions too)."""
    top, surface = m.candidates[0], text[m.start : m.end]
    strong = top.feature in ("country", "admin1", "place") or top.population >= BIG_CITY
    prev, nxt = prev_word(text, m.start), next_word(text, m.end)
    locative = prev.lower() in words.get("locative", ())
    initial = sentence_start(text, m.start)
    dateline = initial and re.match(r"\s*[,(—–:-]", text[m.end : m.end + 3]) is not None
    # a big town in capitals opening a line, the text's first words after it: "WASHINGTON Barack Obama said"
    opening = not text[: m.start].strip(" \t") or text[: m.start].rstrip(" \t").endswith("\n")
    capital_next = re.match(r"[ \t]+[A-Z]", text[m.end :]) is not None
    dateline = dateline or (opening and top.population >= MID_TOWN and capital_next)
    # a country heading a summary of an incident: "PHILIPPINES.  Gunmen ...", "COLOMBIA/VENEZUELA."
    dateline = dateline or (opening and top.feature == "country" and text[m.end : m.end + 1] in (".", "/"))
    # "in Clinton", not "Chamber of Commerce"; "Gainesville police", "a DeKalb man", "ROSWELL -", "Smith, 30, of Rome"
    firm = (locative and prev.lower() not in ("of", "to")) or _placed(text, m, nxt, words, dateline)
    firm = firm or held(text, m, lang)
    titled = prev in words.get("person_before", ()) or prev.lower() in words.get("person_before", ())
    if titled and (not strong or particle_follows(text, m.end, words)):
        return "person"  # "President Jackson", "Professor Riad al-Raz"; but "Президент Киргизии" is a country's
    compound = re.search(r"([^\W\d_][\w'’]*)[-–]$", text[max(0, m.start - 40) : m.start])
    party = compound is not None and compound.group(1) in words.get("party_before", ())  # "Rep. Ray Moye, D-Raleigh"
    known = compound is not None and (gz.lookup(compound.group(1), lang) or gz.combining_form(compound.group(1), lang))
    if compound and not party and not known:
        return "no"  # the tail of a compound name: "Islamic State-Khorasan Province"
    firm = firm or party
    if re.search(r"(?i)(?:according\s+to|по\s+словам)\s+$", text[max(0, m.start - 20) : m.start]):
        if top.feature in ("country", "admin1") or firm:  # "according to Rhode Island state officials"
            return "place"  # "according to Gainesville police"
        # "according to Athens Review records": a name that begins a longer one is no person to veto elsewhere
        return "no" if re.match(r"[ \t]+[A-ZА-ЯЁ]", text[m.end : m.end + 2]) else "person"
    if not strong and not firm and nxt.lower() in words.get("person_after", ()):
        return "person"
    model = re.match(r"-\d+[ \t]+(\w+)", text[m.end : m.end + 30])  # "Quds-1 rockets": a weapon's model number
    if (model.group(1) if model else nxt).lower() in words.get("not_place_before", ()):
        return "no"  # a name in a common noun: "Molotov cocktails", "Stockholm syndrome"
    if gz.demonym(surface, lang) and nxt[:1].islower():
        return "no"  # a people's adjective before a noun: "one Somali employee" (not the Somali Region)
    if re.fullmatch(r"[A-Z]{4,}(?:[ -][A-Z]{2,})*", surface) and not dateline:
        return "no"  # all capitals: a dateline ("CHARLESTON, W.Va. —") or an acronym ("SWAT", "NICE")
    listed = "common" in words  # no list of the places that are common words: ``m.common`` asks the word list
    if (surface in words.get("person_names", ()) or (listed and m.common)) and not firm:
        return "no"
    alias = all(gz.norm(c.name) != gz.norm(surface) for c in m.candidates)  # "Chevron": Hebron by another name
    if alias and not firm and not strong and is_word(surface.lower(), lang):
        return "no"  # a common word that is only another name of a place
    if not listed and initial and not strong and m.common:
        return "no"  # at a sentence start «Деньги», «Новые» are words, not the towns of that name
    if not strong and not party and (chain := name_chain(text, m, lang, prev, nxt, words, initial)):
        return chain
    m.weak = top.feature == "city" and not firm and (top.population < MID_TOWN or (initial and not strong))
    m.firm = firm
    return "place"


def _placed(text: str, m: Toponym, nxt: str, words: dict[str, frozenset[str]], dateline: bool) -> bool:
    """Whether the words around an untagged name say it is a place: a word for its people or institutions after
    it ("Gainesville police", "a DeKalb man", "Kirkland residents"), a dateline in capitals ("ROSWELL -"), or
    "of" after a comma or a person's age ("Daniel Hufstetler, 29, of Roswell") or a word for its people, offices
    or parts ("the mayor of Boston")."""
    after = re.match(r"[ \t]+", text[m.end : m.end + 2]) is not None and nxt.lower() in words.get("place_after", ())
    capitals = dateline and text[m.start : m.end].isupper() and len(text[m.start : m.end]) > 3
    resident = re.search(r"(?:,|\d)[ \t]+of[ \t]+$", text[max(0, m.start - 8) : m.start]) is not None
    owner = re.search(r"([^\W\d_]+)[ \t]+of[ \t]+$", text[max(0, m.start - 30) : m.start])
    owned = owner is not None and owner.group(1).lower() in words.get("place_of", ())  # "the mayor of Boston"
    return after or capitals or resident or owned


def held(text: str, m: Toponym, lang: str) -> bool:
    """Whether a comma and a first-level division or country that holds one of the name's places follow it:
    "Norman, Okla.", "Surprise, Ariz.", "Van, Turkey" (not "Jordan, 21", nor "Norman, Bell and Smith")."""
    after = re.match(r",[ \t]+", text[m.end : m.end + 4])
    if after is None:
        return False
    at = m.end + after.end()
    hits = gz.find(text, lang, at, min(len(text), at + 40))
    return (
        bool(hits)
        and hits[0][0] == at
        and any(c.feature in ("country", "admin1") and gz.contains(c, p) for c in hits[0][2] for p in m.candidates)
    )
