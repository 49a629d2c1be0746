#include "conformance/fixture_loader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "conformance/fixture_step_reader.hpp"
#include "model/common/input_error.hpp"

namespace taskcheck::conformance {

namespace {

Provenance read_source(const FixtureReader& reader, const Json& root, const std::string& base) {
    Provenance provenance;
    if (root.contains("source")) {
        const Json& source = root["source"];
        std::string at = base + "/source";
        reader.require_object(source, at);
        reader.allow_keys(source, at, {"doc", "section", "quote"});
        provenance.doc = reader.string_field(source, at, "doc", true);
        provenance.section = reader.string_field(source, at, "section", false);
        // A quote may be several passages (docs/fixture-format.md); reports show them joined.
        for (const std::string& quote : reader.string_or_strings_field(source, at, "quote")) {
            provenance.quote += (provenance.quote.empty() ? "" : " … ") + quote;
        }
    }
    provenance.erratum = reader.string_field(root, base, "erratum", false);
    return provenance;
}

std::vector<std::string> read_tags(const FixtureReader& reader, const Json& root,
                                   const std::string& base) {
    std::vector<std::string> tags;
    if (!root.contains("tags")) return tags;
    if (!root["tags"].is_array()) reader.fail(base + "/tags", "must be an array of strings");
    for (std::size_t i = 0; i < root["tags"].size(); ++i) {
        const Json& tag = root["tags"][i];
        if (!tag.is_string() || tag.get<std::string>().empty()) {
            reader.fail(base + "/tags/" + std::to_string(i), "a tag must be a non-empty string");
        }
        tags.push_back(tag.get<std::string>());
    }
    return tags;
}

void read_steps(const FixtureReader& reader, const Json& root, const std::string& base,
                const char* key, Phase phase, Fixture& fixture, Variables& known) {
    std::string pointer = base + "/" + key;
    if (!root.contains(key)) {
        if (phase == Phase::main) reader.fail(base, "missing required key \"steps\"");
        return;
    }
    const Json& steps = root[key];
    if (!steps.is_array() || (phase == Phase::main && steps.empty())) {
        reader.fail(pointer, phase == Phase::main ? "must be a non-empty array of steps"
                                                  : "must be an array of steps");
    }
    for (std::size_t i = 0; i < steps.size(); ++i) {
        fixture.steps.push_back(read_step(reader, steps[i], pointer + "/" + std::to_string(i),
                                          phase, fixture.profile, known));
    }
}

std::string read_profile(const FixtureReader& reader, const Json& root, const std::string& base) {
    std::string profile = reader.string_field(root, base, "profile", true);
    const auto& names = profile_names();
    if (std::find(names.begin(), names.end(), profile) == names.end()) {
        reader.fail(base + "/profile", "unknown profile \"" + profile + "\"",
                    "use \"meilisearch\" or \"elasticsearch\"");
    }
    return profile;
}

Fixture read_fixture(const FixtureReader& reader, const Json& root, const std::string& base) {
    reader.require_object(root, base);
    reader.allow_keys(root, base,
                      {"$schema", "name", "profile", "versions", "tags", "source", "erratum",
                       "setup", "steps", "teardown"});
    Fixture fixture;
    fixture.file = reader.file();
    fixture.name = reader.string_field(root, base, "name", true);
    if (fixture.name.empty()) reader.fail(base + "/name", "must not be empty");
    fixture.profile = read_profile(reader, root, base);
    std::string versions = reader.string_field(root, base, "versions", false);
    std::optional<VersionRange> range = VersionRange::parse(versions);
    if (!range) {
        reader.fail(base + "/versions", "\"" + versions + "\" is not a version range",
                    "write e.g. \">=1.1\", \">=1.1 <1.12\" or \"<7.17 || >=8.2\"");
    }
    fixture.versions = *range;
    fixture.tags = read_tags(reader, root, base);
    fixture.provenance = read_source(reader, root, base);
    Variables known;
    read_steps(reader, root, base, "setup", Phase::setup, fixture, known);
    read_steps(reader, root, base, "steps", Phase::main, fixture, known);
    read_steps(reader, root, base, "teardown", Phase::teardown, fixture, known);
    return fixture;
}

}  // namespace

std::vector<Fixture> parse_fixtures(std::string_view text, const std::string& file) {
    FixtureReader reader(file, text);
    const Json& root = reader.root();
    std::vector<Fixture> fixtures;
    if (!root.is_array()) {
        fixtures.push_back(read_fixture(reader, root, ""));
        return fixtures;
    }
    if (root.empty()) reader.fail("", "an array of fixtures must not be empty");
    for (std::size_t i = 0; i < root.size(); ++i) {
        fixtures.push_back(read_fixture(reader, root[i], "/" + std::to_string(i)));
    }
    return fixtures;
}

Fixture parse_fixture(std::string_view text, const std::string& file) {
    std::vector<Fixture> fixtures = parse_fixtures(text, file);
    if (fixtures.size() != 1) {
        throw InputError("fixture-invalid", {file, 1, ""},
                         "holds " + std::to_string(fixtures.size()) + " fixtures, expected one");
    }
    return std::move(fixtures.front());
}

std::vector<Fixture> load_fixtures(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw InputError("fixture-unreadable", {file, 0, ""}, "cannot open the file",
                         "check the path and its permissions");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_fixtures(text.str(), file);
}

}  // namespace taskcheck::conformance
