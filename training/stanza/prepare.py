"""Turn the UD CoNLL-U splits into what Stanza's trainers read.

    python training/stanza/prepare.py [--corpus ../shared/corpora/lv/ud] [--out training/stanza/out/data]

Writes, for each split (train, dev), into --out:

* ``<split>.conllu``: the treebank without empty nodes (``26.1`` lines) and
  with the enhanced-dependency column blanked (it points at the empty nodes);
  the tagger, lemmatizer and parser read these directly.
* ``<split>.txt``: the raw text, one blank line between paragraphs
  (``# newpar``/``# newdoc``), via Stanza's ``conllu_to_text``.
* ``<split>.toklabels`` and ``<split>-mwt.json``: per-character labels
  (0 inside a token, 1 token end, 2 sentence end; 3/4 would be multi-word
  tokens, which Latvian has none of), via Stanza's ``prepare_tokenizer_data``.
* ``meta.json``: counts and the tokenizer's ``max_seqlen`` (3x the mean
  sentence length in characters, rounded up to 100, as Stanza's run_tokenizer).

``--max-train-paragraphs`` / ``--max-dev-paragraphs`` keep only the first N
paragraphs (smoke runs use a tiny dev split so the dev evaluations are cheap).

The outputs are derived from the corpus: they stay under the gitignored
training/stanza/out/ and are never committed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "lv" / "ud"
DEFAULT_OUT = HERE / "out" / "data"
EMPTY_NODE = re.compile(r"^\d+\.\d+\t")


def paragraphs(path: Path) -> list[list[str]]:
    """The file's paragraphs, each a list of sentence blocks (comment and token lines, no blank line)."""
    paras: list[list[str]] = []
    block: list[str] = []

    def flush() -> None:
        nonlocal block
        if block:
            if not paras or any(line.startswith(("# newpar", "# newdoc")) for line in block):
                paras.append([])
            paras[-1].append("\n".join(block))
        block = []

    with path.open(encoding="utf8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                flush()
            else:
                block.append(line)
    flush()
    return paras


def clean_sentence(block: str) -> str:
    """Drop empty nodes and the enhanced DEPS column (which refers to them)."""
    out = []
    for line in block.split("\n"):
        if line.startswith("#"):
            out.append(line)
            continue
        if EMPTY_NODE.match(line):
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise ValueError(f"not a CoNLL-U token line: {line!r}")
        cols[8] = "_"
        out.append("\t".join(cols))
    return "\n".join(out)


def write_split(src: Path, out: Path, split: str, max_paragraphs: int | None) -> dict:
    from stanza.utils.avg_sent_len import avg_sent_len
    from stanza.utils.datasets import conllu_to_text, prepare_tokenizer_data

    paras = paragraphs(src)
    if max_paragraphs is not None:
        paras = paras[:max_paragraphs]
    conllu = out / f"{split}.conllu"
    sentences = [clean_sentence(s) for p in paras for s in p]
    conllu.write_text("\n\n".join(sentences) + "\n\n", encoding="utf8")
    txt, labels, mwt = out / f"{split}.txt", out / f"{split}.toklabels", out / f"{split}-mwt.json"
    conllu_to_text.main([str(conllu), str(txt)])
    with contextlib.redirect_stdout(io.StringIO()):
        prepare_tokenizer_data.main([str(txt), str(conllu), "-o", str(labels), "-m", str(mwt)])
    words = sum(1 for s in sentences for line in s.split("\n") if line and not line.startswith("#"))
    return {"paragraphs": len(paras), "sentences": len(sentences), "words": words,
            "mean_sentence_chars": round(avg_sent_len(str(labels)), 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with train.conllu and dev.conllu")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--max-train-paragraphs", type=int, default=None)
    ap.add_argument("--max-dev-paragraphs", type=int, default=None)
    args = ap.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    meta: dict = {"corpus": str(args.corpus.resolve())}
    for split, limit in (("train", args.max_train_paragraphs), ("dev", args.max_dev_paragraphs)):
        src = args.corpus / f"{split}.conllu"
        if not src.exists():
            print(f"{src} not found (pass --corpus)", file=sys.stderr)
            return 1
        meta[split] = write_split(src, args.out, split, limit)
        print(f"{split}: {meta[split]}")
    # Stanza's run_tokenizer: max_seqlen = 3 x mean sentence length, rounded up to 100.
    meta["max_seqlen"] = math.ceil(meta["train"]["mean_sentence_chars"] * 3 / 100) * 100
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
