#include "server/meili_serve.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <iostream>

#include "server/http_listener.hpp"
#include "server/journal.hpp"
#include "server/meili_routes.hpp"
#include "server/meili_service.hpp"

namespace taskcheck::server {
namespace {

// The clean-stop line on stderr: how many records this run wrote in how many group commits.
void report_group_commits(const Journal& journal, std::uint64_t seq_at_open) {
    const std::uint64_t records = journal.last_seq() - seq_at_open;
    const std::uint64_t groups = journal.groups_written();
    if (groups == 0) return;
    std::cerr << "taskcheck serve: stop: " << records << " journal records in " << groups
              << " group commits (" << records / groups << " per commit)" << std::endl;
}

int run_meili(const ServeOptions& options, std::ostream& ready_out) {
    options.validate();
    Journal journal(JournalOptions{options.data_dir});
    journal.check_writable();
    const std::uint64_t seq_at_open = journal.last_seq();
    MeiliService service(journal, meili_service_options(options));
    HttpListenerOptions http;
    http.host = options.host;
    http.port = options.port;
    http.threads = options.threads;
    http.internal_error_body = meili_internal_error_body;
    HttpListener listener(http);
    register_meili_routes(listener, service);
    // Responses go out as header and body writes; without TCP_NODELAY a keep-alive client waits
    // for the delayed ACK (~40 ms) on every request.
    listener.server().set_tcp_nodelay(true);
    // The handlers below stop `listener`: on every way out, the driver and snapshot threads
    // (which may call them) are joined before `listener` is destroyed.
    std::atomic<bool> failed = false;
    struct JoinFirst {
        MeiliService& service;
        ~JoinFirst() { service.stop_processing(); }
    } join_first{service};
    service.on_fatal([&](const std::string&) {
        failed = true;
        listener.stop();
    });
    journal.on_failure([&](const InputError& e) {
        report_journal_failure(e);
        failed = true;
        listener.stop();
    });
    listener.bind();
    service.start_processing();
    listener.run(ready_out);
    service.stop_processing();
    if (!flush_unless_failed(journal, failed)) return kJournalFailedExit;
    report_group_commits(journal, seq_at_open);
    try {
        service.write_snapshot();
    } catch (const InputError& e) {
        // The journal is whole; only the next start-up's shortcut is lost.
        std::cerr << "taskcheck serve: warning: " << e.what() << std::endl;
    }
    // The snapshot journals a restart when a batch was in progress; that write may fail too.
    return failed ? kJournalFailedExit : 0;
}

}  // namespace

MeiliServiceOptions meili_service_options(const ServeOptions& options) {
    MeiliServiceOptions out;
    out.clock = options.clock == "manual" ? ClockKind::manual : ClockKind::real;
    out.processing = ms(options.processing_ms);
    out.snapshot_every_records = options.snapshot_every_records;
    out.accept_journal_loss = options.accept_journal_loss;
    // Capped so the product cannot overflow (about 31 years).
    out.snapshot_every =
        std::min<std::int64_t>(options.snapshot_every_s, 1'000'000'000) * kNanosPerSecond;
    return out;
}

ServeProfile meili_serve_profile() {
    return ServeProfile{"meilisearch", run_meili};
}

}  // namespace taskcheck::server
