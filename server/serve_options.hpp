#pragma once
// ServeOptions: what `taskcheck serve` was asked to run, shared by both profiles, and the serve
// plumbing they share: the profile table and the admin clock routes.
//
// A profile is a function that runs the server to completion: it opens the journal in
// options.data_dir, replays it, binds, writes the one readiness line to `ready_out`, serves until
// SIGTERM/SIGINT and returns the exit code (0 after a clean stop). It throws InputError for bad
// input or environment (a damaged journal, a port in use); cli/ turns that into exit 2.
// The Meilisearch profile is meili_serve_profile() (meili_serve.hpp); the Elasticsearch profile
// is es_serve_profile() from server/es_serve.hpp, which cli/serve_command.cpp picks up when that
// header exists.
//
// Admin clock routes (under the reserved prefix, never needed by fixtures for real systems):
//   GET  /_taskcheck/clock          -> 200 {"clock": "real"|"manual", "now": <rfc3339>, "nowNs": n}
//   POST /_taskcheck/clock/advance  body {"ms": n} or {"ns": n}, n a non-negative integer
//        -> 200 {"clock": "manual", "now": ..., "nowNs": ...} after the profile moved time on;
//        -> 409 code `clock_not_manual` when serve runs with --clock real;
//        -> 400 code `invalid_clock_advance` for any other body.
// Errors are rendered by the profile's own envelope (AdminErrorBody).

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "model/common/input_error.hpp"
#include "model/common/time.hpp"
#include "server/http_listener.hpp"
#include "server/journal.hpp"

namespace taskcheck::server {

struct ServeOptions {
    std::string profile;  // "meilisearch" | "elasticsearch"
    std::string host = "127.0.0.1";
    int port = 7700;                 // 0 picks a free port
    std::filesystem::path data_dir;  // required; holds the journal
    std::string clock = "real";      // "real" | "manual"
    std::int64_t processing_ms = 2;  // how long one Meilisearch batch takes (>= 0)
    int nodes = 3;                   // Elasticsearch cluster size (>= 1)
    std::size_t threads = 8;         // HTTP worker threads
    // Meilisearch periodic snapshot (meili_service.hpp): after this many journal records, or
    // this many seconds with a new record; 0 turns either off.
    std::uint64_t snapshot_every_records = 50'000;
    std::int64_t snapshot_every_s = 60;
    // Meilisearch: start even when the snapshot proves the journal lost records (its tail, or
    // all of it), serving what the journal holds (meili_snapshot.hpp, "journal-lost").
    bool accept_journal_loss = false;

    // Throws InputError id "serve-options" with the JSON Pointer of the field
    // (/profile, /port, /data_dir, /clock, /processing_ms, /nodes, /threads) and how to fix it.
    void validate() const;
};

struct ServeProfile {
    std::string name;
    std::function<int(const ServeOptions& options, std::ostream& ready_out)> run;
};

// The profile named options.profile among `profiles`, or InputError "serve-options" at /profile
// listing the names.
const ServeProfile& find_profile(const std::vector<ServeProfile>& profiles,
                                 const ServeOptions& options);

// How a profile renders an admin error: status, code, message -> response body.
using AdminErrorBody =
    std::function<std::string(int status, std::string_view code, std::string_view message)>;

struct AdminClock {
    bool manual = false;
    std::function<Nanos()> now;
    // Moves the manual clock on by a non-negative span (running what falls in it); returns now.
    std::function<Nanos(Nanos span)> advance;
};

// Registers the clock routes above.
void register_admin_clock_routes(HttpListener& listener, AdminClock clock, AdminErrorBody error);

// The exit code of a profile that stopped because its journal could not be written (a full
// disk, an I/O error): every acknowledged task is on disk, the state in memory may be ahead of
// it, so the server stops instead of answering 500 to every read (issue 12 finding 13).
constexpr int kJournalFailedExit = 3;

// The stderr line for that stop:
//   taskcheck serve: stopping (exit 3): <error text>
void report_journal_failure(const InputError& error);

// The clean-stop flush (Journal::flush) unless `failed` (set by the journal's failure handler,
// which reports the error) is or becomes true: returns false then, true once flushed.
bool flush_unless_failed(Journal& journal, const std::atomic<bool>& failed);

}  // namespace taskcheck::server
