"""Reading the dependency parse (Universal Dependencies labels, as in UD English EWT).

A :class:`Parse` wraps ``doc.layers.tokens`` with what the extraction stages ask of a tree: children, heads,
ancestors, subtrees, the clause a token belongs to, the token at a character offset.  When the tokens carry
no parse (languages without a parser), every token is its own root and callers fall back to word order.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from functools import cached_property

from sitrep.model import Document, Token

CLAUSE_DEPS = frozenset({"root", "ROOT", "ccomp", "advcl", "acl:relcl", "acl", "xcomp", "parataxis", "csubj", "conj"})
VERBAL = frozenset({"VERB", "AUX"})

WH = ("WDT", "WP", "WP$", "WRB")  # the tags of relative pronouns and adverbs


class Parse:
    def __init__(self, doc: Document):
        self.doc = doc
        self.tokens: list[Token] = doc.layers.tokens
        self._starts = [t.start for t in self.tokens]

    @cached_property  # read once per look-up by some stages: a scan each time was quadratic without a parse
    def has_parse(self) -> bool:
        return any(t.dep for t in self.tokens)

    @cached_property
    def relations(self) -> list[tuple[str, str]]:
        """Each token's relation and the relation without its subtype ("obl:tmod" -> "obl")."""
        return [(t.dep, t.dep.split(":")[0]) for t in self.tokens]

    @cached_property
    def children(self) -> list[list[int]]:
        kids: list[list[int]] = [[] for _ in self.tokens]
        for t in self.tokens:
            if t.head != t.i and 0 <= t.head < len(self.tokens):
                kids[t.head].append(t.i)
        return kids

    def token_at(self, offset: int) -> int | None:
        """Index of the token covering ``offset`` (or the first token after it, within the same sentence)."""
        k = bisect.bisect_right(self._starts, offset) - 1
        if k >= 0 and self.tokens[k].start <= offset < self.tokens[k].end:
            return k
        if k + 1 < len(self.tokens):
            return k + 1
        return None

    def starting_in(self, start: int, end: int) -> range:
        """Indices of the tokens that start in [start, end)."""
        return range(bisect.bisect_left(self._starts, start), bisect.bisect_left(self._starts, end))

    def tokens_in(self, start: int, end: int) -> list[int]:
        lo = bisect.bisect_left(self._starts, start)
        out = []
        for k in range(max(lo - 1, 0), len(self.tokens)):
            t = self.tokens[k]
            if t.start >= end:
                break
            if t.end > start:
                out.append(k)
        return out

    def head_of_span(self, start: int, end: int) -> int | None:
        """The token of [start, end) whose head lies outside the span (the syntactic head of a mention)."""
        idx = self.tokens_in(start, end)
        if not idx:
            return None
        inside = set(idx)
        for k in idx:
            h = self.tokens[k].head
            if h == k or h not in inside:
                return k
        return idx[-1]

    def ancestors(self, i: int) -> Iterator[int]:
        seen = {i}
        h = self.tokens[i].head
        while h not in seen and 0 <= h < len(self.tokens):
            yield h
            seen.add(h)
            h = self.tokens[h].head

    def subtree(self, i: int) -> list[int]:
        out, todo, seen = [], [i], {i}
        while todo:
            k = todo.pop()
            out.append(k)
            for c in self.children[k]:
                if c not in seen:  # heads from a parser may (wrongly) go round in a circle
                    seen.add(c)
                    todo.append(c)
        return sorted(out)

    def span_of_subtree(self, i: int, without: tuple[str, ...] = ()) -> tuple[int, int]:
        """Character span of ``i`` and its dependents, without punctuation at either edge (and without the
        dependents of ``i`` in a relation of ``without``: a relative clause, say)."""
        sub = self.subtree(i)
        if without:
            drop = {k for c in self.children[i] if self.tokens[c].dep in without for k in self.subtree(c)}
            sub = sorted(k for k in sub if k not in drop)
        while len(sub) > 1 and self.tokens[sub[-1]].pos == "PUNCT" and sub[-1] != i:
            sub.pop()
        while len(sub) > 1 and self.tokens[sub[0]].pos == "PUNCT" and sub[0] != i:
            sub.pop(0)
        return self.tokens[sub[0]].start, self.tokens[sub[-1]].end

    def kids(self, i: int, *deps: str) -> list[int]:
        """Children of ``i`` whose relation is one of ``deps`` (a relation "x" also matches subtypes "x:y")."""
        if not deps:
            return list(self.children[i])
        rel = self.relations
        return [c for c in self.children[i] if rel[c][1] in deps or rel[c][0] in deps]

    def case_of(self, i: int) -> str:
        """The preposition (case marker) of a nominal, lower-cased, multiword joined ("according to")."""
        words = []
        for c in self.children[i]:
            if self.tokens[c].dep in ("case", "mark"):
                words.append(self.tokens[c].text.lower())
                words.extend(self.tokens[f].text.lower() for f in self.children[c] if self.tokens[f].dep == "fixed")
        return " ".join(words)

    def clause_head(self, i: int) -> int:
        """The head of the clause ``i`` belongs to (i itself when it heads a clause)."""
        k = i
        for _ in range(len(self.tokens)):  # bounded: heads from a parser may (wrongly) go round in a circle
            t = self.tokens[k]
            if t.head == k or (t.dep in CLAUSE_DEPS and (t.pos in VERBAL or t.dep != "conj")):
                return k
            k = t.head
        return i

    def clause_span(self, i: int) -> tuple[int, int]:
        """Character span of the clause ``i`` belongs to, without the clauses coordinated with or added to it."""
        head = self.clause_head(i)
        drop: set[int] = set()
        for c in self.children[head]:
            if self.tokens[c].dep in ("conj", "parataxis") and c not in [i, *self.ancestors(i)]:
                drop.update(self.subtree(c))
        keep = [k for k in self.subtree(head) if k not in drop]
        while len(keep) > 1 and self.tokens[keep[-1]].pos in ("PUNCT", "CCONJ"):
            keep.pop()
        return self.tokens[keep[0]].start, self.tokens[keep[-1]].end

    def subject_chain(self, v: int, active: bool = False) -> list[int]:
        """Subjects of verb ``v``, looking through xcomp/conj/advcl chains ("was able to carry out", "..., killing").
        ``active``: the verb cannot be passive ("clashed"), so a noun it modifies is its subject whatever the tag."""
        k = v
        for _ in range(4):
            if k != v and self._relative(k):  # "fired on the car in which X was driving, killing three": the
                own = self.kids(k, "nsubj")  # killing is the main clause's, not X's; "the militants, who had
                if own and all(self.tokens[s].tag in WH for s in own) and self.tokens[k].dep == "acl:relcl":
                    return [self.tokens[k].head]  # entered the village, killed five": the militants did
                up = self._clause_verb(self.tokens[k].head)
                if up is None:
                    return []
                k = up
            subj = self.kids(k, "nsubj") or [s for a in self.kids(k, "aux") for s in self.kids(a, "nsubj")]
            subj = [s for s in subj if self.tokens[s].dep != "nsubj:pass"]  # aux: the parse hung it on "has"
            subj = self._own_subjects(k, subj)
            if subj:
                return subj
            t = self.tokens[k]
            participle = t.tag in ("VBD", "VBG") or (active and k == v)
            complement = bool(self.kids(k, "mark"))  # "a means of intimidating": the noun is no subject
            if t.dep == "acl" and participle and self.tokens[t.head].pos in ("NOUN", "PROPN") and not complement:
                return [self._phrase_head(t.head)]  # "Pakistani troops clashed with ...": a participle on "troops"
            if t.dep.split(":")[0] not in ("xcomp", "conj", "advcl", "acl") or t.head == k:
                return []
            if t.dep == "conj" and self.passive(t.head):
                return []  # "X was shot and killed": X is the victim of both
            k = t.head
        return []

    def _own_subjects(self, k: int, subj: list[int]) -> list[int]:
        """Of two subjects the parse gave verb ``k``, not one before the clause's subordinator when another comes
        after it: "killed an employee, Ashraf Rahman, when they opened fire" (Rahman is the employee, not a
        shooter)."""
        if len(subj) < 2:
            return subj
        toks = self.tokens
        marks = [c for c in self.children[k] if toks[c].dep in ("mark", "advmod") and toks[c].tag in ("WRB", "IN")]
        nominal = [o for o in subj if toks[o].pos in ("PRON", "NOUN", "PROPN")]
        return [s for s in subj if not any(s < m < k and any(m < o < k for o in nominal) for m in marks)]

    def _relative(self, k: int) -> bool:
        """Is the clause of verb ``k`` a relative clause ("in which X was driving"), however the parse labelled it?"""
        return self.tokens[k].dep == "acl:relcl" or any(self.tokens[c].tag in WH for c in self.children[k])

    def _clause_verb(self, i: int) -> int | None:
        """The verb whose clause the word ``i`` is in (None when a few steps up find none)."""
        for _ in range(4):
            if self.tokens[i].pos in VERBAL or self.tokens[i].head == i:
                return i if self.tokens[i].pos in VERBAL else None
            i = self.tokens[i].head
        return None

    def _phrase_head(self, i: int) -> int:
        """The noun a prepositional phrase ending at ``i`` belongs to: "Washington along with its allies" ->
        Washington (a verb hung on "allies" tells what Washington did)."""
        while self.tokens[i].dep.startswith("nmod") and self.case_of(i) and self.tokens[i].head < i:
            h = self.tokens[i].head
            if self.tokens[h].pos not in ("NOUN", "PROPN"):
                break
            i = h
        return i

    def passive(self, v: int) -> bool:
        """A passive verb: by its relations, or a participle after "be" that the parse took for a copula."""
        t, kids = self.tokens[v], self.children[v]
        if any(self.tokens[c].dep in ("aux:pass", "nsubj:pass") for c in kids):
            return True
        return t.tag == "VBN" and any(
            self.tokens[c].dep in ("aux", "cop") and self.tokens[c].lemma.lower() == "be" for c in kids
        )

    def clause_depth(self, i: int, saying: frozenset[str]) -> int:
        """How many verbs govern the word ``i`` up to the root of its sentence: 0 in the main clause ("Serbia
        rejected an ultimatum"), more in what it governs ("... to hand over a guard involved in a shooting": the
        shooting is 2 down). A verb of ``saying`` does not count for what is said: "officials said rebels
        attacked" has the attack in its main clause."""
        depth, below = 0, i
        for k in self.ancestors(i):
            t = self.tokens[k]
            said = t.lemma.lower() in saying and self.tokens[below].dep in ("ccomp", "parataxis")
            depth += t.pos == "VERB" and not said
            below = k
        return depth

    def path_length(self, a: int, b: int) -> int:
        """Number of edges between two tokens of one sentence (large when they are not connected)."""
        up_a = [a, *self.ancestors(a)]
        depth = {k: d for d, k in enumerate(up_a)}
        for d, k in enumerate([b, *self.ancestors(b)]):
            if k in depth:
                return d + depth[k]
        return 99

    def sentence_tokens(self, s: int) -> range:
        sent = self.doc.layers.sentences[s]
        return range(sent.first_token, sent.last_token)
