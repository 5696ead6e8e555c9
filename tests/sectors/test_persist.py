"""Models are saved without pickle and refused when tampered or from another version."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from kgtext import __version__
from kgtext.sectors.persist import (
    ARRAYS_FILE,
    MODEL_FILE,
    ModelError,
    _canonical,
    load_model,
    save_model,
)

TEXTS = ["Бала бакчаларда орун жетишпейт.", "Кесиптик лицейлерге студенттер кабыл алынды.", ""]


@pytest.fixture
def saved(small_model, tmp_path):
    return save_model(small_model, tmp_path / "model", {"data": "test"})


def test_round_trip_is_exact(small_model, saved):
    loaded = load_model(saved)
    np.testing.assert_array_equal(loaded.predict_proba(TEXTS), small_model.predict_proba(TEXTS))
    assert loaded.get_params() == small_model.get_params()
    assert loaded.training_ == {"data": "test"}
    assert loaded.predict(TEXTS) == small_model.predict(TEXTS)


def test_file_records_versions_and_hashes(saved):
    document = json.loads((saved / MODEL_FILE).read_text(encoding="utf-8"))
    assert document["kgtext_version"] == __version__
    import sklearn

    assert document["sklearn_version"] == sklearn.__version__
    assert (
        document["arrays"]["sha256"]
        == hashlib.sha256((saved / ARRAYS_FILE).read_bytes()).hexdigest()
    )
    assert b"pickle" not in (saved / ARRAYS_FILE).read_bytes()


@pytest.mark.parametrize("name", [ARRAYS_FILE, MODEL_FILE])
def test_a_flipped_byte_is_refused(saved, name):
    path = saved / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match=r"damaged|modified"):
        load_model(saved)


def _rewrite(saved, **changes):
    path = saved / MODEL_FILE
    document = json.loads(path.read_text(encoding="utf-8"))
    document.pop("sha256")
    document.update(changes)
    document["sha256"] = hashlib.sha256(_canonical(document)).hexdigest()
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def test_another_kgtext_version_is_refused(saved):
    _rewrite(saved, kgtext_version="0.0.1")
    with pytest.raises(ModelError, match=r"kgtext 0\.0\.1.*Retrain"):
        load_model(saved)
    assert load_model(saved, check_versions=False).classes_.tolist()


def test_another_sklearn_version_is_refused(saved):
    _rewrite(saved, sklearn_version="0.24.2")
    with pytest.raises(ModelError, match=r"scikit-learn 0\.24\.2"):
        load_model(saved)


def test_not_a_model(tmp_path):
    with pytest.raises(ModelError, match=r"no model\.json"):
        load_model(tmp_path)
    (tmp_path / MODEL_FILE).write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(ModelError, match="not a kgtext model"):
        load_model(tmp_path)


def test_shipped_model_loads_and_is_small(shipped_model):
    from importlib import resources

    folder = resources.files("kgtext").joinpath("data", "models", "sectors")
    size = sum(folder.joinpath(n).read_bytes().__len__() for n in (MODEL_FILE, ARRAYS_FILE))
    assert size < 5_000_000
    assert shipped_model.classes_.tolist() == [
        "preschool", "school", "out_of_school", "teacher_training", "professional"
    ]  # fmt: skip
    training = shipped_model.training_
    assert training["command"].startswith("kgtext train sectors")
    # licence: the 24.kg text is for development and evaluation only, so the shipped
    # model (whose vocabularies are n-grams of its training text) is trained on
    # project-written passages alone
    assert [d["format"] for d in training["data"]] == ["passages"]
    assert [d["path"] for d in training["data"]] == ["corpora/sectors/authored.jsonl"]
    assert "24kg" not in training["command"]
