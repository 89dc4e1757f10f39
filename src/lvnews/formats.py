"""Writers for records: CoNLL-U and a short human-readable summary.

JSON needs no writer of its own (``Article.model_dump_json``); these two are
shared by ``lvnews analyze``, ``lvnews annotate`` and ``lvnews evaluate ud``.

The CoNLL-U passes the official UD validator (``udvalidate --level 2``) on any
record whose sentences are trees, whatever whitespace the text had. What the
validator demands and a record's text does not give for free:

* FORM has no tab, line break, repeated or edge whitespace: each whitespace
  run inside a token is one plain space (``25 000``, as LVTB writes it), and
  the zero-width and control characters the pipeline ignores are dropped; the
  token as written is kept in MISC ``SpacesInToken`` (UDPipe's attribute);
* ``# text`` is the FORMs joined by one space or none (``SpaceAfter=No``), so
  it always matches them; the whitespace as written (line breaks, tabs, NBSP,
  double spaces) is in MISC ``SpacesAfter`` (``\\n``, ``\\t``, ``\\s`` and
  ``\\uXXXX`` escapes), which UD documents for exactly this;
* FEATS sorted the UD way (case-insensitively: ``Number`` before ``NumType``);
* every line NFC; ``sent_id`` is the article id (``/``, ``%`` and whitespace
  %-escaped) plus the sentence number, so it is unique across documents with
  distinct ids (a digest of the text stands in for a missing id);
* no ``SpaceAfter=No`` at the end of a paragraph or document.

An error record is its comments and a blank line, so that a reader does not
glue them to the next document (the validator, which wants tokens in every
block, reports such a block as ``empty-sentence``: keep errors apart with
``annotate --errors``).
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from typing import Iterator

from .article import clean_text
from .records import Article, Entity, Sentence, Token

UPOS = frozenset("ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X".split())
UD_RELATIONS = frozenset(
    "acl advcl advmod amod appos aux case cc ccomp clf compound conj cop csubj dep det discourse "
    "dislocated expl fixed flat goeswith iobj list mark nmod nsubj nummod obj obl orphan parataxis "
    "punct reparandum root vocative xcomp".split()
)
_DEPREL_RE = re.compile(r"[a-z]+(:[a-z]+)?")
_ESCAPES = {" ": "\\s", "\t": "\\t", "\r": "\\r", "\n": "\\n", "|": "\\p", "\\": "\\\\"}
# Characters a line-based reader may take for a line break (str.splitlines() does).
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def comment_value(value: str) -> str:
    """``value`` fit for a comment line: NFC (the validator checks every line) and
    one line. Exposed so that whoever reads ``# newdoc id`` back (batch resume)
    can compare ids the way they were written."""
    return _nfc(_LINE_BREAKS.sub(" ", value))


def escape_spaces(text: str) -> str:
    """MISC escaping of ``SpacesAfter``/``SpacesInToken`` (UD's ``\\s \\t \\r \\n \\p \\\\``);
    other invisible characters (NBSP, zero-width space) as ``\\uXXXX``, as Stanza writes
    NBSP, since a raw one would be whitespace inside MISC."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return _nfc("".join(out))


def conllu_form(text: str) -> str:
    """FORM (and LEMMA) of a token: what the pipeline saw, one plain space per whitespace run.

    ``clean_text`` is the pipeline's own cleaning (zero-width and soft hyphens out,
    NBSP and control characters to spaces), so FORM is the token the tagger read.
    """
    return _nfc(" ".join(clean_text(text)[0].split()))


def _gap_kind(gap: str) -> str:
    """``"none"`` (tokens touch, maybe across ignored characters), ``"space"`` (only
    whitespace between them) or ``"text"`` (characters outside any sentence: a
    caption, a rubric, a skipped foreign paragraph)."""
    clean = clean_text(gap)[0]
    if not clean:
        return "none"
    return "space" if clean.isspace() else "text"


def _feats(morph: str) -> str:
    """FEATS in UD order: features and their values sorted case-insensitively."""
    pairs = []
    for item in (morph or "").split("|"):
        name, eq, values = item.partition("=")
        if name and eq and values:
            pairs.append(f"{name}={','.join(sorted(values.split(','), key=str.lower))}")
    return "|".join(sorted(pairs, key=str.lower)) or "_"


def _deprel(tok: Token, is_root: bool) -> str:
    """``root`` for the root; otherwise the relation, ``dep`` when it is not a UD one."""
    if is_root:
        return "root"
    dep = (tok.dep or "").lower()
    if not _DEPREL_RE.fullmatch(dep) or dep.split(":")[0] not in UD_RELATIONS or dep == "root":
        return "dep"
    return dep


def _id_part(value: str) -> str:
    """An article id inside ``sent_id``: no whitespace and no ``/`` (reserved by UD);
    ``%`` escaped too, so that distinct ids stay distinct."""
    return "".join(f"%{ord(c):02X}" if c.isspace() or c in "%/" or unicodedata.category(c) in ("Cc", "Cf")
                   else c for c in _nfc(value))


def _prefix(article: Article) -> str:
    if article.id is not None and article.id != "":
        return _id_part(article.id)
    # No id: a digest of the text keeps sent_ids unique when outputs are concatenated.
    return "doc-" + hashlib.sha1(article.text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def _bio(article: Article) -> dict[int, str]:
    """Token start offset -> NER tag in BIO form, for the MISC column."""
    starts = sorted(tok.start for sent in article.sentences for tok in sent.tokens)
    tags: dict[int, str] = {}
    for ent in article.entities:
        first = bisect.bisect_left(starts, ent.start)
        for k in range(first, bisect.bisect_left(starts, ent.end)):
            tags.setdefault(starts[k], ("B-" if k == first else "I-") + ent.label)
    return tags


def _paragraph_indexes(article: Article) -> list[int | None]:
    """Index of the record paragraph holding each sentence (None outside all)."""
    paras = sorted((p.start, p.end, k) for k, p in enumerate(article.paragraphs))
    starts = [p[0] for p in paras]
    out: list[int | None] = []
    for sent in article.sentences:
        j = bisect.bisect_right(starts, sent.start) - 1
        out.append(paras[j][2] if j >= 0 and sent.start < paras[j][1] else None)
    return out


def _header(article: Article) -> list[str]:
    lines = [f"# newdoc id = {comment_value(article.id)}" if article.id is not None else "# newdoc"]
    if article.published:
        lines.append(f"# published = {article.published}")
    return lines


def _time_values(article: Article) -> dict[int, str]:
    """Start offset of each resolved time expression -> its ISO value, for MISC."""
    return {t.start: t.value for t in article.times if t.value}


def _error_block(article: Article) -> str:
    """An error record: its comments, then the blank line that ends a CoNLL-U block,
    so that a reader does not take them for the next document's."""
    lines = _header(article) + [f"# error = {' '.join((article.error or '').split()) or 'unknown'}"]
    return "\n".join(comment_value(line) for line in lines) + "\n\n"


def _token_lines(sent: Sentence, forms: list[str], after: list[str], tags: dict[int, str],
                 times: dict[int, str]) -> Iterator[str]:
    """The ten columns of each token; ``after[i]`` is what follows token i in ``# text``
    joining and MISC: ``""`` (SpaceAfter=No), ``" "`` or the whitespace as written."""
    for i, (tok, form) in enumerate(zip(sent.tokens, forms)):
        misc = []
        if after[i] == "":
            misc.append("SpaceAfter=No")
        elif after[i] != " ":
            misc.append("SpacesAfter=" + escape_spaces(after[i]))
        if form != _nfc(tok.text):
            misc.append("SpacesInToken=" + escape_spaces(tok.text))
        if tok.start in tags:
            misc.append(f"NER={tags[tok.start]}")
        if tok.start in times:
            misc.append(f"TimeValue={times[tok.start]}")
        is_root = tok.head == i
        cols = [
            str(i + 1), form, conllu_form(tok.lemma or "") or "_",
            tok.pos if tok.pos in UPOS else "X", "".join((tok.tag or "").split()) or "_", _feats(tok.morph),
            "0" if is_root else str(tok.head + 1), _deprel(tok, is_root), "_", "|".join(misc) or "_",
        ]
        yield "\t".join(cols)


def _spacing(article: Article, paras: list[int | None]) -> list[list[str]]:
    """For every token of every sentence, what follows it (see :func:`_token_lines`).

    Within a sentence that is the gap to the next token; after a sentence's last
    token, the gap to the next sentence when only whitespace lies between, but never
    "nothing" at a paragraph's or the document's end (the validator forbids it).
    """
    text = article.text
    sents = article.sentences
    out: list[list[str]] = []
    for k, sent in enumerate(sents):
        toks = sent.tokens
        last_next = sents[k + 1].tokens[0].start if k + 1 < len(sents) and sents[k + 1].tokens else len(text)
        ends_par = k + 1 == len(sents) or paras[k + 1] != paras[k]
        after = []
        for i, tok in enumerate(toks):
            nxt = toks[i + 1].start if i + 1 < len(toks) else last_next
            gap = text[tok.end:nxt]
            kind = _gap_kind(gap)
            last = i + 1 == len(toks)
            if kind == "none":
                after.append(" " if last and ends_par else "")
            elif kind == "space":
                after.append(gap)
            else:
                after.append(" ")
        out.append(after)
    return out


def to_conllu(article: Article) -> str:
    """The record as CoNLL-U, valid for ``udvalidate --level 2`` (see the module docstring).

    ``# newdoc`` opens the article, ``# newpar`` each record paragraph, and each
    sentence has ``# sent_id`` and ``# text``; NER tags go into MISC as ``NER=B-ORG``, the
    ISO value of a time expression as ``TimeValue=2019-03-15`` on its first token, and
    the article's date as ``# published``.
    An error record is its comments and a blank line; a record without sentences
    (a foreign article, an empty text) writes nothing, as CoNLL-U holds sentences.
    """
    if article.error is not None:
        return _error_block(article)
    sents = [s for s in article.sentences if s.tokens]
    if not sents:
        return ""
    article = article if len(sents) == len(article.sentences) else article.model_copy(update={"sentences": sents})
    prefix = _prefix(article)
    tags = _bio(article)
    times = _time_values(article)
    lines = _header(article)
    paras = _paragraph_indexes(article)
    for k, (sent, after) in enumerate(zip(article.sentences, _spacing(article, paras))):
        if paras[k] is not None and (k == 0 or paras[k] != paras[k - 1]):
            lines.append(f"# newpar id = {prefix}-p{paras[k] + 1}")
        forms = [conllu_form(tok.text) or "_" for tok in sent.tokens]
        text = "".join(f + ("" if a == "" else " ") for f, a in zip(forms, after)).rstrip(" ")
        lines.append(f"# sent_id = {prefix}-s{k + 1}")
        lines.append(f"# text = {text}")
        lines.extend(_token_lines(sent, forms, after, tags, times))
        lines.append("")
    return "\n".join(comment_value(line) if line.startswith("#") else line for line in lines) + "\n"


def _entity_line(e: Entity) -> str:
    kb = f"  <{e.kb.url}>" if e.kb else ""
    same = "" if e.canonical == e.text else f" ({e.text})"
    value = f" = {e.value}" if e.value else ""
    return f"  {e.label:<8} {e.canonical}{same}{value}{kb}"


def _fact_line(f) -> str:  # noqa: ANN001
    d = f.model_dump()
    kind = d.pop("type")
    for key in ("text", "start", "end", "sentence"):
        d.pop(key)
    parts = []
    for key, value in d.items():
        if value is None:
            continue
        if isinstance(value, dict) and "canonical" in value:
            value = value["canonical"]
        parts.append(f"{key}={value}")
    return f"  {kind:<13} " + ", ".join(parts) + f"   «{f.text}»"


def to_text(article: Article) -> str:
    """A short summary for people: language, structure, entities, facts."""
    head = f"{article.id or '-'}: language {article.language} ({article.language_score:.2f}), " \
           f"{len(article.paragraphs)} paragraphs, {len(article.sentences)} sentences"
    lines = [head]
    if article.published:
        lines.append(f"  published: {article.published}")
    if article.section:
        lines.append(f"  section: {article.section}")
    for caption in article.captions:
        lines.append(f"  caption: {caption}")
    if article.error:
        lines.append(f"  error: {article.error}")
    if article.entities:
        lines.append("entities:")
        lines.extend(_entity_line(e) for e in article.entities)
    if article.facts:
        lines.append("facts:")
        lines.extend(_fact_line(f) for f in article.facts)
    if article.times:
        lines.append("times:")
        lines.extend(f"  {t.text} = {t.value or '?'}" for t in article.times)
    return "\n".join(lines) + "\n"
