"""Measures gongwen and rg on replicas of a corpus (see scale.sh): index time, peak RSS and
size; cold latency of rare, common, one-character and multi-term searches against rg -c,
of mentions, trend, names and keywords; the server under 32 clients (serve_load.py).
VARY=1 varies each replica's text (replicate.py --vary), as the 100x measurement does."""
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
QUERIES = [("rare", "尧柏水泥"), ("common", "高质量发展"), ("one character", "稳"),
           ("common two-word", "经济 改革"), ("multi-term", "稳增长 就业 投资")]
VARY = os.environ.get("VARY") == "1"
SERVE_SECONDS = os.environ.get("SERVE_SECONDS", "15")
# Commands beyond search, each cut off after 5 minutes (a figure of 300000 ms means it was).
OTHERS = [("mentions 尧柏水泥", ["mentions", "尧柏水泥"]),
          ("mentions --by year 发展", ["mentions", "发展", "--by", "year"]),
          ("trend 高质量发展", ["trend", "高质量发展"]),
          ("keywords doc_type:政府工作报告", ["keywords", "doc_type:政府工作报告", "--limit", "10"]),
          ("names", ["names", "--limit", "20"])]



def main():
    work = tempfile.mkdtemp(prefix="gongwen-scale-")
    rows = []
    for factor in FACTORS:
        corpus = os.path.join(work, f"x{factor}")
        subprocess.run(["python3", "benches/replicate.py", CORPUS, corpus, str(factor)]
                       + (["--vary"] if VARY else []), check=True, stdout=subprocess.DEVNULL)
        index = os.path.join(work, f"index{factor}")
        build = timed([GONGWEN, "index", "--rebuild", "--corpus", corpus, "--index", index])
        size = du(generation(index))
        text = text_bytes(corpus)
        row = {"factor": factor, "text MB": text / 1e6, "index s": build[0],
               "index MB": size / 1e6, "index RSS MB": build[1]}
        for kind, term in QUERIES:
            ours, theirs = [], []
            for _ in range(ROUNDS):
                ours.append(timed([GONGWEN, "search", *term.split(), "--index", index,
                                   "--limit", "10", "--no-aliases"]))
                theirs.append(timed(["rg", "-F", "-c", "--no-messages"]
                                    + [a for t in term.split() for a in ("-e", t)] + [corpus]))
            row[f"search {term} ms"] = statistics.median(x[0] for x in ours) * 1000
            row[f"search {term} RSS"] = max(x[1] for x in ours)
            row[f"rg {term} ms"] = statistics.median(x[0] for x in theirs) * 1000
        for name, args in OTHERS:
            runs = 1 if name.startswith(("names", "keywords")) else ROUNDS
            ours = [timed(["timeout", "300", GONGWEN, *args, "--index", index, "--no-aliases"]
                          if args[0] in ("mentions", "trend") else
                          ["timeout", "300", GONGWEN, *args, "--index", index])
                    for _ in range(runs)]
            row[f"{name} ms"] = statistics.median(x[0] for x in ours) * 1000
            row[f"{name} RSS"] = max(x[1] for x in ours)
        load = subprocess.run(["python3", "benches/serve_load.py", GONGWEN, index, SERVE_SECONDS,
                               "32"], stdout=subprocess.PIPE, text=True, check=False).stdout
        for line in load.splitlines():
            parts = line.split()
            if "p99" in parts:
                kind = line.split("requests")[0].rsplit(None, 1)[0].strip()
                row[f"serve {kind} p50/p99 ms"] = f"{parts[parts.index('p50') + 1]}/{parts[parts.index('p99') + 1]}"
            elif line.startswith("32 clients"):
                row["serve peak RSS"] = line.split("peak RSS ")[1].split(" MB")[0] + " MB"
        rows.append(row)
        if factor > 1:
            import shutil
            shutil.rmtree(corpus, ignore_errors=True)
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
