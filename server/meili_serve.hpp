#pragma once
// meili_serve_profile: `taskcheck serve --profile meilisearch` — opens the journal in
// --data-dir, replays it into a MeiliService (a damaged journal throws InputError before anything
// is served), binds, prints the readiness line, starts processing and serves until SIGTERM or
// SIGINT; then stops processing, flushes the journal and returns 0.
// Also stops (and returns 3) if the journal fails while serving, since the state may be ahead of
// the disk (Journal invariant 4).

#include "server/serve_options.hpp"

namespace taskcheck::server {

ServeProfile meili_serve_profile();

// The MeiliService options that `options` asks for.
struct MeiliServiceOptions;
MeiliServiceOptions meili_service_options(const ServeOptions& options);

}  // namespace taskcheck::server
