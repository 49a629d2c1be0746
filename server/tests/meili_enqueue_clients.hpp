#pragma once
// Clients that enqueue Meilisearch document additions against a `serve` child until told to stop
// or until the child dies, recording every acknowledged (202) task with the index it was sent to.
// Shared by the kill -9 tests (meili_crash_test, meili_crash_snapshot_test): whatever was
// acknowledged must be there after the restart.
#include <httplib.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace taskcheck::server::testing {

// A client of the child on 127.0.0.1:`port`.
inline httplib::Client meili_client(int port, int read_timeout_s) {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(2, 0);
    c.set_read_timeout(read_timeout_s, 0);
    return c;
}

struct Acknowledged {
    std::mutex mutex;
    std::map<int, std::string> index_of;  // taskUid -> index uid it was sent to
    bool duplicate_uid = false;
};

// Enqueues one-document additions over five indexes until `stop` or the first request without an
// answer (the child was killed: that request was never acknowledged). Every answer must be 202.
inline void enqueue_until(int port, int client_id, std::atomic<bool>& stop, Acknowledged& acked) {
    httplib::Client c = meili_client(port, 10);
    for (int n = 0; !stop; ++n) {
        const std::string index = "i" + std::to_string((client_id + n) % 5);
        const std::string body =
            R"([{"id":)" + std::to_string(n) + R"(,"c":)" + std::to_string(client_id) + "}]";
        auto res = c.Post(("/indexes/" + index + "/documents").c_str(), body, "application/json");
        if (!res) return;
        BOOST_TEST_REQUIRE(res->status == 202, "status " << res->status << ": " << res->body);
        const int uid = nlohmann::json::parse(res->body)["taskUid"].get<int>();
        std::lock_guard lock(acked.mutex);
        if (!acked.index_of.emplace(uid, index).second) acked.duplicate_uid = true;
    }
}

}  // namespace taskcheck::server::testing
