"""Who says so and how sure, across sentences: a source named after the events it reports («... Об этом сообщили
в МВД»), and a reporting frame carried to the next sentences of the same incident that say nothing of their own.
"""

from __future__ import annotations

from sitrep.extract.context import Context
from sitrep.extract.stance import Stance, told_back

from .incidents import Draft


def sources_told_after(ctx: Context, drafts: list[Draft], para: list[int]) -> None:
    """«... Об этом сообщили в МВД»: the source a later sentence names for what came before it (in its paragraph
    or the one before) becomes the source of those events that have none, and they are reported."""
    if not drafts:
        return
    first = min(m.sent for d in drafts for m in d.mentions)
    for s in range(first + 1, len(ctx.doc.layers.sentences)):
        span = told_back(ctx, s)
        if span is None:
            continue
        for d in drafts:
            last = max(m.sent for m in d.mentions)
            if last >= s or para[s] - para[last] > 1 or any(r.stance.sources for r in d.roles):
                continue
            for r in d.roles:
                r.stance.sources.append(span)
                r.stance.add(*span, "reported")


def frames_carried(drafts: list[Draft], para: list[int]) -> None:
    """«Как сообщает ТАСС, боевики открыли огонь по патрулю. Двое полицейских ранены.»: a later mention of the
    incident that says nothing of its own about who says so or how sure it is stays in the reporting frame of the
    mention before it in its paragraph ("..., police said. Two officers were wounded."). A frame is a stance
    with a source whose only cues are attribution (reported) or lie inside the source's words («по
    предварительным данным»); a hedge of the speaker's own ("experts believe ...") is not carried, and does not
    end a frame told in its own sentence («задержаны двое подозреваемых в подготовке теракта, передаёт ТАСС»)."""
    for d in drafts:
        order = sorted(range(len(d.mentions)), key=lambda k: (d.mentions[k].sent, d.mentions[k].start))
        frame: tuple[int, Stance, int] | None = None  # (paragraph, stance, sentence)
        for k in order:
            st, s = d.roles[k].stance, d.mentions[k].sent
            if st.sources or st.cues:
                if is_frame(st):
                    frame = (para[s], st, s)
                elif frame is None or frame[2] != s:  # a hedge inside the frame's own sentence keeps the frame
                    frame = None
            elif frame is not None and frame[0] == para[s]:
                d.roles[k].stance = frame[1]


def is_frame(st: Stance) -> bool:
    if not st.sources or st.modality not in ("reported", "hedged"):
        return False
    return st.modality == "reported" or all(any(a <= c0 and c1 <= b for a, b in st.sources) for c0, c1, _ in st.cues)
