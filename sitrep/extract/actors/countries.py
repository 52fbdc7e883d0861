"""The country a name's context gives (for the ``actors`` stage): the place right after the name («МВД Дагестана»,
«МВД по Кабардино-Балкарии», "the Interior Ministry of Pakistan"), else every country of the document's places.
Abbreviations every state of a region uses for its own body («МВД», «СК», «ГКНБ») and forms several actors of
the knowledge base share are linked to the actor of that country."""

from __future__ import annotations

import re

from sitrep.model import Document


class Countries:
    """The country a name's context gives: a place right after it ("МВД Дагестана", "МВД по Кабардино-Балкарии"),
    else every country of the document's places."""

    _AFTER = re.compile(r"\s*(?:(?:по|в|of|in)\s+)?")

    def __init__(self, doc: Document):
        self.text = doc.text
        self.at: dict[int, str] = {}
        self.all: set[str] = set()
        for ent in doc.entities:
            country = ent.geo.country_code if ent.geo else ent.country
            if ent.is_place and country:
                self.all.add(country)
                self.at.update((m.start, country) for m in ent.mentions)

    def around(self, end: int) -> set[str]:
        after = self._AFTER.match(self.text, end)
        country = self.at.get(after.end()) if after else None
        return {country} if country else self.all
