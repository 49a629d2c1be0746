#include "conformance/json_line_map.hpp"

#include <nlohmann/json.hpp>

#include "conformance/json_depth.hpp"
#include "conformance/matcher.hpp"
#include "model/common/assert.hpp"

namespace taskcheck::conformance {

namespace {

// A single pass over valid JSON text; records the line where each value starts. It recurses
// once per level down to kJsonDepthMax and skips anything deeper without recursing, so a
// too-deep document (which the reader then rejects) cannot overflow the stack.
class Scanner {
  public:
    Scanner(std::string_view text, std::map<std::string, int>& lines)
        : text_(text), lines_(lines) {}

    void value(const std::string& pointer, int key_line) {
        skip_space();
        lines_[pointer] = key_line > 0 ? key_line : line_;
        TC_ASSERT(at_ < text_.size());
        char c = text_[at_];
        if ((c == '{' || c == '[') && depth_ == kJsonDepthMax) return skip_container();
        if (c == '{') return object(pointer);
        if (c == '[') return array(pointer);
        if (c == '"') return (void)string_token();
        while (at_ < text_.size() &&
               std::string_view(",]} \t\r\n").find(text_[at_]) == std::string_view::npos) {
            ++at_;
        }
    }

  private:
    void object(const std::string& pointer) {
        ++at_;
        skip_space();
        if (text_[at_] == '}') return (void)++at_;
        ++depth_;
        while (true) {
            skip_space();
            int key_line = line_;
            std::string key = nlohmann::json::parse(string_token()).get<std::string>();
            skip_space();
            TC_ASSERT_EQ(text_[at_], ':');
            ++at_;
            value(pointer_append(pointer, key), key_line);
            skip_space();
            if (text_[at_++] == '}') return (void)--depth_;
        }
    }

    void array(const std::string& pointer) {
        ++at_;
        skip_space();
        if (text_[at_] == ']') return (void)++at_;
        ++depth_;
        for (std::size_t i = 0;; ++i) {
            value(pointer_append(pointer, std::to_string(i)), 0);
            skip_space();
            if (text_[at_++] == ']') return (void)--depth_;
        }
    }

    // Moves past one array or object, counting lines, without recording or recursing.
    void skip_container() {
        std::size_t open = 0;
        do {
            char c = text_[at_];
            if (c == '"') {
                string_token();
                continue;
            }
            if (c == '\n') ++line_;
            if (c == '{' || c == '[') ++open;
            if (c == '}' || c == ']') --open;
            ++at_;
        } while (open > 0);
    }

    std::string_view string_token() {
        std::size_t start = at_++;
        while (text_[at_] != '"')
            at_ += text_[at_] == '\\' ? 2 : 1;
        ++at_;
        return text_.substr(start, at_ - start);
    }

    void skip_space() {
        while (at_ < text_.size() &&
               std::string_view(" \t\r\n").find(text_[at_]) != std::string_view::npos) {
            if (text_[at_] == '\n') ++line_;
            ++at_;
        }
    }

    std::string_view text_;
    std::map<std::string, int>& lines_;
    std::size_t at_ = 0;
    std::size_t depth_ = 0;  // arrays/objects open around the value being scanned
    int line_ = 1;
};

}  // namespace

JsonLineMap::JsonLineMap(std::string_view text) {
    Scanner scanner(text, lines_);
    scanner.value("", 0);
}

int JsonLineMap::line_of(const std::string& pointer) const {
    std::string at = pointer;
    while (true) {
        auto found = lines_.find(at);
        if (found != lines_.end()) return found->second;
        std::size_t slash = at.rfind('/');
        if (slash == std::string::npos) return 1;
        at.resize(slash);
    }
}

}  // namespace taskcheck::conformance
