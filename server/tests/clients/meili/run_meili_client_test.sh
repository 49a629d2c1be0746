#!/bin/sh
# ctest server.meili_client: installs the npm package `meilisearch` (0.32.5, the v1.1-era client)
# into WORK_DIR and runs meili_client.js against a fresh `taskcheck serve --profile meilisearch`.
# Exit 77 (ctest SKIP_RETURN_CODE) with the reason when node/npm is missing or the registry cannot
# be reached; never a silent pass.
# usage: run_meili_client_test.sh TASKCHECK_BINARY WORK_DIR
set -u
bin=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
for tool in node npm; do
    command -v "$tool" >/dev/null 2>&1 || { echo "SKIPPED: $tool is not installed"; exit 77; }
done
if [ ! -f "$work/node_modules/meilisearch/package.json" ]; then
    if ! npm install --prefix "$work" --no-audit --no-fund --no-save meilisearch@0.32.5 \
        >"$work/npm.log" 2>&1; then
        echo "SKIPPED: npm install meilisearch@0.32.5 failed (registry unreachable?):"
        tail -n 5 "$work/npm.log"
        exit 77
    fi
fi
data=$(mktemp -d)
"$bin" serve --profile meilisearch --port 0 --data-dir "$data" >"$work/serve.out" 2>"$work/serve.err" &
pid=$!
i=0
until grep -q "listening on" "$work/serve.out" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 200 ] || ! kill -0 $pid 2>/dev/null; then
        echo "serve did not start:"; cat "$work/serve.err"; kill $pid 2>/dev/null; exit 1
    fi
    sleep 0.05
done
url=$(sed -n 's/.*listening on //p' "$work/serve.out")
NODE_PATH="$work/node_modules" node "$here/meili_client.js" "$url"
rc=$?
kill -TERM $pid
wait $pid
serve_rc=$?
rm -rf "$data"
[ $rc -eq 0 ] || exit $rc
[ $serve_rc -eq 0 ] || { echo "serve exited $serve_rc after SIGTERM"; cat "$work/serve.err"; exit 1; }
exit 0
