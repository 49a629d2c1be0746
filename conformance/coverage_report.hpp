#pragma once
// CoverageReport renderings: the console listing, coverage.md and coverage.json
// (docs/coverage.md shows each). All three list every unit of every document in document order,
// with its line, kind and first characters; covered units name their fixtures (errata marked),
// excluded ones their why, uncovered ones say so. The console text ends with the provenance
// problems, then the summary line alone on the last line.
// Deterministic: pure functions of the report.

#include <nlohmann/json.hpp>
#include <string>

#include "conformance/coverage.hpp"

namespace taskcheck::conformance {

// The first `chars` bytes of `text`, cut at a UTF-8 character boundary, "…" appended when cut.
std::string unit_excerpt(const std::string& text, std::size_t chars = 70);

std::string render_coverage_text(const CoverageReport& report);
std::string render_coverage_markdown(const CoverageReport& report);
nlohmann::ordered_json coverage_to_json(const CoverageReport& report);

// Writes <dir>/coverage.md and <dir>/coverage.json, creating `dir`.
// Throws InputError "report-write-failed" when a file cannot be written.
void write_coverage_files(const std::string& dir, const CoverageReport& report);

}  // namespace taskcheck::conformance
