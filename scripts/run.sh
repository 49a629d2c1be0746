#!/usr/bin/env bash
# The one entry point behind README's two commands and CI.
# Builds are Release with -O2 (tests keep TC_ASSERT, which does not depend on NDEBUG); no -g, which
# costs compile time on 2 cores and is not needed to read a test failure.
#   run.sh main           install, build, run the main job (reports under out/)
#   run.sh test           install, build, run every test (ctest)
#   run.sh test-sanitize  the same in a separate -fsanitize=address,undefined build
#   run.sh bench          install, Release build, run every benchmark (build-bench/bench.txt)
#   run.sh test-fuzz      clang-16 libFuzzer build (build-fuzz), then `ctest -L fuzz`: a short
#                         deterministic run of every fuzz target (docs/fuzzing.md)
#   run.sh fuzz [SECONDS] the same build, then each target for SECONDS (default 300), findings
#                         and final stats under build-fuzz/long/<target>/
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mode=${1:-}
jobs=${TASKCHECK_JOBS:-$(nproc)}

build() {  # build DIR [cmake args...]; BUILD_TARGET picks one target (default: all)
    local dir=$1
    shift
    cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_CXX_FLAGS_RELEASE="${OPT_FLAGS:--O2}" "$@" >/dev/null
    local log="$dir/build.log"
    if ! cmake --build "$dir" -j "$jobs" ${BUILD_TARGET:+--target "$BUILD_TARGET"} >"$log" 2>&1; then
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
    # -O1 -g1: a sanitized -O2 -g build compiles twice as slowly for no extra findings.
    OPT_FLAGS="-O1 -g1" build build-asan -DTASKCHECK_SANITIZE=ON -DTASKCHECK_BUILD_BENCH=OFF
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        ctest --test-dir build-asan -j "$jobs" --output-on-failure
    ;;
bench)
    bash scripts/install-deps.sh
    OPT_FLAGS="-O3" build build-bench -DTASKCHECK_BUILD_TESTS=OFF
    bash bench/run_all.sh build-bench | tee build-bench/bench.txt
    ;;
test-fuzz | fuzz)
    bash scripts/install-deps.sh
    # Only the libraries the fuzz targets link, at -O1 (instrumented code gains little from -O2);
    # CI passes FUZZ_OPT_FLAGS=-O0, which compiles in 40% less CPU time (docs/fuzzing.md).
    OPT_FLAGS="${FUZZ_OPT_FLAGS:--O1}" BUILD_TARGET=taskcheck_fuzzers build build-fuzz -DTASKCHECK_BUILD_FUZZ=ON \
        -DTASKCHECK_BUILD_TESTS=OFF -DTASKCHECK_BUILD_BENCH=OFF -DCMAKE_CXX_COMPILER=clang++-16
    if [ "$mode" = test-fuzz ]; then
        ctest --test-dir build-fuzz -L fuzz -j "$jobs" --output-on-failure
    else
        bash fuzz/long_run.sh build-fuzz "${2:-300}"
    fi
    ;;
*)
    echo "usage: scripts/run.sh main|test|test-sanitize|bench|test-fuzz|fuzz [seconds]" >&2
    exit 2
    ;;
esac
