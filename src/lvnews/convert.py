"""Doc -> record: the one place where an analysed spaCy ``Doc`` becomes records.

The analyzer hands over one ``Doc`` per article (its paragraphs merged, see
``pipeline.Analyzer``) and the chunks its text was made of; everything a record
promises is made true here, whatever the pipeline produced:

* offsets index ``Article.text`` exactly as given (``text[start:end]`` is the evidence);
* each sentence is one tree: heads index that sentence, exactly one root, no cycle;
* no token, entity or fact span starts or ends with whitespace;
* ``entity.sentence`` and ``fact.sentence`` index the record's sentences.

spaCy's parser guarantees the tree for the sentences it finds, but rule components
that move sentence boundaries after it (``lvnews_sentence_repair``) can leave a token
whose head lies in the next sentence; :func:`make_tree` repairs that.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Sequence

from spacy.tokens import Doc

from .article import Chunk
from .facts.records import facts_to_records
from .records import Article, Entity, KBLink, Sentence, Token

# Every token sets every field: one shared set instead of one per token
# (a third of a token record's memory).
TOKEN_FIELDS = set(Token.model_fields)
# The relation of a token whose head had to be replaced: UD's "unspecified dependency".
REATTACHED_DEP = "dep"
ROOT_DEP = "ROOT"


@dataclass(frozen=True)
class TextMap:
    """Character offsets of a merged ``Doc``'s text -> offsets into the article's text.

    ``bases[k]`` is where ``chunks[k].text`` starts in the Doc's text.
    """

    chunks: Sequence[Chunk]
    bases: Sequence[int]

    @classmethod
    def of(cls, doc: Doc, parts: Sequence[Doc], chunks: Sequence[Chunk]) -> "TextMap":
        """The map of ``doc`` = ``Doc.from_docs(parts)``, ``parts[k]`` analysed from ``chunks[k]``."""
        bases, first = [], 0
        for part in parts:
            bases.append(doc[first].idx - part[0].idx if len(part) else (bases[-1] if bases else 0))
            first += len(part)
        return cls(chunks, bases)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of the Doc's text in the article's text (``end > start``)."""
        k = bisect_right(self.bases, start) - 1
        s = self.chunks[k].to_original(start - self.bases[k], start - self.bases[k] + 1)[0]
        k = bisect_right(self.bases, end - 1) - 1
        e = self.chunks[k].to_original(end - 1 - self.bases[k], end - self.bases[k])[1]
        return s, e


def make_tree(heads: list[int], deps: list[str]) -> tuple[list[int], list[str]]:
    """One tree over ``len(heads)`` tokens: ``heads[i]`` is the index of i's head, i for a root.

    Heads outside the sentence, roots beyond the first, and cycles are attached to
    the root with :data:`REATTACHED_DEP`; a sentence with no root gets its first
    dangling token (else its first token) as root. Nothing changes in a tree that is
    already one.
    """
    n = len(heads)
    heads, deps = list(heads), list(deps)
    if not n:
        return heads, deps
    dangling = [i for i, h in enumerate(heads) if not 0 <= h < n]
    roots = [i for i, h in enumerate(heads) if h == i]
    root = roots[0] if roots else (dangling[0] if dangling else 0)
    heads[root] = root
    if deps[root].lower() != "root":
        deps[root] = ROOT_DEP
    for i in dangling + roots[1:]:
        if i != root:
            heads[i], deps[i] = root, REATTACHED_DEP
    # Cycles: walk up from each token; a walk that revisits a token of its own path
    # without reaching the root is cut at the token where it started looping.
    state = [0] * n  # 0 unseen, 1 on the current path, 2 known to reach the root
    state[root] = 2
    for i in range(n):
        path = []
        j = i
        while state[j] == 0:
            state[j] = 1
            path.append(j)
            j = heads[j]
        if state[j] == 1:  # j is on this path: a cycle through j
            heads[j], deps[j] = root, REATTACHED_DEP
        for k in path:
            state[k] = 2
    for i, dep in enumerate(deps):
        if i != root and dep.lower() == "root":
            deps[i] = REATTACHED_DEP
    return heads, deps


def fill_article(article: Article, doc: Doc, text_map: TextMap) -> None:
    """Sentences, entities and facts of ``doc`` into ``article`` (which has none yet)."""
    text = article.text
    # Tags, lemmas and relations repeat endlessly: one string object each keeps a huge
    # article's record a fraction of the size.
    strings: dict[str, str] = {}
    intern = strings.setdefault
    sent_of_token: dict[int, int] = {}
    for sent in doc.sents:
        words = [tok for tok in sent if not tok.is_space]
        if not words:
            continue
        index = {tok.i: k for k, tok in enumerate(words)}
        heads, deps = make_tree([index.get(tok.head.i, -1) for tok in words], [tok.dep_ for tok in words])
        number = len(article.sentences)
        tokens = []
        for tok, head, dep in zip(words, heads, deps):
            sent_of_token[tok.i] = number
            s, e = text_map.span(tok.idx, tok.idx + len(tok.text))
            lemma, pos, tag, morph = tok.lemma_, tok.pos_, tok.tag_, str(tok.morph)
            # Built from the pipeline's own values: construct, not validate (hot path).
            tokens.append(Token.model_construct(
                _fields_set=TOKEN_FIELDS, text=text[s:e], start=s, end=e, lemma=intern(lemma, lemma),
                pos=intern(pos, pos), tag=intern(tag, tag), morph=intern(morph, morph), head=head,
                dep=intern(dep, dep)))
        article.sentences.append(Sentence.model_construct(start=tokens[0].start, end=tokens[-1].end, tokens=tokens))
    entity_ids: dict[tuple[int, int, int], str] = {}
    for ent in doc.ents:
        words = [tok for tok in ent if not tok.is_space]
        if not words:
            continue
        s, e = text_map.span(words[0].idx, words[-1].idx + len(words[-1].text))
        ent_id = f"e{len(article.entities) + 1}"
        entity_ids[(0, ent.start, ent.end)] = ent_id
        kb = ent._.kb
        article.entities.append(Entity(
            id=ent_id, text=text[s:e], start=s, end=e, label=ent.label_, canonical=ent._.canonical or ent.text,
            sentence=sent_of_token[words[0].i], kb=KBLink(**kb) if kb else None,
        ))
    facts_to_records(doc, 0, text_map.span, sent_of_token, entity_ids, article)
