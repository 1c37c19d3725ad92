"""Attribution benchmarks on third-party corpora in ``../shared/data/quotes`` (never copied here).

Three corpora, each read into the same document form::

    {"id", "lang", "text", "meta": {...},
     "gold": [{"content": [(start, end), ...], "source": [...], "cue": [...], "kind": str}]}

where spans are character offsets into ``text`` (tokenised corpora are
detokenised here and the token offsets kept), and scored against
:func:`stancekit.extract.statements.extract_statements`:

* **statement detection**: a found statement matches a gold statement when
  their character spans overlap *and* their texts pass
  :func:`stancekit.extract.scoring.overlap_match` (the tests' rule: 60 % of
  the shorter text's words stand in the longer one). Precision counts found
  statements that match some gold content, recall gold contents that some
  found statement matches.
* **speaker**: stancekit returns the speaker *resolved* through coreference
  ("he" -> "Barack Obama"), not a span, so a pronoun or relative gold source
  ("he", "sie", "who", "man") cannot be compared with it. Speaker figures count
  only gold statements whose source is a name or noun phrase; a found speaker
  is right when its last word stands in the gold source or the gold source's
  last word stands in it (titles such as "Mr." / "Frau" ignored).
* **cue**: stancekit returns the cue's lemma; the benchmark places it on the
  nearest token (within 300 characters of the statement) that the shipped cue
  lexicon maps to that lemma, and scores those cue spans against the gold cue
  spans by overlap, independently of the content, per document.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks import data as shared
from stancekit.extract.lexicon import language_data
from stancekit.extract.scoring import overlap_match
from stancekit.extract.statements import extract_statements

SEED = 0
QUOTES = "data/quotes"

#: Published figures on related data (../shared/README.md). Different corpus: PARC3, not PolNeAR.
PARC3_CITRON = {"cue_f1": 82.3, "speaker_exact_f1": 82.0, "content_overlap_f1": 83.3,
                "note": "citron's CRF chain on PARC3 (Wall Street Journal attribution corpus): a different "
                        "English news corpus with a related but not identical scheme, and exact-span speaker "
                        "matching; not directly comparable with the PolNeAR figures beside it"}

_PRONOUNS = {
    "en": set("i me my we us our you your he him his she her hers they them their it its who whom whose which "
              "that this these those one".split()),
    "de": set("ich mich mir wir uns unser du dich dir ihr euch er ihn ihm sein sie ihnen ihre es man wer was "
              "der die das den dem des dessen deren denen welche welcher welches dieser diese dieses jener jene "
              "jemand niemand alle".split()),
}
_TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "herr", "frau", "prof", "the", "der", "die", "das"}
_WORD = re.compile(r"\w+", re.UNICODE)


# ----------------------------------------------------------------------------- detokenising

_OPEN_CLOSE = {"„": ("“", '"', "”"), "»": ("«",), "«": ("»",), "‚": ("‘", "'", "’"), "“": ("”",),
               '"': ('"', "”", "“"), "‘": ("’",)}
_NO_SPACE_BEFORE = set(",.;:!?)]}%…") | {"'s", "’s", "n't"}
_NO_SPACE_AFTER = set("([{")


def detokenise(tokens: list[str], sentence_starts: set[int] | None = None) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens to running text; return the text and each token's (start, end).

    Quotation marks are paired with a stack, so an opening mark sticks to the
    next token and a closing one to the previous; punctuation sticks left.
    """
    parts: list[str] = []
    offs: list[tuple[int, int]] = []
    pos = 0
    stack: list[tuple[str, ...]] = []
    glue_next = True
    for i, tok in enumerate(tokens):
        closing = bool(stack) and tok in stack[-1]
        opening = not closing and tok in _OPEN_CLOSE
        glue = glue_next or closing or tok in _NO_SPACE_BEFORE
        if sentence_starts is not None and i in sentence_starts and i > 0:
            glue = False
        if not glue:
            parts.append(" ")
            pos += 1
        offs.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        if closing:
            stack.pop()
        elif opening:
            stack.append(_OPEN_CLOSE[tok])
        glue_next = opening or tok in _NO_SPACE_AFTER
    return "".join(parts), offs


def _runs(indices: list[int], offs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of runs of consecutive token indices."""
    spans: list[tuple[int, int]] = []
    for k in sorted(set(indices)):
        s, e = offs[k]
        if spans and spans[-1][2] == k - 1:
            spans[-1] = (spans[-1][0], e, k)
        else:
            spans.append((s, e, k))
    return [(s, e) for s, e, _ in spans]


# ----------------------------------------------------------------------------- loaders

def _quotes_dir() -> Path:
    return shared.SHARED / QUOTES


def _quote_kind(text: str) -> str:
    """Kind of a gold content span by its quotation marks (PolNeAR, SpkAtt have no kind labels)."""
    t = text.strip()
    marks = "\"“”„«»‚‘’'"
    n = sum(t.count(m) for m in "\"“”„«»")
    if n >= 2 and t[:1] in marks and t.rstrip(".,;:")[-1:] in marks:
        return "direct"
    if n >= 2:
        return "partial"
    return "indirect"


def load_polnear(split: str = "dev") -> list[dict]:
    """PolNeAR (brat standoff): one annotator's file per article (the first annotator id in sort order)."""
    base = _quotes_dir() / "polnear" / split
    by_doc: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        doc = ann.name.rsplit("_", 1)[0]
        by_doc.setdefault(doc, ann)
    docs = []
    for doc, ann in sorted(by_doc.items()):
        txt_path = base / "text" / f"{doc}.txt"
        if not txt_path.exists():
            continue
        text = txt_path.read_text(encoding="utf-8")
        spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
        events = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("T") and len(cols) >= 2:
                label, _, rng = cols[1].partition(" ")
                spans[cols[0]] = (label, [tuple(map(int, p.split())) for p in rng.split(";")])
            elif line.startswith("E") and len(cols) >= 2:
                events.append(cols[1].split())
        gold = []
        for ev in events:
            roles = defaultdict(list)
            for arg in ev[1:]:
                role, _, tid = arg.partition(":")
                if tid in spans:
                    roles[role.rstrip("0123456789")].extend(spans[tid][1])
            if not roles["Content"]:
                continue
            content_text = " ".join(text[s:e] for s, e in roles["Content"])
            gold.append({"content": sorted(roles["Content"]), "source": sorted(roles["Source"]),
                         "cue": sorted(roles["Cue"]), "kind": _quote_kind(content_text),
                         "cue_words": [w.lower() for s, e in roles["Cue"] for w in _WORD.findall(text[s:e])]})
        docs.append({"id": ann.stem, "lang": "en", "text": text, "gold": gold, "meta": {}})
    return docs


def load_spkatt(split: str = "train") -> list[dict]:
    """SpkAtt-2023 task 1 (tokenised JSON): one Bundestag speech per file, sentences joined by a space.

    Gold statements are the annotations with a Message (content); annotations
    without one (a cue and source only: "Merkel hat gesprochen") count for the
    cue figures only.
    """
    docs = []
    for path in sorted((_quotes_dir() / "spkatt2023" / split / "task1").glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        tokens, starts, index = [], set(), {}
        for sent in sorted(d["Sentences"], key=lambda s: s["SentenceId"]):
            starts.add(len(tokens))
            for k, tok in enumerate(sent["Tokens"]):
                index[(sent["SentenceId"], k)] = len(tokens)
                tokens.append(tok)
        text, offs = detokenise(tokens, starts)

        def idx(refs):
            out = []
            for ref in refs:
                s, _, t = ref.partition(":")
                if (int(s), int(t)) in index:
                    out.append(index[(int(s), int(t))])
            return out

        gold = []
        for a in d["Annotations"]:
            content = _runs(idx(a.get("Message", [])), offs)
            kind = _quote_kind(" ".join(text[s:e] for s, e in content)) if content else ""
            gold.append({"content": content, "source": _runs(idx(a.get("Source", [])), offs),
                         "cue": _runs(idx(a.get("Cue", [])), offs), "kind": kind})
        docs.append({"id": path.stem, "lang": "de", "text": text, "gold": gold, "meta": {}})
    return docs


_RW_KIND = (("freeIndirect", "free_indirect"), ("indirect", "indirect"), ("direct", "direct"),
            ("reported", "reported"))


def load_redewiedergabe() -> list[dict]:
    """Redewiedergabe core corpus (token TSV): speech, writing and thought representation.

    Gold kinds: direct / indirect / free_indirect / reported; ``medium`` is
    speech, writing or thought (an annotation may carry several). Speakers and
    cues (``intexpr``, the introductory expression) are linked by the
    annotation id (``speaker.3_4_5`` speaks annotations 3, 4 and 5).
    """
    qdir = _quotes_dir() / "redewiedergabe"
    meta = {}
    for i, line in enumerate((qdir / "metadata.tsv").read_text(encoding="utf-8").splitlines()):
        cols = line.split("\t")
        if i == 0:
            head = cols
            continue
        meta[cols[0]] = dict(zip(head, cols))
    docs = []
    for path in sorted((qdir / "tsv").glob("*.tsv")):
        rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
        head, rows = rows[0], [r for r in rows[1:] if len(r) == len(rows[0])]
        col = {h: i for i, h in enumerate(head)}
        tokens = [r[col["tok"]] for r in rows]
        starts = {i for i, r in enumerate(rows) if r[col["sentstart"]] == "yes"}
        text, offs = detokenise(tokens, starts)
        ann_tok = defaultdict(list)
        ann_kind: dict[str, tuple[str, tuple[str, ...], bool]] = {}
        spk = defaultdict(list)
        cue = defaultdict(list)
        for i, r in enumerate(rows):
            for a in r[col["stwr"]].split("|"):
                if a == "-":
                    continue
                p = a.split(".")
                if len(p) < 3:
                    continue
                types, media, aid = p[0].split(), tuple(p[1].split()), p[2]
                kind = next((k for t, k in _RW_KIND if t in types), types[0])
                ann_kind[aid] = (kind, media, "nonfact" in p[3:])
                ann_tok[aid].append(i)
            for colname, store in (("speaker", spk), ("intexpr", cue)):
                for a in r[col[colname]].split("|"):
                    if a != "-" and "." in a:
                        for aid in a.split(".", 1)[1].split(".")[0].split("_"):
                            store[aid].append(i)
        gold = [{"content": _runs(ann_tok[aid], offs), "source": _runs(spk.get(aid, []), offs),
                 "cue": _runs(cue.get(aid, []), offs), "kind": kind, "medium": list(media), "nonfact": nonfact}
                for aid, (kind, media, nonfact) in ann_kind.items()]
        m = meta.get(path.name, {})
        docs.append({"id": path.stem, "lang": "de", "text": text, "gold": gold,
                     "meta": {"fictional": m.get("fictional", ""), "year": m.get("year", ""),
                              "text_type": m.get("text_type", "")}})
    return docs


# ----------------------------------------------------------------------------- scoring

def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _words(s: str) -> list[str]:
    return [w for w in _WORD.findall(s.lower()) if w not in _TITLES]


#: Cue words of PolNeAR attributions that report belief, knowledge or perception, not speech or
#: writing (written for this benchmark; PolNeAR does not label the medium).
BELIEF_CUES = frozenset(
    "believe believes believed believing think thinks thought thinking know knows knew known feel feels felt "
    "fear fears feared hope hopes hoped expect expects expected suspect suspects suspected learn learns learned "
    "learnt realize realizes realized realise realised assume assumes assumed see sees saw seen hear hears heard "
    "understand understands understood doubt doubts doubted worry worries worried wonder wonders wondered "
    "consider considers considered view views viewed regard regards regarded want wants wanted wish wishes "
    "wished convinced sure aware concerned skeptical sceptical confident belief view opinion perception "
    "recognize recognizes recognized acknowledge noticed notice notices find finds found seem seems seemed "
    "appear appears appeared".split())


def speech_cue(gold: dict) -> bool:
    """Whether a gold attribution has a cue and none of its words is a belief or perception cue."""
    words = gold.get("cue_words")
    return bool(words) and not (set(words) & BELIEF_CUES)


def nominal_source(source_text: str, lang: str) -> bool:
    """Whether a gold source names someone (not only pronouns / relatives)."""
    ws = _WORD.findall(source_text.lower())
    return bool(ws) and not all(w in _PRONOUNS[lang] for w in ws)


def speaker_compatible(found: str, gold_source: str) -> bool:
    """The found speaker's last word stands in the gold source, or the other way round."""
    f, g = _words(found), _words(gold_source)
    return bool(f) and bool(g) and (f[-1] in g or g[-1] in f)


def locate_cue(text: str, st, data, window: int = 300) -> tuple[int, int] | None:
    """Character span of the token nearest to the statement that the cue lexicon maps to ``st.cue``."""
    if not st.cue:
        return None
    lo, hi = max(0, st.start - window), min(len(text), st.end + window)
    best, best_d = None, None
    cue = st.cue.lower()
    cands = []
    for m in _WORD.finditer(text, lo, hi):
        if any(c.lemma.lower() == cue for c in data.cues_for(m.group())):
            cands.append((m.start(), m.end()))
    if not cands:  # noun cues ("laut", "according to") and phrases
        low = text.lower()
        k = low.find(cue, lo, hi)
        while k != -1:
            cands.append((k, k + len(cue)))
            k = low.find(cue, k + 1, hi)
    for s, e in cands:
        if st.start <= s < st.end:  # inside the statement: a quoted verb, not its cue
            continue
        d = st.start - e if e <= st.start else s - st.end
        if best_d is None or d < best_d:
            best, best_d = (s, e), d
    return best


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> dict:
    p, r = tp_p / n_p if n_p else 0.0, tp_r / n_r if n_r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "n_found": n_p, "n_gold": n_r}


def score_docs(docs: list[dict], content_filter=None, cache: dict | None = None, found_filter=None) -> dict:
    """Detection, speaker and cue P/R/F1 of extract_statements over gold documents.

    ``content_filter(gold) -> bool`` picks the gold statements that count for
    recall (others are neither required nor, when a found statement matches
    them, counted as false positives). ``found_filter(statement) -> bool`` picks
    the found statements that count for precision (e.g. only found direct
    quotations when direct quotations are scored apart); any found statement
    may still hit a gold one. ``cache`` (doc id -> statements) lets several
    scorings of the same documents extract once.
    """
    cache = {} if cache is None else cache
    content_filter = content_filter or (lambda g: True)
    found_filter = found_filter or (lambda f: True)
    det = Counter()
    kind_gold, kind_hit = Counter(), Counter()
    fkind_n, fkind_hit = Counter(), Counter()
    spk = Counter()
    cue = Counter()
    n_chars = 0
    errors = 0
    for doc in docs:
        lang, text = doc["lang"], doc["text"]
        n_chars += len(text)
        data = language_data(lang)
        if doc["id"] not in cache:
            try:
                cache[doc["id"]] = list(extract_statements(text, lang))
            except Exception:  # noqa: BLE001 - a crash on real text is a result too
                errors += 1
                cache[doc["id"]] = []
        found = cache[doc["id"]]
        golds = [g for g in doc["gold"] if g["content"]]
        counted = [content_filter(g) for g in golds]
        gtext = [" ".join(text[s:e] for s, e in g["content"]) for g in golds]
        match = [[j for j, g in enumerate(golds)
                  if _overlaps((f.start, f.end), g["content"]) and overlap_match(gtext[j], f.text)] for f in found]
        # detection
        for f, m in zip(found, match):
            if (m and not any(counted[j] for j in m)) or not found_filter(f):
                continue  # matches only gold outside the evaluated set, or not a scored kind: neutral
            det["n_found"] += 1
            fkind_n[f.kind] += 1
            if m:
                det["tp_found"] += 1
                fkind_hit[f.kind] += 1
        hit_gold = {j for m in match for j in m}
        for j, g in enumerate(golds):
            if not counted[j]:
                continue
            det["n_gold"] += 1
            kind_gold[g["kind"]] += 1
            if j in hit_gold:
                det["tp_gold"] += 1
                kind_hit[g["kind"]] += 1
        # speaker: gold statements with a nominal source
        src = [" ".join(text[s:e] for s, e in g["source"]) for g in golds]
        nominal = [counted[j] and nominal_source(src[j], lang) for j in range(len(golds))]
        spk_ok_gold = set()
        for f, m in zip(found, match):
            judged = [j for j in m if nominal[j]]
            if not f.speaker or (m and not judged):
                continue  # no speaker, or only golds whose source is a pronoun or absent: cannot be judged
            ok = [j for j in judged if speaker_compatible(f.speaker, src[j])]
            if not found_filter(f):
                spk_ok_gold.update(ok)  # still finds the gold speaker; not scored for precision
                continue
            spk["n_found"] += 1
            if ok:
                spk["tp_found"] += 1
                spk_ok_gold.update(ok)
            if judged:
                spk["matched"] += 1
                spk["matched_ok"] += bool(ok)
        spk["n_gold"] += sum(nominal)
        spk["tp_gold"] += len(spk_ok_gold)
        # cue: spans, per document, independent of content
        gold_cues = [g["cue"] for g in doc["gold"] if g["cue"] and (not g["content"] or content_filter(g))]
        found_cues = {c for c in (locate_cue(text, f, data) for f in found if found_filter(f)) if c}
        cue["n_found"] += len(found_cues)
        cue["tp_found"] += sum(any(_overlaps(c, gc) for gc in gold_cues) for c in found_cues)
        cue["n_gold"] += len(gold_cues)
        cue["tp_gold"] += sum(any(_overlaps(c, gc) for c in found_cues) for gc in gold_cues)
    out = {"docs": len(docs), "chars": n_chars, "errors": errors,
           "statements": _prf(det["tp_found"], det["n_found"], det["tp_gold"], det["n_gold"]),
           "speaker": _prf(spk["tp_found"], spk["n_found"], spk["tp_gold"], spk["n_gold"]) | {
               "accuracy_of_matched": round(spk["matched_ok"] / spk["matched"], 3) if spk["matched"] else None,
               "matched": spk["matched"]},
           "cue": _prf(cue["tp_found"], cue["n_found"], cue["tp_gold"], cue["n_gold"]),
           "recall_by_gold_kind": {k: {"gold": n, "recall": round(kind_hit[k] / n, 3)}
                                   for k, n in sorted(kind_gold.items())},
           "precision_by_found_kind": {k: {"found": n, "precision": round(fkind_hit[k] / n, 3)}
                                       for k, n in sorted(fkind_n.items())}}
    return out


# ----------------------------------------------------------------------------- the benchmark

def _sample(docs: list[dict], n: int | None) -> list[dict]:
    if n is None or len(docs) <= n:
        return docs
    return sorted(random.Random(SEED).sample(docs, n), key=lambda d: d["id"])


#: Documents per corpus in the quick run (a fixed random sample, seed 0); the full run takes all.
QUICK_DOCS = {"polnear": 20, "spkatt2023": 25, "redewiedergabe": 40}


def bench_attribution(quick: bool) -> dict:
    """Score extraction on PolNeAR dev, SpkAtt-2023 train and Redewiedergabe."""
    if not (shared.SHARED / QUOTES).is_dir():
        return {"skipped": f"attribution corpora not found at {shared.SHARED / QUOTES}"}
    out: dict = {}
    mode = "quick: fixed random sample (seed 0) of {n} of {total} documents" if quick else "full split: all {total} documents"

    def run(name, loader, desc, filters=None):
        try:
            docs = loader()
        except (OSError, ValueError, KeyError) as e:  # a corpus missing or changed: say so, go on
            out[name] = {"skipped": f"{type(e).__name__}: {e}"}
            return
        sample = _sample(docs, QUICK_DOCS[name] if quick else None)
        res = {"data": desc, "sample": mode.format(n=len(sample), total=len(docs)),
               "gold_statements": sum(bool(g["content"]) for d in sample for g in d["gold"])}
        cache: dict = {}
        t = time.perf_counter()
        res["all"] = score_docs(sample, cache=cache)
        res["seconds"] = round(time.perf_counter() - t, 2)  # extraction and scoring
        res["chars_per_s"] = round(res["all"]["chars"] / max(res["seconds"], 1e-9))
        for fname, (flt, docfilter, *found_flt) in (filters or {}).items():
            sub = [d for d in sample if docfilter(d)]
            res[fname] = (score_docs(sub, flt, cache, *found_flt) if sub
                          else {"skipped": "no documents in the sample"})
        out[name] = res

    run("polnear", lambda: load_polnear("dev"),
        "../shared/data/quotes/polnear/dev (PolNeAR, 2016 US political news; attributions of speech, "
        "writing and belief); gold kind from quotation marks in the content span; one annotator per article; "
        "'speech_cue' = attributions whose cue is not a belief or perception verb (list in the benchmark); "
        "'direct' = gold direct quotations against found direct quotations (recall: any found statement)",
        {"speech_cue": (speech_cue, lambda d: True),
         "direct": (lambda g: g["kind"] == "direct", lambda d: True, lambda f: f.kind == "direct")})
    run("spkatt2023", lambda: load_spkatt("train"),
        "../shared/data/quotes/spkatt2023/train/task1 (SpkAtt-2023, German Bundestag speeches, detokenised); "
        "gold statements = annotations with a Message; the scheme also marks perception and cognition "
        "(\"man sieht\", \"man bedenkt\"), which stancekit does not aim at")
    is_speech = (lambda g: bool(set(g.get("medium", [])) & {"speech", "writing"}) and not g.get("nonfact"))
    run("redewiedergabe", load_redewiedergabe,
        "../shared/data/quotes/redewiedergabe/tsv (Redewiedergabe core corpus, the non-fictional part held there: "
        "German newspaper and magazine texts 1840-1919, detokenised); 'all' = every speech, writing and thought "
        "representation; 'speech_writing' = speech or writing, factual only; 'news_reports' = the same in the "
        "texts typed 'Nachrichten'",
        {"speech_writing": (is_speech, lambda d: True),
         "news_reports": (is_speech, lambda d: d["meta"].get("text_type") == "Nachrichten")})
    out["data"] = ("PolNeAR dev (en), SpkAtt-2023 train (de), Redewiedergabe non-fiction (de) in "
                   f"{shared.SHARED / QUOTES}; " + ("quick: fixed samples" if quick else "full splits"))
    out["reference"] = {"parc3_citron": PARC3_CITRON}
    out["scoring"] = ("statements: span overlap + overlap_match (60 % word containment); speaker: gold statements "
                      "with a nominal source, last-word match of the resolved speaker; cue: lexicon-placed cue "
                      "token overlapping a gold cue span, per document")
    return out
