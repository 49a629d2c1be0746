#pragma once
// The two typo word sizes of an index (typoTolerance.minWordSizeForTypos: oneTypo, default 5;
// twoTypos, default 9) and the one settings error v1.1.1 finds only when a settings batch is
// processed (spec/meilisearch.md §9.2; milli `update/settings.rs` update_min_typo_word_len):
// a batch's settings are applied to one builder in task order (a later Set or Reset of a size
// replaces an earlier one; `minWordSizeForTypos: null` or `typoTolerance: null` resets both);
// then, if a size is Set, the resulting pair must have oneTypo <= twoTypos, the size not sent
// being the stored one. Otherwise the whole batch fails with invalid_settings_typo_tolerance.
// Where a Reset meets a Set in one batch the reset size counts as its default here; milli
// compares with the stored value there (not verified), a rare case.
// Deterministic: pure functions.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/common/result.hpp"
#include "model/meili/api_error.hpp"

namespace taskcheck::meili {

struct TypoSizes {
    std::uint64_t one_typo = 5;
    std::uint64_t two_typos = 9;
    bool operator==(const TypoSizes&) const = default;
};

// milli's InvalidMinTypoWordLenSetting text (the unbalanced backtick is v1.1's):
// "`minWordSizeForTypos` setting is invalid. ... but found `oneTypo: 10` and twoTypos: 5`."
std::string min_word_size_problem(std::uint64_t one_typo, std::uint64_t two_typos);

// The sizes after a batch's settings (each a settings object as enqueued, request-validated), or
// the batch's error. `stored` is what the index holds.
Result<TypoSizes, ApiError> apply_typo_settings(
    const std::vector<const nlohmann::ordered_json*>& settings, const TypoSizes& stored);

}  // namespace taskcheck::meili
