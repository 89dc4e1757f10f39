"""A PyTorch-trained BiLSTM run in numpy, shared by the networks trained outside spaCy.

The biaffine parser (:mod:`lvnews.biaffine`) and the BiLSTM tagger are trained
with PyTorch on stored tok2vec output (``training/scripts/biaffine``) and run
here without torch, from the weights under the names PyTorch's ``state_dict``
gives them. Both read padded rows [batch, steps, features] with their lengths,
so sentences of like length share each step: the recurrence is the one part
that steps through words one at a time.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, ClassVar, Iterable, Mapping

import numpy as np
import srsly

Weights = Mapping[str, np.ndarray]
WEIGHTS_FILE = "weights.npz"


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


def leaky_relu(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, x, 0.1 * x)


def affine(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | float = 0.0) -> np.ndarray:
    """``x @ weight.T + bias`` over the last axis of ``x``, as one 2-D product: numpy runs a
    3-D array times a transposed matrix outside BLAS, about a hundred times slower."""
    flat = x.reshape(-1, x.shape[-1]) @ weight.T + bias
    return flat.reshape(x.shape[:-1] + (weight.shape[0],))


def reverse_rows(x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Each row's first ``lengths[b]`` steps in reverse order, padding left where it was."""
    steps = np.arange(x.shape[1])
    index = np.where(steps[None, :] < lengths[:, None], lengths[:, None] - 1 - steps[None, :], steps[None, :])
    return np.take_along_axis(x, index[:, :, None], axis=1)


def lstm_direction(weights: Weights, x: np.ndarray, name: str) -> np.ndarray:
    """One direction of one layer of ``torch.nn.LSTM`` (gates i, f, g, o) over [batch, steps, features];
    ``name`` is the suffix of its parameters (``lstm.weight_ih_l0_reverse`` -> ``l0_reverse``)."""
    gates_in = affine(x, weights[f"lstm.weight_ih_{name}"],
                      weights[f"lstm.bias_ih_{name}"] + weights[f"lstm.bias_hh_{name}"])
    w_hh = np.ascontiguousarray(weights[f"lstm.weight_hh_{name}"].T)
    hidden = w_hh.shape[0]
    h = np.zeros((x.shape[0], hidden), dtype=np.float32)
    c = np.zeros_like(h)
    out = np.empty((x.shape[0], x.shape[1], hidden), dtype=np.float32)
    for t in range(x.shape[1]):
        i, f, cell, o = np.split(gates_in[:, t] + h @ w_hh, 4, axis=1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(cell)
        h = sigmoid(o) * np.tanh(c)
        out[:, t] = h
    return out


def bilstm(weights: Weights, x: np.ndarray, lengths: np.ndarray, layers: int) -> np.ndarray:
    """A bidirectional ``torch.nn.LSTM`` over padded rows: [batch, steps, 2 * hidden]. Rows are read
    to their length; what the padding gets is never used."""
    for layer in range(layers):
        forward = lstm_direction(weights, x, f"l{layer}")
        backward = reverse_rows(lstm_direction(weights, reverse_rows(x, lengths), f"l{layer}_reverse"), lengths)
        x = np.concatenate([forward, backward], axis=-1)
    return x


def bag(table: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Rows of ``table`` summed over the last axis of ``ids`` (0 pads: its row is zero), as
    ``torch.nn.Embedding(..., padding_idx=0)`` summed over a word's values or readings."""
    return table[ids].sum(axis=-2)


def padded_ids(rows: list[list[int]], width: int) -> np.ndarray:
    """Lists of ids as one array [len(rows), width], padded with 0 and cut at ``width``."""
    ids = np.zeros((len(rows), width), dtype=np.int64)
    for row, found in enumerate(rows):
        found = found[:width]
        ids[row, : len(found)] = found
    return ids


def load_npz(data: Any) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Weights as float32 and the JSON metadata stored beside them (``__meta__``)."""
    meta = json.loads(str(data["__meta__"]))
    return {k: np.asarray(data[k], dtype=np.float32) for k in data.files if k != "__meta__"}, meta


def save_npz(weights: Mapping[str, np.ndarray], meta: Mapping[str, Any]) -> bytes:
    """The inverse of :func:`load_npz`. Half precision halves the size; the scores move by far less
    than their margins."""
    buffer = io.BytesIO()
    np.savez_compressed(buffer, __meta__=np.array(json.dumps(meta)),
                        **{k: v.astype(np.float16) for k, v in weights.items()})
    return buffer.getvalue()


class NetworkComponent:
    """What the components whose network is trained outside spaCy share: ``model`` holds the
    weights (None until loaded, and then the component changes nothing), read in ``initialize``
    from the ``.npz`` that ``training/scripts/biaffine/export.py`` writes and saved with the
    pipeline as ``weights.npz``. ``model_type`` reads and writes that file (``from_npz``,
    ``to_npz``)."""

    model_type: ClassVar[Any]
    model: Any = None

    def initialize(self, get_examples: Any = None, *, nlp: Any = None, weights: str | None = None) -> None:
        if weights is not None:
            with np.load(weights) as data:
                self.model = self.model_type.from_npz(data)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"weights": self.model.to_npz() if self.model is not None else b""})

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> "NetworkComponent":
        data = srsly.msgpack_loads(bytes_data)["weights"]
        if data:
            with np.load(io.BytesIO(data)) as npz:
                self.model = self.model_type.from_npz(npz)
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.model is not None:
            (path / WEIGHTS_FILE).write_bytes(self.model.to_npz())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "NetworkComponent":
        file = Path(path) / WEIGHTS_FILE
        if file.exists():
            with np.load(file) as data:
                self.model = self.model_type.from_npz(data)
        return self
