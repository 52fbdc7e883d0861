"""A dateline's date: the publication date a news text opens with, used when none was given.

"МАХАЧКАЛА, 24 июня 2024 года. Вечером 23 июня ...", "KABUL, Afghanistan, June 24, 2024 — Gunmen ...", a first
line holding only "24.06.2024": the date is the first one in the text, a single whole day, with nothing before it
but a place in capitals (an agency in brackets and ", Country" allowed) and after it the end of the line, a full
stop, a dash or an agency in brackets.  A date told anywhere else ("On 22 March 2024, gunmen attacked ...") is an
event's, never the publication's.
"""

from __future__ import annotations

import re

from sitrep.model import TextSpan

_PLACE = r"[A-ZА-ЯЁ][A-ZА-ЯЁ'’.\- ]*[A-ZА-ЯЁ.]"
_AGENCY = r"\([^()\n]{1,40}\)"
BEFORE = re.compile(rf"\s*(?:{_PLACE}(?:\s*{_AGENCY})?(?:,\s*[A-ZА-ЯЁ][\w'’.\- ]{{1,40}})?\s*[,.—–-]+\s*)?")
AFTER = re.compile(rf"\s*(?:{_AGENCY}\s*)?(?:[.—–:-]|\n|$)")
HEAD = 160  # a dateline sits in the text's first characters


def dateline_date(text: str, spans: list[TextSpan]) -> TextSpan | None:
    """The date mention that is the text's dateline, if it opens with one (see the module docstring)."""
    first = min(spans, key=lambda s: s.start, default=None)
    if first is None or first.start > HEAD or first.label != "date":
        return None
    value = first.value
    if value is None or value.precision != "day" or not value.start or value.start != value.end:
        return None
    if BEFORE.fullmatch(text, 0, first.start) is None or AFTER.match(text, first.end) is None:
        return None
    return first
