# bench_server_meili: the Meilisearch profile's server figures against a real serve process
# (server.startup_1m_s, server.startup_1m_replay_s, server.snapshot_write_1m_s, server.rss_1m_mib,
# server.get_task_rps, server.list_1m_p99_ms, server.enqueue_durable_per_s);
# bench/server_meili.sh installs wrk and runs it. The serve process is server_meili_serve
# (server/meili_serve_main.cpp), the profile's run function without the CLI (same code as
# `taskcheck serve --profile meilisearch`), shared with the snapshot crash tests.
if(TARGET taskcheck_server)
  add_executable(bench_server_meili ${CMAKE_CURRENT_LIST_DIR}/server_meili_bench.cpp)
  target_link_libraries(bench_server_meili PRIVATE taskcheck_server taskcheck_build_flags)
  target_compile_definitions(bench_server_meili PRIVATE
    TASKCHECK_MEILI_SERVE="$<TARGET_FILE:server_meili_serve>")
  add_dependencies(bench_server_meili server_meili_serve)
endif()
