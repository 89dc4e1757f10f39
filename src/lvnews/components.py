"""What every lvnews spaCy component shares: serialisation and the training corpora.

spaCy saves and loads a pipeline by calling ``to_disk``/``from_disk`` and
``to_bytes``/``from_bytes`` on each component. Two kinds of lvnews component
answer them:

* a :class:`RuleComponent` is code and package data only, so it has nothing to save;
* a :class:`DataComponent` holds tables that its ``initialize`` builds from the
  training corpora named in ``[initialize.components.<name>]``; they are saved as
  one gzipped JSON file per table in the component's folder (the files the shipped
  model has always had) and as msgpack in bytes, the way spaCy's own components are.

The data components read the same two training files, so :func:`corpus_paragraphs`
parses each once per process.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import srsly

from .conll import Paragraph, read_paragraphs

DATA_SUFFIX = ".json.gz"


class RuleComponent:
    """A spaCy component whose behaviour is code and package data only: nothing to save."""

    name: str = ""

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return b""

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> "RuleComponent":
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        return None

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "RuleComponent":
        return self


class DataComponent:
    """A spaCy component whose tables are built by ``initialize`` and saved with the pipeline.

    Subclasses give their tables in :meth:`tables` (table name -> JSON-ready
    value) and take them back in :meth:`set_tables`; a table missing on disk (a
    model saved before the table existed) is left out, and ``set_tables`` gives
    it its empty default.
    """

    name: str = ""

    def tables(self) -> dict[str, Any]:
        raise NotImplementedError

    def set_tables(self, tables: dict[str, Any]) -> None:
        raise NotImplementedError

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps(self.tables())

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> "DataComponent":
        self.set_tables(srsly.msgpack_loads(bytes_data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for table, value in self.tables().items():
            srsly.write_gzip_json(path / f"{table}{DATA_SUFFIX}", value)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "DataComponent":
        files = {file.name[: -len(DATA_SUFFIX)]: file for file in Path(path).glob(f"*{DATA_SUFFIX}")}
        self.set_tables({table: srsly.read_gzip_json(file) for table, file in files.items()})
        return self


def corpus_paragraphs(path: str | Path | None, ner: bool = False, *, needed_by: str = "") -> tuple[Paragraph, ...]:
    """The paragraphs of a training file (CoNLL-U treebank, or the NER layer with ``ner``).

    Cached by resolved path: the lemma table, the gazetteer and the name links
    are built from the same files in one ``initialize``. Callers must not change
    the paragraphs. No path gives no paragraphs, with a warning naming the
    component (``needed_by``) whose tables stay empty: a pipeline initialised
    without its corpora runs, but without what they teach.
    """
    if path is None:
        warnings.warn(f"{needed_by or 'lvnews component'}: no training file given to initialize; "
                      "its tables stay empty", stacklevel=2)
        return ()
    return _read_cached(str(Path(path).resolve()), ner)


@lru_cache(maxsize=2)
def _read_cached(path: str, ner: bool) -> tuple[Paragraph, ...]:
    return tuple(read_paragraphs(path, ner=ner))
