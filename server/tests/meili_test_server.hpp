#pragma once
// MeiliTestServer: the Meilisearch profile in-process for one test — a fresh data dir, a
// journal, a MeiliService on a manual clock (2024-01-01T00:00:00Z, batches of `processing`) and
// a listener on a free port served from a thread — with a client vocabulary in the domain's
// words: get/post/patch/put/del answer {status, body}, advance() moves the clock through the
// admin route, restart() closes everything and replays the same data dir.

#include <boost/test/unit_test.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "server/http_listener.hpp"
#include "server/journal.hpp"
#include "server/meili_routes.hpp"
#include "server/meili_service.hpp"
#include "server/tests/temp_dir.hpp"

namespace taskcheck::server::testing {

struct Reply {
    int status = 0;
    std::string body;
    nlohmann::ordered_json json() const { return nlohmann::ordered_json::parse(body); }
};

class MeiliTestServer {
  public:
    explicit MeiliTestServer(const std::string& name, Nanos processing = ms(10),
                             std::size_t body_max = HttpListenerOptions{}.request_body_max_bytes)
        : dir_(name), processing_(processing), body_max_(body_max) {
        open();
    }
    ~MeiliTestServer() { close(); }

    Reply get(const std::string& path) { return reply(client().Get(path.c_str())); }
    Reply del(const std::string& path) { return reply(client().Delete(path.c_str())); }
    Reply post(const std::string& path, const std::string& body,
               const std::string& type = "application/json") {
        return reply(client().Post(path.c_str(), body, type.c_str()));
    }
    Reply put(const std::string& path, const std::string& body,
              const std::string& type = "application/json") {
        return reply(client().Put(path.c_str(), body, type.c_str()));
    }
    Reply patch(const std::string& path, const std::string& body,
                const std::string& type = "application/json") {
        return reply(client().Patch(path.c_str(), body, type.c_str()));
    }
    // POST /_taskcheck/clock/advance by `ms_` milliseconds.
    Reply advance(int ms_) {
        return post("/_taskcheck/clock/advance", R"({"ms":)" + std::to_string(ms_) + "}");
    }

    // Closes the server as a crash would leave it (no flush beyond what was acknowledged), then
    // opens the same data dir again.
    void restart() {
        close();
        open();
    }
    MeiliService& service() { return *service_; }
    int port() const { return port_; }
    const TempDir& dir() const { return dir_; }

  private:
    void open() {
        journal_ = std::make_unique<Journal>(JournalOptions{dir_.path()});
        MeiliServiceOptions options;
        options.clock = ClockKind::manual;
        options.processing = processing_;
        service_ = std::make_unique<MeiliService>(*journal_, options);
        HttpListenerOptions http;
        http.internal_error_body = meili_internal_error_body;
        http.request_body_max_bytes = body_max_;
        listener_ = std::make_unique<HttpListener>(http);
        register_meili_routes(*listener_, *service_);
        port_ = listener_->bind();
        thread_ = std::thread([this] { listener_->run(ready_); });
    }
    void close() {
        if (!listener_) return;
        listener_->stop();
        thread_.join();
        listener_.reset();
        service_.reset();
        journal_.reset();
    }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port_);
        c.set_read_timeout(10, 0);
        c.set_url_encode(false);  // send paths and queries byte for byte
        return c;
    }
    static Reply reply(const httplib::Result& result) {
        BOOST_REQUIRE_MESSAGE(result, "no HTTP answer: " << httplib::to_string(result.error()));
        return Reply{result->status, result->body};
    }

    TempDir dir_;
    Nanos processing_;
    std::size_t body_max_;
    std::unique_ptr<Journal> journal_;
    std::unique_ptr<MeiliService> service_;
    std::unique_ptr<HttpListener> listener_;
    int port_ = 0;
    std::ostringstream ready_;
    std::thread thread_;
};

}  // namespace taskcheck::server::testing
