#pragma once
// JSON Pointer (RFC 6901) reference tokens: the one escaping every error message, loader and
// matcher of taskcheck uses when it names where in a document something is.
// Deterministic: a pure function of its argument.

#include <string>
#include <string_view>

namespace taskcheck {

// `key` as one reference token: "~" becomes "~0" and "/" becomes "~1" (RFC 6901 §3), so
// "a/b~c" is "a~1b~0c". Any other byte is kept as it is.
inline std::string json_pointer_token(std::string_view key) {
    std::string out;
    out.reserve(key.size());
    for (char c : key) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace taskcheck
