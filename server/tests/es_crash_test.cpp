// The Elasticsearch serve profile (es_serve_probe, the code of `taskcheck serve --profile
// elasticsearch`) killed with SIGKILL at seeded moments while four
// clients create persistent tasks through the admin route, and restarted on the same data dir
// each time. Invariant: every persistent task the server acknowledged (200) is in the cluster
// state afterwards, assigned to a live node (the full restart reassigns them), and nothing else
// is (an unacknowledged create is wholly there or wholly absent, and only ids we sent exist).
#include <httplib.h>
#include <signal.h>

#include <atomic>
#include <boost/process.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "model/common/splitmix64.hpp"
#include "server/tests/serve_child.hpp"
#include "server/tests/temp_dir.hpp"

namespace bp = boost::process;
using taskcheck::server::testing::ServeChild;
using taskcheck::server::testing::TempDir;
using Json = nlohmann::json;

namespace {

httplib::Client client(int port) {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(2, 0);
    c.set_read_timeout(5, 0);
    return c;
}

struct Acknowledged {
    std::mutex mutex;
    std::set<std::string> ids;
    std::set<std::string> sent;
};

void create_until(int port, int client_id, int round, std::atomic<bool>& stop,
                  Acknowledged& acked) {
    httplib::Client c = client(port);
    for (int n = 0; !stop; ++n) {
        const std::string id = "r" + std::to_string(round) + "-c" + std::to_string(client_id) +
                               "-" + std::to_string(n);
        {
            std::lock_guard lock(acked.mutex);
            acked.sent.insert(id);
        }
        auto res =
            c.Post("/_taskcheck/persistent", R"({"id":")" + id + R"("})", "application/json");
        if (!res) return;  // killed: never acknowledged
        BOOST_TEST_REQUIRE(res->status == 200, "status " << res->status << ": " << res->body);
        std::lock_guard lock(acked.mutex);
        acked.ids.insert(id);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(es_crash)

BOOST_AUTO_TEST_CASE(acknowledged_persistent_tasks_survive_sigkill_and_are_reassigned) {
    TempDir dir("es-crash");
    const std::uint64_t seed = 20241123;
    BOOST_TEST_MESSAGE("seed=" << seed);
    std::uint64_t rng = seed;
    Acknowledged acked;
    int rounds = 0;
    while (rounds < 4 || acked.ids.size() < 1000) {
        BOOST_TEST_REQUIRE(rounds < 60, "only " << acked.ids.size() << " tasks in 60 rounds");
        ServeChild serve(TASKCHECK_ES_SERVE_PROBE, {dir.path().string()});
        std::atomic<bool> stop = false;
        std::vector<std::thread> clients;
        for (int id = 0; id < 4; ++id)
            clients.emplace_back([&, id] { create_until(serve.port(), id, rounds, stop, acked); });
        std::this_thread::sleep_for(
            std::chrono::milliseconds(50 + taskcheck::splitmix64_next(rng) % 400));
        serve.kill();
        stop = true;
        for (std::thread& t : clients)
            t.join();
        ++rounds;
    }
    BOOST_TEST_MESSAGE(rounds << " kills, " << acked.ids.size() << " acknowledged tasks");

    ServeChild serve(TASKCHECK_ES_SERVE_PROBE, {dir.path().string()});
    auto res = client(serve.port()).Get("/_cluster/state?filter_path=metadata.persistent_tasks");
    BOOST_TEST_REQUIRE(static_cast<bool>(res));
    const Json tasks = Json::parse(res->body)["metadata"]["persistent_tasks"]["tasks"];
    std::set<std::string> present;
    std::size_t unassigned = 0;
    for (const Json& task : tasks) {
        present.insert(task["id"].get<std::string>());
        if (task["assignment"]["executor_node"].is_null()) ++unassigned;
    }
    std::size_t missing = 0;
    for (const std::string& id : acked.ids)
        missing += present.count(id) == 0 ? 1 : 0;
    std::size_t foreign = 0;
    for (const std::string& id : present)
        foreign += acked.sent.count(id) == 0 ? 1 : 0;
    BOOST_TEST(missing == 0u);
    BOOST_TEST(foreign == 0u);
    BOOST_TEST(unassigned == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
