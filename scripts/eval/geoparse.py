"""Geoparsing: sitrep's place mentions (span + lat/lon) against LGL and GeoWebNews gold toponyms.
Run through scripts/eval/geoparse.sh. News text is read from the bench folder at run time only.

Gold: LGL all toponyms (offsets exact); GWN the literal-ish types (KEEP_GWN), offsets into <text>.
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
"""
from __future__ import annotations

import argparse
import collections
import gzip
import math
import os
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
        docs.append((row, gold, bad))
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
        docs.append(({"id": f"gwn-{a.get('file')}", "text": text}, gold, bad))
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
    for row, gold, _ in docs:
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--kinds", default="place", help="sitrep mention kinds scored as places, comma-separated")
    ap.add_argument("--threads", type=int, default=0, help="sitrep -j (0: its default)")
    args = ap.parse_args()
    bench = os.path.join(bench_dir(), "geoparsing")
    work = os.path.join(eval_out(), "work", "geoparse")
    os.makedirs(work, exist_ok=True)
    kinds = set(args.kinds.split(","))
    results = {"kinds": sorted(kinds), "gwn_kept_types": sorted(KEEP_GWN),
               "gwn_ignored_types": sorted(IGNORE_GWN)}
    for name, fn, fname in (("LGL", load_lgl, "lgl.xml.gz"), ("GeoWebNews", load_gwn, "GWN.xml.gz")):
        docs = fn(os.path.join(bench, fname))
        bad = sum(d[2] for d in docs)
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
        r.update({"gold_offset_mismatches": bad, "mention_text_mismatches": bad_spans,
                  "sitrep_wall_s": res["wall_s"], "missing_docs": len(missing)})
        results[name] = r

    print(f"sitrep kinds scored: {', '.join(sorted(kinds))}; GWN types kept: {', '.join(sorted(KEEP_GWN))}")
    print(f"{'set':<11} {'docs':>5} {'gold':>5} {'coord':>5} {'pred':>5} | {'tagP':>5} {'tagR':>5} {'tagF1':>5} "
          f"| {'exF1':>5} | {'A@161':>6} {'A@161ans':>8} {'answ':>5} {'meankm':>7} {'medkm':>6} {'AUC':>5}")
    for name in ("LGL", "GeoWebNews"):
        r = results[name]
        g = r["geotagging_overlap"]
        mk = "-" if r["mean_km"] is None else f"{r['mean_km']:.0f}"
        md = "-" if r["median_km"] is None else f"{r['median_km']:.1f}"
        print(f"{name:<11} {r['docs']:5d} {r['gold_toponyms']:5d} {r['gold_with_coords']:5d} {r['predictions']:5d} | "
              f"{g['precision']:5.3f} {g['recall']:5.3f} {g['f1']:5.3f} | {r['geotagging_exact']['f1']:5.3f} | "
              f"{r['acc161_all']:6.3f} {r['acc161_answered']:8.3f} {r['answered']:5d} {mk:>7} {md:>6} "
              f"{r['auc_all']:5.3f}")
    for name in ("LGL", "GeoWebNews"):
        r = results[name]
        print(f"\n-- {name}: sitrep {r['sitrep_wall_s']:.2f} s; gold offset mismatches {r['gold_offset_mismatches']}; "
              f"found but no lat/lon {r['found_without_latlon']}; predicted precision field {r['pred_precision_field']}")
        gm = r["geonames_id_match"]
        print(f"   same GeoNames id as gold (kb_id gn:N) on {gm['same_id']} of {gm['answered_with_gold_id']} answered "
              f"toponyms with a gold id; acc@161km counting a same-id answer as right (all): "
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
