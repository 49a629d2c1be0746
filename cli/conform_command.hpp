#pragma once
// `taskcheck conform`: replays fixtures against a target and gates CI (docs/runner.md).
// Prints a progress line per fixture, a diff per failure, and last, alone on its line,
// `N passed, N failed, N skipped`; writes the reports asked for; exits 0 (all as expected),
// 1 (a conformance failure or an unexpected pass) or 2 (the run could not be done: a fixture
// that does not load, a target that will not start or does not accept a connection, no fixture
// selected without --allow-empty, bad options).

#include <CLI/CLI.hpp>
#include <memory>

namespace taskcheck::cli {

struct ConformArgs;

class ConformCommand {
  public:
    // Adds the `conform` subcommand and its options to `app`.
    explicit ConformCommand(CLI::App& app);
    ~ConformCommand();
    // True iff the command line chose `conform`.
    bool chosen() const { return command_->parsed(); }
    // Runs the fixtures, prints the console report, writes the reports and (if asked) the
    // expectations file; returns RunResult::exit_code(). Throws InputError (exit 2 in main).
    int run() const;

  private:
    CLI::App* command_;
    std::unique_ptr<ConformArgs> args_;
};

}  // namespace taskcheck::cli
