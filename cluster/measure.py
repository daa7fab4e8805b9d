"""Cost of the Spark driver against one gongwen process, on the same machine.

    python3 cluster/measure.py BIN CORPUS WORK [--shards 4] [--single INDEX] [--skip-build] [--all-pairs]
                               [--skip WORD]…

Times, in one run: one `gongwen index` of the whole corpus (unless --single names one
built already, whose time is then not measured), the sharded build on a
`local-cluster[2,1,2048]` (two executors of one core each), then a search, a count
table, a trend, names, keywords, reuse (with --all-pairs: of every pair of documents)
and an export both ways. Prints one line per answer: seconds for one
process, seconds through Spark (the Spark context already running), their ratio.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gongwen_spark  # noqa: E402


def timed(work):
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def shown(row):
    """A measured row, printed as soon as it is measured (a later step may fail)."""
    if len(row) == 2:
        print(f"{row[0]:<28} {row[1]:8.1f} s", flush=True)
    else:
        print(f"{row[0]:<28} one process {row[1]:7.2f} s   spark {row[2]:7.2f} s   {row[2] / row[1]:6.1f}x", flush=True)
    return row


def skipped(name, words):
    """Whether `--skip` leaves the answer out (said where its row would be)."""
    if any(name.startswith(word) for word in words):
        print(f"{name:<28} left out (--skip)", flush=True)
        return True
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("corpus")
    parser.add_argument("work")
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--single")
    parser.add_argument("--skip-build", action="store_true", help="the shards are built already")
    parser.add_argument("--single-binary", help="the binary for the single index, when it differs")
    parser.add_argument("--all-pairs", action="store_true", help="also reuse over every pair of documents")
    parser.add_argument("--skip", action="append", default=[], metavar="WORD",
                        help="leave out the answers whose name starts with WORD (e.g. reuse: its memory "
                             "grows with the corpus beyond what one machine holds)")
    opts = parser.parse_args()
    binary, corpus = os.path.abspath(opts.binary), os.path.abspath(opts.corpus)
    os.makedirs(opts.work, exist_ok=True)
    single = opts.single or os.path.join(opts.work, "single")
    rows = []
    if not opts.single:
        seconds, _ = timed(lambda: gongwen_spark.run(binary, ["index", "--corpus", corpus, "--index", single]))
        rows.append(shown(("index", seconds)))
        # The only child so far (Spark's JVMs start below): the build's peak memory.
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"{'index peak RSS':<28} {peak:8.0f} MB", flush=True)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    from pyspark import SparkConf, SparkContext

    class Options:
        gongwen, work, shards, limit, by = binary, os.path.join(opts.work, "spark"), opts.shards, 10, "year"

    Options.corpus = corpus
    conf = (SparkConf().setAppName("gongwen measure").setMaster("local-cluster[2,1,2048]")
            .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"))
    context_seconds, sc = timed(lambda: SparkContext(conf=conf))
    sc.addPyFile(os.path.abspath(gongwen_spark.__file__))
    print(f"Spark context started in {context_seconds:.1f} s", flush=True)
    try:
        if not opts.skip_build:
            seconds, _ = timed(lambda: gongwen_spark.build(sc, Options))
            rows.append(shown(("index (spark)", seconds)))
        single_binary = os.path.abspath(opts.single_binary or binary)
        one = lambda args: gongwen_spark.run(single_binary, [*args, "--index", single])  # noqa: E731
        answers = [
            ("search 发展", lambda: one(["search", "发展", "--json"]), lambda: gongwen_spark.search(sc, Options, ["发展"])),
            ("search 稳增长 就业", lambda: one(["search", "稳增长", "就业", "--json"]),
             lambda: gongwen_spark.search(sc, Options, ["稳增长", "就业"])),
            ("mentions 发展 --by year", lambda: one(["mentions", "发展", "--by", "year", "--json"]),
             lambda: gongwen_spark.mentions_by(sc, Options, ["发展"])),
            ("trend 新质生产力", lambda: one(["trend", "新质生产力", "--json"]),
             lambda: gongwen_spark.trend(sc, Options, ["新质生产力"])),
            ("names", lambda: one(["names", "--json", "--limit", "10"]),
             lambda: gongwen_spark.names(sc, Options, [])),
            ("keywords year:2024", lambda: one(["keywords", "year:2024", "--json", "--limit", "10"]),
             lambda: gongwen_spark.keywords(sc, Options, ["year:2024"])),
            ("reuse doc_type:政府工作报告", lambda: one(["reuse", "doc_type:政府工作报告", "--json"]),
             lambda: gongwen_spark.reuse(sc, Options, ["doc_type:政府工作报告"])),
        ]
        if opts.all_pairs:
            answers.append(("reuse (all pairs)", lambda: one(["reuse", "--json"]),
                            lambda: gongwen_spark.reuse(sc, Options, [])))
        for name, alone, spark in answers:
            if skipped(name, opts.skip):
                continue
            a, _ = timed(alone)
            b, _ = timed(spark)
            rows.append(shown((name, a, b)))
        if not skipped("export (Parquet)", opts.skip):
            export_to = os.path.join(opts.work, "single.parquet")
            if os.path.exists(export_to):
                os.remove(export_to)
            a, _ = timed(lambda: one(["export", "--out", export_to]))
            b, frame = timed(lambda: gongwen_spark.export(sc, Options))
            c, count = timed(frame.count)
            rows.append(shown(("export (Parquet)", a, b + c)))
    finally:
        sc.stop()
    print(json.dumps({"rows": rows}, ensure_ascii=False))


if __name__ == "__main__":
    main()
