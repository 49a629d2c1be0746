#include "conformance/coverage_report.hpp"

#include <filesystem>
#include <fstream>

#include "model/common/input_error.hpp"

namespace taskcheck::conformance {

namespace {

std::string pad(std::string_view text, std::size_t width) {
    std::string out(text);
    if (out.size() < width) out.append(width - out.size(), ' ');
    return out;
}

std::string counts_text(const CoverageCounts& counts) {
    return std::to_string(counts.covered) + " of " + std::to_string(counts.units) +
           " units covered, " + std::to_string(counts.excluded) + " excluded with a reason, " +
           std::to_string(counts.uncovered) + " uncovered";
}

std::string fixture_label(const CoveringFixture& fixture) {
    return fixture.name + (fixture.erratum ? " [erratum]" : "");
}

std::string fixture_list(const UnitCoverage& unit) {
    std::string out;
    for (const CoveringFixture& fixture : unit.fixtures) {
        out += (out.empty() ? "" : "; ") + fixture_label(fixture);
    }
    return out;
}

std::string why_list(const UnitCoverage& unit) {
    std::string out;
    for (const std::string& why : unit.whys)
        out += (out.empty() ? "" : "; ") + why;
    return out;
}

std::string status_label(UnitStatus status) {
    return status == UnitStatus::uncovered ? "UNCOVERED" : std::string(unit_status_name(status));
}

void append_text_unit(const UnitCoverage& unit, std::string& out) {
    out += "  " + pad(status_label(unit.status), 10) +
           pad("L" + std::to_string(unit.unit.line_first), 6) +
           pad(unit_kind_name(unit.unit.kind), 8) + unit_excerpt(unit.unit.normalized) + "\n";
    const std::string indent(12, ' ');
    if (!unit.fixtures.empty()) out += indent + "by " + fixture_list(unit) + "\n";
    if (unit.status == UnitStatus::excluded) out += indent + "why: " + why_list(unit) + "\n";
}

// Markdown table cell text: no line breaks, and characters that would start markup escaped.
std::string md_cell(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '|' || c == '*' || c == '_' || c == '`' || c == '<' || c == '[' || c == '\\') {
            out += '\\';
        }
        out += c == '\n' ? ' ' : c;
    }
    return out;
}

std::string md_unit_row(const UnitCoverage& unit) {
    std::string detail;
    for (const CoveringFixture& fixture : unit.fixtures) {
        detail += (detail.empty() ? "" : "<br>") + md_cell(fixture.name) + " (" +
                  md_cell(fixture.file) + ")" + (fixture.erratum ? " **erratum**" : "");
    }
    if (unit.status == UnitStatus::excluded) detail = md_cell(why_list(unit));
    std::string status = unit.status == UnitStatus::uncovered
                             ? "**uncovered**"
                             : std::string(unit_status_name(unit.status));
    return "| " + std::to_string(unit.unit.line_first) + " | " +
           std::string(unit_kind_name(unit.unit.kind)) + " | " + status + " | " +
           md_cell(unit_excerpt(unit.unit.normalized)) + " | " + detail + " |\n";
}

nlohmann::ordered_json unit_json(const UnitCoverage& unit) {
    nlohmann::ordered_json fixtures = nlohmann::ordered_json::array();
    for (const CoveringFixture& fixture : unit.fixtures) {
        fixtures.push_back(
            {{"name", fixture.name}, {"file", fixture.file}, {"erratum", fixture.erratum}});
    }
    return {{"id", unit.unit.id},
            {"lines", {unit.unit.line_first, unit.unit.line_last}},
            {"kind", unit_kind_name(unit.unit.kind)},
            {"section", unit.unit.section},
            {"status", unit_status_name(unit.status)},
            {"text", unit.unit.normalized},
            {"fixtures", fixtures},
            {"why", unit.whys}};
}

nlohmann::ordered_json counts_json(const CoverageCounts& counts) {
    return {{"units", counts.units},
            {"covered", counts.covered},
            {"excluded", counts.excluded},
            {"uncovered", counts.uncovered},
            {"headings", counts.headings}};
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
        throw InputError("report-write-failed", {path.string(), 0, ""}, "cannot write the file",
                         "check the report directory and its permissions");
    }
}

}  // namespace

std::string unit_excerpt(const std::string& text, std::size_t chars) {
    if (text.size() <= chars) return text;
    std::size_t cut = chars;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return text.substr(0, cut) + "…";
}

std::string render_coverage_text(const CoverageReport& report) {
    std::string out;
    for (const DocCoverage& doc : report.docs) {
        out += "== " + doc.doc + ": " + counts_text(doc.counts) + "\n";
        for (const UnitCoverage& unit : doc.units)
            append_text_unit(unit, out);
    }
    if (!report.issues.empty()) {
        out += "provenance: " + std::to_string(report.issues.size()) + " problem" +
               (report.issues.size() == 1 ? "" : "s") + " (the coverage above ignores them)\n";
        for (const ProvenanceIssue& issue : report.issues)
            out += issue.render() + "\n";
    }
    out += report.summary_line() + "\n";
    return out;
}

std::string render_coverage_markdown(const CoverageReport& report) {
    std::string out = "# Document coverage\n\n" + report.summary_line() + " (" +
                      std::to_string(report.fixtures) + " fixtures, " +
                      std::to_string(report.quotes) + " quotes).\n";
    for (const DocCoverage& doc : report.docs) {
        out += "\n## " + doc.doc + "\n\n" + counts_text(doc.counts) + ".\n\n";
        out += "| line | kind | status | text | fixtures or why |\n|---|---|---|---|---|\n";
        for (const UnitCoverage& unit : doc.units)
            out += md_unit_row(unit);
    }
    if (!report.issues.empty()) {
        out += "\n## Provenance problems\n\n";
        for (const ProvenanceIssue& issue : report.issues) {
            out += "- " + md_cell(issue.render()) + "\n";
        }
    }
    return out;
}

nlohmann::ordered_json coverage_to_json(const CoverageReport& report) {
    nlohmann::ordered_json summary = counts_json(report.total);
    summary["fixtures"] = report.fixtures;
    summary["quotes"] = report.quotes;
    summary["problems"] = report.issues.size();
    nlohmann::ordered_json docs = nlohmann::ordered_json::array();
    for (const DocCoverage& doc : report.docs) {
        nlohmann::ordered_json units = nlohmann::ordered_json::array();
        for (const UnitCoverage& unit : doc.units)
            units.push_back(unit_json(unit));
        docs.push_back({{"doc", doc.doc}, {"counts", counts_json(doc.counts)}, {"units", units}});
    }
    nlohmann::ordered_json problems = nlohmann::ordered_json::array();
    for (const ProvenanceIssue& issue : report.issues)
        problems.push_back(issue.render());
    return {{"summary", summary}, {"documents", docs}, {"problems", problems}};
}

void write_coverage_files(const std::string& dir, const CoverageReport& report) {
    namespace fs = std::filesystem;
    std::error_code error;
    fs::create_directories(dir, error);
    if (error) {
        throw InputError("report-write-failed", {dir, 0, ""},
                         "cannot create the folder: " + error.message(),
                         "check the path and its permissions");
    }
    write_file(fs::path(dir) / "coverage.md", render_coverage_markdown(report));
    write_file(fs::path(dir) / "coverage.json", coverage_to_json(report).dump(2) + "\n");
}

}  // namespace taskcheck::conformance
