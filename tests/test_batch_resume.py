"""--resume never loses or duplicates (lvnews issue #13, item 4): a manifest beside OUT
refuses a resume that would mix records, ids do not depend on how a path was typed or on
how many inputs there are, and only a torn last record is ever cut.

The command runs in this process (``annotate_here``: ``lvnews.cli.main``), in tmp_path."""

from __future__ import annotations

import json

from test_batch import annotate_here, generate_articles, records, write_jsonl  # noqa: F401 - a fixture


def _lines(path) -> list[bytes]:  # noqa: ANN001
    return path.read_bytes().splitlines(keepends=True)


def test_resume_with_the_other_format_refuses_and_keeps_the_file(tmp_path, annotate_here):
    write_jsonl(tmp_path / "in.jsonl", generate_articles(2, seed=41))
    assert annotate_here("in.jsonl", "-o", "out", "--quiet").returncode == 0
    before = (tmp_path / "out").read_bytes()
    manifest = json.loads((tmp_path / "out.manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "jsonl" and manifest["inputs"] == [str(tmp_path / "in.jsonl")]
    run = annotate_here("in.jsonl", "-o", "out", "--format", "conllu", "--resume")
    assert run.returncode == 2
    assert run.stderr.startswith("lvnews annotate: cannot resume out: ") and "format: 'jsonl'" in run.stderr
    assert run.stderr.count("\n") == 1
    assert (tmp_path / "out").read_bytes() == before

    # and the other way round: a CoNLL-U output is not read as torn JSONL
    assert annotate_here("in.jsonl", "-o", "out.conllu", "--format", "conllu", "--quiet").returncode == 0
    conllu = (tmp_path / "out.conllu").read_bytes()
    run = annotate_here("in.jsonl", "-o", "out.conllu", "--resume")
    assert run.returncode == 2 and (tmp_path / "out.conllu").read_bytes() == conllu


def test_other_spellings_of_the_same_paths_skip_what_is_done(tmp_path, annotate_here):
    arts = generate_articles(4, seed=42)
    (tmp_path / "archive").mkdir()
    for art in arts[:2]:
        (tmp_path / "archive" / f"{art['id']}.txt").write_text(art["text"], encoding="utf-8")
    write_jsonl(tmp_path / "news.jsonl", [{"text": a["text"]} for a in arts[2:]])  # ids from the path
    assert annotate_here("archive", "news.jsonl", "-o", "out.jsonl", "--quiet").returncode == 0
    full = records(tmp_path / "out.jsonl")
    assert [r["id"] for r in full] == [f"archive/{a['id']}.txt" for a in arts[:2]] + ["news.jsonl:1", "news.jsonl:2"]
    lines = _lines(tmp_path / "out.jsonl")
    (tmp_path / "out.jsonl").write_bytes(b"".join(lines[:3]) + lines[3][:40])  # killed while writing the last
    run = annotate_here("./archive/", str(tmp_path / "news.jsonl"), "-o", "out.jsonl", "--resume")
    assert run.returncode == 0, run.stderr
    assert "1 articles" in run.stderr and "3 already done" in run.stderr
    assert records(tmp_path / "out.jsonl") == full


def test_an_added_input_appends_only_its_articles(tmp_path, annotate_here):
    arts = generate_articles(5, seed=43)
    (tmp_path / "archive" / "2024").mkdir(parents=True)
    for art in arts[:3]:
        (tmp_path / "archive" / "2024" / f"{art['id']}.txt").write_text(art["text"], encoding="utf-8")
    write_jsonl(tmp_path / "more.jsonl", arts[3:])
    assert annotate_here("archive", "-o", "out.jsonl", "--quiet").returncode == 0
    first = records(tmp_path / "out.jsonl")
    assert [r["id"] for r in first] == [f"archive/2024/{a['id']}.txt" for a in arts[:3]]
    run = annotate_here("archive", "more.jsonl", "-o", "out.jsonl", "--resume")
    assert run.returncode == 0, run.stderr
    assert "2 articles" in run.stderr and "3 already done" in run.stderr
    both = records(tmp_path / "out.jsonl")
    assert both[:3] == first and [r["id"] for r in both[3:]] == [a["id"] for a in arts[3:]]
    manifest = json.loads((tmp_path / "out.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"] == [str(tmp_path / "archive"), str(tmp_path / "more.jsonl")]


def test_what_is_not_a_torn_tail_is_never_cut(tmp_path, annotate_here):
    write_jsonl(tmp_path / "in.jsonl", generate_articles(2, seed=44))
    # an output without a manifest: written by something else, so not resumed
    (tmp_path / "foreign.jsonl").write_text('{"a": 1}\nnot json\n', encoding="utf-8")
    run = annotate_here("in.jsonl", "-o", "foreign.jsonl", "--resume")
    assert run.returncode == 2 and "no manifest" in run.stderr
    assert (tmp_path / "foreign.jsonl").read_text(encoding="utf-8") == '{"a": 1}\nnot json\n'
    # our output, damaged in the middle: refused, nothing cut
    assert annotate_here("in.jsonl", "-o", "out.jsonl", "--quiet").returncode == 0
    lines = _lines(tmp_path / "out.jsonl")
    damaged = lines[0][:30] + b"\n" + lines[1]
    (tmp_path / "out.jsonl").write_bytes(damaged)
    run = annotate_here("in.jsonl", "-o", "out.jsonl", "--resume")
    assert run.returncode == 2 and "line 1 is not a record" in run.stderr
    assert (tmp_path / "out.jsonl").read_bytes() == damaged
    # a resume with another model or pipeline would mix records: refused
    run = annotate_here("in.jsonl", "-o", "out.jsonl", "--resume", "--force-language", "lv")
    assert run.returncode == 2 and "force_language: None" in run.stderr
