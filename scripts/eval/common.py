"""Helpers shared by the scripts/eval/*.py: running sitrep, reading its output, small stats."""
from __future__ import annotations

import csv
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time


def die(msg: str) -> None:
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(1)


def sitrep_bin() -> str:
    b = os.environ.get("SITREP_BIN")
    if not b or not os.access(b, os.X_OK):
        die("SITREP_BIN is not set to an executable (run through the .sh wrapper)")
    return b


def eval_out() -> str:
    d = os.environ.get("EVAL_OUT") or os.path.join(os.path.dirname(__file__), "..", "..", "target", "eval")
    os.makedirs(d, exist_ok=True)
    return d


def bench_dir() -> str:
    d = os.environ.get("BENCH") or os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "bench")
    if not os.path.isdir(d):
        die(f"bench folder {d} not found (set BENCH)")
    return d


def write_jsonl(path: str, rows) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    return n


def run_sitrep(inputs: list[str], out: str, threads: int | None = 1, no_clean: bool = True,
               allow_failures: bool = False) -> dict:
    """Run `sitrep run`; returns {"wall_s", "maxrss_mib", "run": run.json}. maxrss_mib is only
    meaningful when the calling Python is small (Linux keeps the parent's RSS across fork+exec). Dies on a usage error or
    a crash; a run with failed inputs (exit 1) dies too unless allow_failures."""
    cmd = [sitrep_bin(), "run", *inputs, "--out", out, "-q", *shlex.split(os.environ.get("SITREP_ARGS", ""))]
    if no_clean:
        cmd.append("--no-clean")
    if threads:
        cmd += ["-j", str(threads)]
    with tempfile.TemporaryFile() as errf:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errf)
        _, status, ru = os.wait4(p.pid, 0)  # wait4: this child's own peak RSS
        wall = time.perf_counter() - t0
        p.returncode = rc = os.waitstatus_to_exitcode(status)
        errf.seek(0)
        err = errf.read().decode("utf-8", "replace")
    if rc not in (0, 1) or (rc == 1 and not allow_failures):
        die(f"{' '.join(cmd)} exited {rc}:\n{err[-3000:]}")
    with open(os.path.join(out, "run.json"), encoding="utf-8") as f:
        run = json.load(f)
    if run.get("failures"):
        print(f"warning: sitrep reported {len(run['failures'])} failed inputs, first: "
              f"{run['failures'][0].get('message')}", file=sys.stderr)
    return {"wall_s": wall, "maxrss_mib": ru.ru_maxrss / 1024, "run": run, "cmd": cmd}


def read_articles(out: str) -> dict[str, dict]:
    arts = {}
    with open(os.path.join(out, "articles.jsonl"), encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            arts[a["id"]] = a
    return arts


def resolve_duplicates(arts: dict[str, dict], run: dict) -> int:
    """sitrep writes exact duplicates once; give each copy its first's article."""
    n = 0
    for copy_id, first_id in run.get("duplicates") or []:
        if first_id in arts and copy_id not in arts:
            arts[copy_id] = arts[first_id]
            n += 1
    return n


def check_spans(a: dict, field: str) -> int:
    """Count items of a[field] whose text does not equal text[start:end] (should be 0)."""
    bad = 0
    t = a["text"]
    for m in a.get(field) or []:
        if "text" in m and t[m["start"]:m["end"]] != m["text"]:
            bad += 1
    return bad


def load_note(threshold: float = 0.5) -> dict:
    """The 1-minute load average and the cores; warns when something else is busy (timings skew)."""
    la = os.getloadavg()[0]
    if la > threshold:
        print(f"warning: load average {la:.2f} on {os.cpu_count()} cores before timing: other work "
              f"is running, timings will be low", file=sys.stderr)
    return {"loadavg_1m": la, "cores": os.cpu_count()}


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def dump(name: str, obj) -> str:
    path = os.path.join(eval_out(), f"{name}.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
    return path


GENERIC_ACTOR = re.compile(r"^(Unidentified Armed Group|Protesters|Rioters)( \(.*\))?$")


def inter1_fill(path: str) -> dict | None:
    """How many events of `events.csv` that name an actor have `inter1`: an actor named by the
    articles (actor1, actor2 or an associated actor); ACLED's generic actor1 that sitrep
    writes for an event naming none ("Unidentified Armed Group (X)") does not count as one."""
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f)
                if (r["actor1"] and not GENERIC_ACTOR.match(r["actor1"])) or r["actor2"]
                or r["assoc_actor_1"] or r["assoc_actor_2"]]
    filled = sum(1 for r in rows if r["inter1"])
    return {"with_actor": len(rows), "inter1": filled, "ratio": filled / len(rows) if rows else 0.0}
