#include "server/es_serve.hpp"

#include <atomic>

#include "server/es_routes.hpp"
#include "server/es_service.hpp"
#include "server/http_listener.hpp"
#include "server/journal.hpp"

namespace taskcheck::server {
namespace {

int run_es(const ServeOptions& options, std::ostream& ready_out) {
    options.validate();
    Journal journal(JournalOptions{options.data_dir});
    journal.check_writable();
    EsServiceOptions service_options;
    service_options.manual_clock = options.clock == "manual";
    service_options.nodes = options.nodes;
    EsService service(journal, service_options);
    HttpListenerOptions http;
    http.host = options.host;
    http.port = options.port;
    http.threads = options.threads;
    http.internal_error_body = es_internal_error_body;
    HttpListener listener(http);
    register_es_routes(listener, service);
    register_es_admin_routes(listener, service);
    std::atomic<bool> failed = false;
    journal.on_failure([&](const InputError& e) {
        report_journal_failure(e);
        failed = true;
        listener.stop();
    });
    listener.bind();
    listener.run(ready_out);
    if (!flush_unless_failed(journal, failed)) return kJournalFailedExit;
    return 0;
}

}  // namespace

ServeProfile es_serve_profile() {
    return ServeProfile{"elasticsearch", run_es};
}

}  // namespace taskcheck::server
