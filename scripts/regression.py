"""Byte-for-byte regression check of the records, for changes that should change nothing.

Moving code (the house issue) must not move a single record. This analyses the seed
article, the dev paragraphs and a generated archive, and writes every record as one
JSON line (``meta.seconds`` dropped: it is the only field that may differ):

    python scripts/regression.py save  [--dir .regression]   # before the change
    python scripts/regression.py check [--dir .regression]   # after it: exit 1 on any difference

``--model PATH`` analyses with another pipeline than the bundled one, e.g. a
freshly assembled model checked against the snapshot of the shipped one.

``check`` prints the first differing records. The snapshot is not committed: it is
made from the corpora in ../shared, which stay out of the repository.
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARCHIVE_ARTICLES = 60


def inputs() -> dict[str, list[dict]]:
    """The named sets of articles to analyse: whichever exist here."""
    from lvnews.conll import read_paragraphs

    sets: dict[str, list[dict]] = {}
    seed = SHARED / "seeds" / "ventspils-unesco.txt"
    if seed.exists():
        sets["seed"] = [{"id": "seed", "text": seed.read_text(encoding="utf-8")}]
    dev = SHARED / "corpora" / "lv" / "ud" / "dev.conllu"
    if dev.exists():
        sets["dev"] = [{"id": p.id, "text": p.text} for p in read_paragraphs(dev)]
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive.jsonl"
        subprocess.run([sys.executable, str(ROOT / "examples" / "generate_archive.py"), str(archive),
                        "--articles", str(ARCHIVE_ARTICLES), "--seed", "7"], check=True, capture_output=True)
        sets["archive"] = [json.loads(line) for line in archive.read_text(encoding="utf-8").splitlines()]
    return sets


def record_lines(articles: list[dict], model: Path | None = None) -> list[str]:
    import lvnews

    lines = []
    for article in lvnews.load(model).analyze_many(articles):
        data = article.model_dump(mode="json")
        data["meta"].pop("seconds", None)
        lines.append(json.dumps(data, ensure_ascii=False, sort_keys=True))
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=["save", "check"])
    ap.add_argument("--dir", type=Path, default=ROOT / ".regression")
    ap.add_argument("--model", type=Path, default=None, help="pipeline to analyse with (default: the bundled one)")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    failed = False
    for name, articles in inputs().items():
        path = args.dir / f"{name}.jsonl"
        lines = record_lines(articles, args.model)
        if args.action == "save":
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"{name}: {len(lines)} records saved to {path}")
            continue
        before = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        changed = [k for k, (a, b) in enumerate(zip(before, lines)) if a != b]
        if len(before) != len(lines) or changed:
            failed = True
            print(f"{name}: {len(changed)} of {len(lines)} records differ ({len(before)} saved)")
            for k in changed[:3]:
                diff = difflib.unified_diff(json.dumps(json.loads(before[k]), ensure_ascii=False, indent=1).splitlines(),
                                            json.dumps(json.loads(lines[k]), ensure_ascii=False, indent=1).splitlines(),
                                            lineterm="", n=1)
                print("\n".join(list(diff)[:40]))
        else:
            print(f"{name}: {len(lines)} records identical")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
