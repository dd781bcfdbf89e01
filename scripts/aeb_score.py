#!/usr/bin/env python3
"""Score article-body predictions against the ScrapingHub article-extraction benchmark.

This re-implements the scoring of scrapinghub/article-extraction-benchmark
(``evaluate.py``) with the standard library only:

* Each text is split into ``\\w+`` tokens (Unicode, case kept).
* Word 4-grams ("shingles") are counted as a multiset. A text with 1-3
  tokens gives a single shorter shingle; an empty text gives none.
* Per page: TP = multiset overlap of gold and predicted shingles,
  FP = predicted shingles beyond the gold counts, FN = gold shingles missing
  from the prediction. TP/FP/FN are then normalised to sum to 1 so long pages
  do not dominate.
* Per page precision = TP/(TP+FP) and recall = TP/(TP+FN); a page with no
  FP and no FN (including both texts empty) scores 1 for both. Precision is
  averaged over pages with TP+FP > 0 and recall over pages with TP+FN > 0,
  so an empty prediction costs recall but not precision (as upstream).
  F1 is the harmonic mean of the two averages.

``--pooled`` instead averages the normalised TP/FP/FN over all pages and
computes P/R/F1 from those averages (both-empty pages count as TP=1). It
tracks the upstream figure within ~0.001 when no prediction is empty; empty
predictions lower its precision too, so the gap grows with them.

Usage::

    aeb_score.py --gold ground-truth.json --pred predictions.jsonl [--per-page]

``predictions.jsonl`` holds one JSON object per line, ``{"id": ..., "text": ...}``
where ``id`` is the page file name without ``.html.gz``. Ids missing from the
file count as empty predictions; ids not in the gold file are ignored.
"""

import argparse
import json
import re
import sys
from collections import Counter

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
NGRAM_N = 4


def shingles(text, n=NGRAM_N):
    """Multiset of word n-grams of ``text`` (one shorter shingle if < n tokens)."""
    tokens = _TOKEN_RE.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_counts(gold, pred):
    """Normalised (tp, fp, fn) for one page; (0, 0, 0) when both are empty."""
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def page_precision(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fp == 0:
        return 0.0
    return tp / (tp + fp)


def page_recall(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fn == 0:
        return 0.0
    return tp / (tp + fn)


def _f1(p, r):
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def _mean(values):
    return sum(values) / len(values) if values else 0.0


def upstream_metrics(counts):
    """P/R/F1 as upstream evaluate.py: mean of per-page precision and recall."""
    p = _mean([page_precision(*c) for c in counts if c[0] + c[1] > 0])
    r = _mean([page_recall(*c) for c in counts if c[0] + c[2] > 0])
    return p, r, _f1(p, r)


def pooled_metrics(counts):
    """P/R/F1 from the page-averaged normalised TP/FP/FN."""
    fixed = [(1.0, 0.0, 0.0) if sum(c) == 0 else c for c in counts]
    n = len(fixed) or 1
    tp = sum(c[0] for c in fixed) / n
    fp = sum(c[1] for c in fixed) / n
    fn = sum(c[2] for c in fixed) / n
    p = tp / (tp + fp) if tp + fp > 0 else 0.0
    r = tp / (tp + fn) if tp + fn > 0 else 0.0
    return p, r, _f1(p, r)


def load_gold(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return {key: (value.get("articleBody") or "") for key, value in data.items()}


def load_pred(path):
    preds = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                sys.exit(f"{path}:{lineno}: bad JSON: {exc}")
            preds[str(obj["id"])] = obj.get("text") or ""
    return preds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", required=True, help="ground-truth.json")
    parser.add_argument("--pred", required=True, help="predictions, JSON Lines")
    parser.add_argument("--per-page", action="store_true",
                        help="also list the 20 worst pages by F1")
    parser.add_argument("--pooled", action="store_true",
                        help="P/R from page-averaged TP/FP/FN instead of upstream's "
                             "mean per-page P and R")
    args = parser.parse_args(argv)

    gold = load_gold(args.gold)
    pred = load_pred(args.pred)
    ids = sorted(gold)
    counts = [page_counts(gold[i], pred.get(i, "")) for i in ids]
    missing = sum(1 for i in ids if i not in pred)

    metrics = pooled_metrics(counts) if args.pooled else upstream_metrics(counts)
    print(f"pages={len(ids)} missing={missing} "
          f"precision={metrics[0]:.4f} recall={metrics[1]:.4f} f1={metrics[2]:.4f}")

    if args.per_page:
        rows = []
        for page_id, c in zip(ids, counts):
            p, r = page_precision(*c), page_recall(*c)
            rows.append((_f1(p, r), p, r, page_id))
        rows.sort()
        print(f"{'f1':>6} {'prec':>6} {'rec':>6}  id")
        for f1, p, r, page_id in rows[:20]:
            print(f"{f1:6.3f} {p:6.3f} {r:6.3f}  {page_id}")


if __name__ == "__main__":
    main()
