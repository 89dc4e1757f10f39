"""Entity labels repaired by what a name is made of (``lvnews_entity_labels``).

The statistical NER decides a label from the words around a name and from
its letters; a Latvian name usually says what it is in its last word, the
head noun: ``Leiboristu partija`` and ``Augstākā tiesa`` are organisations,
``Klusais okeāns`` and ``Titikakas ezers`` places that are not states. Rules,
each a small function over the document's entities:

* a title swallowed by a name is cut out (``Kapteinis Niks Faldo``; ``ASV
  Prezidents Donalds Tramps`` -> ``ASV`` + the person);
* a name in brackets right after another name, in its original spelling or
  with the same initials, is the same name and gets its label (``Tereza Meja
  (Theresa May)``);
* a name ends at its institution noun (``Augstākās tiesas kandidātu`` ->
  ``Augstākās tiesas``); a person's name before a cup or prize noun names an
  event (``Raidera kauss``);
* a quoted name after an organisation noun (``aģentūra “X”``) is an
  organisation, and so is the same quoted name elsewhere in the article;
* a place in the genitive before a quoted name is two names (``Turīnas
  “Juventus”``: GPE + ORG);
* international organisations and Latvian institutions written as acronyms
  (``ANO``, ``ES``, ``NATO``) are organisations;
* a place with a generic body after it only describes the body (``Spānijas
  valdība``): the place alone is tagged;
* a name whose head noun is an organisation noun is an ORG, a sea, river,
  mountain, street or region noun a LOC; a name right before such a noun
  takes it in (``Titikakas`` + ``ezera``); capitalised words the model left
  untagged that end in one form a new name (``Pārstāvju palātā``), and so
  does a genitive plural of members before ``partija`` (``leiboristu partija``);
* English names ending in an organisation word (``Des Moines Register``,
  ``Associated Press``) are organisations, in a place word (``Wembley
  Stadium``, a quoted ``Le Golf National``) places;
* a quoted name given as a source (``saskaņā ar “X”``, ``“X” ziņoja``) and
  well-known companies, media and agencies (``Google``, ``Reuters``) are
  organisations, with the product words after them (``Google Drive``), and so
  is a seat of power standing for its government (``Baltais nams``);
  ``Savienotās Valstis`` is a GPE, whatever case and capitals;
* a hyphenated surname after a first name is part of the person's name, and
  the same double name elsewhere in the article is that person
  (``Tims Bērnerss-Lī`` ... ``Bērnersam-Lī``);
* continents and regions without a government (``Eiropa``,
  ``Latīņamerikā``) are LOC;
* a LOC the model ended in a common noun that names no place (``Pekinas
  ziņu kioskā``) was a place before a noun phrase: the capitalised genitive
  alone is the name, a GPE (the normalizer's knowledge base may relabel it);
* with hunspell-lv (the lexicon lemma component's), a given name alone or
  taken for a place or time is a person (``given_names.py``), and a one-word
  person the lexicon knows only as a place is a GPE (``place_names.py``).

The rules over listed names (brands, regions, seats of power, parties,
double surnames) live in ``listed_names.py``. The word lists are package
data (``data/labels.json``, ``word_lists.py``),
written by hand. Measured on the news dev set and on FullStack-LV NER dev in
the commit messages; rules that helped one and hurt the other (every
lower-case noun after a place as a description) were left out.
"""

from __future__ import annotations

import unicodedata
from typing import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..components import RuleComponent
from ..hunspell import Dictionary
from ..lexicon import load_lexicon
from ..lexicon_lemmas import pipeline_dictionary
from .given_names import with_given_names
from .place_names import with_place_names
from .repeated_names import with_repeated_names
from .person_names import is_original_spelling
from .time_spans import corrected_times
from .listed_names import (
    RELABELLED, brand_span, hyphenated_people, is_brand, is_hyphenated_name, is_region, listed_organisation,
    names_from_list, party_names, quoted_sources, untagged_regions, with_seat,
)
from .word_lists import CLOSING_QUOTES, OPENING_QUOTES, LabelLists, base_in, label_lists, lemma, starts_sentence

NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC")
BY_HEAD = RELABELLED | {"EVENT"}
ENGLISH_LINKS = {"of", "and", "&", "the", "for"}
MAX_NAME = 6


def head_label(span: Span, lists: LabelLists) -> str | None:
    """ORG or LOC when the span's last word is an organisation or place noun, else None.

    A person's name never ends in a lower-case common noun, and a one-word
    name is read as a place noun only when it is not a person: ``Kalnu`` can
    be a surname whose lemma the lemmatizer made ``kalns``.
    """
    words = [t for t in span if t.is_alpha]
    if not words or not any(t.text[:1].isupper() for t in words) or words[-1].pos_ not in ("NOUN", "PROPN"):
        return None
    # A quoted name is a brand whose words mean something else (``„Zaļais Krasts”``).
    if any(t.text in OPENING_QUOTES or t.text in CLOSING_QUOTES for t in span):
        return None
    head = words[-1]
    if span.label_ == "PERSON" and head.text[:1].isupper() and len(words) > 1:
        return None
    # A gathering is a body and an event (``Cionistu kongress``): the model's event stays.
    if span.label_ in ("MISC", "PRODUCT", "EVENT") and head.text.islower() and base_in(head, lists.gatherings):
        return None
    if base_in(head, lists.org_heads):
        return "ORG"
    # A region named by a direction: ``Tuvie Austrumi``.
    if head.text[:1].isupper() and len(words) > 1 and base_in(head, lists.parts_of_places):
        return "LOC"
    if base_in(head, lists.loc_heads) and (head.text.islower() or span.label_ != "PERSON"):
        return "LOC"
    return None


def cut_after_head(span: Span, lists: LabelLists) -> Span:
    """``Augstākās tiesas kandidātu`` -> ORG ``Augstākās tiesas``: a name ends at its institution noun.

    Lower-case nouns after it are what the sentence says about the body (its
    candidate, its vote, its lobby, its board), not part of its name.
    """
    words = list(span)
    for k in range(len(words) - 2, -1, -1):
        tok = words[k]
        rest = words[k + 1 :]
        if not all(t.is_alpha and t.text.islower() for t in rest):
            return span
        if any((base_in(t, lists.org_heads) and not base_in(t, lists.boards)) or base_in(t, lists.loc_heads)
               for t in rest):
            return span
        if tok.pos_ in ("NOUN", "PROPN") and base_in(tok, lists.org_heads) and not base_in(tok, lists.gatherings) \
                and any(t.text[:1].isupper() for t in words[: k + 1]):
            return Span(span.doc, span.start, tok.i + 1, label="ORG")
    return span


def without_titles(span: Span) -> list[Span]:
    """The span with a title cut out: the names before it (PROPN only) and the person after it."""
    lexicon = load_lexicon()
    titles = [t.i for t in span if t.pos_ == "NOUN" and lexicon.is_title_head(lemma(t))]
    if not titles:
        return [span]
    k, end = titles[-1], span.end
    while end > k + 1 and not span.doc[end - 1].is_alpha:
        end -= 1
    after = span.doc[k + 1 : end]
    if not after or not all(t.text[:1].isupper() for t in after if t.is_alpha):
        return [span]
    before = span.doc[span.start : titles[0]]
    out = []
    if len(before) and all(t.pos_ == "PROPN" for t in before):
        out.append(Span(span.doc, before.start, before.end, label="GPE" if span.label_ != "PERSON" else "ORG"))
    out.append(Span(span.doc, after.start, after.end, label="PERSON"))
    return out


def place_and_quoted_name(span: Span) -> list[Span]:
    """``Turīnas “Juventus”`` -> [GPE ``Turīnas``, ORG ``“Juventus”``]; other spans unchanged."""
    doc = span.doc
    quote = next((t.i for t in span[1:] if t.text in OPENING_QUOTES), None)
    if quote is None or quote + 1 >= span.end:
        return [span]
    place = doc[span.start : quote]
    if not all(t.text[:1].isupper() and "Gen" in t.morph.get("Case") for t in place):
        return [span]
    end = span.end + 1 if span.end < len(doc) and doc[span.end].text in CLOSING_QUOTES else span.end
    return [Span(doc, span.start, quote, label="GPE"), Span(doc, quote, end, label="ORG")]


def place_of_description(span: Span, lists: LabelLists) -> Span | None:
    """``Spānijas valdība``, ``Belfāstas austrumos`` -> GPE ``Spānijas``, ``Belfāstas``.

    Proper nouns followed only by lower-case words that end in a generic body
    or a part of a place (a direction, the centre, the outskirts) describe
    something by the place; the place alone is the name. (Other nouns are left
    alone: ``Saldus novads``, ``Liepājas teātris`` are names in FullStack-LV.)
    """
    words = [t for t in span if t.is_alpha]
    if len(words) < 2 or not words[-1].text.islower() or words[-1].pos_ != "NOUN":
        return None
    head = words[-1]
    if not (base_in(head, lists.generic_bodies) or base_in(head, lists.parts_of_places)):
        return None
    k = span.start
    # The place may start with an adjective: ``Apvienotās Karalistes valdība``.
    while k < span.end and span.doc[k].text[:1].isupper() and span.doc[k].pos_ in ("PROPN", "ADJ"):
        k += 1
    if all(t.pos_ != "PROPN" for t in span.doc[span.start : k]) \
            or any(not t.text.islower() for t in span.doc[k : span.end] if t.is_alpha):
        return None
    return Span(span.doc, span.start, k, label="GPE")


def event_named_after(span: Span, lists: LabelLists, taken: set[int]) -> Span | None:
    """``Raidera`` + ``kauss``: a person's name before a cup, prize or tournament noun names an EVENT.

    The person is not mentioned; the event is (FullStack-LV tags it, the news
    guidelines leave events untagged).
    """
    doc = span.doc
    if span.label_ != "PERSON" or span.end >= len(doc) or span.end in taken:
        return None
    nxt = doc[span.end]
    if nxt.pos_ != "NOUN" or not nxt.text.islower() or not base_in(nxt, lists.events_named_after):
        return None
    return Span(doc, span.start, span.end + 1, label="EVENT")


def with_head_noun(span: Span, lists: LabelLists, taken: set[int]) -> Span | None:
    """A capitalised name and the lower-case place or organisation noun right after it, or None.

    ``Titikakas`` + ``ezera`` is a LOC, ``Rietumvirdžīnijas`` + ``universitātes``
    an ORG, ``Jelgavas`` + ``novadam`` a GPE (an administrative unit is named
    with its noun); a generic body after a place (``Ķīnas valdība``) is no name,
    nor is an organisation's board (``„Lattelecom” padomes``).
    """
    doc = span.doc
    if span.end >= len(doc) or span.end in taken or not all(t.text[:1].isupper() for t in span if t.is_alpha):
        return None
    nxt = doc[span.end]
    if nxt.pos_ != "NOUN" or not nxt.text.islower() or base_in(nxt, lists.generic_bodies):
        return None
    if base_in(nxt, lists.admin_unit_names):
        return Span(doc, span.start, span.end + 1, label="GPE")
    if base_in(nxt, lists.loc_heads):
        return Span(doc, span.start, span.end + 1, label="LOC")
    if base_in(nxt, lists.org_heads) and span.label_ in ("GPE", "LOC", "ORG") \
            and not (span.label_ == "ORG" and base_in(nxt, lists.boards)):
        return Span(doc, span.start, span.end + 1, label="ORG")
    return None


def new_named_bodies(doc: Doc, lists: LabelLists, taken: set[int]) -> list[Span]:
    """Untagged names that end in an organisation or place noun: ``Augstākās tiesas``, ``Kluso okeānu``.

    The name starts with a capital letter that is not a sentence's or a
    quote's, and runs over capitalised words, lower-case genitives and
    adjectives to the head noun. A generic body (``valdība``) makes no name.
    """
    out: list[Span] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in taken or not tok.is_title or starts_sentence(tok) or tok.pos_ not in ("ADJ", "NOUN", "PROPN"):
            i += 1
            continue
        k, found = i, None
        while k < len(doc) and k - i < MAX_NAME and k not in taken:
            t = doc[k]
            if t.pos_ == "NOUN" and not base_in(t, lists.generic_bodies) and (t.is_title or k > i):
                label = "ORG" if base_in(t, lists.org_heads) else "LOC" if base_in(t, lists.loc_heads) else None
                if label is not None:
                    found = Span(doc, i, k + 1, label=label)
            if not (t.is_title or t.pos_ == "ADJ" or "Gen" in t.morph.get("Case")) or not t.is_alpha:
                break
            k += 1
        if found is not None:
            out.append(found)
            i = found.end
        else:
            i += 1
    return out


def with_owner(ents: list[Span], body: Span) -> list[Span]:
    """``ents`` plus a new named body, joined to the place or organisation name right before it.

    ``ANO`` + ``Ģenerālā asambleja`` is one ORG: a place or organisation in the
    genitive before a capitalised organisation name belongs to the name.
    """
    owner = next((e for e in ents if e.end == body.start and e.label_ in ("GPE", "ORG")), None)
    if owner is None or body.label_ != "ORG" or not all(t.text[:1].isupper() for t in owner if t.is_alpha):
        return [*ents, body]
    return [e for e in ents if e is not owner] + [Span(body.doc, owner.start, body.end, label="ORG")]


def place_before_phrase(span: Span, lists: LabelLists) -> Span | None:
    """``Pekinas ziņu kioskā`` (LOC) -> GPE ``Pekinas``; None when no place starts it (``Olimpiskajām medaļām``).

    A place name ends in a proper noun or a place noun; a LOC ending in any
    other common noun is a place in the genitive before what the sentence
    says about it (its factory, its campaign). Administrative units stay
    (``Saldus novadā``): the model's span is the name.
    """
    words = [t for t in span if t.is_alpha]
    head = words[-1] if words else None
    if span.label_ != "LOC" or head is None or not head.text.islower() or head.pos_ != "NOUN" \
            or base_in(head, name_heads_and_units(lists)):
        return span
    k = span.start
    while k < span.end and span.doc[k].is_title and "Gen" in span.doc[k].morph.get("Case"):
        k += 1
    return Span(span.doc, span.start, k, label="GPE") if k > span.start else None


def name_heads_and_units(lists: LabelLists) -> frozenset[str]:
    return lists.loc_heads | lists.org_heads | lists.generic_bodies | lists.parts_of_places | lists.admin_heads


def quoted_name_around(doc: Doc, i: int, protected: set[int]) -> tuple[int, int] | None:
    """(start, end) of the quoted capitalised name around token ``i`` (``“Le Golf National”``), or None."""
    start = i
    while start > 0 and i - start < MAX_NAME and doc[start - 1].text not in OPENING_QUOTES:
        prev = doc[start - 1]
        if prev.i in protected or not (prev.text[:1].isupper() or prev.text in ENGLISH_LINKS):
            return None
        start -= 1
    end = i + 1
    while end < len(doc) and end - i < MAX_NAME and doc[end].text not in CLOSING_QUOTES:
        if end in protected or not (doc[end].text[:1].isupper() or doc[end].text in ENGLISH_LINKS):
            return None
        end += 1
    if start == 0 or doc[start - 1].text not in OPENING_QUOTES or end >= len(doc) or end - start < 2:
        return None
    return start, end


def english_organisations(doc: Doc, lists: LabelLists, protected: set[int]) -> list[Span]:
    """``Des Moines Register``, ``Associated Press``: capitalised words around an English organisation word.

    The name runs left from that word over capitalised words (and ``of``,
    ``and``, ``&``) that are not a Latvian sentence's first word, and right
    over ``of``/``and`` + capitalised words; in quotes, it is all the quoted
    words. Its label is ``english_label``'s.
    """
    out = []
    for tok in doc:
        if not (tok.text in lists.english_org_words or tok.text in lists.english_loc_words) or tok.i in protected:
            continue
        quoted = quoted_name_around(doc, tok.i, protected)
        if quoted is not None:
            out.append(Span(doc, *quoted, label=english_label(doc[quoted[0] : quoted[1]], lists)))
            continue
        k = tok.i
        while k > 0:
            prev = doc[k - 1]
            capital = prev.text[:1].isupper() and prev.is_alpha
            if prev.i in protected or not (capital or prev.text in ENGLISH_LINKS):
                break
            latvian_first_word = starts_sentence(prev) and not is_original_spelling(prev.text)
            if latvian_first_word and prev.text not in lists.english_org_words:
                break
            k -= 1
        while k < tok.i and doc[k].text in ENGLISH_LINKS:
            k += 1
        end = tok.i + 1
        # ... and right over ``of``/``for``/``and`` + capitalised words (``Council of Independent Schools``).
        while end + 1 < len(doc) and doc[end].text in ENGLISH_LINKS and doc[end + 1].is_title \
                and end + 1 not in protected:
            end += 2
            while end < len(doc) and doc[end].is_title and end not in protected:
                end += 1
        if end - k >= 2:
            out.append(Span(doc, k, end, label=english_label(doc[k:end], lists)))
    return out


def english_label(span: Span, lists: LabelLists) -> str:
    """LOC when an English name ends in a place word (``Wembley Stadium``) or names a golf course, else ORG.

    A place word inside a name that ends otherwise names something else: a
    radio show (``Desert Island Discs``), a company (``Hotel Group``).
    """
    words = [t.text for t in span if t.is_alpha]
    return "LOC" if words and (words[-1] in lists.english_loc_words or "Golf" in words) else "ORG"


def _initials(words: Sequence[str]) -> str:
    return "".join(unicodedata.normalize("NFD", w[:1])[:1].lower() for w in words)


def original_name_in_brackets(doc: Doc, start: int, name: Span) -> int | None:
    """End of ``name`` in its original spelling from ``start`` to a closing bracket, or None.

    Capitalised words (``of``/``and`` between them), one of them not Latvian-spelt
    or all with the initials of ``name``'s words (``Frančesko Molinari (Francesco
    Molinari)``); an acronym in brackets is a definition (``lvnews_acronyms``).
    """
    k = start
    while k < len(doc) and k - start < MAX_NAME and doc[k].text != ")":
        tok = doc[k]
        if not (tok.text[:1].isupper() or tok.text in ENGLISH_LINKS or tok.text in ("-", "'s")):
            return None
        k += 1
    words = [t for t in doc[start:k] if t.is_alpha or is_hyphenated_name(t)]
    if k == start or k >= len(doc) or doc[k].text != ")" or not words or all(t.text.isupper() for t in words):
        return None
    transliterated = len(words) > 1 and _initials([t.text for t in words]) == _initials(
        [t.text for t in name if t.is_alpha or is_hyphenated_name(t)])
    if not transliterated and not any(is_original_spelling(t.text) for t in words):
        return None
    return k


def bracketed_same_label(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name in its original spelling in brackets right after a name is the same name: it gets that label.

    ``Tereza Meja (Theresa May)``: the guidelines tag the bracketed one
    separately with the first one's type, tagged or not by the model.
    """
    out = list(ents)
    for before in list(out):
        k = before.end
        if before.label_ not in NAME_LABELS or k + 1 >= len(doc) or doc[k].text != "(":
            continue
        end = original_name_in_brackets(doc, k + 1, before)
        if end is None:
            continue
        inside = [e for e in out if e.start < end and k + 1 < e.end]
        if all(e.label_ in RELABELLED and k + 1 <= e.start and e.end <= end for e in inside):
            out = [e for e in out if e not in inside] + [Span(doc, k + 1, end, label=before.label_)]
    return sorted(out, key=lambda e: e.start)


def trimmed(span: Span) -> Span | None:
    """The span without brackets at its edges (``Theresa May)``), None when nothing is left."""
    start, end = span.start, span.end
    while start < end and span.doc[start].text in ("(", ")"):
        start += 1
    while end > start and span.doc[end - 1].text in ("(", ")"):
        end -= 1
    if (start, end) == (span.start, span.end):
        return span
    return Span(span.doc, start, end, label=span.label_) if end > start else None


def replace(ents: list[Span], new: Span) -> list[Span]:
    """``ents`` with ``new`` in place of what it overlaps, when it covers all of that but quote marks.

    ``“Washington Examiner”`` the model tagged as a product becomes the ORG, quotes and all.
    """
    overlapping = [e for e in ents if e.start < new.end and new.start < e.end]
    start = min([new.start, *(e.start for e in overlapping)])
    end = max([new.end, *(e.end for e in overlapping)])
    doc = new.doc
    if all(doc[i].text in OPENING_QUOTES | CLOSING_QUOTES for i in [*range(start, new.start), *range(new.end, end)]):
        return [e for e in ents if e not in overlapping] + [Span(doc, start, end, label=new.label_)]
    return ents


def quoted_organisations(ents: list[Span], lists: LabelLists) -> list[Span]:
    """Quoted names the model took for products that are organisations.

    After an organisation noun (``ziņu aģentūra “X”``, ``kustība “X”``) a
    quoted name is the organisation's; the same quoted name elsewhere in the
    article is the same organisation.
    """
    orgs = set()
    for ent in ents:
        first = ent[0]
        if first.text in OPENING_QUOTES and ent.start > 0:
            before = ent.doc[ent.start - 1]
            if before.pos_ == "NOUN" and before.text.islower() and base_in(before, lists.org_nouns_before_names):
                orgs.add(ent.text.strip("".join(OPENING_QUOTES | CLOSING_QUOTES) + " "))
        if ent.label_ == "ORG":
            orgs.add(ent.text.strip("".join(OPENING_QUOTES | CLOSING_QUOTES) + " "))
    out = []
    for ent in ents:
        quoted = ent[0].text in OPENING_QUOTES or ent[-1].text in CLOSING_QUOTES
        name = ent.text.strip("".join(OPENING_QUOTES | CLOSING_QUOTES) + " ")
        if quoted and ent.label_ in ("PRODUCT", "MISC") and name in orgs:
            ent = Span(ent.doc, ent.start, ent.end, label="ORG")
        out.append(ent)
    return out


def repaired(doc: Doc, lists: LabelLists, dictionary: Dictionary | None = None) -> list[Span]:
    """The document's entities after the rules of the module docstring, in order; with hunspell-lv's
    ``dictionary``, lone given names are persons too (``given_names.py``) and lone place names
    taken for persons places (``place_names.py``)."""
    ents: list[Span] = []
    for ent in filter(None, map(trimmed, doc.ents)):
        parts = [ent] if ent.label_ not in RELABELLED else without_titles(ent)
        for part in parts:
            ents.extend(place_and_quoted_name(part) if part.label_ in RELABELLED else [part])
    ents = hyphenated_people(doc, ents)
    out = []
    for ent in ents:
        if ent.label_ in BY_HEAD:
            ent = cut_after_head(ent, lists)
        if ent.label_ in RELABELLED and listed_organisation(ent, lists):
            ent = Span(doc, ent.start, ent.end, label="ORG")
        elif ent.label_ in BY_HEAD:
            place = place_of_description(ent, lists) if ent.label_ != "PERSON" else None
            label = head_label(ent, lists)
            if place is not None:
                ent = place
            elif label is not None and label != ent.label_:
                ent = Span(doc, ent.start, ent.end, label=label)
            if ent.label_ in ("GPE", "LOC", "MISC") and is_region(ent, lists):
                ent = Span(doc, ent.start, ent.end, label="LOC")
            ent = place_before_phrase(ent, lists)
        if ent is not None:
            out.append(ent)
    listed = {**dict.fromkeys(lists.seats_of_power, "ORG"), **dict.fromkeys(lists.short_state_names, "GPE")}
    for name in names_from_list(doc, listed):
        out = with_seat(out, name)
    taken = {i for e in out for i in range(e.start, e.end)}
    for n, ent in enumerate(out):
        longer = with_head_noun(ent, lists, taken) if ent.label_ in RELABELLED else None
        longer = longer or event_named_after(ent, lists, taken)
        if longer is not None:
            out[n] = longer
            taken.add(longer.end - 1)
    for tok in doc:
        if tok.i not in taken and (tok.text in lists.organisations or is_brand(tok, lists)):
            org = brand_span(doc, tok.i, taken) if is_brand(tok, lists) else Span(doc, tok.i, tok.i + 1, label="ORG")
            out.append(org)
            taken.update(range(org.start, org.end))
    for body in new_named_bodies(doc, lists, taken):
        out = with_owner(out, body)
    out.extend(party_names(doc, {i for e in out for i in range(e.start, e.end)}))
    taken = {i for e in out for i in range(e.start, e.end)}
    out.extend(untagged_regions(doc, lists, taken))
    # English names may replace what the model made of their parts, never a name reaching beyond them.
    protected = {i for e in out if e.label_ not in RELABELLED for i in range(e.start, e.end)}
    for org in [*english_organisations(doc, lists, protected), *quoted_sources(doc, protected)]:
        out = replace(out, org)
    out = quoted_organisations(sorted(out, key=lambda e: e.start), lists)
    out = corrected_times(doc, bracketed_same_label(doc, out))
    if dictionary is None:
        return out
    out = with_place_names(doc, with_given_names(doc, out, dictionary), dictionary)
    return with_repeated_names(doc, out, dictionary)


class EntityLabels(RuleComponent):
    def __init__(self, nlp: Language, name: str = "entity_labels") -> None:
        self.nlp = nlp
        self.name = name
        self.lists = label_lists()

    def __call__(self, doc: Doc) -> Doc:
        ents = repaired(doc, self.lists, pipeline_dictionary(self.nlp))
        if [(e.start, e.end, e.label) for e in ents] != [(e.start, e.end, e.label) for e in doc.ents]:
            doc.ents = ents
        return doc


@Language.factory("lvnews_entity_labels", default_config={})
def make_entity_labels(nlp: Language, name: str) -> EntityLabels:
    return EntityLabels(nlp, name)
