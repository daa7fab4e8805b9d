#!/usr/bin/env bash
# The Spark test (cluster/test_cluster.py): installs what it needs when missing — Java
# (Debian openjdk-17-jre-headless) and pyspark (pip, a 430 MB download kept in pip's
# cache) — then runs the sharded answers against one index on a local cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo -n"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
fi
python3 -c 'import pyspark' 2>/dev/null || python3 -m pip install --quiet 'pyspark==4.0.1'
# Spark's own logging goes to a file; the test's lines to the CI log.
log=$(mktemp)
if python3 cluster/test_cluster.py target/release/gongwen ../shared/corpus 2>"$log"; then
    rm -f "$log"
else
    tail -40 "$log"
    rm -f "$log"
    exit 1
fi
