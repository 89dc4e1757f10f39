"""Doc -> record: the one place where an analysed spaCy ``Doc`` becomes records.

The analyzer hands over one ``Doc`` per article (its paragraphs merged, see
``pipeline.Analyzer``) and the chunks its text was made of; everything a record
promises is made true here, whatever the pipeline produced:

* offsets index ``Article.text`` exactly as given (``text[start:end]`` is the evidence);
* each sentence is one tree: heads index that sentence, exactly one root, no cycle;
* no token, entity or fact span starts or ends with whitespace;
* ``entity.sentence`` and ``fact.sentence`` index the record's sentences.

spaCy's parser gives one tree per sentence it finds, but a Doc may come from
elsewhere (the Stanza backend's conversion, a caller's own Doc) with whitespace
tokens, heads across a sentence boundary or no single root; :func:`make_tree`
repairs that.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass
from typing import Sequence

from spacy.tokens import Doc

from . import extensions as _extensions  # noqa: F401  (Span._.canonical, Span._.kb, Doc._.facts)
from .article import Chunk
from .facts.participants import fullest_person, resolve_reference
from .records import (Article, Entity, KBLink, MemberCountFact, MembershipFact, OfQuantity, Participant,
                      QuantityFact, RoleFact, Sentence, Token)
from .times import time_value, value_at
from .trees import find_cycle

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
    # A cycle is cut where the walk up from the first of its tokens came back onto itself.
    while (cycle := find_cycle(heads, root)) is not None:
        heads[cycle[0]], deps[cycle[0]] = root, REATTACHED_DEP
    for i, dep in enumerate(deps):
        if i != root and dep.lower() == "root":
            deps[i] = REATTACHED_DEP
    return heads, deps


def doc_to_article(base: Article, doc: Doc, text_map: TextMap) -> Article:
    """``base`` (an article's record before analysis) with the sentences, entities and
    facts of ``doc``, the article analysed; ``base`` itself is left as it is."""
    article = base.model_copy(update={"sentences": [], "entities": [], "facts": []})
    sent_of_token = _add_sentences(article, doc, text_map)
    entity_ids = _add_entities(article, doc, text_map, sent_of_token)
    _add_facts(article, doc, text_map, sent_of_token, entity_ids)
    return article


def _add_sentences(article: Article, doc: Doc, text_map: TextMap) -> dict[int, int]:
    """The record's sentences; returns each token's sentence number."""
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
    return sent_of_token


def _token_span(doc: Doc, text_map: TextMap, start: int, end: int) -> tuple[int, int]:
    """Tokens ``doc[start:end]`` as offsets into the article's text (whitespace tokens at the edges left out)."""
    while start < end - 1 and doc[start].is_space:
        start += 1
    while end - 1 > start and doc[end - 1].is_space:
        end -= 1
    last = doc[end - 1]
    return text_map.span(doc[start].idx, last.idx + len(last.text))


def _add_entities(article: Article, doc: Doc, text_map: TextMap, sent_of_token: dict[int, int]) -> dict[tuple[int, int], str]:
    """The record's entities; returns the entity id of each ``(start, end)`` token span."""
    entity_ids: dict[tuple[int, int], str] = {}
    for ent in doc.ents:
        first = next((tok for tok in ent if not tok.is_space), None)
        if first is None:
            continue
        s, e = _token_span(doc, text_map, ent.start, ent.end)
        ent_id = f"e{len(article.entities) + 1}"
        entity_ids[(ent.start, ent.end)] = ent_id
        kb = ent._.kb
        article.entities.append(Entity(
            id=ent_id, text=article.text[s:e], start=s, end=e, label=ent.label_,
            canonical=ent._.canonical or ent.text, sentence=sent_of_token[first.i], kb=KBLink(**kb) if kb else None,
            value=date_value_of(s, e, article) if ent.label_ == "TIME" else None,
        ))
    return entity_ids




def date_value_of(start: int, end: int, article: Article) -> str | None:
    """The ISO value of the time expression at ``article.text[start:end]``.

    ``article.times`` (the whole text's expressions) knows the context
    (``15. martā`` inside ``2019. gada 15. martā``); without it the span is read
    on its own.
    """
    found = value_at(article.times, start, end) if article.times else None
    if found is not None:
        return found
    # The analyzer set ``published`` from the metadata already: the anchor of relative dates.
    published = dt.date.fromisoformat(article.published) if article.published else None
    return time_value(article.text[start:end], published)


def _add_facts(article: Article, doc: Doc, text_map: TextMap, sent_of_token: dict[int, int],
               entity_ids: dict[tuple[int, int], str]) -> None:
    """The fact components' drafts (token spans, ``Doc._.facts``) as the contract's fact records.

    One by one, in text order: a later bare reference resolves to an earlier
    fact's described organisation.
    """
    for d in doc._.facts or []:
        s, e = _token_span(doc, text_map, d["start"], d["end"])
        common = {"text": article.text[s:e], "start": s, "end": e, "sentence": sent_of_token.get(d["start"], 0)}
        kind = d["type"]
        if kind == "quantity":
            article.facts.append(QuantityFact(**common, value=d["value"], value_max=d["value_max"], unit=d["unit"],
                                              approx=d["approx"], currency=d.get("currency")))
        elif kind == "member_count":
            of = OfQuantity(**d["of"]) if d.get("of") else None
            article.facts.append(MemberCountFact(
                **common, organization=_participant(d["organization"], article, doc, text_map, entity_ids),
                count=d["count"], unit=d["unit"], approx=d["approx"], kind=d["kind"], of=of,
                **_date(d.get("date"), article, doc, text_map)))
        elif kind == "membership":
            member = _participant(d["member"], article, doc, text_map, entity_ids)
            org = _participant(d["organization"], article, doc, text_map, entity_ids)
            if org.entity is not None and org.entity == member.entity:
                continue  # a bare reference resolved to the member itself says nothing
            article.facts.append(MembershipFact(**common, member=member, organization=org,
                                                **_date(d.get("date"), article, doc, text_map)))
        elif kind == "role":
            person, role = fullest_person(_participant(d["person"], article, doc, text_map, entity_ids), d, article)
            article.facts.append(RoleFact(**common, person=person, role=role, organization=_participant(
                d.get("organization"), article, doc, text_map, entity_ids)))


def _participant(p: dict | None, article: Article, doc: Doc, text_map: TextMap,
                 entity_ids: dict[tuple[int, int], str]) -> Participant | None:
    if p is None:
        return None
    s, e = _token_span(doc, text_map, p["start"], p["end"])
    text = article.text[s:e]
    if p.get("ref"):
        resolved = resolve_reference(p["ref"], s, article)
        if resolved is not None:
            return Participant(text=text, canonical=resolved[0], entity=resolved[1])
        return Participant(text=text, canonical=p["canonical"], entity=None)
    ent_span = p.get("entity_span") or (p["start"], p["end"])
    return Participant(text=text, canonical=p["canonical"], entity=entity_ids.get(tuple(ent_span)))


def _date(span: list[int] | None, article: Article, doc: Doc, text_map: TextMap) -> dict[str, str | None]:
    if not span:
        return {"date": None, "date_value": None}
    s, e = _token_span(doc, text_map, span[0], span[1])
    return {"date": article.text[s:e], "date_value": date_value_of(s, e, article)}
