#!/bin/sh
# The ctest leg of one fuzz target (fuzz/CMakeLists.txt):
#   run_fuzzer.sh EXE FUZZ_DIR WORK_DIR RUNS SECONDS [DICT]
# 1. replays every reproducer in FUZZ_DIR/regressions/<target>/ (each must pass);
# 2. runs -seed=1 -runs=RUNS over FUZZ_DIR/corpus/<target>/, bounded by SECONDS.
# New inputs go to WORK_DIR (emptied first), never into the checked-in corpus; a finding is
# written to WORK_DIR as crash-*, leak-*, timeout-* and fails the test.
set -eu
exe=$1 fuzz_dir=$2 work=$3 runs=$4 seconds=$5 dict=${6:-}
name=$(basename "$exe")
rm -rf "$work"
mkdir -p "$work/corpus"
regressions="$fuzz_dir/regressions/$name"
if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    "$exe" -artifact_prefix="$work/" "$regressions"/*
fi
set -- -seed=1 -runs="$runs" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/"
if [ -n "$dict" ]; then set -- "$@" -dict="$dict"; fi
exec "$exe" "$@" "$work/corpus" "$fuzz_dir/corpus/$name"
