// es_http_fuzz: the request handling of `taskcheck serve --profile elasticsearch` — raw
// HTTP/1.1 bytes (up to 8 keep-alive requests) through cpp-httplib, every route of
// server/es_routes.hpp and the admin routes, in-process (fuzz/http_driver.hpp), on a fresh
// 3-node server per input.
// Checks: no crash, leak, UB or hang, and no 5xx: client errors are never 5xx (es_routes.hpp).
//
// Waiting: on the manual clock a request that waits (wait_for_completion=true, and the
// by-query routes, which wait by default) blocks until another request moves time on, which a
// single-threaded fuzzer never sends while it waits. So every such request is answered as
// with wait_for_completion=false; the parameter's parsing is fuzzed in es_rest_params_fuzz.
#include <cstdio>
#include <cstdlib>

#include "fuzz/fuzz_support.hpp"
#include "fuzz/http_driver.hpp"
#include "fuzz/server_fixture.hpp"
#include "server/es_routes.hpp"
#include "server/es_service.hpp"
#include "server/http_listener.hpp"

using namespace taskcheck;

namespace {

constexpr std::size_t kMaxRequests = 8;

server::EsServiceOptions service_options() {
    server::EsServiceOptions options;
    options.manual_clock = true;
    options.nodes = 3;
    return options;
}

struct Target {
    fuzz::ServerFixture<server::EsService, server::EsServiceOptions> fixture{
        fuzz::fuzz_data_dir("es-http-fuzz"), service_options()};
    server::HttpListener listener{[] {
        server::HttpListenerOptions options;
        options.internal_error_body = server::es_internal_error_body;
        options.request_body_max_bytes = 64 * 1024;
        return options;
    }()};

    Target() {
        server::register_es_routes(listener, fixture.service());
        server::register_es_admin_routes(listener, fixture.service());
    }
};

Target& target() {
    static Target* instance = new Target();  // lives until exit; its dir is per process
    return *instance;
}

bool waits_by_default(const std::string& path) {
    for (const char* route : {"_reindex", "_update_by_query", "_delete_by_query"}) {
        if (path.find(route) != std::string::npos && path.find("_rethrottle") == std::string::npos)
            return true;
    }
    return false;
}

// See "Waiting" above.
void never_wait(httplib::Request& req) {
    const bool present = req.params.count("wait_for_completion") > 0;
    if (!present && !waits_by_default(req.path)) return;
    req.params.erase("wait_for_completion");
    req.params.emplace("wait_for_completion", "false");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = fuzz::as_text(data, size);
    Target& t = target();
    t.fixture.reset();
    const std::vector<fuzz::Exchange> exchanges =
        fuzz::serve_bytes(t.listener.server(), input, kMaxRequests, never_wait);
    for (const fuzz::Exchange& exchange : exchanges) {
        if (exchange.status >= 500) {
            std::fprintf(stderr, "es_http_fuzz: %d for %s\n", exchange.status,
                         exchange.request_line.c_str());
            std::abort();
        }
    }
    return 0;
}
