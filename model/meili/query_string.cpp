#include "model/meili/query_string.hpp"

#include <map>
#include <optional>

namespace taskcheck::meili {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

std::optional<unsigned> hex_value(char c) {
    if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<unsigned>(c - 'A' + 10);
    return std::nullopt;
}

// `+` -> space and `%XX` -> byte, on raw bytes (the result may be invalid UTF-8).
std::string percent_decode_bytes(std::string_view component) {
    std::string out;
    out.reserve(component.size());
    for (std::size_t i = 0; i < component.size(); ++i) {
        char c = component[i];
        if (c == '+') {
            out += ' ';
            continue;
        }
        bool escape = c == '%' && i + 2 < component.size();
        std::optional<unsigned> high = escape ? hex_value(component[i + 1]) : std::nullopt;
        std::optional<unsigned> low = escape ? hex_value(component[i + 2]) : std::nullopt;
        if (high && low) {
            out += static_cast<char>(*high * 16 + *low);
            i += 2;
            continue;
        }
        out += c;
    }
    return out;
}

struct ByteRange {
    unsigned char low;
    unsigned char high;
};

// The accepted range of the second byte of a sequence led by `lead` (Unicode Table 3-7), and the
// sequence length; length 0 for a byte that can never start a sequence.
std::size_t sequence_length(unsigned char lead, ByteRange& second) {
    second = {0x80, 0xBF};
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead == 0xE0) second = {0xA0, 0xBF};
    if (lead == 0xED) second = {0x80, 0x9F};
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead == 0xF0) second = {0x90, 0xBF};
    if (lead == 0xF4) second = {0x80, 0x8F};
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

// Length of the valid prefix of the sequence starting at `pos`: its full length when it is
// complete and valid, else the length of its maximal valid subpart (at least 1 byte is consumed
// by the caller either way).
std::size_t valid_prefix(std::string_view bytes, std::size_t pos, std::size_t length,
                         ByteRange second) {
    std::size_t k = 1;
    for (; k < length && pos + k < bytes.size(); ++k) {
        auto b = static_cast<unsigned char>(bytes[pos + k]);
        ByteRange range = k == 1 ? second : ByteRange{0x80, 0xBF};
        if (b < range.low || b > range.high) break;
    }
    return k;
}

// String::from_utf8_lossy: each maximal invalid subpart becomes one U+FFFD.
std::string utf8_lossy(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        ByteRange second;
        std::size_t length = sequence_length(static_cast<unsigned char>(bytes[pos]), second);
        if (length == 0) {
            out += kReplacement;
            pos += 1;
            continue;
        }
        std::size_t valid = valid_prefix(bytes, pos, length, second);
        if (valid == length) {
            out += bytes.substr(pos, length);
        } else {
            out += kReplacement;
        }
        pos += valid;
    }
    return out;
}

}  // namespace

std::string form_decode(std::string_view component) {
    return utf8_lossy(percent_decode_bytes(component));
}

std::vector<QueryParam> decode_query_pairs(std::string_view raw) {
    std::vector<QueryParam> pairs;
    std::size_t start = 0;
    while (start <= raw.size()) {
        std::size_t end = raw.find('&', start);
        if (end == std::string_view::npos) end = raw.size();
        std::string_view piece = raw.substr(start, end - start);
        start = end + 1;
        if (piece.empty()) continue;
        std::size_t eq = piece.find('=');
        std::string_view key = piece.substr(0, eq);
        std::string_view value = eq == std::string_view::npos ? "" : piece.substr(eq + 1);
        pairs.push_back(QueryParam{form_decode(key), form_decode(value)});
    }
    return pairs;
}

std::vector<QueryParam> parse_query_string(std::string_view raw) {
    std::vector<QueryParam> merged;
    std::map<std::string, std::size_t> position;  // key -> index in `merged`
    for (QueryParam& pair : decode_query_pairs(raw)) {
        auto [slot, inserted] = position.emplace(pair.key, merged.size());
        if (inserted) {
            merged.push_back(std::move(pair));
        } else {
            merged[slot->second].value = std::move(pair.value);
        }
    }
    return merged;
}

}  // namespace taskcheck::meili
