"""Word lists: which forms are ordinary words of a language and which are (parts of) names.

``words_<lang>.txt.gz`` holds lower-case word forms seen outside names, ``words_<lang>_names.txt.gz`` forms seen
as (part of) a name and not as words (both built by ``scripts/build_wordlist.py``; see ``data/WORDLISTS.md``);
``clean_words.yaml`` adds short words, words to accept always and fragments never to accept.  ``clean`` repairs
broken words with them, ``language`` counts words of a language, ``places`` and ``actors`` tell a common word
("Film") from a name ("Hersh").  Loaded on first use, cached.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache

from sitrep.errors import KnowledgeError
from sitrep.knowledge.files import data_path, load_yaml


@dataclass(frozen=True)
class Vocabulary:
    words: frozenset[str]
    names: frozenset[str]
    short: frozenset[str]  # short words that are words ("a", "in"): never joined to a neighbour
    always: frozenset[str]  # forms that count as words whatever the lists say
    never: frozenset[str]  # fragments that are never words on their own


@cache
def vocabulary(lang: str) -> Vocabulary:
    """The word lists of ``lang`` ("en" or "ru"); KnowledgeError naming the file when one is missing or broken."""
    hand = load_yaml("clean_words.yaml").get(lang, {})
    return Vocabulary(
        words=_wordlist(f"words_{lang}.txt.gz"),
        names=_wordlist(f"words_{lang}_names.txt.gz"),
        short=frozenset(hand.get("short_words", [])),
        always=frozenset(hand.get("always_words", [])),
        never=frozenset(hand.get("never_words", [])),
    )


@cache  # asked for every document: the package's files do not change while it runs
def common_words(lang: str) -> frozenset[str]:
    """The ordinary lower-case words of ``lang``; empty for a language without word lists."""
    return vocabulary(lang).words if data_path(f"words_{lang}.txt.gz").is_file() else frozenset()


def is_word(form: str, lang: str) -> bool:
    """True when ``form`` (as written) counts as a word on its own in ``lang`` ("en" or "ru")."""
    voc = vocabulary(lang)
    low = form.lower()
    if low in voc.never:
        return False
    if low in voc.short or low in voc.always:
        return True
    if len(low) <= 2:
        return False
    return low in voc.words or (form[:1].isupper() and low in voc.names)


def is_name(form: str, lang: str) -> bool:
    """True when ``form`` is known as (part of) a name in ``lang`` (the names word list)."""
    return form.lower() in vocabulary(lang).names


@cache
def _wordlist(name: str) -> frozenset[str]:
    path = data_path(name)
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return frozenset(line.strip() for line in fh if line.strip())
    except FileNotFoundError as exc:
        raise KnowledgeError(f"word list {path} is missing; rebuild it with scripts/build_wordlist.py") from exc
    except (OSError, EOFError) as exc:
        raise KnowledgeError(f"word list {path} is damaged ({exc}); rebuild it with scripts/build_wordlist.py") from exc
