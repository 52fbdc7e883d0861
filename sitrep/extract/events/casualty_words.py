"""Casualty words and what word order tells about victims where the parse does not: the casualty phrases
("shot dead", "shot a woman to death"), a shooting or stabbing that wounded, people killed "along with" the
victims, and one victim told by a singular "was" or an article ("was later shot dead", "shot dead a civilian")."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import cache

from sitrep.extract.context import Context, last_words
from sitrep.knowledge.languages import lexicons
from sitrep.model import Count, TextSpan

Read = tuple[int, int, str | None]  # a word's place in its sentence, its token, the casualty kind it starts

COUNTS = frozenset({"count", "range"})  # number labels that can count people
NAME_BEFORE = re.compile(r"\b[A-Z][\w'-]*$")  # a capitalised word just before an offset

NOBODY = frozenset({"nobody", "none", "noone", "no-one", "никто"})  # "nobody was hurt"


def phrases(casualties: dict[str, list[str]]) -> dict[str, list[tuple[list[str], str]]]:
    """The casualty words and phrases by their first word, longest first: "shot" -> [(["shot", "to", "death"],
    "fatalities"), (["shot", "dead"], "fatalities")]."""
    out: dict[str, list[tuple[list[str], str]]] = defaultdict(list)
    for kind, ws in casualties.items():
        for w in ws:
            words = w.lower().split()
            out[words[0]].append((words, kind))
    for options in out.values():
        options.sort(key=lambda x: -len(x[0]))
    return out


def casualty_phrases(lang: str) -> dict[str, list[tuple[list[str], str]]]:
    """``phrases`` of the language's casualty words (``events_<lang>.yaml casualties``), built once per language."""
    return _casualty_phrases(lang)


@cache
def _casualty_phrases(lang: str) -> dict[str, list[tuple[list[str], str]]]:
    return dict(phrases(lexicons(lang).events["casualties"]))


def phrase_at(parse, tokens: Sequence[int], phrases: dict[str, list[tuple[list[str], str]]]) -> str | None:
    """The kind of the casualty word or phrase starting at ``tokens[0]`` (hyphens inside a phrase skipped:
    "shot-to-death"), None when there is none."""
    found = match_at(parse, tokens, phrases)
    return found[0] if found else None


def reading(parse, tokens: Sequence[int], phrases: dict[str, list[tuple[list[str], str]]]) -> Iterator[Read]:
    """Each word of a sentence (its place in ``tokens``, its token) with the kind of the casualty word or phrase it
    starts (None when none), leaving out a word inside a phrase of another kind read at an earlier word: "injured"
    in "fatally injured" is no injury ("seriously injured" still is)."""
    inside, over = 0, None  # the words left of the phrase read last, and its kind
    for at, k in enumerate(tokens):
        hit = match_at(parse, tokens[at:], phrases)
        if inside:
            inside -= 1
            if over != (hit[0] if hit else over):
                continue
        elif hit:
            inside, over = hit[1] - 1, hit[0]
        yield at, k, (hit[0] if hit else None)


def match_at(parse, tokens: Sequence[int], phrases: dict[str, list[tuple[list[str], str]]]) -> tuple[str, int] | None:
    """``phrase_at``'s kind and how many of the words from ``tokens[0]`` on the phrase takes (1 when its victim
    stands between its words: "shot him dead"), so that a word inside it is not read again: in "fatally injured"
    the "injured" is no injury."""
    first = parse.tokens[tokens[0]].text.lower()
    options = phrases.get(first)
    if not options:
        return None
    following = [w for w in (parse.tokens[k].text.lower() for k in tokens[1:8]) if w not in ("-", "‐")]
    for words, kind in options:
        if following[: len(words) - 1] == words[1:]:
            return kind, len(words)
    for words, kind in options:  # "shot a Guzarbal woman to death", "shot him dead": the victim between the verb
        tail = words[1:]  # and its manner
        if ((len(tail) == 2 and tail[0] == "to") or tail == ["dead"]) and parse.tokens[tokens[0]].pos == "VERB":
            for i in range(1, min(6, len(following) - len(tail) + 1)):
                if following[i : i + len(tail)] == tail and not any(
                    parse.tokens[k].pos == "VERB" or parse.tokens[k].text in ",;" for k in tokens[1 : i + 1]
                ):
                    return kind, 1
    return None


def weak_injury(ctx: Context, tokens: Sequence[int], at: int, death_told: bool) -> str | None:
    """ "Gunmen shot Millar in the chest", "was stabbed outside his home": the victims of a shooting or stabbing
    are wounded when the document tells no death and the verb has a victim ("shot at" does not, nor "fatally
    shot", nor "shot 14 times")."""
    parse = ctx.parse
    k = tokens[at]
    if parse.tokens[k].pos != "VERB" or death_told:
        return None
    near = [parse.tokens[t].text.lower() for t in tokens[max(0, at - 1) : at + 4]]
    return None if set(near) & set(ctx.lex.events["weak_injuries_not_near"]) else "injuries"


def tells_death(ctx: Context, phrases: dict[str, list[tuple[list[str], str]]]) -> bool:
    """Does any sentence of the document tell a death?"""
    parse = ctx.parse
    every = range(len(parse.tokens))
    return any(phrase_at(parse, every[i:], phrases) == "fatalities" for i in every)


def companions(ctx: Context, around: list[int]) -> list[int]:
    """Heads of phrases killed "along with" the victims ("was shot dead along with a Ugandan colleague"), hung on
    the casualty word or on a victim's phrase."""
    parse = ctx.parse
    toks = parse.tokens
    out = []
    for c in (c for a in around for c in parse.children[a]):
        if not toks[c].dep.startswith(("obl", "nmod")):
            continue
        marks = [m for m in parse.children[c] if toks[m].dep == "case" and toks[m].text.lower() == "with" and m > 0]
        if marks and toks[marks[0] - 1].text.lower() in ctx.lex.events["companions"]:  # "along" may be a mark too
            out.append(c)
    return out


def body_found(ctx: Context, tokens: Sequence[int], at: int) -> bool:
    """Is the word at ``tokens[at]`` a body that was found ("His body was found", "police recovered a body",
    "Their bodies were dumped"; ``bodies`` in the lexicon): a death with no casualty word?"""
    lex = ctx.lex.events.get("bodies")
    toks = ctx.parse.tokens
    if not lex or toks[tokens[at]].text.lower() not in lex["nouns"]:
        return False
    near = {toks[tokens[i]].text.lower() for i in range(max(0, at - 3), min(len(tokens), at + 5)) if i != at}
    return bool(near & set(lex["found"]))


def bodies(ctx: Context, tokens: Sequence[int], at: int, numbers: list[TextSpan]) -> Count | None:
    """The dead told by a body found: the number before it ("all four bodies"), one for a singular body ("his
    body", "a bullet-riddled body"), else for "their bodies" the people last counted in the sentences before
    ("Three policemen were kidnapped ... Their bodies were found": three) or earlier in its own."""
    toks = ctx.parse.tokens
    tok = toks[tokens[at]]
    before = [n for n in numbers if n.end <= tok.start and len(ctx.doc.text[n.end : tok.start].split()) <= 1]
    if before and (best := getattr(before[-1].value, "best", None)) is not None:
        return Count(int(best), int(best), int(best), ctx.doc.text[before[-1].start : tok.end])
    if tok.tag in ("NN", "NNP"):
        return Count(1, 1, 1, tok.text)
    units = ctx.lex.person_units
    told = [
        n
        for s in range(tok.sent + 1)
        for n in ctx.numbers_in(s, COUNTS)
        if n.end <= tok.start
        and str(getattr(n.value, "unit", "") or "").lower() in units
        and getattr(n.value, "best", None) is not None
    ]
    if told:
        best = int(told[-1].value.best)
        return Count(best, best, best, told[-1].text)
    return None


def one_by_order(ctx: Context, tokens: Sequence[int], at: int) -> Count | None:
    """One victim read from word order where the parse gave none: "<someone> was (later / found) shot dead",
    "was ambushed by gunmen and assassinated" (a singular "was" governs the casualty participle), or an active
    casualty phrase right before a singular indefinite phrase ("shot dead a civilian")."""
    one = ctx.lex.events.get("single_victim")
    if not one:
        return None
    toks = ctx.parse.tokens

    def word(i: int) -> str:  # only the few words around the casualty word are read
        return toks[tokens[i]].text.lower()

    first = toks[tokens[at]]
    plural_before = (  # "a monument to Armenians killed"; not "one of the attackers wounded"
        at > 0
        and toks[tokens[at - 1]].tag in ("NNS", "NNPS")
        and "of" not in {word(i) for i in range(max(0, at - 3), at)}
    )
    if first.tag != "VBD" and not plural_before:  # a participle (or a weak tagger's noun): "was ... shot dead"
        for back in range(at - 1, max(-1, at - 10), -1):
            if word(back) in one["breaks"]:
                break
            if word(back) in one["aux"]:
                if back > 0 and word(back - 1) in one["not_subjects"]:
                    break
                return Count(1, 1, 1, ctx.doc.text[toks[tokens[back]].start : first.end])
    rest = [word(i) for i in range(at + 1, min(len(tokens), at + 8))]  # the phrase's end and its victim
    before = {word(i) for i in range(max(0, at - 3), at)}
    if (first.tag == "VBN" and before & set(one["passive_aux"])) or (rest[:1] and rest[0] in one["aux"]):
        return None
    fillers = set(one["fillers"])
    for i, w in enumerate(rest[:4]):  # the end of the casualty phrase, then "a/an <person>" or a person's name
        if w in one.get("alone", ()) and (i + 1 == len(rest) or rest[i + 1] in one["ends"]):
            return Count(1, 1, 1, w)  # "killing one and wounding another", "wounded one, and destroyed"
        verb = first.tag.startswith("VB") or (i > 0 and rest[i - 1] in fillers)  # not "a killing the next day"
        if w in one["articles"] or (w in one.get("singular_openers", ()) and i + 1 < len(rest) and verb):
            cut = next((j for j, x in enumerate(rest[i + 1 : i + 4]) if x in one["breaks"]), 3)
            phrase = [x for x in rest[i + 1 : i + 1 + cut] if x.isalpha()]
            span = [toks[tokens[j]] for j in range(at + 2 + i, min(len(tokens), at + 2 + i + cut))]
            if w not in one["articles"] and not (rest[i + 1] == "of" and w == "one") and _plural(span):
                return None  # "the driver", "one Turkish truck driver", "one of his aides"; not "the passengers"
            said = set(phrase) if w in one["articles"] else {_head(span)}  # "the truck driver" is a person
            if phrase and not said & set(one["not_people"]):
                return Count(1, 1, 1, " ".join(rest[i : i + 1 + cut]))
            return None
        modifier = at > 0 and word(at - 1) in one.get("modified", ())  # "tribute to murdered prefect X": an adjective
        if (i > 0 or w not in fillers) and not modifier and (person := _person_named(ctx, tokens, at + 1 + i)):
            return Count(1, 1, 1, person)
        if w not in ctx.lex.casualty_words and w not in fillers:
            return None
    return None


def _nouns(span: list) -> list:
    """The nouns of the phrase of these tokens, up to a preposition."""
    nouns = []
    for t in span:
        if t.tag in ("IN", "CC", ","):
            break
        if t.tag.startswith("NN"):
            nouns.append(t)
    return nouns


def _plural(span: list) -> bool:
    """Does the phrase of these tokens end in a plural noun (its last noun before a preposition)?"""
    nouns = _nouns(span)
    return not nouns or nouns[-1].tag in ("NNS", "NNPS")


def _head(span: list) -> str:
    """The last noun of the phrase of these tokens, lower-cased ("" when it has none)."""
    nouns = _nouns(span)
    return nouns[-1].text.lower() if nouns else ""


def _person_named(ctx: Context, tokens: Sequence[int], i: int) -> str | None:
    """The person named at ``tokens[i]`` or after the titles and proper nouns that open there ("Nepali Congress
    activist Min Thapa", "Mayor Lisimaco Machado Arce"): a victim with no number is one."""
    toks = ctx.parse.tokens
    for j in range(i, min(len(tokens), i + 6)):
        t = toks[tokens[j]]
        person = [e for _, _, e in ctx.index.starting_in(t.start, t.end) if e.type == "person"]
        if person:
            return str(person[0].name)
        if t.tag not in ("NNP", "NN") or (j > i and t.tag == "NN" and toks[tokens[j - 1]].tag != "NNP"):
            return None  # only a run of titles and names leads to the name
    return None


def age(ctx: Context, n: TextSpan) -> bool:
    """Is number ``n`` an age ("aged 16", "a 22-year-old woman")?"""
    ages = ctx.lex.events["ages"]
    before = " ".join(last_words(ctx.doc.text, n.start, 2))
    after = ctx.doc.text[n.end : n.end + 12].lower().lstrip()
    told_after = any(after.startswith(w.lstrip("-")) for w in ages["after"])
    text = ctx.doc.text
    named = text[max(0, n.start - 2) : n.start] == ", " and text[n.end : n.end + 1] == "," and n.text.isdigit()
    if named:  # "Agustin Mojica, 49, was shot": a figure set off by commas after a name
        named = bool(NAME_BEFORE.search(text, max(0, n.start - 40), n.start - 2))
    return told_after or named or any(before.endswith(w) for w in ages["before"])


def one_before(ctx: Context, tokens: Sequence[int], at: int) -> Count | None:
    """One victim told by a singular word before the casualty word: "two were killed and another wounded",
    "three policemen were killed and a fourth wounded", "one other was seriously injured"."""
    one = ctx.lex.events.get("single_victim") or {}
    if "another" not in one:
        return None  # a language whose lexicon tells none of these
    toks = ctx.parse.tokens
    back = at - 1
    while back >= 0 and toks[tokens[back]].text.lower() in one["between"]:
        back -= 1  # "another was seriously injured"
    if back < 0:
        return None
    w = toks[tokens[back]].text.lower()
    prev = toks[tokens[back - 1]].text.lower() if back > 0 else ""
    alone = w in one.get("alone", ()) and prev in ("and", ",")  # "two were killed and one injured"
    if w in one["another"] or (prev in one["one"] and w in one["others"]) or alone:
        first = toks[tokens[back - 1 if prev in one["one"] else back]]
        return Count(1, 1, 1, ctx.doc.text[first.start : toks[tokens[at]].end])
    return None


def added(ctx: Context, k: int, count: Count) -> bool:
    """Does the count of the casualty word at token ``k`` say it is more than one told before: «ещё двое»,
    "another three", "a further two", "also killed one" (``count_additives.before``, in the two words before the
    count) or "two more", "two civilians were also killed" (``count_additives.after``, right after it or after
    its "were")?"""
    words = ctx.lex.events["count_additives"]
    text, quote = ctx.doc.text, count.text
    if not quote:
        return False
    sent = ctx.sentences[ctx.parse.tokens[k].sent]
    at = _nearest(text, quote, sent.start, sent.end, ctx.parse.tokens[k].start)
    if at < 0:
        return False
    before = [w.strip(",;:").lower() for w in text[sent.start : at].split()[-2:]]
    quoted = quote.lower().split()
    after = [w.strip(".,;:").lower() for w in text[at + len(quote) : sent.end].split()[:2]]
    after = after if after[1:] and after[0] in ctx.lex.events["single_victim"]["passive_aux"] else after[:1]
    return bool(set(before) & set(words["before"]) or set(quoted[1:] + after) & set(words["after"]))


def _nearest(text: str, quote: str, start: int, end: int, to: int) -> int:
    """The start of the occurrence of ``quote`` in ``text[start:end]`` nearest offset ``to`` (-1: none)."""
    best, at = -1, text.find(quote, start, end)
    while at >= 0:
        if best < 0 or abs(at - to) < abs(best - to):
            best = at
        at = text.find(quote, at + 1, end)
    return best


def unrealised(ctx: Context, k: int, infinitive: bool = True) -> bool:
    """Did the casualty at ``k`` not happen: "he was not injured", "was nearly killed", "no one was hurt",
    "attempting to kill" (with ``infinitive``; not "believed to have killed")?"""
    parse = ctx.parse
    words = ctx.lex.events["unrealised"]
    if k > 0 and parse.tokens[k - 1].text.lower() in words["before"]:
        return True  # "caused no injuries", "no casualties were reported"
    perfect = any(parse.tokens[a].lemma.lower() == "have" for a in parse.kids(k, "aux")) or _done(ctx, k)
    for c in parse.children[k]:
        t = parse.tokens[c]
        if t.text.lower() in words["words"]:
            return True
        if infinitive and t.dep == "mark" and t.text.lower() in words["infinitive"] and not perfect:
            return True  # "attempting to kill", not "are believed to have murdered"
        nobody = t.text.lower() in NOBODY or any(
            parse.tokens[d].text.lower() in words["before"] for d in parse.kids(c, "det")
        )
        if t.dep.startswith("nsubj") and nobody:
            return True  # "no one was injured", "nobody died"
    return False


def not_its_own(ctx: Context, tokens: Sequence[int], at: int, infinitive: bool = True) -> bool:
    """Does the casualty word at ``tokens[at]`` tell no victims of the event it stands in: a casualty that did not
    happen (``unrealised``) or a deed the event answers (``motive``)?"""
    return unrealised(ctx, tokens[at], infinitive) or motive(ctx, tokens, at)


def motive(ctx: Context, tokens: Sequence[int], at: int) -> bool:
    """Is the casualty word at ``tokens[at]`` a deed the text answers or a charge names, not the event's own victims:
    "in retaliation for Israel's assassination of X", "to avenge the killing of a commander", "charged with the
    murder of", «в отместку за убийство»? A phrase of ``events_<lang>.yaml motive.phrases`` ends before it with
    only a noun phrase's words between (the casualty word a noun, or right after the phrase), or a list of nouns
    ("in retaliation for the arrest of one member, X, and the assassination of another"); or it hangs, through
    nouns, on a word of ``motive.heads`` ("convicted six men of the murder of a prefect")."""
    phrases, heads = _motive(ctx.lang)
    if not phrases and not heads:
        return False
    toks = ctx.parse.tokens
    before = [toks[k].text.lower() for k in tokens[max(0, at - MOTIVE_REACH) : at]]
    deed = toks[tokens[at]].pos == "NOUN"  # not "two days after police arrested six men": a clause
    for want in phrases:
        for end in range(len(before), len(want) - 1, -1):
            if before[end - len(want) : end] == want:
                between = tokens[at - len(before) + end : at]
                near = (deed or not between) and all(toks[k].pos in NOUN_PHRASE for k in between)
                listed = deed and not any(toks[k].pos in CLAUSE for k in between)
                if near or listed:  # "the killing of", "the arrest of one member, X, and the assassination of"
                    return True
                break
    k = tokens[at]
    for _ in range(3):
        if toks[k].dep.split(":")[0] not in MOTIVE_PATH or toks[k].head == k:
            return False
        k = toks[k].head
        if toks[k].lemma.lower() in heads:
            return True
    return False


@cache
def _motive(lang: str) -> tuple[tuple[list[str], ...], frozenset[str]]:
    """The language's motive phrases as word lists and its motive heads, read once."""
    words = lexicons(lang).events.get("motive") or {}
    return tuple(p.split() for p in words.get("phrases", ())), frozenset(words.get("heads", ()))


MOTIVE_REACH = 16  # words before a casualty word read for a motive phrase
CLAUSE = frozenset({"VERB", "AUX", "SCONJ"})  # what ends a list of deeds after a motive phrase
NOUN_PHRASE = frozenset({"DET", "PRON", "PROPN", "NOUN", "ADJ", "PART", "NUM"})  # "Israel's", "the", "their"
MOTIVE_PATH = frozenset({"nmod", "conj", "obl", "pobj", "appos", "obj", "dobj"})  # "for the arrest ... and the killing"


def _done(ctx: Context, k: int) -> bool:
    """Is ``k`` the infinitive of a verb that says it was done ("managed to kill"; not "if they managed to")?"""
    head = ctx.parse.tokens[ctx.parse.tokens[k].head]
    done = head.lemma.lower() in ctx.lex.events["unrealised"].get("done", ()) and not ctx.parse.kids(head.i, "mark")
    return ctx.parse.tokens[k].dep == "xcomp" and done
