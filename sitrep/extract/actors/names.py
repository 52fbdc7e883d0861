"""Canonical names for what a text names in an inflecting language (called by the ``actors`` stage).

A Russian name stands in the case the sentence gives it («сыновья Магомеда Омарова», «в Сергокалинском районе»);
the canonical name is its nominative, cased as written («Магомед Омаров»). The nominative of a tagged name comes
with the NER layer (``TextSpan.value``: natasha inflects the head and the words that agree with it). KB actors and
gazetteer places keep their canonical (English) names: they are the same ids whatever the language.

Every entity named in Cyrillic also gets ``latin``, its name in Latin letters, and is matched across documents
and languages by :func:`sitrep.translit.name_key` of its name (``sitrep.keys.entity_key``).
"""

from __future__ import annotations

import re

from sitrep.knowledge.words import is_name, is_word
from sitrep.model import Document
from sitrep.translit import has_cyrillic, latin

_TITLE_WORDS = re.compile(r"^(?:the|a|an|mr|mrs|ms|dr|gen|general|president|minister)\.?\s+", re.IGNORECASE)


def nominative(text: str, normal: str | None) -> str:
    """The nominative of a tagged name ``text``: ``normal`` when it is the same words in another form, else
    ``text`` (a tagger's normal form that lost or added a word is not trusted)."""
    if not normal or len(normal.split()) != len(text.split()):
        return text
    return normal


def canonical(doc: Document) -> None:
    """Tagged places the gazetteer does not know take their nominative name; every name written in Cyrillic gets
    its Latin form."""
    normals = {(s.start, s.end): s.value for s in doc.layers.ner if isinstance(s.value, str)}
    for ent in doc.entities:
        if ent.is_place and not ent.kb_id and has_cyrillic(ent.name):
            for m in ent.mentions:
                if m.text == ent.name and (m.start, m.end) in normals:
                    ent.name = nominative(ent.name, normals[(m.start, m.end)])
                    ent.refresh_aliases()
                    break
        ent.latin = latin(ent.name) if has_cyrillic(ent.name) else None


def bare(name: str, lang: str | None) -> str:
    """A tagged name without an English title or article before it, a possessive, or quotes and brackets around
    it — but a quote it opens inside keeps its closing one (ООО "МНКТ", «Газпром нефть»)."""
    text = _TITLE_WORDS.sub("", name) if lang in (None, "en") else name  # «The Guardian» in Russian is a name
    text = re.sub(r"(?:'s|’s)$", "", text).strip(" ,.;:\"'“”()«»„")
    for opening, closing in (('"', '"'), ("«", "»"), ("„", "“")):
        inner = text.count(opening) - (text.count(closing) if closing != opening else 0)
        odd = inner % 2 == 1 if closing == opening else inner > 0
        end = name.find(text) + len(text)
        if odd and name[end : end + 1] == closing:
            text += closing
    return text


def capitalised_inside(doc: Document, start: int, text: str) -> bool:
    """A Russian word capitalised inside a sentence, where only names are («на сессии Конгресса», «газета
    «Труд»»): Russian writes its common nouns in lower case, unlike English headings and titles. Used for tagged
    organisations only: a lone common word tagged as a person is a nickname or a mistake («Маэстро»)."""
    if doc.language != "ru" or not (text[:1].isupper() and any(ch.islower() for ch in text)):
        return False
    before = doc.text[max(0, start - 40) : start].rstrip(' «"„(—–-')
    return bool(before) and before[-1] not in ".!?…:\n"


def common_words_only(text: str, lang: str) -> bool:
    """Every word is an ordinary lower-case word (and none is a known name form)."""
    words = re.findall(r"[^\W\d_]+", text)
    return bool(words) and all(is_word(w.lower(), lang) and not is_name(w, lang) for w in words)


_BRACKETED = re.compile(r"^(?P<a>[^()]*\w[^()]*?)\s*\((?P<b>[^()]*\w[^()]*)\)?\s*$")


def pieces(text: str) -> list[tuple[int, str]]:
    """A tagged name with a second name in brackets after it («Джошуа Вольф (Joshua Wolf)», «Союз
    координационных советов (СКС)», «ООН (ФАО)») as two names, each with its offset in ``text``; else the one."""
    m = _BRACKETED.match(text)
    if m is None:
        return [(0, text)]
    return [(m.start("a"), m.group("a")), (m.start("b"), m.group("b"))]


def transliterated(name: str, other: str) -> bool:
    """Is ``other``, in brackets after a Cyrillic person's ``name``, that name in Latin letters (as Russian news
    gives a foreigner's name: as many words, none of them Cyrillic)?"""
    return has_cyrillic(name) and not has_cyrillic(other) and len(name.split()) == len(other.split())


def in_address(text: str, start: int, end: int) -> bool:
    """Is text[start:end] part of a web address or an e-mail ("www.youtube.com", "kremlin.ru/acts")?"""
    before = text[max(0, start - 1) : start]
    return before in ("/", ".", "@") or re.match(r"\.[a-z]{2,}\b", text[end : end + 8]) is not None
