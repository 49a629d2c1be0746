// GET _cat/tasks: columns, h=, s=, v, help, time=, format=json, detailed, row order
// (spec/elasticsearch.md §3.5, §7.4).
#include "model/es/rest_parameters.hpp"
#include "model/es/tests/es_test_cluster.hpp"

using namespace taskcheck;
using namespace taskcheck::es;
using namespace taskcheck::es::testing;

namespace {

// reindex on node-a at T0, its bulk child on node-b at T0+1ms; asked at T0+2ms.
struct CatFixture : TwoNodes {
    CatFixture() {
        TaskRegistration r;
        r.action = "indices:data/write/reindex";
        r.description = "reindex from [a] to [b]";
        r.cancellable = true;
        r.headers = {{"X-Opaque-Id", "abc"}};
        const TaskId parent = cluster.start_task("node-a", r, now).value();
        now += ms(1);
        start("node-b", "indices:data/write/bulk", true, parent);
        now += ms(1);
    }
    std::string cat(CatTasksRequest request) {
        if (request.selection.actions.empty()) request.selection.actions = "indices:*";
        return body(cat_tasks(cluster, request, RequestContext{}, now));
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(es_cat_tasks)

BOOST_AUTO_TEST_CASE(default_columns_with_header_row) {
    CatFixture c;
    CatTasksRequest request;
    request.v = true;
    BOOST_TEST(c.cat(request) ==
               "action                     task_id  parent_task_id type      start_time    "
               "timestamp running_time ip        node\n"
               "indices:data/write/reindex node-a:1 -              transport 1714557600123 "
               "10:00:00  2ms          127.0.0.1 es-0\n"
               "indices:data/write/bulk    node-b:1 node-a:1       transport 1714557600124 "
               "10:00:00  1ms          127.0.0.1 es-1\n");
}

BOOST_AUTO_TEST_CASE(no_header_row_without_v_and_last_column_unpadded) {
    CatFixture c;
    CatTasksRequest request;
    request.h = "node,ti";
    BOOST_TEST(c.cat(request) == "es-0 node-a:1\nes-1 node-b:1\n");
}

BOOST_AUTO_TEST_CASE(aliases_name_the_header_and_unknown_columns_are_dropped) {
    CatFixture c;
    CatTasksRequest request;
    request.h = "ti,bogus,x,time";
    request.v = true;
    BOOST_TEST(c.cat(request) == "ti       x   time\nnode-a:1 abc 2ms\nnode-b:1 -   1ms\n");
}

BOOST_AUTO_TEST_CASE(a_column_asked_twice_by_name_and_alias_shows_twice) {
    CatFixture c;
    CatTasksRequest request;
    request.h = "ti,task_id";
    BOOST_TEST(c.cat(request) == "node-a:1 node-a:1\nnode-b:1 node-b:1\n");
}

BOOST_AUTO_TEST_CASE(wildcards_expand_to_column_names) {
    CatFixture c;
    CatTasksRequest request;
    request.h = "*_id";
    request.v = true;
    BOOST_TEST(c.cat(request) ==
               "task_id  parent_task_id node_id x_opaque_id\n"
               "node-a:1 -              node    abc\n"
               "node-b:1 node-a:1       node    -\n");
}

BOOST_AUTO_TEST_CASE(sort_descending_and_unknown_sort_key) {
    CatFixture c;
    CatTasksRequest request;
    request.h = "ti,start";
    request.s = "start_time:desc";
    BOOST_TEST(c.cat(request) == "node-b:1 1714557600124\nnode-a:1 1714557600123\n");
    request.s = "nope";
    const Reply reply = cat_tasks(c.cluster, request, RequestContext{}, c.now);
    BOOST_TEST(TwoNodes::error(reply) ==
               R"({"error":{"root_cause":[{"type":"unsupported_operation_exception","reason":)"
               R"("Unable to sort by unknown sort key `nope`"}],"type":)"
               R"("unsupported_operation_exception","reason":"Unable to sort by unknown sort )"
               R"(key `nope`"},"status":500})");
}

BOOST_AUTO_TEST_CASE(time_param_converts_running_time) {
    CatFixture c;
    CatTasksRequest request;
    request.h = "ti,time,running_time_ns";
    request.time = "micros";
    BOOST_TEST(c.cat(request) == "node-a:1 2000 2000000\nnode-b:1 1000 1000000\n");
}

BOOST_AUTO_TEST_CASE(json_format_has_only_string_values) {
    CatFixture c;
    CatTasksRequest request;
    request.format = "json";
    request.h = "id,ti,start,port,pti";
    BOOST_TEST(c.cat(request) ==
               R"([{"id":"1","ti":"node-a:1","start":"1714557600123","port":"9300","pti":"-"},)"
               R"({"id":"1","ti":"node-b:1","start":"1714557600124","port":"9301",)"
               R"("pti":"node-a:1"}])");
}

BOOST_AUTO_TEST_CASE(detailed_adds_the_description_column) {
    CatFixture c;
    CatTasksRequest request;
    request.detailed = true;
    request.h = "ti,desc";
    BOOST_TEST(c.cat(request) == "node-a:1 reindex from [a] to [b]\nnode-b:1 \n");
}

BOOST_AUTO_TEST_CASE(ts_false_hides_the_timestamp) {
    CatFixture c;
    CatTasksRequest request;
    request.ts = false;
    request.v = true;
    BOOST_TEST(c.cat(request).find("timestamp") == std::string::npos);
}

// Rows are parents then children by start time at each level; list tasks show too (§7.5).
BOOST_AUTO_TEST_CASE(spec_7_5_cat_lists_its_own_tasks_parents_first) {
    CatFixture c;
    CatTasksRequest request;
    request.selection.actions = "*";
    request.h = "ti,pti";
    BOOST_TEST(c.cat(request) ==
               "node-a:1 -\n"
               "node-b:1 node-a:1\n"
               "node-a:2 -\n"
               "node-a:3 node-a:2\n"
               "node-b:2 node-a:2\n");
}

BOOST_AUTO_TEST_CASE(help_lists_name_aliases_and_description) {
    const std::string help = render_cat_tasks_help(false);
    BOOST_TEST(help.substr(0, help.find('\n') + 1) ==
               "id              |               | id of the task with the node\n");
    BOOST_TEST(help.find("running_time    | time          | running time                \n") !=
               std::string::npos);
    BOOST_TEST(help.find("description") == std::string::npos);
    BOOST_TEST(render_cat_tasks_help(true).find("description     | desc ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(spec_7_4_full_id_is_an_unrecognized_parameter) {
    auto error = check_parameters("/_cat/tasks", {"v", "full_id"}, cat_tasks_parameters());
    BOOST_REQUIRE(error.has_value());
    BOOST_TEST(error->reason == "request [/_cat/tasks] contains unrecognized parameter: [full_id]");
    BOOST_TEST(error->http_status == 400);
}

BOOST_AUTO_TEST_CASE(unrecognized_parameters_suggest_close_names) {
    auto one = check_parameters("/_tasks", {"parent_task"}, list_tasks_parameters());
    BOOST_TEST(one->reason ==
               "request [/_tasks] contains unrecognized parameter: [parent_task] -> did you mean "
               "[parent_task_id]?");
    auto two = check_parameters("/_tasks", {"node", "zzz"}, list_tasks_parameters());
    BOOST_TEST(two->reason ==
               "request [/_tasks] contains unrecognized parameters: [node] -> did you mean "
               "[nodes]?, [zzz]");
    BOOST_TEST(!check_parameters("/_tasks", {"nodes", "pretty"}, list_tasks_parameters()));
}

BOOST_AUTO_TEST_SUITE_END()
