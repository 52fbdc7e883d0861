"""The review loop in the store (sitrep.store.edits, sitrep.store.review): corrections checked, recorded with who
and when, applied to what the store returns and to its rows (filters, reports, exports), surviving the document
being added again, undoable, exported as labelled data."""

from __future__ import annotations

import io
import json

import pytest

from sitrep.errors import ConfigError
from sitrep.outputs import export
from sitrep.outputs.report import report
from sitrep.store import open_store
from sitrep.store.listing import Query, entity_groups

import docfactory as fx


@pytest.fixture
def store(store_url):
    with open_store(store_url) as s:
        s.add_many(fx.all_docs())
        yield s


def event(store, doc_id, event_id):
    return next((e for e in store.get(doc_id).events if e.id == event_id), None)


def test_edit_correct_a_count_applies_to_get_rows_report_and_exports(store):
    e = store.add_edit("correct", "event", "ev1", doc_id="wire-crocus", field="fatalities", value=137, user="amira")
    assert (e.seq, e.user, e.field, e.before["best"], e.value["best"]) == (1, "amira", "fatalities", 133, 137)
    assert e.created_at and e.undone_at is None
    assert event(store, "wire-crocus", "ev1").fatalities.best == 137
    assert store.original("wire-crocus").events[0].fatalities.best == 133  # the analysis is kept as added
    page = store.event_page(Query(sort="fatalities", order="asc"))
    first_doc, first = page.items[0]
    assert (first_doc.id, first.fatalities.best) == ("wire-crocus", 137)
    docs = list(store.documents())
    assert "137 killed" in report(docs)
    out = io.StringIO()
    export(docs, "csv", out)
    assert "wire-crocus#ev1" in out.getvalue() and ",137," in out.getvalue()


def test_edit_reject_removes_the_event_everywhere_until_undone(store):
    e = store.add_edit("reject", "event", "ev2", doc_id="wire-crocus")
    assert event(store, "wire-crocus", "ev2") is None
    assert store.event_page(Query(doc_id="wire-crocus")).total == 1
    with pytest.raises(LookupError):  # already marked wrong
        store.add_edit("reject", "event", "ev2", doc_id="wire-crocus")
    store.undo_edit(e.seq, user="amira")
    assert event(store, "wire-crocus", "ev2") is not None
    assert store.event_page(Query(doc_id="wire-crocus")).total == 2
    assert store.edit(e.seq).undone_at is not None
    with pytest.raises(ConfigError):
        store.undo_edit(e.seq)


def test_edit_merge_two_actors_across_documents_and_undo(store):
    fsb = "kb:fsb"
    e = store.add_edit("merge", "entity", fsb, value={"into": "kb:iskp"})
    assert e.value == {"into": "kb:iskp", "name": "ISKP", "type": "armed_group"}
    ru = store.get("ru-crocus")
    names = [x.name for x in ru.entities]
    assert names.count("ISKP") == 1 and "Federal Security Service" not in names
    assert ru.events[1].actors == ["e3"]  # the arrests now name the entity merged into
    wire = store.get("wire-crocus")  # has both: one entity now, named by both
    assert wire.entity("e9") is None and "Federal Security Service" in wire.entity("e6").aliases
    assert wire.events[1].actors == ["e6"] and wire.events[1].attributed_to == "e6"
    groups = {g["key"] for g in entity_groups(store.entity_rows())}
    assert fsb not in groups and "kb:iskp" in groups
    by_old_name = store.event_page(Query(actor="Federal Security Service"))  # where it was named, by either name
    assert {d.id for d, _ in by_old_name.items} == {"wire-crocus", "ru-crocus"} and by_old_name.total == 4
    store.undo_edit(e.seq)
    assert "Federal Security Service" in [x.name for x in store.get("ru-crocus").entities]
    assert fsb in {g["key"] for g in entity_groups(store.entity_rows())}


def test_edit_rename_and_retype_keep_one_actor(store):
    key = "person:sami sadat:"
    store.add_edit("rename", "entity", key, value={"name": "Gen. Sami Sadat"})
    store.add_edit("retype", "entity", key, value={"type": "security_force"})
    ent = store.get("analysis-iskp").entity("e12")
    assert (ent.name, ent.type, ent.aliases, ent.kb_id) == ("Gen. Sami Sadat", "security_force", ["Sami Sadat"], key)
    (group,) = [g for g in entity_groups(store.entity_rows()) if g["key"] == key]
    assert group["name"] == "Gen. Sami Sadat"
    with pytest.raises(ConfigError, match="type must be one of"):
        store.add_edit("retype", "entity", key, value={"type": "alien"})
    with pytest.raises(LookupError):
        store.add_edit("rename", "entity", "kb:nobody", value={"name": "X"})


def test_edit_split_a_wrong_link_makes_a_new_entity(store):
    doc = store.get("wire-crocus")
    headline = next(m for m in doc.entity("e1").mentions if m.start == 0)
    store.add_edit("split", "mention", f"{headline.start}:{headline.end}", doc_id="wire-crocus",
                   value={"name": "Gunmen (headline)", "type": "other"})  # fmt: skip
    doc = store.get("wire-crocus")
    assert [m.start for m in doc.entity("e1").mentions] == [m.start for m in fx.wire().entity("e1").mentions][1:]
    new = doc.entities[-1]
    assert (new.name, new.origin, [m.start for m in new.mentions]) == ("Gunmen (headline)", "review", [0])


def test_edit_correct_fields_checks_values(store):
    store.add_edit("correct", "event", "ev1", doc_id="wire-crocus", field="acled_sub_event_type", value="Armed clash")
    store.add_edit("correct", "event", "ev1", doc_id="wire-crocus", field="date", value="2024-03-21/2024-03-22")
    store.add_edit("correct", "event", "ev1", doc_id="wire-crocus", field="location", value="Krasnogorsk")
    store.add_edit("correct", "event", "ev1", doc_id="wire-crocus", field="actors", value=["ISKP"])
    store.add_edit("correct", "fact", "f3", doc_id="analysis-iskp", field="modality", value="reported")
    ev = event(store, "wire-crocus", "ev1")
    assert (ev.acled_event_type, ev.acled_sub_event_type) == ("Battles", "Armed clash")
    assert (ev.date.start, ev.date.end, ev.date.precision) == ("2024-03-21", "2024-03-22", "day")
    assert (ev.location, ev.actors) == ("e4", ["e6"])
    assert store.get("analysis-iskp").facts[2].modality == "reported"
    assert store.event_page(Query(place="Krasnogorsk", doc_id="wire-crocus")).total == 1
    for fld, value, message in [("type", "EXPLODE", "PLOVER"), ("fatalities", -3, "whole number"),
                                ("date", "last week", "YYYY"), ("actors", ["Nobody Known"], "no entity"),
                                ("colour", "red", "field to correct")]:  # fmt: skip
        with pytest.raises(ConfigError, match=message):
            store.add_edit("correct", "event", "ev1", doc_id="wire-crocus", field=fld, value=value)
    with pytest.raises(ConfigError, match="cannot merge a event"):
        store.add_edit("merge", "event", "ev1", doc_id="wire-crocus", value={"into": "x"})


def test_edits_survive_the_document_being_added_again(store):
    store.add_edit("correct", "event", "ev1", doc_id="wire-crocus", field="fatalities", value=139)
    store.add_edit("merge", "entity", "kb:fsb", value={"into": "kb:iskp"})
    assert store.add(fx.wire()) is False  # the same analysis: nothing to write
    changed = fx.wire()
    changed.events[0].confidence = 0.5  # a new analysis of the same text replaces the old
    assert store.remove("wire-crocus") and store.add(changed)
    ev = event(store, "wire-crocus", "ev1")
    assert (ev.fatalities.best, ev.confidence) == (139, 0.5)
    assert store.get("wire-crocus").entity("e9") is None and store.get("wire-crocus").events[1].actors == ["e6"]


def test_edits_export_as_labelled_examples(store):
    store.add_edit("reject", "event", "ev2", doc_id="wire-crocus", user="amira")
    store.add_edit("correct", "fact", "f2", doc_id="analysis-iskp", field="value", value=4000)
    undone = store.add_edit("rename", "entity", "kb:taliban", value={"name": "Taliban movement"})
    store.undo_edit(undone.seq)
    rows = list(store.labelled())
    assert [r["action"] for r in rows] == ["reject", "correct"]  # undone edits are not examples
    rejected = rows[0]
    assert (rejected["user"], rejected["language"], rejected["predicted"]["type"]) == ("amira", "en", "COERCE")
    assert rejected["evidence"][0]["text"].startswith("The Federal Security Service (FSB) said")
    assert rows[1]["predicted"] == {"low": 1500, "high": 5000, "unit": "fighters", "text": "1,500 to 5,000"}
    assert rows[1]["corrected"] == 4000
    json.dumps(rows)  # JSON lines as they are
