// TaskTable: one node's tasks by id, with holes squeezed out after removals (task_table.hpp).
// Checked against a std::map run through the same operations, which is what it replaced.
#include "model/es/task_table.hpp"

#include <boost/test/unit_test.hpp>
#include <map>
#include <string>
#include <vector>

#include "model/common/splitmix64.hpp"

using namespace taskcheck::es;

namespace {

Task task_with(std::int64_t id) {
    Task task;
    task.id = id;
    task.action = "indices:data/write/bulk[s] #" + std::to_string(id);  // heap-allocated text
    return task;
}

std::vector<std::int64_t> ids_of(const TaskTable& table) {
    std::vector<std::int64_t> ids;
    for (const Task& task : table)
        ids.push_back(task.id);
    return ids;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(es_task_table)

BOOST_AUTO_TEST_CASE(finds_iterates_and_removes_by_id) {
    TaskTable table;
    for (std::int64_t id : {1, 2, 5, 9})
        table.append(task_with(id));
    BOOST_TEST(table.size() == 4u);
    BOOST_TEST(table.find(5)->action == "indices:data/write/bulk[s] #5");
    BOOST_TEST(table.find(3) == nullptr);
    BOOST_TEST(table.find(10) == nullptr);

    const std::optional<Task> removed = table.remove(5);
    BOOST_REQUIRE(removed.has_value());
    BOOST_TEST(removed->action == "indices:data/write/bulk[s] #5");
    BOOST_TEST(table.find(5) == nullptr);
    BOOST_TEST(!table.remove(5).has_value());  // a hole is not a task
    BOOST_TEST(!table.remove(4).has_value());
    BOOST_TEST((ids_of(table) == std::vector<std::int64_t>{1, 2, 9}));
    BOOST_TEST(table.size() == 3u);
}

BOOST_AUTO_TEST_CASE(empty_table_iterates_nothing) {
    TaskTable table;
    BOOST_TEST(table.empty());
    BOOST_TEST(ids_of(table).empty());
    table.append(task_with(1));
    table.remove(1);
    BOOST_TEST(table.empty());
    BOOST_TEST(ids_of(table).empty());
}

// Random appends and removals, many of them (so compaction runs often), against std::map.
BOOST_AUTO_TEST_CASE(matches_a_map_through_random_appends_and_removals) {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        std::uint64_t rng = seed;
        TaskTable table;
        std::map<std::int64_t, std::string> expected;
        std::int64_t next_id = 0;
        for (int step = 0; step < 3000; ++step) {
            if (expected.empty() || taskcheck::splitmix64_next(rng) % 100 < 45) {
                next_id += 1 + static_cast<std::int64_t>(taskcheck::splitmix64_next(rng) % 3);
                table.append(task_with(next_id));
                expected[next_id] = task_with(next_id).action;
                continue;
            }
            const std::int64_t id =
                1 + static_cast<std::int64_t>(taskcheck::splitmix64_next(rng) % next_id);
            const std::optional<Task> removed = table.remove(id);
            BOOST_REQUIRE_EQUAL(removed.has_value(), expected.count(id) == 1);
            if (removed) BOOST_REQUIRE_EQUAL(removed->action, expected.at(id));
            expected.erase(id);
        }
        std::vector<std::int64_t> want;
        for (const auto& entry : expected) {
            want.push_back(entry.first);
            BOOST_REQUIRE(table.find(entry.first) != nullptr);
            BOOST_REQUIRE_EQUAL(table.find(entry.first)->action, entry.second);
        }
        BOOST_TEST(ids_of(table) == want);
        BOOST_TEST(table.size() == expected.size());
    }
}

BOOST_AUTO_TEST_SUITE_END()
