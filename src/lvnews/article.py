"""Article structure and offset-safe cleaning for scraped Latvian news.

A scraped article carries more than its body text::

    Izglītība                          <- rubric (section)
    Ventspils. Publicitātes attēls.    <- photo caption / credit

    Pirmais rindkopas teikums. ...     <- body paragraphs

:func:`split_article` finds those blocks and returns their character offsets
into the text exactly as given; :func:`clean_text` makes a copy fit for the
NLP pipeline (no soft hyphens, zero-width or control characters, plain spaces)
together with an offset table back into the original, so that anything found
in the clean text can be pointed at in the original.  :func:`extract_html`
gets the main text out of an HTML page with trafilatura.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "Block",
    "BLOCK_KINDS",
    "split_article",
    "clean_text",
    "to_original",
    "squeeze_whitespace",
    "Chunk",
    "chunks_of",
    "extract_html",
    "extract_html_metadata",
]

BLOCK_KINDS = frozenset({"section", "caption", "paragraph"})


@dataclass(frozen=True)
class Block:
    """A span ``text[start:end]`` of an article and what it is.

    ``kind`` is ``"section"`` (a one-line rubric at the top), ``"caption"``
    (a photo caption or credit line) or ``"paragraph"`` (body text).  The span
    never begins or ends with whitespace, control or format characters.
    """

    start: int
    end: int
    kind: str


# --------------------------------------------------------------------------
# Lines
# --------------------------------------------------------------------------

# Line breaks: CRLF, LF, CR, and the other separators str.splitlines() knows.
_LINE_BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK_RE = re.compile(r"\r\n|[" + _LINE_BREAK_CHARS + "]")


def _is_blank_char(ch: str) -> bool:
    """Whitespace (NBSP and tabs included), control or format characters."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")


def _lines(text: str) -> list[tuple[int, int] | None]:
    """Each line's span with blank characters stripped; ``None`` for a blank line."""
    bounds = []
    pos = 0
    for m in _LINE_BREAK_RE.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))

    spans: list[tuple[int, int] | None] = []
    for start, end in bounds:
        while start < end and _is_blank_char(text[start]):
            start += 1
        while end > start and _is_blank_char(text[end - 1]):
            end -= 1
        spans.append((start, end) if start < end else None)
    return spans


# --------------------------------------------------------------------------
# Captions and credits
# --------------------------------------------------------------------------

#: Longest line still taken for a caption (a description plus a credit).
MAX_CAPTION_CHARS = 250

# A credit with a value: "Foto: LETA", "Attēls: Shutterstock",
# "Ekrānšāviņš no twitter.com", "Foto/video: ...".
_KEYED_CREDIT = r"""
    (?:
        (?:foto(?:grāfija|grāfijas|attēls)?(?:\s*/\s*video)?|attēls|attēla\s+avots|bilde)
            \s*[:©]\s*\S.{0,100}
      | (?:foto|attēls)\s*[-–—]\s*\S.{0,100}
      | ekrānšāviņš(?:\s+no\s+\S.{0,100}|\s*[:\-–—]\s*\S.{0,100})?
    )
"""
# A fixed credit phrase, optionally with a source: "Publicitātes foto",
# "Publicitātes attēls", "Ilustratīvs attēls", "Autora foto", "Arhīva foto",
# "Publicitātes foto/Shutterstock".
_FIXED_CREDIT = r"""
    (?:publicitātes|ilustratīv(?:s|ais|ā|ie)|autora|arhīva|(?:no\s+)?(?:privātā|personīgā|ģimenes)\s+arhīva)
    \s+(?:foto(?:grāfija|grāfijas|attēls|attēli)?|attēls|attēli|bilde)
    (?:\s*[:/|\-–—]\s*\S.{0,60})?
"""
# The credit is the whole line, or follows a description after a sentence
# end (". "), a dash or bar, or an opening bracket.
_CAPTION_RE = re.compile(
    r"""
    ^(?:.*?(?:[.!?…]["”»’)]?\s+|\s[-–—|/]\s*|[(\[]))?
    (?:""" + _KEYED_CREDIT + "|" + _FIXED_CREDIT + r""")
    [.)\]]?$
    """,
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)


def _is_caption(line: str) -> bool:
    return len(line) <= MAX_CAPTION_CHARS and _CAPTION_RE.match(line) is not None


# --------------------------------------------------------------------------
# Rubrics and paragraph breaks
# --------------------------------------------------------------------------

MAX_SECTION_WORDS = 3
MAX_SECTION_CHARS = 40

_SENTENCE_END = ".!?…"
_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'„“‘«([-–—•*·"


def _is_section(line: str) -> bool:
    """A short rubric line: 1-3 words, capitalized, no final punctuation."""
    words = line.split()
    if not 1 <= len(words) <= MAX_SECTION_WORDS or len(line) > MAX_SECTION_CHARS:
        return False
    if not all(any(ch.isalpha() for ch in w) for w in words):
        return False
    if unicodedata.category(line[-1])[0] not in "LN":  # final punctuation
        return False
    first_letter = next(ch for ch in line if ch.isalpha())
    return first_letter.isupper()


def _starts_lower(line: str) -> bool:
    first_letter = next((ch for ch in line if ch.isalpha()), "")
    return first_letter.islower()


def _new_paragraph(prev: str, nxt: str) -> bool:
    """Do two adjacent lines look like separate paragraphs?

    Yes when ``prev`` ends a sentence and ``nxt`` starts with a capital
    (after any opening quotes, dashes or bullets); otherwise the lines are a
    paragraph wrapped by hand.
    """
    end = prev.rstrip(_CLOSERS)
    if not end or end[-1] not in _SENTENCE_END:
        return False
    start = nxt.lstrip(_OPENERS + " ")
    return bool(start) and start[0].isupper()


def split_article(text: str) -> list[Block]:
    """Split an article into rubric, caption and paragraph blocks.

    Offsets are into ``text`` as given; each ``text[b.start:b.end]`` is the
    block without surrounding whitespace.  Lines are split on ``\\n``,
    ``\\r\\n``, ``\\r`` (and the other Unicode line separators); a line of
    only whitespace, NBSP, control or format characters is blank.

    * ``section``: the first non-blank line, when it is a short rubric
      (1-3 words, capitalized, no final punctuation) followed by a line
      break, and the next line does not continue it in lower case.
    * ``caption``: any line, anywhere, that is a photo credit (``Foto: …``,
      ``Publicitātes foto``, ``Attēls: …``, ``Ekrānšāviņš no …``,
      ``Ilustratīvs attēls``, ``Autora foto``, …) or ends in one
      (``Ventspils. Publicitātes attēls.``); at most
      :data:`MAX_CAPTION_CHARS` characters.
    * ``paragraph``: the rest, split on blank lines; adjacent lines are
      separate paragraphs when the first ends a sentence and the second
      starts with a capital, and one paragraph otherwise.

    The rules are applied to the :func:`clean_text` view of ``text`` and the
    blocks mapped back, so soft hyphens or zero-width characters inside a
    word (``Publi\\u00adcitātes foto``) do not hide a caption.
    """
    clean, offsets = clean_text(text)
    return [
        Block(*to_original(offsets, b.start, b.end), b.kind) for b in _split_lines(clean)
    ]


def _split_lines(text: str) -> list[Block]:
    """:func:`split_article` on text whose line breaks are all ``\\n``."""
    spans = _lines(text)
    blocks: list[Block] = []
    current: list[int] | None = None  # [start, end] of the open paragraph
    prev_index = -2  # line index of the last line added to ``current``
    prev_line = ""
    first = next((i for i, s in enumerate(spans) if s is not None), None)
    if first is None:
        return blocks

    def flush() -> None:
        nonlocal current
        if current is not None:
            blocks.append(Block(current[0], current[1], "paragraph"))
            current = None

    for index, span in enumerate(spans):
        if span is None:
            continue
        start, end = span
        line = text[start:end]
        if _is_caption(line):
            flush()
            blocks.append(Block(start, end, "caption"))
            continue
        if index == first and index + 1 < len(spans) and _is_section(line):
            following = spans[index + 1]
            if following is None or not _starts_lower(text[following[0] : following[1]]):
                blocks.append(Block(start, end, "section"))
                continue
        if (
            current is not None
            and index == prev_index + 1
            and not _new_paragraph(prev_line, line)
        ):
            current[1] = end
        else:
            flush()
            current = [start, end]
        prev_index = index
        prev_line = line
    flush()
    return blocks


# --------------------------------------------------------------------------
# Cleaning with an offset map
# --------------------------------------------------------------------------

#: Removed outright: soft hyphen, zero-width space/non-joiner/joiner,
#: LRM/RLM, bidi embeddings and isolates, word joiner and invisible
#: operators, Mongolian vowel separator, BOM / zero-width no-break space.
REMOVED_CHARS = frozenset(
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
# Every space separator (Zs: NBSP, narrow NBSP, en/em/thin/figure spaces,
# ideographic space, ...) and the tab become a plain space.
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_CONTROLS = "".join(chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if chr(c) != "\n")
_SPECIAL_RE = re.compile(
    "[" + re.escape("".join(sorted(REMOVED_CHARS)) + _SPACES + _CONTROLS + "\u2028\u2029") + "]"
)


def _replacement(text: str, i: int) -> str:
    """What ``text[i]`` (a character _SPECIAL_RE matched) becomes."""
    ch = text[i]
    if ch in REMOVED_CHARS:
        return ""
    if ch == "\r":
        # CR LF -> LF (the CR goes); a lone CR is a line break of its own.
        return "" if text[i + 1 : i + 2] == "\n" else "\n"
    if ch in _LINE_BREAK_CHARS:
        return "\n"
    return " "  # spaces, tab, other control characters


def clean_text(text: str) -> tuple[str, list[int]]:
    """Clean ``text`` for the NLP pipeline, keeping a map back to ``text``.

    * NBSP (U+00A0), narrow NBSP (U+202F), every other Unicode space
      separator and the tab become ``' '``;
    * soft hyphens (U+00AD) and zero-width/format characters (U+200B,
      U+200C, U+200D, U+2060, U+FEFF, bidi marks; see
      :data:`REMOVED_CHARS`) are removed, so ``ska\\u00adla`` is ``skala``;
    * line breaks are normalized to ``\\n``: CRLF loses its CR, a lone CR,
      U+2028/U+2029, VT, FF, U+0085 and U+001C-U+001E become ``\\n`` (so
      :func:`split_article` sees the same lines in both texts);
    * any other control character becomes ``' '``.

    No character is ever replaced by more than one, so the returned
    ``offsets`` has ``len(clean) + 1`` entries, ``offsets[i]`` being the
    index in ``text`` of ``clean[i]`` and ``offsets[-1] == len(text)``; it is
    strictly increasing.  A span ``[s, e)`` of ``clean`` maps to
    ``[offsets[s], offsets[e - 1] + 1)`` of ``text``; see :func:`to_original`.
    Unicode normalization (NFC) is *not* applied: it would merge characters.
    """
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _SPECIAL_RE.finditer(text):
        i = m.start()
        if i > pos:
            parts.append(text[pos:i])
            offsets.extend(range(pos, i))
        rep = _replacement(text, i)
        if rep:
            parts.append(rep)
            offsets.append(i)
        pos = i + 1
    parts.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    offsets.append(len(text))
    return "".join(parts), offsets


def to_original(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map the span ``[start, end)`` of a clean text back to the original.

    ``offsets`` is the list :func:`clean_text` returned.  A non-empty span
    maps to ``(offsets[start], offsets[end - 1] + 1)``, which covers the
    characters that were removed inside it but none removed at its edges; an
    empty span maps to the empty span at ``offsets[start]``.
    """
    if not 0 <= start <= end < len(offsets):
        raise ValueError(f"span [{start}, {end}) is outside a clean text of length {len(offsets) - 1}")
    if start == end:
        return offsets[start], offsets[start]
    return offsets[start], offsets[end - 1] + 1


_WORD_RE = re.compile(r"\S+")


def squeeze_whitespace(clean: str, offsets: list[int]) -> tuple[str, list[int]]:
    """One plain space for every run of whitespace in ``clean``, none at its ends.

    The tagger and parser were trained on single-spaced sentences, and spaCy makes
    every further space or line break a whitespace token of its own: a hard-wrapped
    line would put a token into the middle of a dependency tree that the records then
    have to skip. ``offsets`` (from :func:`clean_text`) is composed, so the result maps
    back to the original text the same way (:func:`to_original`).
    """
    words = [m.span() for m in _WORD_RE.finditer(clean)]
    parts: list[str] = []
    out: list[int] = []
    for k, (start, end) in enumerate(words):
        if k:  # the space stands for the run's first character
            parts.append(" ")
            out.append(offsets[words[k - 1][1]])
        parts.append(clean[start:end])
        out.extend(offsets[start:end])
    out.append(offsets[words[-1][1]] if words else offsets[0])
    return "".join(parts), out


# A "paragraph" longer than this (a text with no blank lines, or no spaces at all)
# is cut at a sentence end, so spaCy's memory stays bounded.
MAX_CHUNK = 20_000


@dataclass(frozen=True)
class Chunk:
    """A piece of body text as handed to the pipeline, with its way back.

    ``text[i]`` stands for ``article_text[start + offsets[i]]``.
    """

    start: int
    offsets: list[int]
    text: str

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of :attr:`text` as offsets into the article's text."""
        s, e = to_original(self.offsets, start, end)
        return self.start + s, self.start + e


def chunks_of(text: str, block: Block) -> list[Chunk]:
    """Cleaned, single-spaced pieces of a paragraph block, cut at sentence ends when too long."""
    raw = text[block.start : block.end]
    chunks = []
    pos = 0
    while pos < len(raw):
        end = min(len(raw), pos + MAX_CHUNK)
        if end < len(raw):
            cut = max(raw.rfind(". ", pos, end), raw.rfind("\n", pos, end))
            if cut <= pos:
                cut = raw.rfind(" ", pos, end)
            end = cut + 1 if cut > pos else end
        clean, offsets = squeeze_whitespace(*clean_text(raw[pos:end]))
        if clean:
            chunks.append(Chunk(start=block.start + pos, offsets=offsets, text=clean))
        pos = end
    return chunks


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

_INLINE_SPACE_RE = re.compile(r"[ \t\r\f\v]+")

# trafilatura's XML: elements that make a paragraph of their own, and
# elements whose whitespace-only text is the pretty-printer's indentation.
_TRAF_BLOCKS = frozenset({"p", "head", "item", "quote", "row", "code", "list", "table"})
_TRAF_CONTAINERS = frozenset({"main", "list", "table", "row", "quote"})


def _normalize_paragraphs(raw: list[str]) -> str:
    """Collapse spaces inside each paragraph, drop empty ones, join with blank lines."""
    paragraphs = []
    for chunk in raw:
        lines = [_INLINE_SPACE_RE.sub(" ", line).strip() for line in chunk.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _render_trafilatura(main) -> list[str]:
    """Paragraph strings from trafilatura's ``<main>`` element.

    ``<lb/>`` is a line break inside a paragraph; table cells of a row are
    joined with `` | ``.
    """
    out: list[str] = []
    buf: list[str] = []

    def close() -> None:
        if "".join(buf).strip():
            out.append("".join(buf))
        buf.clear()

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "lb":
            buf.append("\n")
            return
        block = tag in _TRAF_BLOCKS
        container = tag in _TRAF_CONTAINERS
        if block:
            close()
        if tag == "cell" and "".join(buf).strip():
            buf.append(" | ")
        if el.text and not (container and el.text.isspace()):
            buf.append(el.text)
        for child in el:
            walk(child)
            if child.tail and not (container and child.tail.isspace()):
                buf.append(child.tail)
        if block:
            close()

    walk(main)
    close()
    return out


def _same_title(heading: str, title: str) -> bool:
    heading = " ".join(heading.split()).casefold()
    title = " ".join(title.split()).casefold()
    return bool(heading) and (heading == title or title.startswith(heading))


def _extract_with_trafilatura(html: str) -> str:
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(
        html,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
    )
    if not xml:
        return ""
    doc = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(recover=True, resolve_entities=False))
    if doc is None:
        return ""
    main = doc.find("main")
    if main is None:
        return ""
    # The page title comes first as <head rend="h1">; return the body only.
    title = doc.get("title") or ""
    children = list(main)
    if (
        title
        and children
        and not (main.text or "").strip()
        and children[0].tag == "head"
        and _same_title("".join(children[0].itertext()), title)
    ):
        # Body text right after the heading, outside any element, is the heading's
        # tail, and lxml's remove() takes the tail with the element.
        main.text = children[0].tail
        main.remove(children[0])
    return _normalize_paragraphs(_render_trafilatura(main))


# Fallback: tags whose content is never shown, and tags that are boilerplate
# by HTML semantics (tried without them first).
_INVISIBLE_TAGS = (
    "head", "script", "style", "noscript", "template", "svg", "math",
    "iframe", "object", "embed", "canvas", "select", "option", "button",
)
_BOILERPLATE_TAGS = ("nav", "header", "footer", "aside", "form", "dialog")
_HTML_BLOCK_TAGS = frozenset(
    """address article aside blockquote body caption dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html
    legend li main nav ol p pre section summary table tbody tfoot thead tr ul""".split()
)


def _parse_html(html: str):
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.document_fromstring(html)
    except ValueError:  # a str with an XML encoding declaration
        parser = lxml.html.HTMLParser(encoding="utf-8")
        try:
            return lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
        except (etree.ParserError, ValueError):
            return None
    except etree.ParserError:  # empty document
        return None


def _is_hidden(el) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _visible_text(root, drop_boilerplate: bool) -> str:
    out: list[str] = []
    buf: list[str] = []
    skip = set(_INVISIBLE_TAGS) | (set(_BOILERPLATE_TAGS) if drop_boilerplate else set())

    def close() -> None:
        if buf:
            out.append("".join(buf))
            buf.clear()

    def walk(el) -> None:
        if not isinstance(el.tag, str):  # comments, processing instructions
            return
        tag = el.tag.lower()
        if tag in skip or _is_hidden(el):
            return
        if tag == "br":
            buf.append("\n")
            return
        block = tag in _HTML_BLOCK_TAGS
        if block:
            close()
        elif tag in ("td", "th"):
            buf.append(" ")
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                buf.append(child.tail)
        if block:
            close()

    walk(root)
    close()
    return _normalize_paragraphs(out)


def _extract_with_lxml(html: str) -> str:
    """The visible text of ``html``, for when trafilatura finds no main text.

    trafilatura's own fallbacks do not do this (checked with trafilatura 2.3.1).
    ``trafilatura.extract`` runs them itself (readability, jusText, then
    ``baseline``: ``fast=False`` is the default), and where it returns nothing,
    ``trafilatura.baseline`` and ``trafilatura.html2txt`` return ``""`` for the
    same string: their loader takes a fragment or plain text for something
    other than HTML (no ``html`` in its first 50 characters, and parsed to an
    element with fewer than two children, as ``<p>…</p>`` is), and their
    ``basic_cleaning`` removes a page's only text when it is in ``footer`` or
    ``aside``.  Handed lxml's tree instead, all three keep hidden elements;
    ``html2txt`` returns one line (no paragraphs, no ``<br>``), ``baseline``
    breaks a line at every inline tag, and ``extract`` drops text (short tables)
    and merges paragraphs of input that is already only the article.
    """
    root = _parse_html(html)
    if root is None:
        return ""
    return _visible_text(root, drop_boilerplate=True) or _visible_text(root, drop_boilerplate=False)


def extract_html(html: str) -> str:
    """The main text of an HTML page, paragraphs separated by blank lines.

    trafilatura finds the article body (menus, footers, sidebars and
    comments left out); the page title is not included: see
    :func:`extract_html_metadata`.  When trafilatura finds nothing, the
    page's visible text is taken with lxml instead (scripts, styles, hidden
    elements and, if anything else is left, ``nav``/``header``/``footer``/
    ``aside``/``form`` dropped).  Returns ``""`` for a page with no text.
    """
    if not html or not html.strip():
        return ""
    text = _extract_with_trafilatura(html)
    if not text:
        text = _extract_with_lxml(html)
    return text


_METADATA_FIELDS = ("title", "date", "url", "author", "sitename", "description")


def extract_html_metadata(html: str) -> dict[str, str]:
    """Page metadata found by trafilatura: any of ``title``, ``date``
    (ISO ``YYYY-MM-DD``), ``url``, ``author``, ``sitename``, ``description``.

    Only the fields that were found are present.
    """
    if not html or not html.strip():
        return {}
    import trafilatura

    meta = trafilatura.extract_metadata(html)
    if meta is None:
        return {}
    found: dict[str, str] = {}
    for name in _METADATA_FIELDS:
        value = getattr(meta, name, None)
        if isinstance(value, str) and value.strip():
            found[name] = value.strip()
    return found
