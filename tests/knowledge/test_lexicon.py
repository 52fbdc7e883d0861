import pytest

from sitrep.knowledge.lexicon import PhraseMatcher, ru_stem


def test_matcher_longest_match_wins_and_gaps_allow_hyphens_and_dashes():
    m = PhraseMatcher("en").add_all([("Islamic State Khorasan Province", "iskp"), ("Islamic State", "is")])
    text = "ISKP (Islamic State – Khorasan Province) split from the Islamic State; Islamic State-Khorasan Province"
    found = [(x.text, x.values) for x in m.find(text)]
    assert found == [
        ("Islamic State – Khorasan Province", ("iskp",)),
        ("Islamic State", ("is",)),
        ("Islamic State-Khorasan Province", ("iskp",)),
    ]


def test_matcher_does_not_join_words_across_a_sentence_end():
    m = PhraseMatcher("en").add_all([("Islamic State", "is")])
    assert m.find("the Islamic. State of affairs") == []


@pytest.mark.parametrize("case_sensitive, expected", [(True, ["IS"]), (False, ["is", "IS"])])
def test_matcher_case_sensitivity(case_sensitive, expected):
    m = PhraseMatcher("en", case_sensitive=case_sensitive).add_all([("IS", "is")])
    assert [x.text for x in m.find("what is known of IS militants")] == expected


def test_matcher_offsets_index_the_text_for_cyrillic():
    m = PhraseMatcher("ru").add_all([("Пакистан", "PK"), ("Исламское государство", "is")])
    text = "Боевики «Исламского государства» укрылись в Пакистане."
    for x in m.find(text):
        assert text[x.start : x.end] == x.text
    assert [x.values for x in m.find(text)] == [("is",), ("PK",)]


@pytest.mark.parametrize(
    "word, stem",
    [
        ("Афганистане", "афганистан"),
        ("Пакистана", "пакистан"),
        ("Таджикистану", "таджикистан"),
        ("Москве", "москв"),
        ("Москва", "москв"),
        ("Talib", "talib"),
    ],
)
def test_ru_stem_strips_case_endings(word, stem):
    assert ru_stem(word) == stem


def test_matcher_with_find_range_limits():
    m = PhraseMatcher("en").add_all([("Quetta", "q")])
    text = "Quetta and Quetta"
    assert [x.start for x in m.find(text, 1)] == [11]
    assert [x.start for x in m.find(text, 0, 8)] == [0]


def test_matchers_of_each_normaliser_read_the_same_text_their_own_way():
    text = "IS fighters said the attacks is over; Is it?"
    exact = PhraseMatcher("en", case_sensitive=True).add_all([("IS", "group")])
    lower = PhraseMatcher("en").add_all([("is", "verb"), ("attacks", "plural")])
    singular = PhraseMatcher("en", plurals=True).add_all([("attack", "attack"), ("fighter", "fighter")])
    for _ in range(2):  # the second round reads the words split by the first
        assert [(x.text, x.values) for x in exact.find(text)] == [("IS", ("group",))]
        assert [x.text for x in lower.find(text)] == ["IS", "attacks", "is", "Is"]
        assert [x.values for x in singular.find(text)] == [("fighter",), ("attack",)]
        assert [x.text for x in lower.find(text, 0, 20)] == ["IS"]
