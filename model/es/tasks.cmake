# Elasticsearch task manager: membership, task ids, per-node task managers, the cluster facade,
# the results store and the _cat/tasks table (spec/elasticsearch.md §3, §4).
if(MODEL_PASS STREQUAL "sources")
  list(APPEND MODEL_ES_SOURCES
    es/es_error.cpp es/discovery_node.cpp es/task_id.cpp es/cluster_membership.cpp
    es/task_table.cpp es/task_manager.cpp es/time_value.cpp es/json_text.cpp es/task_headers.cpp es/task_info.cpp
    es/results_store.cpp es/task_listing.cpp es/task_cluster.cpp es/task_cluster_rest.cpp
    es/cat_tasks.cpp es/rest_parameters.cpp)
else()
  taskcheck_add_tests(taskcheck_es_tasks_tests LABEL model
    SOURCES es/tests/task_id_test.cpp es/tests/task_listing_test.cpp es/tests/task_cancel_test.cpp
      es/tests/task_get_test.cpp es/tests/cat_tasks_test.cpp es/tests/time_value_test.cpp
      es/tests/task_headers_test.cpp es/tests/task_table_test.cpp
    DEPS taskcheck_model_es)
endif()
