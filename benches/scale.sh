#!/usr/bin/env bash
# How index time, index size and cold query latency grow with the corpus, against rg:
# builds 4x and 16x replicas of the corpus (benches/replicate.py) and measures each.
#
#   benches/scale.sh [CORPUS] [FACTORS...]     # default ../shared/corpus 1 4 16
#
# Needs about 2 GB of free disk at 16x (replicas are hard links; the index is not).
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/setup.sh
corpus="${1:-../shared/corpus}"
shift || true
exec python3 benches/scale.py "$corpus" "${@:-1 4 16}"
