#!/usr/bin/env bash
# Long fuzzing runs: every target of BUILD_DIR for SECONDS each, two at a time (the machine has
# two cores), from its checked-in seed corpus. Usage: fuzz/long_run.sh BUILD_DIR [SECONDS]
# Per target, under BUILD_DIR/long/<target>/: corpus/ (what the run found interesting, never
# written into fuzz/corpus/), log.txt (libFuzzer's output, final stats at the end), and any
# finding as crash-*, leak-*, timeout-*, oom-*. Prints one line per target:
#   <target> runs=<executions> findings=<count>
# and exits 1 when any target has a finding.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: fuzz/long_run.sh BUILD_DIR [SECONDS]}
seconds=${2:-300}
parallel=${TASKCHECK_FUZZ_PARALLEL:-2}
targets=()
for exe in "$build"/fuzz/*_fuzz; do targets+=("$(basename "$exe")"); done

run_one() {
    local name=$1 out="$build/long/$1"
    mkdir -p "$out/corpus"
    rm -f "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-*
    local dict=()
    [ -f "fuzz/dict/$name.dict" ] && dict=(-dict="fuzz/dict/$name.dict")
    "$build/fuzz/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$out/" "${dict[@]}" \
        "$out/corpus" "fuzz/corpus/$name" >"$out/log.txt" 2>&1 || true
}

running=0
for name in "${targets[@]}"; do
    run_one "$name" &
    running=$((running + 1))
    if [ "$running" -ge "$parallel" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

failed=0
for name in "${targets[@]}"; do
    out="$build/long/$name"
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/log.txt" | grep -o '[0-9]*$' || echo 0)
    findings=$(find "$out" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'leak-*' \
        -o -maxdepth 1 -name 'timeout-*' -o -maxdepth 1 -name 'oom-*' | wc -l)
    echo "$name runs=${runs:-0} findings=$findings"
    [ "$findings" -eq 0 ] || failed=1
done
exit "$failed"
