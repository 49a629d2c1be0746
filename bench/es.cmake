# bench_es: the Elasticsearch task manager's rendering figures (model/es/task_cluster.hpp).
#   es.list_parents_10k_ms  GET _tasks?group_by=parents over 10,000 running tasks in trees on 5 nodes
#   es.cat_10k_ms           GET _cat/tasks (text, default columns) over the same tasks
# Both include the snapshot the request takes (its own list tasks too); target < 5 ms each.
add_executable(bench_es ${CMAKE_CURRENT_LIST_DIR}/es_bench.cpp)
target_link_libraries(bench_es PRIVATE taskcheck_model_es taskcheck_build_flags)
