#pragma once
// EsTestServer: the Elasticsearch profile in-process for one test — a fresh data dir, a journal,
// an EsService of three nodes on a manual clock (2024-01-01T00:00:00Z) and a listener on a free
// port served from a thread — with a client vocabulary: get/post/del answer {status, body,
// headers}, start_task() starts a synthetic task through the admin route, advance() moves the
// clock, restart() drops everything (as kill -9 would: nothing beyond acknowledged records) and
// replays the same data dir.

#include <boost/test/unit_test.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "server/es_routes.hpp"
#include "server/es_service.hpp"
#include "server/http_listener.hpp"
#include "server/journal.hpp"
#include "server/tests/temp_dir.hpp"

namespace taskcheck::server::testing {

struct EsReply {
    int status = 0;
    std::string body;
    httplib::Headers headers;
    nlohmann::ordered_json json() const { return nlohmann::ordered_json::parse(body); }
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "<absent>" : it->second;
    }
};

class EsTestServer {
  public:
    explicit EsTestServer(const std::string& name,
                          std::size_t body_max = HttpListenerOptions{}.request_body_max_bytes)
        : dir_(name), body_max_(body_max) {
        open();
    }
    ~EsTestServer() { close(); }

    EsReply get(const std::string& path, const httplib::Headers& headers = {}) {
        return reply(client().Get(path.c_str(), headers));
    }
    EsReply del(const std::string& path) { return reply(client().Delete(path.c_str())); }
    EsReply post(const std::string& path, const std::string& body = "",
                 const httplib::Headers& headers = {}) {
        return reply(client().Post(path.c_str(), headers, body, "application/json"));
    }
    // Any method: "PUT", "POST", "GET", "DELETE".
    EsReply request(const std::string& method, const std::string& path, const std::string& body,
                    const httplib::Headers& headers = {}) {
        httplib::Request req;
        req.method = method;
        req.path = path;
        req.headers = headers;
        req.body = body;
        if (!body.empty() && !req.has_header("Content-Type"))
            req.set_header("Content-Type", "application/json");
        return reply(client().send(req));
    }
    // Starts a synthetic task; returns its id ("<node>:<n>").
    std::string start_task(const std::string& body) {
        EsReply r = post("/_taskcheck/tasks", body);
        BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
        return r.json()["task"].get<std::string>();
    }
    EsReply advance(int ms_) {
        return post("/_taskcheck/clock/advance", R"({"ms":)" + std::to_string(ms_) + "}");
    }
    void restart() {
        close();
        open();
    }
    int port() const { return port_; }
    // The id of node es-<index>.
    std::string node_id(int index) {
        return service_->read([index](const EsState& s) { return s.nodes()[index].id; });
    }

  private:
    void open() {
        journal_ = std::make_unique<Journal>(JournalOptions{dir_.path()});
        EsServiceOptions options;
        options.manual_clock = true;
        service_ = std::make_unique<EsService>(*journal_, options);
        HttpListenerOptions http;
        http.internal_error_body = es_internal_error_body;
        http.request_body_max_bytes = body_max_;
        listener_ = std::make_unique<HttpListener>(http);
        register_es_routes(*listener_, *service_);
        register_es_admin_routes(*listener_, *service_);
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
        c.set_url_encode(false);
        return c;
    }
    static EsReply reply(const httplib::Result& result) {
        BOOST_REQUIRE_MESSAGE(result, "no HTTP answer: " << httplib::to_string(result.error()));
        return EsReply{result->status, result->body, result->headers};
    }

    TempDir dir_;
    std::size_t body_max_;
    std::unique_ptr<Journal> journal_;
    std::unique_ptr<EsService> service_;
    std::unique_ptr<HttpListener> listener_;
    int port_ = 0;
    std::ostringstream ready_;
    std::thread thread_;
};

}  // namespace taskcheck::server::testing
