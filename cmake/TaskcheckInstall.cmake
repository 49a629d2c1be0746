# Install rules and the CMake package other projects use from their ctest
# (docs/ctest-integration.md). Installs:
#   bin/taskcheck                                   the binary (target `taskcheck`, cli/)
#   share/taskcheck/fixtures/                       the fixtures (meilisearch/, elasticsearch/, ...)
#   lib/cmake/taskcheck/taskcheckConfig.cmake       find_package(taskcheck CONFIG)
#   lib/cmake/taskcheck/taskcheckConfigVersion.cmake
#   lib/cmake/taskcheck/TaskcheckConformance.cmake  taskcheck_add_conformance_test()
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TASKCHECK_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/taskcheck")
set(TASKCHECK_INSTALL_FIXTURESDIR "${CMAKE_INSTALL_DATADIR}/taskcheck/fixtures")

if(TARGET taskcheck)
  install(TARGETS taskcheck RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
if(EXISTS "${PROJECT_SOURCE_DIR}/fixtures")
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/fixtures/" DESTINATION ${TASKCHECK_INSTALL_FIXTURESDIR})
endif()

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/taskcheckConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/cmake/taskcheckConfig.cmake"
  INSTALL_DESTINATION ${TASKCHECK_INSTALL_CMAKEDIR}
  PATH_VARS CMAKE_INSTALL_BINDIR TASKCHECK_INSTALL_FIXTURESDIR)
# 0.x: a minor version may change the fixture format, so only the same minor version matches.
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/cmake/taskcheckConfigVersion.cmake"
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/cmake/taskcheckConfig.cmake"
  "${PROJECT_BINARY_DIR}/cmake/taskcheckConfigVersion.cmake"
  "${PROJECT_SOURCE_DIR}/cmake/TaskcheckConformance.cmake"
  DESTINATION ${TASKCHECK_INSTALL_CMAKEDIR})
