"""Extract the main text of every .html.gz page in a directory with trafilatura, as one
process, for timing beside `sitrep run` (see scripts/bench_clean.sh).

Usage: python bench_traf.py HTML_DIR OUT.jsonl
"""
import gzip
import json
import os
import sys

import trafilatura


def main() -> None:
    src, out = sys.argv[1], sys.argv[2]
    names = sorted(n for n in os.listdir(src) if n.endswith(".html.gz"))
    with open(out, "w", encoding="utf-8") as f:
        for name in names:
            with gzip.open(os.path.join(src, name), "rt", encoding="utf-8", errors="replace") as g:
                html = g.read()
            text = trafilatura.extract(html) or ""
            f.write(json.dumps({"id": name[: -len(".html.gz")], "text": text}) + "\n")


if __name__ == "__main__":
    main()
