#include "cli/replay_command.hpp"

#include <cstdio>
#include <fstream>

#include "model/common/input_error.hpp"
#include "sim/clock.hpp"
#include "sim/driver.hpp"
#include "sim/profile.hpp"

namespace taskcheck::cli {

ReplayCommand::ReplayCommand(CLI::App& app) {
    command_ = app.add_subcommand("replay", "re-run a scenario file and print its verdict");
    command_->add_option("file", path_, "the scenario file")->required();
    command_->add_option("--trace", trace_path_, "write the JSONL trace here");
    command_->add_option("--expect-hash", expect_hash_,
                         "fail unless the trace hash is this (16 hex digits)");
}

int ReplayCommand::run() const {
    const sim::Scenario scenario = sim::load_scenario_file(path_);
    const sim::Profile* profile = sim::find_profile(scenario.profile);
    if (profile == nullptr)
        throw InputError("scenario-invalid", InputLocation{path_, 0, "/profile"},
                         "unknown profile \"" + scenario.profile + "\"",
                         "this build has meilisearch only");
    profile->validate(scenario, path_);
    sim::Trace trace(trace_path_.empty() ? sim::TraceMode::hash : sim::TraceMode::full);
    const sim::RunOutcome outcome = sim::run_scenario(*profile, scenario, trace);
    if (!trace_path_.empty()) {
        std::ofstream out(trace_path_);
        trace.write_jsonl(out);
    }
    std::printf("replay: %s (%zu operations, %zu faults)\n", path_.c_str(),
                scenario.workload.size(), scenario.faults.size());
    std::printf("summary: events=%llu simulated=%s %s\n",
                static_cast<unsigned long long>(outcome.events),
                sim::format_sim_time(outcome.end_time).c_str(), outcome.summary.c_str());
    sim::Verdict verdict;
    verdict.profile = scenario.profile;
    verdict.seed = scenario.seed;
    verdict.events = outcome.events;
    verdict.trace_hash = outcome.trace_hash;
    verdict.failure_class = outcome.failure_class;
    verdict.violation = outcome.violation;
    verdict.scenario_path = path_;
    std::fputs(sim::render_verdict(verdict).c_str(), stdout);
    const std::string hash = sim::format_hash(outcome.trace_hash);
    if (!expect_hash_.empty() && expect_hash_ != hash) {
        std::printf("FAILED replay: trace hash %s, expected %s\n", hash.c_str(),
                    expect_hash_.c_str());
        return 1;
    }
    return outcome.passed() ? 0 : 1;
}

}  // namespace taskcheck::cli
