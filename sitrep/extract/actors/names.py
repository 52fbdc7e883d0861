"""Canonical names for what a text names in an inflecting language (called by the ``actors`` stage).

A Russian name stands in the case the sentence gives it («сыновья Магомеда Омарова», «в Сергокалинском районе»);
the canonical name is its nominative, cased as written («Магомед Омаров»). The nominative of a tagged name comes
with the NER layer (``TextSpan.value``: natasha inflects the head and the words that agree with it). KB actors and
gazetteer places keep their canonical (English) names: they are the same ids whatever the language.

Every entity named in Cyrillic also gets ``latin``, its name in Latin letters, and is matched across documents
and languages by :func:`sitrep.translit.name_key` of its name (``sitrep.keys.entity_key``).
"""

from __future__ import annotations

from sitrep.model import Document
from sitrep.translit import has_cyrillic, latin


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
