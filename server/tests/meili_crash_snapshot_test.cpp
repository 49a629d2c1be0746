// The Meilisearch server's snapshot path under kill -9. A clean stop (SIGTERM) writes
// meili-state.snapshot and the next start-up loads it; SIGKILL at seeded moments shortly after
// SIGTERM — while the snapshot is being encoded, written, fsync'd or renamed — and then a restart
// must still show every acknowledged task, with the index it was sent to, and the queue drains.
// Periodic snapshots: after kill -9 the start-up loads the latest one and replays only the
// journal after it (read from the start-up line), and kill -9 while clients enqueue and
// periodic snapshots are written loses nothing.
// The state is grown first so that writing the snapshot takes milliseconds, not microseconds.
#include <httplib.h>
#include <signal.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "model/common/splitmix64.hpp"
#include "server/meili_snapshot.hpp"
#include "server/tests/meili_enqueue_clients.hpp"
#include "server/tests/serve_child.hpp"
#include "server/tests/temp_dir.hpp"

using taskcheck::server::testing::Acknowledged;
using taskcheck::server::testing::enqueue_until;
using taskcheck::server::testing::meili_client;
using taskcheck::server::testing::ServeChild;
using taskcheck::server::testing::TempDir;
using Json = nlohmann::json;

namespace {

// server_meili_serve on `dir`: 1 ms batches, 16 HTTP threads, a periodic snapshot every
// `snapshot_records` journal records (0: off) and none by time; stderr captured.
std::unique_ptr<ServeChild> serve_on(const TempDir& dir, int snapshot_records = 0) {
    return std::make_unique<ServeChild>(
        TASKCHECK_MEILI_SERVE,
        std::vector<std::string>{dir.path().string(), "1", "16", std::to_string(snapshot_records),
                                 "0"},
        ServeChild::Stderr::capture);
}

httplib::Client client(int port) {
    return meili_client(port, 10);
}

// Enqueues `count` additions from four threads; returns taskUid -> index for each 202.
std::map<int, std::string> enqueue(int port, int count, int round) {
    std::mutex mutex;
    std::map<int, std::string> acked;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            httplib::Client c = client(port);
            for (int n = t; n < count; n += 4) {
                const std::string index = "i" + std::to_string((n + round) % 5);
                auto res = c.Post(("/indexes/" + index + "/documents").c_str(),
                                  R"([{"id":)" + std::to_string(n) + "}]", "application/json");
                BOOST_TEST_REQUIRE(static_cast<bool>(res));
                BOOST_TEST_REQUIRE(res->status == 202, res->body);
                std::lock_guard lock(mutex);
                acked.emplace(Json::parse(res->body)["taskUid"].get<int>(), index);
            }
        });
    }
    for (std::thread& t : threads)
        t.join();
    return acked;
}

// Waits until nothing is enqueued or processing; false after 120 s.
bool drained(int port) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < deadline) {
        auto res = client(port).Get("/tasks?statuses=enqueued,processing&limit=1");
        if (res && res->status == 200 && Json::parse(res->body)["results"].empty()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

// How many of `acked` are missing or name another index.
std::size_t missing(int port, const std::map<int, std::string>& acked) {
    httplib::Client c = client(port);
    std::size_t out = 0;
    for (const auto& [uid, index] : acked) {
        auto res = c.Get(("/tasks/" + std::to_string(uid)).c_str());
        BOOST_TEST_REQUIRE(static_cast<bool>(res));
        if (res->status != 200 || Json::parse(res->body)["indexUid"] != index) ++out;
    }
    return out;
}

// What the start-up line on stderr says (meili_service.hpp); {0, 0} when there is none.
struct Startup {
    std::uint64_t snapshot_seq = 0;
    std::uint64_t replayed = 0;
};
Startup startup_of(const std::string& errors) {
    static const std::regex loaded(
        R"(taskcheck serve: start-up: snapshot of seq=(\d+) loaded, (\d+) journal records replayed)");
    static const std::regex replay(
        R"(taskcheck serve: start-up: no snapshot, (\d+) journal records replayed)");
    std::smatch m;
    if (std::regex_search(errors, m, loaded)) return {std::stoull(m[1]), std::stoull(m[2])};
    if (std::regex_search(errors, m, replay)) return {0, std::stoull(m[1])};
    return {};
}

// The clean-stop line on stderr (meili_serve.cpp), and nothing else.
const std::regex kStopLine(
    R"(taskcheck serve: stop: (\d+) journal records in (\d+) group commits \((\d+) per commit\)\n)");

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_crash_snapshot)

BOOST_AUTO_TEST_CASE(a_clean_stop_writes_a_snapshot_that_the_next_start_up_loads) {
    TempDir dir("meili-snapshot-clean");
    std::map<int, std::string> acked;
    {
        auto serve = serve_on(dir);
        acked = enqueue(serve->port(), 200, 0);
        serve->signal_and_wait(SIGTERM, 5'000'000);
        // The clean stop's one line (docs/server.md): the 200 enqueues and the batches' records.
        const std::string errors = serve->errors();
        std::smatch m;
        BOOST_TEST_REQUIRE(std::regex_match(errors, m, kStopLine), "stderr: " << errors);
        const std::uint64_t records = std::stoull(m[1]), groups = std::stoull(m[2]);
        BOOST_TEST(records >= 200u);
        BOOST_TEST(groups >= 1u);
        BOOST_TEST(groups <= records);
        BOOST_TEST(std::stoull(m[3]) == records / groups);
    }
    BOOST_TEST(std::filesystem::exists(taskcheck::server::meili_snapshot_file(dir.path())));
    auto serve = serve_on(dir);
    BOOST_TEST(drained(serve->port()));
    BOOST_TEST(missing(serve->port(), acked) == 0u);
    serve->signal_and_wait(SIGTERM, 5'000'000);
    const Startup startup = startup_of(serve->errors());
    BOOST_TEST(startup.snapshot_seq >= 200u);
    BOOST_TEST(startup.replayed == 0u);
}

BOOST_AUTO_TEST_CASE(kill_9_while_the_snapshot_is_written_loses_no_acknowledged_task) {
    TempDir dir("meili-snapshot-kill");
    const std::uint64_t seed = 20261123;
    BOOST_TEST_MESSAGE("seed=" << seed);
    std::uint64_t rng = seed;
    std::map<int, std::string> acked;
    for (int round = 0; round < 8; ++round) {
        auto serve = serve_on(dir);
        BOOST_TEST_REQUIRE(missing(serve->port(), acked) == 0u, "round " << round);
        for (const auto& entry : enqueue(serve->port(), round == 0 ? 4000 : 300, round))
            BOOST_TEST_REQUIRE(acked.emplace(entry).second, "uid " << entry.first << " twice");
        // SIGKILL 0..40 ms after SIGTERM: before, during or after the snapshot write.
        serve->signal_and_wait(SIGTERM, static_cast<int>(taskcheck::splitmix64_next(rng) % 40'000));
    }
    auto serve = serve_on(dir);
    BOOST_TEST(drained(serve->port()));
    BOOST_TEST(missing(serve->port(), acked) == 0u);
    BOOST_TEST_MESSAGE(acked.size() << " acknowledged tasks over 8 kills");
}

BOOST_AUTO_TEST_CASE(kill_9_after_a_periodic_snapshot_replays_only_the_journal_tail) {
    TempDir dir("meili-snapshot-periodic");
    const auto file = taskcheck::server::meili_snapshot_file(dir.path());
    std::map<int, std::string> acked;
    {
        auto serve = serve_on(dir, 1000);
        acked = enqueue(serve->port(), 1500, 0);
        BOOST_TEST_REQUIRE(drained(serve->port()));
        BOOST_TEST_REQUIRE(std::filesystem::exists(file), "no periodic snapshot was written");
        for (const auto& entry : enqueue(serve->port(), 40, 1))
            acked.emplace(entry);
        serve->kill();
        BOOST_TEST(serve->errors() == "");
    }
    auto serve = serve_on(dir, 1000);
    BOOST_TEST(drained(serve->port()));
    BOOST_TEST(missing(serve->port(), acked) == 0u);
    serve->signal_and_wait(SIGTERM, 5'000'000);
    // 1,540 registrations and their batches are over 1,540 records: the snapshot covers at least
    // the first 1,000, and after it come fewer than the next 1,000 plus what was journalled
    // while the snapshot waited for a batch to end (a few dozen records).
    const Startup startup = startup_of(serve->errors());
    BOOST_TEST(startup.snapshot_seq >= 1000u);
    BOOST_TEST(startup.replayed < 1100u);
}

BOOST_AUTO_TEST_CASE(kill_9_while_clients_enqueue_and_periodic_snapshots_are_written) {
    TempDir dir("meili-snapshot-periodic-kill");
    const std::uint64_t seed = 20261124;
    BOOST_TEST_MESSAGE("seed=" << seed);
    std::uint64_t rng = seed;
    Acknowledged acked;
    std::size_t loaded = 0;  // start-ups that loaded a periodic snapshot
    for (int round = 0; round < 6; ++round) {
        auto serve = serve_on(dir, 150);
        std::atomic<bool> stop = false;
        std::vector<std::thread> clients;
        for (int id = 0; id < 4; ++id)
            clients.emplace_back([&, id] { enqueue_until(serve->port(), id, stop, acked); });
        // 100..400 ms of enqueueing, a snapshot every 150 records: kills land before, while
        // and after snapshots are encoded, written, fsync'd and renamed.
        std::this_thread::sleep_for(
            std::chrono::milliseconds(100 + taskcheck::splitmix64_next(rng) % 300));
        serve->kill();
        stop = true;
        for (std::thread& t : clients)
            t.join();
        if (startup_of(serve->errors()).snapshot_seq > 0) ++loaded;
    }
    auto serve = serve_on(dir, 150);
    BOOST_TEST(drained(serve->port()));
    BOOST_TEST(missing(serve->port(), acked.index_of) == 0u);
    BOOST_TEST(!acked.duplicate_uid);
    BOOST_TEST(acked.index_of.size() >= 300u);
    BOOST_TEST(loaded >= 3u, loaded << " of 5 restarts loaded a snapshot");
    BOOST_TEST_MESSAGE(acked.index_of.size() << " acknowledged tasks over 6 kills");
}

BOOST_AUTO_TEST_SUITE_END()
