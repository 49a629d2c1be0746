#!/usr/bin/env bash
# The main job (README command 1), run after the build in BUILD_DIR. Parts, one folder each under
# out/main/, and an index out/main/index.md with one line per part:
#   conformance-meilisearch/, conformance-elasticsearch/  the whole fixture folder of the profile
#       against `taskcheck serve` spawned by `taskcheck conform` (report.html, report.md,
#       junit.xml, report.json, console.txt)
#   coverage/      `taskcheck coverage fixtures` (coverage.md, coverage.json, console.txt)
#   sim-meilisearch/, sim-elasticsearch/  200 seeds with the determinism check, run as two shards
#       (seeds-*.jsonl, summary.md, the scenario files of failing seeds)
# Exit status is non-zero iff a part failed. Runs from the repository root.
set -uo pipefail
build=${1:?usage: scripts/main-job.sh BUILD_DIR}
tc="$(cd "$build" && pwd)/cli/taskcheck"
cd "$(dirname "$0")/.."
out=out/main
rm -rf "$out"
mkdir -p "$out"
status=0
index=()

# conform_part PROFILE READY_PATH: runs fixtures/PROFILE against a spawned reference server.
conform_part() {
    local profile=$1 ready=$2 dir="$out/conformance-$1"
    mkdir -p "$dir"
    "$tc" conform --profile "$profile" \
        --spawn "$tc serve --profile $profile --port {port} --data-dir {data_dir}" \
        --ready-path "$ready" --jobs 2 --report-dir "$dir" "fixtures/$profile" \
        >"$dir/console.txt" 2>&1
    echo $? >"$dir/exit-code"
}

# conform_line PROFILE: the index line of a finished conform part.
conform_line() {
    local profile=$1 dir="conformance-$1" code counts
    code=$(cat "$out/$dir/exit-code")
    counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out/$dir/console.txt" | tail -n 1)
    echo "== conformance $profile: ${counts:-no result (exit $code)}; reports in $out/$dir/"
    [ "$code" = 0 ] || status=1
    index+=("| conformance $profile | $(verdict "$code") | ${counts:-exit $code} |\
 [HTML]($dir/report.html) [Markdown]($dir/report.md) [JUnit]($dir/junit.xml)\
 [JSON]($dir/report.json) [console]($dir/console.txt) |")
}

verdict() { if [ "$1" = 0 ]; then echo passed; else echo "**failed**"; fi; }

# sim_part PROFILE: 200 seeds with the determinism check, two shards in parallel.
sim_part() {
    local profile=$1 dir="$out/sim-$1"
    mkdir -p "$dir"
    local code=0 pids=() pid
    for shard in 0 1; do
        "$tc" sim --profile "$profile" --seeds 0..199 --shard "$shard/2" --check-determinism \
            --out "$dir" >"$dir/seeds-$shard.jsonl" 2>"$dir/stderr-$shard.txt" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || code=1; done
    echo $code >"$dir/exit-code"
}

sim_line() {
    local profile=$1 dir="sim-$1" code passed failed
    code=$(cat "$out/$dir/exit-code")
    passed=$(cat "$out/$dir"/seeds-*.jsonl | grep -c '"passed":true')
    failed=$(cat "$out/$dir"/seeds-*.jsonl | grep -c '"passed":false')
    {
        echo "# Simulation campaign: $profile, seeds 0..199, --check-determinism"
        echo
        echo "$passed passed, $failed failed"
        echo
        grep '"passed":false' "$out/$dir"/seeds-*.jsonl | sed 's/^[^:]*:/- /'
    } >"$out/$dir/summary.md"
    echo "== simulation $profile: $passed passed, $failed failed; $out/$dir/summary.md"
    [ "$code" = 0 ] && [ "$failed" = 0 ] && [ "$passed" = 200 ] || { status=1; code=1; }
    index+=("| simulation $profile | $(verdict "$code") | $passed passed, $failed failed |\
 [summary]($dir/summary.md) [seeds]($dir/) |")
}

coverage_part() {
    local dir="$out/coverage" code counts
    mkdir -p "$dir"
    "$tc" coverage --report-dir "$dir" fixtures >"$dir/console.txt" 2>&1
    code=$?
    counts=$(grep '^coverage: ' "$dir/console.txt" | tail -n 1)
    echo "== $counts; $dir/coverage.md"
    [ "$code" = 0 ] || status=1
    index+=("| document coverage | $(verdict "$code") | ${counts#coverage: } |\
 [Markdown](coverage/coverage.md) [JSON](coverage/coverage.json) [console](coverage/console.txt) |")
}

echo "== conformance: fixtures/meilisearch and fixtures/elasticsearch against taskcheck serve"
conform_part meilisearch /health &
conform_part elasticsearch / &
wait
conform_line meilisearch
conform_line elasticsearch
coverage_part
echo "== simulation: 200 seeds per profile with the determinism check"
sim_part meilisearch
sim_line meilisearch
sim_part elasticsearch
sim_line elasticsearch

{
    echo "# taskcheck main job"
    echo
    echo "| part | result | counts | reports |"
    echo "|---|---|---|---|"
    printf '%s\n' "${index[@]}"
} >"$out/index.md"
echo "== index: $out/index.md ($(verdict $status | tr -d '*'))"
exit $status
