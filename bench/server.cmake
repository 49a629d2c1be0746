# bench_server: the journal's figures (docs/server.md#performance).
#   server.enqueue_durable_per_s  durable appends/s from 8 threads with group commit (target >= 5,000)
#   server.journal_replay_1m_s    open + check + replay a journal of 1 M records (startup budget 2 s)
if(TARGET taskcheck_server)
  add_executable(bench_server ${CMAKE_CURRENT_LIST_DIR}/server_bench.cpp)
  target_link_libraries(bench_server PRIVATE taskcheck_server taskcheck_build_flags)
endif()
