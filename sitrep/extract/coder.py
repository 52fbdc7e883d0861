"""The ``coder`` stage: a learned ACLED event and sub-event type for every event the rules coded for ACLED.

The rules of ``events.coding`` stay the candidate generator and their answer is a feature (``learned.EventInput``);
the model's sub-event type replaces theirs when the model is at least ``min_probability`` sure (the model's own
setting, chosen by cross-validation on training data), except for the labels the rules gave at least as
accurately as the model in that cross-validation (``trusted_rules``), and only among the sub-event types an event
of its PLOVER type can have (``acled_for_type`` in ``ontology.yaml``; the weapon-specific ones only when the
rules read a weapon, ``acled_needs_mode``). ``event_coder = "rules"``
skips the stage; a missing model file means rules only.
"""

from __future__ import annotations

from sitrep.errors import ModelError
from sitrep.knowledge.ontology import ontology
from sitrep.model import Document
from sitrep.pipeline import Stage, stage
from sitrep.settings import Settings

from .learned import NONE, DocIndex, Model, default_model, event_input


def event_type_of(sub_event_type: str) -> str:
    for event_type, subs in ontology()["acled"].items():
        if sub_event_type in subs:
            return event_type
    raise ModelError(f"the event classifier's label {sub_event_type!r} is not an ACLED sub-event type")


def allowed_labels(event_type: str | None, mode: str | None) -> set[str] | None:
    """The sub-event types the recoder may give an event of this PLOVER type and mode (None: keep the rules')."""
    table = ontology()
    if event_type not in table["acled_for_type"]:
        return None
    allowed = set(table["acled_for_type"][event_type])
    return allowed if mode else allowed - set(table["acled_needs_mode"])


def recode(doc: Document, model: Model) -> Document:
    """Every event the rules coded for ACLED gets the model's sub-event type where the model is sure enough."""
    trusted = set(model.meta.get("trusted_rules", ()))
    index = DocIndex(doc)
    for event in doc.events:
        allowed = allowed_labels(event.type, event.mode)
        if not event.acled_sub_event_type or event.acled_sub_event_type in trusted or allowed is None:
            continue
        label, p = model.predict(event_input(doc, event, index), allowed)
        if label != NONE and p >= model.min_probability and label != event.acled_sub_event_type:
            event.acled_event_type, event.acled_sub_event_type = event_type_of(label), label
    return doc


def make(settings: Settings) -> Stage:
    """The coder stage for these settings: learned (the default) or the rules' coding left as it is."""
    learned = settings.event_coder == "learned"

    @stage("coder", needs=("events",), adds=("coding",))
    def coder(doc: Document) -> Document:
        model = default_model("recode") if learned else None
        return recode(doc, model) if model is not None else doc

    return coder
