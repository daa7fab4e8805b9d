#!/usr/bin/env python3
"""A journalist's list checked in one run: `mentions --terms-file NAMES --by year` for 100
names (the speakers and issuing bodies the corpus's own metadata names) against `rg`
scanning the same text for the same names (`rg -c -F -f NAMES`, counts per file), in the
same run; medians of 5 alternating runs, wall time from process start to last byte.

    python3 benches/terms_file.py BIN CORPUS        # target: under 3 s, ratio to rg
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def timed(args, cwd):
    t = time.perf_counter()
    p = subprocess.run(args, cwd=cwd, capture_output=True)
    return (time.perf_counter() - t) * 1000, p


def main():
    bin_, corpus = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    work = tempfile.mkdtemp(prefix="terms-file-")
    index = os.path.join(work, "index")
    subprocess.run([bin_, "index", "--corpus", corpus, "--index", index], capture_output=True, check=True)
    docs = subprocess.run([bin_, "docs", "--json", "--index", index, "--corpus", corpus],
                          capture_output=True, text=True, check=True).stdout
    names = set()
    for line in docs.splitlines():
        d = json.loads(line)
        for key in ("speaker", "body"):
            if d.get(key):
                names.add(d[key])
    names = sorted(names)[:100]
    path = os.path.join(work, "names.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(names) + "\n")
    ours = [bin_, "mentions", "--terms-file", path, "--by", "year", "--index", index, "--corpus", corpus]
    peer = ["rg", "-c", "-F", "-f", path, corpus]
    a, b = [], []
    for _ in range(5):
        a.append(timed(ours, work)[0])
        b.append(timed(peer, work)[0])
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"{len(names)} names, --by year: gongwen {ma:.0f} ms, rg -c -F -f {mb:.0f} ms, ratio {ma / mb:.2f}")


if __name__ == "__main__":
    main()
