"""Readers for the CoNLL-U treebank and the FullStack-LV NER files.

Both training (conversion to DocBin) and evaluation read the corpora through
these functions, so they agree on what a paragraph and its raw text are.
A paragraph is the sentences sharing the ``a-<paragraph>s<N>`` sent_id prefix;
its raw text is the sentences' ``# text`` joined by single spaces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

# FullStack-LV tag -> lvnews entity label (records.md).
NER_LABELS = {
    "person": "PERSON",
    "organization": "ORG",
    "GPE": "GPE",
    "location": "LOC",
    "event": "EVENT",
    "product": "PRODUCT",
    "time": "TIME",
    "money": "MONEY",
    "entity": "MISC",
}


@dataclass
class Word:
    id: int
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int | None = None
    deprel: str | None = None
    misc: str = "_"
    ner: str = "O"
    wiki: str = "_"

    @property
    def space_after(self) -> bool:
        return "SpaceAfter=No" not in self.misc


@dataclass
class Sentence:
    sent_id: str
    text: str
    words: list[Word] = field(default_factory=list)


@dataclass
class Paragraph:
    id: str
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def words(self) -> list[Word]:
        return [w for s in self.sentences for w in s.words]


def paragraph_id(sent_id: str) -> str:
    """``a-c15-p10s2`` -> ``a-c15-p10``: the FullStack paragraph of a sentence."""
    return sent_id.rsplit("s", 1)[0]


def read_sentences(path: str | Path, ner: bool = False) -> Iterator[Sentence]:
    """Sentences of a CoNLL-U file (``ner=False``) or a FullStack NER file."""
    with open(path, encoding="utf8") as fh:
        yield from parse_sentences(fh, ner=ner)


def parse_sentences(lines: Iterable[str], ner: bool = False) -> Iterator[Sentence]:
    """Sentences of CoNLL-U lines (a file, or ``text.splitlines()`` of one written in memory).

    A block of comments without tokens (an error record of ``lvnews annotate``)
    is no sentence and is skipped.
    """
    sent: Sentence | None = None
    counter = 0
    for raw in lines:
        line = raw.rstrip("\r\n")
        if line.startswith("#"):
            key, _, value = line[1:].partition("=")
            key = key.strip()
            if sent is None:
                counter += 1
                sent = Sentence(sent_id=f"s{counter}", text="")
            if key == "sent_id":
                sent.sent_id = value.strip()
            elif key == "text":
                sent.text = value.strip()
            continue
        if not line.strip():
            if sent is not None and sent.words:
                yield _finish(sent)
            sent = None
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue  # multiword ranges and empty nodes carry no surface word
        if sent is None:
            counter += 1
            sent = Sentence(sent_id=f"s{counter}", text="")
        sent.words.append(_word(cols, ner))
    if sent is not None and sent.words:
        yield _finish(sent)


def _word(cols: list[str], ner: bool) -> Word:
    if ner:
        tag = cols[6] if len(cols) > 6 else "O"
        return Word(
            id=int(cols[0]), form=cols[1], lemma=cols[2], upos=cols[3], xpos=cols[4], feats=cols[5],
            ner=tag, wiki=cols[8] if len(cols) > 8 else "_",
        )
    return Word(
        id=int(cols[0]), form=cols[1], lemma=cols[2], upos=cols[3], xpos=cols[4], feats=cols[5],
        head=int(cols[6]) if cols[6].isdigit() else None, deprel=cols[7], misc=cols[9] if len(cols) > 9 else "_",
    )


def _finish(sent: Sentence) -> Sentence:
    if not sent.text:
        sent.text = "".join(w.form + (" " if w.space_after else "") for w in sent.words).strip()
    return sent


def read_paragraphs(path: str | Path, ner: bool = False) -> Iterator[Paragraph]:
    """Group consecutive sentences into FullStack paragraphs."""
    current: Paragraph | None = None
    for sent in read_sentences(path, ner=ner):
        pid = paragraph_id(sent.sent_id)
        if current is None or current.id != pid:
            if current is not None:
                yield current
            current = Paragraph(id=pid)
        current.sentences.append(sent)
    if current is not None:
        yield current


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) word spans from FullStack BIO tags, labels mapped."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, kind = tag.partition("-")
        if start is not None and (prefix != "I" or kind != label):
            spans.append((start, i, NER_LABELS.get(label, "MISC")))
            start, label = None, None
        if prefix == "B" or (prefix == "I" and start is None):
            start, label = i, kind
    return spans


def word_char_spans(paragraph: Paragraph) -> list[tuple[int, int]]:
    """Character offsets of each word in ``paragraph.text``.

    Words are located left to right in the raw text; the treebank's forms are
    the surface strings, so a plain search is exact.
    """
    text = paragraph.text
    spans = []
    pos = 0
    for w in paragraph.words:
        idx = text.find(w.form, pos)
        if idx < 0:
            raise ValueError(f"word {w.form!r} not found in paragraph {paragraph.id}")
        spans.append((idx, idx + len(w.form)))
        pos = idx + len(w.form)
    return spans
