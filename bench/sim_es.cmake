# bench_sim_es: sim.compression_x — simulated seconds per CPU second of the elasticsearch profile,
# 5 nodes, 100 tasks/s, no faults, trace off.
add_executable(bench_sim_es ${CMAKE_CURRENT_LIST_DIR}/sim_es_bench.cpp)
target_link_libraries(bench_sim_es PRIVATE taskcheck_sim_es taskcheck_build_flags)
