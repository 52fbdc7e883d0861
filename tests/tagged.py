"""Documents for the places stage built by hand: the language set, and the tagger's spans, when given, marked as if
the ``nlp`` stage had found them (each surface at its first occurrence)."""

from __future__ import annotations

from sitrep.model import Document, TextSpan


def tagged(text: str, lang: str = "en", ner: list[tuple[str, str]] | None = None) -> Document:
    """A document of ``text`` in ``lang`` with the tagger's ``(surface, label)`` spans, if any."""
    doc = Document(id="t", text=text, language=lang)
    if ner is not None:
        doc.layers.done.append("nlp")
        for surface, label in ner:
            start = text.index(surface)
            doc.layers.ner.append(TextSpan(start, start + len(surface), label, surface))
    return doc
