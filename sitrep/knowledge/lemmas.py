"""English lemma tables that repair the trained lemmatizer's misses.

The lemmatizer in ``models/en_sitrep`` is learned (edit trees) and right for about 95% of verbs on UD English EWT
test; its misses are often not words at all ("pledging" -> "pledg", "imposed" -> "impos", "bombed" -> "bombe"), and
every lexicon keyed by lemma then misses the word. ``lemmas_en.json.gz`` (``scripts/build_lemmas.py``, from
WordNet 3.0 by way of spaCy's lookup tables) holds the known lemmas by part of speech, irregular forms and suffix
rules: a lemma that is no known word of its part of speech is replaced by the first known one the rules give.

    english().repair("imposed", "impos", "VERB")    -> "impose"
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache

from sitrep.errors import KnowledgeError
from sitrep.knowledge.files import data_path


@dataclass(frozen=True)
class Lemmas:
    known: dict[str, frozenset[str]]  # universal POS (lower case) -> the lemmas of that part of speech
    irregular: dict[str, dict[str, list[str]]]
    rules: dict[str, list[tuple[str, str]]]

    def is_known(self, word: str) -> bool:
        """Whether ``word`` (any case) is a lemma of WordNet, of any part of speech: "chevron", "independence"."""
        w = word.lower()
        return any(w in known for known in self.known.values())

    def repair(self, word: str, lemma: str, pos: str) -> str:
        """``lemma`` when it is a known word of ``pos`` (or ``pos`` is not a content word), else the known lemma
        that the irregular forms or the suffix rules give for ``word``, else ``lemma`` as it was."""
        p = pos.lower()
        known = self.known.get(p)
        if known is None or lemma.lower() in known:
            return lemma
        w = word.lower()
        for form in self.irregular[p].get(w, ()):
            return form
        for old, new in self.rules[p]:
            if w.endswith(old) and (form := w[: len(w) - len(old)] + new) in known:
                return form
        return w if w in known else lemma


@cache
def english() -> Lemmas:
    """The English tables; KnowledgeError naming the file when it is missing or broken."""
    path = data_path("lemmas_en.json.gz")
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
        return Lemmas(
            known={p: frozenset(ws) for p, ws in data["index"].items()},
            irregular=data["exc"],
            rules={p: [(a, b) for a, b in rs] for p, rs in data["rules"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KnowledgeError(f"{path}: the English lemma tables cannot be read ({exc}); reinstall sitrep") from exc
