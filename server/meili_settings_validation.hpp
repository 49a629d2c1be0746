#pragma once
// The request-time validation of the Meilisearch v1.1.1 settings routes (spec/meilisearch.md
// §9.1, §9.2; meilisearch-types/src/settings.rs `Settings<Unchecked>` read by deserr):
//  - PATCH /indexes/{uid}/settings takes an object of the 11 keys below; an unknown top-level
//    key or a body that is not an object is 400 bad_request;
//  - each sub-route /indexes/{uid}/settings/<route> takes the key's value itself, and its errors
//    carry the key's code with no location prefix;
//  - any error inside a key's value (a wrong type, an unknown nested key, a bad ranking rule, a
//    u8 overflow, oneTypo > twoTypos when both are sent) uses that key's code, e.g.
//    invalid_settings_typo_tolerance; keys are checked in body order and the first error wins;
//  - `null` on a key or a nested key is a Reset and always valid.
// The value returned is the settings as v1.1 serializes them in the task's details: sets
// (filterableAttributes, sortableAttributes, stopWords, disableOnWords, disableOnAttributes)
// sorted without duplicates, synonyms by key, typoTolerance fields in struct order; the
// top-level order is task_view's. Errors that appear only when the task is processed (a size
// conflicting with the stored one) belong to the model, not here.
// Deterministic: pure functions.

#include <span>
#include <string_view>

#include "model/common/result.hpp"
#include "model/meili/api_error.hpp"
#include "model/meili/typo_sizes.hpp"
#include "server/meili_payload.hpp"

namespace taskcheck::server {

// One v1.1 setting: its body key, its sub-route segment, its error code and whether its
// sub-route updates with PATCH (typoTolerance, faceting, pagination) rather than PUT.
struct SettingsKey {
    std::string_view name;   // "typoTolerance"
    std::string_view route;  // "typo-tolerance"
    std::string_view code;   // "invalid_settings_typo_tolerance"
    bool patch = false;
};

// The 11 keys in `Settings<Unchecked>` order.
std::span<const SettingsKey> settings_keys();

// The body of PATCH /indexes/{uid}/settings, validated and normalized (see above).
Result<MeiliJson, meili::ApiError> read_settings(const MeiliJson& body);

// The body of one sub-route, validated: {"<key>": <normalized value>} ({"<key>": null} for a
// null body, a Reset).
Result<MeiliJson, meili::ApiError> read_setting(const SettingsKey& key, const MeiliJson& body);

// Every key null: Settings::cleared(), what DELETE /indexes/{uid}/settings enqueues.
MeiliJson cleared_settings();

}  // namespace taskcheck::server
