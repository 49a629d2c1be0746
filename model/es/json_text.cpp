#include "model/es/json_text.hpp"

#include <array>
#include <charconv>
#include <cstdint>

namespace taskcheck::es {

namespace {

// 1 for the bytes Jackson escapes: '"', '\\' and the control characters.
constexpr std::array<std::uint8_t, 256> escape_table() {
    std::array<std::uint8_t, 256> table{};
    for (int b = 0; b < 0x20; ++b)
        table[b] = 1;
    table['"'] = 1;
    table['\\'] = 1;
    return table;
}
constexpr std::array<std::uint8_t, 256> kNeedsEscape = escape_table();

void append_escape(std::string& out, unsigned char byte) {
    static const char kHex[] = "0123456789ABCDEF";
    switch (byte) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            out += "\\u00";
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 0xF]);
    }
}

// Appends "<node>:<number>" (no quotes).
void append_task_id(std::string& out, std::string_view node, std::int64_t number) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, number);
    append_json_chars(out, node);
    out.push_back(':');
    out.append(buf, end);
}

}  // namespace

void append_json_chars(std::string& out, std::string_view text) {
    std::size_t run = 0;  // start of the pending run of characters that need no escape
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (kNeedsEscape[byte] == 0) continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        append_escape(out, byte);
    }
    out.append(text.data() + run, text.size() - run);
}

void append_json_string(std::string& out, std::string_view text) {
    out.push_back('"');
    append_json_chars(out, text);
    out.push_back('"');
}

void JsonText::separate() {
    if (need_comma_) out_.push_back(',');
    need_comma_ = false;
}

void JsonText::open(char bracket) {
    separate();
    out_.push_back(bracket);
}

void JsonText::close(char bracket) {
    out_.push_back(bracket);
    need_comma_ = true;
}

void JsonText::key(std::string_view name) {
    separate();
    append_json_string(out_, name);
    out_.push_back(':');
}

void JsonText::task_id_key(std::string_view node, std::int64_t number) {
    separate();
    out_.push_back('"');
    append_task_id(out_, node, number);
    out_ += "\":";
}

void JsonText::task_id_value(std::string_view node, std::int64_t number) {
    separate();
    out_.push_back('"');
    append_task_id(out_, node, number);
    out_.push_back('"');
    need_comma_ = true;
}

void JsonText::value(std::string_view text) {
    separate();
    append_json_string(out_, text);
    need_comma_ = true;
}

void JsonText::value(std::int64_t number) {
    separate();
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, number);
    out_.append(buf, end);
    need_comma_ = true;
}

void JsonText::value(bool flag) {
    separate();
    out_ += flag ? "true" : "false";
    need_comma_ = true;
}

void JsonText::value(const nlohmann::ordered_json& json) {
    separate();
    out_ += json.dump();
    need_comma_ = true;
}

}  // namespace taskcheck::es
