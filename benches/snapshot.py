#!/usr/bin/env python3
"""Golden outputs of every command for 30 queries over a corpus, to prove that a change
which should not alter behaviour does not.

    benches/snapshot.py record BIN CORPUS OUT    # run BIN, write each output into OUT/
    benches/snapshot.py compare OLD NEW          # byte-for-byte, per file; exit 1 on any difference

Each output is stored whole with its exit code (`NAME.out`, `NAME.code`). `compare` treats
fields that a later gongwen added to `search --json` (`FIELDS_ADDED`) as absent, so that a
version which only carries more metadata compares equal.
"""

import json
import os
import subprocess
import sys
import tempfile

# Plain literals: searched, counted and charted.
TERMS = [
    "稳增长", "惠企纾困", "新质生产力", "尧柏水泥", "安康高新集团", "高质量发展",
    "供给侧结构性改革", "碳达峰碳中和", "纾困", "国务院", "2020年", "ＧＤＰ", "國民經濟",
    "稳", "乡村振兴", "共同富裕", "放管服", "中国石油", "旬阳县", "民营经济",
]
# Query syntax and flags: searched only.
QUERIES = [
    ["工业", "稳增长"],
    ["纾困", "OR", "惠企"],
    ["工业", "-疫情"],
    ["营商环境", "speaker:龚正"],
    ["条例", "doc_type:地方性法规"],
    ["报告", "level:national"],
    ["工业", "year:2021"],
    ["数字经济", "year:2020-2023"],
    ["工业", "--body", "人民政府", "--from", "2020-06", "--to", "2021"],
    ["高质量发展", "--sort", "date", "--limit", "30"],
]
# Fields a later search --json may carry on top of the recorded ones.
FIELDS_ADDED = {"doc_type", "extra"}


def run(bin_path, args, out_dir, name, env):
    proc = subprocess.run([bin_path] + args, capture_output=True, env=env)
    with open(os.path.join(out_dir, name + ".out"), "wb") as f:
        f.write(proc.stdout)
    with open(os.path.join(out_dir, name + ".code"), "w") as f:
        f.write(f"{proc.returncode}\n")


def record(bin_path, corpus, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    env = dict(os.environ, NO_COLOR="1")
    index = tempfile.mkdtemp(prefix="gongwen-snapshot-")
    loc = ["--index", os.path.join(index, "idx"), "--corpus", corpus]
    subprocess.run([bin_path, "index", "--corpus", corpus, "--index", loc[1]],
                   check=True, capture_output=True)
    for n, term in enumerate(TERMS):
        run(bin_path, ["search", term, "--json", "--limit", "20"] + loc, out_dir, f"t{n:02}-search-json", env)
        run(bin_path, ["search", term, "--color", "never"] + loc, out_dir, f"t{n:02}-search", env)
        if term not in ("稳", "国务院"):
            run(bin_path, ["mentions", term, "--json"] + loc, out_dir, f"t{n:02}-mentions-json", env)
            run(bin_path, ["mentions", term, "--color", "never"] + loc, out_dir, f"t{n:02}-mentions", env)
            run(bin_path, ["mentions", term, "--csv"] + loc, out_dir, f"t{n:02}-mentions-csv", env)
        for by in ("year", "doc", "speaker", "body"):
            run(bin_path, ["mentions", term, "--by", by] + loc, out_dir, f"t{n:02}-by-{by}", env)
        run(bin_path, ["trend", term, "--json"] + loc, out_dir, f"t{n:02}-trend-json", env)
        run(bin_path, ["trend", term, "--by", "month", "--from", "2020"] + loc, out_dir, f"t{n:02}-trend-month", env)
    for n, q in enumerate(QUERIES):
        run(bin_path, ["search"] + q + ["--json"] + loc, out_dir, f"q{n:02}-search-json", env)
        run(bin_path, ["search"] + q + ["--color", "never"] + loc, out_dir, f"q{n:02}-search", env)
    run(bin_path, ["mentions", "稳增长", "高质量发展", "--by", "year"] + loc, out_dir, "multi-by-year", env)
    run(bin_path, ["trend", "高质量发展", "供给侧结构性改革", "--csv"] + loc, out_dir, "multi-trend-csv", env)
    svg = os.path.join(out_dir, "trend.svg")
    run(bin_path, ["trend", "高质量发展", "供给侧结构性改革", "--svg", svg] + loc, out_dir, "multi-trend-svg", env)
    run(bin_path, ["docs", "--json"] + loc, out_dir, "docs-json", env)
    run(bin_path, ["docs"] + loc, out_dir, "docs", env)
    for field in ("title", "date", "speaker", "body"):
        run(bin_path, ["docs", "--missing", field] + loc, out_dir, f"docs-missing-{field}", env)
    subprocess.run(["rm", "-rf", index])


def normalised(name, data):
    if not name.endswith("search-json.out"):
        return data
    lines = []
    for line in data.decode().splitlines():
        hit = json.loads(line)
        for field in FIELDS_ADDED:
            hit.pop(field, None)
        lines.append(json.dumps(hit, ensure_ascii=False, sort_keys=True))
    return "\n".join(lines).encode()


def compare(old_dir, new_dir):
    names = sorted(set(os.listdir(old_dir)) | set(os.listdir(new_dir)))
    differ = []
    for name in names:
        try:
            old = open(os.path.join(old_dir, name), "rb").read()
            new = open(os.path.join(new_dir, name), "rb").read()
        except FileNotFoundError:
            differ.append(name + " (missing on one side)")
            continue
        if normalised(name, old) != normalised(name, new):
            differ.append(name)
    print(f"{len(names)} outputs compared, {len(differ)} differ")
    for name in differ:
        print("  differs:", name)
    return 1 if differ else 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "record":
        record(os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    else:
        print(__doc__)
        sys.exit(2)
