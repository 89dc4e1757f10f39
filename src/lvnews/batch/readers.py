"""Reading archives lazily: directories, text and HTML files, JSONL, CSV/TSV, their
``.gz`` variants and stdin, one file, line or row at a time, so a 2 GB file is streamed.

An input that cannot be read becomes a :class:`Task` that already carries its
error, so one bad article never stops a run.

Ids: a file's id is its path relative to a base directory (where annotate was
first run for this output), whatever way the path was typed (``./news.jsonl``,
``news.jsonl``, an absolute path) and however many inputs there are; a line's
id is ``<file id>:<line>`` when the record has none. ``--resume`` skips by id, so
an id that changed with the spelling of a path would redo everything.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Mapping, Sequence

from ..inputs import coerce_text
from .outcomes import Task, error_message

DOCUMENT_FORMATS = {".txt": "text", ".html": "html", ".htm": "html"}
TABLE_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv"}


@dataclass(frozen=True)
class Source:
    """One input file, or stdin (``path`` None), and how to read it."""

    path: Path | None
    ident: str  # id of a document; prefix of line ids ("news.jsonl:17")
    fmt: str  # text, html, jsonl, csv, tsv; "" for stdin: sniffed
    gz: bool
    size: int


def format_of(name: str) -> tuple[str, bool]:
    """(format, gzipped) from a file name; unknown suffixes are plain text."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    suffix = os.path.splitext(lower.removesuffix(".gz"))[1]
    return DOCUMENT_FORMATS.get(suffix) or TABLE_FORMATS.get(suffix) or "text", gz


def path_id(path: str | Path, base: str | Path | None = None) -> str:
    """The id of a file: its path relative to ``base`` (default: the current
    directory), or its absolute path when it lies outside; ``.``, ``..`` and
    repeated slashes are normalized away. Symlinks are not followed: a link is
    a file of its own in an archive."""
    full = Path(os.path.abspath(path))
    root = Path(os.path.abspath(base if base is not None else os.getcwd()))
    return (full.relative_to(root) if full.is_relative_to(root) else full).as_posix()


def _walk(root: Path) -> Iterator[Path]:
    """Text and HTML files (and their .gz) under ``root``, sorted, without listing the tree first."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if os.path.splitext(name.lower().removesuffix(".gz"))[1] in DOCUMENT_FORMATS:
                yield Path(dirpath) / name


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def iter_sources(inputs: Sequence[str], base: str | Path | None = None) -> Iterator[Source]:
    """The files behind the inputs, in order, each named by :func:`path_id`."""
    for name in inputs:
        if name == "-":
            yield Source(None, "stdin", "", False, 0)
            continue
        path = Path(name)
        files = _walk(path) if path.is_dir() else [path]
        for file in files:
            yield Source(file, path_id(file, base), *format_of(file.name), _size(file))


def check_inputs(inputs: Sequence[str]) -> None:
    """Refuse missing inputs before any work starts (a usage error, not a bad article)."""
    if list(inputs).count("-") > 1:
        raise ValueError("'-' (stdin) can be given once")
    missing = [name for name in inputs if name != "-" and not Path(name).exists()]
    if missing:
        raise FileNotFoundError(f"no such input: {', '.join(missing)}")


def input_size(inputs: Sequence[str]) -> int | None:
    """Total bytes of the inputs (for the ETA); None when stdin is one of them."""
    if "-" in inputs:
        return None
    return sum(source.size for source in iter_sources(inputs))


def iter_tasks(inputs: Sequence[str], id_field: str = "id", text_field: str = "text",
               stdin: BinaryIO | None = None, base: str | Path | None = None) -> Iterator[Task]:
    """Tasks from every input in order, read lazily: one file, one line or one
    row at a time. Unreadable inputs become error tasks."""
    offset = 0
    for source in iter_sources(inputs, base):
        yield from _source_tasks(source, (id_field, text_field), offset, stdin)
        offset += source.size


def skip_done(tasks: Iterable[Task], done: Counter, skipped: list[int]) -> Iterator[Task]:
    """Drop tasks whose id is already written (``--resume``); a Counter, so a
    repeated id is skipped as many times as it was written. ``skipped[0]`` counts."""
    for task in tasks:
        if done[task.id] > 0:
            done[task.id] -= 1
            skipped[0] += 1
            continue
        yield task


def _failed(ident: str | None, exc: BaseException, position: int = 0, text: Any = "",
            metadata: dict | None = None) -> Task:
    return Task(ident, text, metadata or {}, error=error_message(exc), position=position)


def _source_tasks(source: Source, fields: tuple[str, str], offset: int,
                  stdin: BinaryIO | None) -> Iterator[Task]:
    try:
        with contextlib.ExitStack() as stack:
            if source.path is None:
                raw = stdin or sys.stdin.buffer
            else:
                raw = stack.enter_context(open(source.path, "rb"))
            stream = _gunzip(raw, source, stack)
            fmt = source.fmt or _sniff(stream)

            def position() -> int:
                return offset + _tell(raw)

            if not stream.peek(1):
                yield _failed(source.ident, ValueError("empty file"), offset + source.size)
            elif fmt in ("text", "html"):
                yield _document_task(stream.read(), source.ident, fmt == "html", position())
            elif fmt == "jsonl":
                yield from _jsonl_tasks(stream, source.ident, fields, position)
            else:
                yield from _csv_tasks(stream, source.ident, "\t" if fmt == "tsv" else ",", fields, position)
    except Exception as exc:  # noqa: BLE001 - unreadable file, truncated .gz: a record, then the next input
        yield _failed(source.ident, exc, offset + source.size)


def _gunzip(raw: BinaryIO, source: Source, stack: contextlib.ExitStack) -> Any:
    gz = source.gz or (source.path is None and raw.peek(2)[:2] == b"\x1f\x8b")
    return stack.enter_context(gzip.GzipFile(fileobj=raw, mode="rb")) if gz else raw


def _sniff(stream: Any) -> str:
    """stdin's format from its first bytes: JSONL, HTML or one plain text."""
    head = stream.peek(256).lstrip()[:1]
    return "jsonl" if head == b"{" else "html" if head == b"<" else "text"


def _tell(raw: BinaryIO) -> int:
    try:
        return raw.tell()
    except (OSError, ValueError):  # pipes
        return 0


def _document_task(data: bytes, ident: str, html: bool, position: int) -> Task:
    try:
        return Task(ident, coerce_text(data), {}, html=html, position=position)
    except ValueError as exc:
        return _failed(ident, exc, position)


def _record_task(obj: Mapping[str, Any], default_id: str, fields: tuple[str, str], position: int) -> Task:
    """A JSONL object or CSV row: id and text from their fields, the rest is metadata."""
    id_field, text_field = fields
    raw_id = obj.get(id_field)
    ident = default_id if raw_id is None or raw_id == "" else str(raw_id)
    metadata = {k: v for k, v in obj.items() if k not in fields}
    if text_field not in obj:
        return _failed(ident, ValueError(f"no {text_field!r} field"), position, metadata=metadata)
    return Task(ident, obj[text_field], metadata, position=position)


def _jsonl_tasks(stream: BinaryIO, source: str, fields: tuple[str, str],
                 position: Callable[[], int]) -> Iterator[Task]:
    for lineno, raw in enumerate(stream, 1):
        if raw.strip():
            yield _jsonl_task(raw, lineno, source, fields, position())


def _jsonl_task(raw: bytes, lineno: int, source: str, fields: tuple[str, str], position: int) -> Task:
    ident = f"{source}:{lineno}"
    try:
        line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
    except UnicodeDecodeError as err:
        return _failed(ident, ValueError(f"line {lineno} is not valid UTF-8 (byte {err.start})"), position)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return _failed(ident, exc, position)
    if not isinstance(obj, dict):
        return _failed(ident, TypeError(f"line {lineno} is a JSON {type(obj).__name__}, not an object"), position)
    return _record_task(obj, ident, fields, position)


def _csv_tasks(stream: BinaryIO, source: str, delimiter: str, fields: tuple[str, str],
               position: Callable[[], int]) -> Iterator[Task]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article texts are longer than csv's 128 KB default
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = csv.reader(text, delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        return
    if fields[1] not in header:
        yield _failed(source, ValueError(f"no {fields[1]!r} column in the header ({', '.join(header)})"),
                      position())
        return
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _failed(f"{source}:{line}", exc, position())
            continue
        if row:
            yield _row_task(row, header, f"{source}:{line}", fields, position())


def _row_task(row: list[str], header: list[str], ident: str, fields: tuple[str, str], position: int) -> Task:
    if len(row) != len(header):
        return _failed(ident, ValueError(f"row has {len(row)} fields, the header {len(header)}"), position)
    try:
        "".join(row).encode("utf-8")
    except UnicodeEncodeError:  # bytes that were not UTF-8, kept as surrogate escapes
        return _failed(ident, ValueError("row is not valid UTF-8"), position)
    return _record_task(dict(zip(header, row)), ident, fields, position)
