"""Tests for sitrep.extract.places: hand-built documents (language set by hand, NER spans optional) in English and
Russian -- resolution with coordinates and admin1, context, descriptive regions, offsets, merging."""

from __future__ import annotations

import pytest
from tagged import tagged

import sitrep
from sitrep.extract.places import places, resolve_spans
from sitrep.extract.places.recognition import recognise
from sitrep.model import Document, TextSpan

from paths import SAMPLE


def run(text: str, lang: str = "en", ner: list[tuple[str, str]] | None = None, body_end: int | None = None):
    doc = tagged(text, lang, ner)
    doc.layers.body_end = body_end
    return places(doc)


def by_name(doc: Document) -> dict:
    return {e.name: e for e in doc.entities}


@pytest.mark.parametrize(
    ("lang", "text", "name", "etype", "cc", "admin1", "lat", "lon"),
    [
        ("en", "They were ordered to move to Quetta, the capital of Pakistan's Balochistan province.",
         "Quetta", "city", "PK", "Balochistan", 30.18, 67.00),
        ("en", "They were ordered to move to Quetta, the capital of Pakistan's Balochistan province.",
         "Balochistan", "admin_area", "PK", "Balochistan", None, None),
        ("en", "Recruits travelled to Afghanistan via Turkey.", "Turkey", "country", "TR", None, 39.0, 35.0),
        ("en", "Recruits travelled to Afghanistan via Turkey.", "Afghanistan", "country", "AF", None, 33.0, 66.0),
        ("en", "A sympathiser network remains in Tajikistan.", "Tajikistan", "country", "TJ", None, 38.5, 71.0),
        ("en", "Russia suffered an attack near Moscow in March.", "Moscow", "city", "RU", "Moscow", 55.75, 37.62),
        ("en", "Officials in Islamabad and Kabul traded accusations.", "Islamabad", "city", "PK",
         "Islamabad Capital Territory", 33.72, 73.04),
        ("en", "Officials in Islamabad and Kabul traded accusations.", "Kabul", "city", "AF", "Kabul", 34.53, 69.17),
        ("ru", "Теракт в Москве подготовили в Белуджистане.", "Moscow", "city", "RU", "Moscow", 55.75, 37.62),
        ("ru", "Их отправили в Кветту через Турцию.", "Quetta", "city", "PK", "Balochistan", 30.18, 67.00),
        ("ru", "Боевики пришли из Пакистана и Афганистана.", "Pakistan", "country", "PK", None, 30.0, 70.0),
    ],
)  # fmt: skip
def test_places_resolve_key_places(lang, text, name, etype, cc, admin1, lat, lon):
    ent = by_name(run(text, lang))[name]
    assert (ent.type, ent.country, ent.origin, ent.geo.country_code) == (etype, cc, "gazetteer", cc)
    assert ent.kb_id.startswith("geo:")
    if admin1:
        assert ent.geo.admin1 == admin1
    if lat is not None:
        assert abs(ent.geo.lat - lat) < 0.5 and abs(ent.geo.lon - lon) < 0.5


@pytest.mark.parametrize(
    ("text", "cc", "feature"),
    [
        ("Russian troops crossed into Georgia in 2008 and fighting spread near Tbilisi and Gori.", "GE", "country"),
        ("Armenia and Azerbaijan border Georgia, Russia said.", "GE", "country"),
        ("Thousands rallied in Atlanta, Georgia, and police in Savannah were on alert.", "US", "admin1"),
        ("The storm moved from Florida into Georgia and the Carolinas; Macon was flooded.", "US", "admin1"),
    ],
)
def test_places_georgia_follows_context(text, cc, feature):
    georgia = by_name(run(text)).get("Georgia")
    assert georgia is not None and (georgia.country, georgia.geo.feature) == (cc, feature)


@pytest.mark.parametrize(
    ("text", "town", "admin1"),
    [
        ("Police arrested a man in Alexandria, La., on Friday.", "Alexandria", "Louisiana"),
        ("A fire broke out in Moscow, Idaho, on Monday.", "Moscow", "Idaho"),
        ("Paris, Texas, held a parade.", "Paris", "Texas"),
    ],
)
def test_places_container_after_comma_decides(text, town, admin1):
    ent = by_name(run(text))[town]
    assert (ent.country, ent.geo.admin1) == ("US", admin1)


@pytest.mark.parametrize(
    ("lang", "text", "name", "cc", "mention"),
    [
        ("en", "Sympathizers remain in the southern part of Tajikistan.", "southern Tajikistan", "TJ",
         "the southern part of Tajikistan"),
        ("en", "Fighting spread across northern Afghanistan.", "northern Afghanistan", "AF", "northern Afghanistan"),
        ("en", "ISIS operates in the Afghanistan-Pakistan border region.", "Afghanistan–Pakistan border", "AF",
         "the Afghanistan-Pakistan border region"),
        ("en", "Smugglers cross the border between Pakistan and Afghanistan.", "Afghanistan–Pakistan border", "PK",
         "the border between Pakistan and Afghanistan"),
        ("en", "The attacks spread to many Afghan provinces.", "provinces of Afghanistan", "AF", "Afghan provinces"),
        ("en", "This is especially true in the provinces of West Pakistan.", "provinces of West Pakistan", "PK",
         "the provinces of West Pakistan"),
        ("en", "The branch grew in Pakistan and the tribal areas along the border.",
         "Federally Administered Tribal Areas", "PK", "tribal areas"),
        ("ru", "Часть сторонников осталась на юге Таджикистана.", "southern Tajikistan", "TJ", "юге Таджикистана"),
        ("ru", "Бои идут на севере Афганистана.", "northern Afghanistan", "AF", "севере Афганистана"),
        ("ru", "Боевики контролируют афгано-пакистанскую границу.", "Afghanistan–Pakistan border", "AF",
         "афгано-пакистанскую границу"),
        ("ru", "Их видели в южных районах Таджикистана.", "southern Tajikistan", "TJ", "южных районах Таджикистана"),
    ],
)  # fmt: skip
def test_places_descriptive_regions(lang, text, name, cc, mention):
    ent = by_name(run(text, lang))[name]
    assert ent.type == "location" and ent.country == cc and ent.geo is not None and ent.geo.country_code == cc
    assert [m.text for m in ent.mentions] == [mention]


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("en", "ISIS expanded beyond the Arab world and outside the Middle East.", "Arab world"),
        ("en", "ISIS expanded beyond the Arab world and outside the Middle East.", "Middle East"),
        ("en", "It threatens countries in the West.", "the West"),
        ("en", "Recruiters are active in Central Asia and the North Caucasus.", "Central Asia"),
        ("en", "Recruiters are active in Central Asia and the North Caucasus.", "North Caucasus"),
        ("ru", "Вербовщики действуют в Центральной Азии и на Северном Кавказе.", "North Caucasus"),
        ("ru", "Институт Ближнего Востока опубликовал доклад.", "Middle East"),
    ],
)
def test_places_macro_regions(lang, text, name):
    ent = by_name(run(text, lang))[name]
    # a region of several countries has no country, so no contract geo (whose country_code is required);
    # a region inside one country ("the North Caucasus") has both
    assert ent.type == "location" and (ent.geo is None) == (ent.country is None)
    assert ent.geo is None or ent.geo.feature == "place"


def test_places_south_direction_region_point_is_in_the_south():
    doc = run("Sympathizers remain in southern Tajikistan and in northern Tajikistan.")
    south, north = by_name(doc)["southern Tajikistan"], by_name(doc)["northern Tajikistan"]
    assert south.geo.lat < north.geo.lat


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Militants from Pakistan entered Afghanistan; Pakistan's army followed them into Afghanistan."),
        ("ru", "Из Пакистана в Афганистан, из Афганистана в Пакистан: граница Пакистана открыта."),
    ],
)
def test_places_one_entity_per_place_with_all_mentions(lang, text):
    doc = run(text, lang)
    names = [e.name for e in doc.entities if e.origin == "gazetteer"]
    assert sorted(names) == ["Afghanistan", "Pakistan"]
    pakistan = by_name(doc)["Pakistan"]
    assert len(pakistan.mentions) == (2 if lang == "en" else 3)
    assert len({e.id for e in doc.entities}) == len(doc.entities)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Quetta, Balochistan — «Kabul» and “Islamabad”; Moscow.\nTajikistan"),
        ("ru", "«Кветта», Белуджистан — в Кабуле и Исламабаде; в Москве.\nТаджикистану"),
    ],
)
def test_places_offsets_are_exact(lang, text):
    doc = run(text, lang)
    spans = [m for e in doc.entities for m in e.mentions]
    assert len(spans) == 6
    assert all(text[m.start : m.end] == m.text for m in spans)


@pytest.mark.parametrize(
    "text",
    [
        "In March, Most of the Police officers went home.",
        "Most analysts agree. Police said the Post reported it in March.",
        "Renowned journalist Seymour Hersh said so. Sami Sadat agreed; according to Sadat, it was planned.",
        "Chiquita Raquel Henry, 19, was arrested. Henry denied it.",
    ],
)
def test_places_common_words_and_names_are_no_places(text):
    assert run(text).entities == []


def test_places_ner_person_vetoes_and_location_confirms():
    text = "Georgia Brown met Kelleyland officials in Kabul."
    doc = run(text, ner=[("Georgia Brown", "PER"), ("Kelleyland", "LOC"), ("Kabul", "LOC")])
    ents = by_name(doc)
    assert "Georgia" not in ents
    # unknown to the gazetteer, in a document whose places all lie in Afghanistan: its country, no point
    assert ents["Kelleyland"].origin == "ner" and ents["Kelleyland"].country == "AF"
    assert ents["Kelleyland"].geo is None
    assert ents["Kabul"].origin == "gazetteer"


def test_places_a_person_tag_on_exactly_a_province_name_is_the_taggers_slip():
    doc = run("Balochistan has become a hub for militants.", ner=[("Balochistan", "PER")])
    assert by_name(doc)["Balochistan"].type == "admin_area"


@pytest.mark.parametrize(
    ("text", "tagged", "country"),
    [
        ("A bomb went off at a police station in Barakaldo.", "Barakaldo", "ES"),
        ("A bomb was thrown into a crowd in Banda Aceh.", "Banda Aceh", "ID"),
    ],
)
def test_places_a_person_tag_on_a_known_town_after_a_locative_word_is_the_taggers_slip(text, tagged, country):
    doc = run(text, ner=[(tagged, "PER")])
    assert [(m.text, e.country) for e in doc.entities for m in e.mentions] == [(tagged, country)]


def test_places_a_name_the_tagger_splits_into_a_location_and_a_person_is_the_whole_known_place():
    doc = run("Gunmen attacked a work crew in Nahr-e Saraj.", ner=[("Nahr-e", "LOC"), ("Saraj", "PER")])
    assert [(m.text, e.country) for e in doc.entities for m in e.mentions] == [("Nahr-e Saraj", "AF")]


def test_places_a_person_tag_stays_a_person_before_a_possessive():
    assert run("The bomb went off in Jackson's office.", ner=[("Jackson", "PER")]).entities == []


@pytest.mark.parametrize(
    ("text", "tagged", "names"),
    [
        ("Gunmen fired on a car in Southern Baghdad.", "Southern Baghdad", ["Baghdad"]),  # a direction
        ("Gunmen attacked a checkpoint on the Kirkuk-Tikrit road.", "Kirkuk-Tikrit", ["Kirkuk", "Tikrīt"]),  # route
    ],
)
def test_places_a_tagged_span_of_known_names_and_modifiers_is_the_known_places(text, tagged, names):
    doc = run(text, ner=[(tagged, "LOC")])
    assert [e.name for e in doc.entities] == names and all(e.country == "IQ" for e in doc.entities)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen opened fire on the Central Police Station in Van.",
        "A bomb went off on a railway line between Van and the town of Kapikoy.",
    ],
)
def test_places_a_tagged_stop_word_after_a_locative_word_is_the_place(text):
    doc = run(text, ner=[("Van", "LOC")])
    assert [(e.name, e.country) for e in doc.entities if e.mentions[0].text == "Van"] == [("Van", "TR")]


def test_places_a_tagged_stop_word_elsewhere_stays_a_word():
    assert run("Van Morrison sang for the troops.", ner=[("Van", "LOC")]).entities == []


def test_places_a_tagged_town_before_time_is_a_time_zone():
    doc = run("A bomb went off in Nazran at 0830 Moscow time.", ner=[("Nazran", "LOC"), ("Moscow", "LOC")])
    assert [m.text for e in doc.entities for m in e.mentions] == ["Nazran"]


def test_places_a_tagged_unknown_word_of_the_language_is_no_place():
    doc = run("Gunmen shot a top Interior Ministry Aide in Saydiya.", ner=[("Aide", "LOC"), ("Saydiya", "LOC")])
    assert [m.text for e in doc.entities for m in e.mentions] == ["Saydiya"]


def test_places_a_tagged_acronym_of_an_organisations_name_is_no_place():
    text = "Two Hizbul Mujahideen (HM) gunmen entered the village of Gool. HM militants fled."
    doc = run(text, ner=[("Hizbul Mujahideen", "ORG"), ("HM", "LOC"), ("Gool", "LOC")])
    assert [m.text for e in doc.entities for m in e.mentions] == ["Gool"]


def test_places_a_tagged_country_acronym_stays_the_place():
    text = "Fighting broke out in the Democratic Republic of Congo (DRC) on Monday."
    doc = run(text, ner=[("Democratic Republic of Congo", "LOC"), ("DRC", "LOC")])
    assert "DRC" in [m.text for e in doc.entities for m in e.mentions]


def test_places_an_unknown_tagged_name_sharing_a_word_with_a_tagged_person_is_the_persons():
    text = "Gunmen entered the home of Gami Gujjar in the Gool area, killing Gami. A bomb went off in Gujjar."
    doc = Document(id="t", text=text, language="en")
    doc.layers.done.append("nlp")
    for start, surface, label in [
        (27, "Gami Gujjar", "LOC"),
        (46, "Gool", "LOC"),
        (65, "Gami", "PER"),
        (90, "Gujjar", "LOC"),
    ]:
        assert text[start : start + len(surface)] == surface
        doc.layers.ner.append(TextSpan(start, start + len(surface), label, surface))
    assert [m.text for e in places(doc).entities for m in e.mentions] == ["Gool", "Gujjar"]


def test_places_a_tagged_name_spelled_otherwise_is_the_known_place():
    doc = run("A bomb exploded at a police checkpoint in Karabala.", ner=[("Karabala", "LOC")])
    assert [(e.name, e.country, e.mentions[0].text) for e in doc.entities] == [("Karbala", "IQ", "Karabala")]


@pytest.mark.parametrize("word", ["Chevron"])
def test_places_a_tagged_english_word_is_not_matched_loosely(word):
    """A tagged name that is an English word the word list lacks ("Chevron", a WordNet noun) is no spelling of a
    place: not Hebron by the skeleton of its consonants."""
    doc = run(f"A bomb exploded outside the {word} offices in the morning.", ner=[(word, "LOC")])
    assert all(e.country is None and e.geo is None for e in doc.entities)


@pytest.mark.parametrize(
    "text", ["Two Nasir rockets were fired at the settlement.", "Three Quds-1 rockets were fired at the settlement."]
)
def test_places_a_name_before_a_weapon_word_names_the_weapon(text):
    """Rockets named after places (Nasir, Quds) are no places: not Markaz Nasir (Egypt) nor Jerusalem."""
    assert not [e for e in run(text).entities if e.is_place]


def test_places_a_small_town_abroad_in_a_report_all_in_one_country_is_an_unknown_place_there():
    text = "A car bomb exploded in al-Dora, outside a hospital in Baghdad."
    doc = run(text, ner=[("al-Dora", "LOC"), ("Baghdad", "LOC")])
    assert [(e.name, e.country) for e in doc.entities] == [("al-Dora", "IQ"), ("Baghdad", "IQ")]
    assert by_name(doc)["al-Dora"].geo is None


@pytest.mark.parametrize(
    ("text", "tagged", "country"),
    [
        ("CAIRO: Egypt condemned the bombing. A car bomb exploded in Baghdad.", "CAIRO", "EG"),  # its own name
        ("A car bomb exploded in Al-Mashru. Police in Baghdad are often targeted.", "Al-Mashru", "IQ"),
    ],
)
def test_places_a_big_town_called_otherwise_in_another_country_than_the_documents_is_doubted(text, tagged, country):
    doc = run(text, ner=[(tagged, "LOC"), ("Baghdad", "LOC")])
    assert [e.country for e in doc.entities if e.mentions[0].text == tagged] == [country]


def test_places_a_feature_word_does_not_vouch_for_a_place_known_only_by_another_spelling():
    """"the town of Al-Mashru" (Cairo, once "Masr"), "Jbala village" (Gaza's Jabalya) in reports set in Iraq are
    places the gazetteer does not know there, and so is what the text puts in them; "the town of Sederot" (Sderot)
    beside the Gaza Strip is no outlier across the border."""
    doc = run("A car bomb exploded in the town of Al-Mashru. Police in Baghdad are often targeted.",
              ner=[("Al-Mashru", "LOC"), ("Baghdad", "LOC")])  # fmt: skip
    assert [e.country for e in doc.entities if e.mentions[0].text == "Al-Mashru"] == ["IQ"]
    text = "Gunmen fired on worshippers in the Al-Rahman Mosque in Jbala village, near Baghdad."
    doc = run(text, ner=[("Al-Rahman Mosque", "LOC"), ("Jbala", "LOC"), ("Baghdad", "LOC")])
    assert {e.mentions[0].text: e.country for e in doc.entities} == {
        "Al-Rahman Mosque": "IQ", "Jbala": "IQ", "Baghdad": "IQ"
    }  # fmt: skip
    doc = run("Rockets were fired on the town of Sederot from the Gaza Strip.", ner=[("Sederot", "LOC")])
    assert [e.country for e in doc.entities if e.mentions[0].text == "Sederot"] == ["IL"]


def test_places_a_town_coders_often_wrote_is_a_place_when_the_tagger_calls_it_a_person():
    """"Israel's army raided Jenin" with Jenin tagged a person: a town coders wrote for many incidents, and no
    personal name, is the town; a name that is a person's ("Jackson") stays vetoed; and a town inside the
    country the document names (its box) is no outlier across the border."""
    doc = run("Israel's army raided Jenin.", ner=[("Israel", "LOC"), ("Jenin", "PER")])
    assert [(e.name, e.country) for e in doc.entities if e.mentions[0].text == "Jenin"] == [("Janīn", "PS")]
    doc = run("Police said Jackson was arrested.", ner=[("Jackson", "PER")])
    assert not [e for e in doc.entities if e.is_place]


def test_places_an_unknown_place_in_a_text_naming_no_known_one_takes_its_peoples_country():
    doc = run("An Albanian politician was killed in Bajram Curri.", ner=[("Bajram Curri", "LOC")])
    assert [(e.name, e.country, e.geo) for e in doc.entities] == [("Bajram Curri", "AL", None)]


def test_places_tagged_location_shadowed_by_a_region_is_dropped():
    doc = run("It threatens the West.", ner=[("West", "LOC")])
    assert [(e.name, e.origin) for e in doc.entities] == [("the West", "gazetteer")]


def test_places_only_read_the_body():
    text = "An attack in Kabul.\n\nSource: Институт Ближнего Востока"
    doc = run(text, body_end=text.index("Source:"))
    assert [e.name for e in doc.entities] == ["Kabul"]


def test_places_stage_declares_needs_and_adds():
    assert (places.name, places.needs, places.adds) == ("places", ("text", "language"), ("places",))


def test_resolve_spans_uses_context_and_demonyms():
    text = "Turkish police in Ankara. Georgia and Atlanta."
    spans = [(0, 7), (18, 24), (26, 33), (38, 45)]
    got = [(p.name, p.country_code) if p else None for p in resolve_spans(text, spans)]
    assert got == [("Turkey", "TR"), ("Ankara", "TR"), ("Georgia", "US"), ("Atlanta", "US")]


@pytest.mark.skipif(not SAMPLE.is_file(), reason="needs ../shared")
def test_places_canonical_sample():
    text = SAMPLE.read_text(encoding="utf-8")
    doc = run(text, body_end=text.index("Source:"))
    ents = by_name(doc)
    for name in ("Afghanistan", "Pakistan", "Russia", "Turkey", "Tajikistan", "Quetta", "Balochistan", "Islamabad",
                 "Middle East", "Arab world", "the West", "southern Tajikistan", "Afghanistan–Pakistan border",
                 "Federally Administered Tribal Areas", "provinces of West Pakistan"):  # fmt: skip
        assert name in ents, name
    assert ents["Quetta"].geo.admin1 == "Balochistan"
    assert len(ents["Balochistan"].mentions) == 5
    assert not {"Seymour", "Semi", "Sādāt", "Sadat"} & set(ents)
    assert all(text[m.start : m.end] == m.text for e in doc.entities for m in e.mentions)


@pytest.mark.parametrize(
    ("text", "tagged", "kept"),
    [
        ("It threatens countries in the West and East.", "West and East", False),
        ("It threatens countries in the West, Europe.", "West, Europe", False),
        ("Fighters gathered in Kelleyland and nearby.", "Kelleyland and nearby", True),  # no known place inside
    ],
)
def test_places_a_tagged_span_joining_a_known_place_is_not_a_place(text, tagged, kept):
    doc = run(text, ner=[(tagged, "LOC")])
    assert (tagged in by_name(doc)) is kept


@pytest.mark.parametrize(
    "text",
    ["One Somali employee was killed in Baidoa.", "Two Molotov cocktails were thrown at a bank in Milan."],
)
def test_places_a_peoples_adjective_or_a_name_in_a_common_noun_is_no_place(text) -> None:
    doc = sitrep.analyze(text, published="2024-05-15")
    assert [e.name for e in doc.entities if e.geo] in (["Baidoa"], ["Milan"])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pella residents packed the school gym on Monday.", "Pella"),  # a word for its people after a town
        ("A Pella man was charged with theft on Friday.", "Pella"),
        ("KNOXVILLE — The council voted to raise water rates.", "Knoxville"),  # a dateline in capitals
        ("KNOXVILLE The council voted to raise water rates.", "Knoxville"),  # opening the text
        ("Pella said the plan works, but Pella residents will vote in May.", "Pella"),  # no person's veto
        ("The bill is backed by Sen. Jane Doe, R-Pella, and two others.", "Pella"),  # a legislator's home town
        ("Jane Smith, 34, of Pella, was hurt in the crash.", "Pella"),  # "of" after a person's age
        ("Storms damaged barns in Tama, Hardin and Marshall counties overnight.", "Marshall"),  # a list of counties
        ("Her family has a beach house in Wild Dunes.", "Wild Dunes"),  # the whole name after a locative word
    ],
)  # fmt: skip
def test_places_small_towns_placed_by_the_words_around_them(text, name):
    doc = run(text)
    mentions = {m.text for e in doc.entities for m in e.mentions}
    assert name in mentions or name.upper() in mentions


def test_places_according_to_an_office_is_no_person():
    # "according to X" makes X a person only when no capitalised word follows ("according to X police" is a place,
    # "according to X Tribune reporters" names a paper): the town's other mentions stay
    doc = run("Sales rose, according to Pella Chronicle reporters. Stores in Pella stayed open late.")
    assert "Pella" in by_name(doc)
    doc = run("The fire started at noon, according to Pella police.")
    assert by_name(doc)["Pella"].country == "US"


def test_places_a_name_the_tagger_calls_an_organisation_is_not_made_a_place_by_a_firm_mention() -> None:
    # «В Сколково» is the place; «Представители Сколково заявили, что Сколково поддержит» the foundation
    text = (
        "Фонд «Сколково» объявил о новом конкурсе. В Сколково прошла конференция. "
        "Представители Сколково заявили, что Сколково поддержит стартапы."
    )
    doc = sitrep.analyze(text)
    (place,) = [e for e in doc.entities if e.is_place]
    assert [m.start for m in place.mentions] == [text.index("В Сколково") + 2]


def test_places_a_person_after_russian_u_is_no_town() -> None:
    # «у Тана не было причин»: «у» with a person is possession, and the tagger's PER stands
    text = "Тан скачал сотни файлов. Компания заявляет, что у Тана не было причин для доступа к файлам."
    doc = sitrep.analyze(text)
    assert not [e for e in doc.entities if e.is_place]
    assert [e.name for e in doc.entities if e.type == "person"] == ["Тан"]


@pytest.mark.parametrize(
    "text",
    [
        "Avian flu was confirmed at a turkey farm in Norfolk. Vets in Suffolk and London were on alert.",
        "Bird flu reached Norfolk and Suffolk this week; Cambridge and London vets were on alert.",
    ],
)
def test_places_two_doubtful_names_do_not_hold_each_other_up(text):
    """Norfolk and Suffolk are both towns of Virginia, near each other: the sure London puts them in England."""
    ents = by_name(run(text))
    assert ents["Norfolk"].geo.country_code == "GB" and ents["Suffolk"].geo.country_code == "GB"


def test_places_a_name_in_capitals_is_the_same_name():
    """A dateline's "BERLIN" and a later "Berlin" are one name: neither holds the other up, so the city does not
    become the state of Berlin that holds it."""
    doc = run("BERLIN — He stepped off a plane from Berlin in Beijing and flew back to Berlin a week later.")
    berlin = [e for e in doc.entities if e.name == "Berlin"]
    assert berlin and all(e.geo.feature == "city" and e.geo.country_code == "DE" for e in berlin)


def test_places_names_that_could_lie_near_each_other_do():
    """Local news names a county's small places and not their state: Alexandria and Douglas County are both of
    Minnesota (Alexandria is its seat), not Virginia's city and Nebraska's county, the likeliest of each alone."""
    ents = by_name(run(
        "County Road 35, which is north of Alexandria, is closed because of water, said Douglas County Public Works "
        "Director Dave Robley."
    ))  # fmt: skip
    assert ents["Alexandria"].geo.admin1 == "Minnesota" and ents["Douglas County"].geo.admin1 == "Minnesota"


def test_places_a_name_with_a_word_for_a_town_is_the_same_name():
    """The "Dublin City" of "Dublin City Council" is Dublin itself: it does not hold up Ireland's Dublin against the
    document's other places, which put Dublin in Ohio."""
    doc = run(
        "Dublin City Council heard a first reading on Monday. Dublin Director of Engineering Paul Hammersmith said "
        "the Franklin County Auditor's Office found the discrepancy. The street ends south of the Dublin Branch of "
        "the Columbus Metropolitan Library."
    )
    dublin = [e for e in doc.entities if e.name == "Dublin"]
    assert dublin and all(e.geo.country_code == "US" and e.geo.admin1 == "Ohio" for e in dublin)


@pytest.mark.parametrize(
    ("text", "ner", "district"),
    [
        ("A shepherd was killed by gunmen in Rashanpora, Kupwara.", [("Rashanpora", "LOC"), ("Kupwara", "PER")],
         "Kupwara"),
        ("A bomb exploded in Baghbana, Khuzdar.", [("Baghbana", "GPE"), ("Khuzdar", "PER")], "Khuzdar"),
    ],
)  # fmt: skip
def test_places_a_district_after_a_tagged_place_and_a_comma_is_no_person(text, ner, district):
    """The tagger's PER on a district's name after a village it tagged and a comma is its slip: the district is a
    place, and the unknown village lies in its country."""
    ents = {m.text: e for e in run(text, ner=ner).entities for m in e.mentions}
    assert ents[district].is_place and ents[district].country == ents[ner[0][0]].country
    assert ents[district].country in ("IN", "PK")


def test_places_a_person_after_a_place_and_a_comma_stays_a_person():
    text = "Police in Kabul, Sami Sadat said, found the car."
    assert not any(e.is_place for e in run(text, ner=[("Kabul", "GPE"), ("Sami Sadat", "PER")]).entities
                   if e.name.startswith("Sami"))


def test_places_a_county_and_its_town_agree():
    """Walker County (Texas, Georgia, Alabama) and Huntsville (Alabama, Texas): one state for both, not a swap."""
    doc = run("The burn ban for Walker County was lifted after Huntsville Fire Chief Tom Grisham met the county judge.")
    ents = by_name(doc)
    assert ents["Walker County"].geo.admin1 == ents["Huntsville"].geo.admin1


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Earlier this week the mayor of Boston declared a flu emergency.", "Boston"),
        ("A former resident of Lubbock told reporters she had caught the virus.", "Lubbock"),
        ("Two birds tested positive, according to Rhode Island state officials.", "Rhode Island"),
    ],
)
def test_places_a_word_for_its_people_or_offices_before_of_makes_a_place(text, name):
    """Without a tagger, "X declared" or "according to X" reads as a person unless the words before say otherwise."""
    ents = by_name(run(text))
    assert name in ents and ents[name].geo is not None


@pytest.mark.parametrize(
    ("text", "ner", "town", "country"),
    [
        # a country's name that begins a longer name, or before a word for people, is no place of the report
        (
            "Soldiers of the Israel Defense Forces shot a man north of Tulkarem.",
            [("Tulkarem", "LOC")],
            "Ţūlkarm",
            "PS",
        ),
        ("A bomb went off at a US-run clinic in Librazhd.", [("Librazhd", "LOC")], "Librazhd", "AL"),
        ("Gunmen shot a driver who worked for US troops near Librazhd.", [("Librazhd", "LOC")], "Librazhd", "AL"),
    ],
)
def test_places_a_country_named_as_a_nationality_does_not_doubt_a_town_abroad(text, ner, town, country):
    doc = run(text, ner=ner)
    assert (by_name(doc)[town].country, by_name(doc)[town].origin) == (country, "gazetteer")


@pytest.mark.parametrize(
    "text",
    [
        "Ruth Drive from Elm Avenue to North Avenue. Lane closure through Thursday to install water service.",
        "Sponsors include the First Savings Bank, Castle Bank and Hometown Water.",
    ],
)
def test_places_a_common_word_that_is_only_another_name_of_a_place_is_no_place(text):
    # without a tagger: "Lane" is Rochelle by another name, "Castle" another town's
    found = [text[m.start : m.end] for m in recognise(text, "en")]
    assert "Lane" not in found and "Castle" not in found, found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a name the tagger calls a person's where English puts only places
        ("A bomb exploded near a police station in Khogiani, killing two people.", "Khogiani"),
        ("A suicide bomber detonated his truck in the Shiite town of Howaider in a crowded market.", "Howaider"),
        ("A car bomb exploded outside a disco in Santesteban.", "Santesteban"),
    ],
)
def test_places_a_name_where_only_a_place_can_stand_is_a_place(text: str, name: str) -> None:
    doc = sitrep.analyze(text)
    assert any(m.text == name for e in doc.entities if e.is_place for m in e.mentions)


def test_places_a_person_or_a_building_after_in_stays_what_it_is() -> None:
    doc = sitrep.analyze("Gunmen fired at worshippers near Tilagar Jame Mosque. The blast was felt in Karzai's office.")
    assert not any(m.text in ("Tilagar Jame Mosque", "Karzai") for e in doc.entities if e.is_place for m in e.mentions)


def test_places_a_possessive_before_a_feature_word_is_not_part_of_the_name() -> None:
    doc = sitrep.analyze("An explosive device was found in Vladikavkaz's city center and defused.")
    assert [(e.name, e.country) for e in doc.entities if e.is_place] == [("Vladikavkaz", "RU")]


def test_places_an_unknown_district_called_after_a_reported_town_takes_its_country() -> None:
    doc = sitrep.analyze("In Amparai District, an activist was shot and killed on the main road by gunmen.")
    assert [(e.name, e.country) for e in doc.entities if e.is_place] == [("Amparai District", "LK")]


def test_places_a_name_placed_by_the_words_around_one_mention_is_no_person_elsewhere():
    # "Gainesville says" is read as a person's ("Clinton says"), but "Gainesville residents" places the name: its
    # mentions that nothing marks ("protecting Gainesville") are not vetoed as that person's
    text = (
        "Many Gainesville residents joined the march. Day said the march let locals know that Gainesville says no to "
        "discrimination. It is about protecting Gainesville as a welcoming city, she said."
    )
    starts = [m.start for e in run(text).entities for m in e.mentions if m.text == "Gainesville"]
    assert sorted(starts) == [text.index("Gainesville residents"), text.index("Gainesville as")]


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("He rode a bicycle from his hometown of Norman, Okla. to the capital.", "Norman", "Oklahoma"),
        ("The storm flooded Lindsay, Okla., on Monday.", "Lindsay", "Oklahoma"),
    ],
)  # fmt: skip
def test_places_a_name_before_a_comma_and_the_state_that_holds_it_is_a_place(text, name, admin1):
    # a first name or surname that is also a town ("Norman") is a place when its state follows
    found = by_name(run(text))
    assert found[name].geo.admin1 == admin1


def test_places_a_name_before_a_comma_and_a_number_stays_a_person():
    assert "Norman" not in by_name(run("Chris Norman, 21, and Lindsay, 19, were hurt."))


@pytest.mark.parametrize(
    "text",
    [
        "An officer shot Tyrise M. Bell in North Las Vegas. Bell had pulled a handgun.",
        "Police arrested Keith D. Johnson, 41, at a house in Blue Springs.",
    ],
)
def test_places_a_name_with_a_middle_initial_is_a_person(text):
    mentions = {m.text for e in run(text).entities for m in e.mentions}
    assert not {"Bell", "Keith"} & mentions


def test_places_a_dateline_is_a_place_known_or_not():
    text = "Lamont visits supporters. HARWINTON — Ned Lamont spoke at the Harwinton Senior Center in Connecticut."
    mentions = {m.text: e for e in run(text).entities for m in e.mentions}
    assert {"HARWINTON", "Harwinton"} <= set(mentions) and mentions["Harwinton"].country == "US"
    text = "By Vickie Welborn, March 24, 2009 MANSFIELD -- Mayor Curtis McCoy wants a pastor on patrol."
    assert "MANSFIELD" in {m.text for e in run(text).entities for m in e.mentions}


def test_places_an_owner_or_an_office_beside_a_town_makes_no_person_of_it():
    # no tagger: a capitalised word next to a town made it part of a person's name ("Seymour Hersh"); an owner's
    # possessive or an acronym before it, or a word for the town's offices after it, does not
    for text, name in [
        ("He was the agent in charge of the FBI's Atlanta office until March.", "Atlanta"),
        ("The samples went to CDC Atlanta for testing.", "Atlanta"),
        ("Litchfield Selectman Marsha Bernstein and others came.", "Litchfield"),
        ("The Decatur Democrat said the county delegation's rules had changed.", "Decatur"),
    ]:
        assert name in by_name(run(text)), text
    # a country's possessive only before a place inside it: "Brazil's Kaka" is a footballer (Kaka is in Turkmenistan)
    doc = run("They were the only winners since Brazil's Kaka took the honor in 2007.")
    assert "Kaka" not in by_name(doc) and "Brazil" in by_name(doc)


def test_places_an_owners_possessive_is_no_part_of_the_town_after_it():
    # no tagger: capitalised words between a locative word and a small town grew into its name ("in Wild Dunes");
    # a possessive names the place that holds it instead ("at Giza's Haram", "at Cambridge's Chesterton")
    for text, owner, town in [
        ("He swam every day at Cambridge's Chesterton sports centre.", "Cambridge", "Chesterton"),
        ("A bomb went off in Giza's Haram district.", "Giza", "Haram"),
    ]:
        mentions = {m.text for e in run(text).entities for m in e.mentions}
        assert {owner, town} <= mentions and f"{owner}'s {town}" not in mentions, text
