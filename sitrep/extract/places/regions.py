"""Descriptive regions from ``regions.yaml``: "southern Tajikistan", "the Afghanistan-Pakistan border", "the tribal
areas", "на юге Таджикистана", "афгано-пакистанская граница" (see the ``places`` stage)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from sitrep.extract.spans import Intervals
from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge.files import load_yaml
from sitrep.knowledge.gazetteer import Place
from sitrep.model import Geo

# ---------------------------------------------------------------------------------------------------------
# descriptive regions (regions.yaml)

_PLACE, _DEMONYM = "\ue000\ue001", "\ue002\ue003"  # anchors are masked with these, alternating


@dataclass
class Region:
    start: int
    end: int
    name: str
    country: str | None = None
    geo: Geo | None = None
    place: Place | None = None  # set when the words mean a known place ("the tribal areas" -> FATA)


def _alternation(words: list[str]) -> str:
    return "(?i:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@cache
def _region_patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    data = load_yaml("regions.yaml")
    dirs = data["directions"].values()
    slots = {
        "{dir}": "(?P<dir>" + _alternation([w for d in dirs for w in d["en"]]) + ")",
        "{dir_noun}": "(?P<dir>" + _alternation([w for d in dirs for w in d.get("ru_noun", [])]) + ")",
        "{dir_adj}": "(?P<dir>" + _alternation([w for d in dirs for w in d.get("ru_adj", [])]) + ")",
        "{noun}": "(?P<noun>" + _alternation(data["nouns"][lang if lang in data["nouns"] else "en"]) + ")",
        "{place}": "(?P<place>\ue000+|\ue001+)",
        "{demonym}": "(?P<demonym>\ue002+|\ue003+)",
        "{a}": "(?P<a>\ue000+|\ue001+|\ue002+|\ue003+)",
        "{b}": "(?P<b>\ue000+|\ue001+|\ue002+|\ue003+)",
    }
    out = []
    for kind in ("patterns", "borders"):
        for pattern in data[kind].get(lang, data[kind]["en"] if lang == "en" else []):
            for slot, regex in slots.items():
                pattern = pattern.replace(slot, regex)
            out.append((kind, re.compile(r"(?<!\w)" + pattern + r"(?!\w)")))
    for item in data["generic"]:
        if lang in item:
            out.append(("generic:" + item["key"], re.compile(r"(?i)\b(" + item[lang] + r")\b")))
    for item in data["macro_regions"]:
        for pattern in item.get("patterns", {}).get(lang, []):
            out.append(("macro:" + item["key"], re.compile(pattern)))
    return out


def _direction(word: str) -> dict[str, Any]:
    word = word.lower()
    for d in load_yaml("regions.yaml")["directions"].values():
        if word in d["en"] or any(word.startswith(s) for s in d.get("ru_noun", []) + d.get("ru_adj", [])):
            return d
    return {"name": word, "at": [0.5, 0.5]}


def _mask(text: str, lang: str, end: int, anchors: list[tuple[int, int, Place]]) -> tuple[str, dict[int, Place]]:
    """``text[:end]`` with anchor places and demonyms replaced by same-length private-use characters."""
    chars, at = list(text[:end]), {}
    for n, (s, e, p) in enumerate(anchors):
        if p.feature != "city":
            chars[s:e] = _PLACE[n % 2] * (e - s)
            at[s] = p
    for n, w in enumerate(re.finditer(r"[^\W\d_]+", text[:end])):
        cc = gz.combining_form(w.group(0), lang)
        if cc and chars[w.start()] not in _PLACE and (country := gz.country(cc)):
            chars[w.start() : w.end()] = _DEMONYM[n % 2] * (w.end() - w.start())
            at[w.start()] = country
    return "".join(chars), at


def describe(text: str, lang: str, end: int, anchors: list[tuple[int, int, Place]]) -> list[Region]:
    """Descriptive regions in ``text[:end]`` around the resolved place mentions ``anchors``."""
    masked, at = _mask(text, lang, end, anchors)
    doc_countries = {p.country_code for _, _, p in anchors} | {p.country_code for p in at.values()}
    found: list[Region] = []
    for kind, pattern in _region_patterns(lang):
        for m in pattern.finditer(masked):
            region = _region(kind, m, at, doc_countries, anchors)
            if region is not None:
                found.append(region)
    found.sort(key=lambda r: (r.start - r.end, r.start))
    kept: list[Region] = []
    taken = Intervals()
    for r in found:  # the longest description wins where they overlap
        if not taken.overlaps(r.start, r.end):
            kept.append(r)
            taken.add(r.start, r.end)
    return sorted(kept, key=lambda r: r.start)


def _region(kind: str, m: re.Match[str], at: dict[int, Place], countries: set[str], anchors: list) -> Region | None:
    start, end = m.span(1) if kind.startswith(("generic:", "macro:")) else m.span()
    if kind.startswith("macro:"):
        place = gz.place("r:" + kind[6:])
        return Region(start, end, place.name, place=place) if place else None
    if kind.startswith("generic:"):
        item = next(g for g in load_yaml("regions.yaml")["generic"] if g["key"] == kind[8:])
        if not countries.intersection(item["countries"]):
            return None
        place = gz.place(item["place"])
        return Region(start, end, place.name, place=place) if place else None
    groups = m.groupdict()
    if kind == "borders":
        a, b = at.get(m.start("a")), at.get(m.start("b"))
        if a is None or b is None or a.country_code == b.country_code:
            return None
        names = sorted(c.name for c in (gz.country(a.country_code), gz.country(b.country_code)) if c)
        if len(names) != 2:
            return None
        lat, lon = gz.border_point(a.country_code, b.country_code)
        geo = Geo(lat, lon, None, a.country_code, None, "place", precision=3)
        return Region(start, end, f"{names[0]}–{names[1]} border", a.country_code, geo)
    anchor = at.get(m.start("place")) if groups.get("place") else at.get(m.start("demonym"))
    if anchor is None:
        return None
    if groups.get("dir"):
        d = _direction(groups["dir"])
        name = f"{d['name']} {anchor.name}"
        lat, lon = gz.point_in(anchor, tuple(d["at"]))
    else:
        name = f"{groups['noun'].lower()} of {anchor.name}"
        lat, lon = anchor.lat, anchor.lon
    admin1 = anchor.admin1 if anchor.feature != "country" else None
    region_geo = Geo(lat, lon, None, anchor.country_code, admin1, precision=3) if anchor.country_code else None
    return Region(start, end, name, anchor.country_code or None, region_geo)
