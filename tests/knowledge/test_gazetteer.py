"""Tests for sitrep.knowledge.gazetteer: look-ups (English and Russian case forms), matching in text, demonyms and the
consistency of the hand-written data files."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import pytest

from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge.files import data_path, load_yaml

# (name, lang, expected name, feature, ISO2, admin1, lat, lon) -- coordinates within half a degree
KEY_PLACES = [
    ("Quetta", "en", "Quetta", "city", "PK", "Balochistan", 30.18, 67.00),
    ("Balochistan", "en", "Balochistan", "admin1", "PK", "Balochistan", None, None),
    ("Baluchistan", "en", "Balochistan", "admin1", "PK", "Balochistan", None, None),
    ("Pakistan", "en", "Pakistan", "country", "PK", None, 30.0, 70.0),
    ("Afghanistan", "en", "Afghanistan", "country", "AF", None, 33.0, 66.0),
    ("Tajikistan", "en", "Tajikistan", "country", "TJ", None, 38.5, 71.0),
    ("Turkey", "en", "Turkey", "country", "TR", None, 39.0, 35.0),
    ("Russia", "en", "Russia", "country", "RU", None, 60.0, 100.0),
    ("Moscow", "en", "Moscow", "city", "RU", "Moscow", 55.75, 37.62),
    ("Islamabad", "en", "Islamabad", "city", "PK", "Islamabad Capital Territory", 33.72, 73.04),
    ("Kabul", "en", "Kabul", "city", "AF", "Kabul", 34.53, 69.17),
    ("Khyber Pakhtunkhwa", "en", "Khyber Pakhtunkhwa", "admin1", "PK", "Khyber Pakhtunkhwa", None, None),
    ("KPK", "en", "Khyber Pakhtunkhwa", "admin1", "PK", "Khyber Pakhtunkhwa", None, None),
    ("North Waziristan", "en", "North Waziristan", "admin2", "PK", "Khyber Pakhtunkhwa", 32.95, 70.2),
    ("GBAO", "en", "Gorno-Badakhshan Autonomous Region", "admin1", "TJ", None, None, None),
    ("Helmand", "en", "Helmand", "admin1", "AF", "Helmand", None, None),
    ("Dagestan", "en", "Dagestan", "admin1", "RU", "Dagestan", None, None),
    ("Crimea", "en", "Crimea", "admin1", "UA", "Crimea", None, None),
    ("Gaza Strip", "en", "Gaza Strip", "admin1", "PS", "Gaza Strip", None, None),
    ("U.S.", "en", "United States", "country", "US", None, 39.76, -98.5),
    ("Кветта", "ru", "Quetta", "city", "PK", "Balochistan", 30.18, 67.00),
    ("Белуджистан", "ru", "Balochistan", "admin1", "PK", "Balochistan", None, None),
    ("Хайбер-Пахтунхва", "ru", "Khyber Pakhtunkhwa", "admin1", "PK", "Khyber Pakhtunkhwa", None, None),
    ("Чечня", "ru", "Chechnya", "admin1", "RU", "Chechnya", None, None),
]


@pytest.mark.parametrize(("name", "lang", "expected", "feature", "cc", "admin1", "lat", "lon"), KEY_PLACES)
def test_lookup_key_places_resolve(name, lang, expected, feature, cc, admin1, lat, lon):
    best = gz.lookup(name, lang)[0]
    assert (best.name, best.feature, best.country_code) == (expected, feature, cc)
    if admin1 is not None:
        assert best.admin1 == admin1
    if lat is not None:
        assert abs(best.lat - lat) < 0.5 and abs(best.lon - lon) < 0.5


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("Афганистане", "Afghanistan"),
        ("Пакистана", "Pakistan"),
        ("Белуджистане", "Balochistan"),
        ("Москве", "Moscow"),
        ("Кветты", "Quetta"),
        ("Кветту", "Quetta"),
        ("Таджикистану", "Tajikistan"),
        ("Турцией", "Turkey"),
        ("России", "Russia"),
        ("Сирии", "Syria"),
        ("Южном Вазиристане", "South Waziristan"),
        ("Московской области", "Moscow Oblast"),
        ("Хайбер-Пахтунхве", "Khyber Pakhtunkhwa"),
        ("Ближнем Востоке", "Middle East"),
        ("Соединённых Штатах", "United States"),
        ("Соединенных Штатов", "United States"),
    ],
)
def test_lookup_russian_case_forms(form, expected):
    assert gz.lookup(form, "ru")[0].name == expected


def test_lookup_prior_country_before_admin1_before_town():
    georgia = gz.lookup("Georgia")
    assert [p.feature for p in georgia[:2]] == ["country", "admin1"]
    assert georgia[1].country_code == "US"
    paris = gz.lookup("Paris")
    assert (paris[0].country_code, paris[0].feature) == ("FR", "city")


@pytest.mark.parametrize(("name", "cc"), [("Gaza", "PS"), ("Manchester", "GB"), ("Sofia", "BG")])
def test_lookup_a_province_outnumbered_by_a_city_of_its_name_abroad_comes_after_it(name, cc):
    """Mozambique's Gaza province, Jamaica's Manchester parish and Madagascar's Sofia region have fewer people than
    the city of that name elsewhere: the name alone means the city; the province stays a candidate."""
    found = gz.lookup(name)
    assert (found[0].feature, found[0].country_code) == ("city", cc)
    province = next(p for p in found if p.feature == "admin1")
    assert "outnumbered" in province.flags and province.country_code != cc


def test_lookup_a_province_bigger_than_the_towns_of_its_name_keeps_its_place():
    punjab = gz.lookup("Punjab")
    assert punjab[0].feature == "admin1" and "outnumbered" not in punjab[0].flags


def test_lookup_unknown_name_is_empty():
    assert gz.lookup("Xqzzyville") == []
    assert gz.lookup("") == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Militants moved from Quetta to Kabul via Pakistan's Balochistan province.",
         ["Quetta", "Kabul", "Pakistan", "Balochistan"]),
        ("en", "Officials in New York and South Waziristan spoke.", ["New York", "South Waziristan"]),
        ("en", "Clashes in Khyber Pakhtunkhwa and the Gaza Strip.", ["Khyber Pakhtunkhwa", "Gaza Strip"]),
        ("ru", "Теракт в Москве подготовили в Белуджистане, оружие привезли из Пакистана в Кветту.",
         ["Москве", "Белуджистане", "Пакистана", "Кветту"]),
        ("ru", "В Южном Вазиристане и Хайбер-Пахтунхве неспокойно.", ["Южном Вазиристане", "Хайбер-Пахтунхве"]),
    ],
)  # fmt: skip
def test_find_offsets_are_exact(lang, text, expected):
    found = gz.find(text, lang)
    assert [text[s:e] for s, e, _ in found] == expected


@pytest.mark.parametrize(
    "text",
    [
        "In March, Most of the Police officers left.",
        "Of the Post reporters, Wa said nothing.",
        "The White House said so.",
        "Мира не будет, сказал он.",
    ],
)
def test_find_skips_common_words(text):
    assert gz.find(text, "ru" if re.search("[а-я]", text) else "en") == []


def test_find_respects_start_and_end():
    text = "Kabul and Quetta and Moscow"
    assert [text[s:e] for s, e, _ in gz.find(text, "en", 6, 20)] == ["Quetta"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rockets hit the Nativ Ha'asara settlement.", []),  # not Ha, Bhutan: the word goes on after the apostrophe
        ("The mayor of Kabul's old city and Baghdad’s mayor met.", ["Kabul", "Baghdad"]),  # a possessive ends it
        ("A bomb exploded in Nad 'Ali.", ["Nad 'Ali"]),
    ],
)
def test_find_matches_no_name_cut_inside_a_word(text, expected):
    assert [text[s:e] for s, e, _ in gz.find(text)] == expected


def test_find_reads_datelines_in_capitals():
    text = "CHARLESTON, W.Va. -- The mayor spoke."
    found = [(text[s:e], ps[0].country_code) for s, e, ps in gz.find(text)]
    assert found[0] == ("CHARLESTON", "US")
    assert ("W.Va.", "US") in found


@pytest.mark.parametrize(
    ("word", "lang", "cc"),
    [
        ("Afghan", "en", "AF"),
        ("Pakistani", "en", "PK"),
        ("Russians", "en", "RU"),
        ("Tajik", "en", "TJ"),
        ("Uzbek", "en", "UZ"),
        ("Iranian", "en", "IR"),
        ("Syrian", "en", "SY"),
        ("Iraqi", "en", "IQ"),
        ("Chechen", "en", "RU"),
        ("Baloch", "en", "PK"),
        ("афганский", "ru", "AF"),
        ("афганской", "ru", "AF"),
        ("пакистанских", "ru", "PK"),
        ("Таджикские", "ru", "TJ"),
        ("российского", "ru", "RU"),
        ("Ghanaian", "en", "GH"),
        ("Liberians", "en", "LR"),
        ("Swiss", "en", "CH"),
        ("Montenegrin", "en", "ME"),
        ("Leonean", "en", "SL"),
        ("Haitians", "en", "HT"),
        ("Fijian", "en", "FJ"),
        ("ганского", "ru", "GH"),
        ("либерийцев", "ru", "LR"),
        ("хорватские", "ru", "HR"),
        ("Чилийская", "ru", "CL"),
        ("южносуданской", "ru", "SS"),
        ("суданской", "ru", "SD"),
        ("Korean", "en", None),
        ("Kurdish", "en", None),
        ("Vatican", "en", None),
        ("чилить", "ru", None),
        ("afghan", "en", None),
        ("Taliban", "en", None),
        ("талибы", "ru", None),
    ],
)
def test_demonym_maps_to_country(word, lang, cc):
    assert gz.demonym(word, lang) == cc


@pytest.mark.parametrize(
    ("word", "lang", "cc"),
    [
        ("афгано", "ru", "AF"),
        ("Sino", "en", "CN"),
        ("Afghan", "en", "AF"),
        ("Serbo", "en", "RS"),
        ("франко", "ru", "FR"),
        ("Ghanaian", "en", "GH"),
        ("хорватско", "ru", "HR"),
    ],
)
def test_combining_form_maps_to_country(word, lang, cc):
    assert gz.combining_form(word, lang) == cc


def test_country_by_code():
    assert gz.country("pk").name == "Pakistan"
    assert gz.country("XX") is None


def test_contains_follows_country_and_admin1():
    quetta, balochistan, pakistan = (gz.lookup(n)[0] for n in ("Quetta", "Balochistan", "Pakistan"))
    assert gz.contains(pakistan, quetta) and gz.contains(balochistan, quetta)
    assert not gz.contains(quetta, balochistan) and not gz.contains(balochistan, balochistan)


def test_distance_km_quetta_kabul():
    assert 500 < gz.distance_km(gz.lookup("Quetta")[0], gz.lookup("Kabul")[0]) < 550


def test_place_kb_id_uses_geonameid_or_name():
    assert gz.lookup("Quetta")[0].kb_id == "geo:1167528"
    assert gz.lookup("Waziristan")[0].kb_id == "geo:Waziristan"  # hand-written: no GeoNames id


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [("Balochistan", 1183606), ("Quebec", 6115047), ("England", 6269131), ("D.C.", 4138106),
     ("Tarrant County", 4735638)],
)  # fmt: skip
def test_divisions_carry_their_geonames_id(name, geonameid):
    """Provinces, states and counties are GeoNames' divisions by id too, not only by name and point."""
    assert gz.lookup(name)[0].geonameid == geonameid


def test_data_gazetteer_file_is_small():
    assert data_path("gazetteer.tsv.gz").stat().st_size < 25_000_000


def test_data_codes_are_known_countries():
    known = set(gz.load().countries) | {"XK"}
    demonyms = load_yaml("demonyms.yaml")
    codes = [str(k)[:2] for k in demonyms["en"]] + [str(k)[:2] for k in demonyms["ru"]]
    codes += [str(k) for table in demonyms["combining"].values() for k in table]
    regions = load_yaml("regions.yaml")
    codes += [c for r in regions["macro_regions"] for c in r.get("countries", [])]
    codes += [c for g in regions["generic"] for c in g["countries"]]
    extra = load_yaml("places_extra.yaml")
    codes += [str(k) for k in extra["countries"]] + [o["cc"] for o in extra["admin1"] + extra["cities"]]
    assert all(isinstance(c, str) and len(c) == 2 for c in codes)  # YAML reads a bare NO as False
    assert sorted(set(codes) - known) == []


def test_data_stopwords_are_strings():
    for lang, table in load_yaml("place_stopwords.yaml").items():
        for key, words in table.items():
            assert all(isinstance(w, str) and w for w in words), (lang, key)


def test_data_russian_endings_are_pairs():
    endings = load_yaml("gazetteer_ru.yaml")["endings"]
    assert all(len(pair) == 2 and all(re.fullmatch("[а-яё]*", x) for x in pair) for pair in endings)


def test_gazetteer_arabic_administrative_prefixes_are_also_indexed_without_them():
    places = gz.lookup("Iskandariyah", "en")
    assert any(p.country_code == "IQ" for p in places)


@pytest.mark.parametrize(
    ("text", "surface"),
    [("Gunmen attacked him in al-Diwaniyah.", "al-Diwaniyah"), ("in Diwaniyah", "Diwaniyah"), ("Al-Ramadi", "Ramadi")],
)
def test_gazetteer_arabic_names_are_found_with_their_article_or_without_it(text, surface):
    ((start, end, places),) = gz.find(text, "en")
    assert text[start:end].endswith(surface) and places[0].country_code == "IQ"


@pytest.mark.parametrize(
    ("name", "want"),
    [("Karabala", "Karbala"), ("Kurkuk", "Kirkuk"), ("Baquabah", "Baqubah"), ("He'rat", "Herat")],
)
def test_gazetteer_loose_finds_names_spelled_otherwise(name, want):
    assert gz.lookup(name, "en") == [] and gz.loose(name)[0].name == want


@pytest.mark.parametrize("name", ["Shiites", "Sunnis", "Kelleyland", "Kadhimiya"])
def test_gazetteer_loose_finds_nothing_far_from_the_name(name):
    assert all(max(SequenceMatcher(None, name, n).ratio() for n in p.names) > 0.7 for p in gz.loose(name))


def test_gazetteer_article_variants_stay_in_the_arabic_speaking_countries():
    assert all(p.name != "El Salvador" for p in gz.lookup("Salvador", "en"))


@pytest.mark.parametrize(
    ("name", "lang", "cc", "admin1", "geonameid"),
    [
        ("Musa Qala District", "en", "AF", "Helmand", 7053028),
        ("Nad Ali", "en", "AF", "Helmand", 7053029),
        ("Сергокалинский район", "ru", "RU", "Dagestan", 496609),
        ("Каргапольском районе", "ru", "RU", "Kurgan", 1504384),
    ],
)
def test_districts_of_watched_countries_with_geonames_ids(name, lang, cc, admin1, geonameid):
    district = next(p for p in gz.lookup(name, lang) if p.feature == "admin2")
    assert (district.country_code, district.admin1, district.geonameid) == (cc, admin1, geonameid)
    assert district.admin2 == district.name


def test_districts_named_after_their_town_mean_the_town_alone():
    places = gz.lookup("Musa Qala")
    assert places[0].feature == "city" and any(p.feature == "admin2" and "seat" in p.flags for p in places)


def test_towns_carry_their_district():
    (town,) = [p for p in gz.lookup("Spin Boldak") if p.feature == "city"]
    assert (town.country_code, town.admin1, town.admin2) == ("AF", "Kandahar", "Spīn Bōldak")


def test_a_district_without_a_known_point_is_flagged_approximate():
    (district,) = gz.lookup("Arghanj Khwa")
    badakhshan = gz.admin1("AF", "Badakhshan")
    assert "approximate" in district.flags and (district.lat, district.lon) == (badakhshan.lat, badakhshan.lon)


def test_villages_of_pakistan_from_ucdp():
    (village,) = gz.lookup("Mirpura")
    assert (village.country_code, village.admin2, village.feature, village.geonameid) == ("PK", "Neelam", "city", None)
    assert "ucdp" in village.flags


def test_russian_name_is_the_cyrillic_spelling_of_the_place_in_the_russian_dictionary() -> None:
    from sitrep.knowledge.gazetteer_index import russian_name

    # GeoNames lists Cyrillic names without their language: Tatar, Bulgarian, old names
    assert russian_name("Stavropol", "Ставропол", ("Ставрополь", "Ворошиловск")) == "Ставрополь"
    assert russian_name("Tolyatti", "Ставрополь", ("Тольятти", "Толиати")) == "Тольятти"
    assert russian_name("Kazan", "Казан", ("Казань",)) == "Казань"
    assert russian_name("Gimry", "Гимры", ()) == "Гимры"  # no other name to choose
    assert russian_name("Qal'at", "", ()) is None


def test_russian_lookup_prefers_the_place_of_that_name_to_one_formerly_so_called() -> None:
    assert [p.name for p in gz.lookup("Ставрополе", "ru")][:1] == ["Stavropol"]


def _demonym_tables() -> dict[str, dict[str, list[str]]]:
    data = load_yaml("demonyms.yaml")
    return {"en": data["en"], "ru": data["ru"], **{f"combining-{k}": v for k, v in data["combining"].items()}}


def test_data_demonym_codes_are_iso_3166_and_no_word_names_two_countries():
    import pycountry

    ambiguous = set(load_yaml("demonyms.yaml")["ambiguous"])
    for part, table in _demonym_tables().items():
        owner: dict[str, set[str]] = {}
        for key, words in table.items():
            assert isinstance(key, str) and pycountry.countries.get(alpha_2=key[:2]) is not None, (part, key)
            assert key[2:] in ("", "-regions"), (part, key)
            for w in words:
                owner.setdefault(w, set()).add(key[:2])
        assert {w: cc for w, cc in owner.items() if len(cc) > 1} == {}, part
        assert sorted(ambiguous & set(owner)) == [], part


def test_data_demonyms_cover_every_iso_country_but_the_listed_ones():
    import pycountry

    covered = {key[:2] for key in load_yaml("demonyms.yaml")["en"]}
    # no demonym of their own (uninhabited; not in the gazetteer: TK, WF; or the people named after another
    # country: "Congolese" is the DRC, "Dominican" the Dominican Republic, "Micronesian" a whole region; "Vatican"
    # is the place's name)
    left_out = {"AQ", "AX", "BL", "BQ", "BV", "CC", "CG", "CX", "DM", "FM", "GG", "GS", "HM", "IO", "JE", "MF", "MP"}
    left_out |= {"NF", "PM", "PN", "SH", "SJ", "SX", "TC", "TF", "TK", "UM", "VA", "VG", "VI", "WF"}
    assert sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 not in covered) == sorted(left_out)


def test_data_russian_demonym_stems_are_long_and_start_no_other_countrys_stem():
    """Stems are matched as word prefixes, so a short one would catch unrelated words ("чил" in "чилить")."""
    stems = [(w, str(cc)[:2]) for cc, words in load_yaml("demonyms.yaml")["ru"].items() for w in words]
    clashes = [(a, b) for a, ca in stems for b, cb in stems if a != b and b.startswith(a) and ca != cb]
    assert clashes == [("турк", "туркменск"), ("турк", "туркмен")]  # the longer stem is tried first
    assert sorted(w for w, _ in stems if len(w) < 5) == ["немц", "турк"]


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Bannang Sata", "Yala"), ("Rueso", "Narathiwat"), ("Tak Bai", "Narathiwat"), ("Sungai Kolok", "Narathiwat")],
)
def test_lookup_districts_of_southern_thailand(name: str, admin1: str) -> None:
    # GeoNames' Thai districts are "Amphoe Rueso": the gazetteer knows them by their plain names
    places = [p for p in gz.lookup(name, "en") if p.country_code == "TH"]
    assert places and places[0].admin1 == admin1


@pytest.mark.parametrize(("name", "country"), [("San Sebastian", "ES"), ("Donostia", "ES")])
def test_gazetteer_either_half_of_a_name_in_two_languages_is_the_main_name(name, country) -> None:
    # "Donostia / San Sebastián" is called by either of its names, as a town is by its own
    assert gz.lookup(name)[0].country_code == country


def test_gazetteer_a_name_in_capitals_with_short_words_is_found_whole() -> None:
    # headings of incident summaries: "SRI LANKA.", "EL SALVADOR."; a short word in capitals alone is an acronym
    assert gz.lookup("SRI LANKA")[0].country_code == "LK"
    assert gz.lookup("EL SALVADOR")[0].country_code == "SV"
    assert gz.lookup("UN") == [] and gz.lookup("IS") == []


@pytest.mark.parametrize(
    ("name", "lang", "cc"),
    [
        ("Mindanao", "en", "PH"), ("Sulawesi", "en", "ID"), ("Celebes", "en", "ID"), ("Sumatra", "en", "ID"),
        ("Java", "en", "ID"),  # the island before Georgia's village of that name
        ("Gulf of Aden", "en", "YE"), ("Strait of Hormuz", "en", "IR"), ("Lake Chad", "en", "TD"),
        ("Минданао", "ru", "PH"), ("Чёрное море", "ru", "UA"),
    ],
)  # fmt: skip
def test_gazetteer_islands_and_waters_of_conflict_reporting(name: str, lang: str, cc: str) -> None:
    assert gz.lookup(name, lang)[0].country_code == cc
