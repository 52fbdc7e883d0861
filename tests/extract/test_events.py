"""The events stage, run through the whole pipeline on short hand-written reports (published 2024-05-15)."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.settings import load


def run(text: str, published: str = "2024-05-15") -> sitrep.Document:
    return sitrep.analyze(text, published=published)


def names(doc, ids):
    return {doc.entity(i).name for i in ids}


def only(doc, type_=None):
    found = [ev for ev in doc.events if type_ is None or ev.type == type_]
    assert len(found) == 1, [(ev.type, [t.text for t in ev.triggers]) for ev in doc.events]
    return found[0]


@pytest.mark.parametrize(
    "text, mode, acled",
    [
        (
            "A suicide bomber blew himself up at a mosque in Peshawar on Friday, killing 12 worshippers.",
            "suicide-attack",
            ("Explosions/Remote violence", "Suicide bomb"),
        ),
        (
            "A roadside bomb exploded near a police van in Quetta on Monday, wounding four policemen.",
            "explosives",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
        (
            "A drone strike hit a compound in North Waziristan on Sunday, killing three militants.",
            "drone",
            ("Explosions/Remote violence", "Air/drone strike"),
        ),
        (
            "Militants fired mortar shells at a checkpoint in Kunar province on Tuesday.",
            "heavy-weapons",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (
            "Gunmen kidnapped two aid workers in Kandahar on Saturday.",
            "abduct",
            ("Violence against civilians", "Abduction/forced disappearance"),
        ),
        ("Gunmen shot dead a shopkeeper in Karachi on Monday.", "firearms", ("Violence against civilians", "Attack")),
        (
            "Attackers threw a hand grenade at a bus stop in Srinagar on Monday, injuring seven people.",
            "explosives",
            ("Explosions/Remote violence", "Grenade"),
        ),
    ],
)
def test_events_attacks_of_every_kind(text, mode, acled):
    ev = only(run(text), "ASSAULT")
    assert ev.mode == mode
    assert (ev.acled_event_type, ev.acled_sub_event_type) == acled
    assert ev.location is not None and ev.evidence and ev.modality == "asserted"
    assert ev.date.precision == "day"


def test_events_counts_date_place_and_parties():
    doc = run("A suicide bomber killed 14 policemen and wounded 32 others at a training centre in Quetta on Monday.")
    ev = only(doc, "ASSAULT")
    assert (ev.fatalities.best, ev.injuries.best) == (15, 32)  # the bomber is among the dead (GTD, ACLED)
    assert ev.fatalities.attackers == 1
    assert ev.date.start == "2024-05-13"
    assert doc.entity(ev.location).name == "Quetta"
    assert names(doc, ev.actors) == {"Unidentified armed group (PK)"}
    assert names(doc, ev.targets) == {"Police (PK)"}


def test_events_one_incident_in_several_sentences_is_one_event():
    doc = run(
        "Gunmen attacked a police post in Kirkuk on Sunday. The attack killed three policemen. "
        "At least four police were wounded."
    )
    ev = only(doc, "ASSAULT")
    assert (ev.fatalities.best, ev.injuries.best) == (3, 4)
    assert len(ev.evidence) == 3


def test_events_another_attack_is_a_new_event():
    doc = run(
        "A bomb exploded in Kabul on Monday, killing two people. "
        "Another bomb exploded in Herat on Monday, killing five people."
    )
    attacks = [ev for ev in doc.events if ev.type == "ASSAULT"]
    assert sorted(doc.entity(ev.location).name for ev in attacks) == ["Herat", "Kabul"]
    assert sorted(ev.fatalities.best for ev in attacks) == [2, 5]


def test_events_claim_and_denial_of_responsibility():
    doc = run(
        "A bomb killed nine people at a market in Peshawar on Friday. Tehrik-i-Taliban Pakistan claimed "
        "responsibility for the bombing. Hafiz Gul Bahadur group denied any involvement in the attack."
    )
    attack = only(doc, "ASSAULT")
    assert names(doc, attack.claimed_by) == {"Tehrik-i-Taliban Pakistan"}
    claimed = {(doc.entity(r.actor).name, r.modality) for r in attack.responsibility}
    assert ("Tehrik-i-Taliban Pakistan", "claimed") in claimed
    denial = only(doc, "REJECT")
    assert denial.related_event == attack.id


@pytest.mark.parametrize(
    "text, modality",
    [
        ("Officials said militants attacked a convoy in Khost on Monday.", "reported"),
        ("Militants may have attacked a convoy in Khost on Monday.", "hedged"),
        ("ISKP will attack Western embassies in Kabul next week.", "future"),
        ("Militants did not attack the convoy in Khost on Monday.", "negated"),
    ],
)
def test_events_modality(text, modality):
    doc = run(text)
    ev = only(doc, "THREATEN" if modality == "future" else "ASSAULT")  # a future attack is a threat (PLOVER)
    assert ev.modality == modality
    assert ev.mode == "violence" or modality != "future"


def test_events_attributed_to_the_source():
    doc = run("According to the Interior Ministry, gunmen killed five soldiers in Zhob on Tuesday.")
    ev = only(doc, "ASSAULT")
    assert ev.modality == "reported" and "Interior Ministry" in doc.entity(ev.attributed_to).name


@pytest.mark.parametrize(
    "text, source",
    [
        # police or the military as a body are the source, as «в полиции сообщили» is in Russian
        ("Police said gunmen shot dead two shopkeepers in Karachi on Sunday.", "police"),
        ("According to police, a grenade attack wounded five people in Srinagar on Friday.", "police"),
        ("Militants stormed a checkpoint near Bannu overnight, the police said.", "police"),
        ("A roadside bomb killed three soldiers in Kunar on Tuesday, a police spokesman said.", "police spokesman"),
        ("Rebels shelled a market in Goma on Monday, the army said.", "army"),
        ("Two guards were wounded in an attack on a bank in Kano, law enforcement officials said.",
         "law enforcement officials"),
    ],
)  # fmt: skip
def test_events_police_and_the_military_said_name_the_source(text, source):
    doc = run(text)
    ev = only(doc, "ASSAULT")
    src = doc.entity(ev.attributed_to)
    assert ev.modality == "reported" and src.name.lower() == f"{source} (unnamed)"
    assert src.type == "security_force"


@pytest.mark.parametrize(
    "text, modality",
    [
        # the lead's reporting frame holds for the later sentences that tell the incident without a cue of their own
        ("Gunmen opened fire on a police patrol in Quetta on Monday, officials said. Two officers were wounded.",
         "reported"),
        ("According to preliminary reports, five people were killed in a bomb blast in Quetta.", "hedged"),
        ("Investigators do not exclude that the bombing in Quetta was carried out by the BLA.", "hedged"),
        # a hedge of the speaker's own stays in its sentence: the blast itself is told as fact
        ("Experts believe that the BLA carried out the bombing in Quetta. Five people were killed in the blast.",
         "asserted"),
    ],
)  # fmt: skip
def test_events_reporting_frames_and_hedged_sources(text, modality):
    assert only(run(text), "ASSAULT").modality == modality


def test_events_generic_and_aggregate_mentions_are_not_events():
    doc = run("Suicide attacks are common in the region. The group carried out several hundred attacks in 2016.")
    assert [ev for ev in doc.events if ev.type == "ASSAULT"] == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Attacks on police posts continued in the province.", []),  # habitual: its verb
        ("The insurgents often attack convoys on this road.", []),  # habitual: a modifier
        # a verb the trigger governs does not make it habitual: one promise
        ("Defence Secretary John Hale has promised to continue military aid to Mozambique.", ["AGREE"]),
    ],
)
def test_events_habitual_words_of_the_clause_not_of_what_it_governs(text, found):
    assert [ev.type for ev in run(text).events] == found


@pytest.mark.parametrize(
    "text, type_, sub",
    [
        ("Police arrested six suspected militants in Mastung on Saturday.", "COERCE", "Arrests"),
        (
            "Hundreds of people protested in Quetta on Tuesday. Police dispersed the protesters with tear gas.",
            "PROTEST",
            "Protest with intervention",
        ),
        ("Rioters set fire to shops in Lahore on Monday.", "PROTEST", "Violent demonstration"),
        # signing is PLOVER SUPPORT (the manual's 3.3); ACLED calls it an agreement
        ("The Taliban and the United States signed an agreement in Doha on Saturday.", "SUPPORT", "Agreement"),
        ("The Taliban promised to release the prisoners next week.", "AGREE", "Agreement"),
        ("Pakistani troops clashed with BLA militants near Turbat on Tuesday.", "ASSAULT", "Armed clash"),
    ],
)
def test_events_other_types(text, type_, sub):
    doc = run(text)
    found = [ev for ev in doc.events if ev.type == type_]
    assert found and found[0].acled_sub_event_type == sub


def test_events_arrest_counts_and_threat():
    doc = run(
        "Security forces arrested 23 suspects in Karachi on Sunday. The TTP threatened to attack government offices."
    )
    arrest = only(doc, "COERCE")
    assert arrest.arrested.best == 23
    threat = only(doc, "THREATEN")
    assert names(doc, threat.actors) == {"Tehrik-i-Taliban Pakistan"}


def test_events_evidence_and_triggers_quote_the_text():
    doc = run("A car bomb exploded outside a hotel in Mogadishu on Friday, killing at least 30 people.")
    for ev in doc.events:
        for span in [*ev.evidence, *ev.triggers]:
            assert doc.text[span.start : span.end] == span.text


def test_events_recognition_and_accusation_between_states():
    doc = run("Russia recognized the Taliban government in July 2025.")
    support = only(doc, "SUPPORT")
    assert names(doc, support.actors) == {"Russia"} and names(doc, support.targets) == {
        "Islamic Emirate of Afghanistan"
    }
    doc = run("Pakistan accused Afghanistan of sheltering the TTP.")
    accuse = only(doc, "ACCUSE")
    assert (names(doc, accuse.actors), names(doc, accuse.targets)) == ({"Pakistan"}, {"Afghanistan"})


@pytest.mark.parametrize(
    "text, type_",
    [
        ("Finland will give Tanzania a grant of 580 million shillings.", "AGREE"),  # future aid is AGREE
        ("The Palestinians reject the proposed changes to the deal.", "REJECT"),
        ("President Karzai has resigned.", "RETREAT"),
        ("Switzerland expelled two Russian diplomats for spying.", "SANCTION"),
    ],
)
def test_events_plover_rules_for_political_acts(text, type_):
    assert type_ in {ev.type for ev in run(text).events}


def test_events_a_clash_keeps_its_sides_dead_out_of_the_targets() -> None:
    doc = run(
        "On Tuesday, Pakistani troops clashed with militants of the Balochistan Liberation Army near Turbat. "
        "Three soldiers and five militants were killed in the fighting, the army said."
    )
    ev = only(doc, "ASSAULT")
    assert "Balochistan Liberation Army" in names(doc, ev.actors)
    assert not [t for t in ev.targets if doc.entity(t).origin == "description"]
    assert ev.fatalities is not None and ev.fatalities.best == 8


def test_events_an_attack_keeps_its_victims_as_targets() -> None:
    doc = run("Gunmen attacked a checkpoint in Kunar on Monday, killing five policemen.")
    ev = only(doc, "ASSAULT")
    assert ev.targets


def test_events_a_place_phrase_after_the_count_adds_no_victim() -> None:
    ev = only(run("Suicide bombing kills 14 at Quetta police training centre"), "ASSAULT")
    assert ev.fatalities is not None and ev.fatalities.best == 14


def test_events_a_headline_figure_gives_way_to_the_same_figure_qualified() -> None:
    doc = run(
        "Suicide bombing kills 14 at Quetta police training centre\n\n"
        "A suicide bomber blew himself up at a police training centre in Quetta on Monday, killing at least "
        "14 policemen."
    )
    ev = only(doc, "ASSAULT")
    # the qualified figure of the policemen, and the bomber (GTD and ACLED count a suicide attacker among the dead)
    assert (ev.fatalities.low, ev.fatalities.best, ev.fatalities.high, ev.fatalities.attackers) == (15, 15, None, 1)


@pytest.mark.parametrize(
    "text, target",
    [
        ("Police in Moscow arrested three people suspected of plotting a terrorist attack.", "Suspects (RU)"),
        ("Police arrested three suspects in Moscow on Tuesday.", "Suspects (RU)"),
        ("Security forces arrested six suspected militants in Quetta.", "Unidentified armed group (PK)"),
    ],
)
def test_events_arrested_people_are_typed_by_their_head_word(text: str, target: str) -> None:
    doc = run(text)
    assert names(doc, only(doc, "COERCE").targets) == {target}


def test_events_a_place_is_not_made_an_organisation() -> None:
    doc = run(
        "The publication notes that Balochistan has become a major base for the group, providing the terrorists "
        "with shelter and training facilities."
    )
    assert not [e for e in doc.entities if e.name == "Balochistan" and not e.is_place]


def test_events_a_title_before_a_name_makes_a_person() -> None:
    doc = run("President Bush condemned the attack.")
    ev = only(doc, "ACCUSE")
    assert [(doc.entity(a).name, doc.entity(a).type) for a in ev.actors] == [("Bush", "person")]


def test_events_a_capital_heading_a_political_act_stands_for_its_government() -> None:
    doc = run("Beirut again rejected on Thursday a United Nations appeal for deploying troops along its borders.")
    ev = only(doc, "REJECT")
    assert names(doc, ev.actors) == {"Beirut"}


def test_events_a_parliament_is_its_own_actor() -> None:
    doc = run("The Azerbaijani parliament threatened on Monday to break relations with Russia.")
    ev = only(doc, "THREATEN")
    assert [(doc.entity(a).name, doc.entity(a).type) for a in ev.actors] == [("Azerbaijani parliament", "government")]


def test_events_a_kind_of_attack_is_no_incident() -> None:
    doc = run(
        "No group claimed responsibility, but the Islamic State has carried out similar attacks on the Hazara "
        "minority in the past."
    )
    assert not [ev for ev in doc.events if ev.type == "ASSAULT"]


def test_events_an_ethnic_minority_is_not_a_location() -> None:
    doc = run("The Taliban condemned the attack on the Hazara minority.")
    assert doc.events and all(ev.location is None for ev in doc.events)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Police said they had arrested 12 suspects in Peshawar on Saturday.", "Police (PK)"),
        ("The Taliban said they had captured the district on Monday.", "Taliban"),
    ],
)
def test_events_a_pronoun_subject_of_a_report_is_the_source(text: str, actor: str) -> None:
    doc = run(text)
    assert [names(doc, ev.actors) for ev in doc.events] == [{actor}]


def test_events_a_demonym_sets_the_country_of_generic_victims() -> None:
    doc = run("Gunmen attacked Afghan civilians in Quetta on Monday.")
    ev = only(doc, "ASSAULT")
    assert names(doc, ev.targets) == {"Civilians (AF)"}
    assert doc.entity(ev.location).name == "Quetta"


def test_an_event_told_days_after_another_gets_its_date():
    doc = sitrep.analyze(
        "A suicide bomber killed 12 people at a market in Kabul on 3 March 2024. Two days after the attack, gunmen "
        "shot dead a police officer in Kandahar.",
        published="2024-03-10",
    )
    dated = {ev.evidence[0].text.split(",")[0]: ev.date.start for ev in doc.events}
    assert dated["Two days after the attack"] == "2024-03-05"


def test_events_a_clause_told_n_days_before_the_attack_is_dated_back_and_the_attack_keeps_its_date():
    doc = sitrep.analyze(
        "A suicide bomber killed 12 people at a market in Kabul on 3 March 2024. The attack came two days after "
        "police arrested six suspected militants in Kandahar.",
        published="2024-03-10",
    )
    dates = sorted((ev.type, ev.date.start) for ev in doc.events)
    assert dates == [("ASSAULT", "2024-03-03"), ("COERCE", "2024-03-01")]


def test_events_a_relative_clause_is_not_part_of_the_party() -> None:
    # "by gunmen who opened fire on him": the agent is the gunmen; "him" (the victim) inside the clause is not
    doc = sitrep.analyze("Ibrahim Mohsin was killed by gunmen who opened fire on him in Baghdad.")
    (ev,) = doc.events
    names = {e.id: e.name for e in doc.entities}
    assert [names[a] for a in ev.targets] == ["Ibrahim Mohsin"]
    assert "Ibrahim Mohsin" not in [names[a] for a in ev.actors] and ev.actors


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Pakistan demanded that India stop the shelling along the Line of Control.", "India"),
        ("Russia threatened to break relations with Georgia over the arrests.", "Georgia"),
    ],
)
def test_events_the_party_a_clause_is_aimed_at_is_the_target(text: str, target: str) -> None:
    # no object of its own: the subject of the complement clause, or the object of the infinitive
    doc = sitrep.analyze(text)
    names = {e.id: (e.name, e.country) for e in doc.entities}
    targets = [names[t] for ev in doc.events for t in ev.targets]
    assert any(target in (name, country) or target in name for name, country in targets), targets


def test_events_a_country_adjective_or_a_people_is_the_target() -> None:
    # a political act on "an Indian proposal" is aimed at India; "killed three ethnic Albanians": the Albanians
    doc = sitrep.analyze("Bangladesh has once again rejected an Indian proposal for a free trade agreement.")
    names = {e.id: (e.name, e.type, e.country) for e in doc.entities}
    (reject,) = [ev for ev in doc.events if ev.type == "REJECT"]
    assert [names[t] for t in reject.targets] == [("India", "government", "IN")]
    doc = sitrep.analyze("Serb forces killed three ethnic Albanians in a gunbattle near Presevo on Friday.")
    names = {e.id: (e.name, e.country) for e in doc.entities}
    (attack,) = [ev for ev in doc.events if ev.type == "ASSAULT"]
    assert ("ethnic Albanians", "AL") in [names[t] for t in attack.targets]
    assert attack.fatalities.best == 3


def test_events_the_subject_of_a_passive_shared_by_two_verbs_is_the_victim() -> None:
    # "X was shot and killed by ...": X is the victim of "killed" too, whatever the parse calls "was"
    doc = sitrep.analyze("Tribal leader Allah Khan was shot and killed by unidentified assailants in the Wana area.")
    (ev,) = doc.events
    names = {e.id: e.name for e in doc.entities}
    assert [names[t] for t in ev.targets] == ["Allah Khan"]
    assert "Allah Khan" not in [names[a] for a in ev.actors] and ev.fatalities.best == 1


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # a country's warplanes are its armed forces: the KB's one military of Syria
        ("Syrian warplanes bombed a market in Idlib, killing 12 civilians.", "Syrian Arab Army"),
        ("Сирийские боевые самолёты нанесли удар по рынку в Идлибе, погибли 12 мирных жителей.", "Syrian Arab Army"),
        (
            "Militiamen attacked a camp for displaced people near Djugu, killing nine people.",
            "Unidentified armed group (CD)",
        ),
    ],
)
def test_events_warplanes_and_militiamen_are_parties(text: str, actor: str) -> None:
    doc = sitrep.analyze(text)
    names = {e.id: e.name for e in doc.entities}
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert [names[a] for a in ev.actors] == [actor]


@pytest.mark.parametrize(
    "text",
    [
        "Police in Istanbul detained 46 people when they broke up a weekly vigil of mothers in Taksim Square.",
        "Security forces arrested dozens of people who had gathered in Cairo to protest the transfer of two islands.",
        "Police used tear gas to disperse teachers who had assembled outside parliament in Rabat, and 12 of them "
        "were arrested.",
    ],
)
def test_events_a_protest_broken_up_with_arrests_is_one_protest_with_intervention(text):
    # ACLED: the arrests (or the dispersal) are the protest's intervention, not an Arrests event of their own
    doc = run(text)
    assert len(doc.events) == 1, [(ev.type, ev.acled_sub_event_type) for ev in doc.events]
    ev = doc.events[0]
    assert (ev.acled_event_type, ev.acled_sub_event_type) == ("Protests", "Protest with intervention")
    assert ev.arrested is not None and ev.arrested.best >= 12


def test_events_arrests_elsewhere_stay_arrests():
    doc = run("Gunmen attacked a police post in Kirkuk on Sunday. Police arrested two suspects in Mosul on Monday.")
    assert sorted(ev.acled_sub_event_type for ev in doc.events) == ["Armed clash", "Arrests"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the dateline sets the report: an event whose sentences name no place happened there
        ("CHILE.  A bomb went off at a bank during the night.  One person was injured.", "Chile"),
        # a place named earlier in the paragraph, within the dateline's country
        (
            "ARGENTINA.  A small truck stopped in front of the embassy in Buenos Aires.  Gunmen inside it shot dead "
            "a police officer.",
            "Buenos Aires",
        ),
        ("KABUL, Afghanistan — Officials spoke on Monday. Gunmen later killed two soldiers.", "Kabul"),
    ],
)
def test_events_without_a_place_take_the_setting_of_their_paragraph_or_dateline(text, place) -> None:
    doc = sitrep.analyze(text, published="2024-05-15")
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert doc.entity(ev.location).name == place


@pytest.mark.parametrize(
    ("text", "place", "mentioned"),
    [
        # a place only inside an organisation's name
        ("A mortar attack on the Baghdad International Airport killed a guard.", "Baghdad", "Baghdad"),
        ("The Balochistan Liberation Army attacked a train.", "Balochistan", "Balochistan"),
        # the one country of the people and institutions it names
        ("An Iraqi police officer was wounded when gunmen attacked him.", "Iraq", "Iraqi"),
        ("Gunmen shot dead two Costa Rican police officers.", "Costa Rica", "Costa Rican"),
        ("Gunmen shot dead the chief engineer of the Iraqi Health Ministry.", "Iraq", "Iraqi"),
    ],
)
def test_events_in_a_text_naming_no_place_take_the_place_its_names_give(text, place, mentioned) -> None:
    doc = sitrep.analyze(text, published="2024-05-15")
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    loc = doc.entity(ev.location)
    assert loc.name == place and [m.text for m in loc.mentions] == [mentioned]


def test_events_a_known_group_acting_only_at_home_places_a_report_naming_no_place() -> None:
    doc = sitrep.analyze("New People's Army rebels ambushed a patrol and killed two soldiers.", published="2024-05-15")
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    loc = doc.entity(ev.location)
    assert (loc.name, loc.country, [m.kind for m in loc.mentions]) == ("Philippines", "PH", ["description"])


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A 62-year old stockbreeder was decapitated by members of the Salafist Group for Call and Combat (GSPC).",
         "DZ"),
        ("A car bomb exploded outside a disco. An anonymous caller from ETA had warned of the device.", "ES"),
    ],
)  # fmt: skip
def test_events_a_known_group_acting_in_several_countries_places_a_report_naming_nothing_else_at_home(
    text, country
) -> None:
    """The GSPC (of Algeria, acting across the Sahel) and ETA (Spain and France): a report that names no place,
    people or other party is set in the group's own country, as RAND and ACLED code it."""
    doc = sitrep.analyze(text, published="2005-06-15")
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert doc.entity(ev.location).country == country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a known group does not veto a country it acts in (ETA: Spain and France)
        ("Petrol bombs were thrown at a French police officer's car. ETA supporters were blamed.", "FR"),
        # the people of a region of one country
        ("A bomb destroyed the holiday home of a Corsican politician.", "FR"),
        ("Gunmen shot dead two Sinhalese farmers.", "LK"),
    ],
)
def test_events_a_text_naming_no_place_is_set_in_its_peoples_country(text, country) -> None:
    doc = sitrep.analyze(text, published="2024-05-15")
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert doc.entity(ev.location).country == country


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("CYPRUS.  Two gunmen shot dead a newspaper editor at the Nicosia Hilton Hotel.", "Nicosia"),
        ("A reporter of the Kabul Times in Afghanistan was shot and wounded by gunmen.", "Kabul"),
    ],
)
def test_events_placed_only_in_a_country_take_the_town_an_organisations_name_holds(text, town) -> None:
    doc = sitrep.analyze(text, published="2024-05-15")
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert doc.entity(ev.location).name == town


def test_events_a_known_group_acting_in_several_countries_places_a_report_only_in_its_country() -> None:
    """Until the fourth stop of 2026-12-07 such a report had no place; now its country, no town: AF for ISKP."""
    doc = sitrep.analyze("ISKP fighters ambushed a patrol and killed two soldiers.", published="2024-05-15")
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    loc = doc.entity(ev.location)
    assert (loc.type, loc.country, loc.geo.precision) == ("country", "AF", 3)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a place resolved by its name alone to a country nothing else in the text belongs to
        ("Militants fired a rocket at a checkpoint in Gaza. Hamas said it fired the rocket.", "PS"),
        ("Gunmen attacked the office of the Spanish Socialist Workers' Party in Vitoria.", "ES"),
        # named by another place's other name ("Samar" for Samara): the one that bears it as its own
        ("New People's Army rebels ambushed an army patrol in Samar, killing three soldiers.", "PH"),
        # a place far likelier by its name stays where it is, whoever the text names
        ("Gunmen shot dead a US tourist in Paris.", "FR"),
    ],
)
def test_events_a_place_in_a_country_no_one_named_belongs_to_is_the_one_in_theirs(text, country) -> None:
    doc = sitrep.analyze(text, published="2024-05-15")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert doc.entity(ev.location).country == country


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("ETA claimed the bombing of a bank in Sallent de Gallego.", "Sallent de Gallego", "ES"),
        ("A bomb damaged a gendarmerie in Furiani. The FLNC claimed the attack.", "Furiani", "FR"),
    ],
)
def test_events_an_unknown_place_takes_the_country_of_the_known_group_that_acts_there(text, place, country) -> None:
    doc = sitrep.analyze(text, published="2024-05-15")
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    loc = doc.entity(ev.location)
    assert (loc.name, loc.country, loc.geo) == (place, country, None)


def test_events_an_unknown_place_takes_the_one_country_the_text_names() -> None:
    doc = sitrep.analyze("Taliban fighters fired three rockets at Kelleyland.", published="2024-05-15")
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    loc = doc.entity(ev.location)
    assert (loc.name, loc.country, loc.geo) == ("Kelleyland", "AF", None)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked the U.S. Embassy building with machine gun fire.",
        "A bomb exploded outside the Iranian consulate.",
        "An Iraqi engineer and a Turkish driver were killed by gunmen.",  # two countries: none of them
    ],
)
def test_events_a_country_keeping_a_post_abroad_is_no_location(text) -> None:
    doc = sitrep.analyze(text, published="2024-05-15")
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert ev.location is None


def test_events_before_a_paragraph_names_a_place_take_the_one_it_names_later() -> None:
    text = "A bomb exploded near the office of the Education Board. Police said the bomb was planted in Quetta."
    doc = sitrep.analyze(text, published="2024-05-15")
    assert [doc.entity(ev.location).name for ev in doc.events if ev.type == "ASSAULT"] == ["Quetta"]


def test_events_a_place_in_another_paragraph_is_not_the_setting() -> None:
    text = "Officials met in Kabul on Monday.\n\nGunmen later killed two soldiers."
    doc = sitrep.analyze(text, published="2024-05-15")
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert ev.location is None


def test_events_molotov_cocktails_are_no_place() -> None:
    doc = sitrep.analyze("Two Molotov cocktails were thrown at a warehouse in Milan.", published="2024-05-15")
    assert [e.name for e in doc.entities if e.geo] == ["Milan"]


def test_events_a_perfect_the_parse_took_for_a_modifier_is_an_event() -> None:
    # the weak parse hangs "tortured" on "forces" as an adjective; "have" before it makes it a verb
    doc = sitrep.analyze("Security forces in Guinea have tortured scores of refugees, a rights group said Thursday.")
    assert [ev.type for ev in doc.events] == ["ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        # the parse hangs the verb on the victims as an adjective; a modifier would follow their numeral
        "Mai-Mai militia abducted 4 farmers from their fields near Kipese and demanded a ransom.",
        # a finite past tense is never a noun's modifier, whatever the parse made of the long name before it
        "Fighters of Jama'at Nusrat al-Islam wal-Muslimin seized Diapaga in eastern Burkina Faso on Saturday.",
        # "retook" taken for a present tense: its lemma says it is a past form, so no state of affairs
        "Somali forces retook Adan Yabaal from Al Shabaab after heavy fighting.",
    ],
)
def test_events_a_verb_the_parse_misread_still_tells_the_event(text: str) -> None:
    doc = sitrep.analyze(text, settings=load({"event_coder": "rules"}))
    assert [ev.type for ev in doc.events] == ["ASSAULT"]


def test_events_a_date_between_the_verb_and_its_infinitive_is_no_target() -> None:
    # "on Monday" is when; the target is the infinitive's ("to break relations with Russia")
    doc = sitrep.analyze("The Azerbaijani parliament threatened on Monday to break relations with Russia.")
    (ev,) = doc.events
    assert ev.type == "THREATEN" and [doc.entity(t).name for t in ev.targets] == ["Russia"]


@pytest.mark.parametrize(
    "text, type_",
    [
        ("Chile suspended trade talks with Peru on Wednesday.", "SANCTION"),
        ("The Indian foreign minister telephoned his Chinese counterpart on Sunday.", "CONSULT"),
        ("Egypt voted against the resolution on Friday.", "REJECT"),
        ("The Malian junta imprisoned three opposition leaders on Monday.", "COERCE"),
        ("Japan airlifted tents and blankets to Turkey on Tuesday.", "AID"),
        ("Thousands of dock workers took to the streets of Antwerp on Monday.", "PROTEST"),
        ("Kenya lifted the ban on opposition rallies on Thursday.", "CONCEDE"),
        ("Ecuador exchanged information with Colombia on smuggling networks on Friday.", "COOPERATE"),
    ],
)
def test_events_verbs_of_each_plover_type(text, type_):
    assert type_ in {ev.type for ev in run(text).events}


def test_events_the_speaker_is_the_party_of_a_pronoun_subject():
    doc = run("Hungary said on Monday it will support the new resolution.")
    agree = only(doc, "AGREE")  # future support is AGREE
    assert names(doc, agree.actors) == {"Hungary"}


def test_events_a_subject_the_parse_cut_off_before_the_verb():
    doc = run("Denmark today accepted the compromise on fishing quotas.")
    assert names(doc, only(doc, "AGREE").actors) == {"Denmark"}


def test_events_a_duty_laid_on_another_party_is_a_request():
    doc = run("UNICEF said on Monday that the Sudanese army must open the roads to aid convoys.")
    request = only(doc, "REQUEST")
    assert (names(doc, request.actors), names(doc, request.targets)) == ({"UNICEF"}, {"Sudanese Armed Forces"})


def test_events_a_future_act_on_a_condition_is_a_threat():
    doc = run("Ghana announced that it will withdraw its troops from Mali unless the junta holds elections.")
    threat = only(doc, "THREATEN")
    assert (names(doc, threat.actors), names(doc, threat.targets)) == ({"Ghana"}, {"Mali"})


@pytest.mark.parametrize(
    "text, party",
    [
        ("The rebels threatened new attacks unless the government releases their commanders.", "government"),
        ("The militia will attack the port if the authorities do not pay the salaries.", "authorities"),
    ],
)
def test_events_a_threat_on_a_condition_threatens_the_party_the_condition_is_laid_on(text, party):
    threat = only(doc := run(text), "THREATEN")
    assert names(doc, threat.targets) == {party}
    assert [e for e in doc.events if e.type == "ASSAULT"] == []  # the attacks threatened did not happen


def test_events_a_negated_if_clause_makes_no_threat_of_a_past_counterfactual():
    doc = run("Dozens of passengers would have died if the driver had not stopped the bus.")
    assert not any(names(doc, e.targets) == {"driver"} for e in doc.events)


def test_events_the_place_a_political_act_is_aimed_at_is_its_recipient():
    doc = run("The Bolivian government imposed a curfew in Cochabamba on Sunday.")
    coerce = only(doc, "COERCE")
    assert names(doc, coerce.targets) == {"Cochabamba"}
    doc = run("Portugal rejected a European Commission appeal for new border controls on Tuesday.")
    assert "European Commission" in names(doc, only(doc, "REJECT").targets)


def test_events_a_verbal_act_in_the_present_is_news_of_the_day():
    doc = run("Ukrainian farmers are demanding compensation from the government in Kyiv.")
    assert "REQUEST" in {ev.type for ev in doc.events}
    doc = run("The Taliban are fighting ISIS in the east.")
    assert "ASSAULT" not in {ev.type for ev in doc.events}  # a state of affairs with no date stays a fact


def test_events_the_purpose_of_an_act_is_not_an_event_of_its_own():
    doc = run("Norway will give Malawi a loan of 40 million dollars over five years to fund new clinics.")
    assert [ev.type for ev in doc.events] == ["AGREE"]  # future aid, not also aid given now


def test_events_the_name_in_an_apposition_is_the_actor():
    doc = run("The largest opposition party, the Movement for Democratic Change, rejected the new constitution.")
    assert "Movement for Democratic Change" in names(doc, only(doc, "REJECT").actors)


def test_events_according_to_is_no_agreement():
    doc = run("Police arrested four men in Lyon on Monday, according to the prosecutor.")
    assert "AGREE" not in {ev.type for ev in doc.events}


@pytest.mark.parametrize(
    "text, type_",
    [
        ("The Turkish army lifted on Friday a week-old blockade of the Kurdish villages.", "RETREAT"),
        ("Japan sent two more warships to the East China Sea on Monday.", "MOBILIZE"),
        ("Lithuania recalled its ambassador from Minsk on Tuesday.", "SANCTION"),
        ("Правительство Молдавии отозвало своего посла из Москвы.", "SANCTION"),
    ],
)
def test_events_a_verb_and_its_object_tell_an_act(text, type_):
    assert type_ in {ev.type for ev in run(text).events}


def test_events_an_arrest_stays_when_a_word_that_needs_an_actor_joins_it():
    doc = run("В Казани задержан мужчина. У него изъяли пистолет и две гранаты.")
    assert "COERCE" in {ev.type for ev in doc.events}  # «изъяли» has no subject: the arrest keeps the event


@pytest.mark.parametrize(
    "text",
    [
        "Masked gunmen killed a shopkeeper in Rahim Nagar, Kupwara.",
        "Gunmen abducted and shot dead Bashir Ahmad Lone in the village of Tral.",
        "Unidentified gunmen shot a teacher in Dangerpora, Baramulla.",
    ],
)
def test_events_the_attackers_phrase_stops_at_the_attack(text) -> None:
    # a participle the parse hung on "gunmen" is not part of the gunmen's phrase: the victim and the place it
    # names are not the attackers
    doc = sitrep.analyze(text, published="2024-05-15")
    ents = {e.id: e for e in doc.entities}
    attacks = [ev for ev in doc.events if ev.type == "ASSAULT"]
    assert attacks
    assert all(ents[a].origin == "description" for ev in attacks for a in ev.actors), [
        ents[a].name for ev in attacks for a in ev.actors
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Abdul-Rahim Shah, an assistant district head in the Sangin area of Helmand was wounded in an ambush on his way"
        " to work.",
        "Karim Sultani, the owner of a pharmacy in Herat, was injured in a grenade attack on his shop.",
    ],
)
def test_events_the_wounded_subject_of_was_is_no_attacker(text) -> None:
    # "was wounded" with "wounded" tagged as an adjective is still passive: its subject is the victim
    doc = sitrep.analyze(text, published="2024-05-15")
    ents = {e.id: e for e in doc.entities}
    attacks = [ev for ev in doc.events if ev.type == "ASSAULT"]
    assert attacks
    assert not any(ents[a].type == "person" for ev in attacks for a in ev.actors)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a street names where in the town the report is set: the event's place is the town
        ("Gunmen stormed a bank in central Lyon on Monday. A grenade was thrown at the door of a shop on Rue "
         "Garibaldi Avenue, wounding two guards.", "Lyon"),
        ("A car bomb exploded on Palestine Street in Baghdad, killing four policemen.", "Baghdad"),
        # a street and no town: the street is all the text gives
        ("A roadside bomb exploded on Highway 1, killing two soldiers.", "Highway 1"),
    ],
)  # fmt: skip
def test_events_street_lies_in_the_reports_town(text: str, place: str) -> None:
    doc = run(text)
    attacks = [ev for ev in doc.events if ev.type == "ASSAULT"]
    assert attacks and doc.entity(attacks[0].location).name == place


@pytest.mark.parametrize(
    "text",
    [
        "A training camp for militants was set up in the hills above Mosul last year.",
        "Под Хасавюртом был создан лагерь подготовки боевиков.",
    ],
)
def test_events_a_base_set_up_by_nobody_named_belongs_to_the_armed_group_it_is_for(text):
    doc = run(text)
    base = next(e for e in doc.events if e.acled_sub_event_type == "Headquarters or base established")
    assert [e.type for e in doc.entities if e.id in base.actors] == ["armed_group"]


@pytest.mark.parametrize(
    "text, not_actor",
    [
        ("An explosion in the Lekki Trade Centre car park injured ten people.", "Lekki Trade Centre"),
        ("A fire in the Kiev Palace Hotel ballroom killed two guests.", "Kiev Palace Hotel"),
        ("Gunmen abducted two engineers on the highway between Baiji and Tikrit on Friday.", "Tikrit"),
    ],
)
def test_events_a_venue_or_a_town_is_never_who_attacked(text, not_actor):
    doc = run(text)
    attack = next(e for e in doc.events if e.type == "ASSAULT")
    assert not any(not_actor in name for name in names(doc, attack.actors))


@pytest.mark.parametrize(
    "text",
    [
        "On Friday armed men stormed a police checkpoint in Kirkuk.",
        "On 9 August unidentified gunmen ambushed a patrol near Gao.",
    ],
)
def test_events_the_subject_after_a_date_the_parse_joined_to_it_is_the_actor(text):
    doc = run(text)
    attack = next(e for e in doc.events if e.type == "ASSAULT")
    assert [e.type for e in doc.entities if e.id in attack.actors] == ["armed_group"]
    assert not any(e.type == "armed_group" for e in doc.entities if e.id in attack.targets)


@pytest.mark.parametrize(
    "text",
    [
        "A number of petrol bombs were thrown at a police station in Derry on Saturday night.",
        "Activists set fire to offices of Tribhuvan Sanskrit University, destroying student records and 20,000 old "
        "Nepali manuscripts.",
        "A low-powered explosive was thrown at the German Embassy in Quito.",  # not a weapon found
    ],
)
def test_events_an_attack_the_parse_hid_is_still_told(text):
    # "a number of bombs were thrown" is one incident, not a tally of kinds; a word with an object ("set fire")
    # is a verb however the tagger took it
    assert [ev.type for ev in run(text).events] == ["ASSAULT"]


def test_events_a_number_of_attacks_with_no_act_stays_a_tally():
    assert not [ev for ev in run("A number of attacks took place in Kabul last year.").events if ev.type == "ASSAULT"]


@pytest.mark.parametrize(
    ("text", "actor", "modality"),
    [
        ("Police blamed the Hizbul Mujahideen for the grenade attack in Sopore.", "Hizbul Mujahideen", "hedged"),
        ("The Shining Path is suspected of perpetrating a bomb attack on a power pylon near Ayacucho.",
         "Shining Path", "hedged"),
        ("The Shining Path is responsible for placing a bomb at the gas plant near Ayacucho.", "Shining Path",
         "asserted"),
    ],
)  # fmt: skip
def test_events_a_party_blamed_is_alleged_one_said_responsible_is_not(text, actor, modality):
    doc = run(text)
    ev = only(doc, "ASSAULT")
    assert actor in names(doc, ev.actors)
    assert {r.modality for r in ev.responsibility if doc.entity(r.actor).name == actor} == {modality}


@pytest.mark.parametrize(
    ("text", "actor", "accuser"),
    [
        # the one who blames only accuses: the act is the party blamed's
        ("Police blamed the Hizbul Mujahideen for bombing a bridge in Sopore.", "Hizbul Mujahideen", "Police"),
        # the parse hangs "for blowing up" on the party blamed; "blowing up" is the attack
        ("Authorities blame the Shining Path for blowing up a power pylon near Ayacucho.", "Shining Path", "Police"),
        # "presumed responsible", "dynamiting": the party said to be behind the attack, the attack itself
        ("The Shining Path is presumed responsible for dynamiting three power pylons near Ayacucho.", "Shining Path",
         "Police"),
    ],
)  # fmt: skip
def test_events_the_party_blamed_for_an_act_told_by_a_gerund_is_its_actor(text, actor, accuser):
    doc = run(text)
    ev = only(doc, "ASSAULT")
    assert actor in names(doc, ev.actors)
    assert not any(accuser in n for n in names(doc, ev.actors))
    assert {r.modality for r in ev.responsibility if doc.entity(r.actor).name == actor} <= {"hedged", "asserted"}


def test_events_a_weapon_word_before_its_owner_names_no_weapon():
    # "an Air Force officer was shot": the officer's service, not an air strike; "coal mine workers": no landmine
    doc = run("An Air Force officer and two coal mine workers were shot dead by gunmen outside a market in Quetta.")
    assert only(doc, "ASSAULT").mode == "firearms"
    doc = run("Gunmen shot dead two policemen and a retired Air Force officer.")  # the owner ends the sentence
    assert only(doc, "ASSAULT").mode == "firearms"


def test_events_a_participle_after_its_subjects_compound_is_the_verb():
    # the tagger made "bombed" a modifier of "hideouts" and "air force" a compound of it: the air force bombed
    ev = only(run("The air force bombed militant hideouts in North Waziristan on Monday."), "ASSAULT")
    assert ev.mode == "aerial"
    doc = run("The Pakistani air force bombed militant hideouts in North Waziristan on Monday.")
    assert names(doc, only(doc, "ASSAULT").actors) == {"Pakistan Air Force"}  # the compound is its subject


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        # the blast of a text naming only an incendiary weapon is that weapon's: fire, not explosives
        ("Attackers set a firebomb at the base in Karlsbad. The blast at an officer's club ripped off a door.",
         "primitive"),
        ("Three Molotov cocktails were thrown at the party office in Umraniye. The explosion damaged the building.",
         "primitive"),
        ("Unidentified persons threw molotov bombs at the house of the deputy consul in Chiclayo.", "primitive"),
        # an explosive of its own beside it stays explosives
        ("A pipe bomb was pushed through the letterbox of a home in Belfast, where a petrol bomb was thrown last year.",
         "explosives"),
    ],
)
def test_events_an_incendiary_weapons_blast_is_fire(text: str, mode: str) -> None:
    assert only(run(text), "ASSAULT").mode == mode


def test_events_a_learned_proposals_mode_gives_way_to_the_trigger_words():
    # the model reads "There were no injuries or damage." as a bombing: the shooting stays a shooting
    text = "Shots were fired at the ambassador's residence in Santiago from a car. There were no injuries or damage."
    doc = run(text)
    assert only(doc, "ASSAULT").mode == "firearms"


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # a participle after a relative clause is the main clause's act, not that of the relative clause's subject
        ("Gunmen opened fire on the vehicle in which Baghdadi was driving to Karbala, killing the three men.",
         "Unidentified armed group"),
        # ... but a relative pronoun's antecedent is the subject of what it goes on to do
        ("Police said the militants, who had entered the village at night, killed five people.",
         "Unidentified armed group"),
    ],
)
def test_events_a_relative_clause_lends_no_subject_to_the_main_clause(text: str, actor: str) -> None:
    doc = run(text)
    assert {n.split(" (")[0] for n in names(doc, only(doc, "ASSAULT").actors)} == {actor}


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Explosives were thrown at the residence of a returning refugee in Prijedor. No injuries were reported.",
         "explosives"),  # thrown explosives are an attack, not a seizure of weapons
        ("Suspected guerrillas tossed explosives at the cultural centre in Lima.", "explosives"),
        # a participle right after a name's bracket is the verb ("(FARC) abducted election officials")
        ("The Revolutionary Armed Forces of Colombia (FARC) abducted election officials in three municipalities.",
         "abduct"),
    ],
)
def test_events_thrown_explosives_and_a_verb_after_a_bracket_are_attacks(text: str, mode: str) -> None:
    assert only(run(text), "ASSAULT").mode == mode


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Several individuals threw flammable liquid into the entrance of a bank in Bilbao, setting fire to it.",
         "primitive"),
        ("A militant group took responsibility for burning three cars of foreign diplomatic missions in Athens.",
         "destroy"),
        ("Activists threw stones at Palestinian cars in Jerusalem, damaging one of the cars.", "primitive"),
        ("Two men burst into the consulate in Vancouver and ransacked the offices.", "destroy"),
    ],
)
def test_events_arson_stones_and_ransacking_are_attacks(text: str, mode: str) -> None:
    assert only(run(text), "ASSAULT").mode == mode


def test_events_burning_with_no_actor_is_no_attack():
    assert not [e for e in run("Farmers burn crop residue every autumn in Punjab.").events if e.type == "ASSAULT"]


def test_events_people_held_hostage_are_a_hostage_taking():
    doc = run("Radical Arabs stormed the Egyptian Embassy in Dhaka and held the ambassador hostage for several hours.")
    assert only(doc, "ASSAULT").mode == "abduct"


def test_events_part_of_a_bomb_is_no_party_involved():
    # "Part of a homemade explosive device exploded at a bank branch": the device is the trigger, not an involvement
    doc = run("Part of a homemade explosive device exploded at a Banco Bilbao Vizcaya branch in Pamplona.")
    assert names(doc, only(doc, "ASSAULT").actors) == set()


def test_events_a_by_phrase_the_parse_hung_inside_a_venue_names_the_attackers() -> None:
    doc = sitrep.analyze("An activist was shot and killed on the main road by unidentified assailants.")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert [doc.entity(i).name for i in ev.actors] == ["Unidentified armed group"] and ev.targets == []


def test_events_a_country_before_the_object_of_a_political_act_is_its_party() -> None:
    doc = sitrep.analyze("The Palestinian leader on Wednesday rejected a US offer to host a summit in July.")
    ev = next(e for e in doc.events if e.type == "REJECT")
    assert "United States" in [doc.entity(i).name for i in ev.targets]


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # an incident the one told is dated by is another incident, and its weapon is not this one's
        (
            "Gunmen killed two policemen in Mosul. The attack came a day after a car bomb killed 12 people in the "
            "city.",
            [("firearms", 2), ("explosives", 12)],
        ),
        (
            "Gunmen opened fire on a minibus in Baghdad, killing four passengers. Sectarian attacks have risen "
            "since the bombing of the Askariya shrine in February.",
            [("firearms", 4), ("explosives", None)],
        ),
        (
            "Unknown gunmen killed a Shiite man in Baquba. The attack is part of the sectarian violence that "
            "followed the bombing of the Golden Mosque.",
            [("firearms", 1), ("explosives", None)],
        ),
        # a bare "the attack" after the same words refers back: one incident
        (
            "Gunmen killed two policemen in Mosul. Police arrested three men a day after the attack.",
            [("firearms", 2)],
        ),
    ],
)
def test_an_incident_told_as_a_date_is_another(text: str, told: list) -> None:
    doc = sitrep.analyze(text)
    attacks = [e for e in doc.events if e.type == "ASSAULT"]
    assert [(e.mode, e.fatalities.best if e.fatalities else None) for e in attacks] == told


@pytest.mark.parametrize(
    "text, main",
    [
        ("The Pakistani government blamed India on Monday for the bombing of a bus in Lahore.", "ACCUSE"),
        ("Greece rejected a Turkish ultimatum to hand over a soldier involved in a shooting in Athens.", "REJECT"),
        ("The UN suspended food deliveries in Kandahar after two of its trucks were hit by gunfire.", "SANCTION"),
    ],
)
def test_the_event_of_the_main_clause_is_surer_than_one_told_in_a_clause_of_it(text: str, main: str) -> None:
    doc = sitrep.analyze(text, published="2024-05-15")
    assert max(doc.events, key=lambda ev: ev.confidence).type == main, [(e.type, e.confidence) for e in doc.events]


@pytest.mark.parametrize(
    "text, types",
    [
        ("A bomb blast at the offices of the Nawa-i-Waqt press in Karachi killed two workers.", ["ASSAULT"]),
        ("The United States pressed Pakistan to release the prisoners.", ["REQUEST"]),
    ],
)
def test_the_press_is_the_media_and_to_press_is_to_ask(text: str, types: list) -> None:
    assert [ev.type for ev in sitrep.analyze(text, published="2024-05-15").events] == types


def _named_actors(text: str) -> list[str]:
    doc = sitrep.analyze(text, published="2024-05-15", settings=load({"event_coder": "rules"}))
    ents = {e.id: e for e in doc.entities}
    return sorted({ents[a].name for ev in doc.events for a in ev.actors if ents[a].origin in ("kb", "ner")})


@pytest.mark.parametrize(
    "text, named",
    [
        ("Gunmen opened fire on a car carrying three Baghdad International Airport employees, killing all three.", []),
        ("Four police officers were attacked and beaten by men dressed in Interior Ministry uniforms in Baghdad.", []),
        ("Authorities believe the attack on Oswaldo Rodriguez is a means of intimidating the council.", []),
        ("The bomb was detonated by a previously unknown group calling itself the Dario Santillan Command.",
         ["Dario Santillan Command"]),
    ],
)
def test_a_clause_on_the_actors_noun_is_no_part_of_who_they_are(text: str, named: list) -> None:
    assert _named_actors(text) == named


@pytest.mark.parametrize(
    "text",
    [
        "Maoists took part in the killing of a tribal activist in Kurnapalli village.",
        "Authorities believe ETA is responsible for the murder of a Civil Guard officer at a bus stop in Vitoria.",
        "Боевики причастны к убийству главы администрации села в Дагестане.",
    ],
)
def test_a_killing_named_by_its_noun_is_an_attack(text: str) -> None:
    doc = sitrep.analyze(text, published="2005-10-15", settings=load({"event_coder": "rules"}))
    assert [ev.type for ev in doc.events] == ["ASSAULT"]


def test_the_one_an_attack_noun_names_with_of_is_its_target() -> None:
    doc = sitrep.analyze(
        "Two groups claimed responsibility for the assassination of a Saudi diplomat in Bangkok.",
        published="1990-02-01",
        settings=load({"event_coder": "rules"}),
    )
    attack = next(ev for ev in doc.events if ev.type == "ASSAULT")
    assert [doc.entity(t).name for t in attack.targets] == ["Saudi diplomat"]


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban denied involvement in the attack on a mosque in Kunduz.",
        "A bomb killed five people at a mosque in Kunduz. The Taliban denied involvement in the attack.",
        "Талибы отрицают причастность к нападению на мечеть в Кундузе.",
    ],
)
def test_events_a_denial_of_involvement_marks_the_denier_and_keeps_the_attack(text: str) -> None:
    doc = run(text)
    attack = only(doc, "ASSAULT")
    assert attack.modality != "negated"  # the attack happened; the involvement is denied
    assert ("Taliban", "negated") in {(doc.entity(r.actor).name, r.modality) for r in attack.responsibility}
    assert only(doc, "REJECT").related_event == attack.id


def test_events_a_party_others_blame_stays_suspected_when_it_denies() -> None:
    doc = run(
        "A home-made bomb was thrown into a crowd in Banda Aceh during an Independence Day celebration. "
        "Police blame the Free Aceh Movement (GAM). GAM denied responsibility and blamed security forces.",
        published="2005-01-01",
    )
    attack = only(doc, "ASSAULT")
    said = {(doc.entity(r.actor).name, r.modality) for r in attack.responsibility}
    assert {("Free Aceh Movement", "negated"), ("Free Aceh Movement", "hedged")} <= said


def test_events_a_span_of_days_of_protests_is_one_event() -> None:
    # "three days of protests": the span's verb tells one episode, not a kind of event
    doc = run("Thousands of Kenyan farmers staged three days of protests in Nairobi.")
    assert [ev.type for ev in doc.events] == ["PROTEST"]


def test_events_people_of_a_body_of_a_country_are_its_actor() -> None:
    # the demonym is on the body the people come from ("lawyers from Pakistani bar associations")
    doc = run("Lawyers from several Pakistani bar associations condemned the ruling.")
    event = next(ev for ev in doc.events if ev.type == "ACCUSE")
    assert [doc.entity(a).country for a in event.actors] == ["PK"]


@pytest.mark.parametrize(
    "text, type_",
    [
        ("China loosened restrictions on foreign journalists.", "CONCEDE"),
        ("RENAMO abducted Portuguese national Daniel Martins and Mozambican Carlos Compota.", "ASSAULT"),
    ],
)
def test_events_a_verb_read_as_an_adjective_with_a_subject_of_its_own_is_the_verb(text: str, type_: str) -> None:
    assert type_ in [ev.type for ev in run(text).events]


def test_events_a_protest_phrase_read_as_an_adjective_takes_its_verbs_subject() -> None:
    # "shunned" read as an adjective of "work": the phrase's verb heads it, so its subject is the actor
    doc = run("Nigerians of the northern states shunned work on Friday to protest the fuel price rise.")
    protest = next(ev for ev in doc.events if ev.type == "PROTEST")
    assert [doc.entity(a).name for a in protest.actors] == ["Nigerians of the northern states"]


@pytest.mark.parametrize(
    "text, type_, actor_country",
    [
        # a subject the parse hung on the noun after its verb as a possessor with no "'s"
        ("Russian warplanes bombed Chechen villages.", "ASSAULT", "RU"),
        # a participle with an infinitive of what it commits to, hung on its subject: the subject's act
        ("The Pakistani government promised to hold elections next year.", "AGREE", "PK"),
        # "arrived on a visit": who came for the act is its actor
        ("Chinese Premier Li Peng arrived in Moscow on a three-day official visit.", "CONSULT", None),
    ],
)
def test_events_the_subject_a_misread_parse_hid_acts(text: str, type_: str, actor_country: str | None) -> None:
    doc = run(text)
    event = next(ev for ev in doc.events if ev.type == type_)
    assert event.actors
    assert actor_country is None or doc.entity(event.actors[0]).country == actor_country


def test_events_a_capital_that_speaks_of_itself_is_the_actor() -> None:
    # "it" stands for the speaker, a capital standing for its government
    doc = run("Beijing said it would not accept the ruling.")
    event = next(ev for ev in doc.events if ev.type == "REJECT")
    assert [doc.entity(a).name for a in event.actors] == ["Beijing"]
