"""Tests for sitrep.extract.places.phrases: place phrases in English and Russian -- feature words, containment,
a place the gazetteer does not know placed by its container, "the Afghan capital", ACLED geo precision."""

from __future__ import annotations

import pytest
from tagged import tagged

from sitrep.extract.places import places, resolve_spans
from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge.files import load_yaml
from sitrep.model import Document


def run(text: str, lang: str = "en", ner: list[tuple[str, str]] | None = None) -> dict:
    doc = places(tagged(text, lang, ner))
    for e in doc.entities:
        assert all(doc.text[m.start : m.end] == m.text for m in e.mentions)
    return {m.text: e for e in doc.entities for m in e.mentions}


@pytest.mark.parametrize(
    ("lang", "text", "name", "cc", "admin1", "precision"),
    [
        ("en", "Two soldiers were killed in the Zara Kherma area of Paktika Province.", "Zara Kherma", "AF", "Paktika",
         3),
        ("en", "Gunmen attacked a checkpoint in the Kobi area of Qarabagh District of Ghazni Province.", "Kobi", "AF",
         "Ghazni", 2),
        ("en", "A bomb exploded in the Sherpur neighbourhood of the Afghan capital.", "Sherpur", "AF", "Kabul", 2),
        ("en", "Police raided a house in the Xurbek Kala village of Kandahar district.", "Xurbek Kala", "AF",
         "Kandahar", None),
        ("en", "Fighting was reported around Xurbek Kala, Helmand Province.", "Xurbek Kala", "AF", "Helmand", 3),
        ("ru", "Боевики атаковали блокпост в Неизвестинском районе Дагестана.", "Неизвестинском районе", "RU",
         "Dagestan", 3),
        ("ru", "Взрыв произошёл в селе Абвгдейка Дагестана.", "Абвгдейка", "RU", "Dagestan", 3),
    ],
)  # fmt: skip
def test_phrases_unknown_place_takes_its_container(lang, text, name, cc, admin1, precision):
    ent = run(text, lang)[name]
    assert ent.type in ("location", "city", "admin_area")
    assert (ent.country, ent.geo.country_code, ent.geo.admin1, ent.geo.geonameid) == (cc, cc, admin1, None)
    assert ent.geo.precision == precision if precision else ent.geo.precision in (2, 3)
    holder = gz.admin1(cc, admin1)
    if precision == 3:  # the province's point
        assert (ent.geo.lat, ent.geo.lon) == (holder.lat, holder.lon)


@pytest.mark.parametrize(
    ("lang", "text", "name", "cc", "admin1"),
    [
        ("en", "Police said the attack happened in Vladikavkaz, North Ossetia.", "Vladikavkaz", "RU", "North Ossetia"),
        ("en", "Officials in Washington said a blast in Vladikavkaz, North Ossetia, killed two.", "Vladikavkaz", "RU",
         "North Ossetia"),
        ("en", "They were ordered to move to Quetta, the capital of Pakistan's Balochistan province.", "Balochistan",
         "PK", "Balochistan"),
        ("en", "A blast hit a market in Gardez, Paktia Province.", "Gardez", "AF", "Paktia"),
        ("ru", "Взрыв произошёл в Хасавюрте, Дагестан.", "Хасавюрте", "RU", "Dagestan"),
        ("ru", "Взрыв произошёл в селе Гимры Дагестана.", "Гимры", "RU", "Dagestan"),
    ],
)  # fmt: skip
def test_phrases_known_place_inside_its_container(lang, text, name, cc, admin1):
    ent = run(text, lang)[name]
    assert (ent.country, ent.geo.admin1, ent.origin) == (cc, admin1, "gazetteer")
    assert ent.geo.geonameid is not None or ent.geo.feature == "admin1"


@pytest.mark.parametrize(
    ("lang", "text", "mention"),
    [
        ("en", "A bomb exploded in the Afghan capital.", "Afghan capital"),
        ("en", "Talks were held in the capital of Afghanistan on Monday.", "capital"),
        ("en", "Afghanistan's capital was quiet.", "Afghanistan's capital"),
        ("ru", "Взрыв прогремел в афганской столице.", "афганской столице"),
        ("ru", "Взрыв прогремел в столице Афганистана.", "столице"),
    ],
)
def test_phrases_the_capital_of_a_country(lang, text, mention):
    doc = Document(id="t", text=text, language=lang)
    places(doc)
    kabul = next(e for e in doc.entities if e.name == "Kabul")
    assert [(m.text, m.kind) for m in kabul.mentions] == [(mention, "description")]
    assert kabul.geo.precision == 1


def test_phrases_the_capital_of_a_province_is_not_the_countrys():
    ents = run("They moved to Quetta, the capital of Pakistan's Balochistan province.")
    assert "Islamabad" not in {e.name for e in ents.values()}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Clashes were reported in Kabul, Kandahar and Herat.", {"Kabul": "AF", "Kandahar": "AF", "Herat": "AF"}),
        ("Delegates came from Iraq, Syria, and Turkey.", {"Iraq": "IQ", "Syria": "SY", "Turkey": "TR"}),
    ],
)
def test_phrases_a_list_is_no_containment(text, names):
    ents = run(text)
    assert {n: ents[n].country for n in names} == names
    assert all(ents[n].geo.geonameid is not None or ents[n].type == "country" for n in names)


def test_phrases_a_division_title_joins_its_name_against_an_organisation_tag():
    ents = run("Rockets hit the Nangarhar Province airport.", ner=[("Nangarhar Province airport", "ORG")])
    assert ents["Nangarhar Province"].geo.feature == "admin1"


def test_phrases_known_names_keep_their_modifiers_out():
    ents = run("Fighting spread to the Taliban-held Musa Qala district.")
    assert "Musa Qala" in ents and "Taliban-held Musa Qala" not in ents


@pytest.mark.parametrize(
    ("text", "feature", "precision"),
    [
        ("Fighting went on in Afghanistan.", "country", 3),
        ("Fighting went on in Helmand province.", "admin1", 3),
        ("Fighting went on in Kandahar city.", "city", 1),
    ],
)
def test_phrases_geo_precision_of_known_places(text, feature, precision):
    (ent,) = [e for e in run(text).values()]
    assert (ent.geo.feature, ent.geo.precision) == (feature, precision)


def test_phrases_gold_spans_resolve_unknown_names_to_their_container():
    text = "Two soldiers were killed in the Zara Kherma area of Paktika Province."
    spans = [(text.index("Zara Kherma"), text.index("Zara Kherma") + 11), (text.index("Paktika"), text.index(" Prov"))]
    zara, paktika = resolve_spans(text, spans)
    assert paktika.feature == "admin1" and zara == paktika


def test_phrases_data_is_consistent():
    data = load_yaml("place_phrases.yaml")
    assert set(data) == {"en", "ru"}
    for lang, table in data.items():
        for kinds in (table["after"], table["before"]):
            assert set(kinds.values()) <= {"admin1", "admin2", "city", "place"}, lang
            assert all(w == w.lower() for w in kinds), lang
        assert all(isinstance(table[k], list) for k in ("of", "directions", "connectors", "modifiers")), lang
        assert isinstance(table["capital"], str)
        plural = table.get("plural", {})
        # a plural ends a list ("Clay and Grant counties") or opens one ("the villages of Nuli and Avnevi")
        words = {**table["after"], **table["before"]}
        assert isinstance(plural, dict) and all(w in words and s in words for w, s in plural.items())


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Storms damaged barns in Barrow and Jackson counties on Monday.", "Barrow", "Georgia"),
        ("Wildfires burned across Callahan and Eastland counties overnight.", "Callahan", "Texas"),
    ],
)
def test_phrases_a_plural_feature_word_names_divisions_by_their_full_name(text, name, admin1):
    ents = run(text)
    assert ents[name].geo.feature == "admin2" and ents[name].geo.admin1 == admin1


def test_phrases_a_list_of_divisions_is_no_chain_of_containers():
    """A list before "counties" names counties side by side: none lies in the next, each is its own."""
    ents = run("Roads are closed in Becker, Clay, Douglas, Grant, Mahnomen, Otter Tail, Swift and Wilkin counties.")
    for name in ("Becker", "Clay", "Mahnomen"):
        geo = ents[name].geo
        assert geo.feature == "admin2" and geo.admin1 == "Minnesota" and geo.geonameid is not None, name


def test_phrases_a_gold_span_before_a_feature_word_is_the_division_of_that_name():
    text = "Hail fell on farms in Callahan county on Monday."
    (place,) = resolve_spans(text, [(text.index("Callahan"), text.index(" county"))])
    assert place.feature == "admin2" and place.admin1 == "Texas"


def test_phrases_a_suburb_of_a_big_city_lies_around_it():
    ents = run("A man from the Cincinnati suburb of West Chester was sentenced.")
    assert (ents["West Chester"].country, ents["West Chester"].geo.admin1) == ("US", "Ohio")


@pytest.mark.parametrize(
    ("lang", "text", "name", "district", "precision"),
    [
        ("en", "Gunmen attacked a checkpoint in the Kobi area of Qarabagh District of Ghazni Province.", "Kobi",
         "Qarah Bāgh", 2),
        ("en", "A bomb went off in the Sperwan Ghar area of Zhari district.", "Sperwan Ghar", "Zhaṟêy", 2),
        ("ru", "Боевики атаковали блокпост в Сергокалинском районе Дагестана.", "Сергокалинском районе",
         "Sergokalinskiy", 2),
        ("ru", "Взрыв произошёл в селе Абвгдейка Унцукульского района.", "Абвгдейка", "Untsukulsky", 2),
    ],
)  # fmt: skip
def test_phrases_districts_hold_villages(lang, text, name, district, precision):
    geo = run(text, lang)[name].geo
    assert (geo.admin2, geo.precision) == (district, precision)


def test_phrases_an_unknown_place_lies_where_all_the_documents_places_do():
    text = "Gunmen shot an aide at his home in Saydiya. Such attacks are frequent in Iraq."
    ents = run(text, ner=[("Saydiya", "LOC")])
    assert (ents["Saydiya"].country, ents["Saydiya"].geo, ents["Saydiya"].origin) == ("IQ", None, "ner")
    mixed = run("Gunmen shot an aide in Saydiya, Iraqi and Syrian officials said in Damascus and Baghdad.",
                ner=[("Saydiya", "LOC")])  # fmt: skip
    assert mixed["Saydiya"].country is None  # two countries: no guess


@pytest.mark.parametrize(
    ("text", "ner", "name"),
    [
        ("A roadside bomb killed three in Tarin Kot on Monday.", [("Tarin Kot", "LOC")], "Tarin Kot"),
        ("An explosion in Shin Kalay killed six people.", [("Shin Kalay", "LOC")], "Shin Kalay"),
    ],
)
def test_phrases_multiword_names_are_kept_whole(text, ner, name):
    ents = run(text, ner=ner)
    assert name in ents and not any(e.country and e.country != "AF" for e in ents.values())


def test_phrases_a_province_tagged_as_a_person_after_a_comma_is_the_province():
    ents = run("Census workers were ambushed in Dellarm, Farah.", ner=[("Dellarm", "LOC"), ("Farah", "PER")])
    assert ents["Farah"].geo.feature == "admin1" and ents["Dellarm"].geo.admin1 == "Farah"


@pytest.mark.parametrize(
    "text",
    [
        "По крайней мере трое полицейских ранены при нападении на пост в Назрани.",
        "Самое тяжёлое положение сложилось в районном центре под Буйнакском.",
    ],
)
def test_phrases_an_adjective_that_begins_like_a_feature_word_names_no_place(text):
    # «крайней», «районном» begin like «край», «район» but are adjectives; «Самое» is no Samoa
    names = set(run(text, "ru"))
    assert not [n for n in names if n.startswith(("По крайней", "районном", "Самое"))], names
    assert {"Назрани", "Буйнакском"} & names


def test_a_feature_word_after_mere_modifiers_still_names_the_place_after_it():
    # "Georgian-controlled village" names no village before the word: "village of Prisi" does after it
    text = "The Georgian-controlled village of Prisi came under attack last night, Georgia said."
    doc = places(Document(id="t", text=text, language="en"))
    prisi = next(e for e in doc.entities if e.name == "Prisi")
    assert (prisi.type, prisi.country) == ("city", "GE")


def test_every_name_a_plural_feature_word_opens_is_a_place():
    text = "Bird flu was found in the villages of Ceamurlia de Jos, Maliuc and Caraorman in Romania."
    doc = places(Document(id="t", text=text, language="en"))
    villages = {e.name: e for e in doc.entities if e.type == "city"}
    assert set(villages) == {"Ceamurlia de Jos", "Maliuc", "Caraorman"}
    assert {e.country for e in villages.values()} == {"RO"}  # not Jos, Nigeria


@pytest.mark.parametrize(
    ("text", "name", "cc"),
    [
        ("He went missing on the island of Tortola in the British Virgin Islands.", "Tortola", "VG"),
        ("Bird flu was found on the German island Rügen, Germany said.", "Rügen", "DE"),
        ("The climbers set out to explore the mountain of Ushba in Georgia.", "Ushba", "GE"),
    ],
)  # fmt: skip
def test_an_island_or_mountain_named_by_its_feature_word_is_a_place(text, name, cc):
    doc = places(Document(id="t", text=text, language="en"))
    assert next(e for e in doc.entities if e.name == name).country == cc
