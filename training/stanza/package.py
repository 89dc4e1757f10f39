"""Package the trained Stanza models as a Stanza model directory lvnews can load offline.

    python training/stanza/package.py [--models training/stanza/out/models] [--dest models/stanza]

Writes::

    <dest>/resources.json                 # what stanza.Pipeline(dir=<dest>) reads
    <dest>/lv/tokenize/lvnews.pt
    <dest>/lv/pos/lvnews.pt
    <dest>/lv/lemma/lvnews.pt
    <dest>/lv/depparse/lvnews.pt
    <dest>/lvnews-models.json             # provenance: sizes, md5, training report, licence

``resources.json`` makes ``lvnews`` the package of every processor and maps
Stanza's ``default`` package to it, so both

    stanza.Pipeline(lang="lv", dir=<dest>, processors="tokenize,pos,lemma,depparse", download_method=None)
    stanza.Pipeline(..., package="lvnews", ...)

load these files and nothing else (no pretrain, no charlm, no mwt).

Weights are stored as float16 (``--fp32`` keeps float32): Stanza copies them
into its float32 modules when it loads them (``load_state_dict``), so nothing
changes at run time but the files are half the size. Optimizer state, if a
file carries any, is dropped. ``--check`` (the default) then loads the
packaged directory through Stanza and tags a sentence. The result must stay
under 40 MB in all to be committed; ``package.py`` fails above ``--max-mb``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# train.py beside this file says where it leaves each processor's model: one place for that layout.
sys.path.insert(0, str(HERE))
from train import DEFAULT_OUT as DEFAULT_MODELS, ORDER as PROCESSORS, model_file  # noqa: E402

REPO = HERE.parent.parent
DEFAULT_DEST = REPO / "models" / "stanza"
PACKAGE = "lvnews"
CHECK_TEXT = "Ventspils dome otrdien apstiprināja jauno plānu. Tas stāsies spēkā 1. jūlijā."
ATTRIBUTION = (
    "CC BY-SA 4.0: trained on FullStack-LV (AiLab, Institute of Mathematics and Computer Science, "
    "University of Latvia; Gruzitis et al., LREC 2018) and UD_Latvian-LVTB (Pretkalniņa et al.); "
    "see models/LICENSE"
)


def md5(path: Path) -> str:
    h = hashlib.md5()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def halve(obj):
    """float32 tensors -> float16 (one that would not survive the cast stays float32)."""
    import torch

    if isinstance(obj, torch.Tensor):
        if obj.dtype == torch.float32:
            half = obj.half()
            if torch.isfinite(half).all() or not torch.isfinite(obj).all():
                return half
        return obj
    if isinstance(obj, dict):
        return type(obj)((k, halve(v)) for k, v in obj.items())  # keeps an OrderedDict ordered
    if isinstance(obj, list):
        return [halve(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(halve(v) for v in obj)
    return obj


def write_model(src: Path, dst: Path, fp32: bool) -> None:
    import torch

    dst.parent.mkdir(parents=True, exist_ok=True)
    checkpoint = torch.load(src, map_location="cpu", weights_only=True)  # as Stanza itself loads it
    for key in ("optimizer", "scheduler"):
        checkpoint.pop(key, None)
    if not fp32:
        checkpoint["model"] = halve(checkpoint["model"])
    tmp = dst.with_suffix(".tmp")
    torch.save(checkpoint, tmp)
    tmp.replace(dst)


def source(models: Path, processor: str) -> Path:
    """train.py's ``<processor>/lv_lvnews_<processor>.pt``, or a flat ``<processor>.pt``
    (how gpu_run.sh hands packaged files back from the GPU machine)."""
    nested = model_file(models, processor)
    flat = models / f"{processor}.pt"
    return flat if flat.exists() and not nested.exists() else nested


def resources(files: dict[str, Path]) -> dict:
    """A resources.json with one package, ``lvnews``, also reachable as ``default``."""
    chosen = {p: PACKAGE for p in files}
    lv = {"lang_name": "Latvian"}
    for p, path in files.items():
        lv[p] = {PACKAGE: {"md5": md5(path)}}
    lv["default_processors"] = dict(chosen)
    lv["packages"] = {"default": dict(chosen), PACKAGE: dict(chosen)}
    return {"lv": lv}


def check(dest: Path, package: str | None = None) -> list[list[tuple]]:
    """Load ``dest`` through Stanza, offline, and annotate a sentence."""
    import stanza

    kwargs = {"package": package} if package else {}
    nlp = stanza.Pipeline(lang="lv", dir=str(dest), processors=",".join(PROCESSORS), download_method=None,
                          use_gpu=False, logging_level="WARN", **kwargs)
    doc = nlp(CHECK_TEXT)
    return [[(w.text, w.upos, w.lemma, w.head, w.deprel) for w in s.words] for s in doc.sentences]


def package(models: Path, dest: Path, fp32: bool = False, only: tuple[str, ...] = PROCESSORS) -> dict:
    """Copy the trained models into ``dest`` and write resources.json; returns the provenance record."""
    sources = {p: source(models, p) for p in only}
    missing = [str(s) for s in sources.values() if not s.exists()]
    if missing:
        raise FileNotFoundError("trained models missing (run training/stanza/train.py): " + ", ".join(missing))
    files = {}
    for p, src in sources.items():
        files[p] = dest / "lv" / p / f"{PACKAGE}.pt"
        write_model(src, files[p], fp32)
    (dest / "resources.json").write_text(json.dumps(resources(files), indent=2) + "\n", encoding="utf8")
    report_path = models / "train-report.json"
    import stanza
    import torch

    record = {
        "package": PACKAGE,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "stanza_version": stanza.__version__,
        "torch_version": torch.__version__,
        "dtype": "float32" if fp32 else "float16",
        "files": {p: {"path": str(f.relative_to(dest)), "bytes": f.stat().st_size, "md5": md5(f)}
                  for p, f in files.items()},
        "total_bytes": sum(f.stat().st_size for f in files.values()),
        "training": json.loads(report_path.read_text(encoding="utf8")) if report_path.exists() else None,
        "licence": ATTRIBUTION,
    }
    (dest / "lvnews-models.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n",
                                             encoding="utf8")
    return record


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--models", type=Path, default=DEFAULT_MODELS, help="train.py's --out")
    ap.add_argument("--dest", type=Path, default=DEFAULT_DEST)
    ap.add_argument("--fp32", action="store_true", help="keep float32 weights (twice the size)")
    ap.add_argument("--clean", action="store_true", help="empty --dest first")
    ap.add_argument("--no-check", dest="check", action="store_false", help="do not load the result through Stanza")
    ap.add_argument("--max-mb", type=float, default=40.0, help="fail when the model files exceed this")
    args = ap.parse_args(argv)

    if args.clean and args.dest.exists():
        shutil.rmtree(args.dest)
    record = package(args.models, args.dest, fp32=args.fp32)
    for p, f in record["files"].items():
        print(f"{p:9s} {f['bytes'] / 1e6:7.2f} MB  {args.dest / f['path']}")
    total = record["total_bytes"] / 1e6
    print(f"total     {total:7.2f} MB ({record['dtype']})  -> {args.dest / 'resources.json'}")
    if args.check:
        for sent in check(args.dest):
            print("  " + " ".join(f"{t}/{u}/{lem}/{h}:{r}" for t, u, lem, h, r in sent))
    if total > args.max_mb:
        print(f"too big to ship: {total:.1f} MB > {args.max_mb:.0f} MB (train with smaller dimensions)",
              file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
