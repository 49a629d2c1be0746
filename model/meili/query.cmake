# The /tasks query parser: query-string decoding, did-you-mean, the parser and the §1.2 errors.
if(MODEL_PASS STREQUAL "sources")
  list(APPEND MODEL_MEILI_SOURCES
    meili/query_string.cpp meili/did_you_mean.cpp meili/meili_errors.cpp
    meili/task_query_parser.cpp)
else()
  taskcheck_add_tests(taskcheck_meili_query_tests LABEL model
    SOURCES
      meili/tests/query_string_test.cpp
      meili/tests/did_you_mean_test.cpp
      meili/tests/meili_errors_test.cpp
      meili/tests/task_query_parser_test.cpp
      meili/tests/query_parser_property_test.cpp
    DEPS taskcheck_model_meili rapidcheck_boost_test)
endif()
