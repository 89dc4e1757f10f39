"""``lvnews annotate`` as a user runs it (a subprocess on files in tmp_path), and
``analyze_many(n_process=2)``: the real model in every process, no mocks."""

from __future__ import annotations

import fcntl
import gzip
import importlib.util
import json
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from lvnews import batch
from lvnews.batch import comparable, read_records
from lvnews.formats import to_conllu

REPO = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "lvnews.cli", "annotate"]
HTML = ("<html><head><title>Ziņas</title></head><body><nav>Sākums | Kontakti</nav><article>"
        "<p>Jelgavas mērs Andris Ozols atzina, ka pilsēta projektā ieguldīs aptuveni 2,5 miljonus eiro.</p>"
        "<p>Darbi ilgs līdz nākamā gada beigām.</p></article></body></html>")


def _generator():
    spec = importlib.util.spec_from_file_location("generate_archive", REPO / "examples" / "generate_archive.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate_articles = _generator().generate_articles


def annotate(*args: str, cwd: Path, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def annotate_here(tmp_path, monkeypatch, capsys):  # noqa: ANN001, ANN201
    """``lvnews annotate ARGS`` run in this process, in tmp_path: ``lvnews.cli.main``, the
    console script's code after argument parsing, with the model loaded once per session
    rather than once per run. A CompletedProcess-like (returncode, stderr)."""
    from lvnews.cli import main

    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> subprocess.CompletedProcess:
        code = main(["annotate", *args])
        return subprocess.CompletedProcess(args, code, "", capsys.readouterr().err)

    return run


records = read_records


def expected(article) -> dict:  # noqa: ANN001
    return comparable(json.loads(article.model_dump_json()))


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_every_input_kind_streams_in_order(tmp_path, analyzer, annotate_here):
    arts = generate_articles(6, seed=11)
    archive = tmp_path / "archive"
    (archive / "2024" / "01").mkdir(parents=True)
    (archive / "a.txt").write_text(arts[0]["text"], encoding="utf-8")
    (archive / "b.html").write_text(HTML, encoding="utf-8")
    (archive / "2024" / "01" / "c.txt.gz").write_bytes(gzip.compress(arts[1]["text"].encode()))
    (archive / "notes.md").write_text("not an article", encoding="utf-8")
    write_jsonl(tmp_path / "news.jsonl", [
        {"id": "n1", "text": arts[2]["text"], "url": "https://example.lv/n1", "tags": ["x"]},
        {"text": arts[3]["text"], "date": "2024-05-01"},
    ])
    with gzip.open(tmp_path / "more.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "g1", "text": arts[4]["text"]}, ensure_ascii=False) + "\n")
    (tmp_path / "t.csv").write_text('id,text,source\nc1,"Rīgas dome, ""Latvijas Banka"" un\nVentspils.",LETA\n',
                                    encoding="utf-8")
    (tmp_path / "t.tsv").write_text("text\tsource\n" + arts[5]["text"].replace("\n", " ") + "\tLSM\n",
                                    encoding="utf-8")

    run = annotate_here("archive", "news.jsonl", "more.jsonl.gz", "t.csv", "t.tsv", "-o", "out.jsonl")
    assert run.returncode == 0, run.stderr
    # not a terminal: no progress bar, only the summary line
    assert run.stderr.strip().splitlines() == [run.stderr.strip()]
    assert run.stderr.startswith("lvnews annotate: 8 articles, 0 failed")

    got = records(tmp_path / "out.jsonl")
    # several inputs: a directory's files are named by their paths as given
    assert [r["id"] for r in got] == ["archive/a.txt", "archive/b.html", "archive/2024/01/c.txt.gz", "n1",
                                      "news.jsonl:2", "g1", "c1", "t.tsv:2"]
    by_id = {r["id"]: r for r in got}
    assert by_id["archive/a.txt"] == expected(analyzer.analyze(arts[0]["text"], id="archive/a.txt"))
    assert by_id["archive/b.html"] == expected(analyzer.analyze_html(HTML, id="archive/b.html"))
    assert "Sākums" not in by_id["archive/b.html"]["text"]
    assert by_id["n1"] == expected(analyzer.analyze(arts[2]["text"], id="n1",
                                                    metadata={"url": "https://example.lv/n1", "tags": ["x"]}))
    assert by_id["news.jsonl:2"]["metadata"] == {"date": "2024-05-01"}
    assert by_id["c1"]["text"] == 'Rīgas dome, "Latvijas Banka" un\nVentspils.'
    assert by_id["c1"]["metadata"] == {"source": "LETA"} and by_id["t.tsv:2"]["metadata"] == {"source": "LSM"}
    assert all(r["error"] is None and r["language"] == "lv" for r in got)


def test_stdin_with_custom_field_names(tmp_path):
    lines = [{"doc": 7, "body": "Valmierā atvērta jauna skola.", "lang": "lv"},
             {"body": "Cēsīs šodien notika koncerts."}]
    stdin = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines)
    run = annotate("-", "-o", "out.jsonl", "--id-field", "doc", "--text-field", "body", "--quiet",
                   cwd=tmp_path, stdin=stdin)
    assert run.returncode == 0 and run.stderr == ""
    got = records(tmp_path / "out.jsonl")
    assert [r["id"] for r in got] == ["7", "stdin:2"]
    assert got[0]["metadata"] == {"lang": "lv"} and got[0]["text"] == "Valmierā atvērta jauna skola."


def bad_inputs(tmp_path: Path) -> list[str]:
    """One good article and one of each kind of bad one; returns the CLI inputs."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text("Ventspilī šodien viesojās Rīgas mērs.", encoding="utf-8")
    (docs / "latin1.txt").write_bytes("Rīga".encode("utf-8") + b" \xe0 la carte")
    (docs / "zero.txt").write_bytes(b"")
    (tmp_path / "lines.jsonl").write_text(
        '{"id": "ok", "text": "Liepājā atklāta jauna skola."}\n'
        '{"id": "blank", "text": ""}\n'
        '{"id": "broken", "text": "no closing quote}\n'
        '{"id": "surrogate", "text": "Rīga \\ud800 ir galvaspilsēta."}\n'
        '{"id": "number", "text": 42}\n'
        '["not", "an", "object"]\n', encoding="utf-8")
    return ["docs", "lines.jsonl"]


def test_bad_articles_become_error_records(tmp_path, annotate_here):
    inputs = bad_inputs(tmp_path)
    run = annotate_here(*inputs, "-o", "out.jsonl", "--errors", "err.jsonl")
    assert run.returncode == 0, run.stderr
    assert "9 articles, 6 failed" in run.stderr
    good = records(tmp_path / "out.jsonl")
    assert [r["id"] for r in good] == ["docs/good.txt", "ok", "blank"]
    assert all(r["error"] is None for r in good)
    assert good[2]["language"] == "und" and good[2]["text"] == ""  # an empty text is not an error
    errors = {r["id"]: r for r in records(tmp_path / "err.jsonl")}
    kinds = {ident: r["error"].split(":")[0] for ident, r in errors.items()}
    assert kinds == {"docs/latin1.txt": "ValueError", "docs/zero.txt": "ValueError",
                     "lines.jsonl:3": "JSONDecodeError", "surrogate": "UnicodeEncodeError", "number": "TypeError",
                     "lines.jsonl:6": "TypeError"}
    assert "empty file" in errors["docs/zero.txt"]["error"] and "UTF-8" in errors["docs/latin1.txt"]["error"]
    for record in errors.values():
        assert record["language"] == "und" and record["language_score"] == 0.0
        assert record["meta"]["lvnews_version"] and record["sentences"] == []
    # the tokenizer raised on the lone surrogate: the record keeps the text, made writable
    assert errors["surrogate"]["text"] == "Rīga ? ir galvaspilsēta."

    strict = annotate_here(*inputs, "-o", "all.jsonl", "--strict", "--quiet")
    assert strict.returncode == 1 and "6 failed" in strict.stderr
    assert [r["id"] for r in records(tmp_path / "all.jsonl")] == [
        "docs/good.txt", "docs/latin1.txt", "docs/zero.txt", "ok", "blank", "lines.jsonl:3", "surrogate", "number",
        "lines.jsonl:6"]


def test_workers_do_not_change_the_output(tmp_path, annotate_here):
    inputs = bad_inputs(tmp_path)
    write_jsonl(tmp_path / "gen.jsonl", generate_articles(10, seed=5))
    one = annotate_here(*inputs, "gen.jsonl", "-o", "one.jsonl", "--workers", "1", "--quiet")
    two = annotate_here(*inputs, "gen.jsonl", "-o", "two.jsonl", "--workers", "2", "--batch-size", "3", "--quiet")
    assert one.returncode == two.returncode == 0, two.stderr
    assert records(tmp_path / "one.jsonl") == records(tmp_path / "two.jsonl")
    assert len(records(tmp_path / "two.jsonl")) == 19


def test_conllu_output_and_resume(tmp_path, analyzer, annotate_here):
    arts = generate_articles(3, seed=2)
    write_jsonl(tmp_path / "in.jsonl", arts + [{"id": "bad", "text": None}])
    run = annotate_here("in.jsonl", "-o", "out.conllu", "--format", "conllu", "--quiet")
    assert run.returncode == 0
    full = (tmp_path / "out.conllu").read_text(encoding="utf-8")
    docs = "".join(to_conllu(analyzer.analyze(a["text"], id=a["id"],
                                              metadata={k: v for k, v in a.items() if k not in ("id", "text")}))
                   for a in arts)
    # CoNLL-U holds sentences only: the failed article's record goes beside it, as JSON
    assert full == docs
    (failed,) = records(tmp_path / "out.conllu.errors.jsonl")
    assert failed["id"] == "bad" and failed["error"] == "TypeError: text must be str (or UTF-8 bytes), not NoneType"
    # killed in the middle of the second document: resume redoes it and what follows
    data = full.encode("utf-8")
    (tmp_path / "out.conllu").write_bytes(data[:data.index(b"# newdoc id = a00002") + 200])
    again = annotate_here("in.jsonl", "-o", "out.conllu", "--format", "conllu", "--resume")
    assert again.returncode == 0 and "2 already done" in again.stderr
    assert (tmp_path / "out.conllu").read_text(encoding="utf-8") == full
    assert len(records(tmp_path / "out.conllu.errors.jsonl")) == 1


def test_resume_repairs_a_torn_line_and_skips_errors_already_written(tmp_path, annotate_here):
    inputs = bad_inputs(tmp_path)
    args = [*inputs, "-o", "out.jsonl", "--errors", "err.jsonl", "--quiet"]
    assert annotate_here(*args).returncode == 0
    full_out, full_err = records(tmp_path / "out.jsonl"), records(tmp_path / "err.jsonl")
    lines = (tmp_path / "out.jsonl").read_bytes().splitlines(keepends=True)
    (tmp_path / "out.jsonl").write_bytes(lines[0] + lines[1][:50])  # a kill in the middle of a write
    run = annotate_here(*args, "--resume")
    assert run.returncode == 0
    assert records(tmp_path / "out.jsonl") == full_out
    assert records(tmp_path / "err.jsonl") == full_err  # errors were not redone


def _descendants(pid: int) -> list:
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _running(procs: list) -> list[str]:
    """The processes still running (psutil checks the start time, so a reused pid does not count)."""
    import psutil

    alive = []
    for proc in procs:
        try:
            if proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE:
                alive.append(f"{proc.pid} {' '.join(proc.cmdline())[:80]}")
        except psutil.NoSuchProcess:
            pass
    return alive


def wait_for_records(out: Path, n: int, proc: subprocess.Popen, seconds: float = 120) -> None:
    """Until ``out`` holds ``n`` records; the run must still be going, to be interrupted."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < n):
        assert proc.poll() is None, "finished before it could be interrupted: give it more input"
        time.sleep(0.05)


def assert_serial_records(got: list[dict], arts: list[dict], analyzer) -> None:  # noqa: ANN001
    """Every input exactly once, in input order, each equal to its analysis in this process."""
    assert [r["id"] for r in got] == [a["id"] for a in arts], "every input exactly once, in input order"
    for record, art in zip(got, arts):
        meta = {k: v for k, v in art.items() if k not in ("id", "text")}
        assert record == expected(analyzer.analyze(art["text"], id=art["id"], metadata=meta)), art["id"]


def test_resume_after_sigkill(tmp_path, analyzer):
    arts = generate_articles(24, seed=7)
    write_jsonl(tmp_path / "in.jsonl", arts)
    out = tmp_path / "out.jsonl"
    args = [*CLI, "in.jsonl", "-o", "out.jsonl", "--quiet"]
    proc = subprocess.Popen([*args, "--workers", "2", "--batch-size", "2"], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_records(out, 4, proc)
        workers = _descendants(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    written = out.read_bytes().count(b"\n")
    assert 4 <= written < len(arts), f"{written} records written before the kill"
    # the orphaned pool workers (and the forkserver) notice and exit on their own
    deadline = time.monotonic() + 30
    while _running(workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _running(workers), f"left running after the kill: {_running(workers)}"

    run = subprocess.run([*args, "--resume"], cwd=tmp_path, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    assert_serial_records(records(out), arts, analyzer)


def test_a_killed_worker_costs_a_restart_not_the_run(tmp_path, analyzer):
    # What the OOM killer does to a worker on a huge article: multiprocessing.Pool
    # used to wait forever for the work the dead worker held.
    arts = generate_articles(24, seed=11)
    write_jsonl(tmp_path / "in.jsonl", arts)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([*CLI, "in.jsonl", "-o", "out.jsonl", "--quiet", "--workers", "2", "--batch-size", "2"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_records(out, 2, proc)
        # the workers are the forkserver's children, the CLI's grandchildren
        workers = [p for p in _descendants(proc.pid) if p.ppid() != proc.pid]
        assert workers, "no worker processes found"
        workers[0].kill()
        assert proc.wait(timeout=180) == 0, proc.stderr.read().decode()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert_serial_records(records(out), arts, analyzer)


def test_input_is_streamed_and_records_written_as_they_come(tmp_path):
    arts = generate_articles(3, seed=3)
    proc = subprocess.Popen([*CLI, "-", "-o", "out.jsonl", "--workers", "2", "--batch-size", "1", "--quiet"],
                            cwd=tmp_path, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for art in arts[:2]:
            proc.stdin.write((json.dumps(art, ensure_ascii=False) + "\n").encode())
        proc.stdin.flush()
        out = tmp_path / "out.jsonl"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 2):
            time.sleep(0.1)
        assert out.read_bytes().count(b"\n") == 2, "records should arrive before the input ends"
        assert proc.poll() is None
        proc.stdin.write((json.dumps(arts[2], ensure_ascii=False) + "\n").encode())
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert [r["id"] for r in records(out)] == [a["id"] for a in arts]


def test_progress_on_a_terminal(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", generate_articles(3, seed=4))
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 160, 0, 0))  # a terminal has a size
    try:
        proc = subprocess.run([*CLI, "in.jsonl", "-o", "out.jsonl"], cwd=tmp_path, stderr=follower,
                              stdout=subprocess.DEVNULL, timeout=120)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    text = shown.decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "articles/s" in text and "words/s" in text and "0 errors" in text and "100%" in text


def test_usage_errors(tmp_path):
    run = annotate("missing.jsonl", "-o", "out.jsonl", cwd=tmp_path)
    assert run.returncode == 2 and "no such input" in run.stderr
    assert not (tmp_path / "out.jsonl").exists()
    assert batch.resolve_workers(0) == len(os.sched_getaffinity(0))


def test_reading_is_lazy(tmp_path):
    rows = [{"id": str(i), "text": "Rīgā līst. " * 200} for i in range(2000)]
    path = write_jsonl(tmp_path / "big.jsonl", rows)
    tasks = batch.iter_tasks([str(path)])
    first = next(tasks)
    assert first.id == "0" and first.position < path.stat().st_size / 10
    tasks.close()


def test_analyze_many_in_worker_processes(analyzer):
    items = [{"id": f"d{i}", "text": a["text"], "title": a["title"]} for i, a in enumerate(generate_articles(5, 9))]
    items += ["Valmierā atvērta jauna skola.", {"id": "pair", "text": "Cēsīs notika koncerts."}]
    serial = [expected(a) for a in analyzer.analyze_many(items, batch_size=2)]
    parallel = [expected(a) for a in analyzer.analyze_many(items, batch_size=2, n_process=2)]
    assert parallel == serial and [r["id"] for r in parallel][-2:] == [None, "pair"]

    bad = ["Rīgā līst.", {"id": "x", "text": 5}, "Cēsīs snieg."]
    got = []
    with pytest.raises(TypeError, match="text must be str"):
        for article in analyzer.analyze_many(bad, n_process=2, batch_size=1):
            got.append(article.text)
    assert got == ["Rīgā līst."]


def test_ids_are_paths_from_the_base_however_typed(tmp_path, monkeypatch):
    # Two archives with the same layout must not share ids, or --resume would
    # skip one's articles as done; and a path's spelling must not change an id.
    for name, text in (("a", "Rīgā līst lietus."), ("b", "Cēsīs snieg sniegs.")):
        (tmp_path / name / "2024").mkdir(parents=True)
        (tmp_path / name / "2024" / "x.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # relative spellings are relative to here; the base is the default
    ids = [task.id for task in batch.iter_tasks([str(tmp_path / "a"), str(tmp_path / "b")])]
    assert ids == ["a/2024/x.txt", "b/2024/x.txt"]
    for spelling in ("a", "./a", "a/", str(tmp_path / "a"), str(tmp_path / "b" / ".." / "a")):
        assert [task.id for task in batch.iter_tasks([spelling])] == ["a/2024/x.txt"], spelling
    outside = tmp_path / "b"
    assert [task.id for task in batch.iter_tasks([str(tmp_path / "a")], base=outside)] == [
        f"{tmp_path.as_posix()}/a/2024/x.txt"]
