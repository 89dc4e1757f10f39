"""The entity normalizer's knowledge base: canonical entity names -> Wikipedia links.

Built by the normalizer's ``initialize`` from the Wikipedia links annotated in
the FullStack-LV NER training data (mentions put in base form by the same
``canonical_form`` the pipeline uses) and the CLDR Latvian country and city
names. Lookup is exact on the canonical form (case-insensitive): an entity
we do not know gets no link, never a guess.

It is a plain table (:class:`NameLinks`), not spaCy's ``spacy.kb.KnowledgeBase``
of entity vectors and prior probabilities for an entity linker.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import quote, unquote

from ..conll import Paragraph, bio_spans
from .canonical import CanonToken, canonical_form, parse_feats


def link_from_wiki(wiki: str) -> dict[str, str]:
    """``en.wikipedia.org/wiki/Hera`` -> {"id", "name", "url"}."""
    host, _, title = wiki.partition("/wiki/")
    lang = host.split(".", 1)[0]
    name = unquote(title).replace("_", " ")
    return {"id": f"wikipedia:{lang}:{title}", "name": name, "url": f"https://{host}/wiki/{title}"}


def key(name: str) -> str:
    return " ".join(name.split()).casefold()


def gold_mentions(ud: Paragraph, ner: Paragraph) -> Iterator[tuple[str, str, str]]:
    """(canonical, label, wiki) for each linked gold entity of an aligned paragraph."""
    words = ud.words
    offsets, bounds = [], []
    for sent in ud.sentences:
        bounds.append((len(offsets), len(offsets) + len(sent.words)))
        offsets.extend([bounds[-1][0]] * len(sent.words))
    tags = [w.ner for w in ner.words]
    for start, end, label in bio_spans(tags):
        wiki = ner.words[start].wiki
        if wiki in ("_", ""):
            continue
        toks = []
        for i in range(start, end):
            w = words[i]
            head_abs = offsets[i] + w.head - 1 if w.head else -1
            toks.append(CanonToken(w.form, w.lemma, w.upos, parse_feats(w.feats), w.deprel or "",
                                   head_abs - start if start <= head_abs < end else -1))
        yield canonical_form(toks, person=label == "PERSON"), label, wiki


def build_kb(ud: Iterable[Paragraph], ner: Iterable[Paragraph], gazetteers: Path | None) -> dict[str, dict]:
    """Canonical name (casefolded) -> {"id", "name", "url", "label"}, from the treebank's and the
    NER layer's paragraphs (aligned by id) and the CLDR names in ``gazetteers``."""
    ner_by_id = {p.id: p for p in ner}
    votes: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, str] = {}
    for para in ud:
        other = ner_by_id.get(para.id)
        if other is None or [w.form for w in other.words] != [w.form for w in para.words]:
            continue
        for canonical, label, wiki in gold_mentions(para, other):
            votes[key(canonical)][(wiki, label)] += 1
            names.setdefault(key(canonical), canonical)
    kb: dict[str, dict] = {}
    for k, counter in votes.items():
        (wiki, label), _ = counter.most_common(1)[0]
        kb[k] = {**link_from_wiki(wiki), "label": label, "name": names[k]}
    if gazetteers is not None:
        for name, ident, label in cldr_names(gazetteers):
            kb.setdefault(key(name), {"id": ident, "name": name, "label": label,
                                      "url": f"https://lv.wikipedia.org/wiki/{quote(name.replace(' ', '_'))}"})
    return kb


def cldr_names(folder: Path) -> Iterable[tuple[str, str, str]]:
    """(name, id, label) for CLDR territories (GPE) and exemplar cities (GPE)."""
    with open(folder / "territories_lv.tsv", encoding="utf8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            # Numeric codes are regions (Āfrika, pasaule), not states.
            if row["code"].isdigit():
                continue
            # EU, UN and the like are organisations, not places.
            label = "ORG" if row["code"] in {"EU", "UN", "EZ"} else "GPE"
            yield row["name_lv"], f"cldr:territory:{row['code']}", label
    with open(folder / "exemplar_cities_lv.tsv", encoding="utf8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            yield row["city_lv"], f"cldr:city:{row['tz_id']}", "GPE"


class NameLinks:
    """Canonical names -> their link and the label they were seen with (the ``kb`` table)."""

    def __init__(self, entries: dict[str, dict] | None = None) -> None:
        self.entries = entries or {}

    def label(self, canonical: str) -> str | None:
        """The label the entry was seen with (training majority, or GPE for CLDR places)."""
        entry = self.entries.get(key(canonical))
        return entry.get("label") if entry else None

    def lookup(self, canonical: str) -> dict | None:
        entry = self.entries.get(key(canonical))
        if entry is None:
            return None
        return {"id": entry["id"], "name": entry["name"], "url": entry["url"]}
