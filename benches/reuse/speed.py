#!/usr/bin/env python3
"""Reuse speed and memory, measured beside peers in the same run (the machines are noisy).

1. The 31 provincial 2026 reports against the national reports of 2024 and 2025:
   `gongwen reuse`, and as peer the independent sentence matcher of propose.py over the
   same 31 × 2 report pairs (Python difflib: what a script without candidates costs).
2. All pairs of the corpus: `gongwen reuse` (every document against every other), its
   wall time and peak RSS, beside `rg -c 的` over the same files (one pass over the text:
   the floor any exhaustive tool pays).

usage: speed.py GONGWEN INDEX CORPUS
"""
import glob
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import propose  # noqa: E402


def timed(cmd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb(cmd):
    """Peak RSS of one run of `cmd` (its own process tree), in MB."""
    out = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, check=False)
    return int(out.stderr.strip().splitlines()[-1]) / 1024


def main():
    gongwen, index, corpus = sys.argv[1:4]
    reports = ["reuse", "doc_type:政府工作报告", "year:2026", "level:provincial", "--vs",
               "doc_type:政府工作报告", "level:national", "year:2024..2025",
               "--json", "--index", index]
    ours = timed([gongwen, *reports], 5)
    provincial = sorted(glob.glob(f"{corpus}/provincial_gwr_2026/docs/*.txt"))
    start = time.perf_counter()
    for p in provincial:
        for n in ("national_gwr/docs/gwr_2024.txt", "national_gwr/docs/gwr_2025.txt"):
            list(propose.propose(corpus, os.path.relpath(p, corpus), n))
    peer = time.perf_counter() - start
    print(f"31 provincial vs 2 national reports: gongwen {ours * 1000:.0f} ms, "
          f"difflib sentence matcher {peer * 1000:.0f} ms ({ours / peer:.3f}×); target ≤ 5 s")
    every = [gongwen, "reuse", "--json", "--index", index]
    start = time.perf_counter()
    rss = peak_rss_mb(every)
    all_pairs = time.perf_counter() - start
    rg = timed(["rg", "-c", "的", corpus], 3)
    print(f"all pairs of the corpus: gongwen {all_pairs:.1f} s, peak RSS {rss:.0f} MB; "
          f"rg -c 的 {rg * 1000:.0f} ms ({all_pairs / rg:.0f}× one scan); targets ≤ 600 s, ≤ 2048 MB")


if __name__ == "__main__":
    main()
