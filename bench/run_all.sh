#!/usr/bin/env bash
# Runs every benchmark executable built in BUILD_DIR/bench (named bench_*), in name order.
set -euo pipefail
dir=${1:?usage: bench/run_all.sh BUILD_DIR}
shopt -s nullglob
found=0
for exe in "$dir"/bench/bench_*; do
    [ -x "$exe" ] || continue
    found=1
    "$exe"
done
[ "$found" -eq 1 ] || echo "no benchmarks built in $dir/bench" >&2
