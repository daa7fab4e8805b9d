#!/usr/bin/env python3
"""`gongwen names` over a corpus: wall time of a whole run (a fresh process: jieba's
dictionary is built, the stored text read and folded, suffix windows segmented, every
name counted) against `rg` scanning the same text for the same suffixes with the words
before them (`rg -o '\\p{Han}{1,20}(SUFFIXES)'`), in the same run, medians of 5
alternating runs; then the precision of the labelled samples (labelled.tsv, drawn at
4116dac; labelled_2.tsv, drawn at b625186) as drawn and over the names the current rules
still list (each left out name with its label: 0 = rightly dropped, 1 = lost).

    python3 benches/names/run.py BIN CORPUS        # target: no slower than rg -o
"""
import csv
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time

SUFFIXES = ("股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|股份|银行|厂|人民政府|委员会|"
            "常委会|办公厅|办公室|人民法院|人民检察院|部|委|局|厅|署|院|自治区|自治州|自治县|新区|"
            "省|市|县|区|州|镇|乡")


def timed(args, cwd):
    t = time.perf_counter()
    p = subprocess.run(args, cwd=cwd, capture_output=True)
    return (time.perf_counter() - t) * 1000, p


def main():
    bin_, corpus = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    work = tempfile.mkdtemp(prefix="names-")
    index = os.path.join(work, "index")
    subprocess.run([bin_, "index", "--corpus", corpus, "--index", index], capture_output=True, check=True)
    ours = [bin_, "names", "--limit", "0", "--csv", "--index", index, "--corpus", corpus]
    peer = ["rg", "-o", "-N", "--no-filename", f"\\p{{Han}}{{1,20}}({SUFFIXES})", corpus]
    a, b, listed = [], [], None
    for _ in range(5):
        ms, p = timed(ours, work)
        a.append(ms)
        listed = p.stdout.decode("utf-8-sig")
        b.append(timed(peer, work)[0])
    ma, mb = statistics.median(a), statistics.median(b)
    names = {r["name"] for r in csv.DictReader(io.StringIO(listed))}
    print(f"names: {len(names)} listed; gongwen {ma:.0f} ms, rg -o {mb:.0f} ms, ratio {ma / mb:.2f}")
    here = os.path.dirname(os.path.abspath(__file__))
    for sample in ("labelled.tsv", "labelled_2.tsv"):
        with open(os.path.join(here, sample), encoding="utf-8") as f:
            rows = list(csv.DictReader((l for l in f if not l.startswith("#")), delimiter="\t"))
        right = sum(int(r["label"]) for r in rows)
        kept = [r for r in rows if r["name"] in names]
        right_kept = sum(int(r["label"]) for r in kept)
        print(f"{sample}: {right}/{len(rows)} right when drawn ({right / len(rows):.1%}); "
              f"{len(kept)} of its names still listed, {right_kept} of them right "
              f"({right_kept / max(1, len(kept)):.1%}); left out since: "
              + ", ".join(f"{r['name']} ({r['label']})" for r in rows if r["name"] not in names))

if __name__ == "__main__":
    main()
