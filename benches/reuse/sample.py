#!/usr/bin/env python3
"""Samples aligned passages gongwen reports, for labelling by hand (labels.jsonl).

Two runs, the issue's two cases: the 2026 provincial reports against the national
reports of 2024 and 2025, and the local regulations against national laws and
regulations; from each, passages drawn with a fixed seed. Each line carries the pair,
offsets, identity, the documents count and the marked text; `label` is filled in by
reading it.

labels_dev.jsonl is the first sample (seed 29, before --min-score existed: the score
floor was chosen on it); labels.jsonl the held-out one (seed 2029, passages of the dev
sample left out), drawn from the output with the defaults as they stand.

usage: sample.py GONGWEN INDEX N_EACH SEED [EXCLUDED.jsonl] > to_label.jsonl
"""
import json
import random
import subprocess
import sys

RUNS = [
    ("reports", ["doc_type:政府工作报告", "year:2026", "level:provincial", "--vs",
                 "doc_type:政府工作报告", "level:national", "year:2024..2025"]),
    ("laws", ["doc_type:地方性法规", "--vs", "level:national"]),
]


def main():
    gongwen, index, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    excluded = set()
    if len(sys.argv) > 5:
        for line in open(sys.argv[5], encoding="utf-8"):
            r = json.loads(line)
            excluded.add((r["a_path"], r["a_start"], r["b_path"]))
    for name, args in RUNS:
        out = subprocess.run([gongwen, "reuse", *args, "--json", "--index", index],
                             capture_output=True, text=True, check=True).stdout
        rows = [json.loads(line) for line in out.splitlines()]
        rows = [r for r in rows if (r["a_path"], r["a_start"], r["b_path"]) not in excluded]
        random.seed(seed)
        for r in random.sample(rows, min(n, len(rows))):
            keep = {k: r[k] for k in ("a_title", "a_path", "a_start", "a_end", "b_title", "b_path",
                                      "b_start", "b_end", "a_length", "identity", "documents", "marked")}
            keep["run"] = name
            keep["label"] = None
            print(json.dumps(keep, ensure_ascii=False))


if __name__ == "__main__":
    main()
