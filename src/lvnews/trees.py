"""The best dependency tree for a matrix of arc scores (Chu-Liu-Edmonds), with one root word.

A graph-based parser scores every head for every word independently; the
highest-scoring head of each word can form cycles or hang several words from
the root. UD wants a tree with one root, and LVTB has non-projective trees,
so Eisner's projective algorithm would cost points. numpy only: the parser
that uses it runs without torch, and its training scripts import it from here.
:func:`find_cycle` also serves the records, which cut any cycle a parse left.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np


def find_cycle(heads: Sequence[int] | np.ndarray, root: int = 0) -> list[int] | None:
    """The nodes of one cycle in a head array, the node where the walk re-entered it first, or None.

    ``root`` is the node that heads itself. Walks up from each node in order;
    a walk that comes back onto its own path has found a cycle.
    """
    n = len(heads)
    state = [0] * n  # 0 unvisited, 1 on the current path, 2 known to reach the root
    state[root] = 2
    for start in range(n):
        path = []
        node = start
        while state[node] == 0:
            state[node] = 1
            path.append(node)
            node = int(heads[node])
        if state[node] == 1:
            return path[path.index(node):]
        for p in path:
            state[p] = 2
    return None


def chu_liu_edmonds(scores: np.ndarray) -> np.ndarray:
    """Heads of the maximum spanning arborescence; ``scores[dep, head]``, node 0 the root.

    Contract a cycle into one node, solve the smaller graph, expand: the textbook
    recursion, which is fast enough for sentences (cubic at worst, rarely deep).
    """
    scores = scores.astype(np.float64, copy=True)
    np.fill_diagonal(scores, -np.inf)
    scores[0] = -np.inf
    heads = scores.argmax(axis=1)
    heads[0] = 0
    cycle = find_cycle(heads)
    if cycle is None:
        return heads
    n = len(scores)
    in_cycle = np.zeros(n, dtype=bool)
    in_cycle[cycle] = True
    rest = np.flatnonzero(~in_cycle)  # rest[0] == 0, the root
    cyc = np.array(cycle)
    cycle_gain = scores[cyc, heads[cyc]]
    # A word outside the cycle taking its head inside it: the best cycle node as head.
    out_of = scores[np.ix_(rest, cyc)]
    best_head_in_cycle = cyc[out_of.argmax(axis=1)]
    # The cycle taking a head outside it: which cycle word breaks its cycle arc for it.
    into = scores[np.ix_(cyc, rest)] - cycle_gain[:, None]
    best_dep_in_cycle = cyc[into.argmax(axis=0)]
    m = len(rest) + 1  # the contracted node is the last index
    small = np.full((m, m), -np.inf)
    small[: len(rest), : len(rest)] = scores[np.ix_(rest, rest)]
    small[: len(rest), -1] = out_of.max(axis=1)
    small[-1, : len(rest)] = into.max(axis=0)
    small_heads = chu_liu_edmonds(small)
    result = heads.copy()
    for i, node in enumerate(rest[1:], start=1):
        h = small_heads[i]
        result[node] = best_head_in_cycle[i] if h == m - 1 else rest[h]
    outside = small_heads[-1]
    result[best_dep_in_cycle[outside]] = rest[outside]
    return result


def tree_score(scores: np.ndarray, heads: np.ndarray) -> float:
    """Sum of the chosen arcs' scores (words only, not the root node)."""
    return float(scores[np.arange(1, len(heads)), heads[1:]].sum())


def decode_one_root(scores: np.ndarray) -> np.ndarray:
    """The best tree in which exactly one word hangs from the root.

    The unconstrained tree mostly has one root already; when it has several,
    each of them is tried as the only root and the best resulting tree kept
    (Dozat, Qi & Manning's CoNLL 2017 system does the same).
    """
    heads = chu_liu_edmonds(scores)
    roots = np.flatnonzero(heads[1:] == 0) + 1
    if len(roots) == 1:
        return heads
    best, best_score = heads, -np.inf
    for root in roots:
        constrained = scores.copy()
        constrained[1:, 0] = -np.inf
        constrained[root, 0] = scores[root, 0]
        candidate = chu_liu_edmonds(constrained)
        score = tree_score(scores, candidate)
        if score > best_score:
            best, best_score = candidate, score
    return best
