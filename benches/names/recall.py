#!/usr/bin/env python3
"""Recall of `gongwen names`: which of the well-known names in well_known.tsv (bodies of
the state and the Party, provinces and cities, state-level areas, enterprises; written
by hand, not drawn from the output) a corpus names at least 3 times, and which of those
`names --limit 0` lists, with the kind it gives. Counts are `mentions`' (exact,
checked against brute-force scans by the oracle tests), and `rg -c -F` over the plain
text files is printed beside them as a check of the scan.

    python3 benches/names/recall.py BIN INDEX [CORPUS]
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_OCCURRENCES = 3


def main():
    binary, index = sys.argv[1], sys.argv[2]
    corpus = sys.argv[3] if len(sys.argv) > 3 else None
    wanted = []
    with open(os.path.join(HERE, "well_known.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, kind = line.rstrip("\n").split("\t")[:2]
            wanted.append((name, kind))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as t:
        t.write("\n".join(n for n, _ in wanted) + "\n")
        terms = t.name
    out = subprocess.run([binary, "mentions", "--terms-file", terms, "--index", index,
                          "--color", "never"], capture_output=True, text=True).stdout
    os.unlink(terms)
    counts = {}
    for m in re.finditer(r"^(.+?): ([\d,]+) occurrences? in", out, re.M):
        counts[m.group(1)] = int(m.group(2).replace(",", ""))
    listed = {}
    names = subprocess.run([binary, "names", "--limit", "0", "--json", "--index", index],
                           capture_output=True, text=True).stdout
    for line in names.splitlines():
        row = json.loads(line)
        listed[row["name"]] = row
    considered = [(n, k) for n, k in wanted if counts.get(n, 0) >= MIN_OCCURRENCES]
    found = [(n, k) for n, k in considered if n in listed]
    right_kind = [(n, k) for n, k in found if listed[n]["kind"] == k]
    print(f"{len(considered)} of {len(wanted)} names occur at least {MIN_OCCURRENCES} times")
    print(f"listed: {len(found)} ({100 * len(found) / max(1, len(considered)):.1f} %), "
          f"with the right kind: {len(right_kind)}")
    for n, k in considered:
        mark = "ok  " if n in listed else "MISS"
        got = listed[n]["kind"] if n in listed else "-"
        rg = ""
        if corpus:
            r = subprocess.run(["rg", "-c", "-F", "--no-filename", "-g", "*.txt", n, corpus],
                               capture_output=True, text=True).stdout
            rg = f"  rg lines {sum(int(x) for x in r.split())}"
        print(f"{mark} {n}\t{k}\t{got}\t{counts[n]}{rg}")


if __name__ == "__main__":
    main()
