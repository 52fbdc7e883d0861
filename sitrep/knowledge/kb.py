"""The actor knowledge base: ``sitrep/knowledge/data/actors.yaml`` (+ ``actor_ambiguous.yaml``), loaded and checked.

Each entry names one actor (armed group, government, security force, organisation, media outlet or person) with
its canonical English and Russian names, the surface forms that denote it and a few facts the linker uses
(country, region of operation, parent organisation).  Three kinds of surface forms:

* ``aliases`` and ``descriptions`` (per language) and ``members`` -- matched case-insensitively;
* ``abbreviations`` -- matched case-sensitively, so "IS" never matches the word "is".  A canonical name listed
  among the abbreviations ("RT", "Dawn") is matched case-sensitively only.

A form may denote two actors only when ``actor_ambiguous.yaml`` says so; the loader refuses anything else.
Forms are compared after :func:`normalize`, which lower-cases, maps "ё" to "е" and unifies dashes, quotes and
apostrophes; it replaces one character by one character, so offsets found in a normalized text are offsets
into the original (for Latin and Cyrillic text).

The checked entries are kept in sitrep's on-disk cache (:mod:`sitrep.knowledge.cache`): a new process reads them
back instead of parsing and checking the YAML again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sitrep.errors import KnowledgeError
from sitrep.model import ACTOR_TYPES

from . import cache as disk
from .files import data_path, load_yaml

ACTORS_FILE = "actors.yaml"
AMBIGUOUS_FILE = "actor_ambiguous.yaml"
LANGS = ("en", "ru")
CACHE_NAME = "kb"
CACHE_FORMAT = 1  # a list of cache.to_record(actor); the cache key also covers this module's source

# PLOVER actor sector codes (manual v2.0, table 5.2) plus IGO (PLOVER's code for intergovernmental organisations).
# fmt: off
SECTORS = frozenset({
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",  # frequent
    "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",  # less frequent
    "IGO",
})
KEYS = frozenset({
    "id", "name", "name_ru", "type", "kind", "sector", "country", "region", "parent", "wikidata", "founded",
    "aliases", "abbreviations", "descriptions", "members", "note", "ru_banned",
})
# fmt: on
_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9]\d*$")
_FOUNDED = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
# One character for one character (offsets survive): "ё", dashes and the minus sign, quotes, apostrophes, NBSP.
_FOLD = str.maketrans(
    "ёЁ\u2010\u2011\u2012\u2013\u2014\u2015\u2212«»\u201c\u201d\u201e\u2018\u2019\u02bc\u00a0",
    'еЕ-------"""""\'\'\' ',
)


@dataclass(frozen=True)
class Names:
    """Surface forms per language."""

    en: tuple[str, ...] = ()
    ru: tuple[str, ...] = ()

    def get(self, lang: str) -> tuple[str, ...]:
        return self.ru if lang == "ru" else self.en if lang == "en" else ()

    def all(self) -> tuple[str, ...]:
        return self.en + self.ru


@dataclass(frozen=True)
class Actor:
    """One entry of ``actors.yaml``; lists are tuples, unknown values ``None``."""

    id: str
    name: str
    type: str
    name_ru: str | None = None
    kind: str | None = None
    sector: str | None = None
    country: str | None = None
    region: tuple[str, ...] = ()
    parent: str | None = None
    wikidata: str | None = None
    founded: str | None = None
    aliases: Names = field(default_factory=Names)
    abbreviations: tuple[str, ...] = ()
    descriptions: Names = field(default_factory=Names)
    members: Names = field(default_factory=Names)
    note: str | None = None
    ru_banned: bool = False

    def forms(self, lang: str) -> tuple[str, ...]:
        """Case-insensitive forms for a text in ``lang``: names, aliases, descriptions and member nouns.

        English forms are included for every language: Latin-script names appear in Russian text too.  A name that
        is also listed among the abbreviations ("RT", "Dawn") is left out: it is matched case-sensitively only.
        """
        names = [n for n in (self.name, self.name_ru if lang == "ru" else None) if n and n not in self.abbreviations]
        out = [*names, *self.aliases.en, *self.descriptions.en, *self.members.en]
        if lang != "en":
            out += [*self.aliases.get(lang), *self.descriptions.get(lang), *self.members.get(lang)]
        return tuple(dict.fromkeys(out))


def normalize(text: str, casefold: bool = True) -> str:
    """Fold a surface form (or a text) for matching: dashes, quotes, apostrophes, "ё"; lower-case if ``casefold``."""
    folded = text.translate(_FOLD)
    return folded.lower() if casefold else folded


# ---------------------------------------------------------------------------------------------------------
# Public lookups


def load_actors() -> dict[str, Actor]:
    """All actors by id (a fresh dict; the actors themselves are immutable)."""
    return dict(_actors())


def actor(actor_id: str) -> Actor:
    """The actor with this id; KeyError naming the file when there is none."""
    try:
        return _actors()[actor_id]
    except KeyError:
        raise KeyError(f"no actor {actor_id!r} in sitrep/knowledge/data/{ACTORS_FILE}") from None


def children(actor_id: str) -> list[str]:
    """Ids of the organisations whose parent is ``actor_id`` (branches, units; persons are left out), sorted."""
    return sorted(a.id for a in _actors().values() if a.parent == actor_id and a.type != "person")


def alias_index(lang: str) -> dict[str, list[str]]:
    """Normalized (lower-cased) name/alias/description/member form -> actor ids, for texts in ``lang``."""
    return {form: list(ids) for form, ids in _alias_index(lang).items()}


def abbreviation_index() -> dict[str, list[str]]:
    """Abbreviation (case kept, dashes/quotes folded) -> actor ids; match it case-sensitively."""
    return {form: list(ids) for form, ids in _abbreviation_index().items()}


def lookup(form: str, lang: str = "en") -> list[str]:
    """Actor ids a whole surface form denotes: abbreviations case-sensitively, everything else case-insensitively."""
    ids = list(_abbreviation_index().get(normalize(form.strip(), casefold=False), ()))
    ids += [i for i in _alias_index(lang).get(normalize(form.strip()), ()) if i not in ids]
    return ids


def ambiguous_forms() -> dict[str, tuple[str, ...]]:
    """Forms ``actor_ambiguous.yaml`` lets denote several actors: normalized, abbreviations as "abbr:" + exact form."""
    return dict(_ambiguous())


# ---------------------------------------------------------------------------------------------------------
# Loading and validation


@cache
def _actors() -> dict[str, Actor]:
    """The checked actors, from the cache when it has them for these files (else parsed, checked and cached)."""
    key = disk.key([data_path(ACTORS_FILE), data_path(AMBIGUOUS_FILE), Path(__file__)], CACHE_FORMAT)
    rows = disk.value(CACHE_NAME, key, lambda: [disk.to_record(a) for a in _checked().values()])
    return {row[0]: disk.from_record(Actor, row) for row in rows}


def _checked() -> dict[str, Actor]:
    files = (ACTORS_FILE, AMBIGUOUS_FILE)
    return build_actors(*map(load_yaml, files), *(str(data_path(f)) for f in files))


def build_actors(
    entries: Any,
    ambiguous: Any = None,
    source: str = ACTORS_FILE,
    ambiguous_source: str = AMBIGUOUS_FILE,
) -> dict[str, Actor]:
    """Parse and check the parsed YAML of both files; KnowledgeError naming the file and entry on any fault."""
    if not isinstance(entries, list):
        raise KnowledgeError(f"{source}: expected a list of actor mappings at the top level")
    actors: dict[str, Actor] = {}
    for n, entry in enumerate(entries, start=1):
        a = _parse(entry, f"{source}, entry #{n}")
        if a.id in actors:
            raise KnowledgeError(f"{source}, entry #{n}: duplicate id {a.id!r}; ids must be unique")
        actors[a.id] = a
    _check_links(actors, source)
    _check_shared_forms(actors, _parse_ambiguous(ambiguous, ambiguous_source), source, ambiguous_source)
    return actors


@cache
def _alias_index(lang: str) -> dict[str, tuple[str, ...]]:
    return _index((normalize(form), a.id) for a in _actors().values() for form in a.forms(lang))


@cache
def _abbreviation_index() -> dict[str, tuple[str, ...]]:
    return _index((normalize(form, casefold=False), a.id) for a in _actors().values() for form in a.abbreviations)


def _index(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """{form: sorted actor ids} from (form, actor id) pairs."""
    index: dict[str, list[str]] = {}
    for form, actor_id in pairs:
        ids = index.setdefault(form, [])
        if actor_id not in ids:
            ids.append(actor_id)
    return {form: tuple(sorted(ids)) for form, ids in index.items()}


@cache
def _ambiguous() -> dict[str, tuple[str, ...]]:
    return _parse_ambiguous(load_yaml(AMBIGUOUS_FILE), str(data_path(AMBIGUOUS_FILE)))


def _parse_ambiguous(raw: Any, source: str) -> dict[str, tuple[str, ...]]:
    """{normalized form (abbreviations prefixed "abbr:"): actor ids} from actor_ambiguous.yaml."""
    if raw is None:
        return {}
    if not isinstance(raw, list):
        raise KnowledgeError(f"{source}: expected a list of {{alias, actors, note}} mappings")
    out: dict[str, tuple[str, ...]] = {}
    for n, entry in enumerate(raw, start=1):
        where = f"{source}, entry #{n}"
        if (
            not isinstance(entry, dict)
            or set(entry) - {"alias", "abbreviation", "actors", "note"}
            or len({"alias", "abbreviation"} & set(entry)) != 1
        ):
            raise KnowledgeError(f"{where}: expected keys alias (or abbreviation), actors, note")
        is_abbr = "abbreviation" in entry
        form = entry["abbreviation"] if is_abbr else entry["alias"]
        ids = entry.get("actors")
        if not isinstance(form, str) or not form.strip():
            raise KnowledgeError(f"{where}: the alias must be a non-empty string")
        if not isinstance(ids, list) or len(ids) < 2 or not all(isinstance(i, str) for i in ids):
            raise KnowledgeError(f"{where} ({form!r}): 'actors' must list at least two actor ids")
        key = ("abbr:" + normalize(form, casefold=False)) if is_abbr else normalize(form)
        if key in out:
            raise KnowledgeError(f"{where}: {form!r} is listed twice")
        out[key] = tuple(sorted(ids))
    return out


def _parse(entry: Any, where: str) -> Actor:
    if not isinstance(entry, dict):
        raise KnowledgeError(f"{where}: expected a mapping, got {type(entry).__name__}")
    actor_id = entry.get("id")
    if not isinstance(actor_id, str) or not _ID.match(actor_id):
        raise KnowledgeError(f"{where}: 'id' must be a snake_case string, got {actor_id!r}")
    where = f"{where} (id {actor_id!r})"
    unknown = set(entry) - KEYS
    if unknown:
        raise KnowledgeError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(KEYS)}")
    name = _required_text(entry.get("name"), where, "name")
    kind = entry.get("type")
    if kind not in ACTOR_TYPES:
        raise KnowledgeError(f"{where}: type {kind!r} is not one of {sorted(ACTOR_TYPES)}")
    sector = entry.get("sector")
    if sector is not None and sector not in SECTORS:
        raise KnowledgeError(f"{where}: sector {sector!r} is not a PLOVER sector code ({', '.join(sorted(SECTORS))})")
    country = entry.get("country")
    if country is not None:
        _check_iso2(country, where, "country")
    region = _strings(entry.get("region"), where, "region")
    for code in region:
        _check_iso2(code, where, "region")
    wikidata = entry.get("wikidata")
    if wikidata is not None and (not isinstance(wikidata, str) or not _QID.match(wikidata)):
        raise KnowledgeError(f"{where}: wikidata {wikidata!r} must look like Q123 (or be left out)")
    founded = entry.get("founded")
    if isinstance(founded, int):
        founded = str(founded)
    if founded is not None and (not isinstance(founded, str) or not _FOUNDED.match(founded)):
        raise KnowledgeError(f'{where}: founded {founded!r} must be "YYYY" or "YYYY-MM"')
    ru_banned = entry.get("ru_banned", False)
    if not isinstance(ru_banned, bool):
        raise KnowledgeError(f"{where}: ru_banned must be true or false")
    parent = entry.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise KnowledgeError(f"{where}: parent must be an actor id")
    return Actor(
        id=actor_id,
        name=name,
        type=kind,
        name_ru=_text(entry.get("name_ru"), where, "name_ru"),
        kind=_text(entry.get("kind"), where, "kind"),
        sector=sector,
        country=country,
        region=region,
        parent=parent,
        wikidata=wikidata,
        founded=founded,
        aliases=_names(entry.get("aliases"), where, "aliases"),
        abbreviations=_strings(entry.get("abbreviations"), where, "abbreviations"),
        descriptions=_names(entry.get("descriptions"), where, "descriptions"),
        members=_names(entry.get("members"), where, "members"),
        note=_text(entry.get("note"), where, "note"),
        ru_banned=ru_banned,
    )


def _text(value: Any, where: str, key: str) -> str | None:
    return None if value is None else _required_text(value, where, key)


def _required_text(value: Any, where: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise KnowledgeError(f"{where}: {key!r} must be a non-empty string without surrounding spaces, got {value!r}")
    return value


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise KnowledgeError(f"{where}: {key!r} must be a list, got {type(value).__name__}")
    return tuple(dict.fromkeys(_required_text(v, where, key) for v in value))


def _names(value: Any, where: str, key: str) -> Names:
    if value is None:
        return Names()
    if not isinstance(value, dict) or set(value) - set(LANGS):
        raise KnowledgeError(f"{where}: {key!r} must map language codes ({', '.join(LANGS)}) to lists of strings")
    return Names(**{lang: _strings(value.get(lang), where, f"{key}.{lang}") for lang in LANGS})


def _check_iso2(code: Any, where: str, key: str) -> None:
    import pycountry  # only when the files are checked, not when the actors come from the cache

    valid = isinstance(code, str) and len(code) == 2 and code.isupper()
    if not valid or pycountry.countries.get(alpha_2=code) is None:
        raise KnowledgeError(f"{where}: {key} {code!r} is not an ISO 3166 alpha-2 country code")


def _check_links(actors: Mapping[str, Actor], path: str) -> None:
    qids: dict[str, str] = {}
    for a in actors.values():
        where = f"{path} (id {a.id!r})"
        if a.parent is not None and a.parent not in actors:
            raise KnowledgeError(f"{where}: parent {a.parent!r} is not an actor id; fix it or add that actor")
        seen = {a.id}
        up = a.parent
        while up is not None:
            if up in seen:
                raise KnowledgeError(f"{where}: parent chain loops back to {up!r}")
            seen.add(up)
            up = actors[up].parent
        if a.wikidata is not None:
            if a.wikidata in qids:
                raise KnowledgeError(f"{where}: wikidata {a.wikidata} is also given to {qids[a.wikidata]!r}")
            qids[a.wikidata] = a.id


def _check_shared_forms(
    actors: Mapping[str, Actor], allowed: Mapping[str, tuple[str, ...]], path: str, amb_path: str
) -> None:
    """Every form shared by several actors must be listed, with exactly those actors, in actor_ambiguous.yaml."""
    owners: dict[str, set[str]] = {}
    for a in actors.values():
        for form in _all_forms(a):
            owners.setdefault(normalize(form), set()).add(a.id)
        for form in a.abbreviations:
            owners.setdefault("abbr:" + normalize(form, casefold=False), set()).add(a.id)
    for key, ids in allowed.items():
        label = key.removeprefix("abbr:")
        unknown = [i for i in ids if i not in actors]
        if unknown:
            raise KnowledgeError(f"{amb_path}: {label!r} lists unknown actor id(s) {unknown}")
        if owners.get(key, set()) != set(ids):
            raise KnowledgeError(
                f"{amb_path}: {label!r} is listed for {sorted(ids)} but {path} gives it to "
                f"{sorted(owners.get(key, set()))}; make the two files agree"
            )
    for key, owner_ids in owners.items():
        if len(owner_ids) > 1 and key not in allowed:
            raise KnowledgeError(
                f"{path}: the form {key.removeprefix('abbr:')!r} is given to {sorted(owner_ids)}; keep it on one actor "
                f"or list it in {amb_path}"
            )


def _all_forms(a: Actor) -> Iterable[str]:
    yield a.name
    if a.name_ru:
        yield a.name_ru
    yield from a.aliases.all()
    yield from a.descriptions.all()
    yield from a.members.all()
