"""spaCy component that puts entity mentions in base form and links them.

Sets ``Span._.canonical`` and ``Span._.kb`` on ``doc.ents``. The plural
forms table and the knowledge base are built by ``initialize`` from the
training corpora and saved with the model.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.training import Example

from ..components import DataComponent, corpus_paragraphs
from ..conll import Word
from .canonical import canonical_form, parse_feats, tokens_from_span
from .kb import NameLinks, build_kb
from .labels import label_lists
from .listed_names import is_hyphenated_name, listed_form, settled_by_lists
from .person_names import KEPT_IF_NOMINATIVE, attested, candidate_forms, original_gender

RELABEL = {"PERSON", "ORG", "GPE", "LOC", "MISC"}
# Labels of phrases that may start with a place (``Singapūrā laikā``).
PHRASE_LABELS = {"EVENT", "TIME", "MISC", "PRODUCT"}
NOT_NAMES = {"ADV", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "INTJ", "PUNCT"}

if not Span.has_extension("canonical"):
    Span.set_extension("canonical", default=None)
if not Span.has_extension("kb"):
    Span.set_extension("kb", default=None)


def is_capitalised_inside(tok: Token) -> bool:
    """``ievēl Kūtri``: a capital right after a word, in the middle of a sentence, is a name's,
    though the tagger took the form for an adverb (``kūtri``, lazily)."""
    return tok.text[:1].isupper() and tok.i > 0 and tok.doc[tok.i - 1].is_alpha and not tok.is_sent_start


def plural_forms(words: Iterable[Word]) -> dict[str, str]:
    """``lemma|Plur`` -> nominative plural, for nouns seen in that form in training."""
    forms: dict[str, str] = {}
    for w in words:
        feats = parse_feats(w.feats)
        if w.upos in ("NOUN", "PROPN") and feats.get("Number") == "Plur" and feats.get("Case") == "Nom":
            forms.setdefault(w.lemma, w.form.lower() if w.upos == "NOUN" else w.form)
    return {f"{k}|Plur": v for k, v in forms.items()}


def title_context(ent: Span) -> tuple[str | None, str | None]:
    """(gender, case) of a lower-case noun right before a name and tied to it by the parse.

    A title agrees with the name it stands before (``kanclerei Angelai
    Merkelei``, ``prezidenta Trampa``), and the tagger knows common nouns far
    better than foreign names.
    """
    if ent.start == 0:
        return None, None
    prev = ent.doc[ent.start - 1]
    if prev.pos_ != "NOUN" or not prev.text.islower() or "Plur" in prev.morph.get("Number") \
            or not (ent.start <= prev.head.i < ent.end or ent.root.head.i == prev.i):
        return None, None
    gender, case = prev.morph.get("Gender"), prev.morph.get("Case")
    return (gender[0] if gender else None), (case[0] if case else None)


def implied_case(ent: Span) -> str | None:
    """The case a name's place in the parse implies: Gen before the noun it modifies, Nom as subject."""
    root = ent.root
    dep = root.dep_.split(":")[0]
    if dep == "nmod" and root.head.i >= ent.end and root.head.pos_ == "NOUN":
        return "Gen"
    return "Nom" if dep == "nsubj" else None


def capitalised(name: str) -> str:
    """A name starts with a capital letter (``leiboristu partija`` -> ``Leiboristu partija``), ``eBay`` aside."""
    first = name.split(" ", 1)[0]
    return name[:1].upper() + name[1:] if first.isalpha() and first.islower() else name


def bracketed_original(ent: Span) -> Span | None:
    """The name in brackets right after ``ent`` (``Gerija Holta (Gary Holt)``), or None."""
    doc, k = ent.doc, ent.end
    if k + 2 >= len(doc) or doc[k].text != "(":
        return None
    end = next((i for i in range(k + 1, min(len(doc), k + 8)) if doc[i].text == ")"), None)
    return doc[k + 1 : end] if end is not None and end > k + 1 else None


def is_bracketed_original(ent: Span) -> bool:
    """A person's name in brackets right after another person's name: the original spelling, kept as written.

    ``Arianna Grandi (Ariana Grande)``: the bracketed name is the person's own
    spelling, whatever Latvian-looking endings it has.
    """
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].text != "(" or ent.end >= len(doc) or doc[ent.end].text != ")":
        return False
    return doc[ent.start - 2].ent_type_ == "PERSON"


def undeclined_subjects(doc: Doc) -> frozenset[str]:
    """Casefolded person-name words in ``-u``/``-i`` that are the subject of a clause somewhere in the article.

    A subject is nominative, so such a word is a name that does not decline
    (``Ronaldu`` ... ``Ronaldu apstiprinājis``); its other mentions stay as
    written too, though they look like accusatives.
    """
    return frozenset(t.text.casefold() for t in doc if t.ent_type_ == "PERSON" and is_subject(t)
                     and t.is_title and t.text.lower().endswith(KEPT_IF_NOMINATIVE[:2]) and len(t.text) > 3)


def is_subject(tok: Token) -> bool:
    """A clause's subject; also a word right before a participle without one that the parser took
    for its object (``Ronaldu apstiprinājis``): a nominative participle agrees with its subject, and
    the tags read ``Ronaldu`` as an accusative."""
    if tok.dep_ == "nsubj":
        return True
    head = tok.head
    return (tok.dep_ == "obj" and head.i == tok.i + 1 and head.morph.get("VerbForm") == ["Part"]
            and head.morph.get("Case") == ["Nom"] and not any(c.dep_.startswith("nsubj") for c in head.children))


def surname_links(doc: Doc, ents: Sequence[Span], canonicals: Sequence[str],
                  fixed: Callable[[Span, str], bool]) -> list[tuple[Span, str | None]]:
    """The entities, plus untagged surnames, each with the full name it shortens (or None).

    News name a person in full once and by surname after (``Jānis Bērziņš`` ...
    ``Bērziņam``); the full name is an earlier PERSON of two or more words whose
    last word is a nominative the one-word mention can be of. Such a mention is
    that person whatever the model made of it (``Bērziņam`` as a place, or
    nothing), unless ``fixed(span, canonical)`` says its other label is settled. Two
    earlier people with that surname leave the mention alone.
    """
    by_start = {e.start: (e, c) for e, c in zip(ents, canonicals)}
    full: dict[str, set[str]] = defaultdict(set)
    out: list[tuple[Span, str | None]] = []
    i = 0
    while i < len(doc):
        ent, canonical = by_start.get(i, (None, ""))
        if ent is not None and ent.label_ == "PERSON" and len(canonical.split()) >= 2:
            full[canonical.split()[-1].casefold()].add(canonical)
        one_word = ent is not None and len(ent) == 1 and ent.label_ in RELABEL \
            and (ent.label_ == "PERSON" or not fixed(ent, canonical))
        # Untagged: a proper noun, or a capitalised word inside a sentence (``Kaveno`` read as an adjective).
        untagged = ent is None and doc[i].is_title and doc[i].is_alpha \
            and (doc[i].pos_ == "PROPN" or not doc[i].is_sent_start and i > 0 and doc[i - 1].is_alpha)
        link = None
        if full and (one_word or untagged):
            matches = set().union(*(full.get(form.casefold(), set()) for form in candidate_forms(doc[i].text)))
            link = matches.pop() if len(matches) == 1 else None
        if ent is not None:
            out.append((Span(doc, ent.start, ent.end, label="PERSON") if link else ent, link))
            i = ent.end
            continue
        if link is not None:
            out.append((Span(doc, i, i + 1, label="PERSON"), link))
        i += 1
    return out


class EntityNormalizer(DataComponent):
    """Base forms and links of ``doc.ents``; article-level, so it sees every mention of a person.

    Tables: ``kb`` (the knowledge base's entries) and ``plural_forms``, built by
    :meth:`initialize`; without them names keep the lemmatizer's base forms and no links.

    ``surname_canonical``: what a surname-only mention of a person named in full
    earlier gets as its canonical: ``"full_name"`` (``Bērziņam`` -> ``Jānis
    Bērziņš``, the record links both to one person) or ``"surname"`` (``Bērziņš``,
    the mention's own base form, as the news annotation wants it). Either way
    it gets the full name's knowledge-base link.
    """

    def __init__(self, nlp: Language, name: str = "entity_normalizer", surname_canonical: str = "full_name") -> None:
        if surname_canonical not in ("full_name", "surname"):
            raise ValueError(f"surname_canonical must be 'full_name' or 'surname', not {surname_canonical!r}")
        self.name = name
        self.kb = NameLinks()
        self.forms: dict[str, str] = {}
        self.surname_canonical = surname_canonical

    def __call__(self, doc: Doc) -> Doc:
        # A name has a nominal (or numeric, for dates and money) head; a
        # capitalised adverb such as ``ŠEIT`` is not one; a double surname the tagger
        # took for punctuation is (``Bērnerss-Lī``). A time is no name: ``piektdien``,
        # ``šovasar`` are adverbs and FullStack-LV's TIME spans.
        doc.ents = [e for e in doc.ents if e.root.pos_ not in NOT_NAMES or e.label_ == "TIME"
                    or is_hyphenated_name(e.root) or is_capitalised_inside(e.root)]
        places = self.untagged_places(doc)
        ents = [p for e in doc.ents for p in self.place_in_phrase(e)]
        if places or ents != list(doc.ents):
            doc.ents = sorted([*ents, *places], key=lambda e: e.start)
        known_forms = attested(t.text for e in doc.ents if e.label_ == "PERSON" for t in e)
        undeclined = undeclined_subjects(doc)
        ents, canonicals = [], []
        for ent in doc.ents:
            ent, canonical = self.labelled(ent, known_forms, undeclined)
            ents.append(ent)
            canonicals.append(canonical)
        canonical_of = {(e.start, e.end): c for e, c in zip(ents, canonicals)}
        linked = surname_links(doc, ents, canonicals, self.is_settled)
        for ent, full in linked:
            canonical = canonical_of.get((ent.start, ent.end), ent.text)
            ent._.kb = self.kb.lookup(full or canonical)
            if full is not None:
                canonical = full if self.surname_canonical == "full_name" else full.split()[-1]
            ent._.canonical = canonical
        doc.ents = [ent for ent, _ in linked]
        return doc

    def labelled(self, ent: Span, known_forms: frozenset[str],
                 undeclined: frozenset[str] = frozenset()) -> tuple[Span, str]:
        """The entity with the label the knowledge base knows it by, and its canonical."""
        canonical = self.base_form(ent, known_forms, undeclined)
        # A name the knowledge base knows keeps the label it is known by
        # (``Valmiera`` is a city even where the model guessed a person).
        known = self.kb.label(canonical)
        if known is None and ent.label_ == "PERSON":
            # A place taken for a person declines as a place (``Gvatemalu``); a foreign name
            # does not decline at all (``ar Nordea``), whatever lemma the tagger gave it.
            for as_name in (canonical_form(tokens_from_span(ent), self.forms), ent.text):
                known = self.kb.label(as_name)
                if known not in (None, "PERSON"):
                    canonical = as_name
                    break
        if known is None and ent.label_ != "PERSON":
            # The lemmatizer may give a name the wrong declension (``Ziemeļkoreju`` ->
            # ``Ziemeļkorejs``); a nominative of its last word that the KB knows wins.
            canonical = self.known_variant(canonical, ent[-1].text) or canonical
            known = self.kb.label(canonical)
        # An organisation's acronym stays one (``ES``), though the training data tags some as places;
        # so do continents, brands and the other names the word lists settle.
        if settled_by_lists(ent, canonical, label_lists()):
            known = None
        if known and known != ent.label_ and ent.label_ in RELABEL:
            ent = Span(ent.doc, ent.start, ent.end, label=known)
        return ent, canonical

    def known_variant(self, canonical: str, last: str) -> str | None:
        """``canonical`` with its last word as another nominative ``last`` can be of, if the KB knows that."""
        words = canonical.split(" ")
        if not last.isalpha() or not last[:1].isupper():
            return None
        for form in sorted(candidate_forms(last)):
            variant = " ".join([*words[:-1], form])
            if variant != canonical and self.kb.label(variant) is not None:
                return variant
        return None

    def is_settled(self, ent: Span, canonical: str) -> bool:
        """A one-word name the knowledge base knows by its label is not taken for a surname."""
        return self.kb.label(canonical) == ent.label_

    def place_in_phrase(self, ent: Span) -> list[Span]:
        """``Singapūrā laikā`` (TIME), ``Phenjanas jūlijā`` (MISC) -> the GPE ``Singapūrā``.

        A place the KB knows, followed only by lower-case words and numbers,
        starts a phrase that is no name of an event, a time or a thing.
        """
        first = ent[0]
        if ent.label_ not in PHRASE_LABELS or len(ent) < 2 or first.pos_ != "PROPN" or not first.is_title \
                or any(t.text[:1].isupper() for t in ent[1:]):
            return [ent]
        if self.kb.label(canonical_form(tokens_from_span(ent[:1]), self.forms)) != "GPE":
            return [ent]
        return [Span(ent.doc, ent.start, ent.start + 1, label="GPE")]

    def untagged_places(self, doc: Doc) -> list[Span]:
        """Proper nouns the model left untagged that the knowledge base knows as places (``Singapūrā``)."""
        out = []
        for tok in doc:
            if tok.ent_iob_ in ("B", "I") or tok.pos_ != "PROPN" or not tok.is_title or len(tok.text) < 3:
                continue
            span = doc[tok.i : tok.i + 1]
            if self.kb.label(canonical_form(tokens_from_span(span), self.forms)) == "GPE":
                out.append(Span(doc, tok.i, tok.i + 1, label="GPE"))
        return out

    def base_form(self, ent: Span, known_forms: frozenset[str], undeclined: frozenset[str] = frozenset()) -> str:
        if ent.label_ != "PERSON":
            canonical = canonical_form(tokens_from_span(ent), self.forms)
            if ent.label_ not in ("ORG", "GPE", "LOC"):
                return canonical
            lists = label_lists()
            return listed_form(canonical, lists.seats_of_power | lists.short_state_names) or capitalised(canonical)
        if is_bracketed_original(ent):
            return " ".join(ent.text.split())
        original = bracketed_original(ent)
        hint = original_gender(original[0].text) if original is not None and len(original) > 1 else None
        return canonical_form(tokens_from_span(ent), self.forms, person=True, context=title_context(ent),
                              syntax=implied_case(ent), known=known_forms, hint=hint, indeclinable=undeclined)

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None,
                   ud_train: str | None = None, ner_train: str | None = None,
                   gazetteers: str | None = None) -> None:
        """Build the tables from the training splits of the treebank (``ud_train``) and the
        NER layer (``ner_train``), whose Wikipedia links make the knowledge base with the
        CLDR names in the ``gazetteers`` folder."""
        ud = corpus_paragraphs(ud_train, needed_by=self.name)
        ner = corpus_paragraphs(ner_train, ner=True, needed_by=self.name)
        self.kb = NameLinks(build_kb(ud, ner, Path(gazetteers) if gazetteers else None))
        self.forms = plural_forms(w for p in ud for w in p.words)

    def tables(self) -> dict[str, dict]:
        return {"kb": self.kb.entries, "plural_forms": self.forms}

    def set_tables(self, tables: dict[str, dict]) -> None:
        self.kb = NameLinks(tables.get("kb", {}))
        self.forms = tables.get("plural_forms", {})


@Language.factory("lvnews_entity_normalizer", default_config={"surname_canonical": "full_name"})
def make_entity_normalizer(nlp: Language, name: str, surname_canonical: str) -> EntityNormalizer:
    return EntityNormalizer(nlp, name, surname_canonical)
