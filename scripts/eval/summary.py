"""Markdown tables from target/eval/{conll,geoparse,gvdb,throughput}.json (those that exist).

    python3 scripts/eval/summary.py [EVAL_OUT]
"""
from __future__ import annotations

import json
import os
import sys

d = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("EVAL_OUT") or os.path.join(
    os.path.dirname(__file__), "..", "..", "target", "eval")


def load(name):
    p = os.path.join(d, f"{name}.json")
    return json.load(open(p, encoding="utf-8")) if os.path.exists(p) else None


c = load("conll")
if c:
    print("### CoNLL-2003 (exact match, PER/ORG/LOC)\n")
    print("| split | system | PER F1 | ORG F1 | LOC F1 | micro P | micro R | micro F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for split in ("test", "dev"):
        for sysname, label in (("sitrep", "sitrep"), ("spacy", "spaCy en_core_web_sm 3.8")):
            s = c[split][sysname]["scores"]
            m = s["micro"]
            print(f"| {split} | {label} | {s['PER']['f1']:.3f} | {s['ORG']['f1']:.3f} | {s['LOC']['f1']:.3f} | "
                  f"{m['precision']:.3f} | {m['recall']:.3f} | **{m['f1']:.3f}** |")
    sp = c["speed"]
    rep = next(k for k in sp if k.startswith("sitrep_x") and k.endswith("_words_per_s"))
    print(f"\nSpeed, test split ({sp['tokens']} tokens), one thread each, best of {sp['runs']} "
          f"(load average before: {sp.get('load_before', {}).get('loadavg_1m', float('nan')):.2f}):\n")
    print("| what | seconds | words/s |")
    print("|---|---|---|")
    print(f"| sitrep `run -j 1`, whole process | {sp['sitrep_process_s']:.2f} | {sp['sitrep_process_words_per_s']:,.0f} |")
    print(f"| sitrep start-up (one tiny document) | {sp['sitrep_startup_s']:.2f} | |")
    print(f"| sitrep, the test docs ×{rep[8:rep.index('_', 8)]}, whole process | "
          f"{sp[rep.replace('_words_per_s', '_process_s')]:.2f} | {sp[rep]:,.0f} |")
    print(f"| sitrep marginal (start-up excluded) | | {sp['sitrep_marginal_words_per_s']:,.0f} |")
    print(f"| spaCy `nlp.pipe` (model loaded) | {sp['spacy_pipe_s']:.2f} | {sp['spacy_words_per_s']:,.0f} |")
    print(f"| spaCy model load | {sp['spacy_load_s']:.2f} | |")
    print(f"\nRatio sitrep/spaCy: {sp['ratio_process']:.1f}× whole process, {sp['ratio_repeat']:.1f}× on the "
          f"repeated docs, {sp['ratio_marginal']:.1f}× marginal.\n")

g = load("geoparse")
if g:
    print(f"### Geoparsing (sitrep kinds: {', '.join(g['kinds'])})\n")
    print("| set | gold (coords) | tag P | tag R | tag F1 | exact-span F1 | acc@161km all | "
          "acc@161km answered | answered | same GeoNames id | acc@161 or same id (all) | mean km | median km | AUC |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name in ("LGL", "GeoWebNews"):
        r = g[name]
        t = r["geotagging_overlap"]
        gm = r.get("geonames_id_match") or {}
        rate = gm.get("rate")
        mk = "–" if r["mean_km"] is None else f"{r['mean_km']:.0f}"
        md = "–" if r["median_km"] is None else f"{r['median_km']:.1f}"
        print(f"| {name} | {r['gold_toponyms']} ({r['gold_with_coords']}) | {t['precision']:.3f} | {t['recall']:.3f} | "
              f"{t['f1']:.3f} | {r['geotagging_exact']['f1']:.3f} | **{r['acc161_all']:.3f}** | "
              f"{r['acc161_answered']:.3f} | {r['answered']} | "
              f"{'–' if rate is None else f'{rate:.3f}'} | {r.get('acc161_or_same_geonames_id_all', 0):.3f} | "
              f"{mk} | {md} | {r['auc_all']:.3f} |")
    print()

v = load("gvdb")
if v:
    print(f"### GVDB killed / injured (answer = {v['pick']} over the predicate's quantities)\n")
    print("| split | predicate | gold > 0 | answered | correct | precision | recall | accuracy | "
          "gold 0: silent / answered | gold > 0 silent |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for split in ("test", "dev"):
        for p, x in v[split]["scores"][v["pick"]].items():
            z = x["zeros"]
            print(f"| {split} | {p} | {x['gold_positive']} | {x['answered']} | {x['correct']} | {x['precision']:.3f} | "
                  f"{x['recall']:.3f} | {x['accuracy']:.3f} | {z['gold0_silent']} / {z['gold0_answered']} | "
                  f"{z['gold_pos_silent']} |")
    st = v["test"]["span_sanity"]
    print(f"\nSpan sanity (test): {st}\n")

t = load("throughput")
if t:
    print(f"### Throughput ({t['input_mb']:.0f} MB JSONL, {t['articles']} articles, {t['source']} texts; "
          f"load average before: {t.get('load_before', {}).get('loadavg_1m', float('nan')):.2f})\n")
    print("| threads | seconds | MB/s | MB/s per core | articles/s | peak RSS MiB |")
    print("|---|---|---|---|---|---|")
    for r in t["rows"]:
        print(f"| {r['threads']} | {r['wall_s']:.2f} | {r['mb_per_s']:.1f} | {r['mb_per_s_per_core']:.1f} | "
              f"{r['articles_per_s']:,.0f} | {r['peak_rss_mib']:.0f} |")
    print()
