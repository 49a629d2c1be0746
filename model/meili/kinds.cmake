# Task kinds, statuses and the API error value: shared by the queue and the query parser.
if(MODEL_PASS STREQUAL "sources")
  list(APPEND MODEL_MEILI_SOURCES meili/task_kind.cpp meili/api_error.cpp)
else()
  taskcheck_add_tests(taskcheck_meili_kind_tests LABEL model
    SOURCES meili/tests/task_kind_test.cpp
    DEPS taskcheck_model_meili)
endif()
