#include "reports/report_files.hpp"

#include <algorithm>
#include <fstream>
#include <system_error>

#include "model/common/input_error.hpp"
#include "reports/html_report.hpp"
#include "reports/json_report.hpp"
#include "reports/junit_report.hpp"
#include "reports/markdown_report.hpp"

namespace taskcheck::reports {

std::string_view format_name(ReportFormat format) {
    switch (format) {
        case ReportFormat::junit:
            return "junit";
        case ReportFormat::json:
            return "json";
        case ReportFormat::markdown:
            return "markdown";
        case ReportFormat::html:
            return "html";
    }
    return "unknown";
}

std::optional<ReportFormat> parse_report_format(std::string_view name) {
    for (ReportFormat format :
         {ReportFormat::junit, ReportFormat::json, ReportFormat::markdown, ReportFormat::html}) {
        if (name == format_name(format)) return format;
    }
    if (name == "md") return ReportFormat::markdown;
    return std::nullopt;
}

std::string_view report_file_name(ReportFormat format) {
    switch (format) {
        case ReportFormat::junit:
            return "junit.xml";
        case ReportFormat::json:
            return "report.json";
        case ReportFormat::markdown:
            return "report.md";
        case ReportFormat::html:
            return "report.html";
    }
    return "report.txt";
}

std::string render_report(const conformance::RunResult& result, ReportFormat format) {
    switch (format) {
        case ReportFormat::junit:
            return render_junit(result);
        case ReportFormat::json:
            return render_json(result);
        case ReportFormat::markdown:
            return render_markdown(result);
        case ReportFormat::html:
            return render_html(result);
    }
    return "";
}

void write_report(const std::filesystem::path& path, const conformance::RunResult& result,
                  ReportFormat format) {
    std::string text = render_report(result, format);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
        throw InputError("report-write-failed", InputLocation{path.string(), 0, ""},
                         "cannot write the " + std::string(format_name(format)) + " report",
                         "check that the directory exists and is writable");
    }
}

std::vector<std::filesystem::path> write_reports(const std::filesystem::path& dir,
                                                 const conformance::RunResult& result,
                                                 const std::vector<ReportFormat>& formats) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) {
        throw InputError("report-dir-failed", InputLocation{dir.string(), 0, ""},
                         "cannot create the report directory: " + error.message(),
                         "choose a writable --report-dir");
    }
    std::vector<std::filesystem::path> written;
    for (ReportFormat format : formats) {
        std::filesystem::path path = dir / report_file_name(format);
        if (std::find(written.begin(), written.end(), path) != written.end()) continue;
        write_report(path, result, format);
        written.push_back(path);
    }
    return written;
}

}  // namespace taskcheck::reports
