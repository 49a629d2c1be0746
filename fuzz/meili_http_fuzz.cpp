// meili_http_fuzz: the request handling of `taskcheck serve --profile meilisearch` — raw
// HTTP/1.1 bytes (method, path, query, headers, body; up to 8 keep-alive requests) through
// cpp-httplib and every route of server/meili_routes.hpp, in-process (fuzz/http_driver.hpp),
// on a fresh server per input.
// Checks: no crash, leak, UB or hang, and no 5xx: client errors are never 5xx (meili_routes.hpp).
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "fuzz/fuzz_support.hpp"
#include "fuzz/http_driver.hpp"
#include "fuzz/server_fixture.hpp"
#include "server/http_listener.hpp"
#include "server/meili_routes.hpp"
#include "server/meili_service.hpp"

using namespace taskcheck;

namespace {

constexpr std::size_t kMaxRequests = 8;

server::MeiliServiceOptions service_options() {
    server::MeiliServiceOptions options;
    options.clock = server::ClockKind::manual;
    options.snapshot_every_records = 0;
    options.snapshot_every = 0;
    return options;
}

struct Target {
    fuzz::ServerFixture<server::MeiliService, server::MeiliServiceOptions> fixture{
        fuzz::fuzz_data_dir("meili-http-fuzz"), service_options()};
    server::HttpListener listener{[] {
        server::HttpListenerOptions options;
        options.internal_error_body = server::meili_internal_error_body;
        options.request_body_max_bytes = 64 * 1024;
        return options;
    }()};

    Target() { server::register_meili_routes(listener, fixture.service()); }
};

Target& target() {
    static Target* instance = new Target();  // lives until exit; its dir is per process
    return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = fuzz::as_text(data, size);
    Target& t = target();
    t.fixture.reset();
    std::vector<fuzz::Exchange> exchanges;
    exchanges = fuzz::serve_bytes(t.listener.server(), input, kMaxRequests);
    for (const fuzz::Exchange& exchange : exchanges) {
        if (exchange.status >= 500) {
            std::fprintf(stderr, "meili_http_fuzz: %d for %s\n", exchange.status,
                         exchange.request_line.c_str());
            std::abort();
        }
    }
    return 0;
}
