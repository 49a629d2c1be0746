// taskcheck: the command line. Each subcommand lives in its own file and registers itself here;
// InputError is caught once, here, and becomes exit code 2 (DESIGN.md "The runner").
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/conform_command.hpp"
#include "cli/coverage_command.hpp"
#include "cli/replay_command.hpp"
#include "cli/serve_command.hpp"
#include "cli/sim_command.hpp"
#include "model/common/input_error.hpp"

int main(int argc, char** argv) {
    CLI::App app{
        "taskcheck: tells the builders of task-management APIs whether their system behaves as "
        "documented (Meilisearch tasks, Elasticsearch task management, persistent tasks)",
        "taskcheck"};
    app.set_version_flag("--version", std::string("taskcheck ") + TASKCHECK_VERSION);
    app.require_subcommand(0, 1);
    taskcheck::cli::ServeCommand serve(app);
    taskcheck::cli::SimCommand sim(app);
    taskcheck::cli::ReplayCommand replay(app);
    taskcheck::cli::ConformCommand conform(app);
    taskcheck::cli::CoverageCommand coverage(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    try {
        if (app.get_subcommands().empty()) {
            std::fputs(app.help().c_str(), stdout);
            return 0;
        }
        if (serve.chosen()) return serve.run();
        if (sim.chosen()) return sim.run();
        if (replay.chosen()) return replay.run();
        if (conform.chosen()) return conform.run();
        if (coverage.chosen()) return coverage.run();
    } catch (const taskcheck::InputError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    return 0;
}
