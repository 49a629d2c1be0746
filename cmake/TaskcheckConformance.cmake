# taskcheck_add_conformance_test: registers a ctest test that runs `taskcheck conform` against an
# implementation of the Meilisearch or Elasticsearch task APIs (docs/ctest-integration.md).
#
#   taskcheck_add_conformance_test(
#     NAME <test-name>
#     SPAWN <command> | TARGET <url>       exactly one: a command line with {port}, {host},
#                                          {data_dir} placeholders, or the URL of a running server
#     FIXTURES <path>...                   fixture files or directories; relative paths are taken
#                                          from the calling CMakeLists.txt's directory
#     [EXPECT <file>]                      known failures, each with a reason (--expect)
#     [TAGS <tag>...]                      run only fixtures with one of these tags (--tags)
#     [EXCLUDE_TAGS <tag>...]              skip fixtures with one of these tags (--exclude-tags)
#     [PROFILE <meilisearch|elasticsearch>] [VERSION <x.y.z>] [FILTER <regex>]
#     [REPORT_DIR <dir>]                   default: <current binary dir>/taskcheck-reports/<name>
#     [ARGS <arg>...]                      more `taskcheck conform` arguments, passed as given
#     [LABELS <label>...]                  ctest labels besides `taskcheck`
#     [TIMEOUT <seconds>])                 ctest timeout (default: ctest's)
#
# The test passes iff `taskcheck conform` exits 0 (every fixture as expected); exit 1 (a
# conformance failure) and exit 2 (the run could not be done) both fail it. The command runs
# with the calling directory's binary dir as working directory. SPAWN and TARGET may hold
# generator expressions, e.g. SPAWN "$<TARGET_FILE:my_server> --port {port}".
# A wrong call (no NAME, both or neither of SPAWN/TARGET, no FIXTURES, an unknown argument) stops
# configuration with a message that says what to fix.

function(taskcheck_add_conformance_test)
  set(one_value NAME SPAWN TARGET EXPECT PROFILE VERSION FILTER REPORT_DIR TIMEOUT)
  set(multi_value FIXTURES TAGS EXCLUDE_TAGS ARGS LABELS)
  cmake_parse_arguments(PARSE_ARGV 0 ARG "" "${one_value}" "${multi_value}")

  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "taskcheck_add_conformance_test: unknown arguments "
                        "\"${ARG_UNPARSED_ARGUMENTS}\"; see TaskcheckConformance.cmake")
  endif()
  if(NOT ARG_NAME)
    message(FATAL_ERROR "taskcheck_add_conformance_test: NAME <test-name> is required")
  endif()
  if((ARG_SPAWN AND ARG_TARGET) OR (NOT ARG_SPAWN AND NOT ARG_TARGET))
    message(FATAL_ERROR "taskcheck_add_conformance_test(${ARG_NAME}): give exactly one of "
                        "SPAWN <command> or TARGET <url>")
  endif()
  if(NOT ARG_FIXTURES)
    message(FATAL_ERROR "taskcheck_add_conformance_test(${ARG_NAME}): FIXTURES <path>... is "
                        "required; the installed ones are under \${TASKCHECK_FIXTURES_DIR}")
  endif()

  if(TARGET taskcheck::taskcheck)
    set(taskcheck_command taskcheck::taskcheck)
  elseif(TARGET taskcheck)
    set(taskcheck_command taskcheck)  # inside taskcheck's own build tree
  else()
    message(FATAL_ERROR "taskcheck_add_conformance_test(${ARG_NAME}): no taskcheck executable; "
                        "call find_package(taskcheck CONFIG REQUIRED) first")
  endif()

  set(command ${taskcheck_command} conform)
  if(ARG_SPAWN)
    list(APPEND command --spawn "${ARG_SPAWN}")
  else()
    list(APPEND command --target "${ARG_TARGET}")
  endif()
  if(ARG_PROFILE)
    list(APPEND command --profile "${ARG_PROFILE}")
  endif()
  if(ARG_VERSION)
    list(APPEND command --version "${ARG_VERSION}")
  endif()
  if(ARG_TAGS)
    string(REPLACE ";" "," tags "${ARG_TAGS}")
    list(APPEND command --tags "${tags}")
  endif()
  if(ARG_EXCLUDE_TAGS)
    string(REPLACE ";" "," exclude_tags "${ARG_EXCLUDE_TAGS}")
    list(APPEND command --exclude-tags "${exclude_tags}")
  endif()
  if(ARG_FILTER)
    list(APPEND command --filter "${ARG_FILTER}")
  endif()
  if(ARG_EXPECT)
    cmake_path(ABSOLUTE_PATH ARG_EXPECT BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND command --expect "${ARG_EXPECT}")
  endif()
  if(NOT ARG_REPORT_DIR)
    set(ARG_REPORT_DIR "${CMAKE_CURRENT_BINARY_DIR}/taskcheck-reports/${ARG_NAME}")
  endif()
  list(APPEND command --report-dir "${ARG_REPORT_DIR}" ${ARG_ARGS})
  foreach(fixture IN LISTS ARG_FIXTURES)
    if(NOT fixture MATCHES "^\\$<")
      cmake_path(ABSOLUTE_PATH fixture BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}")
    endif()
    list(APPEND command "${fixture}")
  endforeach()

  add_test(NAME ${ARG_NAME} COMMAND ${command} WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
  set_tests_properties(${ARG_NAME} PROPERTIES LABELS "taskcheck;${ARG_LABELS}")
  if(ARG_TIMEOUT)
    set_tests_properties(${ARG_NAME} PROPERTIES TIMEOUT ${ARG_TIMEOUT})
  endif()
endfunction()
