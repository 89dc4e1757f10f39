"""The bundled model is found from a built wheel installed in a fresh venv."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_install_finds_bundled_model(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)], check=True,
                   capture_output=True)
    wheel = next(dist.glob("lvnews-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    code = ("import lvnews, spacy; from lvnews.model_paths import model_path; p = model_path(); "
            "a = lvnews.analyze('Valmierā atvērta jauna skola.'); "
            "spacy.load(p); print(p); print(a.sentences[0].tokens[0].lemma)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([str(py), "-c", code], cwd=workdir, capture_output=True, text=True, check=True, env=env)
    path, lemma = out.stdout.split()
    assert "site-packages" in path and path.endswith("lv_lvnews")
    assert lemma == "Valmiera"
