#!/usr/bin/env python3
"""Event mentions and events that differ between two folders written by
scripts/check/outputs.sh (before and after a change to the events stage).

    scripts/check/diff-mentions.py BEFORE AFTER [SET...]   # sets: seeds demo gvc

Per article (run/articles.jsonl): each changed mention field, with indices resolved to their
text (time, place, actors, weapons, counts), and a changed main event or claim covers; the
cross-article `event` ids are left out. Per set (run/events.jsonl): events only before, only
after, and those whose content changed, by the articles they draw on.
"""
import json, sys

def load(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            out[a["id"]] = a
    return out

def show_idx(a, field, v):
    if v is None:
        return None
    t = a["text"]
    if field == "time":
        x = a["times"][v]; return f'{v}:"{x.get("text") or t[x["start"]:x["end"]]}"={x.get("value")}'
    if field == "place":
        x = a["mentions"][v]; return f'{v}:"{t[x["start"]:x["end"]]}"'
    if field == "weapons":
        return [f'{i}:"{t[a["mentions"][i]["start"]:a["mentions"][i]["end"]]}"' for i in v]
    if field == "actors":
        return [f'{x["mention"]}:"{t[a["mentions"][x["mention"]]["start"]:a["mentions"][x["mention"]]["end"]]}"/{x["role"]}' for x in v]
    if field == "counts":
        return [f'{i}:"{t[a["quantities"][i]["start"]:a["quantities"][i]["end"]]}"' for i in v]
    return v

FIELDS = ["trigger", "start", "sub_event_type", "main", "background", "time", "place", "actors", "weapons", "counts"]

def mentions(before, after, sets):
    n = 0
    for s in sets:
        A = load(f"{before}/{s}/run/articles.jsonl"); B = load(f"{after}/{s}/run/articles.jsonl")
        for aid in A:
            a, b = A[aid], B.get(aid)
            if b is None:
                print(f"{s} {aid}: missing after"); continue
            ma = a.get("event_mentions") or []; mb = b.get("event_mentions") or []
            ca = [c.get("covers") for c in a.get("claims") or []]; cb = [c.get("covers") for c in b.get("claims") or []]
            strip = lambda ms: [{k: v for k, v in m.items() if k != "event"} for m in ms]
            if strip(ma) == strip(mb) and a.get("main_event") == b.get("main_event") and ca == cb:
                continue
            n += 1
            print(f"== {s} {aid} ({a.get('title')!r})")
            if a.get("main_event") != b.get("main_event"):
                print(f"   main_event {a.get('main_event')} -> {b.get('main_event')}")
            if ca != cb:
                print(f"   claim covers changed")
            bykey = lambda ms: {m["start"]: m for m in ms}
            ka, kb = bykey(ma), bykey(mb)
            for k in sorted(set(ka) | set(kb)):
                x, y = ka.get(k), kb.get(k)
                if x is None:
                    print(f"   + mention at {k} {y['trigger']!r} {y['sub_event_type']}"); continue
                if y is None:
                    print(f"   - mention at {k} {x['trigger']!r} {x['sub_event_type']}"); continue
                for f in FIELDS:
                    vx, vy = x.get(f), y.get(f)
                    if vx != vy and not (f in ("actors", "weapons", "counts") and not vx and not vy):
                        print(f"   {x['id']} {x['trigger']!r}@{k} {f}: {show_idx(a, f, vx)} -> {show_idx(b, f, vy)}")
    print(f"{n} articles differ in their event mentions, main event or claim covers")


def events(before, after, s):
    B = load(f"{before}/{s}/run/events.jsonl"); A = load(f"{after}/{s}/run/events.jsonl")
    gone = [B[k] for k in B if k not in A]; new = [A[k] for k in A if k not in B]
    changed = [k for k in B if k in A and B[k] != A[k]]
    arts = lambda e: ",".join(x[:8] for x in sorted(e["articles"]))
    day = lambda e: (e.get("date") or {}).get("start")
    print(f"{s} events: {len(B)} -> {len(A)}; {len(gone)} only before, {len(new)} only after, {len(changed)} same id changed")
    for e in gone:
        print(f"  - {e['id']} {e['sub_event_type']:<28} {day(e)} [{arts(e)}]")
    for e in new:
        print(f"  + {e['id']} {e['sub_event_type']:<28} {day(e)} [{arts(e)}]")
    for k in changed:
        print(f"  ~ {k} [{arts(A[k])}] fields: {[f for f in B[k] if B[k][f] != A[k].get(f)]}")

if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    before, after = sys.argv[1], sys.argv[2]
    sets = sys.argv[3:] or ["seeds", "demo", "gvc"]
    mentions(before, after, sets)
    for s in sets:
        events(before, after, s)
