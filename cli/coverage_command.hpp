#pragma once
// `taskcheck coverage [PATH...] [--docs DIR] [--report-dir DIR] [--provenance-only]`
// (docs/coverage.md): checks every fixture's provenance against the documents and lists, per
// document, each unit with the fixtures that cover it, the not-covered entries with their why,
// and the uncovered units; the last line is
//   coverage: N of M units covered, K excluded with a reason, U uncovered
// PATH defaults to `fixtures`; the documents default to the nearest `docs/` folder holding .txt
// files at or above a PATH (fixtures/docs in the repository).
// Exit 0 when every example and prose unit is covered or excluded, 1 when one is uncovered,
// 2 on bad input: a provenance problem (quote not found or ambiguous, unknown doc, a fixture
// without source, an empty why), unreadable JSON, a missing folder.
// --provenance-only skips the listing: prints the problems and
//   provenance: F fixtures, Q quotes, P problems
// and exits 0 or 2.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace taskcheck::cli {

class CoverageCommand {
  public:
    // Adds the `coverage` subcommand and its options to `app`.
    explicit CoverageCommand(CLI::App& app);
    bool chosen() const { return command_->parsed(); }
    // Prints the listing, writes coverage.md and coverage.json under --report-dir when given,
    // and returns the exit code above. Throws InputError (exit 2 in main) for a missing folder.
    int run() const;

  private:
    CLI::App* command_;
    std::vector<std::string> paths_;
    std::string docs_dir_;
    std::string report_dir_;
    bool provenance_only_ = false;
};

}  // namespace taskcheck::cli
