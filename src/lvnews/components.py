"""Shared base for lvnews's rule components.

Rules and lexicons ship with the package, not with a model: a component
built on them has nothing to save, but spaCy serialises every component
with ``to_disk``/``from_disk``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable


class RuleComponent:
    """A spaCy component whose behaviour is code and package data only."""

    name: str = ""

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        return None

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> "RuleComponent":
        return self
