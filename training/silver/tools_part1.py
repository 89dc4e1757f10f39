"""Helpers for the part-1 silver NER annotation: print sentences as ID:FORM, turn compact
annotation lines into stand-off JSON lines, and check them against the CoNLL-U source.

Only ids and forms are read from the source; the source text never goes into the repo.
Compact line format: `<sent_id>\t<a>-<b>:<L> <a>:<L> ...`, L one of the label codes below.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

LABELS = {"P": "person", "G": "GPE", "O": "organization", "L": "location", "E": "event",
          "R": "product", "T": "time", "M": "money", "N": "entity"}


def read_sentences(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """(sent_id, [(ID, FORM), ...]) in file order; multiword-token ranges are skipped."""
    out: list[tuple[str, list[tuple[str, str]]]] = []
    sid, toks = "", []
    for line in path.open(encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# sent_id"):
            sid = line.split("=", 1)[1].strip()
        elif not line:
            if toks:
                out.append((sid, toks))
            toks = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                toks.append((cols[0], cols[1]))
    if toks:
        out.append((sid, toks))
    return out


def parse_compact(line: str) -> tuple[str, list[list]]:
    """One compact line -> (sent_id, [[first, last, label], ...])."""
    sid, _, rest = line.partition("\t")
    ents = []
    for item in rest.split():
        span, _, code = item.partition(":")
        a, _, b = span.partition("-")
        ents.append([int(a), int(b or a), LABELS[code]])
    return sid.strip(), ents


def check(sentences: dict[str, int], records: list[dict]) -> list[str]:
    """Problems: unknown sent ids, spans outside the sentence, overlaps, duplicates."""
    errs, seen = [], set()
    for rec in records:
        sid = rec["sent_id"]
        if sid not in sentences:
            errs.append(f"{sid}: unknown sent_id")
            continue
        if sid in seen:
            errs.append(f"{sid}: duplicate")
        seen.add(sid)
        last = 0
        for a, b, lab in sorted(rec["entities"]):
            if not (1 <= a <= b <= sentences[sid]) or lab not in LABELS.values():
                errs.append(f"{sid}: bad span {a}-{b} {lab}")
            if a <= last:
                errs.append(f"{sid}: overlap at {a}")
            last = b
    return errs


def main(argv: list[str]) -> None:
    cmd, src = argv[0], Path(argv[1])
    sents = read_sentences(src)
    if cmd == "show":  # show SRC FIRST LAST (1-based sentence numbers in file order)
        for sid, toks in sents[int(argv[2]) - 1:int(argv[3])]:
            print(sid, " ".join(f"{i}:{f}" for i, f in toks))
    elif cmd == "add":  # add SRC FIRST LAST COMPACT OUT: every sentence in range gets a line
        ann = dict(parse_compact(l) for l in Path(argv[4]).read_text().splitlines() if l.strip())
        chunk = sents[int(argv[2]) - 1:int(argv[3])]
        unknown = set(ann) - {sid for sid, _ in chunk}
        if unknown:
            sys.exit(f"not in range: {sorted(unknown)}")
        recs = [{"sent_id": sid, "entities": sorted(ann.get(sid, []))} for sid, _ in chunk]
        errs = check({sid: len(t) for sid, t in sents}, recs)
        if errs:
            sys.exit("\n".join(errs))
        with open(argv[5], "a", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif cmd == "check":  # check SRC JSONL
        recs = [json.loads(l) for l in Path(argv[2]).read_text().splitlines()]
        errs = check({sid: len(t) for sid, t in sents}, recs)
        print("\n".join(errs) or f"ok: {len(recs)} sentences")


if __name__ == "__main__":
    main(sys.argv[1:])
