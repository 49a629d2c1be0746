#!/bin/sh
# Installs wrk if missing (Debian package) and runs bench_runner from BUILD_DIR; bench_runner
# installs Newman itself (npm install into BUILD_DIR/bench/runner-newman) on first use.
# usage: bench/runner.sh BUILD_DIR [--steps N] [--repeats R] [--seconds S] [--newman-repeats M]
set -eu
dir=${1:?usage: bench/runner.sh BUILD_DIR [--steps N] [--repeats R] [--seconds S] [--newman-repeats M]}
shift
command -v wrk >/dev/null 2>&1 || apt-get install -y wrk >/dev/null
exec "$dir/bench/bench_runner" "$@"
