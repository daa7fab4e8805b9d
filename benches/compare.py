"""Runs gongwen and its peers alternately on one corpus and prints the ratios.

Called by benches/compare.sh. Every figure is a median of several alternating runs, so
load on the shared machine hits both sides alike; ratios, not seconds, are the result.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import GONGWEN, du, generation, text_bytes, timed  # noqa: E402

CORPUS = sys.argv[1]
FTS5 = os.path.abspath(os.environ.get("PEER", "../shared/bench/fts5_trigram.py"))
ROUNDS = int(os.environ.get("ROUNDS", "5"))
QUERIES = {
    "rare": ["尧柏水泥", "供给侧结构性改革", "安康高新集团"],
    "common": ["高质量发展", "国务院"],
    "one character": ["的", "稳"],
    # Several terms: search wants passages with all of them, mentions lists each;
    # rg scans for any of them (-e each), the same reading of every file.
    "multi-term": ["尧柏水泥 安康高新集团", "稳增长 高质量发展"],
}



def patterns(term):
    """rg arguments for the terms of a query: -e before each."""
    return [a for t in term.split() for a in ("-e", t)]


def main():
    work = tempfile.mkdtemp(prefix="gongwen-compare-")
    index, db = os.path.join(work, "index"), os.path.join(work, "fts5.db")
    rows = []
    gw, peer = [], []
    for _ in range(max(2, ROUNDS // 2)):
        gw.append(timed([GONGWEN, "index", "--rebuild", "--corpus", CORPUS, "--index", index]))
        peer.append(timed(["python3", FTS5, "index", CORPUS, db]))
    g, p = statistics.median(x[0] for x in gw), statistics.median(x[0] for x in peer)
    rows.append(("index build", f"{g:.2f} s", f"{p:.2f} s (FTS5 trigram)", p / g, "≥ 2"))
    rss = max(x[1] for x in gw)
    rows.append(("index peak RSS", f"{rss:.0f} MB", "", None, "≤ 500 MB"))
    corpus_bytes = text_bytes(CORPUS)
    size = du(generation(index))
    rows.append(("index size / corpus", f"{size / 1e6:.0f} MB / {corpus_bytes / 1e6:.0f} MB",
                 f"FTS5 {os.path.getsize(db) / 1e6:.0f} MB", size / corpus_bytes, "≤ 1.2"))
    checks = []
    # Each gongwen command against the rg run that answers the same question:
    # search (top passages and totals) and mentions --by year (counts) against rg -c,
    # mentions (every occurrence with its context) against rg printing every line.
    commands = {
        "search": (["--limit", "10"], ["-c"]),
        "mentions": ([], ["-n", "--no-heading"]),
        "mentions --by year": (["--by", "year"], ["-c"]),
    }
    for kind, terms in QUERIES.items():
        for term in terms:
            for command, (extra, rg_flags) in commands.items():
                ours, theirs = [], []
                for _ in range(ROUNDS):
                    args = [GONGWEN, command.split()[0], *term.split(), "--index", index,
                            "--no-aliases"]
                    ours.append(timed(args + extra))
                    theirs.append(timed(["rg", "-F", "--no-messages"] + rg_flags + patterns(term)
                                        + [CORPUS]))
                o = statistics.median(x[0] for x in ours)
                t = statistics.median(x[0] for x in theirs)
                q_rss = max(x[1] for x in ours)
                target = "≤ 0.5" if kind == "rare" else ("≤ 1" if kind == "one character" else "")
                peer = "rg " + " ".join(rg_flags)
                rows.append((f"cold {command} {term} ({kind})", f"{o * 1000:.0f} ms, {q_rss:.0f} MB",
                             f"{t * 1000:.0f} ms ({peer})", o / t, target))
                if command == "mentions":
                    total = "all terms" if " " in term else re.escape(term)
                    found = re.search(total + r": (\d+) occurrences", ours[-1][2])
                    rg_occ = int(subprocess.run(["rg", "-F", "-o", "--no-messages"] + patterns(term)
                                                + [CORPUS],
                                                stdout=subprocess.PIPE, text=True).stdout.count("\n"))
                    checks.append((term, int(found.group(1)) if found else 0, rg_occ))
    width = max(len(r[0]) for r in rows)
    print(f"corpus: {CORPUS}; medians of {ROUNDS} alternating cold runs (wall time by perf_counter)\n")
    print(f"{'what':<{width}}  {'gongwen':>18}  {'peer':>24}  {'ratio':>6}  target")
    for what, ours, theirs, ratio, target in rows:
        r = f"{ratio:.2f}" if ratio is not None else ""
        print(f"{what:<{width}}  {ours:>18}  {theirs:>24}  {r:>6}  {target}")
    print("\nratio: peer time / gongwen time for the index build (higher is better);")
    print("gongwen / peer for sizes and queries (lower is better).")
    print("\ncounts: gongwen mentions (repaired passages) vs rg -o (raw files: also headers,")
    print("titles, furniture; misses words broken across lines)")
    for term, ours, rg_occ in checks:
        print(f"  {term}: gongwen {ours}, rg {rg_occ} ({(ours - rg_occ) / max(rg_occ, 1) * 100:+.1f}%)")


main()
