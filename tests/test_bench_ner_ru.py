"""bench/ner_ru.py's scoring: natasha's published protocol (token by token, per type), re-implemented."""

from __future__ import annotations

from paths import bench


def test_ner_ru_scores_tokens_per_type() -> None:
    b = bench("ner_ru")
    text = "Магомед Омаров прибыл в Москву из Дагестана."
    gold = [(0, 14, "PER"), (24, 30, "LOC"), (34, 43, "LOC")]
    pred = [(8, 14, "PER"), (24, 30, "LOC"), (34, 43, "ORG")]
    counts = {t: [0, 0, 0] for t in b.TYPES}
    b.tag_counts(text, pred, gold, counts)
    assert counts == {"PER": [1, 1, 2], "ORG": [0, 1, 0], "LOC": [1, 1, 2]}
    scores = b.scores(counts)
    assert scores["PER"] == {"p": 1.0, "r": 0.5, "f1": 0.667} and scores["ORG"]["f1"] == 0.0


def test_ner_ru_keeps_the_outermost_of_nested_spans() -> None:
    b = bench("ner_ru")
    assert b.outermost([(0, 20, "ORG"), (5, 12, "LOC"), (25, 30, "PER")]) == [(0, 20, "ORG"), (25, 30, "PER")]


def test_ner_ru_moves_gold_offsets_onto_the_cleaned_text() -> None:
    # «Артём» written with a combining diaeresis is one character shorter once cleaned (NFC)
    from sitrep.io.clean import clean_text

    b = bench("ner_ru")
    raw = "Арте\u0308м Лебедев и Пётр Орлов приехали в Тверь."
    text, edits = clean_text(raw)
    doc = type("Doc", (), {"layers": type("Layers", (), {"edits": edits})()})()
    names = [("Арте\u0308м Лебедев", "PER"), ("Пётр Орлов", "PER"), ("Тверь", "LOC")]
    gold = [(raw.index(n), raw.index(n) + len(n), t) for n, t in names]
    moved = b.in_clean_text(doc, gold)
    assert [text[s:e] for s, e, _ in moved] == ["Артём Лебедев", "Пётр Орлов", "Тверь"]


def test_ner_ru_reads_nerels_province_type() -> None:
    assert bench("ner_ru").NEREL_TYPES["STATE_OR_PROVINCE"] == "LOC"  # the type annotation.conf declares
