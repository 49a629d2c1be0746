#include "sim/json_pointer_line.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "model/common/assert.hpp"

namespace taskcheck::sim {

namespace {

std::vector<std::string> pointer_tokens(std::string_view pointer) {
    std::vector<std::string> tokens;
    std::size_t start = 0;
    while (start < pointer.size()) {
        TC_ASSERT_EQ(pointer[start], '/');
        std::size_t end = pointer.find('/', start + 1);
        if (end == std::string_view::npos) end = pointer.size();
        std::string token;
        for (std::size_t i = start + 1; i < end; ++i) {
            if (pointer[i] == '~' && i + 1 < end) {
                token += pointer[i + 1] == '1' ? '/' : '~';
                ++i;
            } else {
                token += pointer[i];
            }
        }
        tokens.push_back(std::move(token));
        start = end;
    }
    return tokens;
}

// A cursor over valid JSON text.
class Scanner {
  public:
    explicit Scanner(std::string_view text) : text_(text) {}
    std::size_t position() const { return position_; }
    char peek() {
        skip_space();
        return position_ < text_.size() ? text_[position_] : '\0';
    }
    void expect(char c) {
        TC_ASSERT_EQ(peek(), c);
        ++position_;
    }
    // Reads a string literal; \u escapes outside ASCII decode to '?' (keys to match are ASCII).
    std::string read_string();
    void skip_value();

  private:
    void skip_space() {
        while (position_ < text_.size() &&
               std::string_view(" \t\r\n").find(text_[position_]) != std::string_view::npos) {
            ++position_;
        }
    }
    std::string_view text_;
    std::size_t position_ = 0;
};

std::string Scanner::read_string() {
    expect('"');
    std::string out;
    while (text_[position_] != '"') {
        char c = text_[position_++];
        if (c == '\\') {
            const char escape = text_[position_++];
            const std::string_view from = "\"\\/bfnrt";
            const std::string_view to = "\"\\/\b\f\n\r\t";
            if (escape == 'u') {
                const int code = std::stoi(std::string(text_.substr(position_, 4)), nullptr, 16);
                position_ += 4;
                c = code < 0x80 ? static_cast<char>(code) : '?';
            } else {
                c = to[from.find(escape)];
            }
        }
        out += c;
    }
    ++position_;
    return out;
}

void Scanner::skip_value() {
    const char first = peek();
    if (first == '"') {
        read_string();
        return;
    }
    if (first != '{' && first != '[') {
        while (position_ < text_.size() &&
               std::string_view(",}] \t\r\n").find(text_[position_]) == std::string_view::npos) {
            ++position_;
        }
        return;
    }
    int depth = 0;
    do {
        const char c = peek();
        if (c == '"') {
            read_string();
            continue;
        }
        if (c == '{' || c == '[') ++depth;
        if (c == '}' || c == ']') --depth;
        ++position_;
    } while (depth > 0);
}

// Moves `scanner` onto the member `token` of the object or array it is at; false if absent.
bool enter(Scanner& scanner, const std::string& token) {
    const char open = scanner.peek();
    if (open != '{' && open != '[') return false;
    const char close = open == '{' ? '}' : ']';
    const bool digits = !token.empty() && std::all_of(token.begin(), token.end(), ::isdigit);
    const std::size_t index = open == '[' && digits ? std::stoul(token) : SIZE_MAX;
    scanner.expect(open);
    for (std::size_t i = 0; scanner.peek() != close; ++i) {
        if (i > 0) scanner.expect(',');
        bool match = i == index;
        if (open == '{') {
            match = scanner.read_string() == token;
            scanner.expect(':');
        }
        if (match) {
            scanner.peek();
            return true;
        }
        scanner.skip_value();
    }
    return false;
}

}  // namespace

int json_pointer_line(std::string_view text, std::string_view pointer) {
    Scanner scanner(text);
    scanner.peek();
    std::size_t found = scanner.position();
    for (const std::string& token : pointer_tokens(pointer)) {
        if (!enter(scanner, token)) break;
        found = scanner.position();
    }
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + found, '\n'));
}

}  // namespace taskcheck::sim
