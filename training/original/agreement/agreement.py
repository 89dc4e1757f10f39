"""Agreement of the original-text NER annotation with an independent re-annotation.

Why: a helper's training data is only used after its agreement was measured on a sample.
`mine_inline.txt` holds 40 paragraphs (every 13th from orig-0007) re-annotated blind from
their text alone, in the `src/partNN.txt` markup (`id<TAB>marked-up paragraph`). This script
turns it into `mine.jsonl` (same record format as `news_partNN.jsonl`, canonical = mention),
checks that the plain text is exactly the original's, and scores the originals against it:
exact character span + label, micro P/R/F1 overall and per label.

    python agreement.py [--diff]
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent / "silver"))
from build import parse_line  # noqa: E402  one markup parser for both annotations
from score import prf  # noqa: E402  same P/R/F1 as the gold trial

Span = tuple[int, int, str]


def sample_ids(first: int = 7, step: int = 13, n: int = 40) -> list[str]:
    """The sample the brief fixed: every 13th paragraph starting with orig-0007."""
    return [f"orig-{first + step * i:04d}" for i in range(n)]


def load_originals(ids: list[str]) -> dict[str, dict]:
    """Original records by id, only those in `ids`."""
    wanted, out = set(ids), {}
    for path in sorted(HERE.parent.glob("news_part*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec["id"] in wanted:
                out[rec["id"]] = rec
    return out


def load_mine(path: Path, originals: dict[str, dict]) -> dict[str, dict]:
    """Re-annotation records; fails loudly if a text differs from the original's, since
    offsets would then not be comparable."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        pid, _, marked = line.partition("\t")
        text, entities = parse_line(marked)
        if text != originals[pid]["text"]:
            raise ValueError(f"{pid}: text differs from the original")
        out[pid] = {"id": pid, "text": text, "entities": entities}
    return out


def spans(rec: dict) -> set[Span]:
    return {(e["start"], e["end"], e["label"]) for e in rec["entities"]}


def compare(orig: dict[str, dict], mine: dict[str, dict]) -> Counter:
    """(label, tp|fp|fn) counts with `mine` as the reference and `orig` as the prediction."""
    c: Counter = Counter()
    for pid, ref in mine.items():
        o, m = spans(orig[pid]), spans(ref)
        for kind, group in (("tp", o & m), ("fp", o - m), ("fn", m - o)):
            for s in group:
                c[s[2], kind] += 1
    return c


def report(c: Counter) -> str:
    labels = sorted({k[0] for k in c})
    rows = [f"{'label':14} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"]
    tot = [0, 0, 0]
    for lab in labels + ["ALL"]:
        if lab == "ALL":
            tp, fp, fn = tot
        else:
            tp, fp, fn = c[lab, "tp"], c[lab, "fp"], c[lab, "fn"]
            tot = [tot[0] + tp, tot[1] + fp, tot[2] + fn]
        p, r, f = prf(tp, fp, fn)
        rows.append(f"{lab:14} {tp:4} {fp:4} {fn:4} {100*p:6.1f} {100*r:6.1f} {100*f:6.1f}")
    return "\n".join(rows)


def differences(orig: dict[str, dict], mine: dict[str, dict]) -> list[str]:
    """One line per span that only one side has, for reading the disagreement classes."""
    out = []
    for pid, ref in mine.items():
        text = ref["text"]
        o, m = spans(orig[pid]), spans(ref)
        for side, group in (("orig", o - m), ("mine", m - o)):
            for a, b, lab in sorted(group):
                out.append(f"{pid} {side:4} {lab:12} {text[a:b]}")
    return out


def main(argv: list[str]) -> None:
    ids = sample_ids()
    originals = load_originals(ids)
    mine = load_mine(HERE / "mine_inline.txt", originals)
    if sorted(mine) != ids:
        sys.exit("mine_inline.txt does not cover exactly the sample")
    with (HERE / "mine.jsonl").open("w", encoding="utf-8") as fh:
        for pid in ids:
            fh.write(json.dumps(mine[pid], ensure_ascii=False) + "\n")
    print(f"{len(ids)} paragraphs, originals scored against the re-annotation")
    print(report(compare(originals, mine)))
    if "--diff" in argv:
        print("\n".join(differences(originals, mine)))


if __name__ == "__main__":
    main(sys.argv[1:])
