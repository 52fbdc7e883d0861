"""Knowledge as data: every lexicon parses, the languages agree on their sections, and labels are the ontology's."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from sitrep.knowledge.files import YAML_LOADER, data_path, load_yaml
from sitrep.knowledge.ontology import ontology

LEXICONS = ["events", "stance", "facts", "actor_patterns"]
WORD_KEYED = {"presence_nouns"}  # sections whose keys are words of the language, not structure


YAML_FILES = sorted(p.name for p in data_path("").glob("*.yaml"))


def _typed(value: Any) -> Any:
    """``value`` with the type of every scalar beside it (``==`` alone takes 1, 1.0 and True for the same)."""
    if isinstance(value, dict):
        return {_typed(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def _booleans_in_lists(value: Any, path: str = "") -> list[str]:
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in _booleans_in_lists(v, f"{path}/{k}")]
    if isinstance(value, list):
        return [path for v in value if isinstance(v, bool)] + [x for v in value for x in _booleans_in_lists(v, path)]
    return []


@pytest.mark.parametrize("name", YAML_FILES)
def test_data_word_lists_hold_no_yaml_booleans(name):
    # YAML 1.1 reads a bare on, off, yes, no, y or n as a boolean: "the attack on X" then never matched "on",
    # and "no" was no negation word; such words must be quoted
    assert _booleans_in_lists(load_yaml(name)) == []


def test_data_yaml_files_are_all_found():
    assert len(YAML_FILES) > 20 and "actors.yaml" in YAML_FILES


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML without libyaml: only the Python loader")
@pytest.mark.parametrize("name", YAML_FILES)
def test_data_yaml_parses_the_same_with_libyaml_and_python(name):
    assert YAML_LOADER is yaml.CSafeLoader
    text = data_path(name).read_text(encoding="utf-8")
    fast, slow = yaml.load(text, Loader=yaml.CSafeLoader), yaml.load(text, Loader=yaml.SafeLoader)
    assert _typed(fast) == _typed(slow)
    assert load_yaml(name) == slow


@pytest.mark.parametrize("kind", LEXICONS)
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_data_lexicon_parses(kind, lang):
    data = load_yaml(f"{kind}_{lang}.yaml")
    assert isinstance(data, dict) and data


RUSSIAN_ONLY = {("events", "fire_at")}  # «обстреляли» names no weapon; "shelled" does


@pytest.mark.parametrize("kind", LEXICONS)
def test_data_languages_have_the_same_sections(kind):
    en, ru = load_yaml(f"{kind}_en.yaml"), load_yaml(f"{kind}_ru.yaml")
    ru = {k: v for k, v in ru.items() if (kind, k) not in RUSSIAN_ONLY}
    assert set(en) == set(ru), f"{kind}: sections differ: {set(en) ^ set(ru)}"
    for key, value in en.items():
        if isinstance(value, dict) and key not in WORD_KEYED:
            assert set(value) == set(ru[key]), f"{kind}.{key}: keys differ: {set(value) ^ set(ru[key])}"


def _plover_types() -> set[str]:
    p = ontology()["plover"]
    return {
        t
        for quad in ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
        for t in p[quad]
    }


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_data_triggers_use_plover_types_and_modes(lang):
    modes = ontology()["plover"]["modes"]
    types = _plover_types()
    for row in load_yaml(f"events_{lang}.yaml")["triggers"]:
        assert row.get("type") in types or row.get("claim"), row
        if row.get("mode"):
            assert row["mode"] in modes.get(row["type"], []), row
        assert row["words"] and all(isinstance(w, str) and w.strip() == w for w in row["words"]), row


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_data_weapons_are_assault_modes(lang):
    modes = set(ontology()["plover"]["modes"]["ASSAULT"])
    assert set(load_yaml(f"events_{lang}.yaml")["weapons"]) <= modes


def test_data_acled_crosswalk_uses_acled_labels():
    acled = ontology()["acled"]
    for mode, (event_type, sub) in ontology()["acled_by_mode"].items():
        assert sub in acled[event_type], mode
    assert set(ontology()["gtd_attack_type"]) <= set(ontology()["plover"]["modes"]["ASSAULT"])


def test_data_every_yaml_file_in_the_package_parses():
    names = sorted(p.name for p in data_path("").iterdir() if p.suffix == ".yaml")
    assert len(names) >= 20
    for name in names:
        assert load_yaml(name) is not None, name
