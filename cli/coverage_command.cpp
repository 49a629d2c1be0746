#include "cli/coverage_command.hpp"

#include <cstdio>
#include <filesystem>

#include "conformance/coverage.hpp"
#include "conformance/coverage_report.hpp"
#include "conformance/doc_units.hpp"
#include "conformance/provenance_input.hpp"
#include "model/common/input_error.hpp"

namespace taskcheck::cli {

using namespace taskcheck::conformance;

namespace {

bool holds_documents(const std::filesystem::path& dir) {
    std::error_code error;
    if (!std::filesystem::is_directory(dir, error)) return false;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
        if (entry.is_regular_file() && entry.path().extension() == ".txt") return true;
    }
    return false;
}

// The nearest `docs/` with .txt files at or above one of `paths`; `fixtures/docs` if none.
std::string find_docs_dir(const std::vector<std::string>& paths) {
    namespace fs = std::filesystem;
    for (const std::string& path : paths) {
        std::error_code error;
        fs::path at = fs::absolute(path, error);
        for (; !error && !at.empty(); at = at.parent_path()) {
            if (holds_documents(at / "docs")) return (at / "docs").string();
            if (at == at.parent_path()) break;
        }
    }
    return "fixtures/docs";
}

int run_provenance_only(const CoverageReport& report) {
    for (const ProvenanceIssue& issue : report.issues) {
        std::printf("%s\n", issue.render().c_str());
    }
    std::printf("provenance: %zu fixtures, %zu quotes, %zu problems\n", report.fixtures,
                report.quotes, report.issues.size());
    return report.issues.empty() ? 0 : 2;
}

}  // namespace

CoverageCommand::CoverageCommand(CLI::App& app) {
    command_ = app.add_subcommand(
        "coverage",
        "check fixture provenance and list which units of the documents the fixtures cover");
    command_->add_option(
        "paths", paths_,
        "fixture files or folders (default: fixtures); *.not-covered.json files "
        "are the not-covered lists, folders named scenarios/ or docs/ are skipped");
    command_->add_option("--docs", docs_dir_,
                         "folder of the documents (default: the nearest docs/ with .txt files at "
                         "or above a path, i.e. fixtures/docs)");
    command_->add_option("--report-dir", report_dir_, "write coverage.md and coverage.json here");
    command_->add_flag("--provenance-only", provenance_only_,
                       "only check provenance: print problems and a count, exit 0 or 2");
}

int CoverageCommand::run() const {
    std::vector<std::string> paths = paths_.empty() ? std::vector<std::string>{"fixtures"} : paths_;
    std::string docs_dir = docs_dir_.empty() ? find_docs_dir(paths) : docs_dir_;
    std::vector<Document> docs = load_documents(docs_dir);
    CoverageReport report = compute_coverage(docs, collect_provenance_input(paths));
    if (provenance_only_) return run_provenance_only(report);
    std::fputs(render_coverage_text(report).c_str(), stdout);
    if (!report_dir_.empty()) {
        write_coverage_files(report_dir_, report);
        std::printf("coverage report: %s/coverage.md, %s/coverage.json\n", report_dir_.c_str(),
                    report_dir_.c_str());
    }
    return report.exit_code();
}

}  // namespace taskcheck::cli
