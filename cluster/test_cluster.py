"""The Spark driver against one index: the same answers, on a real (local) cluster.

    python3 cluster/test_cluster.py target/release/gongwen [CORPUS]

Builds a corpus of real texts in a temporary folder (the bundled `corpus/`, the texts
under `tests/fixtures/`, and CORPUS's `national_gwr/` when given — `../shared/corpus`),
indexes it once with gongwen and once as four shards on a `local-cluster[2,1,2048]`
(two executor JVMs, loopback only), and compares: search top 10 identical (ranks,
scores, documents, passages; ids aside — a shard's id is its own), mention counts by
year, speaker, body and document, trends, names, keywords and the export identical.
Installs nothing: `.ci/cluster.sh` installs pyspark. Every process it starts stops with
the Spark context; the whole run is bounded (`TIME_LIMIT`).
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gongwen_spark  # noqa: E402

TIME_LIMIT = 300
SEARCHES = [
    ["新质生产力"], ["发展"], ["的"], ["国务院"], ["稳增长", "就业"], ["改革", "开放"],
    ["人民代表大会"], ["政府工作报告", "-2019"], ["高质量发展", "--from", "2020"], ["法律", "责任"],
]
MENTIONS = [["发展"], ["国务院", "人民政府"], ["新质生产力"], ["的"]]
NAMES = [[], ["--with-short-forms"], ["--kind", "place,enterprise"], ["year:2020"]]
REUSE = [[], ["year:2017-2021", "--vs", "year:1980-2016"]]
KEYWORDS = [["year:2020"], ["year:2017-2018", "--vs", "year:2020-2026"]]


def corpus_of_real_texts(root, shared):
    """The bundled corpus, the fixtures' texts and (if given) a part of the shared corpus."""
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    corpus = os.path.join(root, "corpus")
    shutil.copytree(os.path.join(repo, "corpus"), corpus)
    for folder, _, files in os.walk(os.path.join(repo, "tests", "fixtures")):
        for name in files:
            if name.endswith((".txt", ".html")):
                relative = os.path.relpath(os.path.join(folder, name), os.path.join(repo, "tests"))
                target = os.path.join(corpus, relative)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copy(os.path.join(folder, name), target)
    if shared and os.path.isdir(os.path.join(shared, "national_gwr")):
        shutil.copytree(os.path.join(shared, "national_gwr"), os.path.join(corpus, "national_gwr"))
    return corpus


def without_id(rows, ids=("id",)):
    rows = [json.loads(row) if isinstance(row, str) else row for row in rows]
    return [{k: v for k, v in row.items() if k not in ids} for row in rows]


def compared(failures, label, merged, one, unit="rows"):
    """Prints whether the shards' answer equals one index's; a difference, or an answer
    with nothing in it (which would show nothing), is a failure."""
    same = merged == one
    print(f"{label}: {len(one)} {unit}, {'identical' if same else 'DIFFERENT'}")
    if not same or not one:
        failures.append(label)


def main():
    binary = os.path.abspath(sys.argv[1])
    shared = sys.argv[2] if len(sys.argv) > 2 else None
    signal.signal(signal.SIGALRM, lambda *_: sys.exit("the cluster test ran past its time limit"))
    signal.alarm(TIME_LIMIT)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    from pyspark import SparkConf, SparkContext

    started = time.time()
    failures = []
    with tempfile.TemporaryDirectory(prefix="gongwen-cluster-") as root:
        corpus = corpus_of_real_texts(root, shared)
        single = os.path.join(root, "single")
        gongwen_spark.run(binary, ["index", "--corpus", corpus, "--index", single])

        class Options:
            gongwen, work, shards, limit, by = binary, os.path.join(root, "work"), 4, 10, "year"

        Options.corpus = corpus
        conf = (
            SparkConf()
            .setAppName("gongwen cluster test")
            .setMaster("local-cluster[2,1,2048]")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.ui.enabled", "false")
        )
        sc = SparkContext(conf=conf)
        # The executors import the driver's module for its functions.
        sc.addPyFile(os.path.abspath(gongwen_spark.__file__))
        try:
            built = gongwen_spark.build(sc, Options)
            print("\n".join(built))
            held = 0
            for i in range(Options.shards):
                listed = gongwen_spark.run(binary, ["docs", "--index", gongwen_spark.shard_dir(Options.work, i, 4), "--json"])
                held += len(listed.splitlines())
            whole = len(gongwen_spark.run(binary, ["docs", "--index", single, "--json"]).splitlines())
            if held != whole:
                failures.append(f"the shards hold {held} documents, the single index {whole}")
            for query in SEARCHES:
                merged = without_id(gongwen_spark.search(sc, Options, query))
                lines = gongwen_spark.run(binary, ["search", *query, "--index", single, "--json", "--limit", "10"])
                one = without_id([json.loads(line) for line in lines.splitlines()])
                compared(failures, f"search {' '.join(query)}", merged, one, "documents")
            for terms in MENTIONS:
                for by in ["year", "speaker", "body", "doc"]:
                    Options.by = by
                    merged = gongwen_spark.mentions_by(sc, Options, terms)
                    lines = gongwen_spark.run(binary, ["mentions", *terms, "--by", by, "--json", "--index", single])
                    compared(failures, f"mentions {' '.join(terms)} --by {by}", merged, lines.splitlines())
            for terms in MENTIONS:
                for by in ["year", "month"]:
                    Options.by = by
                    merged = gongwen_spark.trend(sc, Options, terms)
                    lines = gongwen_spark.run(binary, ["trend", *terms, "--by", by, "--json", "--index", single])
                    one = [json.loads(line) for line in lines.splitlines()]
                    compared(failures, f"trend {' '.join(terms)} --by {by}", merged, one)
            Options.limit = 0  # every row of names and keywords
            for command, runs in [("names", NAMES), ("keywords", KEYWORDS)]:
                for args in runs:
                    merged = getattr(gongwen_spark, command)(sc, Options, args)
                    lines = gongwen_spark.run(binary, [command, *args, "--json", "--limit", "0", "--index", single])
                    compared(failures, f"{command} {' '.join(args)}", merged, lines.splitlines())
            for args in REUSE:
                merged = without_id(gongwen_spark.reuse(sc, Options, args), ("a_id", "b_id"))
                lines = gongwen_spark.run(binary, ["reuse", *args, "--json", "--index", single])
                one = without_id(lines.splitlines(), ("a_id", "b_id"))
                compared(failures, f"reuse {' '.join(args)}", merged, one, "passages")
            passages = gongwen_spark.export(sc, Options)
            columns = ["path", "section", "passage", "start", "end", "title", "speaker", "date", "text"]
            exported = sorted(tuple(r) for r in passages.select(*columns).collect())
            lines = gongwen_spark.run(binary, ["export", "--index", single])
            one = sorted(tuple(json.loads(line)[c] for c in columns) for line in lines.splitlines())
            same = exported == one
            print(f"export: {len(exported)} passages from the shards, {len(one)} from one index, "
                  f"{'identical' if same else 'DIFFERENT'}")
            if not same or not one:
                failures.append("export")
        finally:
            sc.stop()
    left = subprocess.run(["pgrep", "-f", "CoarseGrainedExecutorBackend"], capture_output=True, text=True).stdout
    if left.strip():
        failures.append(f"executor processes left running: {left.split()}")
    print(f"cluster test: {time.time() - started:.0f} s, {len(failures)} failures")
    for f in failures:
        print(f"  FAILED: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
