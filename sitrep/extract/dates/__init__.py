"""The ``dates`` stage: temporal expressions, normalised to :class:`~sitrep.model.DateValue`.

English and Russian.  The language data (month names in their case forms, prepositions, relative words, number
words, patterns) lives in ``sitrep/knowledge/data/dates_<lang>.yaml``, named historical events in
``sitrep/knowledge/data/historical_dates.yaml``; :mod:`sitrep.extract.dates.patterns` turns them into regexes and
:mod:`sitrep.extract.dates.scan` runs them.  Each mention becomes a ``TextSpan`` in ``doc.layers.dates`` whose ``value``
is a ``DateValue`` and whose ``label`` says how it was fixed:

* ``"date"`` -- absolute ("22 March 2024", "в 2010-х годах") or computed from the publication date ("yesterday",
  "in March", "в прошлом году", "two years ago");
* ``"anaphoric"`` -- relative to the previous date in the text ("the next day", "на следующий день"), or, when
  anchored to an event ("two days after the attack", «за два дня до теракта»), to the previous date told outright
  (the event it names was told with its own date, not with another relative one): computed
  from the nearest earlier mention with a start when it is precise enough (a day for "the next day", a month for
  "the following month"), else precision "unknown";
* ``"anaphoric:clause"`` -- the same, dating only the clause that follows it: in "the attack came two days after
  police arrested six men" the arrests are two days before the attack's date, the attack keeps its own, and
  the next relative date ("the next day") still counts from the attack's;
* ``"historical"`` -- a named event ("after the Taliban takeover", "9/11");
* ``"anchored:first_years"`` / ``"anchored:early_days"`` / ``"anchored:since_founding"`` -- a period of an
  organisation's own life ("in the first years of its existence"); precision "unknown" until a founding date is
  known, then :func:`existence_period` gives the period.

Conventions:

* Without a publication date, a dateline's date stands in for one ("МАХАЧКАЛА, 24 июня 2024 года. ...",
  "KABUL, June 24, 2024 —"; :mod:`.dateline`); the document's ``published`` takes it and a warning says so.
* A month (or day and month) without a year takes the publication year, or the year before when it is later in
  the year than the publication ("in March" published 2024-05-15 -> 2024-03; "in June" -> 2023-06).  Seasons
  and weekdays are the most recent ones (a weekday on or before publication; "last Monday" strictly before).
* A preposition turns a date into a period: since / from X -> X to publication; after X -> end of X to
  publication; before X -> up to the start of X; until / by X -> up to the end of X.  Without a publication
  date the open end stays ``None``.
* Parts of a period are thirds: early / mid / late 2015 = Jan-Apr / May-Aug / Sep-Dec (precision month);
  early / mid / late March = days 1-10 / 11-20 / 21-end (precision day); the early 2000s = 2000-2003 (year).
  Halves likewise.  Seasons are the northern meteorological ones; the winter of 2015 is Dec 2014 - Feb 2015.
* "last week" is the previous Monday-Sunday week; "two weeks ago" a day; "over the past two years" runs from
  two years before publication (at year precision) to the publication date.
* Without a publication date, what the text fixes is kept in ``DateValue.partial`` ("--03" for "in March"),
  anything else gets precision "unknown", and a warning says so (the stage adds them to ``doc.warnings`` with a
  "dates: " prefix).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.knowledge import kb
from sitrep.model import DateValue, Document, TextSpan
from sitrep.pipeline import stage

from . import patterns as P
from . import scan as S
from .dateline import dateline_date
from .values import parse_published, resolve

if TYPE_CHECKING:
    from sitrep.extract.context import Context

ANCHORED_KINDS = ("first_years", "early_days", "since_founding")


@stage("dates", needs=("text", "published", "language"), adds=("dates",))
def dates(doc: Document) -> Document:
    spans, warnings = find_dates(doc.text, doc.language or "", doc.published)
    line = None if doc.published else dateline_date(doc.text, spans)
    if line is not None:  # the text's own dateline is its publication date; said, so a user can override it
        doc.published = line.value.start
        spans, warnings = find_dates(doc.text, doc.language or "", doc.published)
        said = f'publication date taken from the dateline "{line.text}" ({doc.published}); pass --published to override'
        warnings.insert(0, said)
    doc.layers.dates = spans
    doc.warnings.extend(f"dates: {w}" for w in warnings)
    return doc


def find_dates(text: str, lang: str, published: str | None) -> tuple[list[TextSpan], list[str]]:
    """Date mentions in ``text`` (offsets into it) and warnings about what could not be resolved."""
    if not P.supported(lang):
        return [], [f"no date patterns for language {lang!r}; dates were not extracted"]
    head: list[str] = []
    pub = parse_published(published, head)
    pool = S.candidates(text, lang)
    while True:  # a match that means no date ("31 April", "the fall of ...") leaves room for the ones it hid
        warnings, spans, invalid = list(head), [], []
        prev: DateValue | None = None
        told: DateValue | None = None  # the previous date told outright (not itself relative to another)
        for m in S.select(pool):
            quoted = text[m.start : m.end]
            res = resolve(m, quoted, lang, pub, told if m.info.get("event") else prev, warnings)
            if res is None:
                invalid.append(m)
                continue
            label, value = res
            if m.info.get("clause"):  # dates only the clause that follows it ("came two days after police arrested")
                label = "anaphoric:clause"
            spans.append(TextSpan(m.start, m.end, label, quoted, value))
            if not label.startswith("anchored") and label != "anaphoric:clause" and value.start is not None:
                prev = value
                told = value if not label.startswith("anaphoric") else told
        if not invalid:
            return spans, warnings
        bad = {id(m) for m in invalid}
        pool = [m for m in pool if id(m) not in bad]


def existence_period(anchor: DateValue, phrase_kind: str) -> DateValue:
    """The period an "anchored" phrase means once the founding date is known.

    first_years: the founding year and the two after (2015-01 -> 2015 - 2017, precision year); early_days: from
    the founding to the end of that year (2015-01 - 2015-12); since_founding: from the founding, open-ended.
    """
    kind = phrase_kind.removeprefix("anchored:")
    if kind not in ANCHORED_KINDS:
        raise ValueError(f"unknown anchored phrase kind {phrase_kind!r}; expected one of {', '.join(ANCHORED_KINDS)}")
    if not anchor.start:
        return DateValue(None, None, "unknown", anchor.text)
    year = int(anchor.start[:4])
    if kind == "first_years":
        return DateValue(str(year), str(year + 2), "year", anchor.text)
    if kind == "early_days":
        if anchor.precision in ("day", "month"):
            return DateValue(anchor.start[:7], f"{year}-12", "month", anchor.text)
        return DateValue(str(year), str(year), "year", anchor.text)
    return DateValue(anchor.start, None, anchor.precision, anchor.text)


def resolve_mention(ctx: Context, span: TextSpan) -> DateValue:
    """A date mention's value; dates anchored on an actor's founding ("in the first years of its existence")
    are resolved with the founding date in the knowledge base of the actor named nearest to them."""
    value: DateValue = span.value
    if not span.label.startswith("anchored"):
        if span.label.startswith("anaphoric") and not value.start:
            earlier = ctx.dates.last_before(span.start, lambda x: bool(x.value.start))
            return earlier.value if earlier is not None else value
        return value
    s = ctx.sentence_at(span.start)
    if s is None:
        return value
    sent = ctx.sentences[s]
    near = sorted(
        ((abs(start - span.start) + (0 if start < span.start else 1000), e)
         for start, _, e in ctx.index.starting_in(sent.start, sent.end) if e.kb_id and e.kb_id.startswith("kb:")),
        key=lambda x: x[0],
    )  # fmt: skip
    for _, ent in near:
        actor = kb.load_actors().get(ent.kb_id[3:])  # type: ignore[index]
        if actor is not None and actor.founded:
            anchor = DateValue(start=str(actor.founded), precision="month" if len(str(actor.founded)) > 4 else "year")
            resolved = existence_period(anchor, span.label.split(":", 1)[-1])
            resolved.text = span.text
            return resolved
    return value
