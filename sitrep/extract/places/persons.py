"""Names of people among the gazetteer's matches: a tagger's PER on a name that only a place can be ("in
Nazran", "Balochistan has become a hub") is its slip, and a capitalised name beside the match ("Seymour Hersh",
"Chiquita Raquel Henry") makes it part of a person's name."""

from __future__ import annotations

import re
from functools import cache
from typing import Protocol

from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge import lemmas, reported
from sitrep.knowledge.files import load_yaml
from sitrep.knowledge.gazetteer import Place
from sitrep.knowledge.words import common_words, is_name, is_word
from sitrep.model import TextSpan

from .around import named_as_place, prev_word, sentence_start

BIG = ("country", "admin1")
SMALL_PLACE = 100_000  # a town smaller than this inside an organisation's name may be a person's first name


class Span(Protocol):
    """A matched name: where it stands and the places it may be (a recognition ``Toponym``)."""

    start: int
    end: int
    candidates: list[Place]


def too_big_to_be_a_person(
    text: str, at: tuple[int, int, bool], cands: list, over: list[TextSpan], words: dict[str, frozenset[str]]
) -> bool:
    """A tagger's PER on exactly the name of a country, first-level division or big city is the tagger's slip
    ("Balochistan has become a hub"), and so is one on a province's name after a comma or a locative word ("in
    Dellarm, Farah"), or on a district's after a tagged place and a comma ("in Rashanpora, Kupwara": ``at`` is
    start, stop and whether a tagged place ends just before the comma), and one on a part of a name the gazetteer
    knows whole whose other part the tagger calls a location ("Nahr-e Saraj"); a PER span that goes beyond the
    toponym ("Raquel Henry") is a person."""
    start, stop, after_place = at
    split = [s for s in over if s.label in ("LOC", "GPE") and start <= s.start and s.end <= stop]
    if split and all(start <= s.start and s.end <= stop for s in over):  # "in Nahr-e Saraj", tagged "Nahr-e" a
        return True  # location and "Saraj" a person: the tagger split a name the gazetteer knows whole
    if any(s.label == "PER" and (s.start, s.end) != (start, stop) for s in over):
        return False
    top = cands[0]
    if top.feature in ("country", "admin1") or (top.population or 0) >= 500_000:
        return True
    if reported_town(text[start:stop]) and not re.match(r"['’]s?\b", text[stop : stop + 2]):
        return True  # "Israeli troops raided Jenin": a town coders wrote often, and no one's name
    prev = prev_word(text, start).lower()
    comma = text[max(0, start - 2) : start] == ", "
    placed = comma or prev in words.get("locative", ())
    if placed and any(c.feature in ("country", "admin1") for c in cands):
        return True
    if comma and after_place and any(c.feature == "admin2" for c in cands):
        return True
    # "a police station in Barakaldo": a known town right after a locative word, not a person's name, nor one's
    # possessive ("in Jackson's office")
    firm = prev in words.get("locative", ()) and prev not in ("of", "to", "between", "у")  # «у Тана не было»: his
    firm = firm or named_as_place(text, start, "en")  # "the town of Kotri"
    owned = re.match(r"['’]s?\b", text[stop : stop + 2]) is not None
    return firm and not owned and text[start:stop] not in words.get("person_names", ()) and top.feature != "place"


REPORTED_TOWN = 5  # coded incidents that wrote a name for their town: a tagger's PER on it is a slip


def reported_town(name: str) -> bool:
    """A single word that coders wrote for an incident's town at least ``REPORTED_TOWN`` times and that is no
    known personal name ("Jenin", "Baqubah"; not "Jackson")."""
    return " " not in name and reported.reports(name) >= REPORTED_TOWN and not is_name(name, "en")


def name_chain(
    text: str, m: Span, lang: str, prev: str, nxt: str, words: dict[str, frozenset[str]], initial: bool
) -> str:
    """Whether a capitalised non-word stands right before or after the match, so that it is part of a longer
    name: "person" after a full name ("Chiquita Raquel Henry": veto "Henry" everywhere), "no" next to a single
    such word ("Rodeo Gainesville", "Seymour Hersh", "Владимир Путин"), "" when the match stands on its own."""
    vocab, never = common_words(lang), words.get("never", frozenset())
    if re.search(r"(?<![\w.])[A-Z][a-z]+[ \t]+[A-Z]\.[ \t]+$", text[max(0, m.start - 40) : m.start]) or re.match(
        r"[ \t]+[A-Z]\.[ \t]+[A-Z][a-z]+", text[m.end : m.end + 40]
    ):
        return "person"  # a name with a middle initial: "Tyrise M. Bell", "Keith D. Johnson"
    left = re.search(r"(?:([^\W\d_][\w.'’-]*)[ \t]+)?([^\W\d_][\w'’-]*)[ \t]+$", text[max(0, m.start - 60) : m.start])
    # an owner's possessive or an acronym before it names no person's first name: "the FBI's Atlanta office",
    # "Cambridge's Chesterton sports centre", "CDC Atlanta"; a country's or province's only a place inside it
    # ("Utah's Zion National Park", not "Brazil's Kaka")
    owner = re.search(r"(?:['’]s|[A-Z]{2,})$", prev) is not None
    big = [c for c in gz.lookup(re.sub(r"['’]s$", "", prev), lang) if c.feature in BIG]
    owner = owner and (not big or any(gz.contains(c, p) for c in big for p in m.candidates))
    before = left is not None and not initial and prev[:1].isupper() and prev not in never and not owner
    if before and left is not None and prev.lower() not in vocab:
        first = (left.group(1) or "").rstrip(".")
        if first[:1].isupper() and not sentence_start(text, max(0, m.start - 60) + left.start(2)):
            return "person"
        if first.lower() in words.get("person_before", ()):
            return "person"
        return "no"
    # not a word for the place's people or offices: "Burlington Selectman Richard Miller", "the Decatur Democrat"
    after = nxt[:1].isupper() and nxt not in words.get("place_heads", ()) and nxt not in never
    after = after and nxt.lower() not in words.get("place_after", ())
    after = after and re.match(r"[ \t]+\w", text[m.end : m.end + 3]) is not None and nxt.lower() not in vocab
    after = after and re.fullmatch(r"[A-ZА-ЯЁ][a-zа-яё'’]+", nxt) is not None  # a surname, not "VFW" or "McDonald's"
    return "no" if after else ""


def particle_follows(text: str, end: int, words: dict[str, frozenset[str]]) -> bool:
    """Does a particle of a person's name (``place_stopwords.yaml name_particles``, in lower case) and a
    capitalised part follow ``end``: " al-Raz", " bin Laden"?"""
    after = _PARTICLE.match(text, end, min(len(text), end + 40))
    # in lower case: "El Salvador", "Al Qaeda" after a name are names of their own
    return after is not None and after.group(1) in words.get("name_particles", ())


_PARTICLE = re.compile(r"[ \t]+([^\W\d_]+)[- \t][A-ZА-ЯЁ]")


# ---------------------------------------------------------------------------------------------------------
# a person described: "Maksharip Belkharoyev, a prominent Islamic faith healer"


@cache
def person_nouns(lang: str) -> frozenset[str]:
    """The nouns that say a name is a person's: the knowledge base's titles and the people of its generic actors
    (``actor_patterns_<lang>.yaml``: "governor", "cleric", "farmer", "villagers"), the titles before a name
    (``place_stopwords.yaml`` person_before) and its ``person_nouns`` (callings none of these lists: "healer")."""
    actors = load_yaml(f"actor_patterns_{lang}.yaml") if lang in ("en", "ru") else {}
    stops = load_yaml("place_stopwords.yaml").get(lang, {})
    people = ("armed_group", "police", "military", "security_force", "suspects", "civilians")
    lists = [actors.get("person_titles", []), *(actors.get("generic", {}).get(k, []) for k in people)]
    lists += [stops.get("person_before", []), stops.get("person_nouns", [])]
    return frozenset(str(w).split()[-1].lower() for table in lists for w in table if str(w).strip())


def described_people(text: str, lang: str, end: int | None = None) -> list[tuple[int, int]]:
    """The spans of capitalised names that an apposition calls a person, whose every mention is then a person's
    and no place: "Maksharip Belkharoyev, a prominent Islamic faith healer", "Givi Tsulaia, an employee of the
    state customs committee" (not "Alkhasty, a village", "Darmalki, a police checkpoint")."""
    stops, nouns = set(_words(lang, "apposition_stops")), person_nouns(lang)
    ends, only = set(_words(lang, "apposition_ends")), set(_words(lang, "place_only"))
    out = []
    for m in _apposition(lang).finditer(text, 0, len(text) if end is None else end):
        words = m.group(2).split()
        for i, w in enumerate(words[:5]):
            if w.lower() in stops:
                break
            after = words[i + 1] if i + 1 < len(words) else ""
            noun = w.rstrip(",.;:)").lower()
            ended = w[-1] in ",;:)" or (w[-1] == "." and len(noun) > 3) or not after or after.lower() in ends
            plural = lang == "en" and noun.endswith("s") and not noun.endswith("ss")  # "In X, the doctors said"
            if (noun in nouns or (lang == "en" and noun + "s" in nouns)) and ended and not plural:
                name = re.search(r"(?:[A-ZА-ЯЁ][\w'’-]*[ \t]+)*[A-ZА-ЯЁ][\w'’-]*$", m.group(1))
                at = m.start(1) + name.start() if name is not None else -1
                if name is not None and prev_word(text, at).lower() not in only:  # not "in Kabul, the governor"
                    out.append((at, m.end(1)))
                break
    return out


_NAMED_AFTER = re.compile(  # the noun starts a word: tried from inside one, one long word cost its square
    r"(?<![^\W\d_])([^\W\d_]+),[ \t]+((?:[A-ZА-ЯЁ][\w'’-]*|[a-z]{1,3}-[A-Z][\w'’-]*)"
    r"(?:[ \t]+(?:[A-ZА-ЯЁ][\w'’-]*|[a-z]{1,3}-[A-Z][\w'’-]*)){0,3})(?=[ \t]*[,;:)]|\.(?:\s|$))"
)


def named_people(text: str, lang: str, end: int | None = None) -> list[tuple[int, int]]:
    """The spans of names that follow a person noun and a comma, set off by another comma or a full stop: the
    name of the person the noun tells of ("a Palestinian Intelligence officer, Sami al-Jour, in ...", "a top
    Interior Ministry aide, Colonel Saad Abbas Fadhil,"); not "the capital, Kabul,"."""
    nouns = person_nouns(lang)
    out = []
    for m in _NAMED_AFTER.finditer(text, 0, len(text) if end is None else end):
        noun = m.group(1).lower()
        if noun in nouns or (lang == "en" and noun + "s" in nouns):
            out.append(m.span(2))
    return out


def _words(lang: str, key: str) -> list[str]:
    return [str(w) for w in load_yaml("place_stopwords.yaml").get(lang, {}).get(key, [])]


@cache
def _apposition(lang: str) -> re.Pattern[str]:
    """Up to four words before a comma (the name, group 1), an article (in a language that has them) and the six
    words after it (group 2)."""
    articles = _words(lang, "apposition_articles")
    lead = rf"(?:{'|'.join(map(re.escape, articles))})[ \t]+" if articles else ""
    name = r"(?<![\w'’.-])((?:[^\W\d_][\w'’-]*[ \t]+){0,3}[^\W\d_][\w'’-]*)"
    return re.compile(name + r",[ \t]+" + lead + r"(?=((?:\S+[ \t]*){1,6}))")


def no_place_in_name(text: str, at: tuple[int, int], end: int, cands: list[Place], lang: str) -> bool:
    """Whether a match inside an organisation's name that ends at ``end`` is no place: a common word that is only
    another name of a place ("the 3rd Marine Infantry Battalion": not Marine City), or a small town's name that a
    capitalised word no dictionary knows follows, a person's name ("the Dario Santillan Command": not Ciudad
    Darío; "Givi Tsulaia", a name the tagger called an organisation's; not "the Mastung Cadet College")."""
    start, stop = at
    surface = text[start:stop]
    if all(gz.norm(c.name) != gz.norm(surface) for c in cands) and is_word(surface.lower(), lang):
        return True
    top = cands[0] if cands else None
    if top is None or top.feature != "city" or top.population >= SMALL_PLACE:
        return False
    after = re.match(r"[ \t]+([A-ZА-ЯЁ][a-zа-яё'’-]+)(?![\w'’-])", text[stop:end])
    if after is None or after.group(1).lower() in common_words(lang):
        return False
    return lang != "en" or not lemmas.english().is_known(after.group(1))  # "the Mastung Cadet College"
