"""Tests for sitrep.extract.places.nearby: a place the gazetteer does not know that the text puts near a known
place, or a distance and bearing from it, takes that place's point (moved by the distance and bearing), divisions
and country with ACLED geo precision 2; a known place stays itself."""

from __future__ import annotations

import pytest
from tagged import tagged

from sitrep.extract.places import places
from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge.files import load_yaml
from sitrep.model import Entity

NEAR_KEYS = ("near", "near_named", "hedges", "units", "bearings", "bearing_at", "bearing_to", "bearing_of")


def run(text: str, lang: str = "en", ner: list[tuple[str, str]] | None = None) -> dict[str, Entity]:
    doc = places(tagged(text, lang, ner))
    return {m.text: e for e in doc.entities for m in e.mentions}


@pytest.mark.parametrize(
    ("lang", "text", "ner", "name", "town"),
    [
        ("en", "Gunmen attacked the village of Zur near Prizren.", [("Zur", "LOC"), ("Prizren", "ORG")], "Zur",
         "Prizren"),
        ("en", "Rebels raided Zur, outside Prizren.", [("Zur", "LOC"), ("Prizren", "LOC")], "Zur", "Prizren"),
        ("en", "A bomb exploded in Gazi-Yurt village near Nazran.", [("Gazi-Yurt", "LOC"), ("Nazran", "LOC")],
         "Gazi-Yurt", "Nazran"),
        ("en", "Police found a body in Jbala, on the outskirts of Baghdad.", [("Jbala", "LOC"), ("Baghdad", "LOC")],
         "Jbala", "Baghdad"),
        ("en", "Mortars fell on Jbala, 20 km from Baghdad.", [("Jbala", "LOC"), ("Baghdad", "LOC")], "Jbala",
         "Baghdad"),  # a distance without a bearing: the town's point
        # untagged, or tagged a person's: the phrase makes the name a place
        ("en", "Militants attacked Kanaan, near Baqubah.", [("Kanaan", "PER"), ("Baqubah", "LOC")], "Kanaan",
         "Baqubah"),
        ("en", "Fighting went on in Kanaan near Baqubah.", [("Baqubah", "LOC")], "Kanaan", "Baqubah"),
        # a town of that name far away in another country is not the one meant: Alexandria, Egypt
        ("en", "Shelling hit Alexandria, near Baghdad.", [], "Alexandria", "Baghdad"),
        ("ru", "Взрыв произошёл в селе Гази-Юрт близ Назрани.", None, "Гази-Юрт", "Nazran"),
        ("ru", "Боевики обстреляли село Гази-Юрт под Назранью.", None, "Гази-Юрт", "Nazran"),
        ("ru", "Бой шёл в селе Гази-Юрт, в 15 км от Назрани.", None, "Гази-Юрт", "Nazran"),
    ],
)  # fmt: skip
def test_nearby_unknown_place_takes_the_point_of_the_place_it_is_near(lang, text, ner, name, town):
    ent = run(text, lang, ner)[name]
    holder = max(gz.lookup(town), key=gz.prior)
    geo = ent.geo
    assert geo is not None and (geo.geonameid, geo.precision) == (None, 2)
    assert (ent.country, geo.country_code, geo.admin1) == (holder.country_code, holder.country_code, holder.admin1)
    assert (geo.lat, geo.lon) == (holder.lat, holder.lon)
    assert ent.origin == "gazetteer"


@pytest.mark.parametrize(
    ("lang", "text", "ner", "name", "town", "km", "bearing"),
    [
        ("en", "A bomb exploded in Jbala, 20 km north of Baghdad.", [("Jbala", "LOC"), ("Baghdad", "LOC")], "Jbala",
         "Baghdad", 20, 0),
        # an organisation's tag does not stand against a distance and bearing
        ("en", "A bomb hit Jbala, 15 miles southwest of Baghdad.", [("Jbala", "ORG"), ("Baghdad", "LOC")], "Jbala",
         "Baghdad", 24.1, 225),
        ("en", "Militants attacked Kanaan, about twelve kilometres east of Baqubah.", [("Baqubah", "LOC")], "Kanaan",
         "Baqubah", 12, 90),
        ("ru", "Взрыв произошёл в селе Гази-Юрт в 20 км к северу от Назрани.", None, "Гази-Юрт", "Nazran", 20, 0),
        ("ru", "Бой шёл в селе Гази-Юрт, в двадцати километрах к юго-западу от Назрани.", None, "Гази-Юрт", "Nazran",
         20, 225),
    ],
)  # fmt: skip
def test_nearby_distance_and_bearing_move_the_point(lang, text, ner, name, town, km, bearing):
    ent = run(text, lang, ner)[name]
    holder = max(gz.lookup(town), key=gz.prior)
    geo = ent.geo
    assert geo is not None and (geo.geonameid, geo.precision, geo.country_code) == (None, 2, holder.country_code)
    assert gz.haversine(holder.lat, holder.lon, geo.lat, geo.lon) == pytest.approx(km, abs=0.5)
    north, east = geo.lat - holder.lat, geo.lon - holder.lon
    expected = {0: (1, 0), 90: (0, 1), 225: (-1, -1)}[bearing]
    assert (north > 0.01) - (north < -0.01) == expected[0] and (east > 0.01) - (east < -0.01) == expected[1]


@pytest.mark.parametrize(
    ("lang", "text", "ner", "name", "geonameid"),
    [
        ("en", "A bomb exploded in Tripoli, 80 km north of Beirut.", [], "Tripoli", 266826),
        ("en", "Rockets hit Hyderabad, near Karachi.", [], "Hyderabad", 1176734),
        ("en", "Fighting went on in Mahmudiya, near Baghdad.", [], "Mahmudiya", 99100),
        # a building's name is no place to be near, and a big town is not undone by an obscure one
        ("en", "A bomb exploded in Kirkuk, near Al-Mansur mosque.", [("Kirkuk", "LOC"), ("Al-Mansur", "LOC")],
         "Kirkuk", 94787),
    ],
)  # fmt: skip
def test_nearby_known_place_stays_itself(lang, text, ner, name, geonameid):
    geo = run(text, lang, ner)[name].geo
    assert geo is not None and (geo.geonameid, geo.precision) == (geonameid, 1)


@pytest.mark.parametrize(
    ("lang", "text", "ner", "name"),
    [
        ("en", "Gunmen killed Ali, near Baghdad.", [("Ali", "PER"), ("Baghdad", "LOC")], "Ali"),
        ("en", "Ali, near Baghdad, said nothing.", [("Baghdad", "LOC")], "Ali"),
        ("en", "Gunmen shot Ahmed, near Baghdad.", [("Ahmed", "PER"), ("Baghdad", "LOC")], "Ahmed"),
        ("en", "The Taliban killed a candidate, the son of Abdol Ghani, near Kandahar.", [("Kandahar", "LOC")],
         "Abdol Ghani"),
        ("en", "The Taliban killed a candidate, the son of Abdol Ghani, near Kandahar.",
         [("Abdol Ghani", "LOC"), ("Kandahar", "LOC")], "Abdol Ghani"),
        ("en", "Protesters marched to Halliburton, near Baghdad.", [("Halliburton", "ORG"), ("Baghdad", "LOC")],
         "Halliburton"),
        ("ru", "Путин под Москвой провёл совещание.", None, "Путин"),  # «под» without a feature word
    ],
)  # fmt: skip
def test_nearby_people_and_organisations_are_no_places(lang, text, ner, name):
    found = run(text, lang, ner)
    assert name not in found or found[name].geo is None  # no place, or not put near the town


def test_nearby_the_tail_of_a_longer_name_is_not_put_near():
    # the tagger split "San Martino di Lota": "Lota" is no village outside Bastia
    text = "The blast took place in San Martino di Lota, outside Bastia."
    found = run(text, "en", [("San Martino", "LOC"), ("Lota", "LOC"), ("Bastia", "LOC")])
    assert found["Lota"].geo is None
    whole = run(text, "en", [("San Martino di Lota", "LOC"), ("Bastia", "LOC")])["San Martino di Lota"]
    assert whole.geo is not None and (whole.geo.precision, whole.geo.admin1) == (2, "Corsica")


def test_nearby_under_without_a_feature_word_is_no_near_phrase():
    # «под обстрел»: no place; «под Назранью» alone names Nazran, which holds nothing
    found = run("Бойцы попали под обстрел под Назранью.", "ru")
    assert [e.name for e in found.values()] == ["Nazran"]


def test_nearby_words_are_data_in_both_languages():
    data = load_yaml("place_phrases.yaml")
    for lang in ("en", "ru"):
        table = data[lang]
        assert all(k in table for k in NEAR_KEYS), lang
        assert all(0 <= d < 360 for d in table["bearings"].values()), lang
        assert all(v > 0 for v in table["units"].values()), lang
    assert set(data["en"]["bearings"].values()) == set(data["ru"]["bearings"].values())
