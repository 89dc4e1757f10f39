"""The larger training corpus (lvnews issues #15, #16): ``corpus/train_more.spacy``.

Sources, each its own kind of Doc:

* ``ud``: our ``ud/train`` paragraphs with the FullStack NER, exactly as ``convert.py``
  builds ``train.spacy``.
* ``train50``: ``lvtb217_train50_new.conllu`` (mapped to v2.5 by ``map_lvtb217.py``).
  It has no paragraph ids; its sentence numbers follow the v2.17 file order, so a run
  of consecutive numbers is running text. A Doc is up to ``CHUNK`` consecutive
  sentences (broken at every gap), so the parser still sees sentence boundaries
  inside text. NER is the silver annotation of ``silver/``, joined by sent_id; a
  sentence without a silver line has its entities *missing*, never "O".
* ``dev_new``: ``lvtb217_dev_new.conllu`` (mapped), one Doc per LVTB paragraph
  (its ids keep them); no NER, so entities are missing.
* ``original``: ``original/*.jsonl`` paragraphs, NER only. Tokenised by our
  tokenizer; entity character spans aligned with ``alignment_mode="contract"``, the
  tokens a contraction leaves out set missing. No tags, lemmas or heads: every other
  component sees them as missing (spaCy skips "" tags/lemmas and head-less Docs).

Money: silver part 1 tags an amount only when it is the point of the sentence, as
FullStack-LV gold does (about one amount in four); silver part 2 and ``original/``
(its README) tag every amount with a currency. Their money spans are set *missing*
rather than dropped: dropping would teach "O" for amounts gold sometimes tags,
keeping them would teach a rate gold does not have; missing teaches neither.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

from convert import paragraph_doc
from lvnews.conll import NER_LABELS, Paragraph, Sentence, read_paragraphs, read_sentences
from lvnews.tokenizer import LatvianTokenizer

CHUNK = 5
# Silver files whose money spans follow "every amount" instead of the gold rate.
MONEY_EVERY_AMOUNT = ("lvtb217_part2.jsonl",)
NUMBER = re.compile(r"(\d+)$")

Silver = dict[str, tuple[list[tuple[int, int, str]], str]]


def read_silver(folder: Path) -> Silver:
    """sent_id -> ([(first_id, last_id, label)], file name), all parts."""
    silver: Silver = {}
    for path in sorted(folder.glob("lvtb217_part*.jsonl")):
        with path.open(encoding="utf8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    silver[rec["sent_id"]] = ([tuple(e) for e in rec["entities"]], path.name)
    return silver


def chunks(sentences: Iterable[Sentence], size: int = CHUNK) -> Iterator[Paragraph]:
    """Consecutively numbered sentences, at most ``size`` to a Doc."""
    current: list[Sentence] = []
    last = None
    for sent in sentences:
        m = NUMBER.search(sent.sent_id)
        number = int(m.group(1)) if m else None
        if current and (number is None or last is None or number != last + 1 or len(current) >= size):
            yield Paragraph(id=current[0].sent_id, sentences=current)
            current = []
        current.append(sent)
        last = number
    if current:
        yield Paragraph(id=current[0].sent_id, sentences=current)


def silver_doc(vocab: Vocab, para: Paragraph, silver: Silver, counts: Counter) -> Doc:
    """Treebank Doc with silver entities; sentences without silver stay missing."""
    doc = paragraph_doc(vocab, para, None)
    ents: list[Span] = []
    missing: list[Span] = []
    offset = 0
    for sent in para.sentences:
        n = len(sent.words)
        found = silver.get(sent.sent_id)
        if found is None:
            missing.append(doc[offset:offset + n])
            counts["sentences without silver"] += 1
        else:
            spans, source = found
            for first, last, label in spans:
                span = doc[offset + first - 1:offset + last]
                if label == "money" and source in MONEY_EVERY_AMOUNT:
                    missing.append(span)
                    counts["money spans set missing (every amount)"] += 1
                else:
                    ents.append(Span(doc, span.start, span.end, label=NER_LABELS.get(label, "MISC")))
        offset += n
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


def original_doc(tokenizer: LatvianTokenizer, record: dict, counts: Counter) -> Doc:
    """NER-only Doc of one hand-annotated paragraph (no tags, lemmas, heads)."""
    doc = tokenizer(record["text"])
    ents: list[Span] = []
    unknown: set[int] = set()  # token indices whose entity annotation is missing
    for ent in record["entities"]:
        outer = doc.char_span(ent["start"], ent["end"], alignment_mode="expand")
        if ent["label"] == "money":
            unknown.update(range(outer.start, outer.end) if outer is not None else ())
            counts["money spans set missing (every amount)"] += 1
            continue
        label = NER_LABELS.get(ent["label"], "MISC")
        span = doc.char_span(ent["start"], ent["end"], label=label)
        if span is None:
            counts["original spans misaligned"] += 1
            span = doc.char_span(ent["start"], ent["end"], label=label, alignment_mode="contract")
            # Tokens a contraction cuts off are not "O": we do not know what they are.
            unknown.update(range(outer.start, outer.end) if outer is not None else ())
        if span is None or len(span) == 0:
            counts["original spans dropped (no whole token inside)"] += 1
        elif any(span.start < e.end and e.start < span.end for e in ents):
            counts["original spans dropped (overlap after alignment)"] += 1
        else:
            ents.append(span)
    inside = {i for e in ents for i in range(e.start, e.end)}
    # An entity that aligned wins over a neighbour's cut-off edge: it is known.
    missing = [doc[i:i + 1] for i in sorted(unknown - inside)]
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


def committed_texts(folder: Path, pattern: str = "*.jsonl") -> list[tuple[str, str]]:
    """(name, text) of the committed versions of ``folder/pattern``.

    Why git: another annotator adds files to ``original/`` while we build; a half-written
    chunk must not reach training. Outside a git checkout, the files on disk are used.
    """
    try:
        names = subprocess.run(["git", "-C", str(folder), "ls-files", "--", pattern], check=True,
                               capture_output=True, text=True).stdout.split()
        return [(name, subprocess.run(["git", "-C", str(folder), "show", f"HEAD:./{name}"], check=True,
                                      capture_output=True, text=True).stdout) for name in sorted(names)]
    except (OSError, subprocess.CalledProcessError):
        return [(p.name, p.read_text(encoding="utf8")) for p in sorted(folder.glob(pattern))]


def read_original(folder: Path) -> Iterator[dict]:
    for _, text in committed_texts(folder):
        for line in text.splitlines():
            if line.strip():
                yield json.loads(line)


def tally(stats: dict[str, Counter], source: str, doc: Doc) -> None:
    stats[source]["docs"] += 1
    stats[source]["tokens"] += len(doc)
    stats[source]["sentences"] += sum(1 for _ in doc.sents) if doc.has_annotation("SENT_START") else 0
    stats[source]["tokens with NER"] += sum(1 for t in doc if t.ent_iob != 0)
    for ent in doc.ents:
        stats[source][f"ent {ent.label_}"] += 1


def more_docs(corpora: Path, mapped: Path, silver_dir: Path, original_dir: Path,
              stats: dict[str, Counter]) -> Iterator[Doc]:
    """All training Docs of the larger corpus, source by source."""
    vocab = Vocab()
    ner = {p.id: p for p in read_paragraphs(corpora / "ner" / "train.conll", ner=True)}
    for para in read_paragraphs(corpora / "ud" / "train.conllu"):
        doc = paragraph_doc(vocab, para, ner.get(para.id))
        tally(stats, "ud", doc)
        yield doc
    silver = read_silver(silver_dir)
    for para in chunks(read_sentences(mapped / "lvtb217_train50_new.conllu")):
        doc = silver_doc(vocab, para, silver, stats["train50"])
        tally(stats, "train50", doc)
        yield doc
    for para in read_paragraphs(mapped / "lvtb217_dev_new.conllu"):
        doc = paragraph_doc(vocab, para, None)
        tally(stats, "dev_new", doc)
        yield doc
    tokenizer = LatvianTokenizer(vocab)
    for record in read_original(original_dir):
        doc = original_doc(tokenizer, record, stats["original"])
        tally(stats, "original", doc)
        yield doc


def convert_more(corpora: Path, mapped: Path, silver_dir: Path, original_dir: Path, out: Path) -> dict[str, Counter]:
    stats: dict[str, Counter] = {s: Counter() for s in ("ud", "train50", "dev_new", "original")}
    db = DocBin(store_user_data=False)
    for doc in more_docs(corpora, mapped, silver_dir, original_dir, stats):
        db.add(doc)
    out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out)
    total: Counter = sum(stats.values(), Counter())
    for source, counts in [*stats.items(), ("all", total)]:
        print(f"{source}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"wrote {out} ({len(db)} docs)")
    return stats
