"""The extraction lexicons of one language, in one object: what the stages look words up in.

    lex = lexicons("ru")
    lex.events["casualties"]       # events_ru.yaml, as parsed
    lex.cases["agent"]             # case markers by role, as frozensets
    lex.stance["speech.verbs"]     # stance_ru.yaml, flattened to "group.key" -> frozenset of lower-case words

The files are ``data/events_<lang>.yaml`` (triggers, casualty words, case markers), ``stance_<lang>.yaml``
(hedges, negation, verbs of saying), ``facts_<lang>.yaml`` (relation cues, sizes, trends, routes) and
``actor_patterns_<lang>.yaml`` (institutions, generic participants, anaphora); a language without files of its
own reads the English ones.  Each part is read on first use and kept: a stage asks for ``lexicons(lang)`` once
per document and passes it down, instead of every helper loading its own piece.
"""

from __future__ import annotations

from functools import cache, cached_property
from typing import Any

from sitrep.knowledge.files import load_yaml
from sitrep.knowledge.lexicon import PhraseMatcher

LANGS = ("en", "ru")
PERSON_UNITS_EXTRA = frozenset(
    {
        "people", "persons", "person", "others", "other", "more", "individuals", "members", "suspects", "bodies",
        "minority", "minorities", "community", "communities", "tribe", "tribes", "tribesmen", "clan",
    }
)  # fmt: skip


class Lexicons:
    """The lexicons of ``lang`` (see the module docstring); get it with :func:`lexicons`."""

    def __init__(self, lang: str):
        self.lang = lang
        self.files = lang if lang in LANGS else "en"

    def _load(self, kind: str) -> Any:
        return load_yaml(f"{kind}_{self.files}.yaml")

    # -- events_<lang>.yaml -----------------------------------------------------------------------------------
    @cached_property
    def events(self) -> dict[str, Any]:
        return self._load("events")

    @cached_property
    def cases(self) -> dict[str, frozenset[str]]:
        """Case markers (prepositions) by role: "locative", "agent", "target", "of", ... ("" = no preposition)."""
        return {k: frozenset(v) for k, v in self.events["cases"].items()}

    @cached_property
    def casualty_words(self) -> frozenset[str]:
        """Every casualty word ("killed", "wounded", "arrested", ...), whatever count it gives."""
        return frozenset(w for ws in self.events["casualties"].values() for w in ws)

    # -- stance_<lang>.yaml -----------------------------------------------------------------------------------
    @cached_property
    def stance_data(self) -> dict[str, Any]:
        return self._load("stance")

    @cached_property
    def stance(self) -> dict[str, frozenset[str]]:
        """The stance cues flattened: "speech.verbs", "hedged.adverbs", ... -> lower-case words."""
        out: dict[str, frozenset[str]] = {}
        for group, entries in self.stance_data.items():
            for key, words in entries.items():
                out[f"{group}.{key}"] = frozenset(str(w).lower() for w in words)
        return out

    @cached_property
    def sources(self) -> PhraseMatcher[str]:
        """Unnamed sources ("experts", "some media sources") -> the type of the entity they make."""
        return _category_matcher(self.stance_data["anonymous_sources"], self.lang)

    # -- facts_<lang>.yaml ------------------------------------------------------------------------------------
    @cached_property
    def facts(self) -> dict[str, Any]:
        return self._load("facts")

    # -- actor_patterns_<lang>.yaml ---------------------------------------------------------------------------
    @cached_property
    def actors(self) -> dict[str, Any]:
        return self._load("actor_patterns")

    @cached_property
    def generic(self) -> PhraseMatcher[str]:
        """Generic participants ("gunmen", "five policemen", "civilians") -> their category."""
        return _category_matcher(self.actors["generic"], self.lang)

    @cached_property
    def generic_nouns(self) -> frozenset[str]:
        """Every word of the generic participant nouns ("policemen", "civilians", "gunmen", ...)."""
        spec = self.actors["generic"]
        return frozenset(w for words in spec.values() for phrase in words for w in str(phrase).lower().split())

    @cached_property
    def person_units(self) -> frozenset[str]:
        """Nouns that count people: the generic participant nouns and a few more ("people", "others")."""
        return self.generic_nouns | PERSON_UNITS_EXTRA


@cache
def lexicons(lang: str) -> Lexicons:
    """The lexicons of ``lang`` (cached: one object per language)."""
    return Lexicons(lang)


def _category_matcher(spec: dict[str, list[str]], lang: str) -> PhraseMatcher[str]:
    m: PhraseMatcher[str] = PhraseMatcher(lang)
    for category, words in spec.items():
        for w in words:
            m.add(w, category)
    return m
