"""Tests for sitrep.knowledge.kb: the actor knowledge base parses, is consistent, and resolves real surface forms."""

from __future__ import annotations

import copy
import re

import pytest

from sitrep.errors import KnowledgeError
from sitrep.knowledge import kb
from sitrep.model import ACTOR_TYPES

from paths import SHARED

SAMPLE = SHARED / "samples" / "taliban-iskp-analysis.txt"


# ---------------------------------------------------------------------------------------------------------
# The shipped files


def test_actors_file_parses_with_enough_actors():
    assert len(kb.load_actors()) >= 200


@pytest.mark.parametrize(
    ("actor_type", "minimum"),
    [
        ("armed_group", 60),
        ("government", 30),
        ("security_force", 40),
        ("organization", 30),
        ("media", 40),
        ("person", 20),
    ],
)
def test_actors_every_type_has_its_minimum(actor_type, minimum):
    ids = [a.id for a in kb.load_actors().values() if a.type == actor_type]
    assert len(ids) >= minimum, f"only {len(ids)} actors of type {actor_type}"


def test_actors_types_are_contract_types():
    assert {a.type for a in kb.load_actors().values()} == set(ACTOR_TYPES)


@pytest.mark.parametrize(
    ("actor_id", "actor_type", "parent"),
    [
        ("islamic_state", "armed_group", None),
        ("iskp", "armed_group", "islamic_state"),
        ("is_pakistan", "armed_group", "islamic_state"),
        ("is_hind", "armed_group", "islamic_state"),
        ("iscap", "armed_group", "islamic_state"),
        ("iswap", "armed_group", "islamic_state"),
        ("is_sahel", "armed_group", "islamic_state"),
        ("is_somalia", "armed_group", "islamic_state"),
        ("is_sinai", "armed_group", "islamic_state"),
        ("is_caucasus", "armed_group", "islamic_state"),
        ("taliban", "armed_group", None),
        ("islamic_emirate", "government", None),
        ("afghanistan_republic", "government", None),
        ("ttp", "armed_group", None),
        ("haqqani_network", "armed_group", "taliban"),
        ("al_qaeda", "armed_group", None),
        ("aqis", "armed_group", "al_qaeda"),
        ("aqap", "armed_group", "al_qaeda"),
        ("aqim", "armed_group", "al_qaeda"),
        ("al_shabaab", "armed_group", "al_qaeda"),
        ("jnim", "armed_group", "al_qaeda"),
        ("hurras_al_din", "armed_group", "al_qaeda"),
        ("bla", "armed_group", None),
        ("blf", "armed_group", None),
        ("bras", "armed_group", None),
        ("lashkar_e_taiba", "armed_group", None),
        ("jaish_e_mohammed", "armed_group", None),
        ("hizbul_mujahideen", "armed_group", None),
        ("trf", "armed_group", None),
        ("tip", "armed_group", None),
        ("imu", "armed_group", None),
        ("jamaat_ansarullah", "armed_group", None),
        ("katibat_imam_al_bukhari", "armed_group", None),
        ("hezbollah", "armed_group", None),
        ("hamas", "armed_group", None),
        ("pij", "armed_group", None),
        ("houthis", "armed_group", None),
        ("hts", "armed_group", None),
        ("pkk", "armed_group", None),
        ("ypg", "armed_group", "sdf"),
        ("sdf", "armed_group", None),
        ("pmf", "armed_group", None),
        ("kataib_hezbollah", "armed_group", "pmf"),
        ("nrf", "armed_group", None),
        ("aff", "armed_group", None),
        ("jundallah", "armed_group", None),
        ("jaish_al_adl", "armed_group", None),
        ("lashkar_e_jhangvi", "armed_group", None),
        ("sipah_e_sahaba", "armed_group", None),
        ("caucasus_emirate", "armed_group", None),
        ("wagner_group", "armed_group", None),
        ("africa_corps", "security_force", "russian_armed_forces"),
        ("pakistan_government", "government", None),
        ("russia_government", "government", None),
        ("tajikistan_government", "government", None),
        ("us_government", "government", None),
        ("afghan_national_army", "security_force", "andsf"),
        ("pakistan_army", "security_force", "pakistan_armed_forces"),
        ("isi", "security_force", "pakistan_government"),
        ("fsb", "security_force", "russia_government"),
        ("rosgvardia", "security_force", "russia_government"),
        ("gknb_tajikistan", "security_force", "tajikistan_government"),
        ("irgc", "security_force", "iran_government"),
        ("quds_force", "security_force", "irgc"),
        ("ctd_punjab", "security_force", "punjab_police"),
        ("frontier_corps", "security_force", "pakistan_government"),
        ("levies", "security_force", "balochistan_government"),
        ("centcom", "security_force", "us_armed_forces"),
        ("isaf", "security_force", "nato"),
        ("resolute_support", "security_force", "nato"),
        ("idf", "security_force", "israel_government"),
        ("syrian_arab_army", "security_force", "syria_government"),
        ("un", "organization", None),
        ("unsc", "organization", "un"),
        ("unama", "organization", "un"),
        ("nato", "organization", None),
        ("sco", "organization", None),
        ("csto", "organization", None),
        ("cis", "organization", None),
        ("eu", "organization", None),
        ("osce", "organization", None),
        ("oic", "organization", None),
        ("arab_league", "organization", None),
        ("asean", "organization", None),
        ("icrc", "organization", None),
        ("interpol", "organization", None),
        ("fatf", "organization", None),
        ("interfax", "media", None),
        ("tass", "media", None),
        ("ria_novosti", "media", None),
        ("reuters", "media", None),
        ("ap", "media", None),
        ("afp", "media", None),
        ("bbc", "media", None),
        ("al_jazeera", "media", None),
        ("cnn", "media", None),
        ("amaq", "media", "islamic_state"),
        ("al_naba", "media", "islamic_state"),
        ("al_azaim", "media", "iskp"),
        ("voice_of_khurasan", "media", "al_azaim"),
        ("tolo_news", "media", None),
        ("pajhwok", "media", None),
        ("dawn", "media", None),
        ("telegram", "media", None),
        ("x_twitter", "media", None),
        ("facebook", "media", "meta"),
        ("youtube", "media", None),
        ("whatsapp", "media", "meta"),
        ("tiktok", "media", None),
        ("vkontakte", "media", None),
        ("sanaullah_ghafari", "person", "iskp"),
        ("hibatullah_akhundzada", "person", "taliban"),
        ("sirajuddin_haqqani", "person", "haqqani_network"),
        ("abu_bakr_al_baghdadi", "person", "islamic_state"),
        ("ayman_al_zawahiri", "person", "al_qaeda"),
        ("noor_wali_mehsud", "person", "ttp"),
        ("sami_sadat", "person", "afghan_national_army"),
        ("seymour_hersh", "person", None),
        ("vladimir_putin", "person", "russia_government"),
        ("emomali_rahmon", "person", "tajikistan_government"),
        ("shehbaz_sharif", "person", "pakistan_government"),
        ("asim_munir", "person", "pakistan_army"),
        ("zabihullah_mujahid", "person", "islamic_emirate"),
    ],
)
def test_actor_required_present_with_type_and_parent(actor_id, actor_type, parent):
    a = kb.actor(actor_id)
    assert (a.type, a.parent) == (actor_type, parent)


def test_actor_unknown_id_raises_key_error_naming_file():
    with pytest.raises(KeyError, match=r"actors\.yaml"):
        kb.actor("no_such_actor")


def test_children_lists_branches_not_persons():
    branches = kb.children("islamic_state")
    assert {"iskp", "is_pakistan", "iswap", "is_caucasus", "amaq"} <= set(branches)
    assert "abu_bakr_al_baghdadi" not in branches
    assert kb.children("iskp") == ["al_azaim"]


def test_actor_region_resolves_is_to_a_branch_by_country():
    in_afghanistan = [i for i in kb.children("islamic_state") if "AF" in kb.actor(i).region]
    assert "iskp" in in_afghanistan


def test_actors_every_one_has_a_russian_name():
    missing = [a.id for a in kb.load_actors().values() if not a.name_ru and not a.aliases.ru]
    assert not missing, f"actors without name_ru or a Russian alias: {missing}"


def test_actors_wikidata_ids_are_unique_and_well_formed():
    qids = [a.wikidata for a in kb.load_actors().values() if a.wikidata]
    assert all(re.fullmatch(r"Q[1-9]\d*", q) for q in qids)
    assert len(qids) == len(set(qids))


def test_actors_descriptions_have_no_leading_article():
    bad = [
        (a.id, d)
        for a in kb.load_actors().values()
        for d in a.descriptions.all()
        if d.lower().startswith(("the ", "this "))
    ]
    assert not bad, f"write descriptions without a leading the/this (the matcher adds it): {bad}"


def test_actors_banned_in_russia_are_marked():
    assert kb.actor("islamic_state").ru_banned
    assert kb.actor("iskp").ru_banned
    assert kb.actor("al_qaeda").ru_banned
    assert not kb.actor("taliban").ru_banned  # ban lifted in April 2025


# ---------------------------------------------------------------------------------------------------------
# Surface forms


@pytest.mark.parametrize(
    ("lang", "form", "expected"),
    [
        ("en", "ISKP", "iskp"),
        ("en", "ISIS-K", "iskp"),
        ("en", "IS-K", "iskp"),
        ("en", "Islamic State-Khorasan Province", "iskp"),
        ("en", "Islamic State – Khorasan Province", "iskp"),
        ("en", "Islamic State—Khorasan Province", "iskp"),
        ("en", "Khorasan branch of ISIS", "iskp"),
        ("en", "Afghan-Pakistani branch of the Islamic State", "iskp"),
        ("en", "Wilayat Khorasan", "iskp"),
        ("en", "Islamic State", "islamic_state"),
        ("en", "ISIS", "islamic_state"),
        ("en", "IS", "islamic_state"),
        ("en", "Daesh", "islamic_state"),
        ("en", "Taliban", "taliban"),
        ("en", "taliban", "taliban"),
        ("en", "Islamic Emirate", "islamic_emirate"),
        ("en", "unrecognized Afghan government", "islamic_emirate"),
        ("en", "de facto authorities in Afghanistan", "islamic_emirate"),
        ("en", "Afghan interim government", "islamic_emirate"),
        ("en", "Taliban government", "islamic_emirate"),
        ("en", "Tehrik-i-Taliban Pakistan", "ttp"),
        ("en", "Tehreek-e-Taliban Pakistan", "ttp"),
        ("en", "Pakistani Taliban", "ttp"),
        ("en", "TTP", "ttp"),
        ("en", "Haqqani Network", "haqqani_network"),
        ("en", "Afghan army", "afghan_national_army"),
        ("en", "Interfax", "interfax"),
        ("en", "Telegram", "telegram"),
        ("en", "Twitter", "x_twitter"),
        ("en", "X (formerly Twitter)", "x_twitter"),
        ("en", "Seymour Hersh", "seymour_hersh"),
        ("en", "Sami Sadat", "sami_sadat"),
        ("en", "Shahab al-Muhajir", "sanaullah_ghafari"),
        ("en", "Kremlin", "russia_government"),
        ("en", "Pakistani government", "pakistan_government"),
        ("en", "Ansar Allah", "houthis"),
        ("en", "Hayat Tahrir al-Sham", "hts"),
        ("en", "HTS", "hts"),
        ("en", "Rosgvardia", "rosgvardia"),
        ("en", "Jaish al-Adl", "jaish_al_adl"),
        ("en", "Dawn", "dawn"),
        ("en", "Amaq", "amaq"),
        ("en", "UN Security Council", "unsc"),
        ("ru", "Талибан", "taliban"),
        ("ru", "талибы", "taliban"),
        ("ru", "движение «Талибан»", "taliban"),
        ("ru", "Исламское государство", "islamic_state"),
        ("ru", "ИГИЛ", "islamic_state"),
        ("ru", "ИГ", "islamic_state"),
        ("ru", "Вилаят Хорасан", "iskp"),
        ("ru", "ИГ-Хорасан", "iskp"),
        ("ru", "афганский филиал ИГ", "iskp"),
        ("ru", "Исламский эмират", "islamic_emirate"),
        ("ru", "Техрик-е Талибан Пакистан", "ttp"),
        ("ru", "Интерфакс", "interfax"),
        ("ru", "Interfax", "interfax"),
        ("ru", "Telegram", "telegram"),
        ("ru", "Кремль", "russia_government"),
        ("ru", "ФСБ", "fsb"),
        ("ru", "Росгвардия", "rosgvardia"),
        ("ru", "ХАМАС", "hamas"),
        ("ru", "Хезболла", "hezbollah"),
        ("ru", "хуситы", "houthis"),
        ("ru", "ЧВК «Вагнер»", "wagner_group"),
        ("ru", "ЧВК \u201cВагнер\u201d", "wagner_group"),
        ("ru", "«Аль-Каида»", "al_qaeda"),
        ("ru", "Аль-Каида", "al_qaeda"),
        ("ru", "Институт Ближнего Востока", "institute_middle_east"),
        ("ru", "Эмомали Рахмон", "emomali_rahmon"),
        ("ru", "Забихулла Муджахид", "zabihullah_mujahid"),
        ("ru", "Хайят Тахрир аш-Шам", "hts"),
        ("ru", "Корпус стражей исламской революции", "irgc"),
        # the Iraq insurgency of 2003-07 (RAND's codes: "Tanzim Qa'idat al-Jihad fi Bilad al-Rafidayn", ...)
        ("en", "Tanzim Qa'idat al-Jihad fi Bilad al-Rafidayn", "aqi"),
        ("en", "al-Qaeda in Iraq", "aqi"),
        ("en", "Tawhid and Jihad", "tawhid_jihad"),
        ("en", "Ansar al-Sunnah Army", "ansar_al_sunna"),
        ("en", "Islamic Army in Iraq", "islamic_army_in_iraq"),
        ("en", "Mujahideen Shura Council", "mujahideen_shura_council_iraq"),
        ("en", "Islamic State of Iraq", "islamic_state_of_iraq"),
        ("en", "Islamic State of Iraq and the Levant", "islamic_state"),
        ("en", "Salafist Group for Call and Combat", "aqim"),
        # armed groups of the 2000s that RAND and GTD code often
        ("en", "Lord's Resistance Army", "lra"),
        ("en", "Popular Resistance Committees", "popular_resistance_committees"),
        ("en", "United Self Defense Forces of Colombia", "auc"),
        ("en", "Riyad us-Saliheyn Martyrs' Brigade", "riyadus_salikhin"),
        ("en", "Purbo Banglar Communist Party", "pbcp"),
        ("en", "Kurdistan Freedom Hawks", "kurdistan_freedom_hawks"),
        ("ru", "Армия сопротивления Господа", "lra"),
    ],
)
def test_lookup_resolves_surface_form(lang, form, expected):
    assert kb.lookup(form, lang) == [expected]


@pytest.mark.parametrize(
    ("lang", "form", "expected"),
    [
        ("en", "islamic state-khorasan province", "iskp"),
        ("en", "khorasan branch of isis", "iskp"),
        ("en", "taliban", "taliban"),
        ("en", "unrecognized afghan government", "islamic_emirate"),
        ("en", "tehrik-i-taliban pakistan", "ttp"),
        ("ru", "талибан", "taliban"),
        ("ru", "исламское государство", "islamic_state"),
        ("ru", "террористическая организация «исламское государство»", "islamic_state"),
        ("ru", "interfax", "interfax"),
    ],
)
def test_alias_index_keys_are_normalized_lower_case(lang, form, expected):
    index = kb.alias_index(lang)
    assert index[kb.normalize(form)] == [expected]


def test_alias_index_russian_includes_english_forms_but_not_the_reverse():
    assert "interfax" in kb.alias_index("ru")
    assert "интерфакс" not in kb.alias_index("en")


@pytest.mark.parametrize("form", ["IS", "AP", "UN", "RT", "ISI", "FC", "Dawn", "Levies"])
def test_abbreviation_matches_only_case_sensitively(form):
    assert form in kb.abbreviation_index()
    assert form.lower() not in kb.abbreviation_index()
    assert form.lower() not in kb.alias_index("en")
    assert form.lower() not in kb.alias_index("ru")
    assert kb.lookup(form.lower()) == []


def test_abbreviation_is_denotes_only_islamic_state():
    assert kb.abbreviation_index()["IS"] == ["islamic_state"]
    assert kb.abbreviation_index()["ИГ"] == ["islamic_state"]


@pytest.mark.parametrize(
    "word",
    [
        "is",
        "it",
        "the",
        "army",
        "police",
        "government",
        "state",
        "military",
        "dawn",
        "levies",
        "news",
        "media",
        "afghanistan",
        "pakistan",
        "russia",
        "tajikistan",
        "iran",
        "syria",
        "balochistan",
        "kabul",
        "islamabad",
        "moscow",
        "dushanbe",
        "tehran",
        "washington",
        "quetta",
        "фергана",
        "известия",
        "медуза",
        "азов",
        "москва",
        "кабул",
        "исламабад",
        "афганистан",
        "пакистан",
        "россия",
        "кудс",
    ],
)
def test_alias_index_has_no_common_words_or_place_names(word):
    for lang in kb.LANGS:
        hits = kb.alias_index(lang).get(word, [])
        assert not hits, f"{word!r} would be linked to {hits} in {lang} text"


def test_lookup_shared_form_returns_every_candidate():
    assert kb.lookup("Afghan government") == ["afghanistan_republic", "islamic_emirate"]
    assert kb.lookup("GKNB") == ["gknb_kyrgyzstan", "gknb_tajikistan"]
    assert "afghan government" in kb.ambiguous_forms()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ИГ–Хорасан", "иг-хорасан"),
        ("Запрещённая «Аль-Каида»", 'запрещенная "аль-каида"'),
        ("Hay\u2019at Tahrir al-Sham", "hay'at tahrir al-sham"),
    ],
)
def test_normalize_folds_dashes_quotes_and_yo(text, expected):
    assert kb.normalize(text) == expected
    assert len(kb.normalize(text)) == len(text)


def test_actor_forms_put_names_and_aliases_together():
    forms = kb.actor("iskp").forms("ru")
    assert "Islamic State – Khorasan Province" in forms
    assert "Вилаят Хорасан" in forms
    assert "Khorasan branch of ISIS" in forms


# ---------------------------------------------------------------------------------------------------------
# Consistency checks: each broken file fails with a clear message


def _entry(**kw):
    base = {
        "id": "x_group",
        "name": "X Group",
        "type": "armed_group",
        "aliases": {"en": ["X Group"], "ru": ["Группа X"]},
    }
    base.update(kw)
    return base


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"id": "a"}, "expected a list"),
        (["not a mapping"], "entry #1: expected a mapping"),
        ([_entry(id="Bad-Id")], "snake_case"),
        ([_entry(), _entry()], "entry #2: duplicate id 'x_group'"),
        ([_entry(type="militia")], "type 'militia' is not one of"),
        ([_entry(sector="XYZ")], "not a PLOVER sector code"),
        ([_entry(country="XX")], "country 'XX' is not an ISO 3166"),
        ([_entry(country="af")], "country 'af' is not an ISO 3166"),
        ([_entry(region=["AF", "ZZ"])], "region 'ZZ' is not an ISO 3166"),
        ([_entry(parent="nobody")], "parent 'nobody' is not an actor id"),
        ([_entry(wikidata="12345")], "wikidata '12345' must look like Q123"),
        ([_entry(founded="May 2015")], "founded 'May 2015'"),
        ([_entry(colour="red")], "unknown key(s) ['colour']"),
        ([_entry(aliases={"de": ["X"]})], "'aliases' must map language codes"),
        ([_entry(aliases={"en": "X Group"})], "'aliases.en' must be a list"),
        ([_entry(aliases={"en": [" X Group"]})], "without surrounding spaces"),
        ([_entry(ru_banned="yes")], "ru_banned must be true or false"),
        ([_entry(name="")], "'name' must be a non-empty string"),
        ([_entry(parent="x_group")], "parent chain loops back"),
        ([_entry(wikidata="Q1"), _entry(id="y_group", name="Y", aliases=None, wikidata="Q1")], "Q1 is also given to"),
        ([_entry(), _entry(id="y_group", name="Y Group", aliases={"en": ["x group"]})], "'x group' is given to"),
        (
            [_entry(abbreviations=["XG"]), _entry(id="y_group", name="Y", aliases=None, abbreviations=["XG"])],
            "'XG' is given",
        ),
    ],
)
def test_build_actors_rejects_broken_entry_with_clear_message(entries, message):
    with pytest.raises(KnowledgeError, match=re.escape(message)):
        kb.build_actors(entries, None)


def test_build_actors_names_the_file_entry_and_id():
    with pytest.raises(KnowledgeError, match=r"actors\.yaml, entry #2 \(id 'y_group'\): type"):
        kb.build_actors([_entry(), _entry(id="y_group", name="Y", aliases=None, type="rebels")], None)


def test_build_actors_accepts_shared_form_listed_as_ambiguous():
    entries = [_entry(), _entry(id="y_group", name="Y Group", aliases={"en": ["X Group"]})]
    actors = kb.build_actors(entries, [{"alias": "x group", "actors": ["x_group", "y_group"], "note": "test"}])
    assert set(actors) == {"x_group", "y_group"}


@pytest.mark.parametrize(
    ("ambiguous", "message"),
    [
        ([{"alias": "X Group", "actors": ["x_group", "ghost"]}], "unknown actor id(s) ['ghost']"),
        ([{"alias": "Z Group", "actors": ["x_group", "y_group"]}], "make the two files agree"),
        ([{"alias": "X Group", "actors": ["x_group"]}], "at least two actor ids"),
        ([{"actors": ["x_group", "y_group"]}], "expected keys alias"),
        ({"alias": "X Group"}, "expected a list"),
    ],
)
def test_build_actors_rejects_broken_ambiguous_file(ambiguous, message):
    entries = [_entry(), _entry(id="y_group", name="Y Group", aliases={"en": ["X Group"]})]
    with pytest.raises(KnowledgeError, match=re.escape(message)):
        kb.build_actors(copy.deepcopy(entries), ambiguous)


# ---------------------------------------------------------------------------------------------------------
# The canonical sample


def _scan(text: str) -> set[str]:
    """Longest-leftmost whole-word scan of a text for every KB form (what a matcher should find at the least)."""
    folded, exact = kb.normalize(text), kb.normalize(text, casefold=False)
    hits: list[tuple[int, int, list[str]]] = []
    for haystack, index in ((folded, kb.alias_index("ru")), (exact, kb.abbreviation_index())):
        for form, ids in index.items():
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", haystack):
                hits.append((m.start(), m.end(), ids))
    found: set[str] = set()
    taken = 0
    for start, end, ids in sorted(hits, key=lambda h: (h[0], h[0] - h[1])):
        if start >= taken:
            found.update(ids)
            taken = end
    return found


@pytest.mark.shared
@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared is not available")
def test_sample_actors_are_all_known():
    found = _scan(SAMPLE.read_text(encoding="utf-8"))
    expected = {
        "iskp", "islamic_state", "taliban", "islamic_emirate", "afghan_national_army", "sami_sadat", "interfax",
        "seymour_hersh", "telegram", "nato", "institute_middle_east",
    }  # fmt: skip
    assert found == expected
