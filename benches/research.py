#!/usr/bin/env python3
"""Speed of the research commands, against a scan of the same text in the same run.

    python3 benches/research.py BIN INDEX CORPUS

Runs, alternately, 5 times each (medians, fresh processes, warm page cache):
`gongwen keywords` of two slices covering the whole corpus (year:2015-2026 against the
rest), of two years of work reports (2024 against 2014), `gongwen new` of the 2024 work
reports against every earlier one and of the 2026 reports against everything earlier,
`mentions 发展` sorted by its left words and in document order, `gongwen collocates` of a rare and a common term,
`gongwen spread` of a rare term by body and a common one by province, and
`rg --count-matches 的` over the corpus's .txt files (the peer: one pass over all the text). Prints each median
and its ratio to the peer's.
"""
import statistics
import subprocess
import sys
import time


def timed(args):
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main():
    bin_, index, corpus = sys.argv[1:4]
    runs = {
        "keywords year:2015-2026 vs the rest": [bin_, "keywords", "year:2015-2026", "--index", index],
        "keywords reports 2024 vs 2014": [bin_, "keywords", "year:2024", "doc_type:政府工作报告",
                                           "--vs", "year:2014", "doc_type:政府工作报告",
                                           "--index", index],
        "new doc_type:政府工作报告 year:2024": [bin_, "new", "doc_type:政府工作报告", "year:2024",
                                            "--index", index],
        "new year:2026 (31 reports vs all earlier)": [bin_, "new", "year:2026", "--index", index],
        "mentions 发展 --sort left": [bin_, "mentions", "发展", "--sort", "left", "--index", index],
        "mentions 发展 (document order)": [bin_, "mentions", "发展", "--index", index],
        "collocates 新质生产力": [bin_, "collocates", "新质生产力", "--index", index],
        "collocates 发展": [bin_, "collocates", "发展", "--index", index],
        "spread 新质生产力 --by body": [bin_, "spread", "新质生产力", "--by", "body", "--index", index],
        "spread 发展 --by province": [bin_, "spread", "发展", "--by", "province", "--index", index],
        "rg --count-matches 的 (peer)": ["rg", "--count-matches", "-g", "*.txt", "的", corpus],
    }
    times = {name: [] for name in runs}
    for _ in range(5):
        for name, args in runs.items():
            times[name].append(timed(args))
    peer = statistics.median(times["rg --count-matches 的 (peer)"])
    for name, t in times.items():
        m = statistics.median(t)
        print(f"{name:40s} {m * 1000:8.1f} ms  {m / peer:5.2f}× the scan")


if __name__ == "__main__":
    main()
