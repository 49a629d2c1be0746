#include "conformance/expectations.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "conformance/fixture_reader.hpp"
#include "model/common/input_error.hpp"

namespace taskcheck::conformance {

const KnownFailure* Expectations::find(const std::string& fixture) const {
    auto found = std::lower_bound(
        known_failures.begin(), known_failures.end(), fixture,
        [](const KnownFailure& known, const std::string& name) { return known.fixture < name; });
    return found != known_failures.end() && found->fixture == fixture ? &*found : nullptr;
}

Expectations parse_expectations(std::string_view text, const std::string& file) {
    FixtureReader reader(file, text, "expectations");
    const Json& root = reader.root();
    reader.require_object(root, "");
    reader.allow_keys(root, "", {"$schema", "known_failures"});
    if (!root.contains("known_failures") || !root["known_failures"].is_array()) {
        reader.fail("", "\"known_failures\" must be an array",
                    R"(write {"known_failures": [{"fixture": "...", "reason": "..."}]})");
    }
    Expectations expectations;
    for (std::size_t i = 0; i < root["known_failures"].size(); ++i) {
        const Json& entry = root["known_failures"][i];
        std::string at = "/known_failures/" + std::to_string(i);
        reader.require_object(entry, at);
        reader.allow_keys(entry, at, {"fixture", "reason"});
        KnownFailure known{reader.string_field(entry, at, "fixture", true),
                           reader.string_field(entry, at, "reason", true)};
        if (known.reason.empty()) {
            reader.fail(at + "/reason", "the reason must not be empty",
                        "say why it fails, e.g. the issue or the erratum");
        }
        if (expectations.find(known.fixture) != nullptr) {
            reader.fail(at + "/fixture", "\"" + known.fixture + "\" is listed twice");
        }
        auto position = std::lower_bound(
            expectations.known_failures.begin(), expectations.known_failures.end(), known.fixture,
            [](const KnownFailure& k, const std::string& name) { return k.fixture < name; });
        expectations.known_failures.insert(position, std::move(known));
    }
    return expectations;
}

Expectations load_expectations(const std::string& file) {
    std::error_code error;
    if (std::filesystem::exists(file, error) && !std::filesystem::is_regular_file(file, error)) {
        // Opening a fifo would wait for a writer for ever; a directory reads as empty.
        throw InputError("expectations-unreadable", {file, 0, ""}, "not a regular file",
                         "give the known-failures JSON file");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw InputError("expectations-unreadable", {file, 0, ""}, "cannot open the file",
                         "create it with --update-expectations");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_expectations(text.str(), file);
}

void apply_expectations(const Expectations& expectations, RunResult& run) {
    for (FixtureResult& fixture : run.fixtures) {
        const KnownFailure* known = expectations.find(fixture.name);
        if (known == nullptr) continue;
        if (fixture.outcome == Outcome::failed) {
            fixture.outcome = Outcome::known_failure;
            fixture.reason = known->reason + " (" + fixture.reason + ")";
        } else if (fixture.outcome == Outcome::passed) {
            fixture.outcome = Outcome::unexpected_pass;
            fixture.reason = "listed as a known failure (" + known->reason + ") but passed";
        }
    }
}

Expectations expectations_from_run(const RunResult& run, const Expectations& previous) {
    Expectations next;
    for (const FixtureResult& fixture : run.fixtures) {
        if (fixture.outcome != Outcome::failed && fixture.outcome != Outcome::known_failure) {
            continue;
        }
        const KnownFailure* known = previous.find(fixture.name);
        next.known_failures.push_back(
            {fixture.name, known ? known->reason : "new failure: " + fixture.reason});
    }
    std::sort(next.known_failures.begin(), next.known_failures.end(),
              [](const KnownFailure& a, const KnownFailure& b) { return a.fixture < b.fixture; });
    next.known_failures.erase(std::unique(next.known_failures.begin(), next.known_failures.end(),
                                          [](const KnownFailure& a, const KnownFailure& b) {
                                              return a.fixture == b.fixture;
                                          }),
                              next.known_failures.end());
    return next;
}

std::string render_expectations(const Expectations& expectations) {
    Json list = Json::array();
    for (const KnownFailure& known : expectations.known_failures) {
        list.push_back(Json{{"fixture", known.fixture}, {"reason", known.reason}});
    }
    Json root = Json::object();
    root["known_failures"] = list;
    return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace taskcheck::conformance
