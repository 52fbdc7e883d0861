"""The actor knowledge base beyond South and Central Asia, the Middle East and Russia: Africa, Latin America,
Myanmar, North-East India, the Philippines.  Sentences in English and Russian (Russian forms inflected) name an
actor of those regions and must link to it; shared short forms are resolved by the countries of the text."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.knowledge import kb


def linked(text: str, lang: str) -> set[str]:
    doc = sitrep.analyze(text, published="2024-05-15", language=lang)
    return {e.kb_id.removeprefix("kb:") for e in doc.entities if e.kb_id and e.kb_id.startswith("kb:")}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The March 23 Movement said its fighters had entered Sake overnight.", "m23"),
        ("en", "Residents fled Masisi as M23 fighters advanced on the town.", "m23"),
        ("en", "Artillery fire by the Rapid Support Forces hit a hospital in Darfur.", "rsf"),
        ("en", "The Sudanese Armed Forces retook the presidential palace in Khartoum.", "sudanese_armed_forces"),
        ("en", "Kidnappers from the ELN released two engineers in Norte de Santander.", "eln"),
        ("en", "A roadside bomb planted by Naxals killed eight troopers in Dantewada.", "cpi_maoist"),
        ("en", "The Kachin Independence Army overran a junta outpost near Bhamo.", "kia"),
        ("en", "CJNG gunmen opened fire on a bar in Guanajuato, killing six.", "cjng"),
        ("en", "FARDC soldiers clashed with ADF rebels near Beni.", "fardc"),
        ("en", "Gunmen of the Abu Sayyaf Group abducted two fishermen off Sulu.", "abu_sayyaf"),
        ("en", "The Polisario Front claimed shelling near Mahbes in Western Sahara.", "polisario"),
        ("en", "An ambush blamed on Ansarul Islam killed soldiers near Djibo.", "ansarul_islam"),
        ("ru", "Боевики «Движения 23 марта» заняли аэропорт Гомы.", "m23"),
        ("ru", "Боевики M23 обстреляли позиции конголезской армии.", "m23"),
        ("ru", "Силы быстрого реагирования захватили лагерь беженцев Замзам.", "rsf"),
        ("ru", "Бойцы Сил быстрого реагирования вошли в город Вад-Мадани.", "rsf"),
        ("ru", "В Колумбии боевики Армии национального освобождения взорвали нефтепровод.", "eln"),
        ("ru", "Отряд «Революционных вооружённых сил Колумбии» сложил оружие в 2017 году.", "farc"),
        ("ru", "В штате Чхаттисгарх наксалиты подорвали автомобиль полиции.", "cpi_maoist"),
        ("ru", "Представители Армии Аракана объявили о взятии Маунгдо.", "arakan_army"),
        ("ru", "Боевики группировки «Абу Сайяф» напали на патруль на острове Басилан.", "abu_sayyaf"),
        ("ru", "Кадыровцы опубликовали видео из Курской области.", "akhmat"),
        ("ru", "Лидер ФАТХ выступил в Рамалле.", "fatah"),
        ("ru", "Картель Синалоа контролирует маршруты контрабанды в США.", "sinaloa_cartel"),
    ],
)
def test_region_actors_named_in_a_sentence_are_linked(lang, text, expected):
    assert expected in linked(text, lang)


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("Tatmadaw", "tatmadaw"),
        ("Myanmar junta", "myanmar_junta"),
        ("People's Defense Force", "pdf_myanmar"),
        ("Clan del Golfo", "clan_del_golfo"),
        ("Gaitanista Army of Colombia", "clan_del_golfo"),
        ("Estado Mayor Central", "emc_farc"),
        ("Segunda Marquetalia", "segunda_marquetalia"),
        ("Tehreek-e-Labbaik Pakistan", "tlp"),
        ("Indigenous People of Biafra", "ipob"),
        ("Volunteers for the Defense of the Homeland", "vdp"),
        ("Viv Ansanm", "viv_ansanm"),
        ("Moro Islamic Liberation Front", "milf"),
        ("Janjaweed", "janjaweed"),
        ("Силы быстрого реагирования", "rsf"),
        ("Каренский национальный союз", "knu"),
    ],
)
def test_region_actor_names_resolve(form, expected):
    lang = "ru" if any("а" <= ch <= "я" for ch in form.lower()) else "en"
    assert kb.lookup(form, lang) == [expected]


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("ELN", "eln"),
        ("FARC", "farc"),
        ("FARDC", "fardc"),
        ("FAMa", "famali"),
        ("MNDAA", "mndaa"),
        ("TNLA", "tnla"),
        ("ULFA", "ulfa"),
        ("NSCN-IM", "nscn_im"),
        ("SPLA-IO", "spla_io"),
        ("TPLF", "tplf"),
        ("NPA", "npa"),
    ],
)
def test_region_abbreviations_are_case_sensitive(form, expected):
    assert kb.abbreviation_index()[form] == [expected]
    assert kb.lookup(form.lower()) == []


@pytest.mark.parametrize("form", ["PDF", "AA", "KIA", "AFP", "ADF", "pdf", "kia"])
def test_region_colliding_short_forms_are_not_given_to_the_new_actors(form):
    new = {"pdf_myanmar", "arakan_army", "kia", "afp_philippines", "ambazonia_defence_forces"}
    assert not new & set(kb.lookup(form)), f"{form!r} is a file format, a phrase or another actor's name"


def test_region_rsf_is_the_sudanese_force_in_a_sudanese_text():
    assert "rsf" in linked("RSF drones struck the port of Port Sudan on Sunday.", "en")


def test_region_rsf_is_the_press_group_in_a_text_about_france():
    found = linked("RSF, which is based in Paris, counted 54 journalists held in French Guiana and France.", "en")
    assert "rsf" not in found


def test_region_maoists_resolve_by_country():
    assert "cpi_maoist" in linked("Maoists torched three trucks in Jharkhand, India.", "en")
    assert "npa" in linked("Maoists raided a police outpost in Masbate, the Philippines.", "en")


@pytest.mark.parametrize(
    "word",
    ["mai", "lobos", "wa", "karen", "kachin", "arakan", "sinaloa", "jalisco", "tigray", "azawad", "biafra",
     "golfo", "maoist", "national guard", "national army", "defence force", "cartel"],
)
def test_region_place_names_and_common_words_are_not_actor_names(word):
    for lang in kb.LANGS:
        assert word not in kb.alias_index(lang), f"{word!r} would be linked to an actor in {lang} text"


@pytest.mark.parametrize(
    "text",
    [
        "НАТО увеличит силы быстрого реагирования до трёхсот тысяч военных.",
        "Учения коллективных сил быстрого реагирования прошли под Оренбургом.",
    ],
)
def test_region_common_noun_rapid_reaction_forces_is_not_the_sudanese_rsf(text):
    assert "rsf" not in linked(text, "ru")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Министр Фань Вэй встретился с делегацией Фано из Италии."),
        ("en", "EMC shares rose after the storage company reported strong sales."),
    ],
)
def test_region_surnames_and_company_names_are_not_armed_groups(lang, text):
    assert not {"fano", "emc_farc"} & linked(text, lang)
