#include "conformance/provenance_input.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "conformance/doc_units.hpp"
#include "conformance/fixture_reader.hpp"

namespace taskcheck::conformance {

namespace {

constexpr std::string_view exclusion_suffix = ".not-covered.json";

// Parses `text`, or records the syntax error in `input` and returns null.
std::unique_ptr<FixtureReader> parse(const std::string& file, const std::string& text,
                                     const std::string& id, ProvenanceInput& input) {
    try {
        return std::make_unique<FixtureReader>(file, text, id);
    } catch (const InputError& e) {
        input.issues.push_back({e.id(), e.where(), e.problem(), e.hint()});
        return nullptr;
    }
}

void add_issue(ProvenanceInput& input, const FixtureReader& reader, const std::string& id,
               const std::string& pointer, const std::string& problem, const std::string& hint) {
    input.issues.push_back({id, {reader.file(), reader.line_of(pointer), pointer}, problem, hint});
}

std::string string_at(const Json& object, const char* key) {
    auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

// Reads source.quote (a string or an array of strings) into `fixture`.
void read_quotes(const FixtureReader& reader, const Json& source, const std::string& at,
                 FixtureSource& fixture, ProvenanceInput& input) {
    const std::string id = "provenance-invalid";
    auto quote = source.find("quote");
    std::string pointer = at + "/quote";
    if (quote == source.end()) {
        add_issue(input, reader, id, at, "source has no \"quote\"",
                  "quote the sentence or example this fixture encodes, verbatim");
        return;
    }
    if (quote->is_string()) {
        fixture.quotes.push_back({quote->get<std::string>(), pointer, reader.line_of(pointer)});
        return;
    }
    if (!quote->is_array() || quote->empty()) {
        add_issue(input, reader, id, pointer, "must be a string or a non-empty array of strings",
                  "write \"quote\": \"...\" or \"quote\": [\"...\", \"...\"]");
        return;
    }
    for (std::size_t i = 0; i < quote->size(); ++i) {
        std::string item_pointer = pointer + "/" + std::to_string(i);
        if (!(*quote)[i].is_string()) {
            add_issue(input, reader, id, item_pointer, "must be a string", "");
            continue;
        }
        fixture.quotes.push_back(
            {(*quote)[i].get<std::string>(), item_pointer, reader.line_of(item_pointer)});
    }
}

void read_one_fixture(const FixtureReader& reader, const Json& root, const std::string& base,
                      ProvenanceInput& input) {
    if (!root.is_object()) {
        add_issue(input, reader, "fixture-invalid", base, "a fixture must be an object", "");
        return;
    }
    FixtureSource fixture;
    fixture.file = reader.file();
    fixture.pointer = base;
    fixture.line = reader.line_of(base);
    fixture.name = string_at(root, "name");
    fixture.erratum = !string_at(root, "erratum").empty();
    if (auto tags = root.find("tags"); tags != root.end() && tags->is_array()) {
        for (const Json& tag : *tags) {
            if (tag.is_string()) fixture.tags.push_back(tag.get<std::string>());
        }
    }
    auto source = root.find("source");
    if (source != root.end()) {
        std::string at = base + "/source";
        fixture.has_source = true;
        if (!source->is_object()) {
            add_issue(input, reader, "provenance-invalid", at, "source must be an object",
                      "write \"source\": {\"doc\": ..., \"section\": ..., \"quote\": ...}");
        } else {
            fixture.doc = string_at(*source, "doc");
            fixture.section = string_at(*source, "section");
            read_quotes(reader, *source, at, fixture, input);
        }
    }
    input.fixtures.push_back(std::move(fixture));
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void read_path(const std::filesystem::path& path, ProvenanceInput& input) {
    std::string name = path.filename().string();
    if (name.ends_with(exclusion_suffix)) {
        std::string doc = name.substr(0, name.size() - exclusion_suffix.size()) + ".txt";
        read_exclusions(path.string(), doc, read_file(path), input);
    } else {
        read_fixture_sources(path.string(), read_file(path), input);
    }
}

}  // namespace

std::string ProvenanceIssue::render() const {
    return render_input_error(id, where, problem, hint);
}

void read_fixture_sources(const std::string& file, const std::string& text,
                          ProvenanceInput& input) {
    std::unique_ptr<FixtureReader> reader = parse(file, text, "fixture", input);
    if (!reader) return;
    const Json& root = reader->root();
    if (!root.is_array()) {
        read_one_fixture(*reader, root, "", input);
        return;
    }
    for (std::size_t i = 0; i < root.size(); ++i) {
        read_one_fixture(*reader, root[i], "/" + std::to_string(i), input);
    }
}

void read_exclusions(const std::string& file, const std::string& doc, const std::string& text,
                     ProvenanceInput& input) {
    const std::string id = "not-covered-invalid";
    std::unique_ptr<FixtureReader> reader = parse(file, text, "not-covered", input);
    if (!reader) return;
    const Json& root = reader->root();
    if (!root.is_array()) {
        add_issue(input, *reader, id, "", "must be a JSON array of {\"quote\", \"why\"}", "");
        return;
    }
    for (std::size_t i = 0; i < root.size(); ++i) {
        std::string at = "/" + std::to_string(i);
        const Json& entry = root[i];
        if (!entry.is_object()) {
            add_issue(input, *reader, id, at, "an entry must be an object",
                      "write {\"quote\": \"...\", \"why\": \"...\"}");
            continue;
        }
        Exclusion exclusion{file,
                            at,
                            reader->line_of(at),
                            doc,
                            string_at(entry, "quote"),
                            string_at(entry, "section"),
                            string_at(entry, "why")};
        if (normalize_whitespace(exclusion.quote).empty()) {
            add_issue(input, *reader, id, at + "/quote", "the quote is missing or empty",
                      "copy the passage this entry excludes, verbatim");
            continue;
        }
        if (normalize_whitespace(exclusion.why).empty()) {
            add_issue(input, *reader, id, at + "/why", "the why is missing or empty",
                      "say why no fixture covers this passage (and where it is checked, if it is)");
            continue;
        }
        input.exclusions.push_back(std::move(exclusion));
    }
}

ProvenanceInput collect_provenance_input(const std::vector<std::string>& roots) {
    namespace fs = std::filesystem;
    ProvenanceInput input;
    for (const std::string& root : roots) {
        std::error_code error;
        if (!fs::exists(root, error)) {
            throw InputError("coverage-input", {root, 0, ""}, "no such file or folder",
                             "give fixture folders, e.g. fixtures");
        }
        std::vector<fs::path> files;
        if (fs::is_regular_file(root)) files.push_back(root);
        auto it = fs::recursive_directory_iterator(root, error);
        for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
            std::string name = it->path().filename().string();
            if (it->is_directory() && (name == "scenarios" || name == "docs")) {
                it.disable_recursion_pending();
            } else if (it->is_regular_file() && it->path().extension() == ".json") {
                files.push_back(it->path());
            }
        }
        std::sort(files.begin(), files.end());
        for (const fs::path& file : files)
            read_path(file, input);
    }
    return input;
}

}  // namespace taskcheck::conformance
