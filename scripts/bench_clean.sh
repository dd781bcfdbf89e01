#!/usr/bin/env bash
# Cleaning throughput, sitrep beside trafilatura, each as a whole process (start-up, reading,
# gunzip, extraction, writing) on the ScrapingHub benchmark pages; best of N runs each.
# trafilatura is installed from PyPI into a virtualenv this script makes (target/bench-venv).
#
#   scripts/bench_clean.sh [BENCH_DIR] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bench="${1:-$root/../shared/bench/scrapinghub-aeb}"
runs="${2:-3}"
venv="$root/target/bench-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "trafilatura>=2,<3" lxml_html_clean
fi
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
exec python3 - "$root" "$bench" "$runs" "$venv/bin/python" <<'PY'
import os, subprocess, sys, time
root, bench, runs, py = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
out = os.path.join(root, "target", "bench-clean")
os.makedirs(out, exist_ok=True)
html = os.path.join(bench, "html")
pages = sum(1 for n in os.listdir(html) if n.endswith(".html.gz"))
sitrep = os.path.join(root, "target", "release", "sitrep")

def best(cmd, ok=(0,)):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode not in ok:
            sys.exit(f"{cmd[0]} failed: {r.stderr[-2000:]}")
        times.append(time.perf_counter() - t)
    return min(times)

rows = [
    ("sitrep (all cores)", best([sitrep, "run", html, "--out", f"{out}/sitrep", "-q"], ok=(0, 1))),
    ("sitrep (-j 1)", best([sitrep, "run", html, "--out", f"{out}/sitrep1", "-q", "-j", "1"], ok=(0, 1))),
    ("trafilatura (python)", best([py, f"{root}/scripts/bench_traf.py", html, f"{out}/trafilatura.jsonl"])),
]
print(f"pages: {pages}, cores: {os.cpu_count()}, best of {runs} runs, whole process")
for name, t in rows:
    print(f"{name:<24} {t:7.2f} s {pages / t:8.1f} pages/s")
traf = rows[2][1]
print(f"ratio sitrep/trafilatura: {traf / rows[0][1]:.1f}x (sitrep on one core: {traf / rows[1][1]:.1f}x)")
gold = os.path.join(bench, "ground-truth.json")
for name, pred in [("sitrep", f"{out}/sitrep/articles.jsonl"), ("trafilatura", f"{out}/trafilatura.jsonl")]:
    r = subprocess.run([sys.executable, f"{root}/scripts/aeb_score.py", "--gold", gold, "--pred", pred],
                       capture_output=True, text=True)
    print(f"{name:<12} {r.stdout.strip()}")
PY
