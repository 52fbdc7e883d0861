import copy

from sitrep.model import Count, DateValue, Document, Entity, Event, Fact, Mention, Quantity, Span
from sitrep.outputs.contract import problems, schema

TEXT = "ISKP attacked Quetta. Over 140 were killed."


def _doc() -> Document:
    doc = Document(id="d1", text=TEXT, language="en", published="2024-05-15")
    doc.entities = [
        Entity("e1", "Islamic State – Khorasan Province", "armed_group", mentions=[Mention(0, 4, "ISKP")]),
        Entity("e2", "Quetta", "city", country="PK", mentions=[Mention(14, 20, "Quetta")]),
    ]
    doc.events = [
        Event(
            "v1",
            "ASSAULT",
            actors=["e1"],
            location="e2",
            date=DateValue("2024-03", None, "month", "March"),
            fatalities=Count(140, 140, None, "Over 140"),
            evidence=[Span(0, 21, TEXT[0:21])],
        )
    ]
    doc.facts = [
        Fact(
            "f1",
            "e1",
            "size",
            value=Quantity(1500, 5000, "fighters", "1,500 to 5,000"),
            evidence=[Span(0, 21, TEXT[0:21])],
        )
    ]
    return doc


def test_contract_valid_document_has_no_problems():
    assert problems(_doc().to_dict()) == []
    assert schema()["title"].startswith("sitrep document")


def test_contract_finds_broken_offsets_unknown_ids_and_schema_errors():
    data = _doc().to_dict()
    bad = copy.deepcopy(data)
    bad["entities"][0]["mentions"][0]["end"] = 5
    bad["events"][0]["actors"] = ["e9"]
    bad["facts"][0]["predicate"] = "Size"
    found = problems(bad)
    assert any("predicate" in p for p in found)  # schema errors are reported first
    bad["facts"][0]["predicate"] = "size"
    found = problems(bad)
    assert any("does not quote the text" in p for p in found)
    assert any("unknown entity id 'e9'" in p for p in found)


def test_contract_roundtrip_keeps_everything():
    doc = _doc()
    assert Document.from_json(doc.to_json()).to_dict() == doc.to_dict()
