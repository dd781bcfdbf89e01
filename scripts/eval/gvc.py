"""GVC (Gun Violence Corpus): which articles report the same incident, and the facts of each
resolved event. Run through scripts/eval/gvc.sh. News text is read from the bench folder at run
time only (../shared/bench/gvc; evaluation use only, never copied into the repository).

All 510 documents go through one `sitrep run`, so look-alike incidents of every split share one
pool (the system has to keep them apart across the whole corpus); the scores are then taken per
split (train / dev / test, by incident, as Bugert et al. 2021) and over all documents.

Clustering (documents → incidents):

* predicted cluster of an article = its `main_event` in articles.jsonl when that is a cross-article
  event id; an article with no `main_event`, with a per-article mention id (`e1`, … — what
  `main_event` holds before the resolve stage; it names a mention inside one article, so it
  clusters nothing), or absent from the output (e.g. an exact duplicate, listed in run.json) is a
  singleton;
* gold cluster = `gvc_event_id` (the GVA incident);
* B³ precision / recall / F1 (per document, averaged; F1 of the averages), pairwise P / R / F1 over
  document pairs, predicted and gold cluster counts. Per split, both clusterings are restricted to
  the documents of that split (a predicted cluster reaching into another split is cut there).
* baselines: every document alone; one cluster per publication date (`dct`, no gold); and the
  "same gold incident date" clustering, which uses the gold and shows how far the date alone goes.

Facts, per gold incident of a split: the predicted event holding the most of its documents (ties:
the smaller event id), read from events.jsonl; an incident whose documents have no event has no
prediction (counted wrong, and reported as coverage):

* date: `date.start` == gold `date_iso` (exact day), within ±1 day, coverage (any date);
* place: `location.name` == gold `city_or_county` (case-insensitive; "Cartersville (Euharlee)"
  matches either part; "Polk (county)" matches "Polk" or "Polk County"; "St."/"Saint" alike;
  a hyphen is a space: "Winston-Salem" is "Winston Salem"),
  and state: `location.admin1` == gold `state` (name or postal code);
* killed / injured: `fatalities` / `injured` == `num_killed` / `num_injured` (None = wrong;
  coverage reported apart).

    python3 scripts/eval/gvc.py --selftest     # the metric self-checks, no sitrep needed
"""
from __future__ import annotations

import argparse
import collections
import datetime
import gzip
import json
import os
import re
import shutil
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from common import bench_dir, dump, eval_out, inter1_fill, run_sitrep, write_jsonl  # noqa: E402

SPLITS = ("train", "dev", "test")
MENTION_ID = re.compile(r"^e\d+$")  # a per-article event-mention id, not a cross-article event


# ---------------------------------------------------------------- clustering metrics

def restrict(clustering: dict, items) -> dict:
    """The clustering {item: cluster key} restricted to `items` (items missing from it become
    singletons of their own)."""
    return {i: clustering.get(i, ("__alone__", i)) for i in items}


def clusters_of(clustering: dict) -> dict:
    by = collections.defaultdict(set)
    for i, c in clustering.items():
        by[c].add(i)
    return by


def b3(gold: dict, pred: dict) -> dict:
    """B³ over the items of `gold` ({item: gold key}); `pred` ({item: predicted key}) is restricted
    to the same items. Per item: P = |pred ∩ gold| / |pred|, R = |pred ∩ gold| / |gold|, averaged
    over items; F1 = harmonic mean of the averages."""
    items = list(gold)
    if not items:
        return {"items": 0, "precision": None, "recall": None, "f1": None}
    pred = restrict(pred, items)
    g_cl, p_cl = clusters_of(gold), clusters_of(pred)
    P = R = 0.0
    for i in items:
        g, p = g_cl[gold[i]], p_cl[pred[i]]
        inter = len(g & p)
        P += inter / len(p)
        R += inter / len(g)
    P, R = P / len(items), R / len(items)
    return {"items": len(items), "precision": P, "recall": R, "f1": 2 * P * R / (P + R) if P + R else 0.0,
            "gold_clusters": len(g_cl), "pred_clusters": len(p_cl),
            "pred_non_singleton": sum(1 for c in p_cl.values() if len(c) > 1)}


def pairwise(gold: dict, pred: dict) -> dict:
    """Pairwise P / R / F1 over unordered item pairs (a link = same cluster). P is None when the
    prediction links nothing, R None when the gold has no link."""
    items = list(gold)
    pred = restrict(pred, items)

    def links(cl):
        out = set()
        for members in clusters_of(cl).values():
            m = sorted(members, key=str)
            out.update((m[a], m[b]) for a in range(len(m)) for b in range(a + 1, len(m)))
        return out

    g, p = links(gold), links(pred)
    tp = len(g & p)
    P = tp / len(p) if p else None
    R = tp / len(g) if g else None
    F = 2 * P * R / (P + R) if P and R else 0.0
    return {"tp": tp, "fp": len(p) - tp, "fn": len(g) - tp, "precision": P, "recall": R, "f1": F}


def cluster_scores(gold: dict, pred: dict) -> dict:
    return {"b3": b3(gold, pred), "pairwise": pairwise(gold, pred)}


def selftest() -> None:
    close = lambda a, b: abs(a - b) < 1e-9  # noqa: E731
    # Amigó et al. style toy: gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}
    gold = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    r = b3(gold, pred)
    # P: a,b 1; c 1/3; d,e 2/3 -> (2 + 1/3 + 4/3)/5 = 11/15 ; R: a,b 2/3; c 1/3; d,e 1 -> (4/3+1/3+2)/5 = 11/15
    assert close(r["precision"], 11 / 15) and close(r["recall"], 11 / 15), r
    assert r["gold_clusters"] == 2 and r["pred_clusters"] == 2
    pw = pairwise(gold, pred)  # gold links ab ac bc de; pred links ab cd ce de -> tp ab, de
    assert pw["tp"] == 2 and pw["fp"] == 2 and pw["fn"] == 2 and close(pw["precision"], 0.5), pw
    # all singletons: P 1, R = (1/3*3 + 1/2*2)/5 = 2/5
    single = b3(gold, {})
    assert close(single["precision"], 1.0) and close(single["recall"], 0.4), single
    assert pairwise(gold, {})["precision"] is None
    # one big cluster: R 1, P = (3*3/5 + 2*2/5)/5 = 13/25
    one = b3(gold, {i: 0 for i in gold})
    assert close(one["recall"], 1.0) and close(one["precision"], 13 / 25), one
    # perfect
    assert close(b3(gold, gold)["f1"], 1.0) and close(pairwise(gold, gold)["f1"], 1.0)
    # restriction: scoring only {a, d} cuts both clusterings to those two items
    sub = {i: gold[i] for i in ("a", "d")}
    rs = b3(sub, {"a": 0, "d": 0, "b": 0})
    assert close(rs["precision"], 0.5) and close(rs["recall"], 1.0), rs
    # place / date / number matching
    assert city_match("Cartersville (Euharlee)", "euharlee") and city_match("Cartersville (Euharlee)", "Cartersville")
    assert city_match("Polk (county)", "Polk County") and city_match("Polk (county)", "Polk")
    assert not city_match("Polk (county)", "county") and city_match("Saint Louis", "St. Louis")
    assert not city_match("Gary", "Garyville") and not city_match("Gary", None)
    assert city_match("Bronx", "The Bronx") and not city_match("Dalles", "Dallas")
    assert city_match("Winston Salem", "Winston-Salem") and not city_match("Winston", "Winston-Salem")
    assert state_match("Indiana", "Indiana") and state_match("Indiana", "IN") and not state_match("Indiana", "Iowa")
    assert day_diff("2016-07-24", "2016-07-25") == 1 and day_diff("2016-07", "2016-07-24") is None
    assert day_diff("2016-07-24T10:00:00Z", "2016-07-24") == 0
    assert num_eq(1.0, 1) and not num_eq(None, 0)
    assert outlet_of("http://web.archive.org/web/20160929223606/http://www.fox7austin.com:80/news/x") == "fox7austin.com"
    assert outlet_of("https://example.org/a") == "example.org"
    assert not is_event_id("e1") and is_event_id("ev-12") and not is_event_id(None)
    print("selftest: ok")


# ---------------------------------------------------------------- facts

US_STATES = {
    "alabama": "al", "alaska": "ak", "arizona": "az", "arkansas": "ar", "california": "ca", "colorado": "co",
    "connecticut": "ct", "delaware": "de", "district of columbia": "dc", "florida": "fl", "georgia": "ga",
    "hawaii": "hi", "idaho": "id", "illinois": "il", "indiana": "in", "iowa": "ia", "kansas": "ks",
    "kentucky": "ky", "louisiana": "la", "maine": "me", "maryland": "md", "massachusetts": "ma",
    "michigan": "mi", "minnesota": "mn", "mississippi": "ms", "missouri": "mo", "montana": "mt",
    "nebraska": "ne", "nevada": "nv", "new hampshire": "nh", "new jersey": "nj", "new mexico": "nm",
    "new york": "ny", "north carolina": "nc", "north dakota": "nd", "ohio": "oh", "oklahoma": "ok",
    "oregon": "or", "pennsylvania": "pa", "rhode island": "ri", "south carolina": "sc", "south dakota": "sd",
    "tennessee": "tn", "texas": "tx", "utah": "ut", "vermont": "vt", "virginia": "va", "washington": "wa",
    "west virginia": "wv", "wisconsin": "wi", "wyoming": "wy", "puerto rico": "pr",
}


def norm_place(s: str) -> str:
    s = s.lower().replace(".", " ").replace("-", " ")  # "Winston-Salem" is "Winston Salem"
    s = re.sub(r"\bsaint\b|\bst\b", "st", s)
    s = re.sub(r"\bfort\b|\bft\b", "ft", s)
    s = re.sub(r"\b(city of|town of|village of|township of)\b", " ", s)
    s = re.sub(r"^\s*the\s+", "", s)  # "The Bronx" is "Bronx"
    return " ".join(s.split())


def city_match(gold: str, name: str | None) -> bool:
    if not name or not gold:
        return False
    parts = [gold]
    m = re.match(r"^\s*(.*?)\s*\((.*?)\)\s*$", gold)
    if m:
        head, inner = m.group(1), m.group(2)
        parts = [head, f"{head} county"] if inner.strip().lower() == "county" else [head, inner]
    n = norm_place(name)
    cands = {norm_place(p) for p in parts if p.strip()}
    # "Polk County" vs "Polk": a county named in either form
    cands |= {c[:-len(" county")] for c in cands if c.endswith(" county")}
    return n in cands or (n.endswith(" county") and n[:-len(" county")] in cands)


def state_match(gold: str, admin1: str | None) -> bool:
    if not admin1 or not gold:
        return False
    g, a = gold.strip().lower(), admin1.strip().lower()
    return a == g or a == US_STATES.get(g) or a == f"us.{US_STATES.get(g)}"


def parse_day(s: str | None):
    if not s or not re.match(r"^\d{4}-\d{2}-\d{2}", s):
        return None
    try:
        return datetime.date.fromisoformat(s[:10])
    except ValueError:
        return None


def day_diff(pred: str | None, gold: str) -> int | None:
    p, g = parse_day(pred), parse_day(gold)
    return None if p is None or g is None else abs((p - g).days)


def num_eq(pred, gold) -> bool:
    return pred is not None and abs(float(pred) - float(gold)) < 1e-9


def is_event_id(v) -> bool:
    return isinstance(v, str) and bool(v.strip()) and not MENTION_ID.match(v)


def outlet_of(url: str | None) -> str | None:
    """The host of the original page inside an archive.org URL (or of the URL itself), no port,
    no leading www."""
    if not url:
        return None
    m = re.match(r"^https?://web\.archive\.org/web/[^/]+/(.*)$", url)
    inner = m.group(1) if m else url
    if not re.match(r"^[a-z]+://", inner):
        inner = "http://" + inner
    host = urllib.parse.urlsplit(inner).hostname or None
    if host and host.startswith("www."):
        host = host[4:]
    return host


def ratio(n: int, d: int):
    return n / d if d else None


def facts(incidents: dict, inc_ids, doc_event: dict, events: dict | None) -> dict | None:
    """Fact accuracy over the given gold incidents; None when there is no events.jsonl."""
    if events is None:
        return None
    c = collections.Counter()
    examples = []
    for iid in inc_ids:
        g = incidents[iid]
        votes = collections.Counter(doc_event[d] for d in g["gvc_doc_ids"] if doc_event.get(d) in events)
        c["incidents"] += 1
        if not votes:
            continue
        best = max(votes.values())
        ev = events[min(e for e, n in votes.items() if n == best)]
        c["with_event"] += 1
        date = ev.get("date") or {}
        dd = day_diff(date.get("start"), g["date_iso"])
        c["date_any"] += bool(date.get("start"))
        c["date_day"] += bool(parse_day(date.get("start"))) and date.get("precision", "day") in ("day", None)
        c["date_exact"] += dd == 0
        c["date_pm1"] += dd is not None and dd <= 1
        loc = ev.get("location") or {}
        c["location_any"] += bool(loc.get("name"))
        city_ok = city_match(g["city_or_county"], loc.get("name"))
        c["city"] += city_ok
        c["state"] += state_match(g["state"], loc.get("admin1"))
        for slot, gk in (("fatalities", "num_killed"), ("injured", "num_injured")):
            v = ev.get(slot)
            c[f"{slot}_any"] += v is not None
            c[slot] += num_eq(v, g[gk])
        if len(examples) < 15 and (dd != 0 or not city_ok or not num_eq(ev.get("fatalities"), g["num_killed"])):
            examples.append({"incident": iid, "event": ev.get("id"),
                             "gold": {"date": g["date_iso"], "city": g["city_or_county"], "state": g["state"],
                                      "killed": g["num_killed"], "injured": g["num_injured"]},
                             "pred": {"date": date.get("start"), "city": loc.get("name"),
                                      "state": loc.get("admin1"), "killed": ev.get("fatalities"),
                                      "injured": ev.get("injured")}})
    n = c["incidents"]
    return {
        "incidents": n, "with_event": c["with_event"], "event_coverage": ratio(c["with_event"], n),
        "date": {"exact_day": ratio(c["date_exact"], n), "within_1_day": ratio(c["date_pm1"], n),
                 "coverage": ratio(c["date_any"], n), "day_precision": ratio(c["date_day"], n)},
        "city": {"accuracy": ratio(c["city"], n), "state_accuracy": ratio(c["state"], n),
                 "coverage": ratio(c["location_any"], n)},
        "killed": {"accuracy": ratio(c["fatalities"], n), "coverage": ratio(c["fatalities_any"], n)},
        "injured": {"accuracy": ratio(c["injured"], n), "coverage": ratio(c["injured_any"], n)},
        "examples_wrong": examples,
    }


# ---------------------------------------------------------------- run

def load_events(out: str) -> dict | None:
    path = os.path.join(out, "events.jsonl")
    if not os.path.exists(path):
        return None
    evs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                e = json.loads(line)
                evs[e["id"]] = e
    return evs


def read_main_events(out: str) -> dict:
    """{article id: main_event or None}, reading only the fields needed."""
    res = {}
    with open(os.path.join(out, "articles.jsonl"), encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            res[a["id"]] = a.get("main_event")
    return res


def predicted_clustering(doc_ids, main_events: dict, events: dict | None) -> tuple[dict, dict, collections.Counter]:
    """({doc: cluster key} for docs in a cross-article event, {doc: event id}, counts of why not)."""
    why = collections.Counter()
    pred, doc_event = {}, {}
    for d in doc_ids:
        if d not in main_events:
            why["absent_from_output"] += 1
            continue
        me = main_events[d]
        if me is None:
            why["no_main_event"] += 1
        elif not is_event_id(me):
            why["mention_id_only"] += 1
        elif events is not None and me not in events:
            why["event_id_not_in_events_jsonl"] += 1
            pred[d] = me
            doc_event[d] = me
        else:
            why["event"] += 1
            pred[d] = me
            doc_event[d] = me
    return pred, doc_event, why


def consistency(doc_event: dict, events: dict | None) -> dict | None:
    """Does each event's `articles` list the articles whose main_event it is?"""
    if events is None:
        return None
    listed = {a for e in events.values() for a in e.get("articles") or []}
    not_listed = sum(1 for d, e in doc_event.items() if e in events and d not in (events[e].get("articles") or []))
    return {"events": len(events), "articles_listed_in_events": len(listed),
            "main_event_not_listing_article": not_listed}


def fmt(x, w=6):
    return f"{'–':>{w}}" if x is None else f"{x:{w}.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--selftest", action="store_true", help="check the metrics on toy examples and exit")
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

    bench = os.path.join(bench_dir(), "gvc")
    with gzip.open(os.path.join(bench, "gvc_docs.jsonl.gz"), "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    with open(os.path.join(bench, "gvc_incidents.json"), encoding="utf-8") as f:
        incidents = json.load(f)

    work = os.path.join(eval_out(), "work", "gvc")
    os.makedirs(work, exist_ok=True)
    inp = os.path.join(work, "gvc.jsonl")
    write_jsonl(inp, ({"id": d["doc_id"], "url": d["url"], "outlet": outlet_of(d["url"]), "title": d["title"],
                       "published": d["dct"], "text": d["text"]} for d in docs))
    if args.score_only:
        out = args.score_only
        with open(os.path.join(out, "run.json"), encoding="utf-8") as f:
            res = {"wall_s": None, "cmd": ["sitrep", "(--score-only)", out], "run": json.load(f)}
    else:
        out = os.path.join(work, "sitrep")
        shutil.rmtree(out, ignore_errors=True)
        res = run_sitrep([inp], out, threads=args.threads or None, no_clean=args.no_clean, allow_failures=True)
    main_events = read_main_events(out)
    n_out = len(main_events)
    events = load_events(out)
    run = res["run"]
    dups = run.get("duplicates") or []

    ids = [d["doc_id"] for d in docs]
    gold_all = {d["doc_id"]: d["gvc_event_id"] for d in docs}
    dup_same = sum(1 for c, f in dups if gold_all.get(c) is not None and gold_all.get(c) == gold_all.get(f))
    if args.join_duplicates:
        for copy_id, first_id in dups:
            if copy_id not in main_events and first_id in main_events:
                main_events[copy_id] = main_events[first_id]
    pred, doc_event, why = predicted_clustering(ids, main_events, events)
    sizes = collections.Counter(pred.values())
    multi = sum(1 for i in ids if i in pred and sizes[pred[i]] > 1)
    notes = []
    if events is None:
        notes.append("no events.jsonl in sitrep's output: facts are reported as null")
    if why["mention_id_only"]:
        notes.append(f"{why['mention_id_only']} articles have a per-article mention id as main_event (before the "
                     f"resolve stage): each is a singleton")
    if dups:
        notes.append(f"{len(dups)} exact duplicates ({dup_same} of the same gold incident as their first) are "
                     + ("given their first's main_event (--join-duplicates)" if args.join_duplicates
                        else "singletons (--join-duplicates gives them their first's main_event)"))

    split_of = {d["doc_id"]: d["split"] for d in docs}
    by_dct = {d["doc_id"]: d["dct"] for d in docs}
    by_gold_date = {d["doc_id"]: incidents[d["gvc_event_id"]]["date_iso"] for d in docs}
    results = {
        "docs": len(docs), "incidents": len(incidents), "sitrep_wall_s": res["wall_s"], "cmd": res["cmd"][1:],
        "clean": not args.no_clean, "articles_out": n_out,
        "duplicates": len(dups), "duplicates_same_incident": dup_same, "join_duplicates": args.join_duplicates,
        "failures": len(run.get("failures") or []),
        "why_singleton": {k: v for k, v in why.items() if k != "event"}, "docs_in_event": why["event"],
        "docs_in_multi_article_event": multi,
        "events_jsonl": events is not None, "events": None if events is None else len(events),
        "events_consistency": consistency(doc_event, events),
        "notes": notes, "inter1": inter1_fill(os.path.join(out, "events.csv")), "splits": {},
    }
    for split in (*SPLITS, "all"):
        sel = ids if split == "all" else [i for i in ids if split_of[i] == split]
        gold = {i: gold_all[i] for i in sel}
        inc_ids = sorted({gold_all[i] for i in sel}, key=int)
        results["splits"][split] = {
            "docs": len(sel), "incidents": len(inc_ids),
            "docs_in_event": sum(1 for i in sel if i in pred),
            "sitrep": cluster_scores(gold, pred),
            "baselines": {
                "singletons": cluster_scores(gold, {}),
                "same_dct": cluster_scores(gold, {i: by_dct[i] for i in sel}),
                "same_gold_date (oracle)": cluster_scores(gold, {i: by_gold_date[i] for i in sel}),
            },
            "facts": facts(incidents, inc_ids, doc_event, events),
        }

    print(f"\n== GVC: {len(docs)} docs, {len(incidents)} incidents, one sitrep run ({fmt(res['wall_s'], 0)} s); "
          f"{n_out} articles out, {len(dups)} duplicates, {results['failures']} failures")
    print(f"docs with an event id: {why['event']} ({multi} in an event with other articles); "
          f"singletons because: {results['why_singleton']}; "
          f"events.jsonl: {'absent' if events is None else f'{len(events)} events'}")
    for n in notes:
        print(f"note: {n}")
    if results["events_consistency"]:
        print(f"events consistency: {results['events_consistency']}")
    print(f"\n{'split':<6} {'system':<24} {'docs':>5} {'gold':>5} {'pred':>5} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} "
          f"{'pw P':>6} {'pw R':>6} {'pw F1':>6}")
    for split, r in results["splits"].items():
        rows = [("sitrep", r["sitrep"]), *r["baselines"].items()]
        for name, s in rows:
            b, p = s["b3"], s["pairwise"]
            print(f"{split:<6} {name:<24} {b['items']:5d} {b['gold_clusters']:5d} {b['pred_clusters']:5d} "
                  f"{fmt(b['precision'])} {fmt(b['recall'])} {fmt(b['f1'])} {fmt(p['precision'])} "
                  f"{fmt(p['recall'])} {fmt(p['f1'])}")
    print(f"\nfacts per gold incident (event holding most of its docs; accuracy over all incidents of the split)")
    print(f"{'split':<6} {'inc':>4} {'w/ev':>5} {'day':>6} {'±1d':>6} {'date?':>6} {'city':>6} {'state':>6} "
          f"{'loc?':>6} {'killed':>6} {'k?':>6} {'injur':>6} {'i?':>6}")
    for split, r in results["splits"].items():
        x = r["facts"]
        if x is None:
            print(f"{split:<6} {r['incidents']:4d}  (no events.jsonl: null)")
            continue
        print(f"{split:<6} {x['incidents']:4d} {x['with_event']:5d} {fmt(x['date']['exact_day'])} "
              f"{fmt(x['date']['within_1_day'])} {fmt(x['date']['coverage'])} {fmt(x['city']['accuracy'])} "
              f"{fmt(x['city']['state_accuracy'])} {fmt(x['city']['coverage'])} {fmt(x['killed']['accuracy'])} "
              f"{fmt(x['killed']['coverage'])} {fmt(x['injured']['accuracy'])} {fmt(x['injured']['coverage'])}")
    if results["inter1"]:
        i = results["inter1"]
        print(f"\nevents.csv: inter1 filled for {i['inter1']}/{i['with_actor']} events with an actor ({fmt(i['ratio'], 0)})")
    path = dump("gvc", results)
    print(f"\nresults: {path} (sitrep's input and output: {work})")


if __name__ == "__main__":
    main()
