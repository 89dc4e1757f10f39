"""The analyze and schema commands as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

TEXT = "Sports\n\nLiepājas futbola klubā šogad uzņemti pieci jauni spēlētāji.\n"


def run(*args: str, stdin: str | None = None) -> str:
    out = subprocess.run([sys.executable, "-m", "lvnews.cli", *args], input=stdin, capture_output=True, text=True,
                         check=True)
    return out.stdout


def test_analyze_stdin_json():
    article = json.loads(run("analyze", "-", stdin=TEXT))
    assert article["language"] == "lv" and article["section"] == "Sports"
    assert article["sentences"]


def test_analyze_file_jsonl_and_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf8")
    lines = run("analyze", str(path), str(path), "--format", "jsonl").splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["id"] == str(path)
    summary = run("analyze", str(path), "--format", "text")
    assert "language lv" in summary and "section: Sports" in summary


def test_analyze_conllu_is_valid(tmp_path):
    out = run("analyze", "-", "--format", "conllu", stdin="Rīgā līst. Jānis Bērziņš devās uz Cēsīm.")
    blocks = [b for b in out.strip().split("\n\n") if b]
    assert len(blocks) == 2
    for block in blocks:
        lines = block.splitlines()
        assert any(line.startswith("# text = ") for line in lines)
        assert any(line.startswith("# sent_id = ") for line in lines)
        rows = [line.split("\t") for line in lines if not line.startswith("#")]
        assert all(len(r) == 10 for r in rows)
        assert [r[0] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
        assert sum(1 for r in rows if r[6] == "0") == 1
        assert all(0 <= int(r[6]) <= len(rows) for r in rows)
    assert "SpaceAfter=No" in out
    assert "NER=B-PERSON" in out


def test_schema_is_json_schema():
    schema = json.loads(run("schema"))
    assert schema["title"] == "Article"
    assert {"entities", "facts", "sentences"} <= set(schema["properties"])


def test_undecodable_file_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xff\xfe\xfa garbage")
    out = subprocess.run([sys.executable, "-m", "lvnews.cli", "analyze", str(path)], capture_output=True, text=True)
    assert out.returncode != 0 and "not valid UTF-8" in out.stderr
