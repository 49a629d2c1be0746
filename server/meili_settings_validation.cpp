#include "server/meili_settings_validation.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <set>

namespace taskcheck::server {
namespace {

using meili::ApiError;
using meili::min_word_size_problem;
using Checked = Result<MeiliJson, ApiError>;

constexpr std::array<SettingsKey, 11> kKeys = {{
    {"displayedAttributes", "displayed-attributes", "invalid_settings_displayed_attributes"},
    {"searchableAttributes", "searchable-attributes", "invalid_settings_searchable_attributes"},
    {"filterableAttributes", "filterable-attributes", "invalid_settings_filterable_attributes"},
    {"sortableAttributes", "sortable-attributes", "invalid_settings_sortable_attributes"},
    {"rankingRules", "ranking-rules", "invalid_settings_ranking_rules"},
    {"stopWords", "stop-words", "invalid_settings_stop_words"},
    {"synonyms", "synonyms", "invalid_settings_synonyms"},
    {"distinctAttribute", "distinct-attribute", "invalid_settings_distinct_attribute"},
    {"typoTolerance", "typo-tolerance", "invalid_settings_typo_tolerance", true},
    {"faceting", "faceting", "invalid_settings_faceting", true},
    {"pagination", "pagination", "invalid_settings_pagination", true},
}};

// The error context of one key's value: its code and the location of the value.
struct At {
    std::string_view code;
    std::string location;  // "" at the root of a sub-route body
    At key(std::string_view name) const { return {code, location + "." + std::string(name)}; }
    At index(std::size_t i) const { return {code, location + "[" + std::to_string(i) + "]"}; }
};

ApiError unknown_key(const At& at, std::string_view key, std::span<const std::string_view> names) {
    ApiError error = unknown_field(at.location, key, names);
    error.code = std::string(at.code);
    return error;
}

Checked string(const At& at, const MeiliJson& value) {
    if (!value.is_string()) return Err(invalid_value_type(at.code, at.location, "a string", value));
    return value;
}

Checked strings(const At& at, const MeiliJson& value) {
    if (!value.is_array()) return Err(invalid_value_type(at.code, at.location, "an array", value));
    for (std::size_t i = 0; i < value.size(); ++i)
        if (auto checked = string(at.index(i), value[i]); !checked.ok()) return checked;
    return value;
}

// A BTreeSet<String>: sorted, each once.
Checked string_set(const At& at, const MeiliJson& value) {
    auto checked = strings(at, value);
    if (!checked.ok()) return checked;
    std::set<std::string> sorted;
    for (const MeiliJson& item : value)
        sorted.insert(item.get<std::string>());
    return MeiliJson(sorted);
}

// milli criterion.rs / asc_desc.rs: the text after "Invalid value at `<loc>`: ", or "" if valid.
std::string ranking_rule_problem(const std::string& rule) {
    static constexpr std::array<std::string_view, 6> kBuiltIn = {"words",     "typo", "proximity",
                                                                 "attribute", "sort", "exactness"};
    if (std::find(kBuiltIn.begin(), kBuiltIn.end(), rule) != kBuiltIn.end()) return "";
    const std::size_t colon = rule.rfind(':');
    if (colon != std::string::npos) {
        const std::string field = rule.substr(0, colon);
        const std::string order = rule.substr(colon + 1);
        if (order == "asc" || order == "desc") {
            if (field == "_geo" || field == "_geoDistance")
                return "`" + field +
                       "` is a reserved keyword and thus can't be used as a ranking "
                       "rule";
            if (field == "_geoPoint")
                return "`_geoPoint` is a reserved keyword and thus can't be used as a ranking "
                       "rule. `_geoPoint` can only be used for sorting at search time";
            if (field == "_geoRadius" || field == "_geoBoundingBox")
                return "`" + field +
                       "` is a reserved keyword and thus can't be used as a ranking "
                       "rule. `" +
                       field + "` can only be used for filtering at search time";
            return "";
        }
    }
    return "`" + rule +
           "` ranking rule is invalid. Valid ranking rules are words, typo, sort, proximity, "
           "attribute, exactness and custom ranking rules.";
}

Checked ranking_rules(const At& at, const MeiliJson& value) {
    auto checked = strings(at, value);
    if (!checked.ok()) return checked;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string problem = ranking_rule_problem(value[i].get<std::string>());
        if (!problem.empty()) return Err(invalid_value(at.code, at.index(i).location, problem));
    }
    return value;
}

// BTreeMap<String, Vec<String>>: by key.
Checked synonyms(const At& at, const MeiliJson& value) {
    if (!value.is_object())
        return Err(invalid_value_type(at.code, at.location, "an object", value));
    std::map<std::string, MeiliJson> sorted;
    for (const auto& [word, list] : value.items()) {
        auto checked = strings(at.key(word), list);
        if (!checked.ok()) return checked;
        sorted[word] = list;
    }
    MeiliJson out = MeiliJson::object();
    for (auto& [word, list] : sorted)
        out[word] = std::move(list);
    return out;
}

// A usize or u8: a non-negative integer no larger than `max`.
Checked unsigned_int(const At& at, const MeiliJson& value, std::uint64_t max) {
    const bool non_negative =
        value.is_number_unsigned() || (value.is_number_integer() && value.get<std::int64_t>() >= 0);
    if (!non_negative)
        return Err(invalid_value_type(at.code, at.location, "a positive integer", value));
    if (value.get<std::uint64_t>() > max)
        return Err(invalid_value(at.code, at.location,
                                 "value: `" + value.dump() +
                                     "` is too large to be deserialized, maximum value "
                                     "authorized is `" +
                                     std::to_string(max) + "`"));
    return value;
}

using FieldReader = Checked (*)(const At&, const MeiliJson&);
struct Field {
    std::string_view name;
    FieldReader read;
};

// A struct of Setting<T> fields: unknown keys rejected with the context's code, null kept as a
// Reset, the output in `fields` order.
Checked object_of(const At& at, const MeiliJson& value, std::span<const Field> fields) {
    if (!value.is_object())
        return Err(invalid_value_type(at.code, at.location, "an object", value));
    std::vector<std::string_view> names;
    for (const Field& field : fields)
        names.push_back(field.name);
    std::map<std::string_view, MeiliJson> read;
    for (const auto& [key, item] : value.items()) {
        auto field = std::find_if(fields.begin(), fields.end(),
                                  [&](const Field& f) { return f.name == key; });
        if (field == fields.end()) return Err(unknown_key(at, key, names));
        if (item.is_null()) {
            read[field->name] = nullptr;
            continue;
        }
        auto checked = field->read(at.key(key), item);
        if (!checked.ok()) return checked;
        read[field->name] = std::move(checked.value());
    }
    MeiliJson out = MeiliJson::object();
    for (const Field& field : fields)
        if (auto it = read.find(field.name); it != read.end())
            out[std::string(field.name)] = it->second;
    return out;
}

Checked u8(const At& at, const MeiliJson& value) {
    return unsigned_int(at, value, 255);
}
Checked usize(const At& at, const MeiliJson& value) {
    return unsigned_int(at, value, std::numeric_limits<std::uint64_t>::max());
}

// MinWordSizeTyposSetting, then its validate function: only when both sizes are set.
Checked min_word_size(const At& at, const MeiliJson& value) {
    static constexpr std::array<Field, 2> kFields = {{{"oneTypo", u8}, {"twoTypos", u8}}};
    auto checked = object_of(at, value, kFields);
    if (!checked.ok()) return checked;
    const MeiliJson& sizes = checked.value();
    const MeiliJson one = sizes.value("oneTypo", MeiliJson());
    const MeiliJson two = sizes.value("twoTypos", MeiliJson());
    if (one.is_number() && two.is_number() && one.get<std::uint64_t>() > two.get<std::uint64_t>())
        return Err(invalid_value(
            at.code, at.location,
            min_word_size_problem(one.get<std::uint64_t>(), two.get<std::uint64_t>())));
    return checked;
}

Checked boolean(const At& at, const MeiliJson& value) {
    if (!value.is_boolean())
        return Err(invalid_value_type(at.code, at.location, "a boolean", value));
    return value;
}

Checked typo_tolerance(const At& at, const MeiliJson& value) {
    static constexpr std::array<Field, 4> kFields = {{{"enabled", boolean},
                                                      {"minWordSizeForTypos", min_word_size},
                                                      {"disableOnWords", string_set},
                                                      {"disableOnAttributes", string_set}}};
    return object_of(at, value, kFields);
}

Checked faceting(const At& at, const MeiliJson& value) {
    static constexpr std::array<Field, 1> kFields = {{{"maxValuesPerFacet", usize}}};
    return object_of(at, value, kFields);
}

Checked pagination(const At& at, const MeiliJson& value) {
    static constexpr std::array<Field, 1> kFields = {{{"maxTotalHits", usize}}};
    return object_of(at, value, kFields);
}

Checked setting_value(const SettingsKey& key, const At& at, const MeiliJson& value) {
    if (value.is_null()) return value;
    const std::string_view name = key.name;
    if (name == "displayedAttributes" || name == "searchableAttributes") return strings(at, value);
    if (name == "filterableAttributes" || name == "sortableAttributes" || name == "stopWords")
        return string_set(at, value);
    if (name == "rankingRules") return ranking_rules(at, value);
    if (name == "synonyms") return synonyms(at, value);
    if (name == "distinctAttribute") return string(at, value);
    if (name == "typoTolerance") return typo_tolerance(at, value);
    if (name == "faceting") return faceting(at, value);
    return pagination(at, value);
}

}  // namespace

std::span<const SettingsKey> settings_keys() {
    return kKeys;
}

Result<MeiliJson, ApiError> read_settings(const MeiliJson& body) {
    if (!body.is_object()) return Err(invalid_value_type("bad_request", "", "an object", body));
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> out;
        for (const SettingsKey& key : kKeys)
            out.push_back(key.name);
        return out;
    }();
    MeiliJson out = MeiliJson::object();
    for (const auto& [name, value] : body.items()) {
        auto key = std::find_if(kKeys.begin(), kKeys.end(),
                                [&](const SettingsKey& k) { return k.name == name; });
        if (key == kKeys.end()) return Err(unknown_field("", name, names));
        auto checked = setting_value(*key, At{key->code, "." + name}, value);
        if (!checked.ok()) return checked;
        out[name] = std::move(checked.value());
    }
    return out;
}

Result<MeiliJson, ApiError> read_setting(const SettingsKey& key, const MeiliJson& body) {
    auto checked = setting_value(key, At{key.code, ""}, body);
    if (!checked.ok()) return checked;
    return MeiliJson{{std::string(key.name), std::move(checked.value())}};
}

MeiliJson cleared_settings() {
    MeiliJson out = MeiliJson::object();
    for (const SettingsKey& key : kKeys)
        out[std::string(key.name)] = nullptr;
    return out;
}

}  // namespace taskcheck::server
