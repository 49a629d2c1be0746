#include "sim/trace.hpp"

#include <charconv>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "model/common/assert.hpp"
#include "model/common/input_error.hpp"
#include "sim/clock.hpp"

namespace taskcheck::sim {

namespace {

bool is_identifier(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text) {
        const bool ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok) return false;
    }
    return true;
}

template <typename Int>
void append_int(std::string& out, Int value) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void append_escaped(std::string& out, std::string_view text) {
    out += '"';
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
            out += buffer;
        } else {
            out += c;
        }
    }
    out += '"';
}

std::uint64_t fnv1a_continue(std::uint64_t hash, std::string_view bytes) {
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

}  // namespace

void TraceLine::key(std::string_view key) {
    TC_ASSERT(is_identifier(key));
    std::string& out = trace_.current_;
    out += ",\"";
    out += key;
    out += "\":";
}

TraceLine& TraceLine::field(std::string_view key, std::int64_t value) {
    this->key(key);
    append_int(trace_.current_, value);
    return *this;
}

TraceLine& TraceLine::field(std::string_view key, std::uint64_t value) {
    this->key(key);
    append_int(trace_.current_, value);
    return *this;
}

TraceLine& TraceLine::field(std::string_view key, bool value) {
    this->key(key);
    trace_.current_ += value ? "true" : "false";
    return *this;
}

TraceLine& TraceLine::field(std::string_view key, std::string_view value) {
    this->key(key);
    append_escaped(trace_.current_, value);
    return *this;
}

TraceLine& TraceLine::raw(std::string_view key, std::string_view json) {
    TC_ASSERT(!json.empty());
    this->key(key);
    trace_.current_ += json;
    return *this;
}

void TraceLine::end() {
    trace_.finish_line();
}

TraceLine Trace::begin(Nanos at, NodeId node, std::string_view kind) {
    TC_ASSERT(enabled());
    TC_ASSERT(!open_);
    TC_ASSERT(is_identifier(kind));
    open_ = true;
    current_.clear();
    current_ += "{\"i\":";
    append_int(current_, count_);
    current_ += ",\"t\":";
    append_int(current_, at);
    if (node != kNoNode) {
        current_ += ",\"node\":";
        append_int(current_, node);
    }
    current_ += ",\"kind\":\"";
    current_ += kind;
    current_ += '"';
    return TraceLine(*this);
}

void Trace::finish_line() {
    TC_ASSERT(open_);
    open_ = false;
    current_ += "}\n";
    hash_ = fnv1a_continue(hash_, current_);
    if (mode_ == TraceMode::full) {
        offsets_.push_back(text_.size());
        text_ += current_;
    }
    ++count_;
}

std::string_view Trace::line(std::uint64_t index) const {
    TC_ASSERT(mode_ == TraceMode::full);
    TC_ASSERT_LT(index, count_);
    const std::uint64_t begin = offsets_[index];
    const std::uint64_t end = index + 1 < count_ ? offsets_[index + 1] : text_.size();
    return std::string_view(text_).substr(begin, end - begin - 1);
}

void Trace::write_jsonl(std::ostream& out) const {
    TC_ASSERT(mode_ == TraceMode::full);
    out << text_;
}

std::optional<TraceDivergence> first_divergence(const Trace& a, const Trace& b) {
    TC_ASSERT(a.mode() == TraceMode::full);
    TC_ASSERT(b.mode() == TraceMode::full);
    const std::uint64_t longest = std::max(a.size(), b.size());
    for (std::uint64_t i = 0; i < longest; ++i) {
        const std::string_view line_a = i < a.size() ? a.line(i) : std::string_view();
        const std::string_view line_b = i < b.size() ? b.line(i) : std::string_view();
        if (line_a != line_b) return TraceDivergence{i, std::string(line_a), std::string(line_b)};
    }
    return std::nullopt;
}

std::string render_divergence(const TraceDivergence& divergence) {
    const auto show = [](const std::string& line) {
        return line.empty() ? std::string("<end of trace>") : line;
    };
    return "first divergence at event #" + std::to_string(divergence.index) +
           "\n  a: " + show(divergence.line_a) + "\n  b: " + show(divergence.line_b) + "\n";
}

std::string format_hash(std::uint64_t hash) {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
    return buffer;
}

std::string human_line(std::string_view json_line) {
    const auto fail = [&](const std::string& problem) {
        return InputError("trace-invalid", {},
                          problem + " in trace line " + std::string(json_line));
    };
    const auto line = nlohmann::ordered_json::parse(json_line, nullptr, false);
    if (!line.is_object()) throw fail("not a JSON object");
    const bool shaped = line.contains("i") && line["i"].is_number_unsigned() &&
                        line.contains("t") && line["t"].is_number_integer() &&
                        line.contains("kind") && line["kind"].is_string();
    if (!shaped) throw fail("missing \"i\", \"t\" or \"kind\"");
    std::string out = "#" + line["i"].dump() + " " + format_sim_time(line["t"].get<Nanos>());
    if (line.contains("node")) out += " node=" + line["node"].dump();
    out += " " + line["kind"].get<std::string>();
    for (const auto& [key, value] : line.items()) {
        if (key == "i" || key == "t" || key == "node" || key == "kind") continue;
        out += " " + key + "=" + value.dump();
    }
    return out;
}

}  // namespace taskcheck::sim
