"""GVDB (Gun Violence Database): killed / injured counts from sitrep's quantities against the crowd
forms. Run through scripts/eval/gvdb.sh. News text is read from the bench folder at run time only.

Gold per article: killed = number of victims whose `victim-was` has "killed"; injured = number
whose `victim-was` has "injured" (a variant also counts "hospitalized"-only victims as injured).
The gold has no span for a count (it has spans for victim names, ages, ...), so the scoring is
per document and per predicate:

* sitrep's answer for a predicate = over its quantities with that predicate (see PREDICATES),
  `--pick max` (default: the largest value), `mode` (the most-cited value, ties to the larger) or
  `first` (the first in the text); no such quantity = no answer.
* correct = answer == gold count (an answer on a document whose gold count is 0 is wrong).
* precision = correct / documents with an answer; recall = correct answers on documents with
  gold > 0 / documents with gold > 0; accuracy = share of all documents where (answer, or 0 when
  there is none) == gold.
* zeros: gold 0 and no answer (right silence), gold 0 with an answer (false alarm), gold > 0 and
  no answer (miss).
* span sanity: each predicted killed/injured quantity must have text == article text[start:end],
  and its text should contain a numeral or number word whose value is the quantity's value.

Place (a second, independent check of event places on single articles; from a second run that
gives sitrep the headline as the title and the rest as the text): the gold city is the
form's `city` span (the worker's pick, often the dateline's town), the gold state its drop-down
(`Unclear` left out). sitrep's answer is the location of the event its article's main event
belongs to (`events.jsonl`): city right when its name matches the gold span as GVC's scorer
matches names (case, "St."/"Saint", "City of", a county written with or without "County");
state right when its admin1 is the state. Accuracy is over the documents with a gold value; no
location counts as wrong.
"""
from __future__ import annotations

import argparse
import collections
import csv
import gzip
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import bench_dir, die, dump, eval_out, read_articles, resolve_duplicates, run_sitrep, write_jsonl  # noqa: E402
from gvc import US_STATES, city_match, load_events, state_match  # noqa: E402

# The form's state is mostly "CA - California"; some workers typed a postal code ("SC") or an
# AP abbreviation ("Wis.", "La."): read as the state's name.
POSTAL = {code: name for name, code in US_STATES.items()}
AP = {"ala": "alabama", "ariz": "arizona", "ark": "arkansas", "calif": "california", "colo": "colorado",
      "conn": "connecticut", "del": "delaware", "fla": "florida", "ill": "illinois", "ind": "indiana",
      "kan": "kansas", "kans": "kansas", "mass": "massachusetts", "mich": "michigan", "minn": "minnesota",
      "miss": "mississippi", "mont": "montana", "neb": "nebraska", "nev": "nevada", "okla": "oklahoma",
      "ore": "oregon", "tenn": "tennessee", "tex": "texas", "wash": "washington", "wis": "wisconsin",
      "wyo": "wyoming"}


def state_name(v: str) -> str:
    k = v.strip().rstrip(".").lower()
    return POSTAL.get(k) or AP.get(k) or v.strip()

PREDICATES = {
    "killed": {"killed", "dead", "died", "death", "deaths", "fatalities", "fatally_shot", "shot_dead",
               "killed_or_dead"},
    "injured": {"injured", "wounded", "hurt", "injuries", "hospitalized", "hospitalised", "wounded_or_injured"},
}
WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
              "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12, "a": 1, "an": 1, "both": 2,
              "couple": 2, "pair": 2, "single": 1, "lone": 1, "twin": 2, "triple": 3, "double": 2})


def span_numbers(s: str) -> set[float]:
    out = set()
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", s):
        try:
            out.add(float(m.group().replace(",", "")))
        except ValueError:
            pass
    toks = re.findall(r"[a-z]+", s.lower())
    for i, t in enumerate(toks):
        if t in WORDS:
            out.add(float(WORDS[t]))
        if i and toks[i - 1] in WORDS and t in WORDS:  # twenty five -> 25, two hundred -> 200
            a, b = WORDS[toks[i - 1]], WORDS[t]
            out.add(float(a * b if b in (100, 1000) else a + b))
    for m in re.finditer(r"([a-z]+)-([a-z]+)", s.lower()):  # twenty-five
        a, b = WORDS.get(m.group(1)), WORDS.get(m.group(2))
        if a and b:
            out.add(float(a + b))
    return out


def load(path: str, split: str):
    csv.field_size_limit(10 ** 9)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    head, rows = rows[0], rows[1:]
    ci = {h: i for i, h in enumerate(head)}
    docs = []
    for r in rows:
        j = json.loads(r[ci["Json"]])
        vs = j.get("victim-section") or []
        was = [set(v.get("victim-was") or []) for v in vs]
        when = j.get("date-and-time") or {}
        state = (when.get("state") or "").strip()
        docs.append({
            "id": f"gvdb-{split}-{r[ci['Article id']]}", "text": r[ci["Full text"]],
            "title": r[ci["Article title"]],
            "city": ((when.get("city") or {}).get("value") or "").strip(),
            # "CA - California" → "California"
            "state": "" if state in ("", "Unclear") else state_name(state.split(" - ", 1)[-1]),
            "killed": sum("killed" in w for w in was),
            "injured": sum("injured" in w for w in was),
            "injured_or_hospitalized": sum(("injured" in w or "hospitalized" in w) and "killed" not in w
                                           for w in was) + sum("injured" in w and "killed" in w for w in was),
        })
    return docs


def pick(vals, how):
    if not vals:
        return None
    if how == "max":
        return max(v for _, v in vals)
    if how == "first":
        return min(vals)[1]
    c = collections.Counter(v for _, v in vals)
    return max(c, key=lambda v: (c[v], v))


def score(docs, arts, how, gold_key_for=None):
    gold_key_for = gold_key_for or {"killed": "killed", "injured": "injured"}
    res = {}
    for pred, keys in PREDICATES.items():
        gk = gold_key_for[pred]
        n_ans = correct = correct_pos = gold_pos = acc = 0
        silent0 = alarm0 = miss = 0
        over = under = 0
        confusion = collections.Counter()
        for d in docs:
            a = arts[d["id"]]
            qs = [(q["start"], q["value"]) for q in a.get("quantities") or [] if (q.get("predicate") or "") in keys]
            ans = pick(qs, how)
            g = d[gk]
            if g > 0:
                gold_pos += 1
            if ans is None:
                if g == 0:
                    silent0 += 1
                    acc += 1
                else:
                    miss += 1
                confusion[(g if g < 5 else "5+", "-")] += 1
                continue
            n_ans += 1
            ok = abs(ans - g) < 1e-9
            correct += ok
            acc += ok
            if ok and g > 0:
                correct_pos += 1
            if g == 0:
                alarm0 += 1
            if ans > g:
                over += 1
            elif ans < g:
                under += 1
            a_ = int(ans) if ans == int(ans) and ans < 5 else ("5+" if ans >= 5 else ans)
            confusion[(g if g < 5 else "5+", a_)] += 1
        P = correct / n_ans if n_ans else 0.0
        R = correct_pos / gold_pos if gold_pos else 0.0
        res[pred] = {
            "docs": len(docs), "gold_positive": gold_pos, "answered": n_ans, "correct": correct,
            "correct_on_positive": correct_pos, "precision": P, "recall": R,
            "f1": 2 * P * R / (P + R) if P + R else 0.0, "accuracy": acc / len(docs),
            "zeros": {"gold0_silent": silent0, "gold0_answered": alarm0, "gold_pos_silent": miss},
            "over": over, "under": under,
            "confusion_gold_by_answer": {f"{g}|{p}": n for (g, p), n in sorted(confusion.items(), key=str)},
        }
    return res


def place_scores(docs, arts, events) -> dict:
    """City and state of each article's main event against the form (see the module docs)."""
    n_city = n_state = city_ok = state_ok = located = 0
    for d in docs:
        ev = (events or {}).get(arts[d["id"]].get("main_event") or "") or {}
        loc = ev.get("location") or {}
        located += bool(loc)
        if d["city"]:
            n_city += 1
            city_ok += city_match(d["city"], loc.get("name"))
        if d["state"]:
            n_state += 1
            state_ok += state_match(d["state"], loc.get("admin1"))
    return {"docs": len(docs), "located": located, "gold_city": n_city, "city_correct": city_ok,
            "city_accuracy": city_ok / n_city if n_city else 0.0, "gold_state": n_state,
            "state_correct": state_ok, "state_accuracy": state_ok / n_state if n_state else 0.0}


def span_sanity(docs, arts, n_examples):
    st = collections.Counter()
    good, bad = [], []
    for d in docs:
        a = arts[d["id"]]
        t = a["text"]
        for q in a.get("quantities") or []:
            p = q.get("predicate") or ""
            which = next((k for k, v in PREDICATES.items() if p in v), None)
            if which is None:
                continue
            st[f"{which}_total"] += 1
            s = t[q["start"]:q["end"]]
            if s != q.get("text"):
                st[f"{which}_text_mismatch"] += 1
            ok = q["value"] in span_numbers(s)
            st[f"{which}_number_in_span"] += ok
            ex = {"doc": d["id"], "predicate": p, "value": q["value"], "span": s, "counts": q.get("counts"),
                  "qualifier": q.get("qualifier"), "gold": d[which],
                  "context": t[max(0, q["start"] - 60):q["end"] + 60].replace("\n", " ")}
            (good if ok else bad).append(ex)
    return dict(st), good[:n_examples], bad[:n_examples]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pick", choices=("max", "mode", "first"), default="max")
    ap.add_argument("--examples", type=int, default=8)
    ap.add_argument("--threads", type=int, default=0)
    args = ap.parse_args()
    bench = os.path.join(bench_dir(), "gvdb")
    work = os.path.join(eval_out(), "work", "gvdb")
    os.makedirs(work, exist_ok=True)
    results = {"pick": args.pick, "predicates": {k: sorted(v) for k, v in PREDICATES.items()}}
    for split in ("test", "dev"):
        docs = load(os.path.join(bench, f"{split}.tsv.gz"), split)
        inp = os.path.join(work, f"{split}.jsonl")
        write_jsonl(inp, ({"id": d["id"], "text": d["text"]} for d in docs))
        out = os.path.join(work, f"sitrep-{split}")
        shutil.rmtree(out, ignore_errors=True)
        res = run_sitrep([inp], out, threads=args.threads or None, allow_failures=True)
        arts = read_articles(out)
        resolve_duplicates(arts, res["run"])
        missing = [d["id"] for d in docs if d["id"] not in arts]
        if missing:
            print(f"warning: {split}: no article for {len(missing)} docs, scored as silent: {missing[:5]}",
                  file=sys.stderr)
            for m in missing:
                arts[m] = {"text": "", "quantities": []}
        changed = [d["id"] for d in docs if d["id"] not in missing and arts[d["id"]]["text"] != d["text"]]
        if changed:
            die(f"--no-clean changed the text of {len(changed)} docs, e.g. {changed[:3]}")
        no_field = sum(1 for d in docs if "quantities" not in arts[d["id"]])
        if no_field:
            print(f"warning: {split}: {no_field} of {len(docs)} articles have no `quantities` field",
                  file=sys.stderr)
        preds_seen = collections.Counter(q.get("predicate") for a in arts.values() for q in a.get("quantities") or [])
        r = {"docs": len(docs), "missing_docs": len(missing), "sitrep_wall_s": res["wall_s"],
             "gold_killed_total": sum(d["killed"] for d in docs),
             "gold_injured_total": sum(d["injured"] for d in docs),
             "predicates_seen": {str(k): v for k, v in preds_seen.most_common()},
             "scores": {h: score(docs, arts, h) for h in ("max", "mode", "first")},
             "scores_injured_incl_hospitalized": score(docs, arts, args.pick,
                                                       {"killed": "killed", "injured": "injured_or_hospitalized"})}
        # Places from a second run that gives the headline as the title, as a feed does: the
        # form's text glues it to the body ("… | WXYZSPRINGFIELD, Ill. —"), which hides the
        # dateline.
        inp_t = os.path.join(work, f"{split}-titled.jsonl")
        write_jsonl(inp_t, ({"id": d["id"], "title": d["title"], "text": d["text"][len(d["title"]):]}
                            if d["text"].startswith(d["title"]) else {"id": d["id"], "text": d["text"]}
                            for d in docs))
        out_t = os.path.join(work, f"sitrep-{split}-titled")
        shutil.rmtree(out_t, ignore_errors=True)
        run_sitrep([inp_t], out_t, threads=args.threads or None, allow_failures=True)
        arts_t = read_articles(out_t)
        for d in docs:
            arts_t.setdefault(d["id"], {})
        r["place"] = place_scores(docs, arts_t, load_events(out_t))
        st, good, bad = span_sanity(docs, arts, args.examples)
        r["span_sanity"] = st
        r["span_examples_ok"] = good
        r["span_examples_bad"] = bad
        results[split] = r

        print(f"\n== GVDB {split}: {len(docs)} docs; gold victims killed {r['gold_killed_total']}, injured "
              f"{r['gold_injured_total']}; sitrep {res['wall_s']:.2f} s")
        print(f"quantity predicates seen: {r['predicates_seen']}")
        print(f"{'pick':<6} {'pred':<8} {'gold>0':>6} {'answ':>5} {'corr':>5} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6} "
              f"{'g0 silent':>9} {'g0 answ':>7} {'g>0 silent':>10} {'over':>5} {'under':>5}")
        for h in ("max", "mode", "first"):
            for p, x in r["scores"][h].items():
                z = x["zeros"]
                print(f"{h:<6} {p:<8} {x['gold_positive']:6d} {x['answered']:5d} {x['correct']:5d} "
                      f"{x['precision']:6.3f} {x['recall']:6.3f} {x['f1']:6.3f} {x['accuracy']:6.3f} "
                      f"{z['gold0_silent']:9d} {z['gold0_answered']:7d} {z['gold_pos_silent']:10d} "
                      f"{x['over']:5d} {x['under']:5d}")
        xi = r["scores_injured_incl_hospitalized"]["injured"]
        print(f"injured incl. hospitalized-only victims ({args.pick}): P {xi['precision']:.3f} R {xi['recall']:.3f} "
              f"acc {xi['accuracy']:.3f}")
        pl = r["place"]
        print(f"place of the main event: city {pl['city_correct']}/{pl['gold_city']} = {pl['city_accuracy']:.3f}, "
              f"state {pl['state_correct']}/{pl['gold_state']} = {pl['state_accuracy']:.3f} "
              f"({pl['located']} of {pl['docs']} located)")
        print(f"span sanity: {st}")
        if split == "test":
            for label, exs in (("span holds the value", good), ("span does NOT hold the value", bad)):
                print(f"  examples, {label}:")
                for e in exs:
                    print(f"    {e['predicate']}={e['value']:g} gold={e['gold']} span={e['span']!r} "
                          f"counts={e['counts']!r} | …{e['context']}…")
    path = dump("gvdb", results)
    print(f"\nresults: {path}")


if __name__ == "__main__":
    main()
