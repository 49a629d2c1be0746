#include "cli/conform_command.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "conformance/expectations.hpp"
#include "conformance/runner.hpp"
#include "model/common/input_error.hpp"
#include "reports/console_report.hpp"
#include "reports/report_files.hpp"

namespace taskcheck::cli {

using namespace taskcheck::conformance;

struct ConformArgs {
    RunnerOptions runner;
    std::string spawn_mode = "per-fixture";
    std::string port_range;
    std::string expect_file;
    bool update_expectations = false;
    std::string report_dir;
    std::vector<std::string> report_formats = {"junit", "json", "markdown", "html"};
    std::string junit_file, json_file, markdown_file, html_file;
};

namespace {

SpawnMode parse_spawn_mode(const std::string& text) {
    if (text == "per-fixture") return SpawnMode::per_fixture;
    if (text == "per-file") return SpawnMode::per_file;
    return SpawnMode::once;
}

void write_requested_reports(const ConformArgs& args, const RunResult& result) {
    using reports::ReportFormat;
    if (!args.report_dir.empty()) {
        std::vector<ReportFormat> formats;
        for (const std::string& name : args.report_formats) {
            auto format = reports::parse_report_format(name);
            if (!format) {
                throw InputError("conform-options", {}, "unknown report format \"" + name + "\"",
                                 "use junit, json, markdown or html");
            }
            formats.push_back(*format);
        }
        reports::write_reports(args.report_dir, result, formats);
    }
    const std::pair<const std::string*, ReportFormat> files[] = {
        {&args.junit_file, ReportFormat::junit},
        {&args.json_file, ReportFormat::json},
        {&args.markdown_file, ReportFormat::markdown},
        {&args.html_file, ReportFormat::html}};
    for (const auto& [file, format] : files) {
        if (!file->empty()) reports::write_report(*file, result, format);
    }
}

void write_expectations(const ConformArgs& args, const RunResult& result) {
    Expectations previous = args.runner.expectations.value_or(Expectations{});
    std::ofstream out(args.expect_file, std::ios::trunc);
    out << render_expectations(expectations_from_run(result, previous));
    if (!out) {
        throw InputError("expectations-write-failed", {args.expect_file, 0, ""},
                         "cannot write the file", "check the directory and its permissions");
    }
}

int run_conform(ConformArgs& args) {
    args.runner.spawn_mode = parse_spawn_mode(args.spawn_mode);
    if (!args.port_range.empty()) args.runner.spawn.port_range = parse_port_range(args.port_range);
    args.runner.tool_version = std::string("taskcheck ") + TASKCHECK_VERSION;
    if (args.update_expectations && args.expect_file.empty()) {
        throw InputError("conform-options", {}, "--update-expectations needs --expect FILE",
                         "name the file to write");
    }
    if (!args.expect_file.empty()) {
        std::error_code error;  // not an ifstream: opening a fifo would wait for a writer
        if (std::filesystem::exists(args.expect_file, error) || !args.update_expectations) {
            args.runner.expectations = load_expectations(args.expect_file);
        }
    }
    reports::ConsoleOptions console{::isatty(STDOUT_FILENO) == 1};
    args.runner.on_fixture_done = reports::console_progress(stdout, 0, console);
    RunResult result = run_conformance(args.runner);
    std::fputs(reports::console_summary(result, console).c_str(), stdout);
    std::fflush(stdout);
    write_requested_reports(args, result);
    if (args.update_expectations) write_expectations(args, result);
    return result.exit_code();
}

void add_options(CLI::App& conform, ConformArgs& args) {
    RunnerOptions& r = args.runner;
    conform.add_option("paths", r.paths, "fixture files or directories (searched recursively)")
        ->required();
    conform.add_option("--target", r.target_url,
                       "URL of a running server, e.g. http://127.0.0.1:7700; a path prefix "
                       "(http://h:8080/search) goes in front of every request path");
    conform.add_option("--spawn", r.spawn.command,
                       "command that starts a target; {port} {host} {data_dir} are filled in");
    conform
        .add_option("--spawn-mode", args.spawn_mode,
                    "a fresh process per-fixture, per-file or once")
        ->check(CLI::IsMember({"per-fixture", "per-file", "once"}))
        ->capture_default_str();
    conform.add_option("--ready-path", r.spawn.ready_path, "GET this until it answers below 500")
        ->capture_default_str();
    conform
        .add_option("--ready-timeout-ms", r.spawn.ready_timeout_ms, "give up starting after this")
        ->capture_default_str();
    conform.add_option("--ready-pattern", r.spawn.ready_pattern,
                       "REGEX: {port} is 0 and the port is group 1 of the first stdout/stderr "
                       "line matching it");
    conform.add_option("--port-range", args.port_range,
                       "LOW-HIGH: ports for spawned targets (default 20000-29999 minus the "
                       "kernel's ephemeral range)");
    conform
        .add_option("--start-attempts", r.spawn.start_attempts,
                    "starts of a target whose port was taken, each on a new port")
        ->capture_default_str();
    conform
        .add_option("--request-timeout-ms", r.steps.request_timeout_ms,
                    "longest wait for one response")
        ->capture_default_str();
    conform
        .add_option("-j,--jobs", r.jobs,
                    "fixtures run in parallel (each spawned target has its "
                    "own port and data dir)")
        ->capture_default_str();
    conform.add_option("--profile", r.selection.profile,
                       "run only meilisearch or elasticsearch fixtures");
    conform.add_option("--version", r.selection.version,
                       "version of the target; fixtures whose range excludes it are skipped");
    conform.add_option("--tags", r.selection.tags, "run fixtures with any of these tags")
        ->delimiter(',');
    conform.add_option("--exclude-tags", r.selection.exclude_tags, "skip fixtures with these tags")
        ->delimiter(',');
    conform.add_option("--filter", r.selection.filter, "regex searched in fixture names and paths");
    conform.add_flag("--allow-empty", r.selection.allow_empty,
                     "a run that selects no fixture exits 0 (default: exit 2, no-fixtures)");
    conform.add_option("--expect", args.expect_file, "known failures file (each with a reason)");
    conform.add_flag("--update-expectations", args.update_expectations,
                     "write the --expect file from this run's failures");
    conform.add_option("--report-dir", args.report_dir, "write reports into this directory");
    conform.add_option("--report-formats", args.report_formats, "formats for --report-dir")
        ->delimiter(',')
        ->capture_default_str();
    conform.add_option("--junit", args.junit_file, "write a JUnit XML report to this file");
    conform.add_option("--json", args.json_file, "write a JSON report to this file");
    conform.add_option("--markdown", args.markdown_file, "write a Markdown summary to this file");
    conform.add_option("--html", args.html_file, "write a self-contained HTML report to this file");
}

}  // namespace

ConformCommand::ConformCommand(CLI::App& app)
    : command_(app.add_subcommand(
          "conform", "replay request/response fixtures against a target (URL or spawned process)")),
      args_(std::make_unique<ConformArgs>()) {
    add_options(*command_, *args_);
}

ConformCommand::~ConformCommand() = default;

int ConformCommand::run() const {
    return run_conform(*args_);
}

}  // namespace taskcheck::cli
