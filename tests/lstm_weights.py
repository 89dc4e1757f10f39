"""Random weights of a 2-layer bidirectional ``torch.nn.LSTM`` under its ``state_dict`` names, for the
tests of the numpy networks (the parser's and the tagger's)."""

from __future__ import annotations

import numpy as np


def random_lstm(rng: np.random.Generator, n_in: int, hidden: int) -> dict[str, np.ndarray]:
    weights = {}
    for layer, width in ((0, n_in), (1, 2 * hidden)):
        for suffix in ("", "_reverse"):
            weights[f"lstm.weight_ih_l{layer}{suffix}"] = rng.normal(size=(4 * hidden, width)) * 0.5
            weights[f"lstm.weight_hh_l{layer}{suffix}"] = rng.normal(size=(4 * hidden, hidden)) * 0.5
            weights[f"lstm.bias_ih_l{layer}{suffix}"] = rng.normal(size=4 * hidden) * 0.1
            weights[f"lstm.bias_hh_l{layer}{suffix}"] = rng.normal(size=4 * hidden) * 0.1
    return weights
