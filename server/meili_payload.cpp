#include "server/meili_payload.hpp"

#include <algorithm>
#include <cctype>

#include "model/meili/did_you_mean.hpp"

namespace taskcheck::server {
namespace {

using meili::ApiError;

ApiError bad(int status, std::string code, std::string message) {
    return ApiError{status, std::move(message), std::move(code), "invalid_request"};
}

// A serde_json-compatible syntax checker: the first error serde_json::from_slice::<Value> would
// report, with its message and position.
class SerdeChecker {
  public:
    explicit SerdeChecker(std::string_view text) : text_(text) {}

    std::optional<std::string> check() {
        skip_ws();
        if (!value(0)) return error_;
        skip_ws();
        if (pos_ < text_.size()) return at_char("trailing characters");
        return std::nullopt;
    }

  private:
    bool eof() const { return pos_ >= text_.size(); }
    char peek() const { return text_[pos_]; }
    void skip_ws() {
        while (!eof() && (peek() == ' ' || peek() == '\n' || peek() == '\t' || peek() == '\r'))
            ++pos_;
    }
    // serde's position of byte index `index`: 1-based line, column = bytes since the line start.
    std::string position(std::size_t index) const {
        std::size_t line = 1, line_start = 0;
        for (std::size_t i = 0; i < index && i < text_.size(); ++i)
            if (text_[i] == '\n') line += 1, line_start = i + 1;
        return " at line " + std::to_string(line) + " column " + std::to_string(index - line_start);
    }
    bool fail(std::string message, std::size_t index) {
        error_ = std::move(message) + position(index);
        return false;
    }
    std::optional<std::string> at_char(const std::string& message) {
        fail(message, pos_ + 1);
        return error_;
    }
    bool fail_here(const std::string& message) { return fail(message, pos_ + 1); }
    bool fail_eof(const std::string& message) { return fail(message, text_.size()); }

    bool value(int depth) {
        if (eof()) return fail_eof("EOF while parsing a value");
        switch (peek()) {
            case 'n':
                return ident("null");
            case 't':
                return ident("true");
            case 'f':
                return ident("false");
            case '"':
                return string();
            case '[':
                return list(depth);
            case '{':
                return object(depth);
            default:
                break;
        }
        if (peek() == '-' || std::isdigit(static_cast<unsigned char>(peek()))) return number();
        return fail_here("expected value");
    }
    bool ident(std::string_view word) {
        for (char c : word) {
            if (eof()) return fail_eof("EOF while parsing a value");
            if (peek() != c) return fail_here("expected ident");
            ++pos_;
        }
        return true;
    }
    bool digits() {
        if (eof()) return fail_eof("EOF while parsing a value");
        if (!std::isdigit(static_cast<unsigned char>(peek()))) return fail_here("invalid number");
        while (!eof() && std::isdigit(static_cast<unsigned char>(peek())))
            ++pos_;
        return true;
    }
    bool number() {
        if (peek() == '-') ++pos_;
        if (eof()) return fail_eof("EOF while parsing a value");
        if (peek() == '0') {
            ++pos_;
            if (!eof() && std::isdigit(static_cast<unsigned char>(peek())))
                return fail_here("invalid number");
        } else if (!digits()) {
            return false;
        }
        if (!eof() && peek() == '.') {
            ++pos_;
            if (!digits()) return false;
        }
        if (!eof() && (peek() == 'e' || peek() == 'E')) {
            ++pos_;
            if (!eof() && (peek() == '+' || peek() == '-')) ++pos_;
            if (!digits()) return false;
        }
        return true;
    }
    // serde_json checks a string's UTF-8 only at its closing quote (SliceRead::parse_str), so an
    // escape error before or after a bad byte wins, and the position is past the quote.
    bool string() {
        ++pos_;
        bool valid_utf8 = true;
        for (;;) {
            if (eof()) return fail_eof("EOF while parsing a string");
            const unsigned char c = static_cast<unsigned char>(peek());
            if (c == '"') {
                ++pos_;
                return valid_utf8 || fail("invalid unicode code point", pos_);
            }
            if (c < 0x20)
                return fail_here(
                    "control character (\\u0000-\\u001F) found while parsing a string");
            if (c >= 0x80) {
                const std::size_t length = utf8_sequence_length(text_.substr(pos_));
                valid_utf8 = valid_utf8 && length > 0;
                pos_ += std::max<std::size_t>(length, 1);
                continue;
            }
            ++pos_;
            if (c != '\\') continue;
            if (eof()) return fail_eof("EOF while parsing a string");
            const char e = peek();
            ++pos_;
            if (std::string_view("\"\\/bfnrt").find(e) != std::string_view::npos) continue;
            if (e != 'u') return fail(std::string("invalid escape"), pos_);
            if (!unicode_escape()) return false;
        }
    }
    // The 4 hex digits after `\u`, as serde_json's decode_hex_escape reads them.
    std::optional<unsigned> hex4() {
        unsigned n = 0;
        for (int i = 0; i < 4; ++i, ++pos_) {
            if (eof()) return fail_eof("EOF while parsing a string"), std::nullopt;
            const char h = peek();
            if (!std::isxdigit(static_cast<unsigned char>(h)))
                return fail_here("invalid escape"), std::nullopt;
            n = n * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(h))
                                                   ? h - '0'
                                                   : std::tolower(h) - 'a' + 10);
        }
        return n;
    }
    // After `\u`: a lone surrogate is an error in a string (serde_json parse_escape, validate).
    bool unicode_escape() {
        const std::optional<unsigned> first = hex4();
        if (!first) return false;
        if (*first >= 0xDC00 && *first <= 0xDFFF)
            return fail("lone leading surrogate in hex escape", pos_);
        if (*first < 0xD800 || *first > 0xDBFF) return true;
        for (const char expected : {'\\', 'u'}) {
            if (eof()) return fail_eof("EOF while parsing a string");
            const bool match = peek() == expected;
            ++pos_;
            if (!match) return fail("unexpected end of hex escape", pos_);
        }
        const std::optional<unsigned> second = hex4();
        if (!second) return false;
        if (*second < 0xDC00 || *second > 0xDFFF)
            return fail("lone leading surrogate in hex escape", pos_);
        return true;
    }
    // The length of the valid UTF-8 sequence `text` starts with, or 0 (overlong, surrogate,
    // above U+10FFFF, truncated).
    static std::size_t utf8_sequence_length(std::string_view text) {
        const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
        const unsigned char lead = byte(0);
        const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
        if (length == 0 || lead > 0xF4 || lead == 0xC0 || lead == 0xC1 || text.size() < length)
            return 0;
        for (std::size_t i = 1; i < length; ++i)
            if ((byte(i) & 0xC0) != 0x80) return 0;
        if (lead == 0xE0 && byte(1) < 0xA0) return 0;  // overlong
        if (lead == 0xED && byte(1) > 0x9F) return 0;  // U+D800..U+DFFF
        if (lead == 0xF0 && byte(1) < 0x90) return 0;  // overlong
        if (lead == 0xF4 && byte(1) > 0x8F) return 0;  // above U+10FFFF
        return length;
    }
    // serde_json's check_recursion: remaining_depth starts at 128 and the container that takes
    // it to 0 fails, at its bracket; scalars do not count.
    bool too_deep(int depth) {
        if (depth < 127) return false;
        fail_here("recursion limit exceeded");
        return true;
    }
    bool list(int depth) {
        if (too_deep(depth)) return false;
        ++pos_;
        skip_ws();
        if (!eof() && peek() == ']') return ++pos_, true;
        for (;;) {
            if (!value(depth + 1)) return false;
            skip_ws();
            if (eof()) return fail_eof("EOF while parsing a list");
            if (peek() == ']') return ++pos_, true;
            if (peek() != ',') return fail_here("expected `,` or `]`");
            ++pos_;
            skip_ws();
            if (eof()) return fail_eof("EOF while parsing a value");
            if (peek() == ']') return fail_here("trailing comma");
        }
    }
    bool object(int depth) {
        if (too_deep(depth)) return false;
        ++pos_;
        skip_ws();
        if (eof()) return fail_eof("EOF while parsing an object");
        if (peek() == '}') return ++pos_, true;
        for (;;) {
            if (peek() != '"') return fail_here("key must be a string");
            if (!string()) return false;
            skip_ws();
            if (eof()) return fail_eof("EOF while parsing an object");
            if (peek() != ':') return fail_here("expected `:`");
            ++pos_;
            skip_ws();
            if (!value(depth + 1)) return false;
            skip_ws();
            if (eof()) return fail_eof("EOF while parsing an object");
            if (peek() == '}') return ++pos_, true;
            if (peek() != ',') return fail_here("expected `,` or `}`");
            ++pos_;
            skip_ws();
            if (eof()) return fail_eof("EOF while parsing an object");
            if (peek() == '}') return fail_here("trailing comma");
        }
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    std::string error_;
};

// The media type without parameters, lower-cased: "application/json; charset=utf-8" ->
// "application/json".
std::string media_type(std::string_view header) {
    std::string out(header.substr(0, header.find(';')));
    while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back())))
        out.pop_back();
    std::size_t start = 0;
    while (start < out.size() && std::isspace(static_cast<unsigned char>(out[start])))
        ++start;
    out.erase(0, start);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool only_whitespace(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// actix's JsonConfig content-type check as Meilisearch configures it (§9.1): any `json`
// subtype or `+json` suffix passes; the message quotes the raw header ("unknown" if not ASCII).
std::optional<ApiError> json_content_type_problem(std::optional<std::string_view> header) {
    if (!header)
        return bad(415, "missing_content_type",
                   "A Content-Type header is missing. Accepted values for the Content-Type "
                   "header are: `application/json`");
    const std::string type = media_type(*header);
    const std::size_t slash = type.find('/');
    const std::string subtype = slash == std::string::npos ? "" : type.substr(slash + 1);
    if (slash != std::string::npos && slash > 0 &&
        (subtype == "json" || subtype.ends_with("+json")))
        return std::nullopt;
    const bool ascii = std::all_of(header->begin(), header->end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    return bad(415, "invalid_content_type",
               "The Content-Type `" + (ascii ? std::string(*header) : std::string("unknown")) +
                   "` is invalid. Accepted values for the Content-Type header are: "
                   "`application/json`");
}

constexpr std::string_view kAcceptedDocumentTypes =
    "`application/json`, `application/x-ndjson`, `text/csv`";

ApiError malformed_documents(const std::string& format, const std::string& message) {
    return bad(400, "malformed_payload",
               "The `" + format +
                   "` payload provided is malformed. `Couldn't serialize document "
                   "value: " +
                   message + "`.");
}

// One JSON document text to an array of objects, or the document-format error.
Result<MeiliJson, ApiError> documents_from_json(std::string_view text, const std::string& format) {
    if (auto error = serde_json_error(text)) return Err(malformed_documents(format, *error));
    MeiliJson value = MeiliJson::parse(text);
    if (value.is_object()) return MeiliJson::array({value});
    const bool objects =
        value.is_array() &&
        std::all_of(value.begin(), value.end(), [](const auto& v) { return v.is_object(); });
    if (!objects)
        return Err(malformed_documents(format, "data are neither an object nor a list of objects"));
    return value;
}

Result<MeiliJson, ApiError> documents_from_ndjson(std::string_view text) {
    MeiliJson out = MeiliJson::array();
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        if (only_whitespace(line)) continue;
        if (auto error = serde_json_error(line)) return Err(malformed_documents("ndjson", *error));
        MeiliJson document = MeiliJson::parse(line);
        if (!document.is_object())
            return Err(
                malformed_documents("ndjson", "data are neither an object nor a list of objects"));
        out.push_back(std::move(document));
        continue;
    }
    return out;
}

}  // namespace

std::optional<std::string> serde_json_error(std::string_view text) {
    return SerdeChecker(text).check();
}

Result<MeiliJson, ApiError> read_json_body(std::optional<std::string_view> content_type,
                                           std::string_view body) {
    if (auto refused = json_content_type_problem(content_type)) return Err(*refused);
    // serde's EOF at line 1 column 0, i.e. nothing at all, is the missing payload (PayloadError).
    if (body.empty()) return Err(bad(400, "missing_payload", "A json payload is missing."));
    if (auto error = serde_json_error(body))
        return Err(bad(400, "malformed_payload",
                       "The json payload provided is malformed. `" + *error + "`."));
    return MeiliJson::parse(body);
}

Result<MeiliJson, ApiError> read_documents_body(std::optional<std::string_view> content_type,
                                                std::string_view body) {
    if (!content_type)
        return Err(bad(415, "missing_content_type",
                       "A Content-Type header is missing. Accepted values for the Content-Type "
                       "header are: " +
                           std::string(kAcceptedDocumentTypes)));
    const std::string type = media_type(*content_type);
    if (type != "application/json" && type != "application/x-ndjson")
        return Err(bad(415, "invalid_content_type",
                       "The Content-Type `" + type +
                           "` is invalid. Accepted values for the "
                           "Content-Type header are: " +
                           std::string(kAcceptedDocumentTypes)));
    const bool json = type == "application/json";
    if (only_whitespace(body))
        return Err(bad(400, "missing_payload",
                       std::string("A ") + (json ? "json" : "ndjson") + " payload is missing."));
    return json ? documents_from_json(body, "json") : documents_from_ndjson(body);
}

std::optional<ApiError> csv_delimiter_content_type_problem(std::string_view content_type) {
    const std::string type = media_type(content_type);
    if (type != "application/json" && type != "application/x-ndjson") return std::nullopt;
    return bad(415, "invalid_content_type",
               "The Content-Type `" + type +
                   "` does not support the use of a csv delimiter. The csv delimiter can only be "
                   "used with the Content-Type `text/csv`.");
}

ApiError not_a_sequence(std::string_view text, const MeiliJson& value) {
    // serde_json's peek_invalid_type: a scalar is read whole first, so the position is the end
    // of the value; a map is refused on its `{`. The position is that of the next byte.
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    const std::size_t last = text.find_last_not_of(" \t\r\n");
    const std::size_t consumed = value.is_object() ? first : last + 1;
    const std::size_t index = std::min(text.size(), consumed + 1);
    std::size_t line = 1, line_start = 0;
    for (std::size_t i = 0; i < index; ++i)
        if (text[i] == '\n') line += 1, line_start = i + 1;
    std::string unexpected;
    if (value.is_object()) unexpected = "map";
    if (value.is_null()) unexpected = "null";
    if (value.is_boolean()) unexpected = "boolean `" + value.dump() + "`";
    if (value.is_number_integer()) unexpected = "integer `" + value.dump() + "`";
    if (value.is_number_float()) unexpected = "floating point `" + value.dump() + "`";
    if (value.is_string()) unexpected = "string " + value.dump();
    return bad(400, "bad_request",
               "Json deserialize error: invalid type: " + unexpected +
                   ", expected a sequence at line " + std::to_string(line) + " column " +
                   std::to_string(index - line_start));
}

std::string json_kind(const MeiliJson& value) {
    switch (value.type()) {
        case MeiliJson::value_t::null:
            return "null";
        case MeiliJson::value_t::boolean:
            return "a boolean";
        case MeiliJson::value_t::number_unsigned:
            return "a positive integer";
        case MeiliJson::value_t::number_integer:
            return value.get<std::int64_t>() < 0 ? "a negative integer" : "a positive integer";
        case MeiliJson::value_t::number_float:
            return "a number";
        case MeiliJson::value_t::string:
            return "a string";
        case MeiliJson::value_t::array:
            return "an array";
        case MeiliJson::value_t::object:
            return "an object";
        default:
            return "a value";
    }
}

ApiError invalid_value_type(std::string_view code, std::string_view location,
                            std::string_view expected, const MeiliJson& found) {
    std::string at = location.empty() ? "" : " at `" + std::string(location) + "`";
    return bad(400, std::string(code),
               "Invalid value type" + at + ": expected " + std::string(expected) + ", but found " +
                   (found.is_null() ? "null" : json_kind(found) + ": `" + found.dump() + "`"));
}

ApiError invalid_value(std::string_view code, std::string_view location, std::string_view problem) {
    std::string at = location.empty() ? "" : " at `" + std::string(location) + "`";
    return bad(400, std::string(code), "Invalid value" + at + ": " + std::string(problem));
}

ApiError missing_field(std::string_view code, std::string_view location, std::string_view field) {
    std::string inside = location.empty() ? "" : " inside `" + std::string(location) + "`";
    return bad(400, std::string(code), "Missing field `" + std::string(field) + "`" + inside);
}

ApiError unknown_field(std::string_view location, std::string_view field,
                       std::span<const std::string_view> accepted) {
    std::string inside = location.empty() ? "" : " inside `" + std::string(location) + "`";
    std::string list;
    for (std::string_view key : accepted)
        list += (list.empty() ? "`" : ", `") + std::string(key) + "`";
    return bad(400, "bad_request",
               "Unknown field `" + std::string(field) + "`" + inside + ": " +
                   meili::did_you_mean(accepted, field) + "expected one of " + list);
}

}  // namespace taskcheck::server
