#pragma once
// The nesting depth of JSON text, found before it is parsed: nlohmann's dump(), copies and
// comparisons recurse once per level, so a 100,000-deep body crashed the server (exit 139) on
// the first dump. Every route that parses a request body with nlohmann checks this first.
// Pure; linear in the text; strings (with their escapes) are skipped, the rest is not validated.

#include <cstddef>
#include <optional>
#include <string_view>

namespace taskcheck::server {

// Where the text first opens more than `depth_max` arrays/objects at once: the byte offset of
// that `[` or `{`, with its 1-based line and column; nullopt when it never does.
struct JsonDepthExcess {
    std::size_t offset = 0;
    std::size_t line = 1;
    std::size_t column = 1;
};
std::optional<JsonDepthExcess> json_depth_excess(std::string_view text, std::size_t depth_max);

}  // namespace taskcheck::server
