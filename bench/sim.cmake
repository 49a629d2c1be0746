# bench_sim: the simulator core's event-loop figures (docs/simulator.md#performance).
#   sim.events_per_s          EventQueue hold loop, no trace
#   sim.events_per_s_traced   the same loop writing and hashing one trace line per event
#   sim.bare_heap_events_per_s  the same loop over std::priority_queue, for comparison
if(TARGET taskcheck_sim)
  add_executable(bench_sim ${CMAKE_CURRENT_LIST_DIR}/sim_bench.cpp)
  target_link_libraries(bench_sim PRIVATE taskcheck_sim taskcheck_build_flags)
endif()
