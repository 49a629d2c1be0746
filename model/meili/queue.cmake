# The Meilisearch v1.1 task queue: stored tasks and their indexes, views, autobatcher, batch
# outcomes and the TaskQueue state machine (meili-core).
if(MODEL_PASS STREQUAL "sources")
  list(APPEND MODEL_MEILI_SOURCES
    meili/uid_set.cpp meili/task.cpp meili/task_view.cpp meili/task_store.cpp
    meili/task_filter.cpp meili/index_store.cpp meili/autobatcher.cpp meili/index_batch.cpp meili/document_ids.cpp
    meili/typo_sizes.cpp
    meili/task_queue.cpp meili/task_queue_processing.cpp)
else()
  taskcheck_add_tests(taskcheck_meili_queue_tests LABEL model
    SOURCES meili/tests/uid_set_test.cpp meili/tests/task_view_test.cpp
            meili/tests/autobatcher_test.cpp meili/tests/task_queue_test.cpp
            meili/tests/task_queue_query_test.cpp meili/tests/task_queue_cancel_test.cpp
            meili/tests/document_ids_test.cpp meili/tests/typo_sizes_test.cpp
    DEPS taskcheck_model_meili)
endif()
