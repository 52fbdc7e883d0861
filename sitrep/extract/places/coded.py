"""What coders wrote of a town's name (``sitrep.knowledge.reported``: the countries coded incidents put it in) for
a name the gazetteer does not know as written: an unknown town lies in the country coders put it in ("Jalawla":
Iraq), and a town found only by another spelling in another country is not the one meant ("Madaen" is not
Yemen's Al Madan)."""

from __future__ import annotations

from collections import Counter

from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge import reported

from .around import feature_nouns
from .recognition import Toponym

REPORTED_SHARE = 0.6  # an unknown town is put in the country coders gave its name at least this often


def unplaced(m: Toponym) -> bool:
    """A tagged place the gazetteer does not know and nothing has placed yet (no candidate, no container)."""
    return m.place is None and m.container is None and m.confirmed and not m.candidates and not m.description


def reported_setting(text: str, mentions: list[Toponym]) -> None:
    """A town the gazetteer does not know lies in the country coders put it in, when they mostly put it in one
    ("Jalawla", "Mahaweel": Iraq): the entity gets the country, no point. A district the gazetteer does not know,
    called after a town of that country, lies at that town ("Asmar District": Asmar, Afghanistan)."""
    for m in mentions:
        if unplaced(m):
            name = text[m.start : m.end]
            *head, last = name.split() or [""]  # "Asmar District": Asmar (regions.yaml's feature words)
            bare = " ".join(head) if head and last.lower() in feature_nouns() else name
            shares = reported.countries(name) or reported.countries(bare)
            cc = max(shares, key=shares.__getitem__) if shares else None
            if cc and shares[cc] >= REPORTED_SHARE and (country := gz.country(cc)) is not None:
                towns = gz.lookup(bare) if bare != name else []
                seat = [c for c in towns if c.country_code == cc and c.feature == "city"]
                m.container, m.setting = (seat[0], False) if seat else (country, True)


def loose_abroad(text: str, mentions: list[Toponym]) -> None:
    """A place found only by another spelling ("Madaen": Yemen's Al Madan; "Habbaniya": Habban) in a country no
    other place of the document lies in, while coders put the name as written mostly in another country, is a
    place the gazetteer does not know (``reported_setting`` then gives it that country)."""
    placed = Counter(m.place.country_code for m in mentions if m.place is not None)  # mentions per country
    for m in mentions:
        p, surface = m.place, text[m.start : m.end]
        if p is None or m.description or gz.lookup(surface.title() if surface.isupper() else surface):
            continue
        shares = reported.countries(surface)
        cc = max(shares, key=shares.__getitem__) if shares else None
        if cc is None or cc == p.country_code or shares[cc] < REPORTED_SHARE:
            continue
        if placed[p.country_code] > 1:
            continue  # another place of the document lies in that country: it is about that country too
        placed[p.country_code] -= 1
        m.place, m.candidates, m.confirmed = None, [], True
