#!/usr/bin/env python3
"""Measures `gongwen reuse` against hand-checked material in this folder.

Recall: for each document pair of pairs.tsv, `gongwen reuse path:A --vs path:B --json`;
each shared stretch of truth.jsonl labelled `copy` (proposed by propose.py, an
independent difflib matcher, then read and confirmed by hand) counts as found when
gongwen's passages cover at least half of its characters (texts compared without
whitespace, located in the corpus file). Stretches labelled `boilerplate` or `false`
are not counted.

Precision: labels.jsonl holds aligned passages gongwen reported (sampled by sample.py),
each read and labelled `reuse` (the same provision or sentence in both, edited or not),
`formula` (a set political or legal formula both use: shared text, but no borrowing of
content) or `false` (different content aligned by a shared template or by chance).
Precision counts reuse and formula as right; strict precision counts only reuse.

usage: evaluate.py GONGWEN INDEX CORPUS
"""
import collections
import json
import re
import subprocess
import sys

HERE = __file__.rsplit("/", 1)[0]


def norm(text):
    return re.sub(r"\s+", "", text)


def reuse_rows(gongwen, index, corpus, a, b):
    out = subprocess.run(
        [gongwen, "reuse", f"path:{a}", "--vs", f"path:{b}", "--json", "--index", index, "--corpus", corpus],
        capture_output=True, text=True, check=False,
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def coverage(text, passages):
    """The characters of `text` gongwen's passages cover. A passage is located sentence by
    sentence: gongwen's text is the file's after repair (a Markdown `##` before a heading
    is gone), so a passage across a heading is not one substring of the file."""
    covered = [False] * len(text)
    for passage in passages:
        for piece in re.split(r"(?<=[。；：！？])|\n", passage):
            piece = norm(piece)
            if len(piece) < 4:
                continue
            start = text.find(piece)
            while start >= 0:
                for i in range(start, start + len(piece)):
                    covered[i] = True
                start = text.find(piece, start + 1)
    return covered


def recall(gongwen, index, corpus):
    truth = [json.loads(l) for l in open(f"{HERE}/truth.jsonl", encoding="utf-8")]
    by_pair = collections.defaultdict(list)
    for t in truth:
        if t["label"] == "copy":
            by_pair[(t["a"], t["b"])].append(t)
    found = total = 0
    kinds = collections.Counter()
    for (a, b), stretches in by_pair.items():
        text = norm(open(f"{corpus}/{a}", encoding="utf-8").read())
        rows = reuse_rows(gongwen, index, corpus, a, b)
        covered = coverage(text, [r["a_text"] for r in rows])
        here = 0
        for t in stretches:
            start = text.find(t["text"])
            if start < 0:
                print(f"  not in {a}: {t['text'][:30]}", file=sys.stderr)
                continue
            hit = sum(covered[start : start + len(t["text"])]) * 2 >= len(t["text"])
            here += hit
            if not hit:
                print(f"  missed in {a}: {t['text']}")
        found += here
        total += len(stretches)
        kind = "laws" if a.startswith("laws") else "reports"
        kinds[(kind, "found")] += here
        kinds[(kind, "of")] += len(stretches)
        print(f"{a} vs {b}: {here}/{len(stretches)} found, {len(rows)} passages reported")
    for kind in ("laws", "reports"):
        f, n = kinds[(kind, "found")], kinds[(kind, "of")]
        print(f"recall, {kind}: {f}/{n} = {f / n:.3f}")
    print(f"recall: {found}/{total} = {found / total:.3f}")
    return found / total


def precision():
    labels = [json.loads(l) for l in open(f"{HERE}/labels.jsonl", encoding="utf-8")]
    counts = collections.Counter(l["label"] for l in labels)
    for run in ("laws", "reports"):
        mine = [l for l in labels if l["run"] == run]
        right = sum(l["label"] != "false" for l in mine)
        print(f"precision, {run}: {right}/{len(mine)} = {right / len(mine):.3f}")
    right = counts["reuse"] + counts["formula"]
    print(f"labelled passages: {len(labels)} {dict(counts)}")
    print(f"precision: {right}/{len(labels)} = {right / len(labels):.3f}; "
          f"strict (reuse only): {counts['reuse'] / len(labels):.3f}")
    return right / len(labels)


if __name__ == "__main__":
    gongwen, index, corpus = sys.argv[1:4]
    r = recall(gongwen, index, corpus)
    p = precision()
    sys.exit(0 if r >= 0.90 and p >= 0.95 else 1)
