#include "cli/serve_command.hpp"

#include <iostream>

#include "server/meili_serve.hpp"
#if __has_include("server/es_serve.hpp")
#include "server/es_serve.hpp"
#define TASKCHECK_HAS_ES_SERVE 1
#endif

namespace taskcheck::cli {

ServeCommand::ServeCommand(CLI::App& app)
    : command_(app.add_subcommand("serve", "run the reference server for one profile")) {
    command_->add_option("--profile", options_.profile, "meilisearch or elasticsearch")->required();
    command_->add_option("--data-dir", options_.data_dir, "directory of the durable journal")
        ->required();
    command_->add_option("--port", options_.port, "port to listen on; 0 picks a free one")
        ->capture_default_str();
    command_->add_option("--host", options_.host, "address to listen on")->capture_default_str();
    command_
        ->add_option("--clock", options_.clock,
                     "real, or manual (time moves only through POST /_taskcheck/clock/advance)")
        ->capture_default_str();
    command_
        ->add_option("--processing-ms", options_.processing_ms,
                     "how long one Meilisearch batch takes")
        ->capture_default_str();
    command_->add_option("--nodes", options_.nodes, "Elasticsearch cluster size")
        ->capture_default_str();
    command_->add_option("--threads", options_.threads, "HTTP worker threads")
        ->capture_default_str();
    command_
        ->add_option("--snapshot-every-records", options_.snapshot_every_records,
                     "Meilisearch: write a state snapshot after this many journal records (0: off)")
        ->capture_default_str();
    command_
        ->add_option(
            "--snapshot-every-s", options_.snapshot_every_s,
            "Meilisearch: write a state snapshot this often when something changed (0: off)")
        ->capture_default_str();
    command_->add_flag("--accept-journal-loss", options_.accept_journal_loss,
                       "Meilisearch: start even though the snapshot proves the journal lost "
                       "records (its tail, or all of it), serving only what the journal holds");
}

int ServeCommand::run() const {
    options_.validate();
    std::vector<server::ServeProfile> profiles{server::meili_serve_profile()};
#ifdef TASKCHECK_HAS_ES_SERVE
    profiles.push_back(server::es_serve_profile());
#endif
    return server::find_profile(profiles, options_).run(options_, std::cout);
}

}  // namespace taskcheck::cli
