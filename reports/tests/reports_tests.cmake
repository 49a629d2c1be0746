# reports/tests: golden-file tests of every writer, the JUnit schema check (xmllint), the HTML
# check in headless Chromium, and the CMake package test over examples/ctest-consumer.
set(reports_tests_dir ${CMAKE_CURRENT_SOURCE_DIR}/tests)

add_library(taskcheck_reports_testkit STATIC
  ${reports_tests_dir}/sample_run.cpp ${reports_tests_dir}/golden_file.cpp
  ${reports_tests_dir}/scratch_dir.cpp ${reports_tests_dir}/shell_command.cpp)
target_link_libraries(taskcheck_reports_testkit
  PUBLIC taskcheck_reports Boost::unit_test_framework PRIVATE taskcheck_build_flags)
target_compile_definitions(taskcheck_reports_testkit PUBLIC BOOST_TEST_DYN_LINK
  PRIVATE TASKCHECK_REPORTS_GOLDEN_DIR="${reports_tests_dir}/golden")

file(GLOB reports_test_sources CONFIGURE_DEPENDS "${reports_tests_dir}/*_test.cpp")
list(SORT reports_test_sources)
taskcheck_add_tests(taskcheck_reports_tests LABEL reports
  SOURCES ${reports_test_sources}
  DEPS taskcheck_reports_testkit)
target_compile_definitions(taskcheck_reports_tests PRIVATE
  TASKCHECK_JUNIT_XSD="${reports_tests_dir}/junit.xsd")

# Installs this build into a temp prefix and builds/runs examples/ctest-consumer against it; needs
# the `taskcheck` binary built (a full build does it).
add_test(NAME reports.ctest_consumer
         COMMAND bash ${reports_tests_dir}/ctest_consumer_test.sh ${PROJECT_BINARY_DIR}
                 ${PROJECT_SOURCE_DIR})
set_tests_properties(reports.ctest_consumer PROPERTIES LABELS reports TIMEOUT 900)
