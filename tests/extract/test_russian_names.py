"""Canonical names in Russian (issue 8): nominative, properly cased names for what the text names in any case, a
Latin form for every Cyrillic name, and KB actors linked through inflection, abbreviations, quotes and legal
notes. Sentences written for these tests (fictional incidents); published 2024-05-15."""

from __future__ import annotations

from functools import cache

import pytest

import sitrep

PUB = "2024-05-15"


@cache
def run(text: str) -> sitrep.Document:
    return sitrep.analyze(text, published=PUB, language="ru")


def entity(doc: sitrep.Document, name: str) -> sitrep.Entity:
    found = [e for e in doc.entities if e.name == name]
    assert found, f"no {name!r} in {[e.name for e in doc.entities]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "name", "type_", "latin", "mentions"),
    [
        ("Суд арестовал Магомеда Омарова.", "Магомед Омаров", "person", "Magomed Omarov", ["Магомеда Омарова"]),
        ("Следователи допросили Руслана Гаджиева и его брата.", "Руслан Гаджиев", "person", "Ruslan Gadzhiev",
         ["Руслана Гаджиева"]),
        ("По словам Вячеслава Гладкова, обстрел продолжался час.", "Вячеслав Гладков", "person",
         "Vyacheslav Gladkov", ["Вячеслава Гладкова"]),
        ("Сотрудники Северо-Кавказской железной дороги эвакуировали пассажиров.", "Северо-Кавказская железная дорога",
         "organization", "Severo-Kavkazskaya zheleznaya doroga", ["Северо-Кавказской железной дороги"]),
    ],
)  # fmt: skip
def test_russian_names_are_nominative_with_a_latin_form(text, name, type_, latin, mentions) -> None:
    ent = entity(run(text), name)
    assert ent.type == type_ and ent.latin == latin
    assert [m.text for m in ent.mentions if m.kind == "name"] == mentions


def test_russian_surname_in_any_case_is_the_same_person() -> None:
    doc = run("Суд арестовал Магомеда Омарова. Адвокат Омарова обжаловал решение, а сам Омаров вину не признал.")
    persons = [e for e in doc.entities if e.type == "person"]
    assert [(e.name, [m.text for m in e.mentions]) for e in persons] == [
        ("Магомед Омаров", ["Магомеда Омарова", "Омарова", "Омаров"])
    ]


def test_russian_kb_and_gazetteer_names_stay_the_english_ids() -> None:
    doc = run("В Махачкале сотрудники ФСБ задержали сторонника ИГИЛ.")
    assert entity(doc, "Makhachkala").kb_id.startswith("geo:") and entity(doc, "Makhachkala").latin is None
    assert entity(doc, "Federal Security Service").kb_id == "kb:fsb"


@pytest.mark.parametrize(
    ("text", "abbreviation", "actor"),
    [
        ("Боевики обстреляли пост ДПС на въезде в Нальчик.", "ДПС", "Traffic Police of Russia"),
        ("По данным МВД Дагестана, задержаны трое.", "МВД", "Ministry of Internal Affairs of Russia"),
        ("Как сообщили в МВД по Кабардино-Балкарии, задержаны трое.", "МВД", "Ministry of Internal Affairs of Russia"),
        ("СК возбудил уголовное дело о теракте в Махачкале.", "СК", "Investigative Committee of Russia"),
        ("НАК сообщил о ликвидации боевиков в Чечне.", "НАК", "National Antiterrorism Committee"),
        ("Сторонники ИГИЛ напали на пост в Ираке.", "ИГИЛ", "Islamic State"),
        ("Боевики ИГ-Х напали на пост в Кунаре.", "ИГ-Х", "Islamic State – Khorasan Province"),
        ("ГКНБ Киргизии задержал двоих в Оше.", "ГКНБ", "State Committee for National Security of Kyrgyzstan"),
        ("ГКНБ задержал двоих в Душанбе.", "ГКНБ", "State Committee for National Security of Tajikistan"),
    ],
)
def test_russian_abbreviations_link_to_the_kb_actor_of_their_country(text, abbreviation, actor) -> None:
    ent = entity(run(text), actor)
    assert abbreviation in [m.text for m in ent.mentions] or any(abbreviation in m.text for m in ent.mentions)


def test_russian_an_abbreviation_of_another_country_is_not_russias() -> None:
    doc = run("В МВД Таджикистана сообщили, что в Душанбе задержаны семеро членов ИГ-Х.")
    assert "Ministry of Internal Affairs of Russia" not in [e.name for e in doc.entities]


def test_russian_quoted_names_and_legal_notes() -> None:
    doc = run(
        "Ответственность взяла на себя группировка «Вилаят Кавказ» (запрещена в России). "
        "Ранее «Хизб ут-Тахрир» (признана террористической и запрещена в РФ) вербовала сторонников в Казани."
    )
    assert {"Islamic State – Caucasus Province", "Hizb ut-Tahrir", "Kazan"} <= {e.name for e in doc.entities}
    assert not [ev for ev in doc.events if ev.type == "COERCE"]  # a legal note is no ban told as news


def test_russian_media_as_a_source_keep_their_abbreviation() -> None:
    doc = run("По данным СМИ, в Хасавюрте задержаны двое подозреваемых.")
    names = [e.name for e in doc.entities]
    assert "Сми" not in names and not any(n.startswith("Сми ") for n in names)
    (arrest,) = [ev for ev in doc.events if ev.type == "COERCE"]
    assert doc.entity(arrest.attributed_to).name == "СМИ (unnamed)"


def test_russian_unknown_place_is_nominative() -> None:
    doc = run("Боевики укрылись в Усть-Джегутинском ущелье.")
    place = entity(doc, "Усть-Джегутинское ущелье")  # the adjective the tagger left without a case agrees too
    assert place.is_place and [m.text for m in place.mentions] == ["Усть-Джегутинском ущелье"]


def test_russian_a_kb_person_keeps_the_whole_name_the_text_gives() -> None:
    doc = run("Президент Турции Реджеп Эрдоган провёл переговоры в Анкаре.")
    (ent,) = [e for e in doc.entities if e.type == "person"]
    assert ent.kb_id is not None and [m.text for m in ent.mentions] == ["Реджеп Эрдоган"]


def test_russian_names_keep_their_quotes_and_english_articles() -> None:
    doc = run('Акции ООО "Нефтегазстрой" купила газета The Guardian.')
    names = {m.text for e in doc.entities for m in e.mentions}
    assert 'ООО "Нефтегазстрой"' in names or "The Guardian" in names
    assert "Guardian" not in names and 'ООО "Нефтегазстрой' not in names
