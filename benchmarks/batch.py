"""Batch throughput of ``lvnews annotate`` on a generated archive.

Runs the real CLI (a subprocess, model loading included) on a synthetic
archive (``examples/generate_archive.py``, deterministic for a seed) with
``--workers 1`` and ``--workers 2``, then through a Dask ``LocalCluster``
(2 worker processes, 1 thread each) with ``--dask`` and with
``lvnews.distributed.annotate_bag``. Prints articles/s, words/s, the speedup,
the peak RSS of every worker process, and whether all runs wrote the same
records (timing fields aside).

Targets on an otherwise idle 2-core machine: 2 workers >= 1.7x one worker;
Dask within 15 % of multiprocessing; peak RSS <= 600 MB per worker.

Usage: python benchmarks/batch.py [--articles 500] [--seed 0] [--batch-size 16] [--no-dask] [--json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from lvnews.batch import read_records

REPO = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("generate_archive", REPO / "examples" / "generate_archive.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def peak_rss_mb(pid: int) -> float | None:
    """A process's peak RSS so far (Linux VmHWM), or its current RSS elsewhere."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        return psutil.Process(pid).memory_info().rss / 2**20
    except psutil.Error:
        return None


class TreeSampler(threading.Thread):
    """Samples the peak RSS of a process and all its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peaks: dict[int, float] = {}
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            try:
                tree = [psutil.Process(self.pid), *psutil.Process(self.pid).children(recursive=True)]
            except psutil.Error:
                return
            for proc in tree:
                mb = peak_rss_mb(proc.pid)
                if mb is not None:
                    self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0.0), mb)
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


records = read_records


def words_of(recs: list[dict]) -> int:
    return sum(len(s["tokens"]) for r in recs for s in r["sentences"])


def run_cli(archive: Path, out: Path, batch_size: int, extra: list[str]) -> dict:
    """One ``lvnews annotate`` run: wall time (model loading included) and peak RSS per process."""
    cmd = [sys.executable, "-m", "lvnews.cli", "annotate", str(archive), "-o", str(out),
           "--batch-size", str(batch_size), *extra]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.stop()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stderr}")
    main = sampler.peaks.pop(proc.pid, None)
    return {"seconds": round(seconds, 2), "main_peak_rss_mb": round(main or 0),
            "process_peak_rss_mb": sorted(round(v) for v in sampler.peaks.values()), "summary": stderr.strip()}


def _worker_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_dask(archive: Path, out: Path, articles: list[dict], batch_size: int) -> tuple[dict, dict]:
    """The CLI through ``--dask`` on a fresh LocalCluster, then ``annotate_bag`` on the warm cluster."""
    import dask.bag as db
    from distributed import Client, LocalCluster

    from lvnews.distributed import annotate_bag

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        cli = run_cli(archive, out, batch_size, ["--dask", cluster.scheduler_address])
        cli["worker_peak_rss_mb"] = sorted(round(v) for v in client.run(_worker_peak_rss_mb).values())
        started = time.perf_counter()
        bag = db.from_sequence(articles, partition_size=batch_size)
        recs = annotate_bag(bag, batch_size=batch_size).compute()
        bag_result = {"seconds": round(time.perf_counter() - started, 2), "articles": len(recs),
                      "words": sum(len(s["tokens"]) for r in recs for s in r["sentences"]),
                      "worker_peak_rss_mb": sorted(round(v) for v in client.run(_worker_peak_rss_mb).values())}
    return cli, bag_result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    articles = _generator().generate_articles(args.articles, seed=args.seed)
    result: dict = {"articles": args.articles, "seed": args.seed, "batch_size": args.batch_size, "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        archive = tmp_path / "archive.jsonl"
        archive.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
        outputs = {}
        for workers in (1, 2):
            name = f"workers={workers}"
            outputs[name] = tmp_path / f"w{workers}.jsonl"
            run = run_cli(archive, outputs[name], args.batch_size, ["--workers", str(workers)])
            # one worker runs in the main process; with more, the pool's processes
            # (and the forkserver they are forked from) are the children
            # (the forkserver and the resource tracker are smaller: the largest N are the workers)
            run["worker_peak_rss_mb"] = ([run["main_peak_rss_mb"]] if workers == 1
                                         else run["process_peak_rss_mb"][-workers:])
            result["runs"][name] = run
        if not args.no_dask:
            outputs["dask-cli"] = tmp_path / "dask.jsonl"
            result["runs"]["dask-cli"], result["runs"]["dask-bag (warm)"] = run_dask(
                archive, outputs["dask-cli"], articles, args.batch_size)
        first = records(outputs["workers=1"])
        words = words_of(first)
        result["words"] = words
        result["identical_records"] = all(records(p) == first for p in outputs.values())
    for run in result["runs"].values():
        run["articles_per_s"] = round(run.get("articles", args.articles) / run["seconds"], 2)
        run["words_per_s"] = round(run.get("words", words) / run["seconds"])
    runs = result["runs"]
    result["speedup_2_vs_1"] = round(runs["workers=1"]["seconds"] / runs["workers=2"]["seconds"], 2)
    if "dask-cli" in runs:
        result["dask_vs_multiprocessing"] = round(runs["workers=2"]["seconds"] / runs["dask-cli"]["seconds"], 2)
    result["max_worker_rss_mb"] = max(max(r["worker_peak_rss_mb"]) for r in runs.values())
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(f"{args.articles} articles, {words} words, batch size {args.batch_size}, seed {args.seed}")
    print(f"{'run':<18} {'seconds':>8} {'articles/s':>11} {'words/s':>9}  peak RSS per worker (MB)")
    for name, run in runs.items():
        print(f"{name:<18} {run['seconds']:>8.2f} {run['articles_per_s']:>11.2f} {run['words_per_s']:>9}  "
              f"{run['worker_peak_rss_mb']}")
    print(f"speedup 2 workers vs 1: {result['speedup_2_vs_1']}x (target >= 1.7)")
    if "dask_vs_multiprocessing" in result:
        print(f"dask --dask vs --workers 2 throughput: {result['dask_vs_multiprocessing']} (target >= 0.85)")
    print(f"max worker peak RSS: {result['max_worker_rss_mb']} MB (target <= 600)")
    print(f"identical records across runs: {result['identical_records']}")
    print("(times include process start and model loading; 'dask-bag (warm)' reuses the loaded workers)")


if __name__ == "__main__":
    main()
