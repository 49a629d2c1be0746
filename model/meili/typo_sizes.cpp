#include "model/meili/typo_sizes.hpp"

#include <optional>

namespace taskcheck::meili {
namespace {

using Json = nlohmann::ordered_json;

// One size in the builder: unset, Set(n), or Reset (to its default).
struct SizeSetting {
    bool touched = false;
    bool set = false;
    std::uint64_t value = 0;
};

void take(SizeSetting& size, const Json& sizes, const char* key, std::uint64_t fallback) {
    auto it = sizes.find(key);
    if (it == sizes.end()) return;
    size.touched = true;
    size.set = !it->is_null();
    size.value = it->is_null() ? fallback : it->get<std::uint64_t>();
}

void apply_one(const Json& settings, SizeSetting& one, SizeSetting& two, const TypoSizes& fresh) {
    auto typo = settings.find("typoTolerance");
    if (typo == settings.end()) return;
    const Json* sizes = nullptr;
    if (typo->is_object()) {
        auto it = typo->find("minWordSizeForTypos");
        if (it == typo->end()) return;
        sizes = &*it;
    }
    if (sizes == nullptr || sizes->is_null()) {  // typoTolerance or minWordSizeForTypos: null
        one = SizeSetting{true, false, fresh.one_typo};
        two = SizeSetting{true, false, fresh.two_typos};
        return;
    }
    take(one, *sizes, "oneTypo", fresh.one_typo);
    take(two, *sizes, "twoTypos", fresh.two_typos);
}

}  // namespace

std::string min_word_size_problem(std::uint64_t one_typo, std::uint64_t two_typos) {
    return "`minWordSizeForTypos` setting is invalid. `oneTypo` and `twoTypos` fields should be "
           "between `0` and `255`, and `twoTypos` should be greater or equals to `oneTypo` but "
           "found `oneTypo: " +
           std::to_string(one_typo) + "` and twoTypos: " + std::to_string(two_typos) + "`.";
}

Result<TypoSizes, ApiError> apply_typo_settings(const std::vector<const Json*>& settings,
                                                const TypoSizes& stored) {
    const TypoSizes fresh;
    SizeSetting one, two;
    for (const Json* each : settings)
        apply_one(*each, one, two, fresh);
    TypoSizes out{one.touched ? one.value : stored.one_typo,
                  two.touched ? two.value : stored.two_typos};
    if ((one.set || two.set) && out.one_typo > out.two_typos)
        return Err(ApiError{400, min_word_size_problem(out.one_typo, out.two_typos),
                            "invalid_settings_typo_tolerance", "invalid_request"});
    return out;
}

}  // namespace taskcheck::meili
