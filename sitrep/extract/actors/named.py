"""Groups that introduce their own name: "a group calling itself the Labor Association claimed ...", "the new group,
Fighting Guerrillas of May", "A little-known group, al-Madina, claimed responsibility".

A name right after a group noun (``self_named.nouns``), joined by a comma (an apposition) or a naming phrase
(``self_named.naming``: "calling itself", "known as"), names that group, whatever the tagger or the gazetteer made
of its words ("al-Madina" is no city here). Capitalised words, with the small words names carry between them ("of",
"for", "al-"), make the name. In the reporting sitrep reads such a group is an armed one, unless a word before the
noun makes it a civil one ("a rights group, X": ``civil_words``) and neither its name (``org_cues``) nor a claim of
responsibility in its sentence says otherwise. Such candidates win over a place of the same words.
"""

from __future__ import annotations

import re
from functools import cache

from sitrep.extract.context import Context
from sitrep.keys import fold

_CAP = r"(?:(?:al|el|an|ad|as|at|ash|ar)[-‐])?[A-ZА-ЯЁ0-9][\w’'‐\-]*"  # a capitalised word, "al-Madina", "17"


@cache
def _pattern(nouns: tuple[str, ...], naming: tuple[str, ...], small: tuple[str, ...]) -> re.Pattern[str]:
    noun = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    name_by = "|".join(re.escape(n) for n in sorted(naming, key=len, reverse=True))
    joint = "|".join(re.escape(w) for w in small)
    name = rf"{_CAP}(?:\s+(?:(?:{joint})\s+)*{_CAP})*"
    # the group noun and the naming words in any case, the name capitalised
    return re.compile(rf"(?i:\b(?:{noun})\b(?:\s*,\s*|\s+(?:{name_by})\s*,?\s*)(?:the\s+)?)[\"“'«]?(?P<name>{name})")


def find(ctx: Context, end: int) -> list[tuple[int, int, str, str]]:
    """(start, end, name, type) of each group that names itself in the text before ``end``."""
    text, lex = ctx.doc.text, ctx.lex
    claim_words = frozenset(lex.events.get("perpetrator_cues", {}).get("claim", ()))
    data = lex.actors.get("self_named")
    if not data:
        return []
    pattern = _pattern(tuple(data["nouns"]), tuple(data["naming"]), tuple(data["small_words"]))
    cues = {w for w in lex.actors["org_cues"]["armed_group"]}
    civil_words = frozenset(data.get("civil_words", ()))
    out = []
    for m in pattern.finditer(text, 0, end):
        name = m.group("name").rstrip(".-‐")
        start = m.start("name")
        if len(name) < 3 or fold(name) in data.get("not_names", ()):
            continue
        s = ctx.sentence_at(start)  # the claim of responsibility is looked for in the name's sentence
        sentence = ctx.sentence_span(s).text if s is not None else text[m.start() : end]
        words = re.findall(r"\w+", sentence.lower())
        claimed = any(w.startswith(c) for w in words for c in claim_words)  # "claimed responsibility"
        before = set(re.findall(r"\w+", text[max(0, m.start() - 40) : m.start()].lower())[-3:])
        civil = bool(before & civil_words) and not set(re.findall(r"\w+", name.lower())) & cues
        out.append((start, start + len(name), name, "organization" if civil and not claimed else "armed_group"))
    return out
