"""Markdown report and PNG plots from a results dict (``benchmarks/__main__.py`` writes both).

Every section is rendered with the data that produced it; baselines and
published figures stand beside ours. A section without a renderer here is
shown as JSON, so a new section appears in the report without changes.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

#: Published reference figures (from ../shared/README.md), shown beside ours where a section has them.
VADER_PUBLISHED = {"Hutto & Gilbert 2014, VADER (F1, 3 classes)": 0.55, "single human rater (F1)": 0.65}


def _f(x, nd=3):
    if x is None or x == "":
        return ""
    if isinstance(x, float):
        return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.1f}" if abs(x) >= 10 else f"{x:.{nd}f}"
    return str(x)


def _mf1(d):
    return _f(d.get("macro_f1")) if isinstance(d, dict) and "macro_f1" in d else (
        f"skipped: {d['skipped']}" if isinstance(d, dict) and "skipped" in d else "")


def _table(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(_f(c) for c in r) + " |" for r in rows]
    return out + [""]


def _data(sec):
    return [f"Data: {sec['data']}", ""] if isinstance(sec, dict) and sec.get("data") else []


# ----------------------------------------------------------------------------- section renderers

def r_articles(s):
    rows = [[lang, s[lang]["precision"], s[lang]["recall"], s[lang]["f1"], s[lang]["speaker_acc_of_found"],
             s[lang]["gold"]] for lang in ("de", "en") if lang in s]
    return _table(["lang", "precision", "recall", "F1", "speaker acc. of found", "gold statements"], rows)


def r_seed(s):
    return _table(["gold statements", "right speaker, actor, kind", "spurious"], [[s["gold"], s["correct"], s["spurious"]]])


def r_realnews_extraction(s):
    rows = [[lang, s[lang]["n"], s[lang]["statement_found"], s[lang]["found_and_speaker"],
             s[lang]["actor_acc_of_found"]] for lang in ("de", "en") if lang in s]
    return _table(["lang", "records", "statement found", "found with right speaker", "actor acc. of found"], rows)


def _prf(d):
    return f"{d['precision']:.3f} / {d['recall']:.3f} / **{d['f1']:.3f}**"


def r_attribution(s):
    lines = ["Statement detection, speaker and cue, each precision / recall / **F1** "
             f"(scoring: {s.get('scoring', '')}).", ""]
    rows = []
    for corpus in ("polnear", "spkatt2023", "redewiedergabe"):
        c = s.get(corpus)
        if not c:
            continue
        if "skipped" in c:
            rows.append([corpus, "", "", "", f"skipped: {c['skipped']}", "", "", ""])
            continue
        for subset, r in c.items():
            if not isinstance(r, dict) or "statements" not in r:
                continue
            rows.append([corpus, subset, r["docs"], r["statements"]["n_gold"], _prf(r["statements"]),
                         _prf(r["speaker"]), _f(r["speaker"]["accuracy_of_matched"]), _prf(r["cue"])])
    ref = s.get("reference", {}).get("parc3_citron")
    if ref:
        rows.append(["*PARC3 (published)*", "citron CRF chain", "", "",
                     f"content overlap F1 {ref['content_overlap_f1'] / 100:.3f}",
                     f"exact-span F1 {ref['speaker_exact_f1'] / 100:.3f}", "", f"F1 {ref['cue_f1'] / 100:.3f}"])
    lines += _table(["corpus", "subset", "docs", "gold statements", "statements P / R / F1", "speaker P / R / F1",
                     "speaker acc. of matched", "cue P / R / F1"], rows)
    if ref:
        lines += [f"Reference: {ref['note']}.", ""]
    kinds = []
    for corpus in ("polnear", "spkatt2023", "redewiedergabe"):
        r = (s.get(corpus) or {}).get("all")
        if isinstance(r, dict) and "recall_by_gold_kind" in r:
            for k, v in r["recall_by_gold_kind"].items():
                kinds.append([corpus, "gold " + k, v["gold"], "recall", v["recall"]])
            for k, v in r["precision_by_found_kind"].items():
                kinds.append([corpus, "found " + k, v["found"], "precision", v["precision"]])
    if kinds:
        lines += ["Per kind (gold kinds: PolNeAR and SpkAtt by quotation marks in the content span, Redewiedergabe "
                  "by its own labels; found kinds are stancekit's):", ""]
        lines += _table(["corpus", "kind", "n", "measure", "value"], kinds)
    for corpus in ("polnear", "spkatt2023", "redewiedergabe"):
        c = s.get(corpus)
        if isinstance(c, dict) and "data" in c:
            lines += [f"- **{corpus}**: {c['data']}; {c.get('sample', '')}; "
                      f"{c.get('seconds', '')} s ({c.get('chars_per_s', '')} chars/s, extraction and scoring)"]
    return lines + ["", "![attribution](attribution.png)", ""]


def r_corpus(s):
    rows = []
    for task in ("stance", "sentiment"):
        for lang, e in s[task].items():
            rows.append([task, lang, _mf1(e["model"]), _mf1(e["majority"]), _mf1(e["lexicon_rules"]),
                         _mf1(e["vaderSentiment"]) if "vaderSentiment" in e else ""])
    return _table(["task", "lang", "stancekit", "majority", "lexicon rules", "vaderSentiment"], rows) + [
        "![accuracy](accuracy.png)", ""]


def r_realnews_classification(s):
    rows = []
    for task in ("stance", "sentiment"):
        for lang in ("de", "en"):
            g = s["grouped_cv_with_real"][task][lang]
            a = s["authored_only"][task][lang]
            thr = g["per_class"].get("threatening", {}).get("f1", "") if task == "stance" else ""
            rows.append([task, lang, _mf1(g), thr, _mf1(a["model"]), _mf1(a["majority"]), _mf1(a["lexicon_rules"])])
        rows.append([task, "both", _mf1(s["grouped_cv_with_real"][task]["all"]), "", "", "", ""])
    return _table(["task", "lang", "default recipe, GroupKFold by doc", "threatening F1", "authored corpus only",
                   "majority", "lexicon rules"], rows)


def r_vader_nyt(s):
    rows = [["stancekit, 5-fold CV", _mf1(s["model_5fold"])]]
    if "vaderSentiment" in s:
        rows.append(["vaderSentiment 3.3.2 (same run)", _mf1(s["vaderSentiment"])])
    rows += [[f"*{k}* (published)", v] for k, v in VADER_PUBLISHED.items()]
    return _table(["system", "macro-F1"], rows)


def r_semeval(s):
    rows = [["stancekit (one model per target)", s["model"].get("f_avg")]]
    rows += [[f"*{k}* (published)", v / 100] for k, v in s.get("published", {}).items()]
    return _table(["system", "F_avg (FAVOR, AGAINST)"], rows)


def r_gerntsa(s):
    names = [("recipe_with_gerntsa_train", "stancekit default recipe retrained, GerNTSA train part as aux (held out)"),
             ("recipe_without_gerntsa", "stancekit default recipe retrained without GerNTSA (held out)"),
             ("gerntsa_train_only", "stancekit SentimentClassifier on the GerNTSA train part only (held out)"),
             ("lexicon_rules", "lexicon rules (shipped German lexicon, no learning)"),
             ("majority", "majority class"),
             ("shipped_default_seen_in_training", "shipped default model (**saw these sentences: not held out**)")]
    rows = [[label, _mf1(s[k]), _f(s[k].get("accuracy")) if isinstance(s.get(k), dict) else ""]
            for k, label in names if k in s]
    return _table(["system", "macro-F1", "accuracy"], rows) + [
        f"Test part: {s.get('n_test')} sentences {s.get('test_labels', '')}; train part {s.get('n_train')}.", ""]


def r_peer(s):
    lines = []
    if "corpus" in s:
        rows = [[task, lang, _mf1(e)] for task, d in s["corpus"].items() for lang, e in d.items()]
        lines += _table(["task", "lang", "MiniLM + LogisticRegression macro-F1"], rows)
        lines += ["stancekit's figures on the same split: section *corpus* above.", ""]
    if "gerntsa" in s:
        lines += [f"GerNTSA held-out split (section *gerntsa*): macro-F1 {_mf1(s['gerntsa'])}.", ""]
    if "embed_statements_per_s" in s:
        lines += [f"Embedding speed: {s['embed_statements_per_s']} statements/s.", ""]
    return lines


def r_speed(s):
    lines = []
    rows = [["model load", f"{s.get('model_load_s')} s"],
            ["batch classification, both labels", f"{s.get('batch_both_labels_per_s')} statements/s"],
            ["vaderSentiment, same statements", f"{s.get('vader_per_s', '')} statements/s"],
            ["single statement latency p50 / p99", f"{s['single_latency_ms']['p50']} / {s['single_latency_ms']['p99']} ms"],
            ["end-to-end analysis, one call per article", f"{s['end_to_end']['articles_per_s']} articles/s, {s['end_to_end']['mb_per_s']} MB/s"],
            ["end-to-end analysis, batch path (chunks of 100 articles)",
             f"{s.get('end_to_end_batch', {}).get('articles_per_s')} articles/s, "
             f"{s.get('end_to_end_batch', {}).get('mb_per_s')} MB/s"],
            ["extraction only, first pass (fresh process)", f"{s.get('extraction_mb_per_s')} MB/s"],
            ["extraction only, repeat pass over the same articles (warm caches)",
             f"{s.get('extraction_repeat_mb_per_s')} MB/s"],
            ["peak RSS, full pipeline in a fresh process", f"{s.get('peak_rss_mb')} MB"],
            ["peak RSS, whole benchmark process so far", f"{s.get('benchmark_process_peak_rss_mb')} MB"]]
    lines += _table(["measure", "figure"], rows)
    sc = s.get("scaling", {})
    if sc.get("ordinary"):
        kinds = [k for k in sc if k != "ordinary"]
        head = ["input bytes", "ordinary s"] + [f"{k} s (x ordinary)" for k in kinds]
        rows = []
        for i, o in enumerate(sc["ordinary"]):
            row = [o["bytes"], f"{o['seconds']:.4f}"]
            for k in kinds:
                r = sc[k][i] if i < len(sc[k]) else None
                row.append(f"{r['seconds']:.4f} ({r['seconds'] / max(o['seconds'], 1e-9):.2f}x)" if r else "")
            rows.append(row)
        lines += ["Extraction time, adversarial text beside ordinary text of the same size:", ""]
        lines += _table(head, rows)
        if s.get("scaling_data"):
            lines += [f"Inputs: {s['scaling_data']}.", ""]
        lines += ["![scaling](scaling.png)", ""]
    return lines


def r_scaling(s):
    rows = [[r["n_jobs"], r.get("run", ""), r["seconds"], r["articles_per_s"], r["mb_per_s"], r["speedup"],
             r.get("load_avg_1min_before", "")] for r in s["rows"]]
    best = ", ".join(f"{k}: {v}x" for k, v in s.get("best_speedup", {}).items())
    return _table(["n_jobs", "run", "seconds", "articles/s", "MB/s", "speed-up", "load avg before"], rows) + [
        f"{s['articles']} articles ({s['mb']} MB), {s['cpu_count']} cores; best run per setting: {best}.", ""]


def r_corpus_scale(s):
    b, st = s["batch"], s["streaming"]
    rows = [[n, r["documents"], r["statements"], r["errors"], r["seconds"], r["articles_per_s"], r["mb_per_s"]]
            for n, r in b["runs"].items()]
    lines = _table(["n_jobs", "documents", "statements", "errors", "seconds", "articles/s", "MB/s"], rows)
    lines += [f"`stancekit analyze` path (`run_batch`, chunks of {b['chunk_size']}, JSONL written through temporary "
              f"files): speed-up with 2 jobs {b['speedup_2_jobs']}x on {b['cores']} cores; output identical across "
              f"n_jobs: {b['identical_output']}.", ""]
    rss = st["rss_mb_samples"]
    lines += [f"Streaming training (`StreamingStatementClassifier.fit_stream`): {st['statements']:,} statements in "
              f"{st['seconds']} s ({st['statements_per_s']:,}/s); resident memory {st['rss_mb_before']} MB before, "
              f"{rss[0][1] if rss else ''} MB after the first batch, {rss[-1][1] if rss else ''} MB at the end "
              f"(growth over the second half: {st['rss_mb_growth_second_half']} MB); stance macro-F1 on the "
              f"authored test split {st['test_macro_f1']}; saved model card, predict_proba and explain checked: "
              f"{st['api']['reloaded_predictions_equal'] and st['api']['predict_proba_rows_sum_to_1']}.", ""]
    return lines


RENDERERS = {"articles": ("Extraction: authored articles", r_articles),
             "seed": ("Extraction: seed article", r_seed),
             "realnews_extraction": ("Extraction: real statements in context", r_realnews_extraction),
             "attribution": ("Extraction and attribution on third-party corpora", r_attribution),
             "corpus": ("Classification: authored corpus test split (macro-F1)", r_corpus),
             "realnews_classification": ("Classification: real statements (realnews dev, macro-F1)",
                                         r_realnews_classification),
             "vader_nyt": ("Sentiment: VADER NYT editorial snippets", r_vader_nyt),
             "semeval": ("Stance: SemEval-2016 task 6A", r_semeval),
             "gerntsa": ("Sentiment: GerNTSA held-out split (German news)", r_gerntsa),
             "peer": ("Peer: all-MiniLM-L6-v2 embeddings + logistic regression", r_peer),
             "speed": ("Throughput", r_speed),
             "scaling": ("Batch scaling: Analyzer.analyze_many n_jobs", r_scaling),
             "corpus_scale": ("Corpus scale: batch runs and streaming training", r_corpus_scale)}

#: Report order: extraction, classification, speed; unknown sections last.
ORDER = ["seed", "articles", "realnews_extraction", "attribution", "corpus", "realnews_classification", "vader_nyt",
         "semeval", "gerntsa", "peer", "speed", "scaling", "corpus_scale"]


def write_report(res: dict, path_md: Path, plots_dir: Path) -> None:
    meta = res["meta"]
    lines = [f"# stancekit benchmark report ({meta['mode']})", "",
             f"stancekit {meta['stancekit']}, scikit-learn {meta.get('scikit-learn', '')}, {meta['date']}, "
             f"{meta['machine']}; run time {meta.get('runtime_s', '')} s; git {meta.get('git')}; "
             f"third-party data: {meta.get('shared') or 'not found'}", ""]
    sections = [k for k in ORDER if k in res] + [k for k in res if k not in ORDER and k not in ("meta", "skipped")]
    # contents: every section, its data and status
    rows = []
    for k in sections:
        sec = res[k]
        title = RENDERERS.get(k, (k,))[0]
        status = f"skipped: {sec['skipped']}" if isinstance(sec, dict) and "skipped" in sec else "measured"
        secs = meta.get("section_seconds", {}).get(k, "")
        data = sec.get("data", "") if isinstance(sec, dict) else ""
        rows.append([f"[{title}](#{k})", status, secs, data.split(";")[0]])
    lines += _table(["section", "status", "seconds", "data"], rows)
    for k in sections:
        sec = res[k]
        title, render = RENDERERS.get(k, (k, None))
        lines += [f'<a id="{k}"></a>', f"## {title}", ""]
        if isinstance(sec, dict) and "skipped" in sec:
            lines += [f"Skipped: {sec['skipped']}", ""]
            continue
        lines += _data(sec)
        try:
            lines += render(sec) if render else ["```", json.dumps(sec, indent=1, default=str), "```", ""]
        except (KeyError, TypeError, IndexError) as e:  # a renderer out of step with its section: show the data
            lines += [f"(table not rendered: {type(e).__name__}: {e})", "```", json.dumps(sec, indent=1, default=str),
                      "```", ""]
    # the full run's plots keep plain names; other runs (quick, --only) prefix theirs so they never overwrite them
    prefix = "" if path_md.stem == "latest" else f"{path_md.stem}-"
    text = "\n".join(lines) + "\n"
    for plot in PLOTS:
        text = text.replace(f"]({plot})", f"]({prefix}{plot})")
    path_md.write_text(text)
    write_plots(res, plots_dir, prefix)


#: The plots a report links to.
PLOTS = ("scaling.png", "accuracy.png", "attribution.png")


def write_plots(res: dict, plots_dir: Path, prefix: str = "") -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    speed = res.get("speed")
    if isinstance(speed, dict) and speed.get("scaling"):
        fig, ax = plt.subplots(figsize=(6, 4))
        for name, rows in speed["scaling"].items():
            ax.loglog([r["bytes"] for r in rows], [max(r["seconds"], 1e-5) for r in rows], marker="o", label=name)
        ax.set_xlabel("input bytes")
        ax.set_ylabel("extraction seconds")
        ax.set_title("Extraction time vs input size")
        ax.legend()
        fig.tight_layout()
        fig.savefig(plots_dir / f"{prefix}scaling.png", dpi=90)
        plt.close(fig)
    corpus = res.get("corpus")
    if isinstance(corpus, dict) and "stance" in corpus:
        fig, ax = plt.subplots(figsize=(7, 4))
        labels, ours, base = [], [], []
        for task in ("stance", "sentiment"):
            for lang, e in corpus[task].items():
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
        fig.savefig(plots_dir / f"{prefix}accuracy.png", dpi=90)
        plt.close(fig)
    att = res.get("attribution")
    if isinstance(att, dict) and "skipped" not in att:
        labels, vals = [], {"statements": [], "speaker": [], "cue": []}
        for corpus_name in ("polnear", "spkatt2023", "redewiedergabe"):
            r = (att.get(corpus_name) or {}).get("all")
            if isinstance(r, dict) and "statements" in r:
                labels.append(corpus_name)
                for k in vals:
                    vals[k].append(r[k]["f1"])
        ref = att.get("reference", {}).get("parc3_citron")
        if labels:
            fig, ax = plt.subplots(figsize=(7, 4))
            x = np.arange(len(labels))
            for i, (k, v) in enumerate(vals.items()):
                ax.bar(x + (i - 1) * 0.25, v, 0.25, label=k)
            if ref:
                for i, key in enumerate(("content_overlap_f1", "speaker_exact_f1", "cue_f1")):
                    ax.axhline(ref[key] / 100, color=f"C{i}", ls=":", lw=1)
                ax.plot([], [], "k:", lw=1, label="citron on PARC3 (other corpus)")
            ax.set_xticks(x, labels)
            ax.set_ylim(0, 1)
            ax.set_ylabel("F1")
            ax.set_title("Attribution: stancekit F1 per corpus")
            ax.legend(fontsize=8)
            fig.tight_layout()
            fig.savefig(plots_dir / f"{prefix}attribution.png", dpi=90)
            plt.close(fig)
