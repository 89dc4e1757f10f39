"""Where models are: the bundled spaCy model, a path, Stanza's model directories.

A leaf module (nothing from lvnews imported), so both backends and the analyzer
find models the same way without importing each other.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

MODEL_NAME = "lv_lvnews"
OWN_STANZA_MODELS = "stanza"  # models/stanza in a checkout, lvnews/_models/stanza when installed
STANZA_MODELS_ENV = "LVNEWS_STANZA_MODELS"


def bundled(name: str, is_model: Callable[[Path], bool]) -> Path | None:
    """``name`` inside the installed package's ``_models/``, else the checkout's ``models/``,
    where ``is_model`` accepts it; None when neither has it."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_models" / name, here.parent.parent / "models" / name):
        if is_model(candidate):
            return candidate
    return None


def model_path(name: str = MODEL_NAME) -> Path:
    """The bundled spaCy model: inside the installed package, or the checkout's models/."""
    path = bundled(name, lambda candidate: (candidate / "config.cfg").exists())
    if path is not None:
        return path
    here = Path(__file__).resolve().parent
    raise FileNotFoundError(
        f"lvnews model {name!r} not found in {here / '_models'} or the checkout's models/ folder; "
        "reinstall lvnews or pass model=<path to a spaCy model directory>"
    )


def resolved_model(model: str | Path | None) -> Path | None:
    """The model's directory: the bundled one, a given path; None for an installed package name."""
    if model is None:
        return model_path()
    return Path(model).resolve() if Path(model).exists() else None


def stanza_resources_dir() -> Path:
    """Where Stanza keeps its official models: $STANZA_RESOURCES_DIR as set now, else Stanza's default."""
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return Path(env)
    from stanza.resources.common import DEFAULT_MODEL_DIR

    return Path(DEFAULT_MODEL_DIR)


def is_stanza_models_dir(directory: Path) -> bool:
    """A Stanza model directory: a resources.json and a Latvian model folder."""
    return (directory / "resources.json").is_file() and (directory / "lv").is_dir()


def own_stanza_models_dir() -> Path | None:
    """Our own packaged Stanza models, found as :func:`model_path` finds the spaCy model."""
    return bundled(OWN_STANZA_MODELS, is_stanza_models_dir)


def stanza_models_dir(resources: str | Path | None = None) -> Path:
    """The Stanza model directory the backend loads.

    An explicit ``resources`` or ``$LVNEWS_STANZA_MODELS`` is used as given (and
    must hold Latvian models); otherwise our own models, otherwise the official
    ones in :func:`stanza_resources_dir`.
    """
    if resources is not None:
        return Path(resources)
    env = os.environ.get(STANZA_MODELS_ENV)
    if env:
        return Path(env)
    own = own_stanza_models_dir()
    return own if own is not None else stanza_resources_dir()
