#pragma once
// `taskcheck replay FILE [--trace OUT] [--expect-hash HEX]`: re-executes a scenario file
// (docs/simulator.md "Scenario files") without the PRNG stream for the workload and faults —
// they are explicit in the file — and prints the summary and the verdict block. The same file
// always gives the same trace hash; --expect-hash makes a different hash a failure (exit 1).
// Exit 0 when the run passes, 1 on a violation, 2 for a malformed file (InputError).

#include <CLI/CLI.hpp>
#include <string>

namespace taskcheck::cli {

class ReplayCommand {
  public:
    explicit ReplayCommand(CLI::App& app);
    bool chosen() const { return command_->parsed(); }
    int run() const;

  private:
    CLI::App* command_;
    std::string path_;
    std::string trace_path_;
    std::string expect_hash_;
};

}  // namespace taskcheck::cli
