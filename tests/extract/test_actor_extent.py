"""How far a Russian organisation's name reaches (sitrep/extract/actors/extent.py): its «по» remit, another
country's body after a knowledge-base name, no verb at its end, no legal form before its quoted name. Sentences
written for these tests."""

from __future__ import annotations

from functools import cache

import pytest

import sitrep


@cache
def run(text: str) -> sitrep.Document:
    return sitrep.analyze(text, language="ru")


def named(doc: sitrep.Document) -> dict[str, sitrep.Entity]:
    return {m.text: e for e in doc.entities for m in e.mentions if m.kind in ("name", "abbreviation")}


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        ("Адвокаты подали жалобу в Европейский суд по правам человека в пятницу.",
         "Европейский суд по правам человека", "Европейский суд по правам человека"),
        ("Доклад о станции подготовило Агентство по ядерной безопасности.",
         "Агентство по ядерной безопасности", "Агентство по ядерной безопасности"),
    ],
)  # fmt: skip
def test_extent_the_remit_after_po_is_part_of_the_name(text, mention, name):
    ent = named(run(text)).get(mention)
    assert ent is not None, sorted(named(run(text)))
    assert name is None or ent.name == name


def test_extent_another_countrys_body_is_not_the_kb_actor():
    doc = run("Представитель Следственного комитета Армении сообщил о задержании двух подозреваемых.")
    ent = named(doc)["Следственного комитета Армении"]
    assert (ent.name, ent.country, ent.kb_id) == ("Следственный комитет Армении", "AM", None)
    assert ent.latin == "Sledstvennyy komitet Armenii"
    assert "Armenia" in {e.name for e in doc.entities if e.is_place}  # the place stays named


def test_extent_a_body_of_its_own_country_stays_linked():
    doc = run("В Следственном комитете России сообщили о задержании двух подозреваемых.")
    assert any(e.kb_id == "kb:investigative_committee" for e in doc.entities)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Руководство ЗАО «Северная звезда» объявило о банкротстве.", "Северная звезда"),
        ("Иск подало ООО «Уралстройинвест» из Челябинска.", "Уралстройинвест"),
    ],
)  # fmt: skip
def test_extent_a_legal_form_is_not_part_of_the_quoted_name(text, name):
    doc = run(text)
    orgs = [e for e in doc.entities if e.type == "organization"]
    assert [e.name for e in orgs] == [name]
    assert all(m.text == name for m in orgs[0].mentions)
