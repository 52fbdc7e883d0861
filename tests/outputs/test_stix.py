"""Tests for sitrep.outputs.stix: the STIX 2.1 bundle, validated and parsed back with ``stix2``, imported into MISP
with ``misp-stix``."""

from __future__ import annotations

import io
import json

import pytest

from sitrep.model import Document
from sitrep.outputs import export
from sitrep.outputs.stix import EXTENSION_ID, bundle

import docfactory as fx

stix2 = pytest.importorskip("stix2")


def objects(docs=None) -> list[dict]:
    return bundle(fx.all_docs() if docs is None else docs)["objects"]


def by_type(objs: list[dict], kind: str) -> list[dict]:
    return [o for o in objs if o["type"] == kind]


def named(objs: list[dict], name: str) -> dict:
    (found,) = [o for o in objs if o.get("name") == name]
    return found


def test_stix_bundle_is_valid_stix_2_1_and_parses_back_to_the_same_content():
    out = io.StringIO()
    n = export(fx.all_docs(), "stix", out)
    text = out.getvalue()
    parsed = stix2.parse(text, allow_custom=True)  # validates every object against the 2.1 specification
    assert len(parsed.objects) == n == len(json.loads(text)["objects"])
    again = json.loads(parsed.serialize())
    assert again == json.loads(text)
    for obj in json.loads(text)["objects"]:
        assert obj["spec_version"] == "2.1"
        assert stix2.parse(obj, allow_custom=True).id == obj["id"]


def test_stix_every_reference_points_into_the_bundle():
    objs = objects()
    ids = {o["id"] for o in objs}
    for o in objs:
        refs = [o.get("source_ref"), o.get("target_ref"), o.get("created_by_ref"), *o.get("object_refs", [])]
        assert {r for r in refs if r} <= ids, o["id"]


def test_stix_a_report_per_document_with_its_text_date_source_and_everything_extracted():
    objs = objects()
    reports = by_type(objs, "report")
    assert [r["name"] for r in reports] == [d.title for d in fx.all_docs()]
    wire = reports[1]
    assert wire["published"] == "2024-03-23T00:00:00Z"
    assert wire["description"] == fx.WIRE_TEXT
    assert wire["external_references"][0] == {"source_name": "Example Wire", "external_id": "wire-crocus",
                                              "url": "https://news.example.com/2024/03/23/crocus"}  # fmt: skip
    kinds = {o["id"]: o["type"] for o in objs}
    referenced = {kinds[r] for r in wire["object_refs"]}
    assert {"intrusion-set", "identity", "location", "incident", "relationship"} <= referenced


def test_stix_one_actor_across_documents_is_one_object_with_every_alias():
    objs = objects()
    iskp = named(objs, "ISKP")
    assert iskp["type"] == "intrusion-set"
    assert {"ISIS-K", "ИГИЛ-К", "Islamic State-Khorasan Province"} <= set(iskp["aliases"])
    assert sum(iskp["id"] in r["object_refs"] for r in by_type(objs, "report")) == 3
    gunmen = [o for o in objs if o.get("name") == "gunmen"]
    assert len(gunmen) == 1 and gunmen[0]["identity_class"] == "group"
    assert bundle(fx.all_docs()) == bundle(fx.all_docs())  # stable ids: exporting again gives the same objects


def test_stix_identities_have_a_class_and_sector():
    objs = objects()
    assert named(objs, "Sami Sadat")["identity_class"] == "individual"
    fsb = named(objs, "Federal Security Service")
    assert (fsb["identity_class"], fsb["sectors"]) == ("organization", ["defense"])
    assert fsb["x_opencti_aliases"] == ["FSB", "ФСБ"]
    assert named(objs, "Russian investigators")["sectors"] == ["government-national"]


def test_stix_locations_carry_coordinates_country_and_opencti_type():
    objs = objects()
    quetta = named(objs, "Quetta")
    assert (quetta["latitude"], quetta["longitude"], quetta["country"]) == (30.1872, 67.0125, "PK")
    assert (quetta["x_opencti_location_type"], quetta["city"], quetta["administrative_area"]) == (
        "City", "Quetta", "Balochistan")
    assert named(objs, "Russia")["x_opencti_location_type"] == "Country"
    assert named(objs, "Balochistan")["x_opencti_location_type"] == "Administrative-Area"
    assert named(objs, "Crocus City Hall")["x_opencti_location_type"] == "Position"


def test_stix_events_are_incidents_with_the_sitrep_extension_and_roles():
    objs = objects([fx.wire()])
    (attack,) = [o for o in by_type(objs, "incident") if "concert-goers" in o["name"]]
    fields = attack["extensions"][EXTENSION_ID]
    assert fields["extension_type"] == "property-extension"
    assert (fields["plover_type"], fields["acled_sub_event_type"], fields["modality"]) == ("ASSAULT", "Attack",
                                                                                           "reported")
    assert fields["fatalities"] == {"low": 133, "best": 133, "high": None, "text": "at least 133"}
    assert fields["attributed_to"] == "Russian investigators"
    assert (fields["date_start"], fields["date_precision"], attack["first_seen"]) == (
        "2024-03-22", "day", "2024-03-22T00:00:00.000Z")
    assert attack["confidence"] == 90
    assert named(objs, "sitrep event")["type"] == "extension-definition"
    names = {o["id"]: o.get("name") for o in objs}
    roles = {(r["relationship_type"], names[r["target_ref"]], r.get("x_sitrep_role"))
             for r in by_type(objs, "relationship") if r["source_ref"] == attack["id"]}  # fmt: skip
    assert roles == {("attributed-to", "ISKP", "claimant"), ("targets", "concert-goers", "target"),
                     ("related-to", "gunmen", "actor"), ("located-at", "Crocus City Hall", "location")}  # fmt: skip


def test_stix_relationships_and_notes_quote_their_evidence_and_source():
    doc = fx.analysis()
    objs = objects([doc])
    rels = by_type(objs, "relationship")
    based = next(r for r in rels if r.get("x_sitrep_predicate") == "based_in")
    assert based["relationship_type"] == "located-at"
    assert (based["x_sitrep_modality"], based["x_sitrep_said"]) == ("hedged", "Sami Sadat")
    ref = based["external_references"][0]
    assert ref["source_name"] == "Institute of Middle East Studies" and ref["url"] == doc.url
    assert ref["description"].startswith("“According to Sami Sadat") and "based in Balochistan" in ref["description"]
    assert next(r for r in rels if r.get("x_sitrep_predicate") == "fights")["relationship_type"] == "targets"
    (note,) = by_type(objs, "note")
    assert note["abstract"] == "ISKP: size: 1,500–5,000 fighters"
    assert note["object_refs"] == [named(objs, "ISKP")["id"]]
    assert "ranged from 1,500 to 5,000" in note["content"]
    for r in rels:
        quoted = r["external_references"][0]["description"]
        assert quoted[0] == "“" and quoted[1:-1].removesuffix(" …") in " ".join(doc.text.split())


def test_stix_hostile_text_stays_data():
    text = 'Gunmen <script>alert("x")</script> attacked "the <b>base</b>".'
    doc = Document(id="x", text=text, title="<img src=x onerror=alert(1)>", language="en")
    objs = objects([doc])
    report = by_type(objs, "report")[0]
    assert (report["name"], report["description"]) == (doc.title, text)
    assert stix2.parse({"type": "bundle", "id": "bundle--" + "0" * 8 + "-0000-4000-8000-" + "0" * 12,
                        "objects": objs}, allow_custom=True)  # fmt: skip


def test_stix_imports_into_misp_with_misp_stix():
    converter = pytest.importorskip("misp_stix_converter")
    from stix2.parsing import parse

    out = io.StringIO()
    export(fx.all_docs(), "stix", out)
    parser = converter.ExternalSTIX2toMISPParser()
    parser.load_stix_bundle(parse(out.getvalue(), allow_custom=True, interoperability=True))
    parser.parse_stix_bundle(single_event=False)
    events = [json.loads(e.to_json()) for e in parser.misp_events]
    assert [e["info"] for e in events] == [d.title for d in fx.all_docs()]
    first = events[0]
    assert first["EventReport"][0]["content"] == fx.ANALYSIS_TEXT.strip()
    clusters = {c["value"] for g in first["Galaxy"] for c in g["GalaxyCluster"]}
    assert {"ISKP", "Taliban"} <= clusters
    places = {(a["object_relation"], a["value"]) for o in first["Object"] if o["name"] == "geolocation"
              for a in o["Attribute"]}  # fmt: skip
    assert {("city", "Quetta"), ("latitude", 30.1872), ("countrycode", "PK")} <= places
    people = {a["value"] for o in first["Object"] for a in o["Attribute"] if a["object_relation"] == "name"}
    assert {"Sami Sadat", "Interfax", "Pakistani police"} <= people
