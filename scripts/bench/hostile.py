#!/usr/bin/env python3
"""Hostile inputs for the scaling benchmark (issue 12): one file per case and size.

Every case is written in the project's own words from a small set of sentence templates, with
names drawn from lists below, so that each stage meets many different mentions, times and
figures, not one string repeated. Cases:

  text-N        ordinary news sentences, N bytes in all (1 KB .. 4 MB), one article
  texts-N       JSON Lines of articles of N bytes each, 4 MB of text in all: the same text
                volume as text-4000000 in articles of size N, so time per KB compares sizes
                without the start-up cost swamping the small ones
  sentence-N    one sentence of N bytes: clauses joined by commas, no full stop
  mentions-N    one sentence of N bytes that is a list of places, actors and figures
  token-N       one token of N bytes (no space)
  line-N        N bytes of words with no sentence end and no newline
  html-D        an HTML page whose article sits under D nested <div>s
  html-flat-N   an HTML page of N bytes of sibling paragraphs (for comparison)

Usage: hostile.py OUT_DIR CASE [CASE ...]   (e.g. text-1000000 html-20000)
Each case becomes OUT_DIR/CASE.txt or OUT_DIR/CASE.html.
"""
import os
import random
import sys

TOWNS = ["Kharkiv", "Aleppo", "Goma", "Mosul", "Maiduguri", "Kandahar", "Timbuktu", "Idlib",
         "Donetsk", "Sanaa", "Mogadishu", "Bamako", "Juba", "Tripoli", "Benghazi", "Homs",
         "Kherson", "Zaporizhzhia", "Gao", "Bunia", "Beni", "Marib", "Hodeidah", "Raqqa"]
ACTORS = ["the army", "rebels", "police", "gunmen", "militants", "soldiers", "protesters",
          "security forces", "an armed group", "unidentified attackers", "the air force"]
SPEAKERS = ["the governor", "a police spokesman", "the health ministry", "local officials",
            "a witness", "the military", "residents", "the mayor"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EVENTS = ["attacked a checkpoint", "shelled a market", "clashed with a local militia",
          "stormed a village", "fired rockets at an airport", "ambushed a convoy",
          "detonated a car bomb near a mosque", "raided a camp", "marched on parliament"]
TEMPLATES = [
    "{actor} {event} in {town} on {day}, {speaker} said.",
    "At least {n} people were killed and {m} injured when {actor} {event} near {town}.",
    "{speaker} said {n} civilians had died in the attack on {day}.",
    "The fighting in {town} forced hundreds of families to flee, according to {speaker}.",
    "On {day}, {actor} {event} outside {town}, killing {n} and wounding {m}, {speaker} told reporters.",
    "{speaker} denied that anyone had been hurt in {town}.",
    "It was the third such attack on {town} this month.",
]


def fill(rng, template):
    s = template.format(actor=rng.choice(ACTORS), event=rng.choice(EVENTS),
                        town=rng.choice(TOWNS), day=rng.choice(DAYS), n=rng.randint(2, 90),
                        m=rng.randint(1, 60), speaker=rng.choice(SPEAKERS))
    return s[0].upper() + s[1:]


def text(n, rng):
    out, size, para = [], 0, []
    while size < n:
        s = fill(rng, rng.choice(TEMPLATES))
        para.append(s)
        size += len(s) + 1
        if len(para) == 5:
            out.append(" ".join(para))
            para = []
    if para:
        out.append(" ".join(para))
    return "\n\n".join(out)[:n] + "\n"


def texts(n, rng):
    import json
    lines, total, k = [], 0, 0
    while total < 4_000_000:
        k += 1
        body = text(n, rng)
        lines.append(json.dumps({"id": f"a{k}", "text": body}))
        total += len(body)
    return "\n".join(lines) + "\n"


def sentence(n, rng):
    parts, size = [], 0
    while size < n:
        s = fill(rng, rng.choice(TEMPLATES)).rstrip(".")
        s = s[0].lower() + s[1:]
        parts.append(s)
        size += len(s) + 2
    return ("Witnesses said " + ", and ".join(parts))[:n] + "\n"


def mentions(n, rng):
    parts, size = [], 0
    while size < n:
        s = f"{rng.choice(TOWNS)}, {rng.choice(ACTORS)} and {rng.randint(2, 90)} dead"
        parts.append(s)
        size += len(s) + 2
    return ("Attacks were reported in " + "; ".join(parts))[:n] + "\n"


def token(n, rng):
    return "Shelling hit " + "".join(rng.choice("abcdefghij") for _ in range(n)) + " overnight.\n"


def line(n, rng):
    words, size = [], 0
    while size < n:
        w = rng.choice(TOWNS + ACTORS + DAYS + ["and", "the", "in", "said", "killed"])
        words.append(w)
        size += len(w) + 1
    return " ".join(words)[:n]


def html(depth, rng):
    body = "".join(f"<p>{fill(rng, rng.choice(TEMPLATES))}</p>" for _ in range(12))
    return ("<!doctype html><html><head><title>Attack reported</title></head><body>"
            + "<div>" * depth + f"<article>{body}</article>" + "</div>" * depth + "</body></html>\n")


def html_flat(n, rng):
    paras, size = [], 0
    while size < n:
        p = f"<p>{fill(rng, rng.choice(TEMPLATES))}</p>"
        paras.append(p)
        size += len(p)
    return ("<!doctype html><html><head><title>Attack reported</title></head><body><article>"
            + "".join(paras) + "</article></body></html>\n")


CASES = {"text": (text, "txt"), "texts": (texts, "jsonl"), "sentence": (sentence, "txt"), "mentions": (mentions, "txt"),
         "token": (token, "txt"), "line": (line, "txt"), "html": (html, "html"),
         "html-flat": (html_flat, "html")}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for case in sys.argv[2:]:
        kind, _, n = case.rpartition("-")
        make, ext = CASES[kind]
        rng = random.Random(f"{kind}-{n}")
        with open(os.path.join(out, f"{case}.{ext}"), "w", encoding="utf-8") as f:
            f.write(make(int(n), rng))


if __name__ == "__main__":
    main()
