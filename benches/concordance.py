"""The concordance of common terms against rg printing every matching line, alternating.

    python3 benches/concordance.py GONGWEN INDEX CORPUS [TERM…]

For each term: `gongwen mentions TERM --no-aliases` (the table, then --json and --csv)
and `rg -F -n --no-heading TERM CORPUS`, ROUNDS times each in turn, output read through a
pipe by this script (as a reader of the concordance would); medians, and the ratio of
gongwen's to rg's. Target (issue 30): every ratio ≤ 1.0. Exits 1 when one is above.
"""
import os
import statistics
import subprocess
import sys
import time

GONGWEN, INDEX, CORPUS = sys.argv[1:4]
TERMS = sys.argv[4:] or ["发展", "稳", "的"]
ROUNDS = int(os.environ.get("ROUNDS", "7"))


def wall(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, len(out.stdout)


def main():
    worst = 0.0
    print(f"{'term':<6} {'format':<6} {'gongwen':>9} {'rg -n':>9} {'ratio':>6}  bytes (gongwen / rg)")
    for term in TERMS:
        for fmt in ["table", "json", "csv"]:
            ours, theirs = [], []
            extra = [] if fmt == "table" else [f"--{fmt}"]
            for _ in range(ROUNDS):
                ours.append(wall([GONGWEN, "mentions", term, "--index", INDEX, "--no-aliases"]
                                 + extra))
                theirs.append(wall(["rg", "-F", "-n", "--no-heading", "--no-messages", term,
                                    CORPUS]))
            o = statistics.median(t for t, _ in ours)
            t = statistics.median(t for t, _ in theirs)
            worst = max(worst, o / t)
            print(f"{term:<6} {fmt:<6} {o * 1000:>7.0f} ms {t * 1000:>6.0f} ms {o / t:>6.2f}  "
                  f"{ours[0][1] / 1e6:.1f} MB / {theirs[0][1] / 1e6:.1f} MB")
    print(f"\nworst ratio {worst:.2f} (target ≤ 1.0)")
    sys.exit(0 if worst <= 1.0 else 1)


if __name__ == "__main__":
    main()
