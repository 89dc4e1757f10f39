"""Score stand-off silver NER annotations against the gold NE_OUTER column of a FullStack
.conll file: exact span + label, micro P/R/F1 overall and per label.

Why a separate scorer: the annotation is blind (written from ID+FORM only), so the gold is
read here and only numbers come out, never the gold spans or text.

    python score.py PRED.jsonl GOLD.conll
Only sentences present in PRED are scored.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path


def gold_spans(path: Path) -> dict[str, set[tuple[int, int, str]]]:
    """sent_id -> {(first_id, last_id, label)} from the BIO NE_OUTER column (7th)."""
    out: dict[str, set[tuple[int, int, str]]] = {}
    sid, rows = "", []
    for line in list(path.open(encoding="utf-8")) + [""]:
        line = line.rstrip("\n")
        if line.startswith("# sent_id"):
            sid = line.split("=", 1)[1].strip()
        elif not line:
            if rows:
                out[sid] = bio_to_spans(rows)
            rows = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            rows.append((int(cols[0]), cols[6]))
    return out


def bio_to_spans(rows: list[tuple[int, str]]) -> set[tuple[int, int, str]]:
    """BIO tags -> spans; an I- after O or after another label starts a new span."""
    spans, cur = set(), None
    for tid, tag in rows:
        if tag == "O" or tag.startswith("B-") or cur is None or cur[2] != tag[2:]:
            if cur:
                spans.add(tuple(cur))
            cur = [tid, tid, tag[2:]] if tag != "O" else None
        else:
            cur[1] = tid
    if cur:
        spans.add(tuple(cur))
    return spans


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(pred: dict[str, set], gold: dict[str, set]) -> dict[str, tuple[int, int, int]]:
    """label -> (tp, fp, fn), plus 'ALL'."""
    c: Counter = Counter()
    for sid, ps in pred.items():
        gs = gold[sid]
        for s in ps & gs:
            c[s[2], "tp"] += 1
        for s in ps - gs:
            c[s[2], "fp"] += 1
        for s in gs - ps:
            c[s[2], "fn"] += 1
    labels = sorted({k[0] for k in c})
    res = {l: (c[l, "tp"], c[l, "fp"], c[l, "fn"]) for l in labels}
    res["ALL"] = tuple(sum(v[i] for v in res.values()) for i in range(3))
    return res


def main(pred_path: str, gold_path: str) -> None:
    pred = {}
    for line in Path(pred_path).read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        pred[rec["sent_id"]] = {(a, b, l) for a, b, l in rec["entities"]}
    res = score(pred, gold_spans(Path(gold_path)))
    print(f"{len(pred)} sentences")
    print(f"{'label':14} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for lab, (tp, fp, fn) in res.items():
        p, r, f = prf(tp, fp, fn)
        print(f"{lab:14} {tp:4} {fp:4} {fn:4} {100*p:6.1f} {100*r:6.1f} {100*f:6.1f}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
