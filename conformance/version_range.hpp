#pragma once
// VersionRange: which versions of the system under test a fixture applies to.
//
// Syntax (docs/fixture-format.md "versions"):
//   range        := "" | "*" | alternative ("||" alternative)*
//   alternative  := comparator (" " comparator)*      all must hold
//   comparator   := op? version                        op is one of >= > <= < =  (none means =)
//   version      := number ("." number)*               missing parts count as 0 (1.1 == 1.1.0)
// Examples: ">=1.1", ">=1.1 <1.12", "<7.17 || >=8.2", "=1.1.1", "*".
// An empty range or "*" contains every version. Pure value type; no I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taskcheck::conformance {

using Version = std::vector<long>;

// Parses "1.11.3" into {1, 11, 3}; nullopt iff the text is not dot-separated decimal numbers.
std::optional<Version> parse_version(std::string_view text);

// -1, 0, 1 as a <, ==, > b, padding the shorter one with zeros.
int compare_versions(const Version& a, const Version& b);

struct VersionComparator {
    enum class Op { eq, lt, le, gt, ge } op = Op::eq;
    Version version;
};

class VersionRange {
  public:
    // Parses `text`; nullopt iff it does not follow the syntax above (the caller reports where).
    static std::optional<VersionRange> parse(std::string_view text);

    // True iff some alternative holds entirely for `version`.
    bool contains(const Version& version) const;
    const std::string& text() const { return text_; }

  private:
    std::string text_;
    std::vector<std::vector<VersionComparator>> alternatives_;  // empty: everything
};

}  // namespace taskcheck::conformance
