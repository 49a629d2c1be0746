# bench_sim_property: sim.property_cases_per_s — 100-step stateful RapidCheck cases of the
# meilisearch profile (generate 100 commands, run the world, run every checker) per CPU second.
if(TARGET taskcheck_sim_profiles)
  add_executable(bench_sim_property ${CMAKE_CURRENT_LIST_DIR}/sim_property_bench.cpp)
  target_link_libraries(bench_sim_property PRIVATE taskcheck_sim_profiles rapidcheck
                        taskcheck_build_flags)
endif()
