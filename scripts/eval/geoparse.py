"""Geoparsing: sitrep's place mentions (span + lat/lon) against the gold toponyms of four news sets:
LGL, GeoWebNews, TR-News and GeoVirus. Run through scripts/eval/geoparse.sh. News text is read from
the bench folder (../shared/bench/geoparsing) at run time only.

Gold: LGL all toponyms (offsets exact); GWN the literal-ish types (KEEP_GWN), offsets into <text>;
TR-News all toponyms (LGL schema; about 1 in 11 offsets is off by a few characters, so each
toponym whose span is not its `phrase` takes the occurrence of `phrase` nearest to the given start
within +-SEARCH_WINDOW characters; one not found keeps its offsets and counts as a mismatch);
GeoVirus all locations (every offset is one too far right: the span is text[start-1:end-1],
checked against `name`). Ids lgl-<docid>, gwn-<file>, trn-<docid>, gv-<article index>.
Prediction: a sitrep mention of kind `place` (`--kinds place,facility,nationality` to add others;
LGL marks demonyms such as "American" as toponyms, GWN types them Demonym and is not scored on them).
* geotagging, span overlap: recall = gold toponyms overlapped by a prediction / gold toponyms;
  precision = predictions overlapping a kept gold toponym / predictions, where predictions that
  overlap only a gold toponym of a type we do not score (GWN: Non_Literal_Modifier,
  Embedded_Non_Lit, Coercion, Demonym, Homonym, Language) are left out; predictions on
  Non_Toponym, *_Expression or on nothing are false positives. Exact-span figures too.
* geocoding, over gold toponyms with coordinates: the prediction overlapping the toponym (largest
  overlap, then the earliest) is its answer; accuracy@161km = answers within 161 km / all gold
  toponyms with coordinates (a missing answer or one without lat/lon is a failure); the same over
  answered ones only; mean / median error (km) over answered ones; AUC of the error curve as in
  Gritta et al. 2019 (mean of ln(1+err)/ln(20039); missing = 20039 km), lower is better.
* parts: each set is also scored on its even-numbered articles (index 0, 2, 4, ... in file order:
  the development part, to look at while tuning) and its odd-numbered ones (the held-out part, to
  report), in "parts": {"even": ..., "odd": ...}; the set's top-level keys cover the whole set.
  `--split even|odd` runs and scores only that part (the top-level keys then cover it alone).
"""
from __future__ import annotations

import argparse
import collections
import gzip
import datetime
import math
import os
import re
import shutil
import statistics
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from common import (bench_dir, check_spans, die, dump, eval_out, read_articles, resolve_duplicates,  # noqa: E402
                    run_sitrep, write_jsonl)

KEEP_GWN = {"Literal", "Literal_Modifier", "Mixed", "Embedded_Literal", "Metonymic"}
IGNORE_GWN = {"Non_Literal_Modifier", "Embedded_Non_Lit", "Coercion", "Demonym", "Homonym", "Language"}
EARTH_HALF = 20039.0
SEARCH_WINDOW = 200  # TR-News: how far from the given start to look for the toponym's phrase
PARTS = ("even", "odd")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")


def haversine(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def fnum(x):
    try:
        return float(x) if x not in (None, "") else None
    except ValueError:
        return None


def load_lgl(path):
    docs = []
    for a in ET.parse(gzip.open(path)).getroot():
        text = a.findtext("text") or ""
        dl = (a.findtext("dltime") or "")[:10]
        gold, bad = [], 0
        for t in a.find("toponyms"):
            s, e = int(t.findtext("start")), int(t.findtext("end"))
            if text[s:e] != t.findtext("phrase"):
                bad += 1
            g = t.find("gaztag")
            lat = fnum(g.findtext("lat")) if g is not None else None
            lon = fnum(g.findtext("lon")) if g is not None else None
            gold.append({"start": s, "end": e, "text": text[s:e], "type": "toponym", "kept": True,
                         "lat": lat, "lon": lon, "gid": g.get("geonameid") if g is not None else None})
        row = {"id": f"lgl-{a.get('docid')}", "text": text}
        if len(dl) == 10 and dl[4] == "-":
            row["published"] = dl
        docs.append((row, gold, bad, 0))
    return docs


def load_gwn(path):
    docs = []
    for a in ET.parse(gzip.open(path)).getroot():
        text = a.findtext("text") or ""
        gold, bad = [], 0
        for t in a.find("toponyms"):
            s, e = int(t.findtext("start")), int(t.findtext("end"))
            name = t.findtext("extractedName")
            if text[s:e] != name:
                bad += 1
            ty = t.findtext("type")
            gold.append({"start": s, "end": e, "text": text[s:e], "type": ty, "kept": ty in KEEP_GWN,
                         "ignored": ty in IGNORE_GWN,
                         "lat": fnum(t.findtext("latitude")), "lon": fnum(t.findtext("longitude")),
                         "gid": (t.findtext("geonamesID") or "").strip() or None})
        docs.append(({"id": f"gwn-{a.get('file')}", "text": text}, gold, bad, 0))
    return docs


def parse_date(s):
    """A YYYY-MM-DD date out of a free-form date line (TR-News `dltime`, in forms such as "2001-02-03",
    "2001-02-03 04:05 ET", "Feb 3, 2001 4:05 PM ET", "4:05 PM ET, Sat February 3, 2001", "3 February 2001",
    "02/03/2001" (month first), "February 3rd 2001"), or None."""
    s = (s or "").strip()
    if m := re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", s):
        y, mo, d = map(int, m.groups())
    elif m := re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", s):  # US order: month/day/year
        mo, d, y = map(int, m.groups())
    else:
        toks = re.findall(r"[A-Za-z]+|\d+(?::\d+)*", s)  # a clock time stays one token ("8:46")
        mo = next((i + 1 for t in toks if len(t) >= 3 for i, n in enumerate(MONTHS) if n.startswith(t.lower())),
                  None)
        y = next((int(t) for t in toks if t.isdigit() and len(t) == 4), None)
        d = next((int(t) for t in toks if t.isdigit() and len(t) <= 2), None)
        if None in (mo, y, d):
            return None
    try:
        return datetime.date(y, mo, d).isoformat()
    except ValueError:
        return None


def nearest(text, phrase, s):
    """Start of the occurrence of `phrase` in `text` nearest to `s` (within SEARCH_WINDOW), or None."""
    best, i = None, text.find(phrase, max(0, s - SEARCH_WINDOW))
    while i != -1 and i <= s + SEARCH_WINDOW:
        if best is None or abs(i - s) < abs(best - s):
            best = i
        i = text.find(phrase, i + 1)
    return best


def load_trn(path):
    """TR-News: LGL's schema; offsets that do not give `phrase` are moved to its nearest occurrence."""
    docs = []
    for a in ET.parse(gzip.open(path)).getroot():
        text = a.findtext("text") or ""
        gold, bad, fixed = [], 0, 0
        for t in a.find("toponyms"):
            s, e = int(t.findtext("start")), int(t.findtext("end"))
            phrase = t.findtext("phrase") or ""
            if text[s:e] != phrase:
                i = nearest(text, phrase, s) if phrase else None
                if i is None:
                    bad += 1
                else:
                    s, e = i, i + len(phrase)
                    fixed += 1
            g = t.find("gaztag")
            lat = fnum(g.findtext("lat")) if g is not None else None
            lon = fnum(g.findtext("lon")) if g is not None else None
            gold.append({"start": s, "end": e, "text": text[s:e], "type": "toponym", "kept": True,
                         "lat": lat, "lon": lon, "gid": g.get("geonameid") if g is not None else None})
        row = {"id": f"trn-{a.get('docid')}", "text": text}
        pub = parse_date(a.findtext("dltime"))
        if pub:
            row["published"] = pub
        docs.append((row, gold, bad, fixed))
    return docs


def load_gv(path):
    """GeoVirus: every offset is one too far right, the span is text[start-1:end-1]."""
    docs = []
    for i, a in enumerate(ET.parse(gzip.open(path)).getroot()):
        text = a.findtext("text") or ""
        gold, bad = [], 0
        for t in a.find("locations"):
            s, e = int(t.findtext("start")) - 1, int(t.findtext("end")) - 1
            if text[s:e] != t.findtext("name"):
                bad += 1
            gold.append({"start": s, "end": e, "text": text[s:e], "type": "toponym", "kept": True,
                         "lat": fnum(t.findtext("lat")), "lon": fnum(t.findtext("lon")), "gid": None})
        docs.append(({"id": f"gv-{i}", "text": text}, gold, bad, 0))
    return docs


def overlap(a, b):
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def evaluate(name, docs, arts, kinds, top):
    tp_p = fp_p = ign_p = 0          # predictions (overlap)
    ex_tp_p = ex_fp_p = 0            # predictions (exact span)
    n_gold = found = exact_found = 0
    n_coord = answered = within = 0
    errs, auc = [], []
    missed, fps, far = collections.Counter(), collections.Counter(), []
    no_latlon = 0
    prec_counts = collections.Counter()
    by_prec = collections.defaultdict(lambda: [0, 0])  # sitrep precision -> [answered, within]
    gid_gold = gid_match = within_or_id = 0
    for row, gold, *_ in docs:
        a = arts[row["id"]]
        preds = [m for m in a.get("mentions") or [] if m["kind"] in kinds]
        kept = [g for g in gold if g["kept"]]
        for p in preds:
            prec_counts[p.get("precision") or "none"] += 1
            hits = [g for g in gold if overlap(g, p)]
            if any(g["kept"] for g in hits):
                tp_p += 1
            elif hits and all(g.get("ignored") for g in hits):
                ign_p += 1
            else:
                fp_p += 1
                fps[(p["text"], p.get("country") or "")] += 1
            if any(g["kept"] and (g["start"], g["end"]) == (p["start"], p["end"]) for g in gold):
                ex_tp_p += 1
            elif not any(g.get("ignored") and (g["start"], g["end"]) == (p["start"], p["end"]) for g in gold):
                ex_fp_p += 1
        for g in kept:
            n_gold += 1
            ov = [p for p in preds if overlap(g, p)]
            if ov:
                found += 1
            else:
                missed[g["text"]] += 1
            if any((p["start"], p["end"]) == (g["start"], g["end"]) for p in preds):
                exact_found += 1
            if g["lat"] is None or g["lon"] is None:
                continue
            n_coord += 1
            ov.sort(key=lambda p: (-overlap(g, p), p["start"]))
            best = ov[0] if ov else None
            if best is None or best.get("lat") is None or best.get("lon") is None:
                if best is not None:
                    no_latlon += 1
                auc.append(1.0)
                continue
            answered += 1
            d = haversine(g["lat"], g["lon"], best["lat"], best["lon"])
            errs.append(d)
            auc.append(math.log(1 + d) / math.log(EARTH_HALF))
            same_id = bool(g.get("gid")) and best.get("kb_id") == f"gn:{g['gid']}"
            if g.get("gid"):
                gid_gold += 1
                gid_match += same_id
            bp = by_prec[best.get("precision") or "none"]
            bp[0] += 1
            if d <= 161 or same_id:
                within_or_id += 1
            if d <= 161:
                within += 1
                bp[1] += 1
            else:
                far.append({"text": g["text"], "km": round(d), "gold": [g["lat"], g["lon"]],
                            "pred": [best["lat"], best["lon"]], "pred_admin1": best.get("admin1"),
                            "pred_country": best.get("country"), "pred_precision": best.get("precision"),
                            "doc": row["id"]})
    n_pred = tp_p + fp_p
    P = tp_p / n_pred if n_pred else 0.0
    R = found / n_gold if n_gold else 0.0
    eP = ex_tp_p / (ex_tp_p + ex_fp_p) if ex_tp_p + ex_fp_p else 0.0
    eR = exact_found / n_gold if n_gold else 0.0
    f = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0  # noqa: E731
    far.sort(key=lambda x: -x["km"])
    far_forms = collections.Counter((x["text"], x["pred_country"]) for x in far)
    return {
        "set": name, "docs": len(docs), "gold_toponyms": n_gold, "gold_with_coords": n_coord,
        "predictions": n_pred + ign_p, "predictions_ignored": ign_p,
        "geotagging_overlap": {"precision": P, "recall": R, "f1": f(P, R), "tp_pred": tp_p, "fp": fp_p,
                               "found": found},
        "geotagging_exact": {"precision": eP, "recall": eR, "f1": f(eP, eR)},
        "acc161_all": within / n_coord if n_coord else 0.0,
        "acc161_answered": within / answered if answered else 0.0,
        "answered": answered, "within_161": within, "found_without_latlon": no_latlon,
        "acc161_or_same_geonames_id_all": within_or_id / n_coord if n_coord else 0.0,
        "geonames_id_match": {"answered_with_gold_id": gid_gold, "same_id": gid_match,
                              "rate": gid_match / gid_gold if gid_gold else None},
        "acc161_answered_by_sitrep_precision": {k: {"answered": v[0], "acc161": v[1] / v[0] if v[0] else None}
                                                for k, v in sorted(by_prec.items())},
        "mean_km": statistics.fmean(errs) if errs else None,
        "median_km": statistics.median(errs) if errs else None,
        "auc_all": statistics.fmean(auc) if auc else None,
        "pred_precision_field": dict(prec_counts),
        "top_missed": [{"text": t, "n": n} for t, n in missed.most_common(top)],
        "top_fp": [{"text": t, "country": c, "n": n} for (t, c), n in fps.most_common(top)],
        "top_far_forms": [{"text": t, "pred_country": c, "n": n} for (t, c), n in far_forms.most_common(top)],
        "worst": far[:top],
    }


SETS = (("LGL", load_lgl, "lgl.xml.gz"), ("GeoWebNews", load_gwn, "GWN.xml.gz"),
        ("TR-News", load_trn, "TR-News.xml.gz"), ("GeoVirus", load_gv, "GeoVirus.xml.gz"))


def part_summary(r):
    """The headline figures of an evaluate() result, for the even / odd parts."""
    g = r["geotagging_overlap"]
    return {k: r[k] for k in ("docs", "gold_toponyms", "gold_with_coords", "answered", "within_161", "acc161_all",
                              "acc161_answered", "mean_km", "median_km", "auc_all")} | {
        "geotagging_overlap": {k: g[k] for k in ("precision", "recall", "f1")}}


def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--kinds", default="place,nationality", help="sitrep mention kinds scored as places, comma-separated")
    ap.add_argument("--threads", type=int, default=0, help="sitrep -j (0: its default)")
    ap.add_argument("--split", choices=("all", "even", "odd"), default="all",
                    help="articles to run and score: all, or only the even-numbered (index 0, 2, 4, ...: "
                         "development) or odd-numbered (held-out) ones; the even / odd parts are reported anyway")
    args = ap.parse_args()
    bench = os.path.join(bench_dir(), "geoparsing")
    work = os.path.join(eval_out(), "work", "geoparse")
    os.makedirs(work, exist_ok=True)
    kinds = {k.strip() for k in args.kinds.split(",") if k.strip()}
    if not kinds:
        die("--kinds: no kind given")
    results = {"kinds": sorted(kinds), "gwn_kept_types": sorted(KEEP_GWN),
               "gwn_ignored_types": sorted(IGNORE_GWN), "split": args.split,
               "parts_note": "even = articles 0, 2, 4, ... in file order (development), odd = 1, 3, 5, ... "
                             "(held-out); the set's top-level figures cover the --split articles"}
    for name, fn, fname in SETS:
        loaded = fn(os.path.join(bench, fname))
        ids = [d[0]["id"] for d in loaded]
        if len(set(ids)) != len(ids):
            die(f"{name}: duplicate article ids")
        part_of = {d[0]["id"]: PARTS[i % 2] for i, d in enumerate(loaded)}
        docs = [d for d in loaded if args.split == "all" or part_of[d[0]["id"]] == args.split]
        bad = sum(d[2] for d in docs)
        fixed = sum(d[3] for d in docs)
        inp = os.path.join(work, f"{name}.jsonl")
        write_jsonl(inp, (d[0] for d in docs))
        out = os.path.join(work, f"sitrep-{name}")
        shutil.rmtree(out, ignore_errors=True)
        res = run_sitrep([inp], out, threads=args.threads or None, allow_failures=True)
        arts = read_articles(out)
        resolve_duplicates(arts, res["run"])
        missing = [d[0]["id"] for d in docs if d[0]["id"] not in arts]
        if missing:
            print(f"warning: {name}: no article for {len(missing)} docs (failed inputs?), scored as empty: "
                  f"{missing[:5]}", file=sys.stderr)
            for m in missing:
                arts[m] = {"text": "", "mentions": []}
        changed = [d[0]["id"] for d in docs if d[0]["id"] in arts and arts[d[0]["id"]]["text"] != d[0]["text"]
                   and d[0]["id"] not in missing]
        if changed:
            die(f"{name}: --no-clean changed the text of {len(changed)} docs, e.g. {changed[:3]}")
        no_field = sum(1 for d in docs if "mentions" not in arts[d[0]["id"]])
        if no_field:
            print(f"warning: {name}: {no_field} of {len(docs)} articles have no `mentions` field",
                  file=sys.stderr)
        bad_spans = sum(check_spans(a, "mentions") for a in arts.values())
        r = evaluate(name, docs, arts, kinds, args.top)
        r.update({"gold_offset_mismatches": bad, "gold_offsets_corrected": fixed,
                  "mention_text_mismatches": bad_spans, "sitrep_wall_s": res["wall_s"], "missing_docs": len(missing),
                  "published_dates": sum(1 for d in docs if "published" in d[0])})
        r["parts"] = {part: part_summary(evaluate(name, [d for d in docs if part_of[d[0]["id"]] == part],
                                                  arts, kinds, 0))
                      for part in PARTS if args.split in ("all", part)}
        results[name] = r

    names = [n for n, _, _ in SETS]
    print(f"sitrep kinds scored: {', '.join(sorted(kinds))}; GWN types kept: {', '.join(sorted(KEEP_GWN))}; "
          f"articles: {args.split}")
    print(f"{'set':<11} {'docs':>5} {'gold':>5} {'coord':>5} {'pred':>5} | {'tagP':>5} {'tagR':>5} {'tagF1':>5} "
          f"| {'exF1':>5} | {'A@161':>6} {'A@161ans':>8} {'answ':>5} {'meankm':>7} {'medkm':>6} {'AUC':>5}")
    for name in names:
        r = results[name]
        g = r["geotagging_overlap"]
        print(f"{name:<11} {r['docs']:5d} {r['gold_toponyms']:5d} {r['gold_with_coords']:5d} {r['predictions']:5d} | "
              f"{g['precision']:5.3f} {g['recall']:5.3f} {g['f1']:5.3f} | {r['geotagging_exact']['f1']:5.3f} | "
              f"{r['acc161_all']:6.3f} {r['acc161_answered']:8.3f} {r['answered']:5d} {fmt(r['mean_km'], '.0f'):>7} "
              f"{fmt(r['median_km'], '.1f'):>6} {fmt(r['auc_all'], '5.3f'):>5}")
    print("\ndev (even) / held-out (odd): acc@161km over all gold toponyms with coordinates, over answered ones, "
          "AUC (lower is better)")
    cols = f"{'docs':>4} {'coord':>5} {'A@161':>6} {'A@161ans':>8} {'AUC':>5}"
    print(f"{'':<11} {'dev (even)':^32} | {'held-out (odd)':^32}")
    print(f"{'set':<11} {cols} | {cols}")
    for name in names:
        cells = []
        for part in PARTS:
            p = results[name]["parts"].get(part)
            if p is None:
                cells.append(f"{'-':>4} {'-':>5} {'-':>6} {'-':>8} {'-':>5}")
            else:
                cells.append(f"{p['docs']:4d} {p['gold_with_coords']:5d} {p['acc161_all']:6.3f} "
                             f"{p['acc161_answered']:8.3f} {fmt(p['auc_all'], '5.3f'):>5}")
        print(f"{name:<11} {cells[0]} | {cells[1]}")
    for name in names:
        r = results[name]
        corr = f" (after moving {r['gold_offsets_corrected']} to the nearest phrase)" \
            if r["gold_offsets_corrected"] else ""
        print(f"\n-- {name}: sitrep {r['sitrep_wall_s']:.2f} s; gold offset mismatches {r['gold_offset_mismatches']}"
              f"{corr}; found but no lat/lon {r['found_without_latlon']}; "
              f"predicted precision field {r['pred_precision_field']}")
        gm = r["geonames_id_match"]
        if gm["answered_with_gold_id"]:
            print(f"   same GeoNames id as gold (kb_id gn:N) on {gm['same_id']} of {gm['answered_with_gold_id']} "
                  f"answered toponyms with a gold id; acc@161km counting a same-id answer as right (all): "
                  f"{r['acc161_or_same_geonames_id_all']:.3f}")
        print("   acc@161km (answered) by sitrep's precision: " + ", ".join(
            f"{k} {v['acc161']:.3f} (n={v['answered']})" for k, v in r["acc161_answered_by_sitrep_precision"].items()))
        print("   most missed gold toponyms: " + ", ".join(f"{x['text']} ({x['n']})" for x in r["top_missed"]))
        print("   most frequent false positives: " + ", ".join(f"{x['text']} [{x['country']}] ({x['n']})"
                                                            for x in r["top_fp"]))
        print("   most frequent >161 km: " + ", ".join(f"{x['text']} -> {x['pred_country']} ({x['n']})"
                                                      for x in r["top_far_forms"]))
    path = dump("geoparse", results)
    print(f"\nresults: {path}")


if __name__ == "__main__":
    main()
