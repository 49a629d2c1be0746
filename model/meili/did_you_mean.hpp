#pragma once
// The "did you mean" suggestion of deserr v0.5.0 (`errors/helpers.rs`), which Meilisearch v1.1.1
// puts in its "Unknown parameter" error (spec/meilisearch.md §1.2).
//
// Rule: the received key may be off by at most N edits, N chosen by its length in UTF-8 bytes
// (Rust `str::len`): 0..=3 -> no suggestion at all, 4..=7 -> 1, 8..=12 -> 2, 13..=17 -> 3,
// 18..=24 -> 4, longer -> 5. The suggestion is the accepted key at the smallest distance; on a tie
// the one listed first wins (Rust `Iterator::min_by` keeps the first minimum). The distance is
// strsim's unrestricted Damerau-Levenshtein distance over Unicode scalar values.
// Deterministic: pure functions.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace taskcheck::meili {

// Unrestricted Damerau-Levenshtein distance (insertions, deletions, substitutions and
// transpositions of adjacent symbols, where a transposed pair may be edited again in between),
// as strsim::damerau_levenshtein. Both texts are UTF-8; a byte that is not valid UTF-8 counts as
// one symbol of its own.
std::size_t damerau_levenshtein(std::string_view a, std::string_view b);

// The largest distance a suggestion may have for `received`; nullopt when keys this short never
// get one (0..=3 bytes).
std::optional<std::size_t> typos_allowed(std::string_view received);

// The accepted key to suggest for `received`, or nullopt when none is close enough.
std::optional<std::string_view> closest_key(std::span<const std::string_view> accepted,
                                            std::string_view received);

// deserr's text: "did you mean `S`? " (with the trailing space) or "" when there is no
// suggestion.
std::string did_you_mean(std::span<const std::string_view> accepted, std::string_view received);

}  // namespace taskcheck::meili
