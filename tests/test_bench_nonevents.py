"""bench/nonevents.py: the sentences that tell no event (the detector's ``none`` and the held-out false-event
measure), the screen that keeps event reports out of them, and the split that keeps the held-out part unseen."""

from __future__ import annotations

import pytest

from paths import bench


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Unknown men opened fire on a bus near the market on Sunday.", "en"),
        ("Hundreds of nurses marched to the ministry to demand higher pay.", "en"),
        ("The two factions signed a ceasefire in the capital.", "en"),
        ("Militants set up a camp in the hills above the town.", "en"),
        ("Боевики обстреляли блокпост на окраине города.", "ru"),
        ("Жители вышли на митинг против закрытия больницы.", "ru"),
    ],
)
def test_nonevents_screen_catches_event_reports(text: str, lang: str) -> None:
    assert bench("nonevents").screened(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The police said the new database of suspects would be ready next year.", "en"),
        ("Warm weather lifted sales of ice cream across the region in July.", "en"),
        ("The company based in Ohio reported higher profits for the quarter.", "en"),
        ("Министр рассказал журналистам о новом бюджете области.", "ru"),
    ],
)
def test_nonevents_screen_leaves_plain_news(text: str, lang: str) -> None:
    # police and ministers are not screened; "war$" and "base$" are whole words, not "warm" or "based"
    assert not bench("nonevents").screened(text, lang)


def test_nonevents_conll_tokens_become_text() -> None:
    b = bench("nonevents")
    assert b._detok(["Shares", "of", "Acme", "(", "ACM", ")", "rose", "5", "%", ",", "it", "'s", "said", "."]) == (
        "Shares of Acme (ACM) rose 5%, it's said."
    )


def test_nonevents_parts_are_stable_and_one_in_five_held_out() -> None:
    b = bench("nonevents")
    texts = [f"Sentence number {i} about the harvest." for i in range(2000)]
    parts = [b.part_of(t) for t in texts]
    assert parts == [b.part_of(t) for t in texts]
    assert 0.15 < parts.count("heldout") / len(parts) < 0.25


def test_nonevents_reads_only_unscreened_sentences_and_keeps_the_parts_apart(tmp_path) -> None:
    b = bench("nonevents")
    ewt = tmp_path / "data/parsing/ud-english-ewt"
    ewt.mkdir(parents=True)
    plain = [f"The library in town number {i} opens its new reading room on Monday." for i in range(60)]
    events = [f"Gunmen killed {i} villagers in an attack on the market on Monday." for i in range(60)]
    lines = [f"# text = {t}\n1\tx\n\n" for t in plain + events]
    (ewt / "en_ewt-ud-train.conllu").write_text("".join(lines), encoding="utf-8")
    train, heldout = b.nonevents("train", tmp_path), b.nonevents("heldout", tmp_path)
    assert train and heldout
    got = [t for t, _, _ in train + heldout]
    assert set(got) <= set(plain) and len(got) == len(set(got)) == len(plain)
    assert {s for _, _, s in train} == {"ewt"} and {lang for _, lang, _ in train} == {"en"}
    assert all(b.part_of(t) == "heldout" for t, _, _ in heldout)


def test_nonevents_screen_catches_the_labelled_event_records() -> None:
    # every labelled record tells an event: a screen that missed many would let events into the "none" examples
    b = bench("nonevents")
    from acled_subevents import records

    rows = records("train")
    assert sum(b.screened(r["text"], r["lang"]) for r in rows) / len(rows) > 0.99


def test_nonevents_hard_negatives_name_an_actor_and_come_beyond_the_cap(tmp_path, monkeypatch) -> None:
    b = bench("nonevents")
    assert b.names_an_actor("The police created a database of suspects.", "en")
    assert b.names_an_actor("Министерство опубликовало новый бюджет.", "ru")
    assert not b.names_an_actor("Warm weather lifted sales of ice cream in July.", "en")
    ewt = tmp_path / "data/parsing/ud-english-ewt"
    ewt.mkdir(parents=True)
    plain = [f"Shop number {i} in the old town sells fresh bread every morning." for i in range(200)]
    hard = [f"The police officer number {i} visited the school to talk about road safety." for i in range(200)]
    (ewt / "en_ewt-ud-train.conllu").write_text("".join(f"# text = {t}\n\n" for t in plain + hard), encoding="utf-8")
    monkeypatch.setattr(b, "CAPS", {"ewt": 40})
    monkeypatch.setattr(b, "HARD", 20)
    train = [t for t, _, _ in b.nonevents("train", tmp_path)]
    assert len(train) == 60 and sum(t in hard for t in train) >= 20
