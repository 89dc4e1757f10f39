"""Writers for records: CoNLL-U and a short human-readable summary.

JSON needs no writer of its own (``Article.model_dump_json``); these two are
shared by ``lvnews analyze`` and ``lvnews annotate``.
"""

from __future__ import annotations

from .records import Article, Entity


def _bio(article: Article) -> dict[int, str]:
    """Token start offset -> NER tag in BIO form, for the MISC column."""
    tags: dict[int, str] = {}
    by_start = sorted(article.entities, key=lambda e: e.start)
    for sent in article.sentences:
        for tok in sent.tokens:
            ent = next((e for e in by_start if e.start <= tok.start < e.end), None)
            if ent is not None:
                tags[tok.start] = ("B-" if tok.start == ent.start else "I-") + ent.label
    return tags


def to_conllu(article: Article) -> str:
    """Valid CoNLL-U: ``# text``, ``# sent_id``, SpaceAfter=No, NER in MISC."""
    lines: list[str] = []
    if article.id is not None:
        lines.append(f"# newdoc id = {article.id}")
    tags = _bio(article)
    prefix = article.id or "doc"
    for k, sent in enumerate(article.sentences, start=1):
        text = article.text[sent.start:sent.end]
        lines.append(f"# sent_id = {prefix}-s{k}")
        lines.append("# text = " + " ".join(text.split()))
        for i, tok in enumerate(sent.tokens):
            misc = []
            nxt = sent.tokens[i + 1].start if i + 1 < len(sent.tokens) else None
            if nxt is not None and nxt == tok.end:
                misc.append("SpaceAfter=No")
            if tok.start in tags:
                misc.append(f"NER={tags[tok.start]}")
            head = 0 if tok.head == i or tok.dep.lower() == "root" else tok.head + 1
            dep = "root" if head == 0 else tok.dep
            form = tok.text.replace(" ", "\u00a0") if " " in tok.text else tok.text
            cols = [str(i + 1), form, tok.lemma or "_", tok.pos or "X", tok.tag or "_", tok.morph or "_",
                    str(head), dep or "dep", "_", "|".join(misc) or "_"]
            lines.append("\t".join(c.replace("\t", " ").replace("\n", " ") or "_" for c in cols))
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


def _entity_line(e: Entity) -> str:
    kb = f"  <{e.kb.url}>" if e.kb else ""
    same = "" if e.canonical == e.text else f" ({e.text})"
    return f"  {e.label:<8} {e.canonical}{same}{kb}"


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
    return "\n".join(lines) + "\n"
