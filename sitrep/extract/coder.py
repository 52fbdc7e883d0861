"""The ``coder`` stage: a learned ACLED event and sub-event type for every event the rules coded for ACLED.

The rules of ``events.coding`` stay the candidate generator and their answer is a feature (``learned.EventInput``);
the model's sub-event type replaces theirs when the model is at least ``min_probability`` sure (the model's own
setting, chosen by cross-validation on training data), except for the labels the rules gave at least as
accurately as the model in that cross-validation (``trusted_rules``), and only among the sub-event types an event
of its PLOVER type can have (``acled_for_type`` in ``ontology.yaml``; the weapon-specific ones only when the
rules read that weapon, ``acled_needs_mode``). ``event_coder = "rules"``
skips the stage; a missing model file means rules only.
"""

from __future__ import annotations

from functools import cache

from sitrep.errors import ModelError
from sitrep.knowledge.languages import lexicons
from sitrep.knowledge.ontology import ontology
from sitrep.model import Document
from sitrep.pipeline import Stage, stage
from sitrep.settings import Settings

from .learned import NONE, WEAPONS, DocIndex, Model, default_model, event_input


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
    return {x for x in allowed if mode in table["acled_needs_mode"].get(x, [mode])}


def recode(doc: Document, model: Model) -> Document:
    """Every event the rules coded for ACLED gets the model's sub-event type where the model is sure enough."""
    trusted = set(model.meta.get("trusted_rules", ())) | set(ontology()["acled_rules_exact"])
    index = DocIndex(doc)
    for event in doc.events:
        allowed = allowed_labels(event.type, event.mode)
        if not event.acled_sub_event_type or event.acled_sub_event_type in trusted or allowed is None:
            continue
        label, p = model.predict(event_input(doc, event, index), allowed)
        if label != NONE and p >= model.min_probability and label != event.acled_sub_event_type:
            event.acled_event_type, event.acled_sub_event_type = event_type_of(label), label
    return doc


def arm(doc: Document, model: Model) -> Document:
    """Every attack told with a weapon word gets the model's GTD weapon type where the model is sure enough (and
    does not answer Unknown); an attack the rules found no mode for takes the weapon's mode (``mode_by_gtd_weapon``).
    An attack told with no weapon word gets none: the model's priors ("claimed attacks are bombings") are no
    evidence."""
    if doc.language not in model.meta.get("languages", ()):
        return doc
    table = ontology()
    index = DocIndex(doc)
    told = _weapon_words(doc.language or "en")
    for event in doc.events:
        if event.type != "ASSAULT":
            continue
        x = event_input(doc, event, index)
        said = f" {' '.join(x.words)} "
        if not (told[0] & (set(x.words) | set(x.lemmas)) or any(f" {p} " in said for p in told[1])):
            continue  # no weapon is told ("the group claimed the attack"): none is guessed
        label, p = model.predict(x)
        if label in (NONE, "Unknown") or p < model.min_probability:
            continue
        event.weapon = label
        mode = table["mode_by_gtd_weapon"].get(label)
        if event.mode is None and mode in table["plover"]["modes"]["ASSAULT"]:
            event.mode, event.gtd_attack_type = mode, table["gtd_attack_type"].get(mode, "Unknown")
    return doc


@cache
def _weapon_words(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words (and phrases) that tell a weapon was used: every weapon cue, incendiary weapon and
    ``weapon_evidence`` word of the language's lexicon, lower case."""
    data = lexicons(lang).events
    words = [w for ws in data["weapons"].values() for w in ws] + list(data["incendiary_weapons"])
    words += data["weapon_evidence"]
    single = frozenset(w.lower() for w in words if " " not in w)
    return single, tuple(sorted({w.lower() for w in words if " " in w}))


def make(settings: Settings) -> Stage:
    """The coder stage for these settings: learned (the default) or the rules' coding left as it is."""
    learned = settings.event_coder == "learned"

    @stage("coder", needs=("events",), adds=("coding",))
    def coder(doc: Document) -> Document:
        if not learned:
            return doc
        if (weapons := default_model("weapon", WEAPONS)) is not None:
            doc = arm(doc, weapons)
        model = default_model("recode")
        return recode(doc, model) if model is not None else doc

    return coder
