import dataclasses

import pytest

from sitrep.errors import ConfigError
from sitrep.settings import TABLE, Settings, load


def test_settings_table_and_dataclass_agree():
    assert [f.name for f in dataclasses.fields(Settings)] == [row[0] for row in TABLE]
    assert all(getattr(Settings(), name) == default for name, default, _ in TABLE)


def test_settings_precedence_file_then_env_then_flags(tmp_path, monkeypatch):
    cfg = tmp_path / "sitrep.toml"
    cfg.write_text('[sitrep]\ndb = "from-file.db"\nfetch_timeout = 3\n', encoding="utf-8")
    monkeypatch.setenv("SITREP_FETCH_TIMEOUT", "7.5")
    s = load({"db": None}, config_file=cfg)
    assert s.db == "from-file.db" and s.fetch_timeout == 7.5
    assert load({"db": "flag.db"}, config_file=cfg).db == "flag.db"


def test_settings_unknown_or_wrong_type_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="unknown setting"):
        load({"colour": "red"}, config_file=tmp_path / "none.toml")
    with pytest.raises(ConfigError, match="must be int"):
        load({"max_bytes": "lots"}, config_file=tmp_path / "none.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("db = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load(config_file=bad)


@pytest.mark.parametrize(
    ("name", "value"),
    [("parse_chars", "0"), ("max_bytes", "-1"), ("nlp_batch_size", "0"), ("fetch_timeout", "0"), ("time_budget", "-5"),
     ("section_chars", "-1"), ("max_redirects", "-1")],
)  # fmt: skip
def test_settings_limits_below_their_minimum_are_a_clear_error(tmp_path, name, value):
    with pytest.raises(ConfigError, match=f"{name}' must be at least"):
        load({name: value}, config_file=tmp_path / "none.toml")


def test_settings_zero_means_no_limit_where_documented(tmp_path):
    s = load({"time_budget": "0", "section_chars": "0"}, config_file=tmp_path / "none.toml")
    assert s.time_budget == 0 and s.section_chars == 0
