# Build helpers shared by every folder: warnings, sanitizers, and Boost.Test registration.

add_library(taskcheck_build_flags INTERFACE)
target_compile_options(taskcheck_build_flags INTERFACE -Wall -Wextra -Werror)
# GCC 12 at -O3 reports -Wrestrict inside libstdc++'s std::string operator+ (GCC bug 105329), a
# false positive in code we do not own; keep the warning visible but not fatal.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(taskcheck_build_flags INTERFACE -Wno-error=restrict)
endif()
if(TASKCHECK_SANITIZE)
  target_compile_options(taskcheck_build_flags INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  # ASan instrumentation makes GCC 12 report -Wmaybe-uninitialized inside libstdc++'s <regex> and
  # <functional> (the warning depends on inlining decisions the sanitizer changes). The normal
  # build keeps it fatal, so our own code is still held to it.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(taskcheck_build_flags INTERFACE -Wno-error=maybe-uninitialized)
  endif()
  target_link_options(taskcheck_build_flags INTERFACE -fsanitize=address,undefined)
endif()
if(TASKCHECK_BUILD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "TASKCHECK_BUILD_FUZZ needs clang (e.g. -DCMAKE_CXX_COMPILER=clang++-16)")
  endif()
  # Coverage feedback for libFuzzer in every library; the fuzz executables add -fsanitize=fuzzer.
  target_compile_options(taskcheck_build_flags INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(taskcheck_build_flags INTERFACE -fsanitize=address,undefined)
endif()

# taskcheck_add_library(NAME SOURCES ... [DEPS ...])
# One library per folder; our warnings and sanitizer flags apply, include root is the repository.
function(taskcheck_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE taskcheck_build_flags)
  target_compile_features(${name} PUBLIC cxx_std_20)
endfunction()

# taskcheck_add_tests(EXE LABEL SOURCES ... [DEPS ...])
# Builds one Boost.Test executable from SOURCES and registers one ctest test per source file,
# named LABEL.<suite>, where <suite> is the first BOOST_AUTO_TEST_SUITE in that file. Each test
# carries LABEL so `ctest -L model` runs one folder.
function(taskcheck_add_tests exe)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;DEPS" ${ARGN})
  if(NOT TASKCHECK_BUILD_TESTS)
    return()
  endif()
  set(main_file "${CMAKE_CURRENT_BINARY_DIR}/${exe}_main.cpp")
  file(WRITE "${main_file}.in"
    "#define BOOST_TEST_MODULE ${exe}\n#include <boost/test/unit_test.hpp>\n")
  configure_file("${main_file}.in" "${main_file}" COPYONLY)
  add_executable(${exe} ${main_file} ${ARG_SOURCES})
  target_compile_definitions(${exe} PRIVATE BOOST_TEST_DYN_LINK)
  target_link_libraries(${exe} PRIVATE ${ARG_DEPS} Boost::unit_test_framework taskcheck_build_flags)
  foreach(src IN LISTS ARG_SOURCES)
    file(STRINGS "${src}" suites REGEX "^BOOST_AUTO_TEST_SUITE\\(([A-Za-z0-9_]+)")
    list(GET suites 0 first)
    if(NOT first)
      message(FATAL_ERROR "${src}: no BOOST_AUTO_TEST_SUITE(name) at the start of a line")
    endif()
    string(REGEX REPLACE "^BOOST_AUTO_TEST_SUITE\\(([A-Za-z0-9_]+).*" "\\1" suite "${first}")
    add_test(NAME ${ARG_LABEL}.${suite}
             COMMAND ${exe} --run_test=${suite} --log_level=test_suite --report_level=short
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(${ARG_LABEL}.${suite} PROPERTIES LABELS ${ARG_LABEL} TIMEOUT 900)
  endforeach()
endfunction()
