"""Alignment for ``clean``: the cleaned text as pieces, each copied from the raw text or changed by a pass.

A pass proposes replacements ``(start, end, replacement, reason)`` in the text it sees; :func:`apply` makes them
and keeps, for every piece of the new text, where it came from in the raw text, merging a change with the earlier
changes it touches, so the edits ``clean`` records always point from the cleaned text back into the raw text.
"""

from __future__ import annotations

from dataclasses import dataclass

Rep = tuple[int, int, str, str]  # (start, end, replacement, reason) in the text of one pass


@dataclass(slots=True)
class Piece:
    start: int  # in the current text
    end: int
    raw_start: int
    raw_end: int
    reason: str | None  # None: copied unchanged


def apply(text: str, pieces: list[Piece], reps: list[Rep]) -> tuple[str, list[Piece]]:
    """Apply sorted, non-overlapping ``reps`` to ``text``; a change that touches an earlier one merges with it."""
    groups = _groups(text, pieces, reps)
    member_of = {member: g for g in groups for member in g.members}
    out: list[str] = []
    new: list[Piece] = []

    def copy(p: Piece, a: int, b: int) -> None:
        if b > a or p.reason is not None:
            out.append(text[a:b])
            start = new[-1].end if new else 0
            new.append(Piece(start, start + b - a, p.raw_start + a - p.start, 0, p.reason))

    def change(g: _Group, raw_start: int) -> None:
        if not g.emitted:
            g.emitted = True
            out.append(g.text)
            start = new[-1].end if new else 0
            new.append(Piece(start, start + len(g.text), raw_start, 0, "; ".join(dict.fromkeys(g.reasons))))

    gi = 0
    for p in pieces:
        while gi < len(groups) and groups[gi].end <= p.start:  # insertions at p.start, groups already out
            change(groups[gi], p.raw_start)
            gi += 1
        if p.reason is not None:  # an earlier change: kept whole, or part of a new one
            if id(p) in member_of:
                change(member_of[id(p)], p.raw_start)
            else:
                copy(p, p.start, p.end)
            continue
        pos = p.start
        while gi < len(groups) and groups[gi].start < p.end:
            g = groups[gi]
            if g.start > pos:
                copy(p, pos, g.start)
            change(g, p.raw_start + max(g.start, p.start) - p.start)
            if g.end > p.end:
                pos = p.end
                break
            pos = max(pos, g.end)
            gi += 1
        copy(p, pos, p.end)
    raw_len = pieces[-1].raw_end if pieces else 0
    for g in groups[gi:]:
        change(g, raw_len)
    for i, piece in enumerate(new):
        piece.raw_end = new[i + 1].raw_start if i + 1 < len(new) else raw_len
    return "".join(out), new


@dataclass(slots=True)
class _Group:
    start: int
    end: int
    text: str
    reasons: list[str]
    members: set[int]  # ids of the changed pieces it absorbed
    emitted: bool = False


def _overlaps(p: Piece, start: int, end: int) -> bool:
    if p.start == p.end:  # a deletion: absorbed when it lies inside or at the edge of the change
        return start <= p.start <= end
    if start == end:  # an insertion: only when strictly inside a changed piece
        return p.start < start < p.end
    return p.start < end and p.end > start


def _groups(text: str, pieces: list[Piece], reps: list[Rep]) -> list[_Group]:
    """Each replacement, widened to cover the earlier changes it touches; overlapping ones merged."""
    changed = [p for p in pieces if p.reason is not None]
    groups: list[_Group] = []
    parts: list[list[Rep]] = []
    ci = 0
    for s, e, repl, reason in reps:
        while ci < len(changed) and (changed[ci].end < s or (changed[ci].end == s and changed[ci].start < s)):
            ci += 1
        start, end, members, reasons = s, e, set(), []
        cj = ci
        while cj < len(changed) and _overlaps(changed[cj], start, end):
            start, end = min(start, changed[cj].start), max(end, changed[cj].end)
            members.add(id(changed[cj]))
            reasons.append(changed[cj].reason or "")
            cj += 1
        ci = cj
        reasons.append(reason)
        if groups and start < groups[-1].end:
            g = groups[-1]
            g.end = max(g.end, end)
            g.members |= members
            g.reasons += reasons
            parts[-1].append((s, e, repl, reason))
        else:
            groups.append(_Group(start, end, "", reasons, members))
            parts.append([(s, e, repl, reason)])
    for g, reps_in in zip(groups, parts, strict=True):
        chunks, pos = [], g.start
        for s, e, repl, _ in reps_in:
            chunks += [text[pos:s], repl]
            pos = e
        chunks.append(text[pos : g.end])
        g.text = "".join(chunks)
    return groups
