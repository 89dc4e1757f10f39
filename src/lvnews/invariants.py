"""What every record promises, as a check anyone can run on an ``Article``.

Users build on these promises (a tree per sentence, spans that are the evidence),
so the tests check them on every entry point, and a batch job can check what it
reads back: ``record_problems(article)`` is empty for a sound record.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from .records import Article


def _edges_clean(text: str, start: int, end: int) -> bool:
    piece = text[start:end]
    return bool(piece) and piece == piece.strip() and not piece[0].isspace()


def tree_problems(heads: list[int]) -> list[str]:
    """Why ``heads`` (index of each token's head in the sentence, itself for the root) is not one tree."""
    n = len(heads)
    problems = [f"head {h} of token {i} is outside the sentence" for i, h in enumerate(heads) if not 0 <= h < n]
    if problems:
        return problems
    roots = [i for i, h in enumerate(heads) if h == i]
    if len(roots) != 1:
        return [f"{len(roots)} roots"]
    for i in range(n):
        seen = set()
        j = i
        while heads[j] != j:
            if j in seen:
                return [f"cycle through token {j}"]
            seen.add(j)
            j = heads[j]
    return []


def record_problems(article: Article | Mapping[str, Any]) -> list[str]:
    """Every broken promise of one record (an ``Article`` or its ``model_dump()``), as text."""
    if not isinstance(article, Article):
        article = Article.model_validate(article)
    return list(_problems(article))


def _problems(article: Article) -> Iterator[str]:
    text = article.text
    n_sent = len(article.sentences)
    for k, sent in enumerate(article.sentences):
        where = f"sentence {k}"
        if not sent.tokens:
            yield f"{where} has no tokens"
            continue
        if (sent.start, sent.end) != (sent.tokens[0].start, sent.tokens[-1].end):
            yield f"{where} span [{sent.start}, {sent.end}) is not its tokens' span"
        for problem in tree_problems([tok.head for tok in sent.tokens]):
            yield f"{where}: {problem}"
        for i, tok in enumerate(sent.tokens):
            if not _edges_clean(text, tok.start, tok.end):
                yield f"{where} token {i} [{tok.start}, {tok.end}) {text[tok.start:tok.end]!r} is empty or has whitespace at an edge"
            elif tok.text != text[tok.start:tok.end]:
                yield f"{where} token {i} text {tok.text!r} is not its evidence"
            if (tok.head == i) != (tok.dep.lower() == "root"):
                yield f"{where} token {i}: relation {tok.dep!r} with head {tok.head}"
    for ent in article.entities:
        if not _edges_clean(text, ent.start, ent.end) or ent.text != text[ent.start:ent.end]:
            yield f"entity {ent.id} [{ent.start}, {ent.end}) {text[ent.start:ent.end]!r} is not clean evidence"
        if not 0 <= ent.sentence < n_sent:
            yield f"entity {ent.id} sentence {ent.sentence} of {n_sent}"
        elif not article.sentences[ent.sentence].start <= ent.start < article.sentences[ent.sentence].end:
            yield f"entity {ent.id} is not inside its sentence {ent.sentence}"
    for j, fact in enumerate(article.facts):
        if not _edges_clean(text, fact.start, fact.end) or fact.text != text[fact.start:fact.end]:
            yield f"fact {j} [{fact.start}, {fact.end}) {text[fact.start:fact.end]!r} is not clean evidence"
        if not 0 <= fact.sentence < n_sent:
            yield f"fact {j} sentence {fact.sentence} of {n_sent}"
