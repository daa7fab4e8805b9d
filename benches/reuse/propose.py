#!/usr/bin/env python3
"""Proposes the shared sentences of document pairs for hand-checking (the recall truth).

Independent of gongwen: each text is read from the corpus file, whitespace removed; the
first document is cut into sentences (。；！？ and line ends); each sentence of 30
characters or more is compared with every sentence of the second document sharing a
character bigram with it (difflib, blocks of 3+ characters); a pair whose blocks cover 30
characters or more is proposed. Each proposal is then read and marked true (the second
sentence is a version of the first: same wording, edited) or false (they only share set
phrases), and the true ones are kept in truth.jsonl.

usage: propose.py CORPUS PAIRS.tsv > proposals.jsonl
"""
import difflib
import json
import re
import sys


def norm(text):
    return re.sub(r"\s+", "", text)


def sentences(text):
    out, start = [], 0
    for m in re.finditer(r"[。；！？\n]", text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def bigrams(s):
    return {s[i : i + 2] for i in range(len(s) - 1)}


def propose(corpus, a_path, b_path):
    raw_a = open(f"{corpus}/{a_path}", encoding="utf-8").read()
    raw_b = open(f"{corpus}/{b_path}", encoding="utf-8").read()
    # Sentences are cut on the raw text (line ends count), then compared without spaces.
    a_sents = [norm(raw_a[s:e]) for s, e in sentences(raw_a)]
    b_sents = [norm(raw_b[s:e]) for s, e in sentences(raw_b)]
    b_grams = [bigrams(t) for t in b_sents]
    for s in a_sents:
        if len(s) < 30:
            continue
        g = bigrams(s)
        best = None
        for t, tg in zip(b_sents, b_grams):
            if len(t) < 10 or len(g & tg) < 10:
                continue
            m = difflib.SequenceMatcher(None, s, t, autojunk=False)
            matched = sum(b.size for b in m.get_matching_blocks() if b.size >= 3)
            if matched >= 30 and (best is None or matched > best[0]):
                best = (matched, t)
        if best:
            yield {"a": a_path, "b": b_path, "a_sentence": s, "b_sentence": best[1], "matched": best[0]}


def main():
    corpus, pairs = sys.argv[1], sys.argv[2]
    for line in open(pairs, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            a, b = line.split()[:2]
            for p in propose(corpus, a, b):
                print(json.dumps(p, ensure_ascii=False))


if __name__ == "__main__":
    main()
