#pragma once
// JsonLineMap: the 1-based line on which each value of a JSON text starts, by JSON Pointer, so a
// semantic error found after parsing ("/steps/2/expect/status must be an integer") can name the
// line a user edits. nlohmann's parser reports positions only for syntax errors; this scanner
// walks the same text once more and records them. Object members map to the line of their key.

#include <map>
#include <string>
#include <string_view>

namespace taskcheck::conformance {

class JsonLineMap {
  public:
    // Scans `text`. Requires: `text` is valid JSON (parse it with nlohmann first).
    explicit JsonLineMap(std::string_view text);

    // The line of the value at `pointer`, or of its nearest ancestor that exists; 1 for "".
    int line_of(const std::string& pointer) const;

  private:
    std::map<std::string, int> lines_;
};

}  // namespace taskcheck::conformance
