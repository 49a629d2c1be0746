#!/usr/bin/env bash
# Start-up stress test (issue 12): RUNS `taskcheck conform --jobs 2 --spawn FAKE` side by side,
# each spawning a fresh target for each of FIXTURES fixtures, while two taskcheck_socket_churn
# processes take and release ephemeral ports all the time. --start-attempts 1, so a port taken
# between allocation and the target's bind is an error, not a retry: passes iff every run exits 0
# with zero start-up errors.
#   usage: start_stress_test.sh TASKCHECK FAKE_TARGET SOCKET_CHURN [RUNS [FIXTURES [CONFORM_ARG...]]]
set -uo pipefail
tc=${1:?usage: start_stress_test.sh TASKCHECK FAKE_TARGET SOCKET_CHURN [RUNS [FIXTURES]]}
fake=${2:?} churn=${3:?} runs=${4:-4} fixtures=${5:-130}
shift 5 2>/dev/null || shift $#
work=$(mktemp -d "${TMPDIR:-/tmp}/taskcheck-start-stress-XXXXXX")
churn_pids=()
cleanup() {
    for pid in "${churn_pids[@]}"; do kill "$pid" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/fixtures"
for ((i = 0; i < fixtures; i++)); do
    printf '{"name": "start %d", "profile": "meilisearch", "steps": [{"request": {"method": "GET", "path": "/health"}, "expect": {"status": 200}}]}\n' \
        "$i" >"$work/fixtures/f$i.json"
done

start=$SECONDS
for _ in 1 2; do
    "$churn" 120 >/dev/null &
    churn_pids+=($!)
done
run_pids=()
for ((r = 0; r < runs; r++)); do
    timeout 240 "$tc" conform "$work/fixtures" --spawn "$fake {port} {data_dir}" \
        --ready-path /health --jobs 2 --start-attempts 1 --json "$work/run$r.json" "$@" \
        >"$work/run$r.txt" 2>&1 &
    run_pids+=($!)
done
status=0
for ((r = 0; r < runs; r++)); do
    wait "${run_pids[$r]}"
    code=$?
    if [ "$code" != 0 ]; then
        echo "run $r exited $code:"
        grep -E 'ERROR|FAIL' "$work/run$r.txt" | head -n 5
        status=1
    fi
done
spawns=$((runs * fixtures))
errors=$(cat "$work"/run*.txt | grep -cE '^\[[0-9 /]+\] ERROR .*target-start' || true)
retried=$(cat "$work"/run*.txt | grep -c '(target started on attempt' || true)
echo "start_stress: $spawns spawns in $((SECONDS - start)) s, $errors start-up errors, $retried retried"
[ "$errors" = 0 ] || status=1
exit $status
