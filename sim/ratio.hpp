#pragma once
// Ratio: a probability as an integer fraction numerator/denominator, never a float (STYLE.md §9).
// Invariant of a valid ratio: denominator > 0 and numerator <= denominator; validate() says why
// one is not. Text form "n/d" (e.g. "1/100"), used in scenario files and options blocks.
// Deterministic: plain integers, no floating point, so every machine draws the same decisions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace taskcheck::sim {

struct Ratio {
    std::uint64_t numerator = 0;
    std::uint64_t denominator = 1;

    static constexpr Ratio zero() { return Ratio{0, 1}; }
    static constexpr Ratio one() { return Ratio{1, 1}; }

    bool is_zero() const { return numerator == 0; }
    // Compares the values, not the representation: 1/2 == 2/4.
    friend bool operator==(const Ratio& a, const Ratio& b) {
        return static_cast<unsigned __int128>(a.numerator) * b.denominator ==
               static_cast<unsigned __int128>(b.numerator) * a.denominator;
    }
};

// Empty iff `ratio` is valid; otherwise the problem, e.g. "denominator is 0".
std::optional<std::string> validate_ratio(const Ratio& ratio);

// "n/d".
std::string format_ratio(const Ratio& ratio);

// Parses exactly "<digits>/<digits>" into a valid ratio; nullopt for any other text or an invalid
// ratio ("3/2", "1/0").
std::optional<Ratio> parse_ratio(std::string_view text);

}  // namespace taskcheck::sim
