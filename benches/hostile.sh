#!/usr/bin/env bash
# Indexing a corpus of the samples plus every hostile file (tests/attacks.rs: PDFs that
# recurse, loop, inflate or run to 20,000 pages, a docx bomb, quadratic HTML and
# entities) and the hostile shapes built here (bad bytes, mixed encodings, a bad manifest
# line, names that are not UTF-8, a FIFO, a symlink to a device): wall time, peak RSS
# (of gongwen and its PDF helpers) and the summary naming each skipped file.
#
#   benches/hostile.sh            # target: under 60 s, under 500 MB
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/setup.sh
cargo build --release -q --example hostile_corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus="$work/corpus"
mkdir -p "$corpus"
cp corpus/*.txt "$corpus/"
target/release/examples/hostile_corpus "$corpus" >/dev/null
python3 - "$corpus" <<'PY'
import os, sys
c = sys.argv[1]
report = "各级政府要坚持稳增长，扎实推进高质量发展。\n" * 200
b = bytearray(report.encode()); b.insert(3001, 0xFF)
open(os.path.join(c, "stray.txt"), "wb").write(b)
open(os.path.join(c, "cut.txt"), "wb").write(report.encode() + "惠企".encode()[:4])
open(os.path.join(c, "mixed.txt"), "wb").write(("第一部分：稳就业。\n" * 50).encode() + ("第二部分：营商环境。\n" * 50).encode("gbk"))
open(os.path.join(c.encode(), "报告一.txt".encode("gbk")), "wb").write("第一份报告。\n".encode())
open(os.path.join(c.encode(), "报告二.txt".encode("gbk")), "wb").write("第二份报告。\n".encode())
lines = [f'{{"file": "stray.txt", "date": "2019-0{n + 1}-01"}}' for n in range(3)]
lines[1] = lines[1][:20]
open(os.path.join(c, "manifest.jsonl"), "w").write("\n".join(lines))
os.mkfifo(os.path.join(c, "pipe.txt"))
os.symlink("/dev/zero", os.path.join(c, "zero.txt"))
PY
echo "corpus: $(ls "$corpus" | wc -l) entries, $(du -sh "$corpus" | cut -f1)"
/usr/bin/time -f "wall %e s, peak RSS %M KB" target/release/gongwen index \
    --corpus "$corpus" --index "$work/index" 2>&1
