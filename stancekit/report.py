"""Actor-level reports over batch results: shares with bootstrap intervals, dyads, timelines, event export.

The unit of a share is the statement; its uncertainty comes from a cluster
bootstrap over documents (statements of one article are not independent),
with percentile intervals. Shares are normalised by volume: each actor's
labels sum to one, and its share of all statements is given beside them.

Event export: a statement with a source actor and a target actor is a
directed, dated event. Stance maps onto CAMEO's QuadClass as
``cooperative`` -> 1 (verbal cooperation) and ``threatening`` -> 3 (verbal
conflict); neutral statements have no QuadClass of their own (CAMEO would file
most under 01 "make public statement") and are left out unless asked for.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

import numpy as np

from .exceptions import CorpusError

__all__ = ["load_statements", "share_table", "dyad_table", "timeline", "events", "write_report",
           "QUAD_CLASS", "STANCE_ORDER"]

#: Stance label -> (CAMEO QuadClass code, name). Neutral has none.
QUAD_CLASS = {"cooperative": (1, "Verbal Cooperation"), "threatening": (3, "Verbal Conflict")}
#: Order of the default labels in tables and plots (other label sets follow their sorted order).
STANCE_ORDER = ("cooperative", "positive", "neutral", "threatening", "negative")
#: Colours of the default labels in plots.
COLOURS = {"cooperative": "#2b8cbe", "neutral": "#bdbdbd", "threatening": "#e34a33", "positive": "#31a354",
           "negative": "#de2d26"}
UNKNOWN = "(unknown)"


def load_statements(path: str | os.PathLike) -> tuple[list[dict], dict]:
    """Read batch results; return the statement rows and counts of documents and error rows.

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.jsonl"
    >>> _ = p.write_text(json.dumps({"doc": "a", "actor": "Russia", "stance": "threatening"}) + "\\n"
    ...                  + json.dumps({"doc": "b", "error": "EmptyInputError: text is empty"}) + "\\n")
    >>> rows, counts = load_statements(p)
    >>> len(rows), counts
    (1, {'documents': 2, 'statements': 1, 'error_documents': 1})
    """
    from .batch import read_results

    rows, docs, errors = [], set(), set()
    for row in read_results(path):
        docs.add(row.get("doc"))
        if row.get("error"):
            errors.add(row.get("doc"))
        else:
            rows.append(row)
    return rows, {"documents": len(docs), "statements": len(rows), "error_documents": len(errors)}


def _labels(rows: list[dict], label: str) -> list[str]:
    seen = {r.get(label) for r in rows if r.get(label)}
    return [x for x in STANCE_ORDER if x in seen] + sorted(seen - set(STANCE_ORDER))


def _group_values(row: dict, by: str) -> list[str]:
    # targets, and the actors of a joint statement ("Germany, France"), are comma-separated: each counts
    if by in ("target", "actor"):
        names = [t.strip() for t in (row.get(by) or "").split(", ") if t.strip()]
        return names or [UNKNOWN]
    return [row.get(by) or UNKNOWN]


def _bootstrap(doc_counts: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Label shares of ``n_boot`` document resamples: ``doc_counts`` is documents x labels."""
    m = len(doc_counts)
    out = np.empty((n_boot, doc_counts.shape[1]))
    for start in range(0, n_boot, 64):  # blocks keep memory at 64 x documents
        stop = min(start + 64, n_boot)
        idx = rng.integers(0, m, size=(stop - start, m))
        weights = np.stack([np.bincount(i, minlength=m) for i in idx])
        sums = weights @ doc_counts
        out[start:stop] = sums / np.maximum(sums.sum(axis=1, keepdims=True), 1)
    return out


def share_table(rows: list[dict], by: str = "actor", label: str = "stance", *, n_boot: int = 1000,
                seed: int = 0, min_count: int = 1, level: float = 0.95) -> list[dict]:
    """Per actor (or target, speaker, any field): count, share of all statements, label shares with intervals.

    Parameters
    ----------
    rows : list of dict
        Statement rows (:func:`load_statements`).
    by : str
        Grouping field: ``actor``, ``target`` (a statement counts for each of its targets), ``speaker``...
    label : str
        ``stance`` or ``sentiment`` (or any label field).
    n_boot : int
        Bootstrap resamples of documents (0: no intervals).
    min_count : int
        Leave out groups with fewer statements.

    Returns
    -------
    list of dict
        Sorted by count: ``{by, n, share_of_all, <lab>, <lab>_lo, <lab>_hi, ..., net, net_lo, net_hi}``
        where ``net`` is the cooperative minus the threatening share (when both labels exist).

    Examples
    --------
    >>> rows = [{"doc": i // 2, "actor": "A", "stance": s} for i, s in enumerate(["cooperative"] * 6 + ["threatening"] * 2)]
    >>> t = share_table(rows, n_boot=200)[0]
    >>> t["actor"], t["n"], t["cooperative"], t["net"]
    ('A', 8, 0.75, 0.5)
    >>> 0 <= t["cooperative_lo"] <= 0.75 <= t["cooperative_hi"] <= 1
    True
    """
    labs = _labels(rows, label)
    index = {lab: j for j, lab in enumerate(labs)}
    groups: dict[str, dict] = defaultdict(lambda: defaultdict(lambda: np.zeros(len(labs))))
    for r in rows:
        lab = r.get(label)
        if lab not in index:
            continue
        for g in _group_values(r, by):
            groups[g][r.get("doc")][index[lab]] += 1
    total = sum(1 for r in rows if r.get(label) in index)
    rng = np.random.default_rng(seed)
    alpha = (1 - level) / 2 * 100
    net = "cooperative" in index and "threatening" in index
    table = []
    for g, docs in groups.items():
        counts = np.stack(list(docs.values()))
        n = int(counts.sum())
        if n < min_count:
            continue
        shares = counts.sum(axis=0) / n
        row = {by: g, "n": n, "documents": len(docs), "share_of_all": round(n / total, 4)}
        boot = _bootstrap(counts, n_boot, rng) if n_boot else None
        for lab, j in index.items():
            row[lab] = round(float(shares[j]), 4)
            if boot is not None:
                row[f"{lab}_lo"], row[f"{lab}_hi"] = (round(float(v), 4) for v in
                                                      np.percentile(boot[:, j], [alpha, 100 - alpha]))
        if net:
            c, t = index["cooperative"], index["threatening"]
            row["net"] = round(float(shares[c] - shares[t]), 4)
            if boot is not None:
                row["net_lo"], row["net_hi"] = (round(float(v), 4) for v in
                                                np.percentile(boot[:, c] - boot[:, t], [alpha, 100 - alpha]))
        table.append(row)
    return sorted(table, key=lambda r: (-r["n"], str(r[by])))


def dyad_table(rows: list[dict], label: str = "stance") -> list[dict]:
    """Directed dyads (actor -> target): counts per label and the net share, for statements with both.

    Examples
    --------
    >>> rows = [{"actor": "Japan", "target": "North Korea", "stance": "threatening"},
    ...         {"actor": "Japan", "target": "North Korea, China", "stance": "neutral"}]
    >>> [(d["actor"], d["target"], d["n"], d["threatening"]) for d in dyad_table(rows)]
    [('Japan', 'North Korea', 2, 1), ('Japan', 'China', 1, 0)]
    """
    labs = _labels(rows, label)
    cells: dict[tuple, Counter] = defaultdict(Counter)
    for r in rows:
        if not r.get("actor") or not r.get("target") or r.get(label) not in labs:
            continue
        for a in _group_values(r, "actor"):
            for t in _group_values(r, "target"):
                if t != a:
                    cells[(a, t)][r[label]] += 1
    out = []
    for (a, t), c in cells.items():
        n = sum(c.values())
        row = {"actor": a, "target": t, "n": n, **{lab: c[lab] for lab in labs}}
        if "cooperative" in labs and "threatening" in labs:
            row["net"] = round((c["cooperative"] - c["threatening"]) / n, 4)
        out.append(row)
    return sorted(out, key=lambda r: (-r["n"], r["actor"], r["target"]))


def _parse_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, (datetime, date)):
        return value if isinstance(value, date) and not isinstance(value, datetime) else value.date()
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(text[:10] if fmt == "%Y-%m-%d" else text, fmt).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _period(d: date, freq: str) -> str:
    if freq == "day":
        return d.isoformat()
    if freq == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if freq == "year":
        return str(d.year)
    return f"{d.year}-{d.month:02d}"


def _row_date(row: dict):
    return row.get("date") or (row.get("meta") or {}).get("date")


def timeline(rows: list[dict], label: str = "stance", freq: str = "month") -> list[dict]:
    """Counts and shares per period (``day``, ``week``, ``month``, ``year``) for dated statements.

    Examples
    --------
    >>> rows = [{"date": "2025-01-03", "stance": "neutral"}, {"date": "2025-01-20", "stance": "threatening"},
    ...         {"date": "2025-02-01", "stance": "neutral"}, {"stance": "neutral"}]
    >>> [(t["period"], t["n"], t["neutral"]) for t in timeline(rows)]
    [('2025-01', 2, 0.5), ('2025-02', 1, 1.0)]
    """
    if freq not in ("day", "week", "month", "year"):
        raise ValueError(f"freq must be day, week, month or year, got {freq!r}")
    labs = _labels(rows, label)
    per: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        d = _parse_date(_row_date(r))
        if d is not None and r.get(label) in labs:
            per[_period(d, freq)][r[label]] += 1
    out = []
    for p in sorted(per):
        n = sum(per[p].values())
        out.append({"period": p, "n": n, **{lab: round(per[p][lab] / n, 4) for lab in labs},
                    **{f"{lab}_n": per[p][lab] for lab in labs}})
    return out


def _names_and_ids(names: str, ids: str | None) -> list[tuple[str, str]]:
    """Pair comma-separated actor names with their comma-separated ids (ids may be fewer)."""
    name_list = [t.strip() for t in names.split(", ") if t.strip()]
    id_list = [t.strip() for t in (ids or "").split(",") if t.strip()]
    if len(id_list) != len(name_list):
        id_list = (id_list + [""] * len(name_list))[:len(name_list)] if len(name_list) > 1 else [ids or ""]
    return list(zip(name_list, id_list))


def events(rows: list[dict], include_neutral: bool = False) -> list[dict]:
    """Directed, dated events for comparison with GDELT / POLECAT (CAMEO QuadClass).

    Examples
    --------
    >>> ev = events([{"doc": "a", "actor": "Japan", "actor_id": "JPN", "target": "North Korea",
    ...               "target_ids": "PRK", "stance": "threatening", "meta": {"date": "2025-03-01"}}])
    >>> ev[0]["source_id"], ev[0]["target_id"], ev[0]["quad_class"], ev[0]["quad_name"]
    ('JPN', 'PRK', 3, 'Verbal Conflict')
    """
    out = []
    for r in rows:
        stance = r.get("stance")
        if not r.get("actor") or not r.get("target") or (stance not in QUAD_CLASS and not include_neutral):
            continue
        quad, quad_name = QUAD_CLASS.get(stance, ("", ""))
        for source, sid in _names_and_ids(r["actor"], r.get("actor_id")):  # a joint statement: each source
            for name, tid in _names_and_ids(r["target"], r.get("target_ids")):
                if name == source:
                    continue
                out.append({"date": _row_date(r) or "", "doc": r.get("doc"), "source": source,
                            "source_id": sid, "target": name, "target_id": tid,
                            "stance": stance, "quad_class": quad, "quad_name": quad_name,
                            "p": (r.get("stance_scores") or {}).get(stance, ""), "speaker": r.get("speaker") or "",
                            "text": r.get("text") or ""})
    return out


# ----------------------------------------------------------------------------- writing


def _write_csv(path: Path, rows: list[dict]) -> None:
    fields: list[str] = []
    for r in rows:
        fields += [k for k in r if k not in fields]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields or ["empty"])
        w.writeheader()
        w.writerows(rows)


def _fmt_ci(row: dict, lab: str) -> str:
    if f"{lab}_lo" in row:
        return f"{row[lab]:.2f} [{row[f'{lab}_lo']:.2f}, {row[f'{lab}_hi']:.2f}]"
    return f"{row[lab]:.2f}"


def _md_shares(table: list[dict], by: str, labs: list[str], top: int) -> list[str]:
    cols = [by, "n", "docs", "share of all"] + labs + (["net (coop - threat)"] if table and "net" in table[0] else [])
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in table[:top]:
        cells = [str(r[by]), str(r["n"]), str(r["documents"]), f"{r['share_of_all']:.1%}"]
        cells += [_fmt_ci(r, lab) for lab in labs]
        if "net" in r:
            cells.append(_fmt_ci(r, "net"))
        lines.append("| " + " | ".join(cells) + " |")
    if len(table) > top:
        lines.append(f"\n{len(table) - top} more in the CSV.")
    return lines


def _plots(out: Path, actor_table: list[dict], dyads: list[dict], times: list[dict], labs: list[str],
           top: int) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    # stacked bars of stance shares per actor
    rows = [r for r in actor_table if r["actor"] != UNKNOWN][:top]
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(rows), 2) + 1.2))
    left = np.zeros(len(rows))
    names = [f"{r['actor']} (n={r['n']})" for r in rows][::-1]
    for lab in labs:
        vals = np.array([r[lab] for r in rows][::-1])
        ax.barh(names, vals, left=left, label=lab, color=COLOURS.get(lab))
        left += vals
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the actor's statements")
    ax.set_title("Stance per actor", pad=22)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.04), ncol=len(labs), fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(out / "actors_stance.png", dpi=110)
    plt.close(fig)
    written.append("actors_stance.png")
    # dyad heatmap of the net stance
    volume, tvol = Counter(), Counter()
    for d in dyads:
        volume[d["actor"]] += d["n"]
        tvol[d["target"]] += d["n"]
    actors = [a for a, _ in volume.most_common(top)]
    targets = [t for t, _ in tvol.most_common(top)]
    fig, ax = plt.subplots(figsize=(1.0 + 0.55 * max(len(targets), 2), 1.0 + 0.45 * max(len(actors), 2)))
    grid = np.full((len(actors), len(targets)), np.nan)
    for d in dyads:
        if d["actor"] in actors and d["target"] in targets and "net" in d:
            grid[actors.index(d["actor"]), targets.index(d["target"])] = d["net"]
    im = ax.imshow(grid, cmap="RdBu", vmin=-1, vmax=1, aspect="auto")
    ax.set_xticks(range(len(targets)), targets, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(actors)), actors, fontsize=8)
    ax.set_xlabel("target")
    ax.set_ylabel("actor (speaker's side)")
    ax.set_title("Net stance, actor -> target (cooperative - threatening share)", fontsize=9)
    fig.colorbar(im, ax=ax, fraction=0.04)
    fig.tight_layout()
    fig.savefig(out / "dyads.png", dpi=110)
    plt.close(fig)
    written.append("dyads.png")
    # timeline of stance shares
    fig, ax = plt.subplots(figsize=(8, 3.5))
    periods = [t["period"] for t in times]
    for lab in labs:
        ax.plot(periods, [t[lab] for t in times], marker="o", label=lab, color=COLOURS.get(lab))
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of statements")
    ax.set_title("Stance over time" if times else "Stance over time (no dated statements)")
    if periods:
        ax.tick_params(axis="x", rotation=45, labelsize=8)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "timeline.png", dpi=110)
    plt.close(fig)
    written.append("timeline.png")
    return written


def write_report(results: str | os.PathLike | Iterable[dict], out_dir: str | os.PathLike, *, top: int = 15,
                 freq: str = "month", n_boot: int = 1000, seed: int = 0, min_count: int = 1,
                 include_neutral_events: bool = False, plots: bool = True) -> dict:
    """Write the actor-level report: Markdown, CSV tables, event export and PNG plots.

    Parameters
    ----------
    results : path or iterable of dict
        Batch results (JSONL / CSV / Parquet / parts directory) or statement rows.
    out_dir : path
        Created if needed. Receives ``report.md``, ``actors_stance.csv``,
        ``actors_sentiment.csv``, ``targets_stance.csv``, ``dyads.csv``,
        ``timeline.csv``, ``events.csv`` and, with ``plots``, ``actors_stance.png``,
        ``dyads.png``, ``timeline.png``.

    Returns
    -------
    dict
        The file names written and the counts.

    Examples
    --------
    >>> import tempfile
    >>> rows = [{"doc": "a", "actor": "Japan", "target": "North Korea", "stance": "threatening",
    ...          "sentiment": "negative", "date": "2025-03-01"},
    ...         {"doc": "b", "actor": "Japan", "target": "", "stance": "cooperative", "sentiment": "positive"}]
    >>> out = write_report(rows, tempfile.mkdtemp(), n_boot=100, plots=False)
    >>> out["statements"], out["dyads"], out["events"], out["files"][-1]
    (2, 1, 1, 'report.md')
    """
    if isinstance(results, (str, os.PathLike)):
        rows, counts = load_statements(results)
    else:
        rows = [r for r in results if not r.get("error")]
        counts = {"documents": len({r.get("doc") for r in rows}), "statements": len(rows), "error_documents": 0}
    if not rows:
        raise CorpusError("the results hold no statements to report on")
    if not any(r.get("stance") for r in rows):
        raise CorpusError("the results have no stance labels; analyse with the classifiers on")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    kw = {"n_boot": n_boot, "seed": seed, "min_count": min_count}
    tables = {
        "actors_stance": share_table(rows, "actor", "stance", **kw),
        "actors_sentiment": share_table(rows, "actor", "sentiment", **kw) if any(r.get("sentiment") for r in rows)
        else [],
        "targets_stance": share_table(rows, "target", "stance", **kw),
        "dyads": dyad_table(rows),
        "timeline": timeline(rows, "stance", freq),
        "events": events(rows, include_neutral_events),
    }
    files = []
    for name, table in tables.items():
        _write_csv(out / f"{name}.csv", table)
        files.append(f"{name}.csv")
    labs = _labels(rows, "stance")
    md = [
        "# stancekit report", "",
        f"{counts['statements']} statements from {counts['documents']} documents"
        + (f", {counts['error_documents']} documents with errors" if counts["error_documents"] else "") + ".",
        f"Shares are normalised per group; intervals are {n_boot}-fold cluster-bootstrap 95% percentile "
        f"intervals over documents (seed {seed})." if n_boot else "No bootstrap intervals (n_boot=0).",
        "Statements without a resolved actor or target are grouped as (unknown).", "",
        "## Stance by actor", "", *_md_shares(tables["actors_stance"], "actor", labs, top), "",
    ]
    if tables["actors_sentiment"]:
        md += ["## Sentiment by actor", "",
               *_md_shares(tables["actors_sentiment"], "actor", _labels(rows, "sentiment"), top), ""]
    md += ["## Stance towards targets", "", *_md_shares(tables["targets_stance"], "target", labs, top), "",
           "## Directed dyads (actor -> target)", ""]
    if tables["dyads"]:
        cols = ["actor", "target", "n"] + labs + (["net"] if "net" in tables["dyads"][0] else [])
        md += ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        md += ["| " + " | ".join(str(d[c]) for c in cols) + " |" for d in tables["dyads"][:top]]
    else:
        md.append("No statement has both an actor and a target.")
    md += ["", f"## Timeline (per {freq})", ""]
    if tables["timeline"]:
        cols = ["period", "n"] + labs
        md += ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        md += ["| " + " | ".join(str(t[c]) for c in cols) + " |" for t in tables["timeline"]]
    else:
        md.append("No dated statements: analyse with --date-col (or a `date` in the documents' metadata).")
    quad = Counter(e["quad_name"] or "neutral" for e in tables["events"])
    md += ["", "## Event export", "",
           f"`events.csv`: {len(tables['events'])} directed events (source actor, target actor, date, CAMEO "
           f"QuadClass: {dict(quad)}); cooperative -> 1 Verbal Cooperation, threatening -> 3 Verbal Conflict."]
    if plots:
        written = _plots(out, tables["actors_stance"], tables["dyads"], tables["timeline"], labs, top)
        files += written
        md += ["", "## Plots", ""] + [f"![{p[:-4]}]({p})" for p in written]
    (out / "report.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    files.append("report.md")
    summary = {"files": files, **counts, "actors": len(tables["actors_stance"]), "dyads": len(tables["dyads"]),
               "events": len(tables["events"])}
    (out / "summary.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return summary
