"""Throughput of `sitrep run --no-clean` on ~50 MB of repeated news text. Run through throughput.sh.

Each copy of a text gets a different number of trailing spaces, so sitrep does not drop it as an
exact duplicate (the dedup is on the text). sitrep has no switch to turn the understand stage off,
so the figure is the whole process: reading JSON Lines, (verbatim) cleaning, understanding,
writing articles.jsonl.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import bench_dir, die, dump, eval_out, load_note, run_sitrep  # noqa: E402


def texts_gvdb():
    csv.field_size_limit(10 ** 9)
    out = []
    for split in ("dev", "test"):
        with gzip.open(os.path.join(bench_dir(), "gvdb", f"{split}.tsv.gz"), "rt", encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
        i = rows[0].index("Full text")
        out += [r[i] for r in rows[1:] if r[i].strip()]
    return out


def texts_demo():
    demo = os.path.join(os.path.dirname(__file__), "..", "..", "crates", "sitrep", "demo")
    out = []
    for p in sorted(glob_txt(demo)):
        with open(p, encoding="utf-8") as f:
            out.append(f.read())
    with open(os.path.join(demo, "feed.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                t = json.loads(line).get("text")
                if t:
                    out.append(t)
    return out


def glob_txt(d):
    return [os.path.join(d, n) for n in os.listdir(d) if n.endswith(".txt")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=50)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--source", choices=("gvdb", "demo"), default="gvdb")
    ap.add_argument("--threads", default="1,2")
    args = ap.parse_args()
    texts = texts_gvdb() if args.source == "gvdb" else texts_demo()
    if not texts:
        die("no texts")
    work = os.path.join(eval_out(), "work", "throughput")
    os.makedirs(work, exist_ok=True)
    inp = os.path.join(work, f"big-{args.source}.jsonl")
    target = args.mb * 1e6
    n = size = text_bytes = words = 0
    copy = 0
    with open(inp, "w", encoding="utf-8") as f:
        while size < target:
            for i, t in enumerate(texts):
                t2 = t + " " * copy
                line = json.dumps({"id": f"{copy}-{i}", "text": t2}, ensure_ascii=False) + "\n"
                f.write(line)
                size += len(line.encode("utf-8"))
                text_bytes += len(t2.encode("utf-8"))
                words += len(t.split())
                n += 1
                if size >= target:
                    break
            copy += 1
    print(f"input: {inp}: {size / 1e6:.1f} MB JSONL, {text_bytes / 1e6:.1f} MB of text, {n} articles, "
          f"{words} words ({args.source} texts x{copy}); cores: {os.cpu_count()}")
    rows = []
    load = load_note()
    for j in [int(x) for x in args.threads.split(",")]:
        best = None
        for _ in range(args.runs):
            out = os.path.join(work, f"out-j{j}")
            shutil.rmtree(out, ignore_errors=True)
            r = run_sitrep([inp], out, threads=j)
            if r["run"]["written"] != n:
                die(f"sitrep wrote {r['run']['written']} of {n} articles: {r['run'].get('skipped')}")
            if best is None or r["wall_s"] < best["wall_s"]:
                best = r
        ann = {"mentions": 0, "times": 0, "quantities": 0, "claims": 0}
        with open(os.path.join(work, f"out-j{j}", "articles.jsonl"), encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                for k in ann:
                    ann[k] += len(a.get(k) or [])
        out_mb = os.path.getsize(os.path.join(work, f"out-j{j}", "articles.jsonl")) / 1e6
        w = best["wall_s"]
        rows.append({"threads": j, "wall_s": w, "mb_per_s": size / 1e6 / w, "mb_per_s_per_core": size / 1e6 / w / j,
                     "text_mb_per_s": text_bytes / 1e6 / w, "articles_per_s": n / w, "words_per_s": words / w,
                     "peak_rss_mib": best["maxrss_mib"], "output_mb": out_mb, "annotations": ann})
        shutil.rmtree(os.path.join(work, f"out-j{j}"), ignore_errors=True)
    print(f"{'threads':>7} {'s':>7} {'MB/s':>7} {'MB/s/core':>9} {'text MB/s':>9} {'articles/s':>10} "
          f"{'words/s':>10} {'RSS MiB':>8}")
    for r in rows:
        print(f"{r['threads']:7d} {r['wall_s']:7.2f} {r['mb_per_s']:7.1f} {r['mb_per_s_per_core']:9.1f} "
              f"{r['text_mb_per_s']:9.1f} {r['articles_per_s']:10.0f} {r['words_per_s']:10.0f} "
              f"{r['peak_rss_mib']:8.0f}")
    print(f"annotations written (-j {rows[0]['threads']}): {rows[0]['annotations']}")
    print("note: sitrep has no switch to turn annotation off; these are whole-process figures "
          "(read, verbatim clean, understand, write).")
    os.remove(inp)
    p = dump("throughput", {"source": args.source, "input_mb": size / 1e6, "text_mb": text_bytes / 1e6,
                            "articles": n, "words": words, "copies": copy, "runs": args.runs, "rows": rows, "load_before": load})
    print(f"results: {p}")


if __name__ == "__main__":
    main()
