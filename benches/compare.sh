#!/usr/bin/env bash
# Side-by-side timings on one corpus, in one run: gongwen against SQLite FTS5 trigram
# (indexing) and against `rg -F` (cold queries, the way a user runs them).
#
#   benches/compare.sh [CORPUS]        # default ../shared/corpus
#
# Installs ripgrep and GNU time with apt if they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/setup.sh
exec python3 benches/compare.py "${1:-../shared/corpus}"
