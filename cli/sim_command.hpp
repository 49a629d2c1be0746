#pragma once
// `taskcheck sim`: runs the deterministic simulator (sim/driver.hpp) for one seed or a range.
//
//   taskcheck sim --profile meilisearch --seed N [--out DIR] [--trace FILE] [--no-shrink]
//                 [--check-determinism]
//   taskcheck sim --profile meilisearch --seeds A..B [--shard I/N] [--out DIR]
//                 [--check-determinism] [--no-shrink]
//
// One seed: prints the options block (the seed and every option derived from it), a summary
// line, then the verdict block (STYLE.md §15). On a violation it writes DIR/seed-N.scenario.json
// and, after shrinking, DIR/seed-N.min.scenario.json, names both in the verdict with the
// one-line repro, and exits 1. --check-determinism runs the seed twice and, if the trace hashes
// differ, prints the first diverging event and exits 1.
// A range: seeds A..B inclusive, only those with (seed - A) % N == I when sharded; one JSON
// object per seed on its own line: {"profile","seed","passed","events","trace_hash"
// [,"deterministic"][,"failure_class","violation","scenario","minimal"]}; exits 1 if any failed.
// Bad options (unknown profile, malformed range, a negative or non-numeric seed, a --trace
// path that cannot be written) throw InputError (exit 2).

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace taskcheck::cli {

class SimCommand {
  public:
    explicit SimCommand(CLI::App& app);
    bool chosen() const { return command_->parsed(); }
    int run() const;

  private:
    int run_seed(std::uint64_t seed) const;
    int run_range() const;

    CLI::App* command_;
    std::string profile_ = "meilisearch";
    std::optional<std::string> seed_;  // parsed by run(): CLI11 would take "-1" as 2^64 - 1
    std::string seeds_;
    std::string shard_;
    std::string out_dir_ = "sim-out";
    std::string trace_path_;
    bool check_determinism_ = false;
    bool no_shrink_ = false;
};

}  // namespace taskcheck::cli
