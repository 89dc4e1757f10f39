"""Train our own Stanza Latvian models with Stanza's own training modules.

    python training/stanza/prepare.py                       # conllu -> Stanza inputs
    python training/stanza/train.py --device cuda           # the real (GPU) run
    python training/stanza/train.py --smoke                 # a few CPU steps each: checks the machinery
    python training/stanza/package.py                       # -> models/stanza/

Runs, in order, ``python -m stanza.models.tokenizer``, ``stanza.models.tagger``
(UPOS, XPOS, FEATS), ``stanza.models.lemmatizer`` and ``stanza.models.parser``,
each on the files ``prepare.py`` wrote, and leaves
``<out>/<processor>/lv_lvnews_<processor>.pt``.

No pretrained embeddings and no download of any kind: the tagger and the
parser run with ``--no_pretrain`` (their own word embeddings, learned from the
training split, plus the character model), no charlm, no transformer. The
tokenizer and the lemmatizer take no pretrain at all.

Sizes: with Stanza's default dimensions the tagger and the parser alone are
well over our 40 MB shipping limit, so the ``--size small`` defaults (used
unless ``--size stanza``) shrink the hidden layers and only embed words seen
at least twice; see README.md for the resulting file sizes.

Time: every trainer saves its best model so far at each dev evaluation, so
``--budget`` (seconds per processor; the GPU default sums to 7.5 minutes)
stops a trainer that is still running when its time is up (SIGINT) and keeps
the best model it saved; the step counts below are ceilings.

Tags for the parser: with ``--retag`` the parser trains on UPOS/XPOS/FEATS
predicted by the tagger just trained (as Stanza prepares its own parser data),
otherwise on the gold ones. Anything after ``--`` goes to every trainer unchanged;
``--pos-args "..."`` etc. go to one of them.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE / "out" / "data"
DEFAULT_OUT = HERE / "out" / "models"
SHORTHAND = "lv_lvnews"
ORDER = ("tokenize", "pos", "lemma", "depparse")
MODULES = {"tokenize": "stanza.models.tokenizer", "pos": "stanza.models.tagger",
           "lemma": "stanza.models.lemmatizer", "depparse": "stanza.models.parser"}
# Seconds per processor for the GPU run, start-up and data loading included: 450 s, plus ~30 s of
# retagging, so that gpu_run.sh (install, train, package) ends inside the device's 600 s per command.
GPU_BUDGET = {"tokenize": 60, "pos": 160, "lemma": 70, "depparse": 160}

# Step counts and batch sizes: (real run, smoke run). Batch sizes are Stanza's units:
# paragraph chunks (tokenize), sentences (pos), words (lemma), words (depparse).
REAL = {
    "tokenize": ["--steps", "20000", "--eval_steps", "500", "--batch_size", "32", "--report_steps", "100"],
    "pos": ["--max_steps", "5000", "--eval_interval", "100", "--batch_size", "250", "--log_step", "50"],
    # words per batch: 500 rather than Stanza's 50, so that an epoch (and its dev pass) takes seconds
    "lemma": ["--num_epoch", "30", "--batch_size", "500", "--log_step", "100"],
    "depparse": ["--max_steps", "5000", "--eval_interval", "100", "--batch_size", "3000", "--log_step", "50"],
}
SMOKE = {
    "tokenize": ["--steps", "4", "--eval_steps", "2", "--batch_size", "2", "--report_steps", "1",
                 "--max_seqlen", "100"],
    "pos": ["--max_steps", "4", "--eval_interval", "2", "--fix_eval_interval", "--batch_size", "4", "--log_step", "1"],
    # the lemmatizer counts in epochs: one epoch over a 0.1% sample (the dictionary still sees everything)
    "lemma": ["--num_epoch", "1", "--sample_train", "0.001", "--batch_size", "8", "--log_step", "1"],
    "depparse": ["--max_steps", "4", "--eval_interval", "2", "--batch_size", "60", "--log_step", "1",
                 "--no_checkpoint"],
}
# Dimensions that keep the four files under our 40 MB shipping limit (see README.md).
SMALL = {
    "tokenize": [],
    "pos": ["--word_cutoff", "2", "--hidden_dim", "200", "--char_hidden_dim", "200"],
    "lemma": [],
    "depparse": ["--word_cutoff", "2", "--hidden_dim", "200", "--char_hidden_dim", "200",
                 "--deep_biaff_hidden_dim", "200", "--num_layers", "2"],
}


def model_file(out: Path, processor: str) -> Path:
    return out / processor / f"{SHORTHAND}_{processor}.pt"


def command(processor: str, data: Path, out: Path, device: str, smoke: bool, size: str,
            retagged: dict[str, Path] | None = None) -> list[str]:
    """The trainer's command line for one processor."""
    meta = json.loads((data / "meta.json").read_text(encoding="utf8"))
    save = model_file(out, processor)
    cmd = [sys.executable, "-m", MODULES[processor], "--mode", "train", "--shorthand", SHORTHAND,
           "--save_dir", str(save.parent), "--save_name", save.name]
    cmd += ["--cpu"] if device == "cpu" else ["--device", device]
    if processor == "tokenize":
        cmd += ["--lang", "lv", "--txt_file", str(data / "train.txt"), "--label_file", str(data / "train.toklabels"),
                "--dev_txt_file", str(data / "dev.txt"), "--dev_label_file", str(data / "dev.toklabels"),
                "--dev_conll_gold", str(data / "dev.conllu"), "--mwt_json_file", str(data / "dev-mwt.json"),
                "--no_use_mwt", "--max_seqlen", str(meta["max_seqlen"])]
    elif processor == "lemma":
        cmd += ["--train_file", str(data / "train.conllu"), "--eval_file", str(data / "dev.conllu")]
    else:  # pos, depparse: their own word embeddings, no pretrained vectors
        files = retagged or {split: data / f"{split}.conllu" for split in ("train", "dev")}
        cmd += ["--lang", "lv", "--train_file", str(files["train"]), "--eval_file", str(files["dev"]),
                "--no_pretrain", "--no_bert_model"]
    if size == "small":
        cmd += SMALL[processor]
    cmd += (SMOKE if smoke else REAL)[processor]  # later flags win in argparse
    return cmd


def run(cmd: list[str], budget: float | None, env: dict, log: Path) -> tuple[int, float, bool]:
    """Run a trainer, its output teed to ``log``; stop it (SIGINT, then SIGTERM) when its budget is spent."""
    print("$ " + shlex.join(cmd), flush=True)
    start = time.monotonic()
    stopped = False
    with log.open("w", encoding="utf8") as logf:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True,
                                bufsize=1, start_new_session=True)

        def tee() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                sys.stdout.write(line)
                logf.write(line)
            sys.stdout.flush()

        reader = threading.Thread(target=tee, daemon=True)
        reader.start()
        try:
            proc.wait(timeout=budget)
        except subprocess.TimeoutExpired:
            stopped = True
            print(f"[train.py] budget of {budget:.0f}s spent: stopping, keeping the best model saved so far",
                  flush=True)
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.terminate()
                proc.wait()
        reader.join()
    return proc.returncode, time.monotonic() - start, stopped


def loads(path: Path) -> bool:
    """Whether a model file is whole (a trainer stopped mid-save would leave a broken one)."""
    import torch

    try:
        torch.load(path, map_location="cpu", weights_only=True)
        return True
    except Exception as err:  # noqa: BLE001 - any failure means the file is unusable
        print(f"[train.py] {path} does not load: {err}", flush=True)
        return False


def retag(data: Path, out: Path, device: str, env: dict) -> dict[str, Path]:
    """train/dev.conllu with UPOS/XPOS/FEATS predicted by our tagger (heads, relations and lemmas
    stay gold), as Stanza prepares its parsers' data: the parser then learns from the tags it will see."""
    save = model_file(out, "pos")
    tagged = {}
    for split in ("train", "dev"):
        tagged[split] = out / "depparse" / f"{split}.retagged.conllu"
        tagged[split].parent.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", MODULES["pos"], "--mode", "predict", "--shorthand", SHORTHAND, "--lang", "lv",
               "--save_dir", str(save.parent), "--save_name", save.name, "--no_pretrain", "--no_bert_model",
               "--eval_file", str(data / f"{split}.conllu"), "--output_file", str(tagged[split])]
        cmd += ["--cpu"] if device == "cpu" else ["--device", device]
        rc, _, _ = run(cmd, None, env, out / f"retag-{split}.log")
        if rc != 0 or not tagged[split].exists():
            raise SystemExit(f"retagging {split} failed (see {out / f'retag-{split}.log'})")
    return tagged


def parse_budget(spec: str | None, device: str, smoke: bool) -> dict[str, float | None]:
    if spec is None:
        return {p: (GPU_BUDGET[p] if device != "cpu" and not smoke else None) for p in ORDER}
    if spec in ("none", "0"):
        return {p: None for p in ORDER}
    budget: dict[str, float | None] = {p: None for p in ORDER}
    for item in spec.split(","):
        key, _, value = item.partition("=")
        if key not in budget:
            raise SystemExit(f"--budget: unknown processor {key!r}")
        budget[key] = float(value)
    return budget


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="what prepare.py wrote")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--device", default="cpu", help="cpu, cuda, cuda:1, ...")
    ap.add_argument("--smoke", action="store_true", help="a few tiny steps each: checks the machinery, not a model")
    ap.add_argument("--only", default=",".join(ORDER), help="comma-separated subset of " + ",".join(ORDER))
    ap.add_argument("--size", choices=("small", "stanza"), default="small",
                    help="small: dimensions that fit 40 MB in all (default); stanza: Stanza's defaults")
    ap.add_argument("--budget", default=None,
                    help="seconds per processor, e.g. 'pos=180,depparse=240'; 'none' for no limit. "
                         "Default: %s on a GPU, none on the CPU" % ",".join(f"{k}={v}" for k, v in GPU_BUDGET.items()))
    ap.add_argument("--retag", action="store_true",
                    help="train the parser on our tagger's predicted tags (as Stanza does) instead of gold ones")
    ap.add_argument("--threads", type=int, default=None,
                    help="torch/OpenMP threads for each trainer (default: 1 on the CPU, unset on a GPU)")
    for p in ORDER:
        ap.add_argument(f"--{p}-args", default="", help=f"extra arguments for the {p} trainer")
    args = ap.parse_args(argv)

    only = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = set(only) - set(ORDER)
    if unknown:
        raise SystemExit(f"--only: unknown processor(s) {sorted(unknown)}")
    if not (args.data / "meta.json").exists():
        raise SystemExit(f"{args.data} has no meta.json: run training/stanza/prepare.py first")
    budget = parse_budget(args.budget, args.device, args.smoke)
    env = dict(os.environ)
    threads = args.threads if args.threads is not None else (1 if args.device == "cpu" else None)
    if threads:
        env.update(OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    args.out.mkdir(parents=True, exist_ok=True)

    report: dict[str, dict] = {}
    environment = {"device": args.device, "smoke": args.smoke, "size": args.size, "retag": args.retag,
                   "data": json.loads((args.data / "meta.json").read_text(encoding="utf8"))}
    try:
        import stanza
        import torch

        environment.update(stanza=stanza.__version__, torch=torch.__version__)
        if args.device != "cpu" and torch.cuda.is_available():
            environment["gpu"] = torch.cuda.get_device_name()
    except ImportError:
        pass
    for p in (p for p in ORDER if p in only):
        retagged = retag(args.data, args.out, args.device, env) if p == "depparse" and args.retag else None
        cmd = command(p, args.data, args.out, args.device, args.smoke, args.size, retagged)
        cmd += shlex.split(getattr(args, f"{p}_args")) + extra
        target = model_file(args.out, p)
        target.parent.mkdir(parents=True, exist_ok=True)
        before = target.stat().st_mtime if target.exists() else None
        rc, seconds, stopped = run(cmd, budget[p], env, args.out / f"{p}.log")
        fresh = target.exists() and target.stat().st_mtime != before
        # A trainer stopped by its budget keeps the last model it saved; make sure that one is whole.
        ok = fresh and (rc == 0 or (stopped and loads(target)))
        report[p] = {"model": str(target), "returncode": rc, "seconds": round(seconds, 1), "stopped_by_budget": stopped,
                     "bytes": target.stat().st_size if target.exists() else None, "ok": ok}
        print(f"[train.py] {p}: {'ok' if ok else 'FAILED'} in {seconds:.0f}s -> {target}", flush=True)
        if not ok:
            break
    (args.out / "train-report.json").write_text(
        json.dumps({"environment": environment, "processors": report}, indent=2) + "\n", encoding="utf8")
    print(json.dumps(report, indent=2))
    return 0 if report and all(r["ok"] for r in report.values()) and len(report) == len(only) else 1


if __name__ == "__main__":
    sys.exit(main())
