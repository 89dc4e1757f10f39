"""Doc -> record on hand-made Docs: offsets back to the text as given, trees, entities, facts.

No model here: the Docs are built with spaCy's constructor, so each case says exactly
what the pipeline handed over.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from lvnews.article import Block, Chunk, chunks_of
from lvnews.convert import TextMap, doc_to_article
from lvnews.invariants import record_problems
from lvnews.records import Article


def analysed(text: str, words_heads_deps: list[list[tuple[str, int, str]]], space_after: list[list[bool]]):
    """The article's chunks and one merged Doc with the given sentences (heads are doc indices)."""
    chunks = chunks_of(text, Block(0, len(text), "paragraph"))
    assert len(chunks) == 1
    words = [w for sent in words_heads_deps for w, _, _ in sent]
    doc = Doc(Vocab(), words=words, spaces=[s for sp in space_after for s in sp],
              heads=[h for sent in words_heads_deps for _, h, _ in sent],
              deps=[d for sent in words_heads_deps for _, _, d in sent],
              sent_starts=[i == 0 for sent in words_heads_deps for i in range(len(sent))])
    assert doc.text == chunks[0].text
    return chunks, doc


def base(text: str) -> Article:
    return Article(id="t", language="lv", language_score=1.0, text=text, section=None, captions=[],
                   metadata={}, meta={})


def test_offsets_index_the_text_as_given():
    text = "  Rīgā\u00a0 līst.\n\tCēsīs\u200b  snieg. "
    chunks, doc = analysed(text, [[("Rīgā", 1, "obl"), ("līst", 1, "ROOT"), (".", 1, "punct")],
                                  [("Cēsīs", 4, "obl"), ("snieg", 4, "ROOT"), (".", 4, "punct")]],
                           [[True, False, True], [True, False, False]])
    doc.ents = [Span(doc, 0, 1, label="GPE"), Span(doc, 3, 4, label="GPE")]
    article = doc_to_article(base(text), doc, TextMap(chunks, [0]))
    assert record_problems(article) == []
    assert [(t.text, text[t.start:t.end]) for s in article.sentences for t in s.tokens][3] == ("Cēsīs", "Cēsīs")
    assert [e.text for e in article.entities] == ["Rīgā", "Cēsīs"]
    assert [e.sentence for e in article.entities] == [0, 1]
    assert [t.head for t in article.sentences[1].tokens] == [1, 1, 1]


def test_whitespace_tokens_are_skipped_and_not_counted_in_heads():
    # A Doc made from unsqueezed text (spaCy users, other tokenizers) has "\n" tokens;
    # heads after one must still index the record's sentence.
    text = "Rīgā līst\nun snieg."
    doc = Doc(spacy.blank("lv").vocab, words=["Rīgā", "līst", "\n", "un", "snieg", "."],
              spaces=[True, False, False, True, False, False],
              heads=[1, 1, 1, 4, 1, 1], deps=["obl", "ROOT", "dep", "cc", "conj", "punct"])
    chunk = Chunk(start=0, offsets=list(range(len(text) + 1)), text=text)
    article = doc_to_article(base(text), doc, TextMap([chunk], [0]))
    assert record_problems(article) == []
    tokens = article.sentences[0].tokens
    assert [(t.text, t.head) for t in tokens] == [("Rīgā", 1), ("līst", 1), ("un", 3), ("snieg", 1), (".", 1)]


def test_merged_paragraphs_map_back_to_their_own_offsets():
    text = "Rīgā līst.\n\nCēsīs snieg."
    blocks = [Block(0, 10, "paragraph"), Block(12, 24, "paragraph")]
    chunks = [c for b in blocks for c in chunks_of(text, b)]
    parts = [Doc(Vocab(), words=["Rīgā", "līst", "."], spaces=[True, False, False]),
             Doc(Vocab(), words=["Cēsīs", "snieg", "."], spaces=[True, False, False])]
    vocab = parts[0].vocab
    parts = [Doc(vocab, words=[t.text for t in p], spaces=[bool(t.whitespace_) for t in p],
                 heads=[1, 1, 1], deps=["obl", "ROOT", "punct"]) for p in parts]
    doc = Doc.from_docs(parts)
    article = doc_to_article(base(text), doc, TextMap.of(doc, parts, chunks))
    assert [(t.text, t.start) for s in article.sentences for t in s.tokens] == [
        ("Rīgā", 0), ("līst", 5), (".", 9), ("Cēsīs", 12), ("snieg", 18), (".", 23)]
    assert record_problems(article) == []


def test_fact_drafts_become_records_with_resolved_participants():
    text = "Biedrība „Dzīvotprieks” apvieno 120 biedrus."
    words = ["Biedrība", "„", "Dzīvotprieks", "”", "apvieno", "120", "biedrus", "."]
    chunks = chunks_of(text, Block(0, len(text), "paragraph"))
    doc = Doc(Vocab(), words=words, spaces=[True, False, False, True, True, True, False, False],
              heads=[4, 2, 0, 2, 4, 6, 4, 4], deps=["nsubj", "punct", "flat", "punct", "ROOT", "nummod", "obj", "punct"])
    doc.ents = [Span(doc, 0, 4, label="ORG")]
    doc._.facts = [{"type": "member_count", "start": 0, "end": 7, "count": 120, "unit": "biedrs", "approx": None,
                    "kind": "total", "of": None, "date": None,
                    "organization": {"start": 0, "end": 4, "canonical": "biedrība „Dzīvotprieks”"}},
                   {"type": "quantity", "start": 5, "end": 7, "value": 120, "value_max": None, "unit": "biedrs",
                    "approx": None}]
    article = doc_to_article(base(text), doc, TextMap(chunks, [0]))
    count, quantity = article.facts
    assert count.organization.entity == "e1" and count.organization.text == "Biedrība „Dzīvotprieks”"
    assert (quantity.text, quantity.value, quantity.currency) == ("120 biedrus", 120, None)
    assert record_problems(article) == []


def test_the_base_record_is_left_as_it_was():
    text = "Rīgā līst."
    chunks, doc = analysed(text, [[("Rīgā", 1, "obl"), ("līst", 1, "ROOT"), (".", 1, "punct")]],
                           [[True, False, False]])
    given = base(text)
    article = doc_to_article(given, doc, TextMap(chunks, [0]))
    assert given.sentences == [] and len(article.sentences) == 1


@pytest.mark.parametrize("start,end", [(0, 4), (5, 9), (0, 10)])
def test_text_map_spans_land_on_the_original(start, end):
    text = "Rīgā\u00a0\u00a0līst\n."
    chunks = chunks_of(text, Block(0, len(text), "paragraph"))
    s, e = TextMap(chunks, [0]).span(start, end)
    assert text[s:e].split() == chunks[0].text[start:end].split()
