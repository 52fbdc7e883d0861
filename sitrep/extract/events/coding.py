"""Coding an event into the label sets: PLOVER mode, ACLED event and sub-event type, GTD attack type.

The rules follow the ACLED codebook's precedence (an air strike during a ground battle is one Battles event):

* ASSAULT with two armed sides ("clashes", an attack on soldiers or police with small arms) -> Battles / Armed
  clash; capture of territory -> Non-state actor overtakes territory or Government regains territory;
* ASSAULT by remote means -> Explosions/Remote violence, sub-type by mode (suicide bomb, air/drone strike,
  shelling, IED, grenade, chemical weapon);
* one-sided ASSAULT on civilians -> Violence against civilians (Attack, Abduction, Sexual violence);
* destruction of property without victims -> Strategic developments / Looting/property destruction;
* PROTEST -> Protests or Riots (intervention and excessive force read from what else the sentence says);
* arrests, seized weapons, bases, agreements, transfers of territory -> Strategic developments.

The labels themselves are data (``sitrep/knowledge/data/ontology.yaml``) and a test checks every label coded here is one
of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.extract.context import Context
from sitrep.knowledge.ontology import ontology

STATE_TYPES = frozenset({"government", "security_force"})
ARMED_TYPES = frozenset({"armed_group", "security_force"})


@dataclass
class Facts:
    """What coding needs to know about an event."""

    type: str
    mode: str | None
    flags: frozenset[str]
    actor_types: list[str]
    target_types: list[str]
    killed: int = 0
    protest_context: frozenset[str] = frozenset()  # "intervention", "force" seen near a protest


def acled(f: Facts) -> tuple[str | None, str | None]:
    """(ACLED event type, sub-event type) or (None, None) when ACLED would not code it."""
    t, mode, flags = f.type, f.mode, f.flags
    if t == "ASSAULT":
        return _assault(f)
    if t == "PROTEST":
        if "mob" in flags:
            return "Riots", "Mob violence"
        if mode == "riot":
            return "Riots", "Violent demonstration"
        if "force" in f.protest_context:
            return "Protests", "Excessive force against protesters"
        if "intervention" in f.protest_context:
            return "Protests", "Protest with intervention"
        return "Protests", "Peaceful protest"
    if t == "COERCE":
        if mode == "arrest":
            return "Strategic developments", "Arrests"
        if "disrupted" in flags:
            return "Strategic developments", "Disrupted weapons use"
        if "looting" in flags:
            return "Strategic developments", "Looting/property destruction"
        return "Strategic developments", "Other"
    if t == "AGREE" or (t == "CONCEDE" and mode == "ceasefire") or (t == "SUPPORT" and "agreement" in flags):
        return "Strategic developments", "Agreement"
    if t == "MOBILIZE":
        if "base" in flags:
            return "Strategic developments", "Headquarters or base established"
        if "new_group" in flags:
            return "Strategic developments", "Change to group/activity"
        return "Strategic developments", "Other"
    if t == "RETREAT" and "transfer" in flags:
        return "Strategic developments", "Non-violent transfer of territory"
    return None, None


def _assault(f: Facts) -> tuple[str, str]:
    mode, flags = f.mode, f.flags
    armed_actors = [x for x in f.actor_types if x in ARMED_TYPES]
    if "territory" in flags:
        if any(x in STATE_TYPES for x in f.actor_types):
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    if "clash" in flags and mode not in ("aerial", "drone", "heavy-weapons"):
        return "Battles", "Armed clash"
    if mode == "explosives" and "grenade" in flags:
        return "Explosions/Remote violence", "Grenade"
    by_mode = ontology()["acled_by_mode"]
    if mode in by_mode:
        event_type, sub = by_mode[mode]
        return event_type, sub
    if mode == "destroy" and "property" in flags and not f.killed:
        return "Strategic developments", "Looting/property destruction"
    armed_targets = [x for x in f.target_types if x in ARMED_TYPES]
    if armed_targets and (armed_actors or not f.actor_types):
        return "Battles", "Armed clash"
    if mode == "crowd-control":  # a crowd dispersed: the protest is the event; lethal force is excessive
        return "Protests", "Excessive force against protesters" if f.killed else "Protest with intervention"
    return "Violence against civilians", "Attack"


def gtd_attack_type(event_type: str, mode: str | None) -> str | None:
    if event_type != "ASSAULT":
        return None
    return ontology()["gtd_attack_type"].get(mode or "", "Unknown")


def gtd_weapon(event_type: str, mode: str | None) -> str | None:
    """The GTD weapon type an attack's mode tells (None when it tells none: a kidnapping, a bare attack)."""
    if event_type != "ASSAULT":
        return None
    return ontology()["gtd_weapon_by_mode"].get(mode or "")


def mode_of(
    ctx: Context, sentences: list[int], modes: list[str | None], event_type: str, skip: Sequence[tuple[int, int]] = ()
) -> str | None:
    """The PLOVER mode: the triggers' own, and for ASSAULT also the weapons named in the event's sentences (less
    the ``skip`` spans, which tell another incident) — the most specific one (chemical > suicide attack > drone >
    aerial > ... > destruction)."""
    found = [m for m in modes if m]
    if event_type != "ASSAULT":  # the first mode of the type ("demo" for a protest that began as arrests)
        own = ontology()["plover"]["modes"].get(event_type, [])
        return next((m for m in found if m in own), found[0] if found else None)
    words, incendiary, cued = _weapons_named(ctx, _text_of(ctx, sentences, skip))
    if len(set(sentences)) > 1:  # a weapon told only after the first sentence named another is not this attack's
        _, _, first = _weapons_named(ctx, _text_of(ctx, [min(sentences)], skip))  # ("A rocket was fired at Sderot.
        cued = first | (cued & REFINED) if first else cued  # ... amid Israeli air raids"), unless it refines it
    if incendiary:
        found.append("primitive")
        if "explosives" not in cued:  # "a firebomb was thrown": the trigger's bomb was the firebomb
            found = [m for m in found if m != "explosives"]
    if not cued and not found:  # "armed men attacked": the weapon the attackers imply, when nothing names one
        implied = ctx.lex.events.get("weapons_implied", {})
        found = [m for m, cues in implied.items() if any(f" {c}" in words for c in cues)]
    found += sorted(cued)
    ranked = [m for m in MODE_ORDER if m in found]
    return ranked[0] if ranked else None


def trigger_modes(mentions: list) -> list[str | None]:
    """The modes an event's trigger words tell; a learned proposal's only when no word of the lexicon told the
    event ("Shots were fired at the residence. There were no injuries." is no bombing because the model read the
    second sentence as one)."""
    own = [m.trigger.mode for m in mentions if not m.trigger.has("learned")]
    return own if len(own) < len(mentions) and own else [m.trigger.mode for m in mentions]


def mode_before(ctx: Context, first: int) -> str | None:
    """The mode of an attack told by its toll alone ("7 killed.", "Several passengers were injured.") from the
    weapons the sentence before it names, in the same paragraph, when its own sentences named none: "a drone struck
    the market. 7 killed." (a verb like "struck" tells no attack by itself, so the toll is the only trigger)."""
    if first <= 0 or ctx.paragraphs[first - 1] != ctx.paragraphs[first]:
        return None
    return mode_of(ctx, [first - 1], [], "ASSAULT")


def mode_by_target(ctx: Context, tokens: list[int]) -> str | None:
    """The mode of an attack told by a verb of firing that names no weapon («обстреляли»), from what was fired on
    (``fire_at`` in events_<lang>.yaml): a town or village — a place, or a word for one — was shelled (heavy
    weapons); a post, a vehicle, a patrol or people were fired on (firearms); nothing named: the ``default``."""
    spec = ctx.lex.events.get("fire_at")
    if not spec:
        return None
    toks, parse = ctx.doc.layers.tokens, ctx.parse
    for t in tokens:
        if toks[t].lemma not in spec["words"]:
            continue
        aims = [k for k in parse.kids(t, "obj", "nmod", "obl") if parse.case_of(k) in spec["cases"]]
        if not aims:
            return spec.get("default")
        k = aims[0]
        place = ctx.index.covering(toks[k].start, toks[k].end, places=True)
        return spec["place"] if place is not None or toks[k].lemma in spec["settlements"] else spec["other"]
    return None


def protest_context(ctx: Context, sentences: list[int], event_type: str) -> frozenset[str]:
    """What the protest's sentences say of the authorities' response: "intervention" (dispersed, tear gas,
    arrests) and "force" (protesters killed, fired on) — ACLED's protest sub-types."""
    if event_type != "PROTEST":
        return frozenset()
    text = _text_of(ctx, sentences)
    cues = ctx.lex.events["protest_context"]
    return frozenset(kind for kind, words in cues.items() if any(w in text for w in words))


REFINED = frozenset({"suicide-attack", "unconventional"})  # what a later sentence may add to the weapon told first


def _weapons_named(ctx: Context, text: str) -> tuple[str, bool, set[str]]:
    """The modes whose weapons ``text`` names: its words (incendiary weapons taken out), whether it named an
    incendiary weapon, and the modes cued."""
    words = f" {text} "
    incendiary = False
    for phrase in ctx.lex.events["incendiary_weapons"]:  # "petrol bombs": fire, not the bombs of the cues below
        if f" {phrase}" in words:
            words = words.replace(f" {phrase}", " ")
            incendiary = True
    cued = set()
    other = "|".join(re.escape(w) for w in ctx.lex.events.get("weapon_not_before", ()))
    words = re.sub(rf" (?=(?:{other})\b)", "_", words) if other else words  # "air force_officer.": no cue
    blast = set(ctx.lex.events.get("incendiary_blast", ())) if incendiary else set()
    for mode, cues in ctx.lex.events["weapons"].items():
        cues = [c for c in cues if c not in blast] if mode == "explosives" else cues  # "the blast": the firebomb's
        if any(f" {c} " in words or f" {c}," in words or f" {c}." in words for c in cues):
            cued.add(mode)
    return words, incendiary, cued


def _text_of(ctx: Context, sentences: list[int], skip: Sequence[tuple[int, int]] = ()) -> str:
    text = " ".join(ctx.sentence_span(s).text.lower() for s in sentences)
    if not skip:
        return text
    out = []
    for s in sentences:  # the sentences with what they tell of other incidents left out
        span = ctx.sentence_span(s)
        chars = list(span.text.lower())
        for a, b in skip:
            for k in range(max(a, span.start), min(b, span.end)):
                chars[k - span.start] = " "
        out.append("".join(chars))
    return " ".join(out)


MODE_ORDER = (
    "unconventional",  # ACLED: a chemical weapon is one whatever delivered it (a shell, a drone, a helicopter)
    "suicide-attack",
    "drone",
    "aerial",
    "heavy-weapons",
    "explosives",
    "sexual",  # ACLED: sexual violence is coded so whatever else was done ("abducted and raped two women")
    "abduct",
    "targeted",
    "firearms",
    "torture",
    "beat",
    "primitive",
    "crowd-control",
    "destroy",
)
