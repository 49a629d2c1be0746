#pragma once
// JsonText: appends compact JSON text to a string, the way Elasticsearch's default (non-pretty)
// REST output looks. Used where a response can hold thousands of tasks and building an
// nlohmann::ordered_json tree first would dominate the time (bench: es.list_parents_10k_ms).
// The caller keeps the structure right (keys inside objects, commas via the `first` flags);
// strings are escaped like Jackson: `"`, `\`, and control characters (\n, \t, ... \u00XX).
// Deterministic: pure string building.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "model/common/assert.hpp"

namespace taskcheck::es {

class JsonText {
  public:
    std::string& out() { return out_; }
    std::string take() { return std::move(out_); }

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    // "key": — then exactly one value or begin_*.
    void key(std::string_view name);
    // The same for a string literal, which is written without escaping: every literal key in
    // our renderers is plain ASCII (this spares the scan on the hot path of large listings).
    template <std::size_t N>
    void key(const char (&name)[N]) {
#ifndef NDEBUG
        for (std::size_t i = 0; i + 1 < N; ++i)
            TC_ASSERT(static_cast<unsigned char>(name[i]) >= 0x20 && name[i] != '"' &&
                      name[i] != '\\');
#endif
        separate();
        out_.push_back('"');
        out_.append(name, N - 1);
        out_.append("\":", 2);
    }
    // "<node>:<number>": — a task id as a key, without building the string first.
    void task_id_key(std::string_view node, std::int64_t number);
    void value(std::string_view text);
    void value(const char* text) {
        value(std::string_view(text));
    }
    void value(const std::string& text) {
        value(std::string_view(text));
    }
    void value(int number) {
        value(static_cast<std::int64_t>(number));
    }
    void value(std::int64_t number);
    void value(bool flag);
    void value(const nlohmann::ordered_json& json);
    // "<node>:<number>" as a string value.
    void task_id_value(std::string_view node, std::int64_t number);

    // Shorthands for key(name) + value(v).
    template <typename T>
    void field(std::string_view name, const T& v) {
        key(name);
        value(v);
    }
    template <std::size_t N, typename T>
    void field(const char (&name)[N], const T& v) {
        key(name);
        value(v);
    }

  private:
    void separate();
    void open(char bracket);
    void close(char bracket);

    std::string out_;
    bool need_comma_ = false;
};

// Appends `text` as a quoted, escaped JSON string.
void append_json_string(std::string& out, std::string_view text);
// Appends `text` escaped, without the quotes.
void append_json_chars(std::string& out, std::string_view text);

}  // namespace taskcheck::es
