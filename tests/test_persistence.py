"""Model files: integrity, trust, versions and labels."""

import json
import pickle
import shutil

import pytest

from stancekit import (LabelMismatchError, ModelFormatError, ModelIntegrityError, StanceClassifier,
                       UntrustedModelError, load_model, read_card, save_model)
from stancekit._resources import data_path
from stancekit.persistence import DEFAULT_MODEL_FILE, MAGIC, _LEN


@pytest.fixture(scope="module")
def small_model():
    X = ["We will strike back", "We welcome talks", "The meeting was held", "They will pay a price",
         "We are ready to cooperate", "The report was published"]
    return StanceClassifier().fit(X, ["threatening", "cooperative", "neutral"] * 2)


def test_card_is_readable_without_unpickling(small_model, tmp_path):
    path = tmp_path / "m.skm"
    save_model(small_model, path, card={"task": "stance"})
    card = read_card(path)
    assert card["labels"] == ["cooperative", "neutral", "threatening"]
    assert {"stancekit", "scikit-learn", "numpy"} <= set(card["versions"])


def test_unknown_file_refused_without_trust(small_model, tmp_path):
    path = tmp_path / "m.skm"
    save_model(small_model, path)
    with pytest.raises(UntrustedModelError, match="trusted=True"):
        load_model(path)


def test_malicious_pickle_not_executed(tmp_path):
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    payload = pickle.dumps(Evil())
    import hashlib

    header = json.dumps({"format_version": 1, "card": {},
                         "payload": {"sha256": hashlib.sha256(payload).hexdigest(), "bytes": len(payload)}}).encode()
    path = tmp_path / "evil.skm"
    path.write_bytes(MAGIC + _LEN.pack(len(header)) + header + payload)
    with pytest.raises(UntrustedModelError):
        load_model(path)
    assert not marker.exists()


def test_truncated_file(small_model, tmp_path):
    path = tmp_path / "m.skm"
    save_model(small_model, path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelIntegrityError, match="truncated or modified"):
        load_model(path, trusted=True)
    path.write_bytes(data[:20])
    with pytest.raises(ModelFormatError, match="truncated"):
        load_model(path, trusted=True)


def test_not_a_model_and_newer_format(small_model, tmp_path):
    bogus = tmp_path / "x.skm"
    bogus.write_bytes(b"hello")
    with pytest.raises(ModelFormatError, match="not a stancekit model"):
        load_model(bogus, trusted=True)
    path = tmp_path / "m.skm"
    save_model(small_model, path)
    data = path.read_bytes()
    off = len(MAGIC)
    (n,) = _LEN.unpack_from(data, off)
    header = json.loads(data[off + _LEN.size: off + _LEN.size + n])
    header["format_version"] = 99
    hb = json.dumps(header).encode()
    path.write_bytes(MAGIC + _LEN.pack(len(hb)) + hb + data[off + _LEN.size + n:])
    with pytest.raises(ModelFormatError, match="Upgrade stancekit"):
        load_model(path, trusted=True)


def test_label_mismatch(small_model, tmp_path):
    path = tmp_path / "m.skm"
    save_model(small_model, path)
    with pytest.raises(LabelMismatchError):
        load_model(path, trusted=True, expected_labels=["positive", "negative", "neutral"])


def test_tampered_shipped_model_fails(tmp_path, monkeypatch):
    """A shipped model whose bytes differ from the manifest is refused (even with a valid header)."""
    models = tmp_path / "models"
    shutil.copytree(str(data_path("models")), models)
    import stancekit.persistence as P

    monkeypatch.setattr(P, "data_path", lambda *parts: tmp_path.joinpath(*parts))
    target = models / DEFAULT_MODEL_FILE
    good = P._read(target)
    # re-save a different object under the shipped name: header and payload agree, manifest does not
    save_model({"not": "the shipped model"}, target)
    with pytest.raises(ModelIntegrityError, match="manifest"):
        P.load_model(target)
    assert good[0]["payload"]["sha256"] != P._read(target)[0]["payload"]["sha256"]


def test_shipped_model_loads_without_trust():
    model = load_model(data_path("models", DEFAULT_MODEL_FILE))
    assert set(model) >= {"stance", "sentiment"}
