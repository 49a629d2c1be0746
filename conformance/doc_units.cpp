#include "conformance/doc_units.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/common/assert.hpp"
#include "model/common/input_error.hpp"

namespace taskcheck::conformance {

namespace {

constexpr std::size_t heading_chars_max = 80;

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view line) {
    while (!line.empty() && is_space(line.front()))
        line.remove_prefix(1);
    while (!line.empty() && is_space(line.back()))
        line.remove_suffix(1);
    return line;
}

bool starts_with_any(std::string_view line, std::initializer_list<std::string_view> prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](std::string_view prefix) { return line.starts_with(prefix); });
}

bool is_request_line(std::string_view line) {
    for (std::string_view method : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"}) {
        if (line == method) return true;
        if (line.starts_with(method) && line.size() > method.size() + 1 &&
            line[method.size()] == ' ' && !is_space(line[method.size() + 1])) {
            return true;
        }
    }
    return false;
}

bool is_json_member(std::string_view line) {
    return line.starts_with('"') && (line.find("\":") != std::string_view::npos ||
                                     line.find("\" :") != std::string_view::npos);
}

bool is_http_status_line(std::string_view line) {
    return line.starts_with("HTTP/") && line.size() > 5 && line[5] >= '0' && line[5] <= '9';
}

bool is_example_line(std::string_view raw) {
    std::string_view line = trim(raw);
    if (line.empty()) return false;
    if (starts_with_any(line, {"{", "}", "[", "]", "curl", "* ", "public ", "protected ",
                               "private ", "return ", "@"})) {
        return true;
    }
    if (line == "*" || is_json_member(line) || is_request_line(line)) return true;
    if (is_http_status_line(line)) return true;
    char last = line.back();
    return last == '{' || last == '(' || last == ';';
}

bool is_blank(std::string_view line) {
    return trim(line).empty();
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        std::size_t end = text.find('\n');
        if (end == std::string_view::npos) end = text.size();
        lines.push_back(text.substr(0, end));
        text.remove_prefix(std::min(end + 1, text.size()));
    }
    return lines;
}

std::string doc_stem(const std::string& name) {
    return name.ends_with(".txt") ? name.substr(0, name.size() - 4) : name;
}

}  // namespace

std::string_view unit_kind_name(UnitKind kind) {
    switch (kind) {
        case UnitKind::heading:
            return "heading";
        case UnitKind::example:
            return "example";
        case UnitKind::prose:
            return "prose";
    }
    TC_ASSERT(false);
    return "";
}

std::string normalize_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (char c : text) {
        if (is_space(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += c;
    }
    return out;
}

UnitKind classify_unit(const std::vector<std::string_view>& lines) {
    TC_ASSERT(!lines.empty());
    if (std::any_of(lines.begin(), lines.end(), is_example_line)) return UnitKind::example;
    if (lines.size() != 1) return UnitKind::prose;
    std::string text = normalize_whitespace(lines.front());
    if (text.size() > heading_chars_max) return UnitKind::prose;
    char last = text.empty() ? '.' : text.back();
    bool punctuated = last == '.' || last == ':' || last == '!' || last == '?' || last == ',';
    return punctuated ? UnitKind::prose : UnitKind::heading;
}

Document split_document(const std::string& name, std::string_view text) {
    Document doc{name, {}};
    std::vector<std::string_view> lines = split_lines(text);
    std::string section;
    std::size_t i = 0;
    while (i < lines.size()) {
        if (is_blank(lines[i])) {
            ++i;
            continue;
        }
        std::size_t first = i;
        while (i < lines.size() && !is_blank(lines[i]))
            ++i;
        std::vector<std::string_view> unit_lines(lines.begin() + first, lines.begin() + i);
        DocUnit unit;
        unit.line_first = static_cast<int>(first) + 1;
        unit.line_last = static_cast<int>(i);
        unit.id = doc_stem(name) + ":" + std::to_string(unit.line_first);
        unit.kind = classify_unit(unit_lines);
        std::string joined;
        for (std::string_view line : unit_lines)
            joined.append(line).append("\n");
        unit.normalized = normalize_whitespace(joined);
        unit.section = section;
        if (unit.kind == UnitKind::heading) section = unit.normalized;
        doc.units.push_back(std::move(unit));
    }
    return doc;
}

std::vector<Document> load_documents(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code error;
    if (!fs::is_directory(dir, error)) {
        throw InputError("docs-missing", {dir, 0, ""}, "not a directory",
                         "give the folder of the vendored documents with --docs DIR "
                         "(in the repository: fixtures/docs)");
    }
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".txt") {
            files.push_back(entry.path());
        }
    }
    if (files.empty()) {
        throw InputError("docs-missing", {dir, 0, ""}, "holds no .txt document",
                         "copy the documents from shared/seeds/ into it");
    }
    std::sort(files.begin(), files.end());
    std::vector<Document> docs;
    for (const fs::path& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        docs.push_back(split_document(file.filename().string(), text.str()));
    }
    return docs;
}

}  // namespace taskcheck::conformance
