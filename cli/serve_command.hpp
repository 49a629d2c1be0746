#pragma once
// `taskcheck serve`: runs the reference server (server/serve_options.hpp).
//
//   taskcheck serve --profile meilisearch|elasticsearch --data-dir DIR [--port N] [--host H]
//                   [--clock real|manual] [--processing-ms N] [--nodes N] [--threads N]
//
// Prints one line, `taskcheck serve: listening on http://HOST:PORT`, once it accepts
// connections, then serves until SIGTERM/SIGINT and exits 0. Bad options, a port in use or a
// damaged journal throw InputError, which main() prints and turns into exit code 2.

#include <CLI/CLI.hpp>
#include <memory>

#include "server/serve_options.hpp"

namespace taskcheck::cli {

class ServeCommand {
  public:
    // Adds the `serve` subcommand and its options to `app`.
    explicit ServeCommand(CLI::App& app);
    // True iff the command line chose `serve`.
    bool chosen() const { return command_->parsed(); }
    // Runs the chosen profile; returns its exit code. Throws InputError.
    int run() const;

  private:
    CLI::App* command_;
    server::ServeOptions options_;
};

}  // namespace taskcheck::cli
