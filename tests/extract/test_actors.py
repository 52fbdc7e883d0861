"""The actors stage (with sitrep.extract.actors.coref), through the whole pipeline on hand-written texts."""

from __future__ import annotations

import pytest

import sitrep


def run(text: str, lang: str | None = None) -> sitrep.Document:
    return sitrep.analyze(text, published="2024-05-15", language=lang)


def by_name(doc):
    return {e.name: e for e in doc.entities}


def mention_texts(ent):
    return [(m.text, m.kind) for m in ent.mentions]


@pytest.mark.parametrize(
    "text, name, type_",
    [
        ("ISIS-K claimed the attack.", "Islamic State – Khorasan Province", "armed_group"),
        ("The Islamic State Khorasan Province is active in Kunar.", "Islamic State – Khorasan Province", "armed_group"),
        ("Tehrik-i-Taliban Pakistan (TTP) is banned.", "Tehrik-i-Taliban Pakistan", "armed_group"),
        ("Lashkar-e-Taiba was blamed.", "Lashkar-e-Taiba", "armed_group"),
        ("The report was carried by Interfax.", "Interfax", "media"),
        (
            "Officials of the Shanghai Cooperation Organisation met in Astana.",
            "Shanghai Cooperation Organisation",
            "organization",
        ),
    ],
)
def test_actors_knowledge_base_names_and_abbreviations(text, name, type_):
    ent = by_name(run(text))[name]
    assert ent.type == type_ and ent.origin == "kb" and ent.kb_id.startswith("kb:")


def test_actors_abbreviations_are_case_sensitive():
    doc = run("What is known is that IS militants crossed the border.")
    assert [m.text for e in doc.entities for m in e.mentions if e.name == "Islamic State"] == ["IS"]


def test_actors_descriptions_and_aliases_link_to_one_entity():
    doc = run("The Khorasan branch of ISIS was founded in 2015. ISKP now operates in Pakistan.")
    iskp = by_name(doc)["Islamic State – Khorasan Province"]
    assert ("Khorasan branch of ISIS", "description") in mention_texts(iskp)
    assert "ISKP" in iskp.aliases and "Islamic State" not in by_name(doc)


def test_actors_parent_name_means_the_branch_in_a_local_context():
    doc = run(
        "ISKP has grown. Balochistan has become a hub for IS militants. The Islamic State once held Mosul in Iraq."
    )
    iskp = by_name(doc)["Islamic State – Khorasan Province"]
    assert ("IS", "branch") in mention_texts(iskp)
    assert by_name(doc)["Islamic State"].mentions[0].text == "Islamic State"


def test_actors_definite_descriptions_refer_back():
    doc = run("ISKP claimed the bombing. The group has bases in Kunar. This organization recruits online.")
    iskp = by_name(doc)["Islamic State – Khorasan Province"]
    assert ("The group", "coref") in mention_texts(iskp)
    assert ("This organization", "coref") in mention_texts(iskp)


def test_actors_a_named_group_is_not_an_anaphor():
    doc = run("The group known as ISKP claimed it.")
    iskp = by_name(doc)["Islamic State – Khorasan Province"]
    assert [m.kind for m in iskp.mentions] == ["abbreviation"]


def test_actors_institutions_from_demonyms():
    doc = run("Tajik authorities detained two men. Pakistan's army denied it.")
    ents = by_name(doc)
    gov = next(
        e
        for e in doc.entities
        if "Tajik" in "".join(e.aliases) + e.name or (e.country == "TJ" and e.type == "government")
    )
    assert gov.type == "government" and gov.country == "TJ"
    army = next(e for e in doc.entities if e.type == "security_force" and e.country == "PK")
    assert army.mentions[0].text in ("Pakistan's army", "Pakistan army")
    assert "Pakistan" not in ents or all(m.text != "Pakistan's army" for m in ents["Pakistan"].mentions)


@pytest.mark.parametrize(
    "text, words, cc, type_",
    [
        ("The Ghanaian government deported 168 Liberians on Monday.", "Ghanaian government", "GH", "government"),
        ("Croatian authorities detained two men.", "Croatian authorities", "HR", "government"),
        ("Montenegrin police arrested two men.", "Montenegrin police", "ME", "security_force"),
        ("Haitian police arrested two gang members.", "Haitian police", "HT", "security_force"),
        ("Chilean police arrested two men.", "Chilean police", "CL", "security_force"),
        ("Sierra Leonean troops arrested two men.", "Sierra Leonean troops", "SL", "security_force"),
        ("Costa Rican police arrested two men.", "Costa Rican police", "CR", "security_force"),
    ],
)
def test_actors_institutions_from_demonyms_of_every_country(text, words, cc, type_):
    doc = run(text)
    (actor,) = [e for e in doc.entities if any(m.text == words for m in e.mentions)]
    assert (actor.country, actor.type) == (cc, type_)
    assert any(actor.id in ev.actors for ev in doc.events)


def test_actors_plural_demonym_is_a_people_of_its_country():
    doc = run("The Ghanaian government deported 168 Liberians on Monday.")
    assert by_name(doc)["Liberians"].country == "LR"


def test_actors_unnamed_source_takes_the_country_of_its_demonym():
    doc = run("Croatian officials said the border was closed.")
    (src,) = [e for e in doc.entities if e.name.endswith("(unnamed)")]
    assert (src.name, src.country) == ("Croatian officials (unnamed)", "HR")


def test_actors_victims_named_with_a_demonym_take_its_country():
    doc = run("Two Swiss doctors were killed in an attack in Kabul.")
    assert [e.country for e in doc.entities if any(m.text == "Swiss doctors" for m in e.mentions)] == ["CH"]


def test_actors_unknown_persons_from_ner_and_their_surnames():
    doc = run("Renowned journalist Seymour Hersh wrote about it. Hersh said the report was accurate.")
    hersh = by_name(doc)["Seymour Hersh"]
    assert hersh.type == "person" and [m.text for m in hersh.mentions] == ["Seymour Hersh", "Hersh"]


def test_actors_longer_actor_name_wins_over_a_place_inside_it():
    doc = run("The Balochistan Liberation Army is a separatist group.")
    ents = by_name(doc)
    assert "Balochistan Liberation Army" in ents and "Balochistan" not in ents


def test_actors_russian_text_links_inflected_names():
    doc = run("Боевики «Исламского государства» и движения «Талибан» воюют друг с другом.", lang="ru")
    ents = by_name(doc)
    assert "Islamic State" in ents and "Taliban" in ents
    for ent in doc.entities:
        for m in ent.mentions:
            assert doc.text[m.start : m.end] == m.text


def test_actors_headings_are_not_organisations():
    doc = run("Situation, Facts and Events\n\nThe Taliban met officials of the Interior Ministry in Kabul.")
    ents = by_name(doc)
    assert "Facts and Events" not in ents and "Situation" not in ents
    assert "Interior Ministry" in ents  # ordinary words, but a name in running text


@pytest.mark.parametrize(
    "text",
    ["The Kerala police arrested two men near Kochi.", "Indian police arrested two men near Kochi.",
     "US police arrested two men in Ohio."],
)  # fmt: skip
def test_actors_a_country_or_state_police_is_not_a_federal_investigation_agency(text):
    # NIA and FBI are investigative agencies, not the police of India or the United States
    names = set(by_name(run(text)))
    assert not names & {"National Investigation Agency", "Federal Bureau of Investigation"}, names


def test_actors_the_agencies_keep_their_own_names():
    names = set(by_name(run("The NIA and the FBI exchanged files on the plot.")))
    assert {"National Investigation Agency", "Federal Bureau of Investigation"} <= names, names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A bomb damaged a bank in Thessaloniki. A little-known group, al-Nasr, claimed responsibility.", "al-Nasr"),
        ("The attack was claimed by the new group, Fighting Cells of October.", "Fighting Cells of October"),
        ("A group calling itself Revolutionary Struggle of Epirus set fire to two cars in Ioannina.",
         "Revolutionary Struggle of Epirus"),
        ("Ответственность взяла на себя группировка под названием Джамаат Южный Фронт.", "Джамаат Южный Фронт"),
    ],
)  # fmt: skip
def test_actors_a_group_that_names_itself_is_an_actor_not_a_place(text, name):
    found = by_name(run(text))
    assert name in found, list(found)
    assert found[name].type == "armed_group" and not found[name].is_place


def test_actors_a_named_group_needs_a_name_after_the_noun():
    assert not [e for e in run("The group, which is based in Kabul, said nothing.").entities if not e.is_place]


def test_actors_a_civil_group_that_names_itself_is_an_organisation():
    found = by_name(run("A rights group, Justice Watch Network, said the prisoners were beaten in Herat."))
    assert found["Justice Watch Network"].type == "organization"


def test_actors_a_two_letter_form_another_country_uses_is_no_group_of_its_own():
    # "SL" is Sri Lanka's army in Sri Lankan reporting, not Peru's Shining Path; the bracketed form still links
    assert "Shining Path" not in by_name(run("SL Army troops killed five LTTE cadres near Jaffna."))
    assert "SL" in [m.text for m in by_name(run("The Shining Path (SL) bombed a pylon."))["Shining Path"].mentions]


def test_actors_a_claim_in_the_iraqi_branchs_own_name_is_the_iraqi_branchs() -> None:
    doc = run(
        "A car bomb exploded near a police station in Samarra, killing six officers. "
        "Tanzim Qa'idat al-Jihad fi Bilad al-Rafidayn claimed responsibility for the attack."
    )
    ev = next(ev for ev in doc.events if ev.type == "ASSAULT")
    claimed = [doc.entity(i) for i in ev.claimed_by]
    assert [(e.name, e.country, e.origin) for e in claimed] == [("al-Qaeda in Iraq", "IQ", "kb")]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Gunmen killed a councillor in Mosul. The attack was claimed by the al-Qaeda linked group, "
            "Tanzim Qa'idat al-Jihad fi Bilad al-Rafidayn.",
            "al-Qaeda in Iraq",
        ),
        (
            "Rockets hit a US base near Baghdad. The attack was claimed by the Iran-backed Kataib Hezbollah.",
            "Kata'ib Hezbollah",
        ),
    ],
)
def test_actors_a_patron_named_before_the_claimant_only_qualifies_it(text, claimant) -> None:
    doc = run(text)
    ev = next(ev for ev in doc.events if ev.type == "ASSAULT")
    assert [doc.entity(i).name for i in ev.claimed_by] == [claimant]
