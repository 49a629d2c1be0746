#pragma once
// `taskcheck replay PATH... [--trace OUT] [--expect-hash HEX]`: re-executes scenario files
// (docs/simulator.md "Scenario files") without the PRNG stream for the workload and faults —
// they are explicit in the file — and prints, per file, the summary and the verdict block.
// A PATH that is a directory stands for every *.json below it, in sorted path order, so
// `taskcheck replay fixtures/scenarios` replays every checked-in scenario of every profile.
// The same file always gives the same trace hash; a file that records "trace_hash", or
// --expect-hash (one file only), makes a different hash a failure. With several files a closing
// line counts them: "replayed N scenarios: N passed, N failed".
// Exit 0 when every run passes with its expected hash, 1 on a violation or a hash mismatch,
// 2 for a malformed file, an unknown path, --expect-hash/--trace with several files, an
// --expect-hash that is not 16 lowercase hex digits, or a --trace path that cannot be written
// (InputError; checked before anything runs).

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace taskcheck::cli {

class ReplayCommand {
  public:
    explicit ReplayCommand(CLI::App& app);
    bool chosen() const { return command_->parsed(); }
    int run() const;

  private:
    CLI::App* command_;
    std::vector<std::string> paths_;
    std::string trace_path_;
    std::string expect_hash_;
};

// The scenario files `paths` name: a file as given, a directory as every regular *.json file
// below it, sorted by path. Throws InputError (scenario-unreadable) for a path that does not
// exist and for a directory without any *.json file.
std::vector<std::string> expand_scenario_paths(const std::vector<std::string>& paths);

}  // namespace taskcheck::cli
