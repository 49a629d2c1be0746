#include "cli/sim_command.hpp"

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/trace_file.hpp"
#include "model/common/input_error.hpp"
#include "sim/clock.hpp"
#include "sim/driver.hpp"
#include "sim/profile.hpp"

namespace taskcheck::cli {
namespace {

using sim::Profile;
using sim::RunOutcome;
using sim::Scenario;

const Profile& profile_named(const std::string& name) {
    const Profile* profile = sim::find_profile(name);
    if (profile == nullptr) {
        std::string known;
        for (const std::string& n : sim::profile_names())
            known += (known.empty() ? "" : ", ") + n;
        throw InputError("sim-options", InputLocation{},
                         "--profile: unknown profile \"" + name + "\"", "use one of " + known);
    }
    return *profile;
}

// A seed, shard or range bound: decimal digits only, at most 2^64 - 1. A sign or a bigger number
// is rejected: CLI11 and stoull would wrap "-1" to 2^64 - 1 and clamp or throw on overflow.
std::uint64_t parse_u64(const std::string& text, const std::string& option) {
    std::uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
        error != std::errc() || end != text.data() + text.size())
        throw InputError("sim-options", InputLocation{},
                         option +
                             ": expected an unsigned integer from 0 to 18446744073709551615, "
                             "found \"" +
                             text + "\"",
                         "give a seed a run printed, e.g. --seed 8471923");
    return value;
}

// Writes the failing scenario and its shrunk form; returns their paths.
std::pair<std::string, std::string> save_failure(const Profile& profile, const Scenario& scenario,
                                                 const RunOutcome& outcome,
                                                 const std::string& out_dir, bool shrink) {
    std::filesystem::create_directories(out_dir);
    const std::string base = out_dir + "/seed-" + std::to_string(scenario.seed);
    sim::save_scenario_file(scenario, base + ".scenario.json");
    if (!shrink) return {base + ".scenario.json", ""};
    const Scenario minimal = sim::shrink_failure(profile, scenario, outcome);
    sim::save_scenario_file(minimal, base + ".min.scenario.json");
    return {base + ".scenario.json", base + ".min.scenario.json"};
}

sim::Verdict verdict_of(const Scenario& scenario, const RunOutcome& outcome) {
    sim::Verdict v;
    v.profile = scenario.profile;
    v.seed = scenario.seed;
    v.events = outcome.events;
    v.trace_hash = outcome.trace_hash;
    v.failure_class = outcome.failure_class;
    v.violation = outcome.violation;
    return v;
}

}  // namespace

SimCommand::SimCommand(CLI::App& app) {
    command_ = app.add_subcommand("sim", "run the deterministic simulator for a seed or a range");
    command_->add_option("--profile", profile_, "meilisearch or elasticsearch")->required();
    auto* seed = command_->add_option("--seed", seed_, "the one seed to run");
    auto* seeds = command_->add_option("--seeds", seeds_, "an inclusive range A..B");
    seed->excludes(seeds);
    command_->add_option("--shard", shard_, "I/N: run the seeds with (seed - A) % N == I");
    command_->add_option("--out", out_dir_, "where failing scenario files go (default sim-out)");
    command_->add_option("--trace", trace_path_, "write the JSONL trace of the one seed here");
    command_->add_flag("--check-determinism", check_determinism_,
                       "run each seed twice and compare trace hashes");
    command_->add_flag("--no-shrink", no_shrink_, "do not shrink a failing scenario");
}

int SimCommand::run() const {
    if (seed_) return run_seed(parse_u64(*seed_, "--seed"));
    if (!seeds_.empty()) return run_range();
    throw InputError("sim-options", InputLocation{}, "neither --seed nor --seeds given",
                     "add --seed N or --seeds A..B");
}

int SimCommand::run_seed(std::uint64_t seed) const {
    const Profile& profile = profile_named(profile_);
    std::ofstream trace_out;
    if (!trace_path_.empty()) trace_out = open_trace_file(trace_path_);
    const Scenario scenario = sim::scenario_from_seed(profile, seed);
    std::fputs(sim::run_options_block(scenario).c_str(), stdout);
    if (check_determinism_) {
        const sim::DeterminismReport report = sim::check_determinism(profile, scenario);
        if (report.divergence) {
            std::printf("FAILED determinism: seed=%llu trace hashes %s and %s differ\n%s",
                        static_cast<unsigned long long>(seed),
                        sim::format_hash(report.hash_a).c_str(),
                        sim::format_hash(report.hash_b).c_str(),
                        sim::render_divergence(*report.divergence).c_str());
            return 1;
        }
        std::printf("determinism: same trace hash %s over %llu events, twice\n",
                    sim::format_hash(report.hash_a).c_str(),
                    static_cast<unsigned long long>(report.events));
    }
    sim::Trace trace(trace_path_.empty() ? sim::TraceMode::hash : sim::TraceMode::full);
    const RunOutcome outcome = sim::run_scenario(profile, scenario, trace);
    if (!trace_path_.empty()) {
        trace.write_jsonl(trace_out);
        close_trace_file(trace_out, trace_path_);
    }
    std::printf("summary: events=%llu simulated=%s %s\n",
                static_cast<unsigned long long>(outcome.events),
                sim::format_sim_time(outcome.end_time).c_str(), outcome.summary.c_str());
    sim::Verdict verdict = verdict_of(scenario, outcome);
    if (!outcome.passed()) {
        std::tie(verdict.scenario_path, verdict.minimal_path) =
            save_failure(profile, scenario, outcome, out_dir_, !no_shrink_);
    }
    std::fputs(sim::render_verdict(verdict).c_str(), stdout);
    return outcome.passed() ? 0 : 1;
}

int SimCommand::run_range() const {
    const Profile& profile = profile_named(profile_);
    const std::size_t dots = seeds_.find("..");
    if (dots == std::string::npos)
        throw InputError("sim-options", InputLocation{},
                         "--seeds: expected A..B, found \"" + seeds_ + "\"", "e.g. --seeds 0..199");
    const std::uint64_t first = parse_u64(seeds_.substr(0, dots), "--seeds");
    const std::uint64_t last = parse_u64(seeds_.substr(dots + 2), "--seeds");
    std::uint64_t shard = 0, shards = 1;
    if (!shard_.empty()) {
        const std::size_t slash = shard_.find('/');
        if (slash == std::string::npos)
            throw InputError("sim-options", InputLocation{},
                             "--shard: expected I/N, found \"" + shard_ + "\"", "e.g. --shard 0/4");
        shard = parse_u64(shard_.substr(0, slash), "--shard");
        shards = parse_u64(shard_.substr(slash + 1), "--shard");
        if (shards == 0 || shard >= shards)
            throw InputError("sim-options", InputLocation{},
                             "--shard: " + shard_ + " needs 0 <= I < N", "");
    }
    if (first > last)
        throw InputError("sim-options", InputLocation{}, "--seeds: " + seeds_ + " is empty",
                         "write the smaller seed first");
    int exit_code = 0;
    for (std::uint64_t seed = first; seed <= last; ++seed) {
        if ((seed - first) % shards != shard) continue;
        const Scenario scenario = sim::scenario_from_seed(profile, seed);
        nlohmann::ordered_json line;
        line["profile"] = scenario.profile;
        line["seed"] = seed;
        bool passed = true;
        if (check_determinism_) {
            const sim::DeterminismReport report = sim::check_determinism(profile, scenario);
            line["deterministic"] = !report.divergence;
            if (report.divergence) {
                passed = false;
                line["divergence"] = sim::render_divergence(*report.divergence);
            }
        }
        const RunOutcome outcome = sim::run_scenario(profile, scenario);
        passed = passed && outcome.passed();
        line["passed"] = passed;
        line["events"] = outcome.events;
        line["trace_hash"] = sim::format_hash(outcome.trace_hash);
        if (!outcome.passed()) {
            line["failure_class"] = sim::failure_class_name(outcome.failure_class);
            nlohmann::ordered_json violation;
            sim::to_json(violation, *outcome.violation);
            line["violation"] = violation;
            const auto [path, minimal] =
                save_failure(profile, scenario, outcome, out_dir_, !no_shrink_);
            line["scenario"] = path;
            line["minimal"] = minimal;
        }
        if (!passed) exit_code = 1;
        std::printf("%s\n", line.dump().c_str());
        if (seed == last) break;  // last may be UINT64_MAX
    }
    return exit_code;
}

}  // namespace taskcheck::cli
