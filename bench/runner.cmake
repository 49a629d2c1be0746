# bench_runner: the conformance runner's speed (issue 6, docs/runner.md#speed).
#   runner.steps_per_s         taskcheck conform --target URL, 1,000 exact-body request steps
#   runner.ceiling_rps         wrk -t1 -c1 against the same target and request
#   runner.newman_steps_per_s  newman running the same requests and assertions
# runner_fast_target is the trivial server it measures against (not named bench_*, so
# bench/run_all.sh does not run it as a benchmark). bench/runner.sh installs wrk and runs it.
add_executable(runner_fast_target ${CMAKE_CURRENT_LIST_DIR}/runner_fast_target.cpp)
target_include_directories(runner_fast_target PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(runner_fast_target PRIVATE Threads::Threads taskcheck_build_flags)

if(TARGET taskcheck)
  add_executable(bench_runner ${CMAKE_CURRENT_LIST_DIR}/runner_bench.cpp
                              ${CMAKE_CURRENT_LIST_DIR}/runner_workload.cpp)
  target_include_directories(bench_runner PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(bench_runner PRIVATE nlohmann_json::nlohmann_json taskcheck_build_flags)
  target_compile_definitions(bench_runner PRIVATE
    TASKCHECK_BINARY="$<TARGET_FILE:taskcheck>"
    RUNNER_TARGET_BINARY="$<TARGET_FILE:runner_fast_target>"
    RUNNER_NEWMAN_DIR="${CMAKE_CURRENT_BINARY_DIR}/runner-newman")
  add_dependencies(bench_runner taskcheck runner_fast_target)
endif()

# The workload's tests (ctest -L bench): the generated fixture passes against runner_fast_target
# through the real runner, a wrong expectation fails, the Newman collection asks the same.
if(TARGET taskcheck_conformance AND TASKCHECK_BUILD_TESTS)
  taskcheck_add_tests(runner_workload_tests LABEL bench
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/runner_workload_test.cpp
    DEPS taskcheck_conformance)
  target_sources(runner_workload_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/runner_workload.cpp)
  add_dependencies(runner_workload_tests runner_fast_target)
  target_compile_definitions(runner_workload_tests PRIVATE
    RUNNER_TARGET_BINARY="$<TARGET_FILE:runner_fast_target>")
endif()
