#pragma once
// Writing reports to files: the only part of reports/ that does I/O. Each format is rendered by
// its pure writer (junit_report.hpp, json_report.hpp, markdown_report.hpp, html_report.hpp) and
// written whole.
//
// File names inside the report directory (fixed, so CI configuration can name them):
//   junit -> junit.xml, json -> report.json, markdown -> report.md, html -> report.html

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/run_result.hpp"

namespace taskcheck::reports {

enum class ReportFormat { junit, json, markdown, html };

// "junit", "json", "markdown", "html".
std::string_view format_name(ReportFormat format);

// The format named `name` (as format_name spells it; "md" is accepted for markdown), or nothing.
std::optional<ReportFormat> parse_report_format(std::string_view name);

// "junit.xml", "report.json", "report.md", "report.html".
std::string_view report_file_name(ReportFormat format);

// The report text in `format`.
std::string render_report(const conformance::RunResult& result, ReportFormat format);

// Writes `result` in `format` to `path`, replacing the file. Throws InputError
// ("report-write-failed", naming the path) when the file cannot be written.
void write_report(const std::filesystem::path& path, const conformance::RunResult& result,
                  ReportFormat format);

// Creates `dir` (and parents) if needed and writes one file per format, named by
// report_file_name; returns the paths written, in the order of `formats`. A format listed twice
// is written once. Throws InputError as write_report, or "report-dir-failed" when `dir` cannot be
// created; files written before the failure stay.
std::vector<std::filesystem::path> write_reports(const std::filesystem::path& dir,
                                                 const conformance::RunResult& result,
                                                 const std::vector<ReportFormat>& formats);

}  // namespace taskcheck::reports
