"""ECB+ (EventCorefBank+): which articles report the same seminal event, when every topic holds two
look-alike events (sub-topics `Necb` / `Necbplus`). Run through scripts/eval/ecbplus.sh. Article
text is read from the bench folder at run time only (../shared/bench/ecbplus; never copied into
the repository).

Input: one JSON Lines record per document (982): `id` = doc_name, `text` = the sentences
detokenised (see `detok`), one sentence a line; for `ecbplus` documents sentence 0 (the source
URL) is left out of the text and becomes `url`. ECB+ has no publication dates, so none is given.
All documents go through one `sitrep run`.

Predicted cluster of a document = its `main_event` when that is a cross-article event id (see
gvc.py: no main_event, a per-article mention id such as `e1`, or no article = a singleton). Gold
cluster = sub-topic. ECB+ is mostly not about conflict (earthquakes, celebrity rehab,
acquisitions, product launches…): a document sitrep finds no event in stays a singleton, which is
the honest answer, and the scores say how often that happens.

Scores (B³ P/R/F1, pairwise P/R/F1, cluster counts; code in gvc.py):
* across topics: all 982 documents in one pool — a predicted cluster that spans topics is wrong;
* within topics: each topic's documents alone (both clusterings restricted), averaged weighted by
  documents (P, R and F1 each averaged);
* test topics 36–45 (the usual split), pooled, and within topics;
* baselines: all singletons; one cluster per topic (oracle: what merging the look-alikes costs).

    python3 scripts/eval/ecbplus.py --selftest    # detokeniser and metric self-checks
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import bench_dir, dump, eval_out, run_sitrep, write_jsonl  # noqa: E402
from gvc import b3, cluster_scores, fmt, is_event_id, load_events, predicted_clustering  # noqa: E402
from gvc import selftest as metric_selftest  # noqa: E402

TEST_TOPICS = set(range(36, 46))
DEV_TOPICS = {2, 5, 12, 18, 21, 23, 34, 35}

CLOSE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "...", "''", "”", "'", "’"}
OPEN = {"(", "[", "{", "$", "#", "``", "“", "‘"}
CLITICS = {"'s", "'re", "'ve", "'m", "'ll", "'d", "n't", "’s", "’re", "’ve", "’m", "’ll", "’d", "n’t"}
APOS_TAILS = {"s", "m", "t", "re", "ve", "ll", "d"}


def detok(tokens: list[str]) -> str:
    """Tokens back to text: no space before closing punctuation and clitics, none after opening
    brackets, quotes and `$`; `-` and `/` between two words glue them ("90-day"), as does `’` before
    s/m/t/re/ve/ll/d ("AMD’s"). A plain `"` opens at the start or after a space-taking word
    and closes after punctuation or at the end; otherwise it alternates."""
    out: list[str] = []
    glue = True  # no space before the next token
    dq_open = False
    n = len(tokens)
    for i, t in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < n else ""
        text = t
        if t == "``" or t == "“":
            kind, text = "open", '"' if t == "``" else t
            dq_open = True
        elif t == "''" or t == "”":
            kind, text = "close", '"' if t == "''" else t
            dq_open = False
        elif t == '"':
            if i == 0:
                is_open = True
            elif i + 1 == n or prev in CLOSE or prev in {",", ".", "!", "?"}:
                is_open = False
            else:
                is_open = not dq_open
            kind = "open" if is_open else "close"
            dq_open = is_open
        elif t in ("-", "/") and prev[-1:].isalnum() and nxt[:1].isalnum():
            kind = "infix"
        elif t == "/":
            kind = "infix"
        elif t == "’" and prev[-1:].isalnum() and nxt.lower() in APOS_TAILS:
            kind = "infix"
        elif t in CLITICS or t.lower() in CLITICS:
            kind = "close"
        elif t in CLOSE:
            kind = "close"
        elif t in OPEN:
            kind = "open"
        else:
            kind = "word"
        if out and not glue and kind not in ("close", "infix"):
            out.append(" ")
        out.append(text)
        glue = kind in ("open", "infix")
    return "".join(out)


def selftest() -> None:
    metric_selftest()
    cases = [
        (["Lindsay", "Lohan", "has", "checked", "in", ",", "her", "rep", "told", "People", "."],
         "Lindsay Lohan has checked in, her rep told People."),
        (["a", "90", "-", "day", "court", "-", "mandated", "stay"], "a 90-day court-mandated stay"),
        (["``", "We", "are", "sad", ",", "''", "he", "said", "."], '"We are sad," he said.'),
        (['"', "It", "is", "over", ".", '"'], '"It is over."'),
        (["He", "said", '"', "no", '"', "twice", "."], 'He said "no" twice.'),
        (["AMD", "’", "s", "deal", "(", "worth", "$", "334", "million", ")"], "AMD’s deal (worth $334 million)"),
        (["It", "does", "n't", "matter", "--", "Sudan", "'s", "army", "!"], "It doesn't matter -- Sudan's army!"),
        (["25", "%", "of", "1", "/", "2"], "25% of 1/2"),
    ]
    for toks, want in cases:
        got = detok(toks)
        assert got == want, (toks, got, want)
    # within-topic averaging: two topics, one perfect, one merged
    gold = {"a": "1ecb", "b": "1ecb", "c": "1ecbplus", "d": "2ecb"}
    topic = {"a": 1, "b": 1, "c": 1, "d": 2}
    w = within_topics(gold, {"a": 0, "b": 0, "c": 0, "d": 9}, topic)
    # topic 1: P (2/3 + 2/3 + 1/3)/3 = 5/9, R 1, F1 5/7; topic 2: 1, 1, 1
    # -> weighted P (3*5/9 + 1)/4 = 2/3, F1 (3*5/7 + 1)/4 = 11/14
    assert abs(w["precision"] - 2 / 3) < 1e-9 and abs(w["recall"] - 1.0) < 1e-9, w
    assert abs(w["f1"] - 11 / 14) < 1e-9 and w["topics"] == 2, w
    print("ecbplus selftest: ok")


def within_topics(gold: dict, pred: dict, topic_of: dict) -> dict:
    """B³ per topic (both clusterings restricted to the topic's documents), averaged weighted by
    documents; also the per-topic rows."""
    by = collections.defaultdict(list)
    for i in gold:
        by[topic_of[i]].append(i)
    rows = {}
    acc = collections.Counter()
    n = 0
    for t in sorted(by):
        r = b3({i: gold[i] for i in by[t]}, pred)
        rows[t] = r
        k = len(by[t])
        n += k
        for m in ("precision", "recall", "f1"):
            acc[m] += k * r[m]
    res = {m: acc[m] / n if n else None for m in ("precision", "recall", "f1")}
    res["f1_of_averages"] = (2 * res["precision"] * res["recall"] / (res["precision"] + res["recall"])
                             if n and res["precision"] + res["recall"] else None)
    res["topics"] = len(rows)
    res["docs"] = n
    return res | {"per_topic": rows}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--selftest", action="store_true", help="check the detokeniser and metrics and exit")
    ap.add_argument("--no-clean", action="store_true", help="pass --no-clean to sitrep (default: clean)")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--score-only", metavar="DIR",
                    help="score an existing sitrep output folder (of the input this script writes) instead of running")
    ap.add_argument("--join-duplicates", action="store_true",
                    help="an exact duplicate sitrep wrote once takes its first's main_event (default: singleton)")
    args = ap.parse_args()
    if args.selftest:
        selftest()
        return
    selftest()

    with gzip.open(os.path.join(bench_dir(), "ecbplus", "ecbplus_docs.jsonl.gz"), "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]

    def record(d):
        sents = sorted(d["sentences"], key=lambda s: s["sentence"])
        if d["subtopic_kind"] == "ecbplus":
            sents = [s for s in sents if s["sentence"] != 0]
        r = {"id": d["doc_name"], "text": "\n".join(detok(s["tokens"]) for s in sents)}
        if d["subtopic_kind"] == "ecbplus" and d.get("url_sentence0"):
            r["url"] = d["url_sentence0"]
        return r

    work = os.path.join(eval_out(), "work", "ecbplus")
    os.makedirs(work, exist_ok=True)
    inp = os.path.join(work, "ecbplus.jsonl")
    write_jsonl(inp, (record(d) for d in docs))
    if args.score_only:
        out = args.score_only
        with open(os.path.join(out, "run.json"), encoding="utf-8") as f:
            res = {"wall_s": None, "cmd": ["sitrep", "(--score-only)", out], "run": json.load(f)}
    else:
        out = os.path.join(work, "sitrep")
        shutil.rmtree(out, ignore_errors=True)
        res = run_sitrep([inp], out, threads=args.threads or None, no_clean=args.no_clean, allow_failures=True)

    arts = {}
    with open(os.path.join(out, "articles.jsonl"), encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            main_m = next((m for m in a.get("event_mentions") or [] if m.get("main")), None)
            arts[a["id"]] = {"main_event": a.get("main_event"),
                             "main_type": main_m.get("sub_event_type") if main_m else None}
    n_out = len(arts)
    events = load_events(out)
    run = res["run"]
    dups = run.get("duplicates") or []
    if args.join_duplicates:
        for copy_id, first_id in dups:
            if copy_id not in arts and first_id in arts:
                arts[copy_id] = arts[first_id]

    ids = [d["doc_name"] for d in docs]
    gold_all = {d["doc_name"]: d["subtopic"] for d in docs}
    topic_of = {d["doc_name"]: d["topic"] for d in docs}
    main_events = {i: a["main_event"] for i, a in arts.items()}
    pred, _, why = predicted_clustering(ids, main_events, events)
    sizes = collections.Counter(pred.values())
    multi = sum(1 for i in ids if i in pred and sizes[pred[i]] > 1)
    with_main = sum(1 for i in ids if main_events.get(i) is not None)
    main_types = collections.Counter(arts[i]["main_type"] or "(no event)" for i in ids if i in arts)
    notes = []
    if why["mention_id_only"]:
        notes.append(f"{why['mention_id_only']} documents have a per-article mention id as main_event (before the "
                     f"resolve stage): each is a singleton")
    if dups:
        dup_same = sum(1 for c, f in dups if gold_all.get(c) == gold_all.get(f))
        notes.append(f"{len(dups)} exact duplicates ({dup_same} of the same sub-topic as their first) are "
                     + ("given their first's main_event" if args.join_duplicates else "singletons"))

    def block(sel):
        gold = {i: gold_all[i] for i in sel}
        return {
            "docs": len(sel), "subtopics": len(set(gold.values())),
            "docs_with_main_event": sum(1 for i in sel if main_events.get(i) is not None),
            "docs_in_event": sum(1 for i in sel if i in pred),
            "sitrep": cluster_scores(gold, pred),
            "sitrep_within_topics": within_topics(gold, pred, topic_of),
            "baselines": {"singletons": cluster_scores(gold, {}),
                          "one_cluster_per_topic (oracle)": cluster_scores(gold, topic_of)},
        }

    test_ids = [i for i in ids if topic_of[i] in TEST_TOPICS]
    results = {
        "docs": len(docs), "sitrep_wall_s": res["wall_s"], "cmd": res["cmd"][1:], "clean": not args.no_clean,
        "articles_out": n_out, "duplicates": len(dups), "join_duplicates": args.join_duplicates,
        "failures": len(run.get("failures") or []),
        "docs_with_main_event": with_main, "docs_in_event": why["event"],
        "docs_in_multi_article_event": multi,
        "why_singleton": {k: v for k, v in why.items() if k != "event"},
        "main_event_types": dict(main_types.most_common()),
        "events_jsonl": events is not None, "events": None if events is None else len(events),
        "notes": notes,
        "all": block(ids),
        "test_36_45": block(test_ids),
    }
    # predicted clusters spanning topics / sub-topics (across the whole pool)
    spans = collections.Counter()
    by_pred = collections.defaultdict(set)
    for i, c in pred.items():
        by_pred[c].add(i)
    for members in by_pred.values():
        if len(members) > 1:
            spans["multi_doc_clusters"] += 1
            spans["spanning_topics"] += len({topic_of[i] for i in members}) > 1
            spans["spanning_subtopics"] += len({gold_all[i] for i in members}) > 1
    results["predicted_clusters"] = dict(spans)

    print(f"\n== ECB+: {len(docs)} docs, {len(set(gold_all.values()))} sub-topics in {len(set(topic_of.values()))} "
          f"topics; one sitrep run ({fmt(res['wall_s'], 0)} s); {n_out} articles out, {len(dups)} duplicates, "
          f"{results['failures']} failures")
    print(f"docs with a main_event: {with_main}; with an event id: {why['event']} ({multi} in an event with other "
          f"articles); singletons because: "
          f"{results['why_singleton']}; events.jsonl: {'absent' if events is None else f'{len(events)} events'}")
    print(f"main event types: {dict(main_types.most_common(8))}")
    print(f"predicted multi-document clusters: {results['predicted_clusters']}")
    for n in notes:
        print(f"note: {n}")
    print(f"\n{'set':<12} {'system':<32} {'docs':>5} {'gold':>5} {'pred':>5} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} "
          f"{'pw P':>6} {'pw R':>6} {'pw F1':>6}")
    for name, r in (("all", results["all"]), ("test 36-45", results["test_36_45"])):
        for sysname, s in (("sitrep, across topics", r["sitrep"]), *r["baselines"].items()):
            b, p = s["b3"], s["pairwise"]
            print(f"{name:<12} {sysname:<32} {b['items']:5d} {b['gold_clusters']:5d} {b['pred_clusters']:5d} "
                  f"{fmt(b['precision'])} {fmt(b['recall'])} {fmt(b['f1'])} {fmt(p['precision'])} "
                  f"{fmt(p['recall'])} {fmt(p['f1'])}")
        w = r["sitrep_within_topics"]
        print(f"{name:<12} {'sitrep, within topics (avg)':<32} {w['docs']:5d} {'':>5} {'':>5} {fmt(w['precision'])} "
              f"{fmt(w['recall'])} {fmt(w['f1'])}")
    print("\nper topic (all docs): topic docs main_event in_event B3-F1-within")
    pt = results["all"]["sitrep_within_topics"]["per_topic"]
    line = []
    for t, r in pt.items():
        sel = [i for i in ids if topic_of[i] == t]
        line.append(f"{t}:{len(sel)}/{sum(1 for i in sel if main_events.get(i) is not None)}/"
                    f"{sum(1 for i in sel if i in pred)}/{r['f1']:.2f}")
    for k in range(0, len(line), 8):
        print("  " + "  ".join(line[k:k + 8]))
    path = dump("ecbplus", results)
    print(f"\nresults: {path} (sitrep's input and output: {work})")


if __name__ == "__main__":
    main()
