"""Validate ``news_part*.jsonl``: offsets, overlaps, span edges, labels; print counts.

Why: the files are training data, and a bad offset or an overlapping span makes
spaCy drop or misalign the whole example without saying so. Run after every chunk::

    python training/original/check.py            # errors -> exit status 1
    python training/original/check.py --review   # also list capitalised words outside entities
    python training/original/check.py --align    # also check spans against lvnews' tokenizer
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

LABELS = {"person", "GPE", "organization", "location", "event", "product", "time", "money", "entity"}
QUOTES = set("\"'„“”«»")
# A span may end in "." only when it is an ordinal or initial ("2012. gadā" ends in a word anyway).
EDGE_PUNCT = set(".,;:!?()[]{}-–—/")
WORD = re.compile(r"\w+", re.UNICODE)
HERE = Path(__file__).parent


def record_errors(record: dict) -> list[str]:
    """Everything wrong with one record, as messages."""
    errors: list[str] = []
    text = record.get("text", "")
    if not isinstance(text, str) or not text.strip():
        return ["empty text"]
    foreign = sorted({ch for ch in text if ch.isalpha() and not _latin(ch)})
    if foreign:
        # Cyrillic "а" and Latin "a" look alike; a stray one makes a name unmatchable.
        errors.append(f"non-Latin letters {''.join(foreign)!r}")
    spans = []
    for ent in record.get("entities", []):
        start, end, label = ent.get("start"), ent.get("end"), ent.get("label")
        where = f"{start}-{end} {label}"
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            errors.append(f"bad offsets {where}")
            continue
        mention = text[start:end]
        if label not in LABELS:
            errors.append(f"unknown label {where} {mention!r}")
        if not ent.get("canonical", "").strip():
            errors.append(f"no canonical {where} {mention!r}")
        if mention != mention.strip():
            errors.append(f"whitespace at edge {where} {mention!r}")
        if mention[0] in EDGE_PUNCT or (mention[-1] in EDGE_PUNCT and not _dotted_end(mention)):
            errors.append(f"punctuation at edge {where} {mention!r}")
        if _inside_word(text, start, end):
            errors.append(f"splits a word {where} {mention!r}")
        if _unbalanced_quotes(mention):
            errors.append(f"unbalanced quotes {where} {mention!r}")
        spans.append((start, end, mention))
    spans.sort()
    for (s1, e1, m1), (s2, e2, m2) in zip(spans, spans[1:]):
        if s2 < e1:
            errors.append(f"overlap {m1!r} / {m2!r}")
    return errors


def _latin(ch: str) -> bool:
    """Latin script, Latvian letters included (everything up to U+024F)."""
    return ord(ch) <= 0x024F


def _dotted_end(mention: str) -> bool:
    """Initials and abbreviations legitimately end in a dot (``Dž. R. R.``, ``u.c.`` is not a name)."""
    last = mention.split()[-1]
    return mention.endswith(".") and len(last) <= 4 and last[:-1].isalpha()


def _inside_word(text: str, start: int, end: int) -> bool:
    """True when the span starts or ends in the middle of a word."""
    left = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    right = end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return left or right


def _unbalanced_quotes(mention: str) -> bool:
    """Quotes are fine inside a name (``"Latvijas Loto"``) but must come in pairs."""
    return sum(ch in QUOTES and ch != "'" for ch in mention) % 2 == 1


def uncovered_capitals(record: dict, known: set[str] = frozenset()) -> list[str]:
    """Capitalised words outside every span: candidates for missed mentions.

    Sentence-initial words are skipped unless ``known`` (words seen inside
    mentions anywhere) holds them, since a genitive place name opening a
    sentence (``Kanādas premjerministrs``) is the easiest slip to miss.
    """
    text = record["text"]
    covered = [False] * len(text)
    for ent in record["entities"]:
        for i in range(ent["start"], ent["end"]):
            covered[i] = True
    out = []
    for m in WORD.finditer(text):
        word = m.group()
        if not word[0].isupper() or covered[m.start()]:
            continue
        before = text[:m.start()].rstrip(" \"„“«")
        if (not before or before[-1] in ".!?:") and word not in known:
            continue
        out.append(word)
    return out


def misaligned(records: list[dict]) -> list[str]:
    """Spans that do not start and end on lvnews tokenizer boundaries.

    A converter using ``Doc.char_span`` drops such a span and the tokens read as
    "no entity", so they are listed; the cause is usually the tokenizer (a word
    kept whole with its sentence-final dot, two names joined by a dash).
    """
    import spacy  # only this check needs spaCy and lvnews

    from lvnews.tokenizer import create_tokenizer

    nlp = spacy.blank("lv")
    nlp.tokenizer = create_tokenizer()(nlp)
    out = []
    for record in records:
        doc = nlp(record["text"])
        for ent in record["entities"]:
            if doc.char_span(ent["start"], ent["end"]) is None:
                out.append(f"{record['id']}: {record['text'][ent['start']:ent['end']]!r}")
    return out


def load(paths: list[Path]) -> list[dict]:
    """All records of the given JSONL files, in order."""
    records = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            records.extend(json.loads(line) for line in fh if line.strip())
    return records


def main(argv: list[str]) -> int:
    paths = sorted(HERE.glob("news_part*.jsonl"))
    records = load(paths)
    bad = 0
    known = {w for r in records for e in r["entities"]
             for w in WORD.findall(r["text"][e["start"]:e["end"]]) if w[0].isupper()}
    ids = Counter(r.get("id") for r in records)
    for dup in [i for i, c in ids.items() if c > 1]:
        print(f"duplicate id {dup}")
        bad += 1
    for record in records:
        for err in record_errors(record):
            print(f"{record.get('id')}: {err}")
            bad += 1
        if "--review" in argv:
            missed = uncovered_capitals(record, known)
            if missed:
                print(f"{record['id']} review: {' '.join(missed)}")
    if "--align" in argv:
        for line in misaligned(records):
            print(f"not on token boundaries: {line}")
    labels = Counter(e["label"] for r in records for e in r["entities"])
    words = sum(len(WORD.findall(r["text"])) for r in records)
    print(f"{len(records)} paragraphs, {words} words, {sum(labels.values())} entities: "
          + ", ".join(f"{k} {v}" for k, v in labels.most_common()))
    print("OK" if not bad else f"{bad} errors")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
