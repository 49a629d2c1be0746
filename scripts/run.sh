#!/usr/bin/env bash
# The one entry point behind README's two commands and CI.
#   run.sh main           install, build, run the main job (reports under out/)
#   run.sh test           install, build, run every test (ctest)
#   run.sh test-sanitize  the same in a separate -fsanitize=address,undefined build
#   run.sh bench          install, Release build, run every benchmark (build-bench/bench.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mode=${1:-}
jobs=${TASKCHECK_JOBS:-$(nproc)}

build() {  # build DIR [cmake args...]
    local dir=$1
    shift
    cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
    local log="$dir/build.log"
    if ! cmake --build "$dir" -j "$jobs" >"$log" 2>&1; then
        grep -vE '^\[ *[0-9]+%\]' "$log" | tail -n 80
        echo "build failed in $dir (full log: $log)" >&2
        exit 2
    fi
    echo "built $dir"
}

case "$mode" in
main)
    bash scripts/install-deps.sh
    build build
    bash scripts/main-job.sh build
    ;;
test)
    bash scripts/install-deps.sh
    build build
    ctest --test-dir build -j "$jobs" --output-on-failure
    ;;
test-sanitize)
    bash scripts/install-deps.sh
    build build-asan -DTASKCHECK_SANITIZE=ON -DTASKCHECK_BUILD_BENCH=OFF
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        ctest --test-dir build-asan -j "$jobs" --output-on-failure
    ;;
bench)
    bash scripts/install-deps.sh
    BUILD_TYPE=Release build build-bench -DTASKCHECK_BUILD_TESTS=OFF
    bash bench/run_all.sh build-bench | tee build-bench/bench.txt
    ;;
*)
    echo "usage: scripts/run.sh main|test|test-sanitize|bench" >&2
    exit 2
    ;;
esac
