#include "model/meili/did_you_mean.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace taskcheck::meili {
namespace {

// Splits UTF-8 into scalar values. The parser only hands us lossily decoded (valid) text, but a
// stray invalid byte is kept as a symbol of its own (0x110000 + byte) so the distance stays
// defined for any input.
std::vector<char32_t> code_points(std::string_view text) {
    std::vector<char32_t> out;
    std::size_t i = 0;
    while (i < text.size()) {
        auto lead = static_cast<unsigned char>(text[i]);
        std::size_t width = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        bool fits = lead < 0x80 || (lead >= 0xC2 && lead <= 0xF4 && i + width <= text.size());
        char32_t value = width == 1 ? lead : lead & (0x7F >> width);
        for (std::size_t k = 1; fits && k < width; ++k) {
            auto next = static_cast<unsigned char>(text[i + k]);
            fits = (next & 0xC0) == 0x80;
            value = (value << 6) | (next & 0x3F);
        }
        if (!fits) {
            out.push_back(0x110000 + lead);
            i += 1;
            continue;
        }
        out.push_back(value);
        i += width;
    }
    return out;
}

}  // namespace

// Lowrance-Wagner, laid out as strsim's generic_damerau_levenshtein: a (|a|+2) x (|b|+2) table
// whose first row and column hold the "infinity" |a|+|b|, and for each symbol the last row of `a`
// it was seen on.
std::size_t damerau_levenshtein(std::string_view a_text, std::string_view b_text) {
    std::vector<char32_t> a = code_points(a_text);
    std::vector<char32_t> b = code_points(b_text);
    if (a.empty()) return b.size();
    if (b.empty()) return a.size();
    const std::size_t width = a.size() + 2;
    auto at = [width](std::size_t i, std::size_t j) { return j * width + i; };
    std::vector<std::size_t> d((a.size() + 2) * (b.size() + 2), 0);
    const std::size_t infinity = a.size() + b.size();
    d[0] = infinity;
    for (std::size_t i = 0; i <= a.size(); ++i) {
        d[at(i + 1, 0)] = infinity;
        d[at(i + 1, 1)] = i;
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        d[at(0, j + 1)] = infinity;
        d[at(1, j + 1)] = j;
    }
    std::map<char32_t, std::size_t> last_row;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t last_match_col = 0;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            auto seen = last_row.find(b[j - 1]);
            std::size_t k = seen == last_row.end() ? 0 : seen->second;
            std::size_t insertion = d[at(i, j + 1)] + 1;
            std::size_t deletion = d[at(i + 1, j)] + 1;
            std::size_t transposition =
                d[at(k, last_match_col)] + (i - k - 1) + 1 + (j - last_match_col - 1);
            std::size_t substitution = d[at(i, j)] + 1;
            if (a[i - 1] == b[j - 1]) {
                last_match_col = j;
                substitution -= 1;
            }
            d[at(i + 1, j + 1)] = std::min({substitution, insertion, deletion, transposition});
        }
        last_row[a[i - 1]] = i;
    }
    return d[at(a.size() + 1, b.size() + 1)];
}

std::optional<std::size_t> typos_allowed(std::string_view received) {
    std::size_t length = received.size();
    if (length <= 3) return std::nullopt;
    if (length <= 7) return 1;
    if (length <= 12) return 2;
    if (length <= 17) return 3;
    if (length <= 24) return 4;
    return 5;
}

std::optional<std::string_view> closest_key(std::span<const std::string_view> accepted,
                                            std::string_view received) {
    std::optional<std::size_t> allowed = typos_allowed(received);
    if (!allowed) return std::nullopt;
    std::optional<std::string_view> best;
    std::size_t best_distance = 0;
    for (std::string_view key : accepted) {
        std::size_t distance = damerau_levenshtein(key, received);
        if (distance > *allowed) continue;
        // Strictly smaller only: the first of equally close keys stays.
        if (!best || distance < best_distance) {
            best = key;
            best_distance = distance;
        }
    }
    return best;
}

std::string did_you_mean(std::span<const std::string_view> accepted, std::string_view received) {
    std::optional<std::string_view> key = closest_key(accepted, received);
    if (!key) return "";
    return "did you mean `" + std::string(*key) + "`? ";
}

}  // namespace taskcheck::meili
