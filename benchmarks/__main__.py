"""stancekit benchmark suite: ``python -m benchmarks [--quick] [--compare OLD.json]``.

Writes ``benchmarks/results/latest.json`` (or ``quick.json``), a Markdown
report and PNG plots. Every figure records the data that produced it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import data as shared  # noqa: E402
from stancekit import Analyzer, SentimentClassifier, StanceClassifier, __version__, extract_statements  # noqa: E402
from stancekit.datasets import load_articles, load_corpus  # noqa: E402
from stancekit.extract.scoring import overlap_match, score_articles  # noqa: E402
from stancekit.features import StatementFeatures, _lexicon_counts  # noqa: E402
from stancekit.training import metrics  # noqa: E402

SEED = 0


# ----------------------------------------------------------------------------- extraction

def bench_articles():
    out = {}
    for lang in ("de", "en"):
        scores = score_articles(load_articles(lang), lang)
        scores["misses"] = len(scores["misses"])
        out[lang] = scores
    out["data"] = "stancekit authored articles (40 de + 40 en, gold written before tuning)"
    return out


def bench_seed():
    if not shared.available():
        return {"skipped": "../shared not found"}
    text = (shared.SHARED / "seed" / "article_de.txt").read_text(encoding="utf-8")
    gold = [json.loads(l) for l in (shared.SHARED / "seed" / "gold.jsonl").read_text().splitlines()]
    found = list(extract_statements(text))
    ok = sum(any(overlap_match(g["text"], s.text) and s.speaker == g["speaker"] and s.actor == g["actor"]
                 and s.kind == g["kind"] for s in found) for g in gold)
    spurious = sum(not any(overlap_match(g["text"], s.text) for g in gold) for s in found)
    return {"gold": len(gold), "correct": ok, "spurious": spurious, "data": "../shared/seed"}


_ACTOR_ALIASES = {"united kingdom": "uk", "britain": "uk", "united states": "usa", "us": "usa", "u.s.": "usa",
                  "european union": "eu", "russian federation": "russia"}


def _norm_actor(a):
    a = (a or "").strip().lower()
    return _ACTOR_ALIASES.get(a, a)


def bench_realnews_extraction(recs):
    out = {}
    for lang in ("de", "en"):
        sub = [r for r in recs if r["lang"] == lang and not r["speaker_from_title"]]
        found = spk = act = act_n = 0
        for r in sub:
            ctx = r.get("context") or r["sentence"]
            try:
                sts = list(extract_statements(ctx, lang))
            except ValueError:
                sts = []
            hit = [s for s in sts if overlap_match(r["text"], s.text)]
            if hit:
                found += 1
                last = r["speaker"].split()[-1].lower() if r["speaker"] else ""
                good = [s for s in hit if last and last in s.speaker.lower()]
                spk += bool(good)
                if r["actor"]:
                    act_n += 1
                    act += _norm_actor((good or hit)[0].actor) == _norm_actor(r["actor"])
        out[lang] = {"n": len(sub), "statement_found": round(found / max(len(sub), 1), 3),
                     "found_and_speaker": round(spk / max(len(sub), 1), 3),
                     "actor_acc_of_found": round(act / max(act_n, 1), 3)}
    out["data"] = "../shared/data/realnews/dev.jsonl, records with speaker_from_title false, analysed in their context"
    return out


# ----------------------------------------------------------------------------- classification

def lexicon_rule(recs, task):
    """Lexicon-only baseline: counts of the shipped cue lexicons, no learning."""
    out = []
    for r in recs:
        c = _lexicon_counts(r["text"], r.get("lang") or "en")
        if task == "stance":
            thr = c["lex:threat"] + c["lex:consequence"]
            coop = c["lex:cooperation"]
            out.append("threatening" if thr > coop and thr > 0 else "cooperative" if coop > 0 else "neutral")
        else:
            pol = c["lex:positive"] - c["lex:negative"]
            out.append("positive" if pol > 0 else "negative" if pol < 0 else "neutral")
    return out


def vader_labels(texts):
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    sia = SentimentIntensityAnalyzer()
    return [shared.vader_label(sia.polarity_scores(t)["compound"] * 4) for t in texts]


def _eval_block(train_X, train_y, test, task, lang_split=True):
    Est = StanceClassifier if task == "stance" else SentimentClassifier
    model = Est(features=StatementFeatures(max_features=20000)).fit(train_X, train_y)
    res = {}
    for lang in ("de", "en"):
        sub = [r for r in test if r["lang"] == lang]
        if not sub:
            continue
        y = [r[task] for r in sub]
        pred = [str(p) for p in model.predict(sub)]
        entry = {"model": metrics(y, pred), "majority": metrics(y, [Counter(train_y).most_common(1)[0][0]] * len(y)),
                 "lexicon_rules": metrics(y, lexicon_rule(sub, task))}
        if task == "sentiment" and lang == "en":
            v = vader_labels([r["text"] for r in sub])
            if v:
                entry["vaderSentiment"] = metrics(y, v)
        res[lang] = entry
    return res


def bench_corpus():
    train, test = load_corpus(split="train"), load_corpus(split="test")
    return {task: _eval_block(train, [r[task] for r in train], test, task) for task in ("stance", "sentiment")} | {
        "data": f"stancekit corpus: train split ({len(train)}) -> test split ({len(test)}), split by story cluster"}


def bench_realnews_classification(recs, quick):
    from scripts.build_default_models import fit_pair, training_sets
    from sklearn.model_selection import GroupKFold

    corpus = load_corpus()
    out = {"authored_only": {}, "grouped_cv_with_real": {}}
    for task in ("stance", "sentiment"):
        out["authored_only"][task] = _eval_block(corpus, [r[task] for r in corpus], recs, task)
    # The default recipe, cross-validated with the real data held out by document.
    trainable_ids = {r["id"] for r in shared.realnews_trainable(recs)}
    preds = {"stance": np.empty(len(recs), dtype=object), "sentiment": np.empty(len(recs), dtype=object)}
    n_splits = 3 if quick else 5
    for tr, te in GroupKFold(n_splits=n_splits).split(recs, groups=[r["doc"] for r in recs]):
        real_train = [recs[i] for i in tr if recs[i]["id"] in trainable_ids]
        st_X, st_y, se_X, se_y, se_w, _ = training_sets(realnews=real_train, aux=not quick)
        stance, sentiment = fit_pair(st_X, st_y, se_X, se_y, se_w)
        test = [recs[i] for i in te]
        preds["stance"][te] = stance.predict(test)
        preds["sentiment"][te] = sentiment.predict(test)
    for task in ("stance", "sentiment"):
        res = {}
        for lang in ("de", "en", "all"):
            idx = [i for i, r in enumerate(recs) if lang == "all" or r["lang"] == lang]
            res[lang] = metrics([recs[i][task] for i in idx], [str(preds[task][i]) for i in idx])
        out["grouped_cv_with_real"][task] = res
    out["data"] = (f"../shared/data/realnews/dev.jsonl ({len(recs)}); grouped_cv_with_real: default recipe "
                   f"(authored corpus + trainable real records of other documents{'' if quick else ' + VADER/GerNTSA'}), "
                   f"GroupKFold({n_splits}) on doc")
    return out


def bench_vader_nyt(quick):
    from sklearn.model_selection import StratifiedKFold

    recs = shared.vader_nyt()
    if quick:
        recs = recs[::5]
    y = np.array([r["sentiment"] for r in recs])
    pred = np.empty(len(y), dtype=object)
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=SEED).split(recs, y):
        m = SentimentClassifier(features=StatementFeatures(max_features=50000, context=False), C=2.0).fit(
            [recs[i] for i in tr], y[tr])
        pred[te] = m.predict([recs[i] for i in te])
    out = {"model_5fold": metrics(list(y), [str(p) for p in pred])}
    v = vader_labels([r["text"] for r in recs])
    if v:
        out["vaderSentiment"] = metrics(list(y), v)
    out["data"] = f"VADER nytEditorialSnippets ({len(recs)}), gold mean/4 split at +-0.05"
    return out


def bench_semeval():
    import csv

    from stancekit.grouped import GroupedClassifier

    def read(split):
        rows = list(csv.DictReader(open(shared.semeval(split), encoding="cp1252"), delimiter="\t"))
        return [{"text": r["Tweet"], "lang": "en"} for r in rows], [r["Stance"] for r in rows], [r["Target"] for r in rows]

    X, y, g = read("train")
    X2, y2, g2 = read("trial")
    Xt, yt, gt = read("test")
    model = GroupedClassifier(StanceClassifier(features=StatementFeatures(context=False, lexicon=False,
                                                                         char_ngram_range=(2, 5), min_df=1)),
                              fast=False).fit(X + X2, y + y2, groups=g + g2)
    pred = model.predict(Xt, groups=gt)
    m = metrics(yt, [str(p) for p in pred], average_labels=["FAVOR", "AGAINST"])
    return {"model": m, "published": {"organisers_svm": 68.98, "mitre": 67.82, "majority": 65.22},
            "data": "SemEval-2016 task 6A: train+trial -> test, one model per target, C chosen by 5-fold CV"}


# ----------------------------------------------------------------------------- throughput

def _rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_speed(quick):
    out = {}
    t = time.perf_counter()
    an = Analyzer()
    out["model_load_s"] = round(time.perf_counter() - t, 3)
    corpus = load_corpus()
    sents = [{"text": r["text"], "sentence": r["sentence"], "lang": r["lang"], "kind": r["kind"], "cue": r["cue"]}
             for r in corpus]
    st, se = an.stance_model, an.sentiment_model
    t = time.perf_counter()
    Xf = st.features_.transform(sents)
    st.head_.predict_proba(Xf)
    se.head_.predict_proba(Xf)
    dt = time.perf_counter() - t
    out["batch_both_labels_per_s"] = round(len(sents) / dt, 1)
    lat = []
    for s in sents[:300]:
        t = time.perf_counter()
        Xs = st.features_.transform([s])
        st.head_.predict_proba(Xs)
        se.head_.predict_proba(Xs)
        lat.append((time.perf_counter() - t) * 1000)
    out["single_latency_ms"] = {"p50": round(statistics.median(lat), 3), "p99": round(float(np.percentile(lat, 99)), 3)}
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        sia = SentimentIntensityAnalyzer()
        t = time.perf_counter()
        for s in sents:
            sia.polarity_scores(s["text"])
        vd = time.perf_counter() - t
        out["vader_per_s"] = round(len(sents) / vd, 1)
        out["ratio_ours_to_vader"] = round(out["batch_both_labels_per_s"] / out["vader_per_s"], 2)
    except ImportError:
        pass
    arts = load_articles()
    text_mb = sum(len(a["text"].encode()) for a in arts) / 1e6
    t = time.perf_counter()
    for a in arts:
        an.analyze(a["text"], a["lang"])
    dt = time.perf_counter() - t
    out["end_to_end"] = {"articles_per_s": round(len(arts) / dt, 1), "mb_per_s": round(text_mb / dt, 3)}
    t = time.perf_counter()
    for a in arts:
        list(extract_statements(a["text"], a["lang"]))
    out["extraction_mb_per_s"] = round(text_mb / (time.perf_counter() - t), 3)
    # scaling with input size, ordinary and adversarial
    base = "\n\n".join(a["text"] for a in arts if a["lang"] == "de")
    sizes = [1_000, 10_000, 100_000, 1_000_000] + ([] if quick else [10_000_000])
    hostile = {"ordinary": lambda n: (base * (n // len(base) + 1))[:n], "quote_marks": lambda n: "»„\"'«“" * (n // 6),
               "no_sentence_end": lambda n: ("und dann sagte er " * (n // 18 + 1))[:n],
               "nested_quotes": lambda n: ("»„‚" * (n // 6)) + ("‘“«" * (n // 6))}
    scaling = {}
    for name, make in hostile.items():
        rows = []
        for n in sizes:
            if name != "ordinary" and n > 1_000_000:
                continue
            txt = make(n)
            t = time.perf_counter()
            list(extract_statements(txt, "de"))
            rows.append({"bytes": len(txt.encode()), "seconds": round(time.perf_counter() - t, 4)})
        scaling[name] = rows
    out["scaling"] = scaling
    out["peak_rss_mb"] = round(_rss_mb(), 1)
    out["data"] = "stancekit corpus statements and articles; one process, one core"
    return out


# ----------------------------------------------------------------------------- report

def write_report(res, path_md, plots_dir):
    lines = [f"# stancekit benchmark report ({res['meta']['mode']})", "",
             f"stancekit {res['meta']['stancekit']}, {res['meta']['date']}, {res['meta']['machine']}", ""]

    def f1(d):
        return f"{d['macro_f1']:.3f}"

    if "corpus" in res:
        lines += ["## Authored corpus test split (macro-F1)", "", "| task | lang | model | majority | lexicon rules | vaderSentiment |",
                  "|---|---|---|---|---|---|"]
        for task in ("stance", "sentiment"):
            for lang, e in res["corpus"][task].items():
                lines.append(f"| {task} | {lang} | {f1(e['model'])} | {f1(e['majority'])} | {f1(e['lexicon_rules'])} | "
                             f"{f1(e['vaderSentiment']) if 'vaderSentiment' in e else ''} |")
        lines.append("")
    if "realnews_classification" in res:
        rc = res["realnews_classification"]
        lines += ["## Real statements (realnews dev, macro-F1)", "", "| task | lang | default recipe, GroupKFold by doc | threatening F1 | authored corpus only | majority | lexicon rules |",
                  "|---|---|---|---|---|---|---|"]
        for task in ("stance", "sentiment"):
            for lang in ("de", "en"):
                g = rc["grouped_cv_with_real"][task][lang]
                a = rc["authored_only"][task][lang]
                thr = g["per_class"].get("threatening", {}).get("f1", "") if task == "stance" else ""
                lines.append(f"| {task} | {lang} | {f1(g)} | {thr} | {f1(a['model'])} | {f1(a['majority'])} | {f1(a['lexicon_rules'])} |")
            lines.append(f"| {task} | both | {f1(rc['grouped_cv_with_real'][task]['all'])} | | | | |")
        lines.append("")
    for key, title in (("vader_nyt", "VADER NYT editorial snippets (sentiment)"), ("semeval", "SemEval-2016 task 6A")):
        if key in res and "model" in str(res[key]):
            lines += [f"## {title}", "", "```", json.dumps({k: (v.get("macro_f1"), v.get("f_avg")) if isinstance(v, dict) and "macro_f1" in v else v
                                                             for k, v in res[key].items()}, indent=1), "```", ""]
    for key in ("seed", "articles", "realnews_extraction"):
        if key in res:
            lines += [f"## Extraction: {key}", "", "```", json.dumps(res[key], indent=1), "```", ""]
    if "speed" in res:
        s = dict(res["speed"])
        s.pop("scaling", None)
        lines += ["## Throughput", "", "```", json.dumps(s, indent=1), "```", "", "![scaling](scaling.png)", ""]
    path_md.write_text("\n".join(lines) + "\n")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        if "speed" in res:
            fig, ax = plt.subplots(figsize=(6, 4))
            for name, rows in res["speed"]["scaling"].items():
                ax.loglog([r["bytes"] for r in rows], [max(r["seconds"], 1e-5) for r in rows], marker="o", label=name)
            ax.set_xlabel("input bytes")
            ax.set_ylabel("extraction seconds")
            ax.set_title("Extraction time vs input size")
            ax.legend()
            fig.tight_layout()
            fig.savefig(plots_dir / "scaling.png", dpi=90)
            plt.close(fig)
        if "corpus" in res:
            fig, ax = plt.subplots(figsize=(7, 4))
            labels, ours, base = [], [], []
            for task in ("stance", "sentiment"):
                for lang, e in res["corpus"][task].items():
                    labels.append(f"{task}-{lang}")
                    ours.append(e["model"]["macro_f1"])
                    base.append(e["lexicon_rules"]["macro_f1"])
            x = np.arange(len(labels))
            ax.bar(x - 0.2, ours, 0.4, label="stancekit")
            ax.bar(x + 0.2, base, 0.4, label="lexicon rules")
            ax.set_xticks(x, labels)
            ax.set_ylabel("macro-F1")
            ax.legend()
            fig.tight_layout()
            fig.savefig(plots_dir / "accuracy.png", dpi=90)
            plt.close(fig)
    except ImportError:
        pass


def compare(old_path, new):
    old = json.loads(Path(old_path).read_text())

    def walk(a, b, prefix=""):
        if isinstance(a, dict) and isinstance(b, dict):
            for k in sorted(set(a) | set(b)):
                walk(a.get(k), b.get(k), f"{prefix}.{k}" if prefix else k)
        elif isinstance(a, (int, float)) and isinstance(b, (int, float)) and a != b and "seconds" not in prefix:
            print(f"{prefix}: {a} -> {b} ({b - a:+.4g})")

    walk(old, new)


def main(argv=None):
    ap = argparse.ArgumentParser(description="stancekit benchmark suite")
    ap.add_argument("--quick", action="store_true", help="a run of a few minutes (smoke test)")
    ap.add_argument("--out", help="results directory (default benchmarks/results)")
    ap.add_argument("--compare", help="an older results JSON to diff against")
    args = ap.parse_args(argv)
    outdir = Path(args.out) if args.out else ROOT / "benchmarks" / "results"
    outdir.mkdir(parents=True, exist_ok=True)
    import sklearn

    res = {"meta": {"stancekit": __version__, "scikit-learn": sklearn.__version__, "numpy": np.__version__,
                    "python": platform.python_version(), "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                    "date": time.strftime("%Y-%m-%d"), "mode": "quick" if args.quick else "full", "seed": SEED}}
    t0 = time.perf_counter()
    res["articles"] = bench_articles()
    res["corpus"] = bench_corpus()
    res["speed"] = bench_speed(args.quick)
    if shared.available():
        recs = shared.realnews()
        res["seed"] = bench_seed()
        res["realnews_extraction"] = bench_realnews_extraction(recs)
        res["realnews_classification"] = bench_realnews_classification(recs, args.quick)
        res["vader_nyt"] = bench_vader_nyt(args.quick)
        if not args.quick:
            res["semeval"] = bench_semeval()
    else:
        res["skipped"] = f"third-party data not found at {shared.SHARED}"
    res["meta"]["runtime_s"] = round(time.perf_counter() - t0, 1)
    name = "quick" if args.quick else "latest"
    (outdir / f"{name}.json").write_text(json.dumps(res, indent=1, default=str) + "\n")
    write_report(res, outdir / f"{name}.md", outdir)
    if args.compare:
        compare(args.compare, res)
    print(f"wrote {outdir / (name + '.json')} in {res['meta']['runtime_s']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
