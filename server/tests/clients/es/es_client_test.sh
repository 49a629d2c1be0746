#!/bin/sh
# The official Elasticsearch JS client (@elastic/elasticsearch 8.x, unmodified) against
# `taskcheck serve --profile elasticsearch`: tasks.list (each group_by), tasks.get,
# tasks.cancel, cat.tasks. Installs the package into WORK_DIR/npm on first run.
# Exit 77 (ctest SKIP_RETURN_CODE) with the reason when npm cannot install it.
# usage: es_client_test.sh TASKCHECK_BIN WORK_DIR SCRIPT_DIR
set -u
bin=$1
work=$2
here=$3
mkdir -p "$work/npm"
if [ ! -d "$work/npm/node_modules/@elastic/elasticsearch" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "SKIPPED: npm is not installed"
        exit 77
    fi
    [ -f "$work/npm/package.json" ] || echo '{"private": true}' >"$work/npm/package.json"
    if ! (cd "$work/npm" && timeout 300 npm install --no-audit --no-fund \
        "@elastic/elasticsearch@8" >"$work/npm-install.log" 2>&1); then
        echo "SKIPPED: npm could not install @elastic/elasticsearch@8:" \
            "$(tail -n 1 "$work/npm-install.log") (log: $work/npm-install.log)"
        exit 77
    fi
fi
data=$(mktemp -d)
"$bin" serve --profile elasticsearch --port 0 --data-dir "$data" --clock manual \
    >"$work/serve.out" 2>"$work/serve.err" &
pid=$!
url=""
for _ in $(seq 1 200); do
    url=$(sed -n 's/^taskcheck serve: listening on //p' "$work/serve.out")
    [ -n "$url" ] && break
    sleep 0.05
done
if [ -z "$url" ]; then
    echo "FAILED: serve did not print its readiness line"; cat "$work/serve.err"
    kill -KILL "$pid" 2>/dev/null; rm -rf "$data"; exit 1
fi
NODE_PATH="$work/npm/node_modules" node "$here/es_client_test.js" "$url"
rc=$?
kill -TERM "$pid"
wait "$pid" || { echo "FAILED: serve did not stop cleanly"; rc=1; }
rm -rf "$data"
exit $rc
