"""Shared fixtures: the real bundled pipeline, and the shared/ inputs when present."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "ventspils-unesco.txt"
CORPORA = SHARED / "corpora" / "lv"


@pytest.fixture(scope="session")
def analyzer():
    import lvnews

    return lvnews.load()


@pytest.fixture(scope="session")
def nlp(analyzer):
    return analyzer.nlp


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent (the seed article lives in ../shared, not in the repo)")
    return SEED.read_text(encoding="utf8")


@pytest.fixture(scope="session")
def seed_article(analyzer, seed_text):
    return analyzer.analyze(seed_text, id="ventspils-unesco")


@pytest.fixture(scope="session")
def corpora() -> Path:
    if not CORPORA.exists():
        pytest.skip(f"{CORPORA} is absent")
    return CORPORA
