"""The ``lvnews`` command line: info, analyze, schema, evaluate, annotate, serve."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

from .version import __version__


def _load(args: argparse.Namespace):  # noqa: ANN202
    from .analyzer import load

    return load(getattr(args, "model", None), backend=getattr(args, "backend", "spacy"))


def cmd_info(args: argparse.Namespace) -> int:
    info = _load(args).info()
    labels = info["labels"]
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
    else:
        print(f"lvnews {__version__}")
        print(f"model     {info['model']['name']} {info['model']['version']} ({info['backend']})")
        print(f"path      {info['model_path']}")
        print(f"pipeline  {', '.join(info['pipeline'])}")
        print(f"entities  {', '.join(labels.get('ner', []))}")
    return 0


def _read_inputs(files: Sequence[str]) -> list[tuple[str, str]]:
    if not files or files == ["-"]:
        return [("-", sys.stdin.read())]
    out = []
    for name in files:
        data = Path(name).read_bytes()
        try:
            out.append((name, data.decode("utf-8")))
        except UnicodeDecodeError as err:
            raise SystemExit(f"lvnews: {name} is not valid UTF-8 (byte {err.start})") from None
    return out


def cmd_analyze(args: argparse.Namespace) -> int:
    from .formats import to_conllu, to_text

    analyzer = _load(args)
    for name, text in _read_inputs(args.files):
        ident = None if name == "-" else name
        if args.html:
            article = analyzer.analyze_html(text, id=ident, force_language=args.force_language)
        else:
            article = analyzer.analyze(text, id=ident, force_language=args.force_language)
        if args.format == "json":
            sys.stdout.write(article.model_dump_json(indent=2) + "\n")
        elif args.format == "jsonl":
            sys.stdout.write(article.model_dump_json() + "\n")
        elif args.format == "conllu":
            sys.stdout.write(to_conllu(article))
        else:
            sys.stdout.write(to_text(article))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .records import Article

    print(json.dumps(Article.model_json_schema(), ensure_ascii=False, indent=2))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_facts, evaluate_ner, evaluate_news, evaluate_ud

    analyzer = _load(args)
    if args.kind == "ud":
        result = evaluate_ud(analyzer, args.file, limit=args.limit)
        summary = "  ".join(f"{k} {v:.2f}" for k, v in result["scores"].items())
        summary += f"  words/s {result['words_per_second']}"
    elif args.kind == "ner":
        result = evaluate_ner(analyzer.nlp, args.file, limit=args.limit, by_document=not args.paragraphs)
        summary = f"micro F1 {result['micro']['f']:.2f}  PER/ORG/GPE/LOC macro F1 " \
                  f"{result['macro_f1_PER_ORG_GPE_LOC']:.2f}  " + "  ".join(
                      f"{k} {v['f']:.1f}" for k, v in result["per_label"].items())
    elif args.kind == "news":
        result = evaluate_news(analyzer, args.file, limit=args.limit)
        summary = _news_summary(result)
    else:
        result = evaluate_facts(analyzer, args.file, show=args.show)
        summary = "  ".join(f"{k} P {v['p']:.1f} R {v['r']:.1f} F {v['f']:.1f}"
                            for k, v in result["per_type"].items())
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(summary)
        if args.kind == "news":
            for miss in result["canonical_misses"]:
                print("  " + json.dumps(miss, ensure_ascii=False))
        if args.kind == "facts" and args.show:
            for key in ("misses", "extras"):
                print(f"{key}:")
                for item in result[key]:
                    print("  " + json.dumps(item, ensure_ascii=False))
    return 0


def _news_summary(result: dict) -> str:
    """One line of ``evaluate news``: micro, per label, spans, canonical accuracy, time."""
    micro, spans, canon = result["micro"], result["spans"], result["canonical"]
    labels = "  ".join(f"{k} {v['f']:.1f}" for k, v in result["per_label"].items())
    return (f"micro P {micro['p']:.1f} R {micro['r']:.1f} F {micro['f']:.2f}  {labels}  spans F {spans['f']:.1f}  "
            f"canonical {canon['accuracy']:.1f}% of {canon['found']}  {result['seconds']} s")


def _annotate_fail(message: str, code: int) -> int:
    print(f"lvnews annotate: {' '.join(message.split())}", file=sys.stderr)
    return code


def cmd_annotate(args: argparse.Namespace) -> int:
    """``lvnews annotate``: exit 0; 1 with ``--strict`` when an article failed, or when the
    output cannot be written; 2 on usage errors (a missing input, a model that
    does not load, a refused ``--resume``); 130 on Ctrl-C.

    The model is loaded here, in the parent, whatever the engine: the batch
    package is handed the analyzer (it sits below ``pipeline`` and never loads one).
    """
    from .batch import AnnotateOptions, ResumeError, annotate, check_options, error_message, with_defaults
    from .analyzer import shared_analyzer

    options = with_defaults(AnnotateOptions.from_args(args))
    try:
        check_options(options)
    except (ValueError, FileNotFoundError) as exc:
        return _annotate_fail(str(exc), 2)
    try:
        analyzer = shared_analyzer(options.model, backend=options.backend)
    except Exception as exc:  # noqa: BLE001 - whatever spaCy or Stanza raise for a model they cannot load
        return _annotate_fail(f"cannot load model {options.model or '(bundled)'!r}: {error_message(exc)}", 2)
    try:
        summary = annotate(options, analyzer)
    except ResumeError as exc:
        return _annotate_fail(str(exc), 2)
    except KeyboardInterrupt:
        return _annotate_fail(f"interrupted; rerun with --resume to continue {options.output}", 130)
    except OSError as exc:  # output not writable, disk full, Dask scheduler unreachable
        return _annotate_fail(error_message(exc), 1)
    if not options.quiet or summary.errors:
        print(summary.line(), file=sys.stderr)
    return 1 if options.strict and summary.errors else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .service import serve_command

    return serve_command(args)


def cmd_download(args: argparse.Namespace) -> int:
    from .stanza_backend import download_models

    print(f"Stanza Latvian models in {download_models(args.dir)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lvnews", description="Read Latvian news into structured records.")
    parser.add_argument("--version", action="version", version=f"lvnews {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def model_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--model", default=None, help="spaCy model directory (default: the bundled model)")
        p.add_argument("--backend", default="spacy", choices=["spacy", "stanza"])

    p = sub.add_parser("info", help="version, model, pipeline and labels")
    model_args(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("analyze", help="analyse files or stdin into records")
    model_args(p)
    p.add_argument("files", nargs="*", help="text files; '-' or nothing reads stdin")
    p.add_argument("--format", default="json", choices=["json", "jsonl", "conllu", "text"])
    p.add_argument("--html", action="store_true", help="inputs are HTML pages")
    p.add_argument("--force-language", default=None, help="skip the language gate (e.g. lv)")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("schema", help="JSON Schema of the Article record")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("evaluate", help="evaluate on UD, NER, facts or news-entity gold data")
    p.add_argument("kind", choices=["ud", "ner", "facts", "news"])
    p.add_argument("file", help="gold file; for news, the folder with articles_dev.jsonl and ner_dev.jsonl")
    model_args(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("--show", action="store_true", help="facts: print misses and extras")
    p.add_argument("--limit", type=int, default=None, help="first N paragraphs (news: articles) only")
    p.add_argument("--paragraphs", action="store_true",
                   help="ner: score each paragraph alone (default: a document's paragraphs as one article, "
                        "as analyze() runs them)")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("annotate", help="batch-annotate article archives to JSONL")
    model_args(p)
    p.add_argument("inputs", nargs="+", help="directories, files (.txt .html .jsonl .csv .tsv, .gz) or '-'")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--workers", type=int, default=1, help="processes; 0 = all cores")
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--resume", action="store_true")
    p.add_argument("--errors", default=None, help="write error records here instead of OUT")
    p.add_argument("--format", default="jsonl", choices=["jsonl", "conllu"])
    p.add_argument("--strict", action="store_true", help="exit 1 if any article failed")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--id-field", default="id")
    p.add_argument("--text-field", default="text")
    p.add_argument("--dask", default=None, metavar="SCHEDULER_ADDRESS")
    p.add_argument("--force-language", default=None)
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="per article: a longer analysis is stopped and becomes an error record")
    p.set_defaults(func=cmd_annotate)

    p = sub.add_parser("download", help="download the official Stanza Latvian models (for --backend stanza)")
    p.add_argument("what", choices=["stanza"])
    p.add_argument("--dir", default=None, help="Stanza resources directory (default: Stanza's own)")
    p.set_defaults(func=cmd_download)

    p = sub.add_parser("serve", help="run the HTTP service and demo page")
    model_args(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--max-bytes", type=int, default=1_000_000)
    p.add_argument("--api-key", default=None)
    p.add_argument("--timeout", type=float, default=30.0, help="per-request analysis timeout, seconds")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
