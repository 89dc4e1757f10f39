"""Print FullStack NER dev paragraphs as ID:FORM only, for blind annotation.

Why only two columns: the annotation must not see the gold (columns 7-10).
    python show_dev.py DEV.conll FIRST LAST   (1-based paragraph numbers in file order)
"""
from __future__ import annotations

import re
import sys
from pathlib import Path


def paragraphs(path: Path) -> list[list[tuple[str, list[tuple[str, str]]]]]:
    """Paragraphs in file order, each [(sent_id, [(ID, FORM)])]; a paragraph is the
    sentences sharing the sent_id prefix before the final `s<N>`."""
    out: list[list] = []
    key, sid, toks = None, "", []
    for line in list(path.open(encoding="utf-8")) + [""]:
        line = line.rstrip("\n")
        if line.startswith("# sent_id"):
            sid = line.split("=", 1)[1].strip()
        elif not line:
            if toks:
                pkey = re.sub(r"s\d+$", "", sid)
                if pkey != key:
                    out.append([])
                    key = pkey
                out[-1].append((sid, toks))
            toks = []
        elif not line.startswith("#"):
            cols = line.split("\t")[:2]
            if cols[0].isdigit():
                toks.append((cols[0], cols[1]))
    return out


if __name__ == "__main__":
    paras = paragraphs(Path(sys.argv[1]))
    first, last = int(sys.argv[2]), int(sys.argv[3])
    for n, para in enumerate(paras[first - 1:last], first):
        print(f"## paragraph {n}")
        for sid, toks in para:
            print(sid, " ".join(f"{i}:{f}" for i, f in toks))
