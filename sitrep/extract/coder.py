"""The ``coder`` stage: a learned ACLED event and sub-event type for the events the rules found.

The rules of ``events.coding`` are the candidate generator and their answer is a feature (``learned.EventInput``);
the model decides. Its sub-event type replaces the rules' when it is at least ``min_probability`` sure (the
model's own setting, chosen by cross-validation on training data), except for the labels the rules read from
explicit words (``acled_rules_exact`` in ``ontology.yaml``) and those the rules gave more accurately than the model
in that cross-validation (``trusted_rules``). A weapon-specific sub-event type needs the rules to have read that
weapon (``acled_needs_mode``: a claimed "attack" is no suicide bombing however often claims come with bombings).
A sub-event type an event of its PLOVER type cannot have (``acled_for_type``: a protest is no air strike) needs the
model to be at least ``cross_probability`` sure, and then the event takes that type's PLOVER type and mode
(``acled_trigger``): the rules' reading of the trigger word was wrong; a negated event never crosses ("the army
did not attack the village" is no handover of it). An event whose weapon the rules read (a
mode of ``acled_needs_mode``) crosses only to a type where the weapon was not used (``acled_weapon_not_used``:
defused, seized), and only when the model is at least ``weapon_cross_probability`` sure: the weapon read is
evidence of its use ("a bomb destroyed three vehicles" is an explosion). An event the rules found but gave no
ACLED type (a threat, a surrender, a handover) gets one the same way; "Other", the catch-all, keeps its PLOVER
type. ``event_coder = "rules"`` skips the stage; a missing model file means rules only.
"""

from __future__ import annotations

from collections.abc import Callable

from sitrep.errors import ModelError
from sitrep.knowledge.ontology import ontology
from sitrep.model import Document
from sitrep.pipeline import Stage, stage
from sitrep.settings import Settings

from . import events
from .learned import (
    NONE,
    WEAPONS,
    DocIndex,
    EventInput,
    Model,
    default_model,
    event_input,
    language_floor,
    untold,
    weapon_words,
)


def event_type_of(sub_event_type: str) -> str:
    for event_type, subs in ontology()["acled"].items():
        if sub_event_type in subs:
            return event_type
    raise ModelError(f"the event classifier's label {sub_event_type!r} is not an ACLED sub-event type")


def allowed_labels(event_type: str | None, mode: str | None) -> set[str] | None:
    """The sub-event types an event of this PLOVER type and mode can have without being retyped (None: the
    recoder may give it none without crossing)."""
    table = ontology()
    if event_type not in table["acled_for_type"]:
        return None
    return set(table["acled_for_type"][event_type]) & armed_labels(mode)


def armed_labels(mode: str | None) -> set[str]:
    """The sub-event types open to an event whose weapon the rules read as ``mode``: all but the weapon-specific
    ones of other weapons and those the mode rules out (``acled_not_for_mode``)."""
    table = ontology()
    never = set(table.get("acled_not_for_mode", {}).get(mode, ()))  # rioters: no peaceful protest
    return {
        x for subs in table["acled"].values() for x in subs if mode in table["acled_needs_mode"].get(x, [mode])
    } - never


def decide(
    model: Model,
    x,
    rules_label: str | None,
    event_type: str | None,
    mode: str | None,
    second: Callable[[], str] | None = None,
) -> str | None:
    """The model's sub-event type for an event the rules coded ``rules_label`` (None: keep the rules'). ``second``
    is the type the bare-sentence model (``detect``) reads in the event's words: a type the event's PLOVER type
    cannot have needs it to agree. An event the rules gave no ACLED type (a surrender, a handover) gets one of
    those its PLOVER type can have, when the model is at least ``cross_probability`` sure."""
    table = ontology()
    unfit = untold(x)  # no protest told: no protest type
    kept = (allowed_labels(event_type, mode) or set()) - unfit
    label, p = model.predict(x, armed_labels(mode) - unfit)
    weapon_read = any(mode in modes for modes in table["acled_needs_mode"].values())
    least = language_floor(model.meta, x.lang)
    bar = max(least, float(model.meta.get("weapon_cross_probability" if weapon_read else "cross_probability", 1.1)))
    crossable = (
        rules_label is not None
        and x.rule.get("modality") != "negated"  # what is denied is the act the trigger names, whatever else is told
        and label in table["acled_trigger"]
        and (not weapon_read or label in table["acled_weapon_not_used"])
        and p >= bar
    )
    if label not in kept and not (crossable and (second is None or second() == label)):  # asked only if needed
        if not kept:
            return None
        label, p = model.predict(x, kept)
    floor = max(least, model.min_probability if rules_label else float(model.meta.get("cross_probability", 1.1)))
    if label in (NONE, rules_label) or p < floor:
        return None
    return label


def retype(event, label: str) -> None:
    """``event`` coded ``label``, a sub-event type its PLOVER type cannot have: it takes that type's PLOVER type
    and mode (``acled_trigger``; a mode the new type does not know is dropped)."""
    table = ontology()
    spec = table["acled_trigger"][label]
    modes = table["plover"]["modes"].get(spec["type"], [])
    event.type = spec["type"]
    event.mode = spec.get("mode", event.mode if event.mode in modes else None)
    event.gtd_attack_type = events.coding.gtd_attack_type(event.type, event.mode)


def recode(doc: Document, model: Model, detector: Model | None = None) -> Document:
    """Every event gets the model's sub-event type where the model is sure enough: first those the rules coded for
    ACLED, then those they did not, unless one of those coded tells the same sentence (the denial of an
    abduction is no second abduction) or the event points at another (a claim, a denial). ``detector``: the
    bare-sentence model whose agreement a retyping needs (None: no second opinion is asked)."""
    trusted = set(model.meta.get("trusted_rules", ())) | set(ontology()["acled_rules_exact"])
    index = DocIndex(doc)
    coded = [e for e in doc.events if e.acled_sub_event_type]
    for event in coded:
        if event.acled_sub_event_type not in trusted:
            x = event_input(doc, event, index, roles=True)
            second = (lambda x=x: detector.predict(EventInput(x.lang, x.words, x.lemmas))[0]) if detector else None
            _apply(event, decide(model, x, event.acled_sub_event_type, event.type, event.mode, second))
    told = {(s.start, s.end) for e in coded for s in e.evidence}
    for event in doc.events:
        if event.acled_sub_event_type or event.related_event or told & {(s.start, s.end) for s in event.evidence}:
            continue
        _apply(event, decide(model, event_input(doc, event, index, roles=True), None, event.type, event.mode))
    return doc


def _apply(event, label: str | None) -> None:
    if label is None:
        return
    if label not in (allowed_labels(event.type, event.mode) or set()):
        retype(event, label)
    event.acled_event_type, event.acled_sub_event_type = event_type_of(label), label


def arm(doc: Document, model: Model) -> Document:
    """Every attack told with a weapon word gets the model's GTD weapon type where the model is sure enough (and
    does not answer Unknown); an attack the rules found no mode for takes the weapon's mode (``mode_by_gtd_weapon``).
    An attack told with no weapon word gets none: the model's priors ("claimed attacks are bombings") are no
    evidence."""
    if doc.language not in model.meta.get("languages", ()):
        return doc
    table = ontology()
    index = DocIndex(doc)
    told = weapon_words(doc.language or "en")
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
        return recode(doc, model, default_model("detect")) if model is not None else doc

    return coder
