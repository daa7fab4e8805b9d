#!/usr/bin/env python3
"""Every passage of a common character, ranked: `search 的 --passages --limit 100000`
(plain and `--json`) against its peer in the same run, `mentions 的` (every occurrence, in
bounded memory); medians of 5 alternating runs, wall time and peak RSS (wait4's rusage
of each run). Issue 23 measured 23 s and 292 MB for the search where the mentions took 0.6 s.

    python3 benches/search_passages.py BIN INDEX CORPUS     # target: within 3x of mentions
"""
import os
import statistics
import subprocess
import sys
import time


def timed(args):
    t = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    ms = (time.perf_counter() - t) * 1000
    assert status == 0, f"{args} failed"
    return ms, usage.ru_maxrss // 1024


def main():
    bin_, index, corpus = (os.path.abspath(a) for a in sys.argv[1:4])
    where = ["--index", index, "--corpus", corpus]
    runs = {
        "mentions 的": [bin_, "mentions", "的", *where],
        "search 的 --passages --limit 100000": [bin_, "search", "的", "--passages", "--limit",
                                                 "100000", *where],
        "… --json": [bin_, "search", "的", "--passages", "--limit", "100000", "--json", *where],
    }
    times = {name: [] for name in runs}
    peaks = {}
    for _ in range(5):
        for name, args in runs.items():
            ms, peak = timed(args)
            times[name].append(ms)
            peaks[name] = peak
    peer = statistics.median(times["mentions 的"])
    for name in runs:
        median = statistics.median(times[name])
        print(f"{name:40} {median:8.0f} ms  {median / peer:5.2f}x mentions  "
              f"peak RSS {peaks[name]} MB")


if __name__ == "__main__":
    main()
