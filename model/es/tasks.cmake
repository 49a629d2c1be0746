# Elasticsearch task manager: membership, task ids, per-node task managers, the cluster facade,
# the results store and the _cat/tasks table (spec/elasticsearch.md §3, §4).
if(MODEL_PASS STREQUAL "sources")
  list(APPEND MODEL_ES_SOURCES
    es/es_error.cpp es/discovery_node.cpp es/task_id.cpp es/cluster_membership.cpp
    es/task_manager.cpp)
else()
  taskcheck_add_tests(taskcheck_es_tasks_tests LABEL model
    SOURCES es/tests/task_id_test.cpp
    DEPS taskcheck_model_es)
endif()
