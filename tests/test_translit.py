"""sitrep.translit: Cyrillic names in Latin letters, and one key for a name in either script."""

from __future__ import annotations

import pytest

from sitrep.keys import entity_key
from sitrep.model import Entity
from sitrep.translit import has_cyrillic, latin, name_key


@pytest.mark.parametrize(
    ("cyrillic", "latin_form"),
    [
        ("Магомед Омаров", "Magomed Omarov"),
        ("Николай Котельников", "Nikolay Kotelnikov"),
        ("Евгений Пригожин", "Yevgeniy Prigozhin"),
        ("Арсен Гаджиев", "Arsen Gadzhiev"),
        ("Хасавюрт", "Khasavyurt"),
        ("Щёлково", "Shchyolkovo"),
        ("НАК", "NAK"),
        ("Единая Россия", "Yedinaya Rossiya"),
    ],
)
def test_latin_spells_cyrillic_as_english_news_do(cyrillic: str, latin_form: str) -> None:
    assert latin(cyrillic) == latin_form
    assert has_cyrillic(cyrillic) and not has_cyrillic(latin_form)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Магомед Омаров", "Magomed Omarov"),
        ("Санаулла Гафари", "Sanaullah Ghafari"),
        ("Арсен Гаджиев", "Arsen Gadjiev"),
        ("Евгений Пригожин", "Yevgeny Prigozhin"),
        ("Yevgeniy Prigozhin", "Evgeny Prigozhin"),
        ("Мухаммад Хорасани", "Muhammad Khorasani"),
        ("Алексеев", "Alekseyev"),
        ("Юсуф", "Yousuf"),
        ("Tsoi", "Цой"),
    ],
)
def test_name_key_is_one_for_the_spellings_of_a_name(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Магомед Омаров", "Магомед Гаджиев"), ("Sami Sadat", "Sami Saadi")])
def test_name_key_keeps_other_names_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_name_key_keeps_letters_of_other_scripts() -> None:
    assert name_key("محمد عمر") == "محمد عمر"


def test_an_unknown_person_has_one_key_in_both_languages() -> None:
    ru = Entity(id="e1", name="Магомед Омаров", type="person")
    en = Entity(id="e4", name="Magomed Omarov", type="person")
    assert entity_key(ru) == entity_key(en) == "person:magomed omarov:"
    assert entity_key(Entity(id="e2", name="Омар Магомедов", type="person")) != entity_key(en)
