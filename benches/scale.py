"""Measures gongwen and rg on 1x, 4x, 16x replicas of a corpus (see scale.sh)."""
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import GONGWEN, du, generation, text_bytes, timed  # noqa: E402

CORPUS = sys.argv[1]
FACTORS = [int(f) for a in sys.argv[2:] for f in a.split()]
ROUNDS = int(os.environ.get("ROUNDS", "3"))
QUERIES = [("rare", "尧柏水泥"), ("common", "高质量发展"), ("one character", "稳")]



def main():
    work = tempfile.mkdtemp(prefix="gongwen-scale-")
    rows = []
    for factor in FACTORS:
        corpus = os.path.join(work, f"x{factor}")
        subprocess.run(["python3", "benches/replicate.py", CORPUS, corpus, str(factor)],
                       check=True, stdout=subprocess.DEVNULL)
        index = os.path.join(work, f"index{factor}")
        build = timed([GONGWEN, "index", "--rebuild", "--corpus", corpus, "--index", index])
        size = du(generation(index))
        text = text_bytes(corpus)
        row = {"factor": factor, "text MB": text / 1e6, "index s": build[0],
               "index MB": size / 1e6, "index RSS MB": build[1]}
        for kind, term in QUERIES:
            ours, theirs = [], []
            for _ in range(ROUNDS):
                ours.append(timed([GONGWEN, "search", term, "--index", index, "--limit", "10",
                                   "--no-aliases"]))
                theirs.append(timed(["rg", "-F", "-c", "--no-messages", term, corpus]))
            row[f"search {term} ms"] = statistics.median(x[0] for x in ours) * 1000
            row[f"search {term} RSS"] = max(x[1] for x in ours)
            row[f"rg {term} ms"] = statistics.median(x[0] for x in theirs) * 1000
        ours = [timed([GONGWEN, "mentions", "尧柏水泥", "--index", index, "--no-aliases"])
                for _ in range(ROUNDS)]
        row["mentions 尧柏水泥 ms"] = statistics.median(x[0] for x in ours) * 1000
        rows.append(row)
        print(row, flush=True)
    print(f"\ncorpus {CORPUS}, replicated; medians of {ROUNDS} cold runs (wall time by perf_counter)\n")
    keys = list(rows[0].keys())
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for row in rows:
        print("| " + " | ".join(f"{row[k]:.0f}" if isinstance(row[k], float) else str(row[k])
                                for k in keys) + " |")
    base = rows[0]
    print("\ngrowth from the first factor: index time, index size, and per query gongwen vs rg")
    for row in rows[1:]:
        parts = [f"index {row['index s'] / base['index s']:.1f}x time, "
                 f"{row['index MB'] / base['index MB']:.1f}x size"]
        for _, term in QUERIES:
            g = row[f"search {term} ms"] / max(base[f"search {term} ms"], 1)
            r = row[f"rg {term} ms"] / max(base[f"rg {term} ms"], 1)
            parts.append(f"{term}: gongwen {g:.1f}x, rg {r:.1f}x")
        print(f"  {row['factor'] // base['factor']}x corpus: " + "; ".join(parts))
    subprocess.run(["rm", "-rf", work])


main()
