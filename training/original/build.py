"""Turn the marked-up paragraphs in ``src/*.txt`` into ``news_part*.jsonl``.

Why a markup step: character offsets typed by hand drift after every edit, so
the paragraphs are written with inline marks and the offsets are computed.

Markup, one paragraph per line (blank lines and lines starting with ``#`` skipped)::

    [[Donaldam Trampam|per|Donalds Tramps]] tikās ar [[Emanuelu Makronu|per|Emanuels Makrons]].

``[[mention|label]]`` when the canonical form equals the mention. Labels are
short aliases of the nine FullStack-LV labels (see ``LABELS``).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

LABELS = {
    "per": "person",
    "gpe": "GPE",
    "org": "organization",
    "loc": "location",
    "evt": "event",
    "prod": "product",
    "time": "time",
    "money": "money",
    "ent": "entity",
}
MARK = re.compile(r"\[\[([^\[\]|]+)\|([a-z]+)(?:\|([^\[\]|]+))?\]\]")
HERE = Path(__file__).parent


def parse_line(line: str) -> tuple[str, list[dict]]:
    """Plain text and entity dicts of one marked-up paragraph."""
    text_parts: list[str] = []
    entities: list[dict] = []
    pos = 0
    length = 0
    for m in MARK.finditer(line):
        before = line[pos:m.start()]
        if "[[" in before or "]]" in before:
            raise ValueError(f"broken mark near: {before[-40:]!r}")
        text_parts.append(before)
        length += len(before)
        mention, alias, canonical = m.group(1), m.group(2), m.group(3)
        if alias not in LABELS:
            raise ValueError(f"unknown label {alias!r} in {m.group(0)!r}")
        entities.append({"start": length, "end": length + len(mention), "label": LABELS[alias],
                         "canonical": canonical if canonical is not None else mention})
        text_parts.append(mention)
        length += len(mention)
        pos = m.end()
    rest = line[pos:]
    if "[[" in rest or "]]" in rest:
        raise ValueError(f"broken mark near: {rest[:40]!r}")
    text_parts.append(rest)
    return "".join(text_parts), entities


def paragraphs(path: Path) -> list[str]:
    """Non-empty, non-comment lines of one source file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def build(src_dir: Path = HERE / "src", out_dir: Path = HERE) -> int:
    """Write one ``news_partNN.jsonl`` per ``src/partNN.txt``; ids run on across parts."""
    n = 0
    for src in sorted(src_dir.glob("part*.txt")):
        out = out_dir / f"news_{src.stem}.jsonl"
        with out.open("w", encoding="utf-8") as fh:
            for line in paragraphs(src):
                n += 1
                text, entities = parse_line(line)
                record = {"id": f"orig-{n:04d}", "text": text, "entities": entities}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return n


if __name__ == "__main__":
    count = build()
    print(f"{count} paragraphs", file=sys.stderr)
