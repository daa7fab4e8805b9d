#!/usr/bin/env python3
"""Relevance benchmark: gongwen against SQLite FTS5 trigram and a bigram BM25 engine, in
the same run.

    python3 benches/relevance/run.py BIN CORPUS [BIN_BEFORE]

Query sets (tab-separated, beside this script):
  known.tsv, dev.tsv, test.tsv
              known-item queries drawn reproducibly from the corpus's paragraphs by
              `cargo run --release --example relevance_queries -- CORPUS COUNT SEED`
              (150 with the default seed; 600 with seed 7, the split ranking constants
              are chosen on; 600 with seed 11, the split reported and never tuned on):
              two or three content words (`words`) and 4–8 character phrases that
              cross a word boundary (`phrase`); the target is the paragraph's document;
  judged.tsv  researcher queries written by hand (a governor's name, a report by year
              and premier, a law's or a policy's title, an enterprise) with the
              document that answers each;
  broad.tsv   broad researcher queries (a policy term, a province with a kind) with
              every file of the corpus graded 3/2 (unlisted: 0) by grade_broad.py.

For each engine and kind: MRR@10 (1/rank of the target within the first ten documents),
success@10 (target within ten) and the share of queries with no result at all. Documents
are compared by file path. gongwen runs `search QUERY --json --limit 10` (documents);
an older gongwen whose JSON lists passages (BIN_BEFORE) is ranked by the first passage
of each file. FTS5 indexes one row per file with the trigram tokenizer and ranks by
bm25(); terms under three characters cannot use trigrams and are matched with LIKE (a
scan, unranked), as `../shared/bench/fts5_trigram.py` does. The bigram engine is
described in `Bigrams`. Broad queries: nDCG@10 per query and its mean.
"""
import collections
import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[A-Za-z0-9]+")

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    rows = []
    for line in open(os.path.join(HERE, name), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        kind, query, target = line.rstrip("\n").split("\t")[:3]
        rows.append((kind, query, target))
    return rows


def gongwen_ranked(bin_, index, corpus, query):
    args = [bin_, "search", *query.split(" "), "--json", "--limit", "200",
            "--index", index, "--corpus", corpus, "--no-aliases"]
    p = subprocess.run(args, capture_output=True, text=True)
    paths = []
    for line in p.stdout.splitlines():
        path = json.loads(line)["path"]
        if path not in paths:
            paths.append(path)
        if len(paths) == 10:
            break
    return paths


def fts5_index(corpus, db_path):
    db = sqlite3.connect(db_path)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, body, tokenize='trigram')")
    for root, _, files in os.walk(corpus):
        for name in sorted(files):
            if name.endswith(".txt"):
                path = os.path.join(root, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    db.execute("INSERT INTO docs(path, body) VALUES (?, ?)",
                               (os.path.relpath(path, corpus), f.read()))
    db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    db.commit()
    return db


def fts5_ranked(db, query):
    terms = [t.strip('"') for t in query.split(" ") if t.strip('"')]
    long_ = [t for t in terms if len(t) >= 3]
    where, args = [], []
    if long_:
        where.append("docs MATCH ?")
        args.append(" AND ".join('"%s"' % t.replace('"', '""') for t in long_))
    for t in terms:
        if len(t) < 3:
            where.append("body LIKE ?")
            args.append("%" + t + "%")
    order = "ORDER BY bm25(docs)" if long_ else ""
    sql = f"SELECT path FROM docs WHERE {' AND '.join(where)} {order} LIMIT 10"
    return [r[0] for r in db.execute(sql, args)]


class Bigrams:
    """A Lucene-CJKAnalyzer-like peer: overlapping bigrams of each run of Chinese characters
    (a lone character as a unigram), one document per file, BM25 (k1 1.2, b 0.75, Lucene's
    idf). A quoted query is a phrase query (tf = the phrase's occurrences, idf = the sum of
    its bigrams'); unquoted terms are OR-ed bigrams, as Lucene's QueryParser builds them.
    Postings are counted only for the bigrams the queries use, in one pass over the files."""

    K1, B = 1.2, 0.75

    def __init__(self, corpus, queries):
        self.texts = []
        for root, _, files in os.walk(corpus):
            for name in sorted(files):
                if name.endswith(".txt"):
                    path = os.path.join(root, name)
                    with open(path, encoding="utf-8", errors="replace") as f:
                        self.texts.append((os.path.relpath(path, corpus), f.read()))
        wanted = {g for q in queries for t in self.terms(q)[1] for g in self.grams(t)}
        self.postings = collections.defaultdict(dict)
        self.lengths = []
        for n, (_, text) in enumerate(self.texts):
            tokens = self.grams(text)
            counts = collections.Counter(g for g in tokens if g in wanted)
            for gram, c in counts.items():
                self.postings[gram][n] = c
            self.lengths.append(len(tokens))
        self.mean = sum(self.lengths) / max(len(self.lengths), 1)

    @staticmethod
    def terms(query):
        quoted = query.startswith('"')
        return quoted, [t.strip('"') for t in query.split(" ") if t.strip('"')]

    @staticmethod
    def grams(text):
        """CJKAnalyzer's tokens: bigrams of a run of Chinese characters, a lone one as itself;
        runs of letters or digits as one lower-cased token."""
        out = []
        for run in TOKEN.findall(text):
            if CJK_RUN.fullmatch(run):
                out += [run[i:i + 2] for i in range(len(run) - 1)] or [run]
            else:
                out.append(run.lower())
        return out

    def idf(self, gram):
        df, n = len(self.postings.get(gram, ())), len(self.texts)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def bm25(self, tf, n, idf):
        norm = self.K1 * (1 - self.B + self.B * self.lengths[n] / self.mean)
        return idf * tf * (self.K1 + 1) / (tf + norm)

    def ranked(self, query):
        quoted, terms = self.terms(query)
        scores = collections.defaultdict(float)
        for term in terms:
            grams = self.grams(term)
            if quoted:
                docs = set.intersection(*(set(self.postings.get(g, ())) for g in grams))
                idf = sum(self.idf(g) for g in grams)
                for n in docs:
                    tf = self.texts[n][1].count(term)
                    if tf:
                        scores[n] += self.bm25(tf, n, idf)
            else:
                for g in grams:
                    idf = self.idf(g)
                    for n, tf in self.postings.get(g, {}).items():
                        scores[n] += self.bm25(tf, n, idf)
        best = sorted(scores, key=lambda n: (-scores[n], n))[:10]
        return [self.texts[n][0] for n in best]


def load_grades(name):
    """`broad.tsv`: query → {path: grade}, every file graded (grade_broad.py)."""
    grades = collections.defaultdict(dict)
    for line in open(os.path.join(HERE, name), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        query, path, grade = line.rstrip("\n").split("\t")[:3]
        grades[query][path] = int(grade)
    return grades


def ndcg(ranked, grades, k=10):
    """nDCG@k with gain 2^grade − 1 and discount log2(rank + 1); the ideal order is the
    graded files' own (every file is graded, so it is the true ideal)."""
    def dcg(gs):
        return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gs[:k]))
    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(p, 0) for p in ranked]) / ideal if ideal else 0.0


def score(ranked_lists, targets):
    mrr = success = empty = 0
    for ranked, target in zip(ranked_lists, targets):
        if not ranked:
            empty += 1
        if target in ranked[:10]:
            success += 1
            mrr += 1 / (ranked.index(target) + 1)
    n = len(targets)
    return mrr / n, success / n, empty / n


def main():
    bin_, corpus = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    before = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else None
    # Known items by split: known.tsv (the first 150, seed 20261202), dev.tsv (seed 7:
    # what ranking constants are chosen on), test.tsv (seed 11: reported, never tuned on).
    splits = [(split, load(split + ".tsv")) for split in ("known", "dev", "test")]
    judged_rows = load("judged.tsv")
    broad = load_grades("broad.tsv")
    work = tempfile.mkdtemp(prefix="relevance-")
    # `search` does not build an index it is pointed at: build each first.
    subprocess.run([bin_, "index", "--corpus", corpus, "--index", os.path.join(work, "now")],
                   capture_output=True, check=True)
    engines = [("gongwen", lambda q: gongwen_ranked(bin_, os.path.join(work, "now"), corpus, q))]
    if before:
        old = os.path.join(work, "before")
        subprocess.run([before, "index", "--corpus", corpus, "--index", old],
                       capture_output=True, check=True)
        engines.append(("gongwen before", lambda q: gongwen_ranked(before, old, corpus, q)))
    db = fts5_index(corpus, os.path.join(work, "fts5.db"))
    engines.append(("FTS5 trigram", lambda q: fts5_ranked(db, q)))
    bigrams = Bigrams(corpus, [q for _, rows in splits for _, q, _ in rows] +
                      [q for _, q, _ in judged_rows] + list(broad))
    engines.append(("bigram BM25", bigrams.ranked))
    groups = []
    for split, rows in splits:
        for kind in ("phrase", "words"):
            groups.append((f"{split}: {kind}", [(q, t) for k, q, t in rows if k == kind]))
    by_kind = collections.defaultdict(list)
    for kind, query, target in judged_rows:
        by_kind["judged: " + kind].append((query, target))
    groups += sorted(by_kind.items()) + [("judged, all", [(q, t) for _, q, t in judged_rows])]
    results = {}
    for name, run in engines:
        cache = {}
        for group, items in groups:
            lists = [cache.setdefault(q, run(q)) for q, _ in items]
            results[(name, group)] = score(lists, [t for _, t in items])
    print("| queries | n | " + " | ".join(f"{name} MRR@10 / success@10 / none" for name, _ in engines) + " |")
    print("|---|---|" + "---|" * len(engines))
    for group, items in groups:
        cells = []
        for name, _ in engines:
            mrr, success, empty = results[(name, group)]
            cells.append(f"{mrr:.3f} / {success:.2f} / {empty:.2f}")
        print(f"| {group} | {len(items)} | " + " | ".join(cells) + " |")
    print()
    print("| broad query (nDCG@10) | " + " | ".join(name for name, _ in engines) + " |")
    print("|---|" + "---|" * len(engines))
    means = collections.defaultdict(float)
    for query, grades in broad.items():
        cells = []
        for name, run in engines:
            value = ndcg(run(query), grades)
            means[name] += value / len(broad)
            cells.append(f"{value:.3f}")
        print(f"| {query} | " + " | ".join(cells) + " |")
    print(f"| mean of {len(broad)} | " + " | ".join(f"{means[n]:.3f}" for n, _ in engines) + " |")


if __name__ == "__main__":
    main()
