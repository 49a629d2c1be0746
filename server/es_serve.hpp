#pragma once
// es_serve_profile: `taskcheck serve --profile elasticsearch` — opens the journal in
// --data-dir, replays it into an EsService of --nodes nodes (a damaged journal throws
// InputError before anything is served), binds, prints the readiness line and serves the
// routes of es_routes.hpp until SIGTERM or SIGINT; then flushes the journal and returns 0.

#include "server/serve_options.hpp"

namespace taskcheck::server {

ServeProfile es_serve_profile();

}  // namespace taskcheck::server
