# Elasticsearch persistent tasks: the cluster metadata and its renderer, filter_path, settings,
# the master-side service and the executor-node side (spec/elasticsearch.md §5).
if(MODEL_PASS STREQUAL "sources")
  list(APPEND MODEL_ES_SOURCES
    es/persistent_task.cpp es/persistent_tasks_metadata.cpp es/persistent_filter_path.cpp
    es/persistent_tasks_settings.cpp es/persistent_tasks_service.cpp es/persistent_node_service.cpp)
else()
  taskcheck_add_tests(taskcheck_es_persistent_tests LABEL model
    SOURCES es/tests/persistent_tasks_metadata_test.cpp es/tests/persistent_filter_path_test.cpp
      es/tests/persistent_tasks_service_test.cpp es/tests/persistent_tasks_fencing_test.cpp
      es/tests/persistent_tasks_settings_test.cpp es/tests/persistent_node_service_test.cpp
    DEPS taskcheck_model_es)
endif()
