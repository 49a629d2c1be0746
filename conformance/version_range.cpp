#include "conformance/version_range.hpp"

#include <charconv>

namespace taskcheck::conformance {

namespace {

std::vector<std::string_view> split(std::string_view text, std::string_view separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) return parts;
        start = end + separator.size();
    }
}

std::optional<VersionComparator> parse_comparator(std::string_view text) {
    using Op = VersionComparator::Op;
    VersionComparator comparator;
    static const std::pair<std::string_view, Op> ops[] = {
        {">=", Op::ge}, {"<=", Op::le}, {">", Op::gt}, {"<", Op::lt}, {"=", Op::eq}};
    for (const auto& [prefix, op] : ops) {
        if (text.starts_with(prefix)) {
            comparator.op = op;
            text.remove_prefix(prefix.size());
            break;
        }
    }
    std::optional<Version> version = parse_version(text);
    if (!version) return std::nullopt;
    comparator.version = std::move(*version);
    return comparator;
}

bool holds(const VersionComparator& comparator, const Version& version) {
    using Op = VersionComparator::Op;
    int order = compare_versions(version, comparator.version);
    switch (comparator.op) {
        case Op::eq:
            return order == 0;
        case Op::lt:
            return order < 0;
        case Op::le:
            return order <= 0;
        case Op::gt:
            return order > 0;
        case Op::ge:
            return order >= 0;
    }
    return false;
}

}  // namespace

std::optional<Version> parse_version(std::string_view text) {
    if (text.empty()) return std::nullopt;
    Version version;
    for (std::string_view part : split(text, ".")) {
        long number = 0;
        const char* end = part.data() + part.size();
        auto [ptr, ec] = std::from_chars(part.data(), end, number);
        if (part.empty() || ec != std::errc() || ptr != end || number < 0) return std::nullopt;
        version.push_back(number);
    }
    return version;
}

int compare_versions(const Version& a, const Version& b) {
    std::size_t n = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        long x = i < a.size() ? a[i] : 0;
        long y = i < b.size() ? b[i] : 0;
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

std::optional<VersionRange> VersionRange::parse(std::string_view text) {
    VersionRange range;
    range.text_ = std::string(text);
    if (text.empty() || text == "*") return range;
    for (std::string_view alternative : split(text, "||")) {
        std::vector<VersionComparator> comparators;
        for (std::string_view word : split(alternative, " ")) {
            if (word.empty()) continue;
            std::optional<VersionComparator> comparator = parse_comparator(word);
            if (!comparator) return std::nullopt;
            comparators.push_back(std::move(*comparator));
        }
        if (comparators.empty()) return std::nullopt;
        range.alternatives_.push_back(std::move(comparators));
    }
    return range;
}

bool VersionRange::contains(const Version& version) const {
    if (alternatives_.empty()) return true;
    for (const auto& comparators : alternatives_) {
        bool all = true;
        for (const VersionComparator& comparator : comparators)
            all = all && holds(comparator, version);
        if (all) return true;
    }
    return false;
}

}  // namespace taskcheck::conformance
