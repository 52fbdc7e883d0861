"""language: tell the language of a document (ISO 639-1) from its script, frequent words and letters.

Profiles live in ``data/language_profiles.yaml``.  The letters of the text are counted by script; the dominant
script decides when only one profiled language uses it (Chinese, Korean, Greek ...).  Otherwise the languages of
that script are scored: 2 points for each of their frequent words, 1 for each of their typical letters, -3 for
each letter they do not use, minus the shortfall of typical letters (Ukrainian without і, ї, є) and, for English
and Russian, 0.5 for each word of sitrep's word lists.  Deterministic, no model.  A trailing attribution line
(``doc.layers.body_end``) is left out, so an English article ending with "Source: Институт Ближнего Востока"
stays English.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from sitrep.knowledge.files import load_yaml
from sitrep.knowledge.words import is_word
from sitrep.model import Document
from sitrep.pipeline import stage

UNSURE = 0.5  # below this confidence the stage warns
SAMPLE = 20_000  # characters looked at; enough for any language, keeps long documents fast

_TOKEN = re.compile(r"[^\W\d_]+")
# addresses and e-mails tried only from the start of a token (inside one, a 50,000-letter word cost its square)
_NOT_WORDS = re.compile(
    r"(?<!\S)\S+@\S+|(?:https?://|www\.)\S+|(?<!\S)\S+\.(?:com|org|net|gov|edu|info|io)\b\S*", re.IGNORECASE
)


@stage("language", needs=("text",), adds=("language",))
def language(doc: Document) -> Document:
    """Set ``doc.language`` unless the caller set it; warn when unsure or when the language is not analysed."""
    profiles = _profiles()
    if doc.language:
        doc.language = doc.language.strip().lower()
    else:
        body = doc.text[: doc.layers.body_end] if doc.layers.body_end is not None else doc.text
        code, confidence = detect(body)
        doc.language = code
        if confidence < UNSURE:
            name = profiles.names.get(code, code)
            why = "no letters to go by" if confidence == 0 else f"confidence {confidence:.2f}"
            doc.warnings.append(
                f"language: not sure the text is {name} ({why}); set the language (--lang) if this is wrong"
            )
    if doc.language not in profiles.analysed:
        name = profiles.names.get(doc.language, doc.language)
        doc.warnings.append(
            f"language: the text is in {name} ({doc.language}); only English and Russian are analysed, "
            "so little will be found"
        )
    return doc


def detect(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of the language of ``text`` and a confidence in [0, 1] (``("en", 0.0)`` without letters)."""
    profiles = _profiles()
    sample = text[:SAMPLE]
    counts = _script_counts(sample, profiles)
    letters = sum(counts.values())
    if not letters:
        return profiles.fallback, 0.0
    script = max(counts, key=lambda s: (counts[s], s))
    for minor, over, share in profiles.overrides:
        if script == over and counts.get(minor, 0) >= share * counts[over]:
            script = minor
    script_share = counts[script] / letters if script in counts else 1.0
    candidates = [p for p in profiles.languages if p.script == script]
    if not candidates:
        return profiles.fallback, 0.0
    if len(candidates) == 1:
        return candidates[0].code, round(script_share * min(1.0, 0.5 + counts[script] / 40), 3)
    scores = _scores(sample, candidates, counts[script])
    ranked = sorted(candidates, key=lambda p: (-scores[p.code], not p.default, p.code))
    best = ranked[0]
    top, second = scores[best.code], max(0.0, scores[ranked[1].code])
    if top <= 0:
        default = next((p for p in candidates if p.default), best)
        return default.code, round(0.3 * script_share, 3)
    margin = top / (top + second)
    evidence = 0.5 + 0.5 * min(1.0, top / 6)
    return best.code, round(script_share * margin * evidence, 3)


def _scores(text: str, candidates: list[_Profile], script_letters: int) -> dict[str, float]:
    text = _NOT_WORDS.sub(" ", text)
    tokens = [t.lower() for t in _TOKEN.findall(text) if len(t) > 1 or t.islower()]  # "E17", "Mark E Smith"
    lowered = text.lower()
    scores: dict[str, float] = {}
    for p in candidates:
        score = 2.0 * sum(1 for t in tokens if t in p.stopwords)
        found = sum(lowered.count(c) for c in p.letters)
        score += found
        score -= 3.0 * sum(lowered.count(c) for c in p.foreign)
        if p.letter_rate:
            score -= max(0.0, p.letter_rate * script_letters - found)
        if p.wordlist:
            score += 0.5 * sum(1 for t in tokens if len(t) > 2 and t not in p.stopwords and is_word(t, p.code))
        scores[p.code] = score
    return scores


def _script_counts(text: str, profiles: _Profiles) -> dict[str, int]:
    counts: dict[str, int] = {}
    starts, ends, names = profiles.ranges
    for ch, n in Counter(text).items():  # each distinct character looked up once, not each occurrence
        if not ch.isalpha():
            continue
        i = bisect.bisect_right(starts, ord(ch)) - 1
        if i >= 0 and ord(ch) <= ends[i]:
            counts[names[i]] = counts.get(names[i], 0) + n
    return counts


@dataclass(frozen=True)
class _Profile:
    code: str
    name: str
    script: str
    default: bool
    analysed: bool
    wordlist: bool
    stopwords: frozenset[str]
    letters: str
    foreign: str
    letter_rate: float


@dataclass(frozen=True)
class _Profiles:
    languages: tuple[_Profile, ...]
    ranges: tuple[list[int], list[int], list[str]]  # sorted starts, ends, script names
    overrides: tuple[tuple[str, str, float], ...]
    names: dict[str, str]
    analysed: frozenset[str]
    fallback: str


@cache
def _profiles() -> _Profiles:
    data: dict[str, Any] = load_yaml("language_profiles.yaml")
    spans: list[tuple[int, int, str]] = []
    for script, items in data["scripts"].items():
        for item in items:
            first, _, last = str(item).partition("-")
            spans.append((int(first, 16), int(last or first, 16), script))
    spans.sort()
    languages = tuple(
        _Profile(
            code=code,
            name=p["name"],
            script=p["script"],
            default=bool(p.get("default", False)),
            analysed=bool(p.get("analysed", False)),
            wordlist=bool(p.get("wordlist", False)),
            stopwords=frozenset(str(w).lower() for w in p.get("stopwords", [])),
            letters=p.get("letters", ""),
            foreign=p.get("foreign", ""),
            letter_rate=float(p.get("letter_rate", 0.0)),
        )
        for code, p in data["languages"].items()
    )
    return _Profiles(
        languages=languages,
        ranges=([s[0] for s in spans], [s[1] for s in spans], [s[2] for s in spans]),
        overrides=tuple((o["script"], o["over"], float(o["share"])) for o in data.get("script_overrides", [])),
        names={p.code: p.name for p in languages},
        analysed=frozenset(p.code for p in languages if p.analysed),
        fallback=next(p.code for p in languages if p.default and p.analysed),
    )
