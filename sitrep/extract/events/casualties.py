"""Victim counts of event mentions: numbers of people next to casualty words ("killed over 140 civilians",
"At least five police and two civilians were killed" = 7), read from the parse with word order as the fallback."""

from __future__ import annotations

from collections import defaultdict

from sitrep.extract.context import Context, last_words, next_words
from sitrep.extract.tree import WH
from sitrep.model import Count, TextSpan

from . import casualty_words as W
from . import nearby, victim_lists
from .nearby import UNDERGOER_VERBS
from .triggers import EventMention

TALLY_NOUNS = frozenset({"total", "number", "toll", "tally", "count", "group"})
SINGULAR_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "another"})
COUNTS = W.COUNTS  # number labels that can count people
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET"})  # what a victim phrase can be headed by


def counts(ctx: Context, mentions: list[EventMention]) -> dict[int, dict[str, Count]]:
    """Victim counts by mention (``id(mention)``) and kind. A casualty word ("killed", "arrested") counts for
    the mention it is, or else for the nearest mention in its sentence whose event type can have that count."""
    parse = ctx.parse
    data = ctx.lex.events
    phrases = W.casualty_phrases(ctx.lang)
    weak = frozenset(data.get("weak_injuries", []))
    death_told: bool | None = None  # read once, when a weak injury word first needs it
    allowed = data["counts_by_type"]
    out: dict[int, dict[str, Count]] = {}
    by_sentence: dict[int, list[EventMention]] = defaultdict(list)
    for m in mentions:
        by_sentence[m.sent].append(m)
    vague = frozenset(data.get("vague_counts", ()))  # "wounding several others": no figure told
    for s in sorted(by_sentence):
        numbers = [n for n in ctx.numbers_in(s, COUNTS) if not W.age(ctx, n) and n.text.lower() not in vague]
        here = by_sentence[s]
        tokens = parse.sentence_tokens(s)
        for at, k, kind in W.reading(parse, tokens, phrases):
            if kind is None and parse.tokens[k].text.lower() in weak:
                if death_told is None:
                    death_told = W.tells_death(ctx, phrases)
                kind = W.weak_injury(ctx, tokens, at, death_told)
            body = kind is None and W.body_found(ctx, tokens, at)  # "His body was found": a death
            kind = "fatalities" if body else kind
            if kind is None or W.not_its_own(ctx, tokens, at):
                continue
            able = [m for m in here if kind in allowed.get(m.trigger.type or "", [])]
            if not able:
                continue
            owner = min(able, key=lambda m: (not (m.start <= parse.tokens[k].start < m.end), abs(m.token - k)))
            found = out.setdefault(id(owner), {})
            count = W.bodies(ctx, tokens, at, numbers) if body else _count_at(ctx, tokens, at, numbers)
            if kind not in found:
                if count is not None:
                    found[kind] = count
            elif count is not None and count.text != found[kind].text and W.added(ctx, k, count):
                found[kind] = added(found[kind], count)  # «Ранены трое, ещё двое пострадали»: five
    _bodies_after(ctx, mentions, out)
    return out


FOLLOW_UP = 2  # sentences after an attack in which bodies found are its dead


def _bodies_after(ctx: Context, mentions: list[EventMention], out: dict[int, dict[str, Count]]) -> None:
    """Bodies found in a sentence that tells no event of its own, soon after an attack that counts no dead yet,
    are its dead ("Three policemen were kidnapped ... Their bodies were found near the border": three)."""
    told = {m.sent for m in mentions}
    last: dict[int, EventMention] = {}  # the last attack told in each sentence
    for m in mentions:
        if m.trigger.type == "ASSAULT":
            last[m.sent] = m
    for s in range(len(ctx.doc.layers.sentences)):
        attack = next((last[p] for p in range(s - 1, s - FOLLOW_UP - 1, -1) if p in last), None)
        if s in told or attack is None or "fatalities" in out.get(id(attack), {}):
            continue
        tokens = ctx.parse.sentence_tokens(s)
        numbers = [n for n in ctx.numbers_in(s, COUNTS) if not W.age(ctx, n)]
        for at, k in enumerate(tokens):
            if W.body_found(ctx, tokens, at) and not W.unrealised(ctx, k):
                if (count := W.bodies(ctx, tokens, at, numbers)) is not None:
                    out.setdefault(id(attack), {})["fatalities"] = count
                break


def _count_at(ctx: Context, tokens: range, at: int, numbers: list[TextSpan]) -> Count | None:
    """The victims of the casualty word at ``tokens[at]``: from the parse, else the numbers near it, else one
    victim told by word order."""
    k = tokens[at]
    count = _syntactic_count(ctx, k, numbers) if ctx.parse.has_parse else None
    if count is None and (picked := nearby.numbers_for(ctx, k, numbers, ctx.lex.person_units)):
        more, singles = _coordinated(ctx, picked, numbers)
        count = _plus(_sum(ctx, sorted(picked + more, key=lambda n: n.start)), singles)
        if not singles:  # "five civilians and the bomber were killed": the bomber is listed beside the five
            at_ = min(n.start for n in picked + more)
            count = victim_lists.extend(ctx, count, at_, at_ + len(count.text or ""), numbers)
    if count is None:
        count = W.one_before(ctx, tokens, at)
    return count if count is not None else W.one_by_order(ctx, tokens, at)


def added(a: Count, b: Count) -> Count:
    """Two counts of one kind that the text adds up ("two more were wounded"): their sum, quoting both."""

    def plus(x: int | None, y: int | None) -> int | None:
        return None if x is None or y is None else x + y

    text = " + ".join(t for t in (a.text, b.text) if t) or None
    return Count(plus(a.low, b.low), plus(a.best, b.best), plus(a.high, b.high), text)


def _victims(ctx: Context, k: int, through: int | None = None) -> list[int]:
    """Heads of the phrases naming who was killed/wounded/arrested by the casualty verb at ``k`` (or by the
    casualty verb ``through`` coordinated with it: "attacked and killed the sheikh", the parse hangs the sheikh
    on "attacked")."""
    parse = ctx.parse
    toks = parse.tokens
    heads = []
    qualifiers, subset = ctx.lex.cases["qualifiers"], ctx.lex.cases["subset"]
    passive = toks[k].tag in ("VBN", "JJ") and any(  # "X was shot", "X were wounded" (tagged an adjective)
        toks[c].dep in ("aux", "aux:pass", "cop") and toks[c].lemma.lower() == "be" for c in parse.children[k]
    )
    for c in parse.children[k]:
        dep, case = toks[c].dep, parse.case_of(c)
        agent = dep == "obl:agent" or case in ctx.lex.cases["agent"]  # "killed by two gunmen": the killers
        counted = dep.startswith("obl") and (case in qualifiers or parse.kids(c, "nummod")) and case not in subset
        counted = counted and not agent
        bare = dep == "obl" and not case and toks[c].pos in ("NOUN", "PROPN") and c > k  # "gunned down Alum Bi"
        numeral = dep.startswith("nummod") and toks[c].pos == "NUM"  # «двое ранены»: the parse hangs «двое» on the verb
        undergoer = dep == "nsubj" and toks[k].lemma.lower() in UNDERGOER_VERBS  # "the owner died of his injuries"
        objects = dep in ("obj", "iobj", "nsubj:pass") or (passive and dep == "nsubj")  # "iobj": "killing Colonel X"
        if objects or counted or bare or numeral or undergoer:
            heads.append(c)
    t = toks[k]
    earlier = any(toks[c].dep.startswith("aux") and toks[c].lemma.lower() == "have" for c in parse.children[k])
    if t.dep == "acl:relcl" and t.head != k and not earlier:  # "the driver, who died in the attack": the driver;
        heads = [t.head if toks[h].tag in WH else h for h in heads]  # not "who had been killed days earlier"
    heads = victim_lists.without_appositions(ctx, _owners(ctx, heads))
    receive = ctx.lex.cases["receive_verbs"]  # «ранения получили четыре сотрудника полиции», «11 получили ранения»
    if t.dep == "obj" and t.head != k and toks[t.head].lemma.lower() in receive:
        heads.extend(parse.kids(t.head, "nsubj"))
    elif t.lemma.lower() in receive:  # its object is the wound, its subject the wounded
        heads = parse.kids(k, "nsubj")
    if t.dep == "acl" and t.tag == "VBN" and t.head != k:
        heads.append(t.head)  # "four people killed in the blast"
    casualty_words = ctx.lex.casualty_words
    hit = W.match_at(parse, range(k, len(toks)), W.casualty_phrases(ctx.lang))
    end = k + (hit[1] if hit else 1)  # "shot dead two Shias": "dead" is the phrase's own word

    def own(c: int) -> bool:  # "killed 14 policemen and wounded 32 others": the 32 are the wounding's
        between = {toks[x].text.lower() for x in range(min(k, c) + 1, max(k, c)) if x != through and not k < x < end}
        by = c > k and between & ctx.lex.cases["agent"]  # "shot and killed by three men": the killers
        told = c < k and any(  # not "killed five policemen ... were hurt": the policemen are the killing's
            x != through
            and toks[x].text.lower() in casualty_words
            and not any(toks[y].dep == "cc" or toks[y].text == "," for y in range(x + 1, c))
            for x in range(max(0, c - 3), c)
        )
        word = toks[c].text.lower() in casualty_words and not parse.kids(c, "det")  # "... and 450 injured"
        return not between & casualty_words and not by and not told and not word

    def part(h: int, c: int) -> bool:  # "девять человек, в том числе двух детей": a part of h, not more
        between = f" {' '.join(toks[x].text.lower() for x in range(h + 1, c))} "
        return any(f" {w} " in between for w in subset)

    heads = [h for h in heads if own(h)]
    heads = [c for c in heads if not any(h < c and (part(h, c) or _partitive(ctx, c)) for h in heads)]
    for h in list(heads):
        heads.extend(k for k in victim_lists.kin_of(ctx, h) if own(k))  # "a translator for troops and his son"
        heads.extend(k for k in victim_lists.listed_names(ctx, h) if own(k))  # "A, B and C" with B apposed
        heads.extend(
            c
            for c in parse.kids(h, "conj")
            if own(c)
            and toks[c].pos in NOMINAL
            and not part(h, c)
            and not victim_lists.same_person(ctx, h, c)
            and not parse.kids(c, "nsubj")  # "three Americans, two of them soldiers": a verbless clause tells who
        )  # not "killing seven and injuring another ten": a verb is another clause
    return heads


def _owners(ctx: Context, heads: list[int]) -> list[int]:
    """Victim heads with a body part replaced by whose it is: "slit the throats of a woman and her daughter"."""
    parse, parts = ctx.parse, ctx.lex.cases.get("body_parts", frozenset())
    out = []
    for h in heads:
        owners = [
            c
            for c in parse.children[h]
            if parse.tokens[c].dep == "nmod:poss"
            or (parse.tokens[c].dep.startswith("nmod") and parse.case_of(c) in ctx.lex.cases["of"])
        ]
        out.extend(owners if parse.tokens[h].lemma.lower() in parts and owners else [h])
    return out


def _partitive(ctx: Context, c: int) -> bool:
    """Is ``c`` a number of those already counted ("nine workers, three of them brothers")?"""
    toks, words = ctx.parse.tokens, ctx.lex.events["victim_lists"]
    of, pronouns = words.get("of", []), words.get("partitive", [])
    for n in [c, *ctx.parse.kids(c, "nummod")]:  # the number heads the phrase, or counts its noun
        after = [toks[x].text.lower() for x in range(n + 1, min(len(toks), n + 3))]
        if toks[n].pos == "NUM" and len(after) == 2 and after[0] in of and after[1] in pronouns:
            return True
    return False


def _noun_phrase(ctx: Context, h: int) -> tuple[int, int]:
    """The phrase of noun ``h`` without relative clauses and prepositional phrases (where other numbers live)."""
    parse = ctx.parse
    drop: set[int] = set()
    tally = parse.tokens[h].lemma.lower() in TALLY_NOUNS  # "a total of three policemen"
    for c in parse.children[h]:
        dep = parse.tokens[c].dep
        if tally and dep.startswith("nmod") and parse.case_of(c) in ctx.lex.cases["of"]:
            continue
        if dep in ("acl", "acl:relcl", "nmod", "appos", "conj", "cc", "punct", "parataxis"):
            drop.update(parse.subtree(c))
    keep = [k for k in parse.subtree(h) if k not in drop]
    return parse.tokens[min(keep)].start, parse.tokens[max(keep)].end


def _syntactic_count(ctx: Context, k: int, numbers: list[TextSpan]) -> Count | None:
    """The victims' number read from the parse: numbers in the victim phrases (summed over "X and Y"), or one
    for a single person named without a number ("killing the driver", "an officer was killed")."""
    doc, parse = ctx.doc, ctx.parse
    toks = parse.tokens
    heads = _victims(ctx, k)
    first = toks[k].head  # "two officers were shot and killed": the first verb's victims
    conj = toks[k].dep == "conj" and first != k and toks[first].pos == "VERB"
    conj = conj and not parse.kids(k, "aux:pass")  # "attacked a plant ... and four rebels were killed": a clause
    undergoer = toks[k].dep == "conj" and first != k and toks[k].lemma.lower() in UNDERGOER_VERBS
    if undergoer and all(toks[h].dep.startswith("obl") for h in heads):
        # "a guard was injured and later died at the hospital" (the parse may take "injured" for an adjective)
        heads = [c for c in parse.children[first] if toks[c].dep in ("nsubj", "nsubj:pass")]
    elif not heads and conj and toks[first].text.lower() not in ctx.lex.casualty_words:  # not "killing and wounding 30"
        heads = _victims(ctx, first, through=k)
    if not heads:
        return None
    companions = W.companions(ctx, [k, *heads])
    heads += [c for c in companions if c not in heads]
    picked: list[TextSpan] = []
    singles = 0
    words = ctx.lex.events["coordination"]
    things = frozenset(ctx.lex.events.get("victim_lists", {}).get("not_people", ()))
    said_lo, said_hi = len(doc.text), 0  # where the counted phrases are: victims listed beside them count too
    for h in heads:
        lo, hi = _noun_phrase(ctx, h)
        said_lo, said_hi = min(said_lo, lo), max(said_hi, hi)
        inside = [n for n in numbers if lo <= n.start < hi]
        said = {toks[h].text.lower()} | {toks[c].text.lower() for c in parse.children[h]}
        nobody = any(toks[c].text.lower() == "no" for c in parse.children[h]) or toks[h - 1].text.lower() == "no"
        if said & W.NOBODY or nobody:
            continue  # "nobody was killed", "no one was hurt"
        if inside:
            picked.extend(inside[:1])
        elif toks[h].dep.startswith("obl") and parse.case_of(h) and h not in companions:
            continue  # not "kills 14 at the training centre": a place phrase is nobody
        elif said & set(words["both"]) or toks[h].lemma.lower() in words.get("pair", ()):
            singles += 2  # "both truck drivers", "killed both of them", "a couple was murdered"
        elif toks[h].lemma.lower() in things:
            continue  # "killed four pilgrims and a horse"
        elif (
            toks[h].tag in ("NN", "NNP")
            or (toks[h].tag == "JJ" and _singular_determiner(ctx, h))  # "an Israeli from Afula", "a militant"
            or toks[h].text.lower() in ("him", "her", "he", "she")
            or toks[h].text.lower() in words["one"]  # "killing one of his bodyguards"
            or any(toks[c].text.lower() in words["one"] for c in parse.kids(h, "nummod"))  # "one Afghan"
        ):
            singles += 1
    if picked and not singles:
        more, singles = _coordinated(ctx, picked, numbers)
        picked = sorted(picked + more, key=lambda n: n.start)
        said_lo, said_hi = min([said_lo, *(n.start for n in more)]), max([said_hi, *(n.end for n in more)])
        if singles:  # "two policemen and one civilian": the civilian is counted
            said_hi = len(doc.text)
    if not picked and not singles:
        return None
    if not picked:
        lo, hi = _noun_phrase(ctx, heads[0])
        count = Count(singles, singles, singles, doc.text[lo:hi])
    else:
        count = _plus(_sum(ctx, picked), singles)  # "killing two policemen and a civilian": + 1
    return victim_lists.extend(ctx, count, said_lo, said_hi, numbers)


def _singular_determiner(ctx: Context, h: int) -> bool:
    """Does the phrase of ``h`` open with a singular determiner ("a", "the")?"""
    toks = ctx.parse.tokens
    return any(toks[c].dep == "det" and toks[c].text.lower() in SINGULAR_DETERMINERS for c in ctx.parse.children[h])


def _plus(count: Count, singles: int) -> Count:
    """``count`` with ``singles`` single persons added to each bound."""
    if singles:
        count.best = (count.best or 0) + singles
        count.low = None if count.low is None else count.low + singles
        count.high = None if count.high is None else count.high + singles
    return count


def _coordinated(ctx: Context, picked: list[TextSpan], numbers: list[TextSpan]) -> tuple[list[TextSpan], int]:
    """Victim phrases coordinated with the counted one that the parse missed, by word order: "five police and
    two civilians were killed" (a number of people just before "and"), "two policemen and a civilian" (one after)."""
    doc = ctx.doc
    units = ctx.lex.person_units
    words = ctx.lex.events["coordination"]
    first, last = picked[0], picked[-1]
    more = []

    def joined(a: TextSpan, b: TextSpan) -> bool:  # "<a> <a's unit> and <b>"
        unit = str(getattr(a.value, "unit", "") or "").lower()
        gap = doc.text[a.end : b.start].lower().split()
        return (
            a.end <= b.start
            and unit in units
            and len(gap) in (2, 3)
            and gap[-1] in words["and"]
            and (gap[0] == unit.split()[0])
        )

    told = ctx.lex.casualty_words

    def own_verb(n: TextSpan, before: bool) -> bool:  # "killed five people and 10 others were wounded"
        near = last_words(doc.text, n.start, 3) if before else next_words(doc.text, n.end, 4)
        return bool(told & {w.strip(".,;") for w in near})

    for n in numbers:
        if n in picked:
            continue
        if (joined(n, first) and not own_verb(n, True)) or (joined(last, n) and not own_verb(n, False)):
            more.append(n)
    unit = str(getattr(last.value, "unit", "") or "").lower()
    after = next_words(doc.text, last.end, 4)
    if (
        unit
        and after[:1] == [unit.split()[0]]
        and len(after) >= 4
        and after[1] in words["and"]
        and after[2] in words["one"]
        and after[3].strip(".,;") in units
    ):
        return more, 1
    return more, 0


def _sum(ctx: Context, spans: list[TextSpan]) -> Count:
    low = best = high = 0
    lows = highs = True
    for n in spans:
        v = n.value
        lo, be, hi = getattr(v, "low", None), getattr(v, "best", None), getattr(v, "high", None)
        be = be if be is not None else (lo if lo is not None else hi)
        if be is None:
            continue
        best += int(be)
        if lo is None:
            lows = False
        else:
            low += int(lo)
        if hi is None:
            highs = False
        else:
            high += int(hi)
    last = spans[-1]
    unit = getattr(last.value, "unit", None)
    end = last.end
    text = ctx.doc.text
    if unit and (i := text.find(unit, last.end, last.end + 40)) >= 0:
        end = i + len(unit)  # "Three soldiers and five militants"
    return Count(low if lows else None, best, high if highs else None, text[spans[0].start : end])
