#!/usr/bin/env bash
# reports.ctest_consumer: another project's view of taskcheck. Installs this build into a fresh
# prefix, configures examples/ctest-consumer against it with find_package(taskcheck CONFIG), and
# checks that taskcheck_add_conformance_test registered the right ctest command lines. When the
# installed binary has the `conform` subcommand, it also runs the example's ctest for real and
# checks the reports it wrote. Finally it shows that a wrong call stops configuration.
#   usage: ctest_consumer_test.sh <taskcheck build dir> <taskcheck source dir>
set -euo pipefail
build_dir=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/taskcheck-consumer-XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_in() {  # expect_in <needle> <file>
    grep -qF -- "$1" "$2" || { cat "$2" >&2; fail "missing: $1"; }
}

cmake --install "$build_dir" --prefix "$prefix" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log" >&2; fail "cmake --install (is the taskcheck target built?)"; }
[ -x "$prefix/bin/taskcheck" ] || fail "no $prefix/bin/taskcheck"
[ -f "$prefix/lib/cmake/taskcheck/taskcheckConfig.cmake" ] || fail "no package config"

cmake -S "$source_dir/examples/ctest-consumer" -B "$work/build" \
    -DCMAKE_PREFIX_PATH="$prefix" -DSERVER_URL=http://127.0.0.1:7700 >"$work/configure.log" 2>&1 ||
    { cat "$work/configure.log" >&2; fail "configuring the example"; }
cmake --build "$work/build" >/dev/null

ctest --test-dir "$work/build" -N -V >"$work/list.txt" 2>&1
example=$source_dir/examples/ctest-consumer
reports=$work/build/taskcheck-reports
expect_in "Total Tests: 2" "$work/list.txt"
expect_in "Test command: $prefix/bin/taskcheck \"conform\" \"--spawn\" \"$prefix/bin/taskcheck serve --profile meilisearch --port {port} --data-dir {data_dir}\" \"--profile\" \"meilisearch\" \"--tags\" \"smoke,tasks\" \"--expect\" \"$example/known-failures.json\" \"--report-dir\" \"$reports/tasks_conformance\" \"$example/fixtures\"" "$work/list.txt"
expect_in "Test command: $prefix/bin/taskcheck \"conform\" \"--target\" \"http://127.0.0.1:7700\" \"--exclude-tags\" \"faults\" \"--report-dir\" \"$reports/tasks_conformance_url\" \"$example/fixtures\"" "$work/list.txt"
ctest --test-dir "$work/build" -N -L staging >"$work/labels.txt" 2>&1
expect_in "Total Tests: 1" "$work/labels.txt"
echo "registration: ok"

# A wrong call stops configuration and says what to fix.
cat >"$work/wrong.cmake" <<CMAKE
include("$prefix/lib/cmake/taskcheck/TaskcheckConformance.cmake")
taskcheck_add_conformance_test(NAME both SPAWN "x {port}" TARGET http://h FIXTURES f)
CMAKE
if cmake -P "$work/wrong.cmake" >"$work/wrong.log" 2>&1; then fail "both SPAWN and TARGET accepted"; fi
expect_in "taskcheck_add_conformance_test(both): give exactly one of SPAWN" "$work/wrong.log"
echo "argument check: ok"

# `taskcheck <unknown> --help` exits 0 too, so look for conform in the subcommand list.
if ! "$prefix/bin/taskcheck" --help 2>&1 | grep -qE '^  conform '; then
    echo "taskcheck has no conform subcommand yet: registration checked, not run"
    exit 0
fi
ctest --test-dir "$work/build" -R '^tasks_conformance$' --output-on-failure >"$work/run.txt" 2>&1 ||
    { cat "$work/run.txt" >&2; fail "the example's conformance test failed"; }
expect_in "1/1 Test #1: tasks_conformance" "$work/run.txt"
[ -s "$reports/tasks_conformance/junit.xml" ] || fail "no junit.xml in $reports/tasks_conformance"
expect_in "an index creation task is enqueued, then succeeds" "$reports/tasks_conformance/junit.xml"
echo "run: ok"
