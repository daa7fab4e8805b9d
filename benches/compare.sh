#!/usr/bin/env bash
# Side-by-side timings on one corpus, in one run: gongwen against SQLite FTS5 trigram
# (indexing) and against `rg -F` (cold queries, the way a user runs them).
#
#   benches/compare.sh [CORPUS]        # default ../shared/corpus
#
# Installs ripgrep and GNU time with apt if they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need rg ripgrep
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release -q
exec python3 benches/compare.py "${1:-../shared/corpus}"
