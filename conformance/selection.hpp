#pragma once
// Selection: which loaded fixtures a run executes. A fixture that is not selected is reported
// skipped with the reason, so a run says what it did not check.
//  - profile: the fixture's profile must equal it ("" = any)
//  - version: must lie in the fixture's "versions" range ("" = any)
//  - tags: the fixture must have at least one of them (empty = any)
//  - exclude_tags: the fixture must have none of them
//  - filter: ECMAScript regex searched in the fixture name and in its file path

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "conformance/fixture.hpp"
#include "conformance/version_range.hpp"

namespace taskcheck::conformance {

struct Selection {
    std::string profile;
    std::string version;
    std::vector<std::string> tags;
    std::vector<std::string> exclude_tags;
    std::string filter;
    bool allow_empty = false;  // a run that selects no fixture is not an error (--allow-empty)

    // Why it cannot work (a bad version, a regex that does not compile), or nullopt.
    std::optional<std::string> validate() const;
};

// nullopt iff `fixture` is selected; otherwise the skip reason, e.g.
// "versions >=1.12 does not include 1.1". Requires: selection.validate() is nullopt.
std::optional<std::string> skip_reason(const Fixture& fixture, const Selection& selection);

// The run error for a run that would check nothing, or nullopt: `fixtures` were loaded from
// `files` files found under `paths` and `selected` of them will run. Zero selected is
// "no-fixtures: ..." (an exit-2 run error) unless selection.allow_empty.
std::optional<std::string> nothing_selected(const std::vector<std::string>& paths,
                                            std::size_t files, std::size_t fixtures,
                                            std::size_t selected, const Selection& selection);

// The fixture files under `paths`: files as given, directories searched recursively for
// *.json, each directory's files sorted by path. Throws InputError "fixture-path" for a path
// that does not exist or is neither a regular file nor a directory (a fifo, a device).
std::vector<std::string> find_fixture_files(const std::vector<std::string>& paths);

}  // namespace taskcheck::conformance
