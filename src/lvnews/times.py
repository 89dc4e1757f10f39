"""Latvian time expressions -> ISO 8601 values (contract: "Normalised values").

A news article dates what it reports in a handful of ways: absolute dates
(``2019. gada 15. martā``, ``15.03.2019``), partial ones (``1991. gada
augustā``, ``2016. gadā``, ``15. decembrī``) and words relative to the day the
article came out (``vakar``, ``pērn``, ``pagājušajā nedēļā``, ``piektdien``).
:func:`find_times` finds them in raw text with regular expressions over the
inflected forms, so it works whether or not NER tagged them, and resolves
relative and year-less ones against ``published``; without it they are kept
with ``value`` null. All functions here are pure: the analyzer calls them with
the article text and its metadata.

Values: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an ISO week ``YYYY-Www``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable, Iterable, Mapping

from .numbers import MONTH_STEMS
from .records import TimeExpression

__all__ = ["find_times", "published_date", "value_at", "time_value", "TimeExpression"]

# Month stems (``numbers.MONTH_STEMS``); the endings cover both declensions
# (``marts``/``martā``, ``decembris``/``decembrī``) and every case.
_MONTH_STEMS = MONTH_STEMS
_MONTH_ABBREVIATIONS = ("janv", "febr", "mart", "apr", "maij", "jūn", "jūl", "aug", "sept", "okt", "nov", "dec")
_MONTH_ENDINGS = r"(?:is|im|am|a|i|ī|s|u|ā)"
_MONTH = (r"(?P<month>(?:%s)%s|(?:%s)\.)"
          % ("|".join(_MONTH_STEMS), _MONTH_ENDINGS, "|".join(_MONTH_ABBREVIATIONS)))
# A month on its own only in the locative (``martā``): other forms are also
# given names (Marta, Maija, Augusts).
_MONTH_LOCATIVE = r"(?P<month>(?:%s)[āī])" % "|".join(_MONTH_STEMS)
_YEAR = r"(?P<year>[12][0-9]{3})\.\s?"
_GADA = r"(?:gada|g\.)\s+"
_DAY = r"(?P<day>[0-3]?[0-9])\.\s?"
# ``šā gada``, ``pagājušā gada``, ``nākamā gada``: a year relative to publication.
_RELATIVE_YEAR = r"(?P<rel>šā|šī|pagājušā|pērnā|aizpagājušā|nākamā|nākošā)\s+gada\s+"
_RELATIVE_UNIT = (r"(?P<rel>aizpagājuš\w*|pagājuš\w*|pērn\w+|iepriekšēj\w*|nākam\w*|nākoš\w*|šaj[āī]|šo|šī|šā)\s+"
                  r"(?P<unit>nedēļ(?:ā|u|as|a)|mēnes(?:ī|i|is|a)|gad(?:ā|u|a|s))")
_WEEKDAYS = ("pirmdien", "otrdien", "trešdien", "ceturtdien", "piektdien", "sestdien", "svētdien")
# ``piektdienās`` (on Fridays) is habitual, not a date: only singular forms.
_WEEKDAY = (r"(?:(?P<rel>pagājuš\w*|iepriekšēj\w*|nākam\w*|nākoš\w*|šaj[āī]|šo)\s+)?"
            r"(?P<weekday>%s)(?:ā|a|u|as|ai)?" % "|".join(_WEEKDAYS))

# Words relative to the day of publication: days, years, weeks, months.
_RELATIVE_DAYS = {"šodien": 0, "tagad": 0, "pašlaik": 0, "pašreiz": 0, "šobrīd": 0, "patlaban": 0,
                  "vakar": -1, "aizvakar": -2, "rīt": 1, "parīt": 2}
_RELATIVE_YEARS = {"šogad": 0, "pērn": -1, "aizpērn": -2, "nākamgad": 1, "aiznākamgad": 2}
_RELATIVE_WEEKS = {"šonedēļ": 0}
_RELATIVE_MONTHS = {"šomēnes": 0}
# Time words that name no day that can be computed: kept, value null.
_VAGUE = ("nesen", "toreiz", "tobrīd", "agrāk", "drīzumā")
_RELATIVE_WORDS = (*_RELATIVE_DAYS, *_RELATIVE_YEARS, *_RELATIVE_WEEKS, *_RELATIVE_MONTHS, *_VAGUE)


def _word(pattern: str) -> re.Pattern[str]:
    """A pattern that starts and ends at word boundaries (Latvian letters are ``\\w``)."""
    return re.compile(r"(?<!\w)(?:%s)(?!\w)" % pattern, re.IGNORECASE)


def _month(text: str) -> int:
    low = text.lower()
    for n, stem in enumerate(_MONTH_STEMS, 1):
        if re.match(stem, low):
            return n
    for n, abbr in enumerate(_MONTH_ABBREVIATIONS, 1):
        if low.startswith(abbr):
            return n
    raise ValueError(text)


def _shift(published: dt.date, text: str) -> int:
    """-1 for ``pagājušā``, +1 for ``nākamā``, 0 for ``šā``; -2 for ``aizpagājušā``."""
    low = text.lower()
    if low.startswith("aizpagājuš"):
        return -2
    if low.startswith(("pagājuš", "pērn", "iepriekšēj")):
        return -1
    if low.startswith(("nākam", "nākoš")):
        return 1
    return 0


def _ymd(year: int, month: int, day: int | None = None) -> str | None:
    try:
        return dt.date(year, month, day).isoformat() if day else dt.date(year, month, 1).isoformat()[:7]
    except ValueError:
        return None  # ``31. februārī``: not a date


def _week(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _month_shift(day: dt.date, months: int) -> str:
    n = day.year * 12 + day.month - 1 + months
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


Resolver = Callable[[re.Match[str], "dt.date | None"], "str | None"]


def _full(m: re.Match[str], published: dt.date | None) -> str | None:
    return _ymd(int(m["year"]), _month(m["month"]), int(m["day"]))


def _year_month(m: re.Match[str], published: dt.date | None) -> str | None:
    return _ymd(int(m["year"]), _month(m["month"]))


def _relative_year_date(m: re.Match[str], published: dt.date | None) -> str | None:
    if published is None:
        return None
    year = published.year + _shift(published, m["rel"])
    return _ymd(year, _month(m["month"]), int(m["day"]) if m["day"] else None)


def _day_month(m: re.Match[str], published: dt.date | None) -> str | None:
    return _ymd(published.year, _month(m["month"]), int(m["day"])) if published else None


def _month_only(m: re.Match[str], published: dt.date | None) -> str | None:
    return _ymd(published.year, _month(m["month"])) if published else None


def _year(m: re.Match[str], published: dt.date | None) -> str | None:
    return m["year"]


def _numeric(m: re.Match[str], published: dt.date | None) -> str | None:
    return _ymd(int(m["year"]), int(m["month"]), int(m["day"]))


def _relative_unit(m: re.Match[str], published: dt.date | None) -> str | None:
    if published is None:
        return None
    shift, unit = _shift(published, m["rel"]), m["unit"].lower()
    if unit.startswith("nedēļ"):
        return _week(published + dt.timedelta(weeks=shift))
    if unit.startswith("mēnes"):
        return _month_shift(published, shift)
    return str(published.year + shift)


def _weekday(m: re.Match[str], published: dt.date | None) -> str | None:
    """A weekday alone is the latest such day up to publication (news reports
    what happened); with ``nākamajā``/``pagājušajā``/``šajā`` it is that day
    of the next, previous or current ISO week."""
    if published is None:
        return None
    wanted = _WEEKDAYS.index(m["weekday"].lower())
    if m["rel"] is None:
        return (published - dt.timedelta(days=(published.weekday() - wanted) % 7)).isoformat()
    monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=_shift(published, m["rel"]))
    return (monday + dt.timedelta(days=wanted)).isoformat()


def _relative_word(m: re.Match[str], published: dt.date | None) -> str | None:
    word = m.group(0).lower()
    if published is None or word in _VAGUE:
        return None
    if word in _RELATIVE_DAYS:
        return (published + dt.timedelta(days=_RELATIVE_DAYS[word])).isoformat()
    if word in _RELATIVE_YEARS:
        return str(published.year + _RELATIVE_YEARS[word])
    if word in _RELATIVE_WEEKS:
        return _week(published)
    return _month_shift(published, _RELATIVE_MONTHS[word])


# Longer expressions first: where two overlap, the one listed earlier wins.
_PATTERNS: tuple[tuple[re.Pattern[str], Resolver], ...] = (
    (_word(_YEAR + _GADA + _DAY + _MONTH), _full),
    (_word(r"(?P<day>[0-3]?[0-9])\.\s?(?P<month>[01]?[0-9])\.\s?(?P<year>[12][0-9]{3})\.?"), _numeric),
    (_word(r"(?P<year>[12][0-9]{3})-(?P<month>[01][0-9])-(?P<day>[0-3][0-9])"), _numeric),
    (_word(_RELATIVE_YEAR + r"(?:" + _DAY + r")?" + _MONTH), _relative_year_date),
    (_word(_YEAR + _GADA + _MONTH), _year_month),
    (_word(_DAY + _MONTH), _day_month),
    (_word(_YEAR + r"(?:gad(?:s|a|am|u|ā)|g\.)"), _year),
    (_word(_RELATIVE_UNIT), _relative_unit),
    (_word(_WEEKDAY), _weekday),
    (_word(_MONTH_LOCATIVE), _month_only),
    (_word("|".join(_RELATIVE_WORDS)), _relative_word),
)


def find_times(text: str, published: dt.date | None = None) -> list[TimeExpression]:
    """Every time expression of ``text``, in text order, with its ISO value.

    Relative and year-less expressions resolve against ``published``; without
    it their ``value`` is None (the expression is still listed).
    """
    found: list[tuple[int, int, str | None]] = []
    taken: list[tuple[int, int]] = []
    for pattern, resolve in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append((start, end, resolve(m, published)))
    found.sort()
    return [TimeExpression(text=text[s:e], start=s, end=e, value=v) for s, e, v in found]


def value_at(times: Iterable[TimeExpression], start: int, end: int) -> str | None:
    """The value of the time expression covering ``text[start:end]``.

    NER and the fact rules delimit a date their own way (``2016. gadā`` vs
    ``2016. gada 15. martā``): the longest expression overlapping the span
    is the one it stands for.
    """
    best: TimeExpression | None = None
    for t in times:
        if t.start < end and start < t.end and (best is None or t.end - t.start > best.end - best.start):
            best = t
    return best.value if best else None


def time_value(text: str, published: dt.date | None = None) -> str | None:
    """The value of a time expression given on its own (a fact's ``date``)."""
    return value_at(find_times(text, published), 0, len(text))


_RE_ISO_DATE = re.compile(r"([12][0-9]{3})-([01][0-9])-([0-3][0-9])")
_RE_DOTTED_DATE = re.compile(r"([0-3]?[0-9])\.\s?([01]?[0-9])\.\s?([12][0-9]{3})")


def parse_date(value: object) -> dt.date | None:
    """A date from a metadata value: a ``date``/``datetime``, ISO text
    (``2026-11-29``, ``2026-11-29T10:00:00+02:00``), ``29.11.2026`` or a
    Latvian date (``2026. gada 29. novembrī``)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    for pattern, order in ((_RE_ISO_DATE, (0, 1, 2)), (_RE_DOTTED_DATE, (2, 1, 0))):
        m = pattern.search(value)
        if m:
            y, mo, d = (int(m.group(k + 1)) for k in order)
            try:
                return dt.date(y, mo, d)
            except ValueError:
                continue
    full = time_value(value)
    if full and len(full) == 10:
        return dt.date.fromisoformat(full)
    return None


def published_date(metadata: Mapping[str, object] | None) -> dt.date | None:
    """The article's date from its metadata: ``published``, else ``date``
    (what ``extract_html_metadata`` gives for an HTML page)."""
    for key in ("published", "date"):
        if metadata and metadata.get(key) is not None:
            found = parse_date(metadata[key])
            if found is not None:
                return found
    return None
