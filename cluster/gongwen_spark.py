"""gongwen on Apache Spark: shard indexes built on the executors, answers merged.

    spark-submit cluster/gongwen_spark.py --gongwen BIN --corpus DIR --work DIR --shards N \\
        index | search QUERY… [--limit K] | mentions TERM… --by year|speaker|body|doc
        | trend TERM… [--by year|month]
        | names [FILTER…] [--kind K] [--with-short-forms] [--min N] [--limit K]
        | keywords TARGET… [--vs REFERENCE…] [--p P] [--min-freq N] [--limit K]
        | reuse FIRST… [--vs SECOND…] [--min-length N] [--max-docs N] … | export

The corpus and the work folder are on storage every executor sees (NFS, a mounted
bucket); the gongwen binary too. Every piece of gongwen's logic runs in the binary on
the executors — reading, folding, segmentation, counting, scoring: the driver only
hands out shards, passes statistics between them and merges what they print.

- `index`: shard I of N is `gongwen index --shard I/N` (a file's shard decided by its
  path) into WORK/shard-I-of-N, one Spark task each. Run it again after the corpus
  changes: each shard is updated, not rebuilt.
- `search`: each shard prints `gongwen stats` for the query, the driver hands the list of
  those files to `gongwen search --stats …` on each shard, and merges the shards' top K
  by score, then date (newest first), then path and section — the order one index of the
  whole corpus gives. Ranks are numbered again; `id` becomes `I/N:id` (a document's id
  is its shard's).
- `mentions --by`: each shard's count table with the sizes of its parts (years or
  documents: `mentions --by … --part`), summed group by group by one task
  (`mentions --by … --sum FILE…`): a document is in one shard, so documents add up too
  (`--by doc` names a document by its path and section, the same in every shard), and
  the total's dispersion is computed over the summed parts.

- `trend` (`--by year`, the default, or `month`): occurrences, documents and characters
  summed per period, the periods between filled, the rate per 10,000 characters
  computed from the sums.
- `names`: three exchanges. Each shard prints the names its documents were read as
  (`names --gather`); each counts the candidates of all shards, summed, in its own
  documents (`names --part FILE…`); one task sums the counts and prints the table
  (`names --sum FILE…`), whose filter (a string read as a name often enough), order and
  limit are the single command's.
- `keywords`: each shard prints its word frequencies of the target and the reference
  (`keywords --part`); one task sums them and computes the keywords (`keywords --sum`).
- `reuse`: each shard gives the texts of its documents in either set with their records
  (`reuse --gather`); N tasks each align a share of the candidate pairs of all of them
  (`reuse --sum FILE… --share K/N`: pairs that cross shards are found, boilerplate is
  told by the whole corpus's documents), and one task sums the shares
  (`reuse --sum FILE… --aligned SHARE…`). Every task holds every compared text.
- `export`: each shard's passages with their documents' metadata and offsets
  (`gongwen export --out shard.parquet`), joined into one DataFrame (`--out` writes it).

Output is JSON Lines, as the single-machine command prints with `--json`.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys


def run(binary, args, into=None):
    """Runs gongwen; its output (or, with `into`, the path of the file it is written to:
    a part or an answer can be larger than a task's result may be), or an error naming
    the command (exit 1 is "nothing")."""
    if into is None:
        done = subprocess.run([binary, *args], capture_output=True, text=True)
    else:
        with open(into, "w", encoding="utf-8") as out:
            done = subprocess.run([binary, *args], stdout=out, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"gongwen {' '.join(args)}: exit {done.returncode}: {done.stderr.strip()}")
    return done.stdout if into is None else into


def answer_lines(sc, opts, kind, args):
    """The lines gongwen prints for `args` (a summing step, no index), run by one task
    with its output written to the exchange folder and read back here."""
    path = os.path.join(exchange_folder(opts.work, kind, args), "answer.jsonl")
    on_shards(sc, 1, lambda _: run(opts.gongwen, args, into=path))
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def shard_dir(work, index, count):
    return os.path.join(work, f"shard-{index}-of-{count}")


def dumps(row):
    """A row as gongwen prints it (serde_json: compact, UTF-8 as is)."""
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def on_shards(sc, count, task):
    """`task(i)` for each shard i, one Spark task each, in shard order."""
    return sc.parallelize(range(count), count).map(task).collect()


def build(sc, opts):
    binary, corpus, work, n = opts.gongwen, opts.corpus, opts.work, opts.shards

    def index(i):
        out = run(binary, ["index", "--corpus", corpus, "--index", shard_dir(work, i, n), "--shard", f"{i}/{n}"])
        return f"shard {i}/{n}: {out.strip().splitlines()[-1] if out.strip() else 'indexed'}"

    os.makedirs(work, exist_ok=True)
    return on_shards(sc, n, index)


def exchange_folder(work, kind, words):
    """Where the shards' parts of one answer go, read by every executor: one folder per
    command and arguments."""
    key = hashlib.sha1("\x01".join(words).encode()).hexdigest()[:16]
    folder = os.path.join(work, kind, key)
    os.makedirs(folder, exist_ok=True)
    return folder


def parts_of(sc, opts, command, step, files=()):
    """Each shard's part of `command` (`step` with `files` after it), written to the
    exchange folder; their paths in shard order."""
    binary, work, n = opts.gongwen, opts.work, opts.shards
    folder = exchange_folder(work, command[0], command)

    def part(i):
        args = [*command, "--index", shard_dir(work, i, n), step, *files]
        return run(binary, args, into=os.path.join(folder, f"{step.strip('-')}-{i}-of-{n}.json"))

    return on_shards(sc, n, part)


def summed(sc, opts, command, parts):
    """The answer of the parts summed (`--sum`, no index), as the command prints it with
    `--json`: its lines, as printed (one task, on an executor)."""
    limit = ["--limit", str(opts.limit)] if opts.limit is not None else []
    return answer_lines(sc, opts, command[0], [*command, "--json", *limit, "--sum", *parts])


def names(sc, opts, command):
    gathered = parts_of(sc, opts, ["names", *command], "--gather")
    counted = parts_of(sc, opts, ["names", *command], "--part", gathered)
    return summed(sc, opts, ["names", *command], counted)


def keywords(sc, opts, command):
    return summed(sc, opts, ["keywords", *command], parts_of(sc, opts, ["keywords", *command], "--part"))


def reuse(sc, opts, command):
    """The shared passages as `reuse --json` prints them (`a_id`, `b_id`: a shard's own):
    the shards' texts gathered, the candidate pairs aligned in as many shares as there
    are shards (one task each, every task over all the texts), the shares summed."""
    binary, n = opts.gongwen, opts.shards
    gathered = parts_of(sc, opts, ["reuse", *command], "--gather")
    folder = exchange_folder(opts.work, "aligned", ["reuse", *command])

    def share(k):
        args = ["reuse", *command, "--share", f"{k}/{n}", "--sum", *gathered]
        return run(binary, args, into=os.path.join(folder, f"share-{k}-of-{n}.json"))

    shares = on_shards(sc, n, share)
    return answer_lines(sc, opts, "reuse", ["reuse", *command, "--json", "--aligned", *shares, "--sum", *gathered])


def search(sc, opts, query):
    binary, work, n = opts.gongwen, opts.work, opts.shards
    # The statistics files go where every executor reads them: one folder per query.
    folder = exchange_folder(work, "stats", query)

    def stats(i):
        return run(binary, ["stats", *query, "--index", shard_dir(work, i, n)], into=os.path.join(folder, f"{i}.json"))

    files = on_shards(sc, n, stats)
    limit = str(opts.limit if opts.limit is not None else 10)

    def top(i):
        args = ["search", *query, "--index", shard_dir(work, i, n), "--json", "--limit", limit, "--stats", *files]
        return [(i, json.loads(line)) for line in run(binary, args).splitlines() if line.strip()]

    hits = [hit for shard in on_shards(sc, n, top) for hit in shard]
    # The single index's order: score, then newest, then (path, section); stable sorts,
    # the last key first.
    hits.sort(key=lambda h: (h[1]["path"], h[1]["section"]))
    hits.sort(key=lambda h: h[1]["date"] or "", reverse=True)
    hits.sort(key=lambda h: -h[1]["score"])
    rows = []
    for rank, (i, hit) in enumerate(hits[: int(limit)], start=1):
        hit["rank"] = rank
        hit["id"] = f"{i}/{n}:{hit['id']}"
        rows.append(hit)
    return rows


def export(sc, opts):
    """Each shard's passages as Parquet (WORK/export/shard-I-of-N.parquet), read back as
    one Spark DataFrame: the text itself, for jobs that cross shards. `doc` becomes
    `I/N:doc`, as in merged search results."""
    from pyspark.sql import SparkSession, functions

    binary, work, n = opts.gongwen, opts.work, opts.shards
    folder = os.path.join(work, "export")
    os.makedirs(folder, exist_ok=True)

    def write(i):
        path = os.path.join(folder, f"shard-{i}-of-{n}.parquet")
        if os.path.exists(path):
            os.remove(path)  # written by this driver before: gongwen never replaces a file
        run(binary, ["export", "--index", shard_dir(work, i, n), "--out", path])
        return path

    paths = on_shards(sc, n, write)
    spark = SparkSession(sc)
    frames = [
        spark.read.parquet(path).withColumn("doc", functions.concat(functions.lit(f"{i}/{n}:"), functions.col("doc").cast("string")))
        for i, path in enumerate(paths)
    ]
    frame = frames[0]
    for other in frames[1:]:
        frame = frame.unionByName(other)
    return frame


def mentions_by(sc, opts, terms):
    """`mentions TERM… --by … --json` over every shard: each shard's table with its part
    sizes (`--part`), summed by one task (`--sum`): the single command's lines, the
    total's dispersion included."""
    by = opts.by
    if by not in ("year", "speaker", "body", "doc"):
        raise ValueError(f"--by {by}: the cluster counts by year, speaker, body or doc")
    command = ["mentions", *terms, "--by", by]
    parts = parts_of(sc, opts, command, "--part")
    return answer_lines(sc, opts, "mentions", [*command, "--json", "--sum", *parts])


def trend(sc, opts, terms):
    """`trend TERM… --json [--by month]` over every shard: occurrences, documents and
    characters summed per period and term, the periods between the first and the last
    filled as one index fills them (months: from the first dated period's month, or
    January when its month is unknown, to the last's, or December; a year's `YYYY-??`
    row only where it has text), the rate computed as gongwen computes it."""
    binary, work, n = opts.gongwen, opts.work, opts.shards
    by = opts.by if opts.by in ("year", "month") else "year"

    def rows(i):
        args = ["trend", *terms, "--by", by, "--json", "--index", shard_dir(work, i, n)]
        return [json.loads(line) for line in run(binary, args).splitlines() if line.strip()]

    cells, chars, names = {}, {}, []
    for shard in on_shards(sc, n, rows):
        for row in shard:
            period, term = row["period"], row["term"]
            if term not in names:
                names.append(term)
            chars.setdefault(period, {})[term] = chars.get(period, {}).get(term, 0) + row["chars"]
            cell = cells.setdefault((period, term), [0, 0])
            cell[0] += row["occurrences"]
            cell[1] += row["documents"]
    out = []
    for period in filled_periods(chars, by):
        for term in names:
            occurrences, documents = cells.get((period, term), [0, 0])
            text = chars.get(period, {}).get(term, 0)
            out.append({
                "period": period, "term": term, "occurrences": occurrences, "documents": documents,
                "chars": text, "per_10k": occurrences * 10_000.0 / text if text > 0 else None,
            })
    return out


def filled_periods(seen, by):
    """The periods of a trend in gongwen's order: the dated ones from the first to the
    last with every period between (`YYYY`, or `YYYY-??` then `YYYY-01` … `YYYY-12`),
    then `undated`."""
    def key(period):  # (year, month); a month not known is 0, before January
        year, _, month = period.partition("-")
        return int(year), (0 if month in ("", "??") else int(month))

    dated = sorted({key(p) for p in seen if p != "undated"})
    keys = set(dated)
    if dated:
        (first_year, first_month), (last_year, last_month) = dated[0], dated[-1]
        for year in range(first_year, last_year + 1):
            if by == "year":
                keys.add((year, 0))
                continue
            start = (first_month or 1) if year == first_year else 1
            end = (last_month or 12) if year == last_year else 12
            keys.update((year, month) for month in range(start, end + 1))
    name = (lambda y, m: str(y)) if by == "year" else (lambda y, m: f"{y}-{m:02d}" if m else f"{y}-??")
    return [name(y, m) for y, m in sorted(keys)] + (["undated"] if "undated" in seen else [])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gongwen", required=True, help="the gongwen binary, on every executor")
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--work", required=True, help="folder of the shard indexes (shared storage)")
    parser.add_argument("--shards", type=int, required=True)
    parser.add_argument("--master", help="Spark master when not run by spark-submit (local-cluster[2,1,2048])")
    parser.add_argument("--limit", type=int, help="search: 10 unless given; names, keywords: theirs")
    parser.add_argument("--by", default="year")
    parser.add_argument("command", choices=["index", "search", "mentions", "trend", "names", "keywords", "reuse", "export"])
    parser.add_argument("--out", help="export: where the joined passages are written (Parquet folder)")
    parser.add_argument("words", nargs="*")
    # The flags of names and keywords (--kind, --vs, --min-freq, …) go to gongwen as given.
    opts, passed = parser.parse_known_args(argv)
    opts.words += passed
    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setAppName(f"gongwen {opts.command}")
    if opts.master:
        conf = conf.setMaster(opts.master)
    sc = SparkContext.getOrCreate(conf)
    try:
        if opts.command == "index":
            for line in build(sc, opts):
                print(line, file=sys.stderr)
            rows = []
        elif opts.command == "search":
            rows = search(sc, opts, opts.words)
        elif opts.command == "trend":
            rows = trend(sc, opts, opts.words)
        elif opts.command == "names":
            rows = names(sc, opts, opts.words)
        elif opts.command == "keywords":
            rows = keywords(sc, opts, opts.words)
        elif opts.command == "reuse":
            rows = reuse(sc, opts, opts.words)
        elif opts.command == "export":
            frame = export(sc, opts)
            if opts.out:
                frame.write.parquet(opts.out)
            print(f"{frame.count()} passages", file=sys.stderr)
            rows = []
        else:
            rows = mentions_by(sc, opts, opts.words)
    finally:
        sc.stop()
    for row in rows:
        # mentions, names, keywords and reuse give gongwen's own lines; the others rows.
        print(row if isinstance(row, str) else dumps(row))
    return 0 if rows or opts.command in ("index", "export") else 1


if __name__ == "__main__":
    sys.exit(main())
