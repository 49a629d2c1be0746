#include "conformance/runner.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "conformance/fixture_loader.hpp"
#include "conformance/fixture_run.hpp"
#include "conformance/url_target.hpp"
#include "model/common/input_error.hpp"
#include "model/common/time.hpp"

namespace taskcheck::conformance {

namespace {

using Clock = std::chrono::steady_clock;

// Every fixture of the run, with a result slot each; `runnable` fixtures still need a target.
struct Plan {
    std::vector<Fixture> fixtures;
    std::vector<FixtureResult> results;
    std::vector<bool> runnable;
    std::vector<std::vector<std::size_t>> units;  // fixture indexes that run on one target
};

FixtureResult error_result(const std::string& file, const std::string& name,
                           const std::string& reason) {
    FixtureResult result;
    result.name = name;
    result.file = file;
    result.outcome = Outcome::error;
    result.reason = reason;
    return result;
}

void add_file(Plan& plan, const std::string& file, std::map<std::string, std::string>& names) {
    std::vector<Fixture> fixtures;
    try {
        fixtures = load_fixtures(file);
    } catch (const InputError& e) {
        plan.fixtures.emplace_back();
        plan.results.push_back(error_result(file, file, e.what()));
        plan.runnable.push_back(false);
        return;
    }
    for (Fixture& fixture : fixtures) {
        FixtureResult result = describe_fixture(fixture);
        auto [previous, fresh] = names.emplace(fixture.name, file);
        if (!fresh) {
            result.outcome = Outcome::error;
            result.reason = "fixture-duplicate: " + file + ": the name \"" + fixture.name +
                            "\" is also used in " + previous->second + "; names must be unique";
        }
        plan.runnable.push_back(fresh);
        plan.results.push_back(std::move(result));
        plan.fixtures.push_back(std::move(fixture));
    }
}

void apply_selection(Plan& plan, const RunnerOptions& options) {
    bool faults_possible = options.target_url.empty();
    for (std::size_t i = 0; i < plan.fixtures.size(); ++i) {
        if (!plan.runnable[i]) continue;
        std::optional<std::string> reason = skip_reason(plan.fixtures[i], options.selection);
        if (!reason && plan.fixtures[i].uses_faults() && !faults_possible) {
            reason = "uses fault steps, which need a spawned target (--spawn), not a URL";
        }
        if (!reason) continue;
        plan.runnable[i] = false;
        plan.results[i].outcome = Outcome::skipped;
        plan.results[i].reason = *reason;
    }
}

// Adds the run errors for a run that cannot check anything: no fixture selected (selection.hpp)
// or a --target that does not accept a TCP connection (docs/runner.md "Targets"); in the
// second case no fixture runs.
void check_runnable(Plan& plan, const RunnerOptions& options, std::size_t files,
                    const UrlTarget* url_target, RunResult& run) {
    auto selected =
        static_cast<std::size_t>(std::count(plan.runnable.begin(), plan.runnable.end(), true));
    bool errors = std::any_of(plan.results.begin(), plan.results.end(),
                              [](const FixtureResult& r) { return r.outcome == Outcome::error; });
    if (auto problem = errors ? std::nullopt
                              : nothing_selected(options.paths, files, plan.fixtures.size(),
                                                 selected, options.selection)) {
        run.run_errors.push_back(*problem);
    }
    if (url_target == nullptr || selected == 0) return;
    auto problem = url_target->probe(options.steps.request_timeout_ms);
    if (!problem) return;
    run.run_errors.push_back("target-unreachable: " + url_target->description() + ": " + *problem +
                             "; start the target or fix --target");
    for (std::size_t i = 0; i < plan.fixtures.size(); ++i) {
        if (!plan.runnable[i]) continue;
        plan.runnable[i] = false;
        plan.results[i].outcome = Outcome::skipped;
        plan.results[i].reason = "not run: the target is unreachable";
    }
}

void make_units(Plan& plan, SpawnMode mode) {
    std::map<std::string, std::size_t> unit_of_file;
    for (std::size_t i = 0; i < plan.fixtures.size(); ++i) {
        if (!plan.runnable[i]) continue;
        if (mode == SpawnMode::per_file) {
            auto [at, fresh] = unit_of_file.emplace(plan.fixtures[i].file, plan.units.size());
            if (fresh) plan.units.emplace_back();
            plan.units[at->second].push_back(i);
        } else {
            plan.units.push_back({i});
        }
    }
}

// One worker: takes units until none is left, keeping a target as the spawn mode allows.
class Worker {
  public:
    Worker(const RunnerOptions& options, Plan& plan, UrlTarget* url_target)
        : options_(options), plan_(plan), url_target_(url_target) {}

    void run_unit(const std::vector<std::size_t>& unit) {
        for (std::size_t index : unit) {
            if (url_target_ == nullptr && target_ && !target_->running()) release();
            if (!target_ && !acquire(index)) continue;
            plan_.results[index] =
                run_fixture(plan_.fixtures[index], *target_, *client_, options_.steps);
            plan_.results[index].target_starts = std::move(new_target_starts_);
            new_target_starts_.clear();
        }
        if (options_.spawn_mode != SpawnMode::once) release();
    }

  private:
    bool acquire(std::size_t index) {
        try {
            if (url_target_ != nullptr) {
                client_ = std::make_unique<HttpClient>(url_target_->host(), url_target_->port(),
                                                       url_target_->base_path());
                target_ = url_target_;
                return true;
            }
            owned_ = std::make_unique<SpawnedTarget>(options_.spawn);
            new_target_starts_ = owned_->start_attempts();
            target_ = owned_.get();
            client_ = std::make_unique<HttpClient>(target_->host(), target_->port());
            return true;
        } catch (const InputError& e) {
            if (const auto* start = dynamic_cast<const TargetStartError*>(&e)) {
                plan_.results[index].target_starts = start->attempts();
            }
            plan_.results[index].outcome = Outcome::error;
            plan_.results[index].reason = e.what();
            return false;
        }
    }

    void release() {
        client_.reset();
        owned_.reset();
        target_ = nullptr;
    }

    const RunnerOptions& options_;
    Plan& plan_;
    UrlTarget* url_target_;
    std::unique_ptr<SpawnedTarget> owned_;
    Target* target_ = nullptr;
    std::unique_ptr<HttpClient> client_;
    std::vector<StartAttempt> new_target_starts_;  // of the target acquire() just started
};

void run_units(Plan& plan, const RunnerOptions& options, UrlTarget* url_target) {
    std::atomic<std::size_t> next{0};
    std::mutex report_mutex;
    auto work = [&] {
        Worker worker(options, plan, url_target);
        for (std::size_t u = next++; u < plan.units.size(); u = next++) {
            worker.run_unit(plan.units[u]);
            if (!options.on_fixture_done) continue;
            std::lock_guard lock(report_mutex);
            for (std::size_t index : plan.units[u])
                options.on_fixture_done(plan.results[index]);
        }
    };
    std::size_t jobs =
        std::min<std::size_t>(options.jobs, std::max<std::size_t>(1, plan.units.size()));
    std::vector<std::thread> threads;
    for (std::size_t j = 1; j < jobs; ++j)
        threads.emplace_back(work);
    work();
    for (std::thread& thread : threads)
        thread.join();
}

std::string wall_clock_now() {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    Nanos nanos =
        std::chrono::duration_cast<std::chrono::milliseconds>(now).count() * kNanosPerMilli;
    return format_rfc3339(nanos);
}

}  // namespace

std::optional<std::string> RunnerOptions::validate() const {
    if (target_url.empty() == spawn.command.empty()) {
        return "give exactly one of --target URL and --spawn CMD";
    }
    if (paths.empty()) return "give at least one fixture file or directory";
    if (jobs < 1 || jobs > 64) return "-j must be from 1 to 64";
    if (steps.request_timeout_ms <= 0) return "the request timeout must be positive";
    if (!spawn.command.empty()) {
        if (auto problem = spawn.validate()) return problem;
    }
    return selection.validate();
}

RunResult run_conformance(const RunnerOptions& options) {
    if (auto problem = options.validate()) {
        throw InputError("conform-options", {}, *problem, "see taskcheck conform --help");
    }
    auto start = Clock::now();
    RunResult run;
    run.tool_version = options.tool_version;
    run.target = options.target_url.empty() ? options.spawn.command : options.target_url;
    run.profile = options.selection.profile;
    run.version = options.selection.version;
    run.started_at = wall_clock_now();
    std::optional<UrlTarget> url_target;
    if (!options.target_url.empty()) url_target.emplace(options.target_url);
    Plan plan;
    std::map<std::string, std::string> names;
    std::vector<std::string> files = find_fixture_files(options.paths);
    for (const std::string& file : files)
        add_file(plan, file, names);
    apply_selection(plan, options);
    check_runnable(plan, options, files.size(), url_target ? &*url_target : nullptr, run);
    make_units(plan, options.spawn_mode);
    run_units(plan, options, url_target ? &*url_target : nullptr);
    run.fixtures = std::move(plan.results);
    if (options.expectations) apply_expectations(*options.expectations, run);
    run.duration_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
    return run;
}

}  // namespace taskcheck::conformance
