"""Command-line interface: a thin layer over the functions users import.

Exit codes: 0 success, 1 input error (a clear message, no traceback),
2 usage error (argparse).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from .analyzer import DEFAULT_MAX_CHARS
from .exceptions import StancekitError

__all__ = ["main", "build_parser"]

EXAMPLES = """\
examples:
  stancekit analyze examples/article_de.txt
  stancekit analyze corpus_dir/ --format jsonl -o statements.jsonl
  stancekit analyze articles.csv --text-col body --id-col url --date-col date -o out.csv
  stancekit analyze archive.jsonl --n-jobs 2 -o statements.parquet   # rerun with --resume after a crash
  stancekit report statements.parquet -o report/
  stancekit sample statements.parquet -n 200 --stratify stance -o to_code.csv
  stancekit validate to_code.csv
  echo "»Wir sind bereit«, sagte die Ministerin." | stancekit analyze - --explain
  stancekit label statements.csv --text-col quote --sentence-col sentence
  stancekit train corpus.csv --text-col text --label-col stance -o my.skm
  stancekit evaluate my.skm test.csv --text-col text --label-col stance --trust-model
"""

TABLE_COLUMNS = (("speaker", 22), ("actor", 12), ("kind", 8), ("stance", 11), ("p", 4), ("sentiment", 9),
                 ("text", 60))


def _analyzer(args):
    from .analyzer import Analyzer

    return Analyzer(args.model, args.sentiment_model, trust_models=args.trust_model, actors=args.actors,
                    max_chars=args.max_chars)


def _write(rows: list[dict], fmt: str, out, *, header_done: list) -> None:
    """Print rows as JSONL, as the flat CSV of the file outputs, or as a readable table."""
    from .batch import FLAT_FIELDS, flat_row

    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=FLAT_FIELDS, extrasaction="ignore")
        if not header_done:
            w.writeheader()
            header_done.append(True)
        w.writerows(flat_row(r) for r in rows)
    else:
        if not header_done:
            out.write("  ".join(name.upper().ljust(width) for name, width in TABLE_COLUMNS).rstrip() + "\n")
            header_done.append(True)
        for r in rows:
            if r.get("error"):
                out.write(f"[{r.get('doc')}] ERROR: {r['error']}\n")
                continue
            flat = flat_row(r)
            flat["p"] = f"{flat['stance_p']:.2f}" if flat["stance_p"] is not None else ""
            cells = [str(flat.get(name) or "")[:width].ljust(width) for name, width in TABLE_COLUMNS]
            out.write("  ".join(cells).rstrip() + "\n")
            if r.get("explain"):
                for task, feats in r["explain"].items():
                    out.write(f"    {task}: " + ", ".join(f"{f} ({w:+.2f})" for f, w in feats) + "\n")


def cmd_analyze(args) -> int:
    from .batch import run_batch

    fmt = args.format
    if args.output:
        if fmt == "table":
            raise StancekitError("--format table prints to the terminal; with -o choose jsonl, csv or parquet")
        sink = None
    else:
        if args.resume:
            raise StancekitError("--resume needs -o OUTPUT: the finished chunks are read from it")
        if fmt == "parquet":
            raise StancekitError("parquet is a binary format; write it to a file with -o out.parquet")
        fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
        header: list = []

        def sink(rows):
            _write(rows, fmt, sys.stdout, header_done=header)
            sys.stdout.flush()
    if args.input == "-":
        source = [(sys.stdin.read(), {"id": "stdin"})]
    elif not Path(args.input).exists():
        raise StancekitError(f"input {args.input!r} does not exist")
    else:
        source = args.input
    summary = run_batch(source, args.output, analyzer=_analyzer(args), fmt=fmt if args.output else None,
                        chunk_size=args.chunk_size, n_jobs=args.n_jobs, resume=args.resume, lang=args.lang,
                        text_col=args.text_col, id_col=args.id_col, date_col=args.date_col,
                        encoding=args.encoding, explain=args.explain, progress=args.progress, sink=sink)
    print(summary.line(), file=sys.stderr)
    return 1 if summary.errors and summary.errors == summary.documents else 0


def _train_streaming(args) -> int:
    """Two passes over the files, never holding the corpus: the label set, then batches with test-then-train."""
    from .persistence import fingerprint, save_model
    from .streaming import StreamingStatementClassifier
    from .training import iter_labelled, metrics

    def stream():
        for rec, label, _ in iter_labelled(args.corpus, args.text_col, args.label_col, sentence_col=args.sentence_col,
                                           lang_col=args.lang_col, encoding=args.encoding):
            yield {**rec, "_label": label}

    counts: dict = {}
    for rec in stream():
        counts[rec["_label"]] = counts.get(rec["_label"], 0) + 1
    if len(counts) < 2:
        raise StancekitError(f"the corpus has {'no rows' if not counts else 'one label only'}; a classifier needs "
                             "two or more labels")
    model = StreamingStatementClassifier(batch_size=args.batch_size)
    seen_true, seen_pred = [], []

    def batches():
        for Xb, yb in model.iter_batches(stream(), "_label"):
            if hasattr(model, "model_"):  # progressive validation: score each batch before learning from it
                seen_true.extend(yb)
                seen_pred.extend(str(p) for p in model.predict(Xb))
            yield Xb, yb

    model.fit_stream(batches(), classes=sorted(counts))
    scores = metrics(seen_true, seen_pred) if seen_true else {}
    if scores:
        scores["method"] = "progressive validation (each batch predicted before it was learned)"
        print(json.dumps({"progressive_macro_f1": scores["macro_f1"], "n_scored": scores["n"]}, indent=1))
    card = {"task": args.label_col, "languages": ["auto"], "label_counts": counts,
            "training_data": {"files": [str(p) for p in args.corpus], **fingerprint([str(p) for p in args.corpus]),
                              "n": sum(counts.values())},
            "scores": scores, "selection": {"streaming": True, "batch_size": model.batch_size}}
    save_model(model, args.output, card=card)
    print(f"saved {args.output}", file=sys.stderr)
    return 0


def cmd_label(args) -> int:
    from .persistence import load_default, load_model
    from .training import load_labelled

    records, _, _ = load_labelled(args.input, args.text_col, args.text_col, sentence_col=args.sentence_col,
                                  lang_col=args.lang_col, encoding=args.encoding)
    models = {}
    for task, path in (("stance", args.model), ("sentiment", args.sentiment_model)):
        models[task] = load_model(path, trusted=args.trust_model) if path else load_default(task)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    preds = {t: (m.predict(records), m.predict_proba(records).max(axis=1)) for t, m in models.items()}
    for i, rec in enumerate(records):
        row = dict(rec)
        for t, (y, p) in preds.items():
            row[t], row[f"{t}_p"] = str(y[i]), round(float(p[i]), 3)
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()
    return 0


def cmd_train(args) -> int:
    from .classifiers import StanceClassifier
    from .persistence import fingerprint, save_model
    from .training import cross_validate, fit_model, load_labelled

    if args.streaming:
        return _train_streaming(args)
    records, labels, groups = load_labelled(args.corpus, args.text_col, args.label_col, sentence_col=args.sentence_col,
                                            lang_col=args.lang_col, group_col=args.group_col, encoding=args.encoding)
    if args.group_col:
        from .grouped import GroupedClassifier

        model = GroupedClassifier(StanceClassifier(), fast=args.fast,
                                  average_labels=args.average_labels).fit(records, labels, groups=groups)
        info = {"groups": sorted(model.models_)}
    else:
        model, info = fit_model(records, labels, fast=args.fast, n_splits=args.folds,
                                average_labels=args.average_labels)
        cv = cross_validate(records, labels, estimator=model, n_splits=args.folds, average_labels=args.average_labels)
        info["cv"] = cv
        print(json.dumps({"cv_macro_f1": cv["macro_f1"], **({"cv_f_avg": cv["f_avg"]} if "f_avg" in cv else {}),
                          "best_params": info["best_params"]}, indent=1))
    card = {"task": args.label_col, "languages": sorted({r.get("lang") or "auto" for r in records}),
            "training_data": {"files": [str(p) for p in args.corpus], **fingerprint([str(p) for p in args.corpus]),
                              "n": len(records)},
            "scores": info.get("cv", {}), "selection": {k: v for k, v in info.items() if k != "cv"}}
    save_model(model, args.output, card=card)
    print(f"saved {args.output}", file=sys.stderr)
    return 0


def cmd_evaluate(args) -> int:
    from .persistence import load_model
    from .training import load_labelled, metrics

    model = load_model(args.model, trusted=args.trust_model)
    records, labels, groups = load_labelled(args.corpus, args.text_col, args.label_col, sentence_col=args.sentence_col,
                                            lang_col=args.lang_col, group_col=args.group_col, encoding=args.encoding)
    if args.group_col:
        pred = model.predict(records, groups=groups)
    else:
        pred = model.predict(records)
    m = metrics(labels, [str(p) for p in pred], average_labels=args.average_labels)
    text = json.dumps(m, indent=1)
    print(text)
    if args.output:
        Path(args.output).write_text(text + "\n")
    return 0


def cmd_report(args) -> int:
    from .report import write_report

    summary = write_report(args.results, args.output, top=args.top, freq=args.freq, n_boot=args.bootstrap,
                           seed=args.seed, min_count=args.min_count, include_neutral_events=args.neutral_events,
                           plots=not args.no_plots)
    print(f"stancekit: report on {summary['statements']} statements from {summary['documents']} documents "
          f"written to {args.output}/ ({', '.join(summary['files'])})", file=sys.stderr)
    return 0


def cmd_sample(args) -> int:
    from .report import load_statements
    from .validation import sample, write_sample

    rows, _ = load_statements(args.results)
    if not rows:
        raise StancekitError(f"{args.results!r} holds no statements to sample")
    chosen = sample(rows, args.n, None if args.stratify == "none" else args.stratify, seed=args.seed,
                    allocation=args.allocation)
    sheet, key = write_sample(chosen, args.output, key_path=args.key, blind=not args.show_model)
    print(f"stancekit: {len(chosen)} statements to code in {sheet} (fill code_1, and code_2 for a second coder); "
          f"the model's labels are in {key}", file=sys.stderr)
    return 0


def cmd_validate(args) -> int:
    from .validation import validate

    result = validate(args.coded, key=args.key, task=args.task, coder_cols=tuple(args.coder_cols),
                      gold_col=args.gold_col)
    text = json.dumps(result, indent=1)
    print(text)
    if args.output:
        Path(args.output).write_text(text + "\n")
    agree = result.get("agreement")
    print(f"stancekit: model vs {result['reference']}: accuracy {result['accuracy']:.3f}, macro-F1 "
          f"{result['macro_f1']:.3f} on {result['n']} coded statements ({result['not_coded']} not coded yet)"
          + (f"; coders agree {agree['percent']:.1%}, kappa {agree['cohen_kappa']:.3f}" if agree else ""),
          file=sys.stderr)
    return 0


def _common(p, models=True):
    p.add_argument("--lang", choices=["de", "en"], help="language (detected when omitted)")
    p.add_argument("--encoding", help="input encoding (default utf-8), e.g. cp1252")
    if models:
        p.add_argument("--model", help="stance model file (default: bundled)")
        p.add_argument("--sentiment-model", help="sentiment model file (default: bundled)")
        p.add_argument("--trust-model", action="store_true",
                       help="allow loading model files not shipped with stancekit (they contain a pickle)")


def _corpus_args(p):
    p.add_argument("--text-col", default="text")
    p.add_argument("--label-col", default="label")
    p.add_argument("--sentence-col")
    p.add_argument("--lang-col")
    p.add_argument("--group-col", help="one model per group (e.g. SemEval target)")
    p.add_argument("--average-labels", nargs="+", help="also report F_avg over these labels "
                   "(train: and choose the hyper-parameters by it)")


def build_parser() -> argparse.ArgumentParser:
    """The ``stancekit`` argument parser: one sub-command per job, each calling the public functions.

    Examples
    --------
    >>> args = build_parser().parse_args(["analyze", "a.txt", "--n-jobs", "2", "-o", "out.parquet"])
    >>> args.command, args.n_jobs, args.output, args.chunk_size
    ('analyze', 2, 'out.parquet', 100)
    """
    from . import __version__

    parser = argparse.ArgumentParser(prog="stancekit", description="Quoted statements, speakers, actors, stance "
                                     "and sentiment in German and English news.", epilog=EXAMPLES,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"stancekit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="find and label statements in articles", epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", help="a text/HTML file, a directory, a CSV/TSV/JSONL file, or - for stdin")
    p.add_argument("--format", choices=["table", "jsonl", "csv", "parquet"],
                   help="output format (default: table on a terminal, else jsonl; a file takes its suffix's)")
    p.add_argument("-o", "--output", help="output .jsonl/.csv/.parquet file, or a directory that keeps the "
                   "chunk files (default: stdout)")
    p.add_argument("--text-col", default="text", help="text column of CSV/JSONL input")
    p.add_argument("--id-col", help="id column of CSV/JSONL input (default: the row number)")
    p.add_argument("--date-col", help="date column of CSV/JSONL input, carried into every statement")
    p.add_argument("--n-jobs", type=int, default=1, help="worker processes (-1: one per core)")
    p.add_argument("--chunk-size", type=int, default=100,
                   help="documents per chunk: the unit of parallel work, writing and resuming")
    p.add_argument("--resume", action="store_true", help="continue an interrupted run into the same -o output")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: when stderr is a terminal)")
    p.add_argument("--explain", action="store_true", help="show the features behind each label")
    p.add_argument("--actors", help="extra gazetteer file (JSON, format of stancekit/data/actors.json)")
    p.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                   help=f"longest document analysed; longer ones become error rows (default {DEFAULT_MAX_CHARS:,})")
    _common(p)
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("label", help="classify statements that are already extracted")
    p.add_argument("input", nargs="+")
    p.add_argument("--text-col", default="text")
    p.add_argument("--sentence-col")
    p.add_argument("--lang-col")
    p.add_argument("-o", "--output")
    _common(p)
    p.set_defaults(func=cmd_label)

    p = sub.add_parser("train", help="train a classifier on a labelled corpus (CSV, TSV, JSONL)")
    p.add_argument("corpus", nargs="+")
    _corpus_args(p)
    p.add_argument("--fast", action="store_true", help="skip the hyper-parameter search")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--streaming", action="store_true",
                   help="hashing features + partial_fit in flat memory, for corpora larger than memory")
    p.add_argument("--batch-size", type=int, default=5000, help="statements per partial_fit batch (--streaming)")
    p.add_argument("-o", "--output", required=True, help="model file to write")
    p.add_argument("--encoding")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("evaluate", help="score a saved model on a labelled corpus")
    p.add_argument("model")
    p.add_argument("corpus", nargs="+")
    _corpus_args(p)
    p.add_argument("--trust-model", action="store_true")
    p.add_argument("--encoding")
    p.add_argument("-o", "--output", help="write the metrics as JSON")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("report", help="actor-level report of batch results: tables, plots, event export")
    p.add_argument("results", help="results of `stancekit analyze -o` (.jsonl, .csv, .parquet or a directory)")
    p.add_argument("-o", "--output", default="report", help="directory to write (default: report/)")
    p.add_argument("--top", type=int, default=15, help="actors, targets and dyads shown in tables and plots")
    p.add_argument("--freq", choices=["day", "week", "month", "year"], default="month", help="timeline period")
    p.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples for intervals (0: none)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--min-count", type=int, default=1, help="leave out actors with fewer statements")
    p.add_argument("--neutral-events", action="store_true", help="also export neutral statements as events")
    p.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("sample", help="stratified sample of batch results to hand-code (CSV)")
    p.add_argument("results")
    p.add_argument("-n", type=int, default=200, help="sample size")
    p.add_argument("--stratify", default="stance", help="field to stratify by (stance, sentiment, actor, none)")
    p.add_argument("--allocation", choices=["equal", "proportional"], default="equal")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--show-model", action="store_true", help="put the model's labels in the sheet (not blind)")
    p.add_argument("--key", help="key file with the model's labels (default: <output>.key.csv)")
    p.add_argument("-o", "--output", default="sample.csv")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("validate", help="score the model against hand codes; agreement between coders")
    p.add_argument("coded", help="the coding sheet from `stancekit sample`, filled in")
    p.add_argument("--key", help="key file (default: <coded>.key.csv)")
    p.add_argument("--task", default="stance", help="model label to score (stance or sentiment)")
    p.add_argument("--coder-cols", nargs="+", default=["code_1", "code_2"])
    p.add_argument("--gold-col", help="reference column (default: the first coder column)")
    p.add_argument("-o", "--output", help="write the scores as JSON")
    p.set_defaults(func=cmd_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 input error with a message, 2 usage error).

    Examples
    --------
    >>> main(["analyze", "no-such-file.txt"])
    1
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except StancekitError as exc:
        print(f"stancekit: error: {exc}", file=sys.stderr)
        return 1
    except (FileNotFoundError, PermissionError, IsADirectoryError) as exc:
        print(f"stancekit: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # pragma: no cover
        return 0


if __name__ == "__main__":
    sys.exit(main())
