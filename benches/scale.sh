#!/usr/bin/env bash
# How index time, index size and cold query latency grow with the corpus, against rg:
# builds 4x and 16x replicas of the corpus (benches/replicate.py) and measures each.
#
#   benches/scale.sh [CORPUS] [FACTORS...]     # default ../shared/corpus 1 4 16
#
# Needs about 2 GB of free disk at 16x (replicas are hard links; the index is not).
set -euo pipefail
cd "$(dirname "$0")/.."
need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need rg ripgrep
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release -q
corpus="${1:-../shared/corpus}"
shift || true
exec python3 benches/scale.py "$corpus" "${@:-1 4 16}"
