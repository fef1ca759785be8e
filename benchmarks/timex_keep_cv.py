"""A learned keep / drop decision for newsapi's DATE expressions, cross-validated on the tune part.

Usage::

    python benchmarks/timex_keep_cv.py [--parse] [--groups base,ctx] [--analysis]

Issue #8 item 2 asked whether a small statistical decision generalises better than hand rules.
Every DATE expression ``temporal.find_timexes`` gives on timebank-dev's tune part (never the check
part) is a row; its label is 1 when the scorer pairs it with a DATE gold expression of the same
value. A logistic regression (L2, fitted here with numpy by Newton's method) over binary features
of the expression (its rule, words, precision, tense, the words around it, with ``--parse`` spaCy's
entity label and the dependency of its head) gives the chance that it is right; an expression
below a threshold is dropped. Value F1 is 2 x right / (predicted + gold), so dropping pays when that
chance is below about F1 / 2.

``--analysis`` prints the tune part's DATE predictions by rule and outcome (right, wrong value,
spurious by the gold type it overlaps) and every error. The main figure is a nested document-level
cross-validation: 5 outer folds of documents; in each, the L2 weight and the threshold (or no
threshold, i.e. the rules as they are) chosen by a 5-fold CV over the other documents, then applied
to the held-out fold; three fold seeds. Deterministic (numpy's seeded generator, sorted names).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.eval_timebank import (  # noqa: E402
    DEFAULT_CACHE,
    DEFAULT_EVAL_DIR,
    load_documents,
    load_scorer,
    spacy_parses,
)
from benchmarks.splits import TUNE, split_of  # noqa: E402
from newsapi.extraction import temporal  # noqa: E402

WORD = re.compile(r"[A-Za-z]+|\d+|[^\sA-Za-z\d]")


def shape(s: str) -> str:
    s = re.sub(r"\d", "0", s.lower())
    return re.sub(r"\s+", " ", s)


def features(text, t, name, doc, reference, tense, parse):
    f = [f"rule={name}", "bias"]
    low = shape(t.text)
    words = low.split()
    f.append(f"txt={low}")
    f.append(f"first={words[0]}")
    f.append(f"last={words[-1]}")
    f.append(f"rule_last={name}|{words[-1]}")
    f.append(f"nwords={min(len(words), 4)}")
    prec = temporal.timex_precision(t.value) if t.value else "none"
    f.append(f"prec={prec}")
    v = t.value or ""
    if not re.match(r"\d{4}", v):
        f.append(f"valkind={re.sub(r'[0-9]', '0', v)[:8]}")
    elif reference:
        try:
            year = int(v[:4])
            d = year - reference.year
            f.append(f"yeardiff={max(-3, min(3, d))}")
        except ValueError:
            pass
    f.append(f"tense={tense}")
    f.append(f"rule_tense={name}|{tense}")
    f.append(f"cap={t.text[:1].isupper()}")
    before = text[max(0, t.start - 40) : t.start]
    after = text[t.end : t.end + 40]
    bw = WORD.findall(before)
    aw = WORD.findall(after)
    p1 = bw[-1].lower() if bw else "<s>"
    p2 = bw[-2].lower() if len(bw) > 1 else "<s>"
    n1 = aw[0].lower() if aw else "</s>"
    n2 = aw[1].lower() if len(aw) > 1 else "</s>"
    f += [f"p1={p1}", f"p2={p2}|{p1}", f"n1={n1}", f"n2={n1}|{n2}"]
    f.append(f"rule_p1={name}|{p1}")
    f.append(f"rule_n1={name}|{n1}")
    f.append(f"pos_rel={min(4, int(5 * t.start / max(1, len(text))))}")
    f.append(f"early={t.start < 200}")
    if parse and doc is not None:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and len(span):
            root = span.root
            f.append(f"ent={span[0].ent_type_ or 'O'}")
            f.append(f"ent_last={span[-1].ent_type_ or 'O'}")
            f.append(f"dep={root.dep_}")
            f.append(f"hpos={root.head.pos_}")
            f.append(f"htag={root.head.tag_}")
            f.append(f"dep_hpos={root.dep_}|{root.head.pos_}")
            f.append(f"hlemma={root.head.lemma_.lower()}")
            f.append(f"rule_dep={name}|{root.dep_}")
    return f


def build(scorer, docs, parses, part):
    rows = []
    for name, d in docs.items():
        if split_of(name) != part:
            continue
        text = d["text"]
        ref = date.fromisoformat(d["dct"])
        doc = parses.get(name) if parses else None
        spans = {(s, e): n for s, e, n, _k, _m in temporal._cached_timex_spans(text)}
        found = temporal.find_timexes(text, ref, doc=doc)
        preds = [t for t in found if t.type == temporal.DATE_TYPE]
        gold = [g for g in d["timexes"] if g["type"] == "DATE"]
        allgold = d["timexes"]
        pairs = dict((j, i) for i, j in scorer.pair(gold, [{"start": t.start, "end": t.end} for t in preds]))
        for j, t in enumerate(preds):
            rule = spans.get((t.start, t.end), "?")
            try:
                tense = temporal._is_future(text, t.start, t.end, doc)
            except Exception:  # noqa: BLE001
                tense = None
            if j in pairs:
                g = gold[pairs[j]]
                label = "right" if str(g["value"]) == str(t.value or "") else "wrong"
                gv = g["value"]
            else:
                other = [g for g in allgold if min(g["end"], t.end) > max(g["start"], t.start)]
                label = "spurious_" + (other[0]["type"] if other else "none")
                gv = other[0]["value"] if other else ""
            rows.append(
                {
                    "doc": name,
                    "t": t,
                    "rule": rule,
                    "label": label,
                    "gold": gv,
                    "feats": features(text, t, rule, doc, ref, tense, parses is not None),
                }
            )
    return rows


def fit(X, y, l2, iters=50):
    """L2 logistic regression by Newton's method, the Hessian inverted through the n x n
    Woodbury form (fewer rows than features); the bias (column 0) barely penalised."""
    n, k = X.shape
    w = np.zeros(k)
    reg = np.full(k, float(l2))
    reg[0] = 1e-4
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(X @ w)))
        g = X.T @ (p - y) + reg * w
        d = np.clip(p * (1 - p), 1e-9, None)
        rg = g / reg
        xr = X / reg
        inner = np.diag(1 / d) + xr @ X.T
        step = rg - xr.T @ np.linalg.solve(inner, X @ rg)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def vectorise(rows, vocab):
    X = np.zeros((len(rows), len(vocab)))
    for i, r in enumerate(rows):
        for f in r["feats"]:
            if f in vocab:
                X[i, vocab[f]] = 1.0
    return X


def value_f1(rows, keep, n_gold):
    """Value F1 with the dropped predictions removed (pairs of kept ones assumed unchanged)."""
    kept = [r for r, k in zip(rows, keep, strict=True) if k]
    v = sum(r["label"] == "right" for r in kept)
    return 2 * v / (len(kept) + n_gold)


def oof_probs(rows, idx_train, idx_test, l2, min_count):
    train = [rows[i] for i in idx_train]
    counts = Counter(f for r in train for f in set(r["feats"]))
    vocab = {"bias": 0}
    for f, c in sorted(counts.items()):
        if c >= min_count and f != "bias":
            vocab[f] = len(vocab)
    w = fit(vectorise(train, vocab), np.array([r["label"] in TARGET for r in train], dtype=float), l2)
    return 1 / (1 + np.exp(-(vectorise([rows[i] for i in idx_test], vocab) @ w)))


def nested(rows, n_gold_of, l2s, thrs, folds=5, seed=0):
    """Outer document folds; in each, the l2 and threshold (0 = keep all, the rules) chosen by
    an inner document-fold CV on the other documents; returns the kept mask over all rows."""
    names = sorted({r["doc"] for r in rows})
    order = np.random.default_rng(seed).permutation(names)
    fold_of = {n: i % folds for i, n in enumerate(order)}
    keep = np.ones(len(rows), dtype=bool)
    chosen = []
    for k in range(folds):
        outer_train = [i for i, r in enumerate(rows) if fold_of[r["doc"]] != k]
        outer_test = [i for i, r in enumerate(rows) if fold_of[r["doc"]] == k]
        inner_names = sorted({rows[i]["doc"] for i in outer_train})
        inner_order = np.random.default_rng(seed + 100 + k).permutation(inner_names)
        inner_fold = {n: i % folds for i, n in enumerate(inner_order)}
        sub = [rows[i] for i in outer_train]
        ng = n_gold_of(inner_names)
        best = (value_f1(sub, [True] * len(sub), ng), 1.0, 0.0)
        for l2 in l2s:
            probs = np.zeros(len(outer_train))
            for j in range(folds):
                tr = [p for p, i in enumerate(outer_train) if inner_fold[rows[i]["doc"]] != j]
                te = [p for p, i in enumerate(outer_train) if inner_fold[rows[i]["doc"]] == j]
                probs[te] = oof_probs(sub, tr, te, l2, 2)
            for thr in thrs:
                f1 = value_f1(sub, probs >= thr, ng)
                if f1 > best[0] + 1e-9:
                    best = (f1, l2, thr)
        chosen.append(best)
        if best[2] > 0:
            p = oof_probs(rows, outer_train, outer_test, best[1], 2)
            keep[outer_test] = p >= best[2]
    return keep, chosen


GROUPS = {
    "base": ("rule=", "prec=", "tense=", "rule_tense=", "cap=", "valkind=", "yeardiff=", "nwords="),
    "txt": ("txt=", "first=", "last=", "rule_last="),
    "ctx": ("p1=", "p2=", "n1=", "n2="),
    "rctx": ("rule_p1=", "rule_n1="),
    "pos": ("pos_rel=", "early="),
    "parse": ("ent=", "ent_last=", "dep=", "hpos=", "htag=", "dep_hpos=", "hlemma="),
    "rparse": ("rule_dep=",),
}
# What the model learns: "right" (the value F1 objective) or, with --marked, whether the gold marks
# a DATE there at all (right or wrong value: the keep decision without the value's variation).
TARGET = {"right"}
L2S = (1.0, 3.0, 10.0)
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parse", action="store_true", help="features from the spaCy parse too")
    parser.add_argument("--groups", default="base,ctx", help=f"feature groups, of {','.join(GROUPS)}")
    parser.add_argument("--analysis", action="store_true", help="print the tune part's errors by rule")
    parser.add_argument("--marked", action="store_true", help="learn whether the gold marks a DATE there")
    args = parser.parse_args(argv)
    if args.marked:
        TARGET.add("wrong")
    scorer = load_scorer(DEFAULT_EVAL_DIR)
    docs = load_documents(DEFAULT_EVAL_DIR / "timebank-dev")
    parses = spacy_parses(docs, DEFAULT_CACHE)[0] if args.parse else None
    rows = build(scorer, docs, parses, TUNE)
    allowed = tuple(x for g in args.groups.split(",") for x in GROUPS[g])
    for r in rows:
        r["feats"] = ["bias"] + [f for f in r["feats"] if f.startswith(allowed)]
    gold_of = {n: sum(g["type"] == "DATE" for g in d["timexes"]) for n, d in docs.items()}
    n_gold = sum(gold_of[n] for n in docs if split_of(n) == TUNE)
    print(f"{len(rows)} DATE predictions, {n_gold} DATE gold; {dict(Counter(r['label'] for r in rows))}")
    print(f"rules as they are (all kept): value F1 {value_f1(rows, [True] * len(rows), n_gold):.4f}")
    if args.analysis:
        by = defaultdict(Counter)
        for r in rows:
            by[r["rule"]][r["label"]] += 1
        for rule, c in sorted(by.items(), key=lambda x: -sum(x[1].values())):
            print(f"  {rule:18} {dict(c)}")
        for r in rows:
            if r["label"] != "right":
                print(f"  {r['label']:17} {r['rule']:16} {r['t'].text!r:30} {r['t'].value} gold={r['gold']}")
    for seed in (0, 1, 2):
        keep, chosen = nested(rows, lambda names: sum(gold_of[n] for n in names), L2S, THRESHOLDS, seed=seed)
        picks = ", ".join(f"l2 {b:g} thr {c:g}" if c else "rules" for _, b, c in chosen)
        print(
            f"seed {seed}: nested CV value F1 {value_f1(rows, keep, n_gold):.4f}, "
            f"dropped {int((~keep).sum())}; per outer fold: {picks}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
