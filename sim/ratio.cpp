#include "sim/ratio.hpp"

#include <charconv>

namespace taskcheck::sim {

std::optional<std::string> validate_ratio(const Ratio& ratio) {
    if (ratio.denominator == 0) return std::string("denominator is 0");
    if (ratio.numerator > ratio.denominator) {
        return "numerator " + std::to_string(ratio.numerator) + " > denominator " +
               std::to_string(ratio.denominator);
    }
    return std::nullopt;
}

std::string format_ratio(const Ratio& ratio) {
    return std::to_string(ratio.numerator) + "/" + std::to_string(ratio.denominator);
}

namespace {

std::optional<std::uint64_t> parse_digits(std::string_view text) {
    if (text.empty()) return std::nullopt;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

std::optional<Ratio> parse_ratio(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const auto numerator = parse_digits(text.substr(0, slash));
    const auto denominator = parse_digits(text.substr(slash + 1));
    if (!numerator || !denominator) return std::nullopt;
    const Ratio ratio{*numerator, *denominator};
    if (validate_ratio(ratio)) return std::nullopt;
    return ratio;
}

}  // namespace taskcheck::sim
