// The Meilisearch server's snapshot path under kill -9. A clean stop (SIGTERM) writes
// meili-state.snapshot and the next start-up loads it; SIGKILL at seeded moments shortly after
// SIGTERM — while the snapshot is being encoded, written, fsync'd or renamed — and then a restart
// must still show every acknowledged task, with the index it was sent to, and the queue drains.
// The state is grown first so that writing the snapshot takes milliseconds, not microseconds.
#include <httplib.h>
#include <signal.h>

#include <atomic>
#include <boost/process.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "model/common/splitmix64.hpp"
#include "server/meili_snapshot.hpp"
#include "server/tests/temp_dir.hpp"

namespace bp = boost::process;
using taskcheck::server::testing::TempDir;
using Json = nlohmann::json;

namespace {

// One serve child (the profile without the CLI); the port from its readiness line.
class ServeChild {
  public:
    explicit ServeChild(const std::string& data_dir)
        : child_(TASKCHECK_MEILI_CRASH_SERVE, data_dir, "1", bp::std_out > out_,
                 bp::std_err > err_) {
        std::string line;
        std::getline(out_, line);
        const std::string prefix = "taskcheck serve: listening on http://127.0.0.1:";
        BOOST_TEST_REQUIRE(line.rfind(prefix, 0) == 0, "ready line: " << line);
        port_ = std::stoi(line.substr(prefix.size()));
    }
    ~ServeChild() {
        if (child_.running()) signal_and_wait(SIGKILL, 0);
    }
    int port() const { return port_; }
    // SIGTERM, then SIGKILL `kill_after_us` later unless it has exited; waits for the exit.
    void signal_and_wait(int first, int kill_after_us) {
        ::kill(child_.id(), first);
        if (first != SIGKILL) {
            std::this_thread::sleep_for(std::chrono::microseconds(kill_after_us));
            ::kill(child_.id(), SIGKILL);
        }
        child_.wait();
    }
    // What the child wrote on stderr (read after it exited).
    std::string errors() {
        std::string text, line;
        while (std::getline(err_, line))
            text += line + "\n";
        return text;
    }

  private:
    bp::ipstream out_;
    bp::ipstream err_;
    bp::child child_;
    int port_ = 0;
};

httplib::Client client(int port) {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(2, 0);
    c.set_read_timeout(10, 0);
    return c;
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

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_crash_snapshot)

BOOST_AUTO_TEST_CASE(a_clean_stop_writes_a_snapshot_that_the_next_start_up_loads) {
    TempDir dir("meili-snapshot-clean");
    std::map<int, std::string> acked;
    {
        ServeChild serve(dir.path().string());
        acked = enqueue(serve.port(), 200, 0);
        serve.signal_and_wait(SIGTERM, 5'000'000);
        BOOST_TEST(serve.errors() == "");
    }
    BOOST_TEST(std::filesystem::exists(taskcheck::server::meili_snapshot_file(dir.path())));
    ServeChild serve(dir.path().string());
    BOOST_TEST(drained(serve.port()));
    BOOST_TEST(missing(serve.port(), acked) == 0u);
    serve.signal_and_wait(SIGTERM, 5'000'000);
    BOOST_TEST(serve.errors() == "");
}

BOOST_AUTO_TEST_CASE(kill_9_while_the_snapshot_is_written_loses_no_acknowledged_task) {
    TempDir dir("meili-snapshot-kill");
    const std::uint64_t seed = 20261123;
    BOOST_TEST_MESSAGE("seed=" << seed);
    std::uint64_t rng = seed;
    std::map<int, std::string> acked;
    for (int round = 0; round < 8; ++round) {
        ServeChild serve(dir.path().string());
        BOOST_TEST_REQUIRE(missing(serve.port(), acked) == 0u, "round " << round);
        for (const auto& entry : enqueue(serve.port(), round == 0 ? 4000 : 300, round))
            BOOST_TEST_REQUIRE(acked.emplace(entry).second, "uid " << entry.first << " twice");
        // SIGKILL 0..40 ms after SIGTERM: before, during or after the snapshot write.
        serve.signal_and_wait(SIGTERM, static_cast<int>(taskcheck::splitmix64_next(rng) % 40'000));
    }
    ServeChild serve(dir.path().string());
    BOOST_TEST(drained(serve.port()));
    BOOST_TEST(missing(serve.port(), acked) == 0u);
    BOOST_TEST_MESSAGE(acked.size() << " acknowledged tasks over 8 kills");
}

BOOST_AUTO_TEST_SUITE_END()
