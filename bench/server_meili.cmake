# bench_server_meili: the Meilisearch profile's server figures against a real `taskcheck serve`
# (server.startup_1m_s, server.rss_1m_mib, server.get_task_rps, server.list_1m_p99_ms,
# server.enqueue_durable_per_s); bench/server_meili.sh installs wrk and runs it.
if(TARGET taskcheck_server AND TARGET taskcheck)
  add_executable(bench_server_meili ${CMAKE_CURRENT_LIST_DIR}/server_meili_bench.cpp)
  target_link_libraries(bench_server_meili PRIVATE taskcheck_server taskcheck_build_flags)
  target_compile_definitions(bench_server_meili PRIVATE TASKCHECK_BINARY="$<TARGET_FILE:taskcheck>")
  add_dependencies(bench_server_meili taskcheck)
endif()
