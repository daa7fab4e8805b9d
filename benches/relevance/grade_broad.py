#!/usr/bin/env python3
"""Grades every file of the corpus for the broad researcher queries of `broad.tsv`.

    python3 benches/relevance/grade_broad.py BIN INDEX CORPUS > benches/relevance/broad.tsv

A researcher asking for a policy term (高质量发展) or a province's document of a kind
(浙江 政府工作报告) wants, on the first page, the documents *about* it. The grade is decided
from the file's own text and its title (read by `gongwen docs`), never from any engine's
ranking, and over every file, so that nDCG's ideal order is the true one (no pooling):

  3  about the query: the title (with subtitle) holds every term, or the text — at least
     2,000 characters — holds each term at least 10 times;
  2  a recurring theme: each term at least 4 times, or at least once per 1,000 characters;
  0  anything else (a passing mention is not what a broad query asks for): not listed.

The grades were then read by hand, title by title; a line whose grade was changed by that
reading says why after `#`. Several terms: the least frequent one decides.
"""
import json
import os
import subprocess
import sys

QUERIES = [
    "高质量发展", "新质生产力", "乡村振兴", "营商环境", "共同富裕", "人工智能", "粮食安全",
    "数字经济", "稳增长", "一带一路", "浙江 政府工作报告", "广东 营商环境",
]


def grade(terms, text, title):
    least = min(text.count(t) for t in terms)
    if all(t in title for t in terms) or (len(text) >= 2000 and least >= 10):
        return 3, least
    if least >= 4 or (least and least * 1000 >= len(text)):
        return 2, least
    return 0, least


def main():
    bin_, index, corpus = sys.argv[1:4]
    titles = {}
    listing = subprocess.run([bin_, "docs", "--json", "--index", index, "--corpus", corpus],
                             capture_output=True, text=True, check=True)
    for line in listing.stdout.splitlines():
        d = json.loads(line)
        title = " ".join(x for x in (d.get("title"), d.get("subtitle")) if x)
        titles.setdefault(d["path"], []).append(title)
    print("# Broad researcher queries, every file graded by grade_broad.py (see its doc):")
    print("# query\tpath\tgrade (3 about it, 2 a recurring theme)\t# evidence")
    for root, _, files in os.walk(corpus):
        for name in sorted(files):
            if not name.endswith(".txt"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, corpus)
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            for query in QUERIES:
                terms = query.split(" ")
                title = " ".join(titles.get(rel, []))
                g, least = grade(terms, text, title)
                if g:
                    print(f"{query}\t{rel}\t{g}\t# {least}× in {len(text):,} chars: {title[:50]}")


if __name__ == "__main__":
    main()
