"""Writing records so that a kill tears at most the last one, and resuming safely.

Each record goes out whole in one write and is flushed. Beside OUT a manifest
(``OUT.manifest.json``) says what wrote it: format, errors file, inputs, the
id base directory, fields, language option, model, pipeline and lvnews version.
``--resume`` checks it before touching anything: a run that would write other
records (another format, model, pipeline ...) is refused with a message; other
inputs are fine, since ids do not depend on them (see ``readers.path_id``).
Only then are OUT and ERR scanned, and only a torn last record is ever cut.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

MANIFEST_SUFFIX = ".manifest.json"
# What must be the same for appended records to belong with the ones already written.
MUST_MATCH = ("format", "errors", "id_field", "text_field", "force_language", "backend", "model", "pipeline",
              "lvnews_version")


class ResumeError(ValueError):
    """``--resume`` would lose, duplicate or mix records: nothing was touched."""


class RecordWriter:
    """Appends records, each in one write and flushed at once: a kill can tear
    only the last one. ``-`` is stdout."""

    def __init__(self, path: str, append: bool = False) -> None:
        self.path = path
        if path == "-":
            self._file: Any = sys.stdout.buffer
        else:
            self._file = open(path, "ab" if append else "wb", buffering=0)

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = self._file.write(view)
            view = view[written if written is not None else 0:]
        if self.path == "-":
            self._file.flush()

    def close(self) -> None:
        if self.path == "-":
            self._file.flush()
            return
        with contextlib.suppress(OSError):
            os.fsync(self._file.fileno())
        self._file.close()


# ---------------------------------------------------------------------------
# The manifest
# ---------------------------------------------------------------------------

def manifest_path(output: str | Path) -> Path:
    return Path(f"{output}{MANIFEST_SUFFIX}")


def write_manifest(output: str, manifest: dict[str, Any]) -> None:
    """Write the manifest atomically (a kill leaves the old one or the new one)."""
    path = manifest_path(output)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(partial, path)


def _has_records(path: str | Path | None) -> bool:
    return path is not None and Path(path).exists() and Path(path).stat().st_size > 0


def check_resume(output: str, errors: str | None, wanted: dict[str, Any]) -> dict[str, Any]:
    """The manifest to resume under (its ``base`` decides the ids), or :class:`ResumeError`.

    Without a manifest, only an empty OUT (and ERR) may be resumed: anything
    else was written by another program or an older lvnews, and its format
    and ids cannot be trusted.
    """
    path = manifest_path(output)
    if not path.exists():
        if _has_records(output) or _has_records(errors):
            raise ResumeError(f"cannot resume {output}: it has no manifest ({path.name}), so what wrote it is "
                              "unknown; run without --resume to start over, or choose another -o")
        return wanted
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResumeError(f"cannot resume {output}: its manifest {path} is unreadable ({exc})") from None
    differ = [f"{key}: {found.get(key)!r} in {path.name}, {wanted[key]!r} now"
              for key in MUST_MATCH if found.get(key) != wanted[key]]
    if differ:
        raise ResumeError(f"cannot resume {output}: this run would write other records than the run that "
                          f"wrote it ({'; '.join(differ)}); rerun with the same options, or choose another -o")
    return {**wanted, "base": found.get("base", wanted["base"])}


# ---------------------------------------------------------------------------
# Scanning what a previous run wrote
# ---------------------------------------------------------------------------

_JSONL_ID = re.compile(rb'^\{"id":(null|"(?:[^"\\]|\\.)*")')


def _jsonl_id(line: bytes) -> tuple[bool, str | None]:
    """(whole record?, its id). Our lines start with ``{"id":``, so the id is read
    without parsing a whole (possibly large) record."""
    if not line.endswith(b"}\n"):
        return False, None
    match = _JSONL_ID.match(line)
    if match:
        return True, json.loads(match.group(1))
    try:
        obj = json.loads(line)
    except ValueError:
        return False, None
    return isinstance(obj, dict), obj.get("id") if isinstance(obj, dict) else None


Scan = tuple[Counter, int | None]  # ids written, and where a torn tail starts (None: none)


def scan_jsonl(path: str | Path) -> Scan:
    """Ids of the records in a JSONL file, and where a torn last line (the
    process was killed mid-write) starts. A line that is not a record anywhere
    but last means this is not our output: :class:`ResumeError`."""
    done: Counter = Counter()
    path = Path(path)
    if not path.exists():
        return done, None
    pos, torn_at = 0, None
    with open(path, "rb") as f:
        for lineno, line in enumerate(f, 1):
            if torn_at is not None:
                raise ResumeError(f"cannot resume: {path} line {lineno - 1} is not a record, and it is not the "
                                  "last line, so this is not a torn output; nothing was changed")
            whole, ident = _jsonl_id(line)
            if whole:
                done[ident] += 1
            else:
                torn_at = pos
            pos += len(line)
    return done, torn_at


_NEWDOC = b"# newdoc id = "


def scan_conllu(path: str | Path) -> Scan:
    """Ids of the documents in a CoNLL-U file, and where a torn last document
    starts: every document ends with a blank line, so one that does not was
    cut short by a kill."""
    done: Counter = Counter()
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return done, None
    pos, last_start, last_id = 0, 0, None
    with open(path, "rb") as f:
        for line in f:
            if line.startswith(_NEWDOC) and line.endswith(b"\n"):
                if last_id is not None:
                    done[last_id] += 1
                last_start, last_id = pos, line[len(_NEWDOC):].rstrip(b"\n").decode("utf-8", "replace")
            elif pos == 0:
                raise ResumeError(f"cannot resume: {path} does not start with '# newdoc id = ', so it is not "
                                  "CoNLL-U written by lvnews annotate; nothing was changed")
            pos += len(line)
        f.seek(max(0, pos - 2))
        whole = f.read() == b"\n\n"
    if whole and last_id is not None:
        done[last_id] += 1
        return done, None
    return done, last_start


def scan_done(output: str, errors: str | None, fmt: str) -> Counter:
    """What a previous run wrote (OUT, and ERR when errors go there). Both are
    scanned before either is repaired, so a refusal leaves both untouched."""
    scans = [(output, scan_conllu(output) if fmt == "conllu" else scan_jsonl(output))]
    if errors:
        scans.append((errors, scan_jsonl(errors)))
    done: Counter = Counter()
    for path, (ids, torn_at) in scans:
        done.update(ids)
        if torn_at is not None:
            os.truncate(path, torn_at)
    return done
