"""Place phrases: what kind of place a name is, and which place holds it (see the ``places`` stage).

"the Zara Kherma area of Paktika Province", "the Kobi area of Qarabagh District of Ghazni Province", "Tarin Kot,
Urozgan Province", "Jubu (Solokhumbu district)", "Pakistan's Balochistan", "the Sherpur neighbourhood of the
Afghan capital", «в Сергокалинском районе Дагестана», «село Гимры Унцукульского района».

:func:`read` (1) grows each toponym to the whole name a feature word marks ("Zara Kherma area": the name is "Zara
Kherma", not the Turkish town "Zara" inside it) and adds the names the gazetteer and the tagger missed, with the
kind of place the word gives; (2) adds "the Afghan capital" and "the capital of Afghanistan" as mentions of the
capital; (3) links each toponym to the next one when the words between say that it holds it.  A *strong* link
(a feature word, a province or country after a comma, brackets) must hold: resolution gives a place that does not
fit its container the container's place instead (:mod:`.resolution`); a weak one ("X, Y" in a list, «X Y») only
favours the candidates that fit.  The words are in ``place_phrases.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge.files import load_yaml
from sitrep.knowledge.gazetteer import Place
from sitrep.knowledge.words import common_words

from .landmarks import add_landmarks
from .recognition import Toponym
from .streets import streets

UPPER = "A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ"
BIG_CITY = 100_000  # a city that has suburbs and neighbourhoods of its own names
NAME_TOKEN = rf"[{UPPER}][\w'’]*(?:-[\w'’]+)*"


@dataclass
class Link:
    child: Toponym
    parent: Toponym
    strong: bool  # the phrase says the child lies in the parent: a place that does not fit takes the container's
    near: float | None = None  # "X near Y", "X, 20 km north of Y": how far from the parent the child may lie
    offset: tuple[float, float] | None = None  # km and bearing (degrees) from the parent's point to the child's


@cache
def _words(lang: str) -> dict[str, Any]:
    data = load_yaml("place_phrases.yaml")
    return data.get(lang, data["en"]) if lang in data else data["en"]


def _alternation(words: list[str], stems: bool) -> str:
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return f"(?i:{body})" + (r"\w*" if stems else r"(?!\w)")


@cache
def _patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    w = _words(lang)
    stems = lang == "ru"
    connector = "|".join(re.escape(c) for c in w["connectors"])
    gap = rf"[ \t]+(?:(?:{connector})[ \t]+)?" if connector else r"[ \t]+"
    name = rf"(?P<name>{NAME_TOKEN}(?:{gap}{NAME_TOKEN}){{0,4}})"
    adjective = rf"(?P<name>{NAME_TOKEN})"  # «Сергокалинском районе», «селе Абвгдейка Унцукульского района»: one word
    words = _alternation(list(w["after"]), stems)
    after = re.compile(rf"(?<![\w-]){adjective if stems else name}[ \t]+(?P<word>{words})")
    of = r"[ \t]+(?:of[ \t]+)?(?:the[ \t]+)?" if lang != "ru" else r"[ \t]+"
    before = re.compile(rf"(?<!\w)(?P<word>{_alternation(list(w['before']), stems)}){of}{adjective if stems else name}")
    dirs = "|".join(re.escape(d) for d in w["directions"])
    link = rf"^[ \t]+(?:(?:{'|'.join(w['of'])})[ \t]+)(?:the[ \t]+)?(?:(?:{dirs})\w*[ \t]+)?$" if w["of"] else "^$"
    return after, before, re.compile(link, re.IGNORECASE)


def _kind(lang: str, table: str, word: str) -> str | None:
    word = word.lower()
    kinds: dict[str, str] = _words(lang)[table]
    if lang != "ru":
        return kinds.get(word)
    kind = next((k for stem, k in sorted(kinds.items(), key=lambda x: -len(x[0])) if word.startswith(stem)), None)
    if kind is not None and not _noun_ru(word):
        return None  # «По крайней мере», «районный центр»: an adjective that begins like a feature word
    return kind


def _noun_ru(word: str) -> bool:
    """Can the Russian word be a noun (the feature words are nouns: «крае», «области»; «крайней» is not)?"""
    from sitrep.knowledge.morph_ru import vocab

    return any(f.pos == "NOUN" for f in vocab().parse(word))


# ---------------------------------------------------------------------------------------------------------
# names marked by feature words


def read(text: str, mentions: list[Toponym], lang: str, end: int) -> tuple[list[Toponym], list[Link]]:
    """The toponyms grown to whole names and completed with the ones feature words mark, sorted, and the links
    between them."""
    after, before, _ = _patterns(lang)
    found: list[tuple[int, int, int, str, str]] = []  # name start, name end, phrase end, kind, feature word
    named = set()  # feature words after a name: "Nahr-e Saraj district of Helmand" does not make Helmand a district
    plural: dict[str, str] = _words(lang).get("plural", {})
    for m in after.finditer(text, 0, end):
        kind = _kind(lang, "after", m.group("word"))
        if kind:
            s, e = _trim(text, m.start("name"), m.end("name"), lang)
            word = m.group("word").lower()
            found.append((s, e, m.end("word"), kind, plural.get(word, word)))
            if s < e and _is_name(text[s:e], lang):  # not "the Georgian-controlled village of Prisi": Prisi
                named.add(m.start("word"))
            if word in plural:  # "Clay, Grant and Otter Tail counties"
                if _big_inside(text, s, e, lang) or text[s:e].isupper():  # "two Northeast Georgia counties", "TIF"
                    found.pop()
                    continue
                found += [(a, b, b, kind, plural[word]) for a, b in _listed(text, s, lang)]
    for m in before.finditer(text, 0, end):
        kind = _kind(lang, "before", m.group("word"))
        if kind and m.start("word") not in named and not (lang == "en" and m.group("word")[:1].isupper()):
            found.append((m.start("name"), m.end("name"), m.end("name"), kind, ""))
            if m.group("word").lower() in plural:  # "the villages of Nuli and Avnevi"
                found += [(a, b, b, kind, "") for a, b in _listed_after(text, m.end("name"), lang)]
    out = list(mentions)
    for s, e, tail, kind, word in sorted(found):
        if s < e and _is_name(text[s:e], lang):
            out = _mark(text, out, (s, e, tail), kind, lang, word)
    for s, e in _before_divisions(text, out, lang):  # "Tarin Kot, Urozgan Province"
        if _is_name(text[s:e], lang):
            out = _mark(text, out, (s, e, e), "city", lang)
    out = _streets(text, out, lang, end)
    out = add_landmarks(text, out, lang, end)
    out += _capitals(text, out, lang, end)
    out.sort(key=lambda m: m.start)
    return out, links_between(text, out, lang)


def _big_inside(text: str, s: int, e: int, lang: str) -> bool:
    """Whether ``text[s:e]`` holds the name of a country or first-level division."""
    return any(p[0].feature in ("country", "admin1") for _, _, p in gz.find(text, lang, s, e))


def _listed(text: str, start: int, lang: str) -> list[tuple[int, int]]:
    """The names listed before the last one of a plural feature word: "Becker" and "Clay" in "Becker, Clay and
    Wilkin counties"."""
    item = re.compile(rf"(?<![\w-])({NAME_TOKEN}(?:[ \t]+{NAME_TOKEN}){{0,2}})(?:,[ \t]*|,?[ \t]+(?:and|or|&)[ \t]+)$")
    found: list[tuple[int, int]] = []
    while (got := item.search(text, max(0, start - 60), start)) is not None and len(found) < 12:
        found.append(_trim(text, got.start(1), got.end(1), lang))
        start = got.start(1)
    return found


def _listed_after(text: str, start: int, lang: str) -> list[tuple[int, int]]:
    """The names listed after the first one of a plural feature word before them: "Maliuc" and "Caraorman" in "the
    villages of Ceamurlia de Jos, Maliuc and Caraorman"."""
    connector = "|".join(re.escape(c) for c in _words(lang)["connectors"])
    name = rf"{NAME_TOKEN}(?:[ \t]+(?:(?:{connector})[ \t]+)?{NAME_TOKEN}){{0,2}}"
    item = re.compile(rf"(?:,[ \t]*|,?[ \t]+(?:and|or|&|и)[ \t]+)({name})")
    found: list[tuple[int, int]] = []
    while (got := item.match(text, start)) is not None and len(found) < 12:
        found.append(got.span(1))
        start = got.end(1)
        if not got.group(0).startswith(","):  # "and Caraorman" ends the list
            break
    return found


def _streets(text: str, mentions: list[Toponym], lang: str, end: int) -> list[Toponym]:
    """The mentions with street names added ("Mayfield Road" whole, not the town Mayfield in it); a street that
    crosses a longer name is left out."""
    out = list(mentions)
    for s, e in streets(text, lang, end):
        if any(m.start < e and s < m.end and (m.start < s or m.end > e) for m in out):
            continue
        out = [m for m in out if not (s <= m.start and m.end <= e)]
        out.append(Toponym(s, e, [], confirmed=True, kind="street"))
    return out


def _before_divisions(text: str, mentions: list[Toponym], lang: str) -> list[tuple[int, int]]:
    """Names right before a comma and a province or district the text names as such ("Xurbek Kala, Helmand
    Province"): places, known or not."""
    found = []
    lead = re.compile(rf"(?<![\w-])({NAME_TOKEN}(?:[ \t]+{NAME_TOKEN}){{0,3}}),[ \t]*$")
    for m in mentions:
        w0 = max(0, m.start - 60)
        got = lead.search(text, w0, m.start) if m.kind in ("admin1", "admin2") else None
        if got:
            found.append(_trim(text, got.start(1), got.end(1), lang))
    return found


def _trim(text: str, s: int, e: int, lang: str) -> tuple[int, int]:
    """The name without the capitalised words before it that are no part of it ("In", "Southern", "Afghan",
    "Pakistan's", "Taliban-held"), nor its own possessive ending."""
    modifiers = set(_words(lang)["modifiers"])
    if re.search(r"\w['’]s$", text[s:e]):  # "Vladikavkaz's city center": the name without its possessive
        e -= 2
    owner = list(re.finditer(r"['’]s[ \t]+", text[s:e]))
    if owner:  # "Warren County's Hamilton Township": the name is what the possessive qualifies
        s += owner[-1].end()
    while True:
        m = re.match(rf"({NAME_TOKEN})[ \t]+", text[s:e])
        word = m.group(1) if m else ""
        if not m or not (word in modifiers or gz.demonym(word, lang) or re.search(r"['’]s$|-[a-zа-яё]+$", word)):
            return s, e
        s += m.end()


def _is_name(name: str, lang: str) -> bool:
    """Not only common words and demonyms ("Security area", "Afghan border area")."""
    tokens = re.findall(r"[\w'’]+", name)
    if lang == "ru":
        return bool(tokens) and tokens[0].lower() not in {"в", "на", "из"}
    vocab = common_words(lang)
    stop = gz.load().stop.get(lang, frozenset())
    if gz.norm(name) in stop:
        return False
    return any(t.lower() not in vocab and not gz.demonym(t, lang) for t in tokens) or bool(gz.lookup(name, lang))


def _mark(
    text: str, mentions: list[Toponym], at: tuple[int, int, int], kind: str, lang: str, word: str = ""
) -> list[Toponym]:
    """Mentions with the name ``text[s:e]`` (``at``: s, e and the end of its phrase) of kind ``kind`` marked: the
    mention of exactly that name, or one covering it, takes the kind; mentions inside it give way to the whole name
    unless the words before them are mere modifiers ("Taliban-held Musa Qala"). A division named by its feature
    ``word`` is also known by its name with that word: "Barrow and Jackson counties" are Barrow County, not the
    town Barrow."""
    s, e, tail = at
    # a division's title belongs to its name: "Paktika Province" (an organisation's name around it must not win),
    # «Сергокалинском районе»; "Helmand province" keeps its lower-case word out
    titled = kind in ("admin1", "admin2") and tail > e and (lang == "ru" or text[e:tail].strip()[:1].isupper())
    big = [m for m in mentions if s < m.start < e and m.candidates and m.candidates[0].feature in ("country", "admin1")]
    if big:  # «в селе Абвгдейка Дагестана»: the name stops where its container begins
        e = tail = text.rindex(text[s : big[0].start].rstrip()[-1:], s, big[0].start) + 1
    over = [m for m in mentions if m.start < e and s < m.end]
    for m in over:
        if m.start <= s and e <= m.end:  # the name itself, or a longer known name ("Kandahar Province")
            m.kind, m.phrase_end = m.kind or kind, max(m.phrase_end, tail)
            if (m.start, m.end) == (s, e) and m.kind == kind:
                m.candidates = _division(text[s:e], kind, word, lang) or m.candidates
            if titled and m.end == e and not any(o.start < tail and e <= o.start for o in mentions):
                m.end = tail  # "Walton County" is no town called Walton: a division or unknown
                m.candidates = [c for c in m.candidates if c.feature in ("admin1", "admin2")]
            return mentions
    if any(m.start < s or m.end > e for m in over):
        return mentions  # crosses another name: leave it to recognition
    inner = [m for m in over if m.end == e]
    if inner and _modifiers_only(text[s : inner[0].start], lang):
        inner[0].kind, inner[0].phrase_end = kind, tail
        return mentions
    if any(not _unknown_words(text[m.end : e], lang) for m in over):
        return mentions  # "Rapides Parish Fire District", "Tennessee Senior Olympics": a longer name of another kind
    keep = [m for m in mentions if not (s <= m.start and m.end <= e)]
    cands = gz.lookup(text[s:e], lang) or (gz.lookup(text[s:tail], lang) if tail > e else [])
    cands = _division(text[s:e], kind, word, lang) or cands
    if titled:
        cands = [c for c in cands if c.feature in ("admin1", "admin2")]
    stop = tail if titled and not any(s <= o.start < tail and o.end > e for o in keep) else e
    return [*keep, Toponym(s, stop, cands, confirmed=True, kind=kind, phrase_end=tail)]


def _division(name: str, kind: str, word: str, lang: str) -> list[Place]:
    """The divisions of kind ``kind`` called ``name`` with its feature ``word`` ("Barrow County" for "Barrow" in
    "Barrow and Jackson counties"), when the gazetteer knows none by the bare name; [] otherwise."""
    if kind not in ("admin1", "admin2") or not word or lang == "ru":
        return []
    if any(c.feature == kind for c in gz.lookup(name, lang)):
        return []
    return [c for c in gz.lookup(f"{name} {word.title()}", lang) if c.feature == kind]


def _unknown_words(words: str, lang: str) -> bool:
    """Whether ``words`` (the rest of a name after a known one) are no common words: "Kherma" in "Zara Kherma"."""
    vocab = common_words(lang)
    tokens = re.findall(r"[\w'’]+", words)
    return all(t.lower() not in vocab for t in tokens)


def _modifiers_only(words: str, lang: str) -> bool:
    """Whether the words before a known name only qualify it ("Taliban-held", "rural")."""
    vocab = common_words(lang)
    tokens = re.findall(r"[\w'’]+(?:-[\w'’]+)*", words)
    return all(
        t.lower() in vocab or gz.demonym(t, lang) or re.search(r"-[a-z]+$", t) or t in _words(lang)["modifiers"]
        for t in tokens
    )


# ---------------------------------------------------------------------------------------------------------
# "the Afghan capital", "the capital of Afghanistan", «столица Афганистана»


def _capitals(text: str, mentions: list[Toponym], lang: str, end: int) -> list[Toponym]:
    word = _words(lang)["capital"]
    at = {m.start: m for m in mentions}
    found: list[tuple[int, int, str | None]] = []
    for m in re.finditer(rf"(?i)(?<!\w)([\w-]+)\s+{word}\w*", text[:end]):  # "the Afghan capital", «афганская столица»
        if m.group(1)[:1].isupper() or lang == "ru":
            found.append((m.start(1), m.end(), gz.demonym(m.group(1), lang)))
    after = r"\s+of\s+(?:the\s+)?" if lang != "ru" else r"\s+"
    for m in re.finditer(rf"(?i)(?<!\w){word}\w*(?={after})", text[:end]):  # "capital of Afghanistan"
        gap = re.match(after, text[m.end() :])
        found.append((m.start(), m.end(), _country_at(text, at.get(m.end() + gap.end()) if gap else None)))
    for m in re.finditer(rf"(?<!\w)(\w+)['’]s\s+{word}\b", text[:end]) if lang != "ru" else ():  # "Pakistan's capital"
        found.append((m.start(), m.end(), _country_at(text, at.get(m.start(1)), possessive=True)))
    taken = {(m.start, m.end) for m in mentions}
    out = []
    for start, stop, cc in found:
        capital = gz.capital(cc) if cc else None
        if capital is not None and (start, stop) not in taken:
            taken.add((start, stop))
            out.append(Toponym(start, stop, [capital], confirmed=True, kind="city", description=True))
    return out


def _country_at(text: str, m: Toponym | None, possessive: bool = False) -> str | None:
    """The country a mention names, unless it begins a longer phrase ("Pakistan's Balochistan province")."""
    top = m.candidates[0] if m is not None and m.candidates else None
    if m is None or top is None or top.feature != "country":
        return None
    if not possessive and re.match(r"['’]s\s", text[m.end : m.end + 3]):
        return None
    return top.country_code


# ---------------------------------------------------------------------------------------------------------
# links between neighbouring toponyms


def mark_kinds(text: str, mentions: list[Toponym], lang: str) -> None:
    """The kind of place of given spans (gold annotations) from the feature word right after them."""
    words = re.compile(rf"[ \t]+({_alternation(list(_words(lang)['after']), lang == 'ru')})")
    for m in mentions:
        w = words.match(text, m.end)
        if w and (kind := _kind(lang, "after", w.group(1))):
            m.kind, m.phrase_end = kind, w.end()
            word = w.group(1).lower()
            word = _words(lang).get("plural", {}).get(word, word)
            m.candidates = _division(text[m.start : m.end], kind, word, lang) or m.candidates


def links_between(text: str, mentions: list[Toponym], lang: str) -> list[Link]:
    """The links between neighbouring toponyms (``mentions`` sorted) that the words between them make."""
    _, _, joined = _patterns(lang)
    links = []
    for i, (a, b) in enumerate(pairwise(mentions)):
        if b.start < a.tail:
            continue
        gap = text[a.tail : b.start]
        nxt = mentions[i + 2] if i + 2 < len(mentions) else None
        if re.fullmatch(r"['’]s\s+", text[a.end : b.start]):  # "Pakistan's Balochistan": the first holds
            links.append(Link(b, a, b.kind is not None))
        elif joined.match(gap) and a.kind == "place" and _city_around(a, b):  # "the Baghdad suburb of Karrada"
            links.append(Link(b, a, True))
        elif joined.match(gap):  # "the Kobi area of Qarabagh District", "X in Y"
            links.append(Link(a, b, a.kind is not None or not a.candidates or _bigger(b, a)))
        elif re.fullmatch(r"\s*\(\s*", gap) and text[b.tail : b.tail + 1] == ")":  # "Jubu (Solokhumbu district)"
            links.append(Link(a, b, True))
        elif re.fullmatch(r"\s*,\s*", gap) and not (a.kind and a.kind == b.kind):  # "Tarin Kot, Urozgan
            # Province"; not "Kabul, Kandahar and Herat", nor a list of one kind ("Becker, Clay and Wilkin counties")
            links.append(Link(a, b, _holds_after_comma(text, a, b, nxt)))
        elif lang == "ru" and re.fullmatch(r"[ \t]+", gap):  # «в Сергокалинском районе Дагестана»
            links.append(Link(a, b, a.kind is not None))
    return links


def _city_around(a: Toponym, b: Toponym) -> bool:
    """Whether "the A suburb (area, neighbourhood) of B" names B as part of the city A: A a city ten times B's
    size ("the Cincinnati suburb of West Chester"), not a part of B ("the Sherpur neighbourhood of Kabul")."""
    city = a.candidates[0] if a.candidates else None
    if city is None or city.feature != "city" or city.population < BIG_CITY or b.kind in ("admin1", "admin2"):
        return False
    if b.candidates and b.candidates[0].feature not in ("city", "place"):
        return False
    return city.population > 10 * max((c.population for c in b.candidates), default=0)


def _bigger(b: Toponym, a: Toponym) -> bool:
    """Whether ``b`` is named as a province or district, or is a country or province while ``a`` is not."""
    if b.kind in ("admin1", "admin2"):
        return True
    big = ("country", "admin1")
    small = not (a.candidates and a.candidates[0].feature in big)
    return bool(b.candidates) and b.candidates[0].feature in big and small


def _holds_after_comma(text: str, a: Toponym, b: Toponym, nxt: Toponym | None) -> bool:
    if b.kind in ("admin1", "admin2"):
        return True
    if not _bigger(b, a):
        return False
    listed = re.match(r"\s*(?:,|and\b|or\b|и\b|или\b)", text[b.tail : b.tail + 6]) is not None
    return not listed and not (nxt is not None and re.fullmatch(r"\s*,\s*", text[b.tail : nxt.start]))
