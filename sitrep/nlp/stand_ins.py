"""Verbs the English tagger reads as nouns ("Gunmen shot and killed a soldier"), parsed again as verbs.

Where a word of ``stand_ins_en.yaml`` came out as a noun in a verb's context (no determiner or modifier of its own;
a form of "be" before it, or a subject before it and a verb's word or an object's first word after it), the
paragraph is parsed again with a stand-in verb of the same length in its place, so every offset holds; the
stand-in's tags and arcs are kept and the word keeps its own text, with its verb's lemma.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sitrep.knowledge.files import load_yaml


@cache
def _table() -> dict[str, Any]:
    data = load_yaml("stand_ins_en.yaml")
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in data.items()}


def parse(nlp: Any, texts: list[str]) -> list[tuple[Any, dict[int, tuple[str, str]] | None]]:
    """Each text's spaCy Doc and what its tokens take back (:func:`restore`; None when nothing was parsed again).
    The texts with a misread word are parsed again all together, in one batch."""
    sdocs = list(nlp.pipe(texts, batch_size=max(len(texts), 1)))
    kept: list[dict[int, tuple[str, str]] | None] = [None] * len(sdocs)
    todo = {k: found for k, sdoc in enumerate(sdocs) if (found := misread(sdoc))}
    again = nlp.pipe([stand_in_text(sdocs[k], found) for k, found in todo.items()], batch_size=max(len(todo), 1))
    for (k, found), redone in zip(todo.items(), again, strict=True):
        if (own := restore(sdocs[k], redone, found)) is not None:
            sdocs[k], kept[k] = redone, own
    return list(zip(sdocs, kept, strict=True))


def misread(sdoc: Any) -> dict[int, dict[str, str]]:
    """The tokens of ``sdoc`` (a spaCy Doc) to parse again: token index -> its stand-in and lemma."""
    t = _table()
    out: dict[int, dict[str, str]] = {}
    for tok in sdoc:
        entry = t["words"].get(tok.lower_)
        if entry is None or not tok.tag_.startswith("NN") or tok.i == 0 or tok.i + 1 >= len(sdoc):
            continue
        prev, after = sdoc[tok.i - 1], sdoc[tok.i + 1]  # "two unidentified assailants shot": the marks before it
        plural = prev.tag_ in ("NNS", "NNPS") or (prev.pos_ == "NOUN" and "Plur" in prev.morph.get("Number"))
        # "an unidentified gunman shot a former militant": a person noun before it and an object's first word after
        person = prev.lower_ in t["subject_nouns"] and after.tag_ in t["object_tags"]
        if any(c.dep_ in t["noun_marks"] and not (person or (plural and c.i < tok.i)) for c in tok.children):
            continue  # "a warning shot", "the first shot": the marks are its own, not the subject's
        verb_after = after.lower_ in t["after_words"] or after.tag_ in t["after_tags"]
        if prev.lower_ in t["after_be"]:
            out[tok.i] = {"stand_in": entry["passive"], "lemma": entry["lemma"]}
        elif (prev.tag_ in t["before_tags"] or plural) and verb_after:
            out[tok.i] = {"stand_in": entry["active"], "lemma": entry["lemma"]}
    return out


def stand_in_text(sdoc: Any, found: dict[int, dict[str, str]]) -> str:
    """The paragraph's text with each misread word replaced by its stand-in (same length, same case)."""
    text, pieces, at = sdoc.text, [], 0
    for i, entry in sorted(found.items()):  # one pass: pieces joined once, whatever the number of words
        tok = sdoc[i]
        word = entry["stand_in"]
        pieces += [text[at : tok.idx], word.capitalize() if tok.text[:1].isupper() else word]
        at = tok.idx + len(tok.text)
    return "".join([*pieces, text[at:]])


def restore(sdoc: Any, again: Any, found: dict[int, dict[str, str]]) -> dict[int, tuple[str, str]] | None:
    """What the second parse's tokens take back: token index -> (own text, lemma); None when the second parse
    split the paragraph into other tokens (then the first parse stands)."""
    if len(again) != len(sdoc) or any(a.idx != b.idx or len(a) != len(b) for a, b in zip(sdoc, again, strict=True)):
        return None
    return {i: (sdoc[i].text, entry["lemma"]) for i, entry in found.items()}

