#!/bin/sh
# Installs wrk if missing (Debian package) and runs bench_server_meili from BUILD_DIR.
# usage: bench/server_meili.sh BUILD_DIR [--tasks N] [--seconds S]
set -eu
dir=${1:?usage: bench/server_meili.sh BUILD_DIR [--tasks N] [--seconds S]}
shift
command -v wrk >/dev/null 2>&1 || apt-get install -y wrk >/dev/null
exec "$dir/bench/bench_server_meili" "$@"
