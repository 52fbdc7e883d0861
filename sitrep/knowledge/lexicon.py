"""Phrase matching over words: the one mechanism that finds lexicon entries (actor names, cue phrases) in text.

A phrase is a sequence of words; in the text, its words may be separated by spaces, hyphens, dashes,
apostrophes or dots on one line ("Islamic State-Khorasan Province" = "Islamic State – Khorasan Province").
Matching is case-insensitive unless the matcher is built case-sensitive (abbreviations: "IS" is not "is").
For Russian, words are compared by a light stem so that inflected forms match ("Пакистана", "Пакистаном").
The longest match wins; matches do not overlap.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Generic, TypeVar

from .files import load_yaml

V = TypeVar("V", bound=Hashable)

WORD = re.compile(r"\w+", re.UNICODE)
# what may separate the words of one phrase in the text: spaces, a hyphen or dash (with spaces around it), an
# apostrophe, or a dot inside an abbreviation ("U.S.")
GAP = re.compile(r"[ \t]{0,2}[\-‐‑‒–—'’]?[ \t]{0,2}|\.")
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


@dataclass(frozen=True)
class Match(Generic[V]):
    start: int
    end: int
    text: str
    values: tuple[V, ...]


@cache
def _ru_suffixes() -> tuple[str, ...]:
    data = load_yaml("lexicon_ru.yaml")
    return tuple(sorted(data["suffixes"], key=len, reverse=True))


@lru_cache(maxsize=1 << 16)  # the same words come back in every document and every matcher
def ru_stem(word: str) -> str:
    """A light Russian stem: the word lower-cased without its inflectional ending (keeping at least 3 letters)."""
    w = word.lower().replace("ё", "е")
    if not CYRILLIC.search(w):
        return w
    for suffix in _ru_suffixes():
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


@lru_cache(maxsize=1 << 16)
def en_singular(word: str) -> str:
    """Lower-case, without a plural -s ("attacks" -> "attack"; "press", "bus", "news" stay)."""
    w = word.lower()
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ews")):
        return w[:-3] + "y" if w.endswith("ies") else w[:-1]
    return w


def _as_written(word: str) -> str:
    return word


def normaliser(lang: str, case_sensitive: bool = False, plurals: bool = False) -> Callable[[str], str]:
    """How words are compared: as written, by Russian stem, or lower-cased (and, for word lexicons, in the
    singular — never for names: "Hama" is not "Hamas")."""
    if case_sensitive:
        return _as_written
    if lang == "ru":
        return ru_stem
    return en_singular if plurals else str.lower


Words = tuple[tuple[int, int, str], ...]
CACHED_CHARS = 20_000  # a text read by many matchers is split into words once (a longer one every time: memory)


def _scan(text: str, start: int, stop: int, norm: Callable[[str], str]) -> Words:
    return tuple((m.start(), m.end(), norm(m.group())) for m in WORD.finditer(text, start, stop))


@lru_cache(maxsize=8)
def _split(text: str, start: int, stop: int) -> Words:
    """The words of text[start:stop] as written: one regex scan for the matchers of every normaliser."""
    return tuple((m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, stop))


@lru_cache(maxsize=8)
def _words(text: str, start: int, stop: int, norm: Callable[[str], str]) -> Words:
    words = _split(text, start, stop)
    return words if norm is _as_written else tuple((s, e, norm(w)) for s, e, w in words)


class PhraseMatcher(Generic[V]):
    """Find phrases in text. ``add(phrase, value)``; ``find(text)`` gives non-overlapping longest matches."""

    def __init__(self, lang: str = "en", case_sensitive: bool = False, plurals: bool = False):
        self.lang = lang
        self.case_sensitive = case_sensitive
        self._norm = normaliser(lang, case_sensitive, plurals)
        self._index: dict[str, list[tuple[tuple[str, ...], set[V]]]] = defaultdict(list)
        self._phrases: dict[tuple[str, ...], set[V]] = {}

    def add(self, phrase: str, value: V) -> None:
        words = tuple(self._norm(w) for w in WORD.findall(phrase))
        if not words:
            return
        if words not in self._phrases:
            self._phrases[words] = set()
            bucket = self._index[words[0]]
            bucket.append((words, self._phrases[words]))
            bucket.sort(key=lambda item: len(item[0]), reverse=True)
        self._phrases[words].add(value)

    def add_all(self, pairs: Iterable[tuple[str, V]]) -> PhraseMatcher[V]:
        for phrase, value in pairs:
            self.add(phrase, value)
        return self

    def __len__(self) -> int:
        return len(self._phrases)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Match[V]]:
        stop = len(text) if end is None else end
        words = (
            _words(text, start, stop, self._norm)
            if stop - start <= CACHED_CHARS
            else _scan(text, start, stop, self._norm)
        )
        found: list[Match[V]] = []
        i = 0
        while i < len(words):
            hit = self._match_at(text, words, i)
            if hit is None:
                i += 1
                continue
            n, values = hit
            s, e = words[i][0], words[i + n - 1][1]
            found.append(Match(s, e, text[s:e], tuple(sorted(values, key=str))))
            i += n
        return found

    def _match_at(self, text: str, words: Words, i: int) -> tuple[int, set[V]] | None:
        for phrase, values in self._index.get(words[i][2], ()):
            n = len(phrase)
            if i + n > len(words):
                continue
            ok = True
            for k in range(1, n):
                prev_end, (s, _, w) = words[i + k - 1][1], words[i + k]
                if w != phrase[k] or not GAP.fullmatch(text, prev_end, s):
                    ok = False
                    break
            if ok:
                return n, values
        return None
