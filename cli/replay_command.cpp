#include "cli/replay_command.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/trace_file.hpp"
#include "model/common/input_error.hpp"
#include "sim/clock.hpp"
#include "sim/driver.hpp"
#include "sim/profile.hpp"

namespace taskcheck::cli {

namespace fs = std::filesystem;

namespace {

// Replays one file and prints its block; true iff it passed with the expected hash (if any).
bool replay_one(const std::string& path, const std::string& trace_path,
                const std::string& expect_hash) {
    const sim::Scenario scenario = sim::load_scenario_file(path);
    const sim::Profile* profile = sim::find_profile(scenario.profile);
    if (profile == nullptr)
        throw InputError("scenario-invalid", InputLocation{path, 0, "/profile"},
                         "unknown profile \"" + scenario.profile + "\"",
                         "use one of the profiles `taskcheck sim --help` lists");
    profile->validate(scenario, path);
    std::ofstream trace_out;
    if (!trace_path.empty()) trace_out = open_trace_file(trace_path);
    sim::Trace trace(trace_path.empty() ? sim::TraceMode::hash : sim::TraceMode::full);
    const sim::RunOutcome outcome = sim::run_scenario(*profile, scenario, trace);
    if (!trace_path.empty()) {
        trace.write_jsonl(trace_out);
        close_trace_file(trace_out, trace_path);
    }
    std::printf("replay: %s (%zu operations, %zu faults)\n", path.c_str(), scenario.workload.size(),
                scenario.faults.size());
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
    verdict.scenario_path = path;
    std::fputs(sim::render_verdict(verdict).c_str(), stdout);
    const std::string hash = sim::format_hash(outcome.trace_hash);
    const std::string expected =
        !expect_hash.empty() ? expect_hash : scenario.trace_hash.value_or(std::string());
    if (!expected.empty() && expected != hash) {
        std::printf("FAILED replay: %s trace hash %s, expected %s\n", path.c_str(), hash.c_str(),
                    expected.c_str());
        return false;
    }
    return outcome.passed();
}

}  // namespace

std::vector<std::string> expand_scenario_paths(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    for (const std::string& path : paths) {
        std::error_code error;
        if (!fs::is_directory(path, error)) {
            if (!fs::exists(path, error))
                throw InputError("scenario-unreadable", InputLocation{path, 0, ""},
                                 "no such file or directory", "check the path");
            // Reading a fifo would wait for a writer for ever.
            if (!fs::is_regular_file(path, error))
                throw InputError("scenario-unreadable", InputLocation{path, 0, ""},
                                 "not a regular file or directory", "give a scenario file");
            files.push_back(path);
            continue;
        }
        std::vector<std::string> found;
        for (const auto& entry : fs::recursive_directory_iterator(path)) {
            if (entry.is_regular_file() && entry.path().extension() == ".json")
                found.push_back(entry.path().generic_string());
        }
        if (found.empty())
            throw InputError("scenario-unreadable", InputLocation{path, 0, ""},
                             "the directory holds no *.json scenario file", "check the path");
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

ReplayCommand::ReplayCommand(CLI::App& app) {
    command_ = app.add_subcommand("replay", "re-run scenario files and print their verdicts");
    command_->add_option("paths", paths_, "scenario files, or directories of *.json scenarios")
        ->required();
    command_->add_option("--trace", trace_path_, "write the JSONL trace here (one file only)");
    command_->add_option("--expect-hash", expect_hash_,
                         "fail unless the trace hash is this (16 hex digits; one file only)");
}

namespace {

// Rejects an --expect-hash that no trace could have: the format is format_hash()'s.
void require_trace_hash_format(const std::string& hash) {
    if (hash.empty()) return;
    if (hash.size() != 16 || hash.find_first_not_of("0123456789abcdef") != std::string::npos)
        throw InputError("replay-usage", InputLocation{},
                         "--expect-hash: expected 16 lowercase hex digits, found \"" + hash + "\"",
                         "copy the trace_hash a replay prints, e.g. 00c0ffee00c0ffee");
}

}  // namespace

int ReplayCommand::run() const {
    require_trace_hash_format(expect_hash_);
    const std::vector<std::string> files = expand_scenario_paths(paths_);
    if (files.size() > 1 && (!trace_path_.empty() || !expect_hash_.empty()))
        throw InputError("replay-usage", InputLocation{files[0], 0, ""},
                         "--trace and --expect-hash take one scenario file, found " +
                             std::to_string(files.size()),
                         "replay one file, or record \"trace_hash\" in each file");
    std::size_t failed = 0;
    for (const std::string& file : files) {
        if (!replay_one(file, trace_path_, expect_hash_)) ++failed;
    }
    if (files.size() > 1)
        std::printf("replayed %zu scenarios: %zu passed, %zu failed\n", files.size(),
                    files.size() - failed, failed);
    return failed == 0 ? 0 : 1;
}

}  // namespace taskcheck::cli
