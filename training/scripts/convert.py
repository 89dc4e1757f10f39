"""Convert the LVTB treebank and FullStack NER layer into spaCy DocBin files.

One Doc per FullStack paragraph, so the parser sees sentence boundaries inside
running text. The NER layer is joined onto the treebank paragraph when both
tokenize it identically; otherwise the paragraph's entities are left *missing*
(not "O"), so that absent annotation is never trained as a negative.

``--more`` builds ``train_more.spacy`` instead: the same train paragraphs plus the
LVTB v2.17 sentences mapped to our conventions (``map_lvtb217.py``) with the silver
NER of ``silver/``, and the hand-written paragraphs of ``original/`` as NER-only Docs
(see ``more_corpus.py``). Dev is never touched by it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

from lvnews.conll import Paragraph, bio_spans, read_paragraphs, word_char_spans


def universal(deprel: str) -> str:
    """LAS is scored on the universal relation, so subtypes are not trained."""
    return deprel.split(":", 1)[0]


def paragraph_doc(vocab: Vocab, para: Paragraph, ner: Paragraph | None) -> Doc:
    words = para.words
    spans = word_char_spans(para)
    spaces = [end < (spans[i + 1][0] if i + 1 < len(spans) else end) for i, (_, end) in enumerate(spans)]
    heads: list[int] = []
    deps: list[str] = []
    sent_starts: list[bool] = []
    offset = 0
    for sent in para.sentences:
        for j, w in enumerate(sent.words):
            heads.append(offset + w.head - 1 if w.head else offset + j)
            deps.append("ROOT" if not w.head else universal(w.deprel))
            sent_starts.append(j == 0)
        offset += len(sent.words)
    doc = Doc(
        vocab,
        words=[w.form for w in words],
        spaces=spaces,
        tags=[w.xpos for w in words],
        pos=[w.upos for w in words],
        morphs=[w.feats if w.feats != "_" else "" for w in words],
        lemmas=[w.lemma for w in words],
        heads=heads,
        deps=deps,
        sent_starts=sent_starts,
    )
    if ner is not None and [w.form for w in ner.words] == [w.form for w in words]:
        ents = [Span(doc, s, e, label=label) for s, e, label in bio_spans([w.ner for w in ner.words])]
        doc.set_ents(ents, default="outside")
    return doc


def convert(ud_path: Path, ner_path: Path | None, out: Path) -> tuple[int, int]:
    vocab = Vocab()
    ner = {p.id: p for p in read_paragraphs(ner_path, ner=True)} if ner_path and ner_path.exists() else {}
    db = DocBin(store_user_data=False)
    n = with_ner = 0
    for para in read_paragraphs(ud_path):
        doc = paragraph_doc(vocab, para, ner.get(para.id))
        with_ner += doc.has_annotation("ENT_IOB")
        db.add(doc)
        n += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out)
    return n, with_ner


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", type=Path, help="the lv corpora folder (ud/, ner/)")
    ap.add_argument("out", type=Path, help="folder for train.spacy and dev.spacy")
    ap.add_argument("--more", action="store_true", help="write OUT/train_more.spacy (train + new data) only")
    ap.add_argument("--mapped", type=Path, default=None, help="folder of map_lvtb217.py's output (default OUT)")
    ap.add_argument("--silver", type=Path, default=Path("silver"), help="silver NER folder (lvtb217_part*.jsonl)")
    ap.add_argument("--original", type=Path, default=Path("original"), help="NER-only paragraphs (*.jsonl)")
    args = ap.parse_args()
    if args.more:
        from more_corpus import convert_more  # the scripts folder is on sys.path when run as a script

        convert_more(args.corpora, args.mapped or args.out, args.silver, args.original, args.out / "train_more.spacy")
        return
    for split in ("train", "dev"):
        n, with_ner = convert(args.corpora / "ud" / f"{split}.conllu", args.corpora / "ner" / f"{split}.conll",
                              args.out / f"{split}.spacy")
        print(f"{split}: {n} paragraphs, {with_ner} with NER")


if __name__ == "__main__":
    main()
