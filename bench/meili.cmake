# Meilisearch task queue figures: meili.register_ns, meili.query_1m_p50_us, meili.rss_1m_mib.
add_executable(bench_meili ${CMAKE_CURRENT_LIST_DIR}/meili_bench.cpp)
target_link_libraries(bench_meili PRIVATE taskcheck_model_meili taskcheck_build_flags)
