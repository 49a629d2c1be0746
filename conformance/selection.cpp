#include "conformance/selection.hpp"

#include <algorithm>
#include <boost/filesystem.hpp>

#include "model/common/input_error.hpp"

namespace fs = boost::filesystem;

namespace taskcheck::conformance {

namespace {

bool has_tag(const Fixture& fixture, const std::string& tag) {
    return std::find(fixture.tags.begin(), fixture.tags.end(), tag) != fixture.tags.end();
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& word : words)
        out += (out.empty() ? "" : ",") + word;
    return out;
}

}  // namespace

std::optional<std::string> Selection::validate() const {
    if (!version.empty() && !parse_version(version)) {
        return "--version \"" + version + "\" is not a version such as 1.1 or 8.11.3";
    }
    try {
        std::regex check(filter);
    } catch (const std::regex_error& e) {
        return "--filter \"" + filter + "\" is not a regular expression: " + e.what();
    }
    return std::nullopt;
}

std::optional<std::string> skip_reason(const Fixture& fixture, const Selection& selection) {
    if (!selection.profile.empty() && fixture.profile != selection.profile) {
        return "profile " + fixture.profile + " is not " + selection.profile;
    }
    if (!selection.version.empty() &&
        !fixture.versions.contains(*parse_version(selection.version))) {
        return "versions " + fixture.versions.text() + " does not include " + selection.version;
    }
    if (!selection.tags.empty() &&
        std::none_of(selection.tags.begin(), selection.tags.end(),
                     [&](const std::string& tag) { return has_tag(fixture, tag); })) {
        return "has none of the tags " + joined(selection.tags);
    }
    for (const std::string& tag : selection.exclude_tags) {
        if (has_tag(fixture, tag)) return "has excluded tag " + tag;
    }
    if (!selection.filter.empty()) {
        std::regex filter(selection.filter);
        if (!std::regex_search(fixture.name, filter) && !std::regex_search(fixture.file, filter)) {
            return "does not match --filter " + selection.filter;
        }
    }
    return std::nullopt;
}

std::optional<std::string> nothing_selected(const std::vector<std::string>& paths,
                                            std::size_t files, std::size_t fixtures,
                                            std::size_t selected, const Selection& selection) {
    if (selected > 0 || selection.allow_empty) return std::nullopt;
    const std::string allow = ", or pass --allow-empty if an empty run is fine";
    if (files == 0) {
        return "no-fixtures: no *.json fixture file under " + joined(paths) + "; check the paths" +
               allow;
    }
    return "no-fixtures: none of the " + std::to_string(fixtures) +
           " fixtures was selected (each is reported skipped with its reason); check --profile, "
           "--version, --tags, --exclude-tags and --filter" +
           allow;
}

// What a path that is neither a regular file nor a directory is, for the message.
std::string kind_of_path(const fs::file_status& status) {
    switch (status.type()) {
        case fs::file_not_found:
            return "no such file or directory";
        case fs::fifo_file:
            return "a fifo, not a regular file or directory";
        case fs::socket_file:
            return "a socket, not a regular file or directory";
        case fs::block_file:
        case fs::character_file:
            return "a device, not a regular file or directory";
        default:
            return "not a regular file or directory";
    }
}

std::vector<std::string> find_fixture_files(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    for (const std::string& path : paths) {
        boost::system::error_code ec;
        if (fs::is_regular_file(path, ec)) {
            files.push_back(path);
            continue;
        }
        if (!fs::is_directory(path, ec)) {
            throw InputError("fixture-path", {path, 0, ""}, kind_of_path(fs::status(path, ec)),
                             "give fixture files or directories that hold them");
        }
        std::vector<std::string> found;
        for (fs::recursive_directory_iterator it(path), end; it != end; ++it) {
            if (fs::is_regular_file(it->path()) && it->path().extension() == ".json") {
                found.push_back(it->path().string());
            }
        }
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

}  // namespace taskcheck::conformance
