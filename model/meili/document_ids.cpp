#include "model/meili/document_ids.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

namespace taskcheck::meili {
namespace {

using Json = nlohmann::ordered_json;

ApiError invalid_request(std::string code, std::string message) {
    return ApiError{400, std::move(message), std::move(code), "invalid_request"};
}

bool ends_with_id(const std::string& name) {
    if (name.size() < 2) return false;
    const char i =
        static_cast<char>(std::tolower(static_cast<unsigned char>(name[name.size() - 2])));
    const char d = static_cast<char>(std::tolower(static_cast<unsigned char>(name.back())));
    return i == 'i' && d == 'd';
}

// obkv_to_object: the document's fields in the payload's field-id order.
std::string printed(const Json& document, const std::vector<std::string>& fields) {
    Json out = Json::object();
    for (const std::string& field : fields)
        if (auto it = document.find(field); it != document.end()) out[field] = *it;
    return out.dump();
}

// fetch_matching_values_in_object: every value whose dotted path is a prefix of `selector`
// at a `.` boundary (objects are walked, anything else is a match).
void matching_values(const Json& value, const std::string& selector, const std::string& base,
                     std::vector<Json>& out) {
    if (!value.is_object()) {
        out.push_back(value);
        return;
    }
    for (const auto& [key, item] : value.items()) {
        const std::string path = base.empty() ? key : base + "." + key;
        const bool prefix = selector.starts_with(path) &&
                            (selector.size() == path.size() || selector[path.size()] == '.');
        if (prefix) matching_values(item, selector, path, out);
    }
}

// PrimaryKey::Nested::document_id: each split "a" + "b.c", "a.b" + "c", ... of the key names a
// top-level field and the rest of the path inside it; two matches at any point is too many.
std::vector<Json> nested_values(const Json& document, const std::string& key) {
    std::vector<Json> out;
    for (std::size_t dot = key.find('.'); out.size() < 2; dot = key.find('.', dot + 1)) {
        const std::string first = key.substr(0, dot);
        const std::string rest = dot == std::string::npos ? "" : key.substr(dot + 1);
        if (auto it = document.find(first); it != document.end()) {
            if (!it->is_object())
                out.push_back(*it);
            else if (!rest.empty())
                matching_values(*it, rest, "", out);
        }
        if (dot == std::string::npos) break;
    }
    return out;
}

bool valid_id_string(const std::string& text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
}

}  // namespace

std::vector<std::string> payload_fields(const Json& documents) {
    std::vector<std::string> out;
    for (const Json& document : documents)
        for (const auto& [key, value] : document.items())
            if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(key);
    return out;
}

Result<std::string, ApiError> infer_primary_key(const Json& documents) {
    std::vector<std::string> candidates;
    for (const std::string& field : payload_fields(documents))
        if (ends_with_id(field)) candidates.push_back(field);
    std::sort(candidates.begin(), candidates.end(), [](const std::string& a, const std::string& b) {
        return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
    if (candidates.size() == 1) return candidates[0];
    if (candidates.empty())
        return Err(invalid_request(
            "index_primary_key_no_candidate_found",
            "The primary key inference failed as the engine did not find any field ending with "
            "`id` in its name. Please specify the primary key manually using the `primaryKey` "
            "query parameter."));
    return Err(invalid_request(
        "index_primary_key_multiple_candidates_found",
        "The primary key inference failed as the engine found " +
            std::to_string(candidates.size()) + " fields ending with `id` in their names: '" +
            candidates[0] + "' and '" + candidates[1] +
            "'. Please specify the primary key manually using the `primaryKey` query parameter."));
}

Result<std::string, ApiError> document_id(const Json& document, const std::string& primary_key,
                                          const std::vector<std::string>& fields) {
    std::vector<Json> values;
    if (primary_key.find('.') == std::string::npos) {
        if (auto it = document.find(primary_key); it != document.end()) values.push_back(*it);
    } else {
        values = nested_values(document, primary_key);
    }
    if (values.empty())
        return Err(invalid_request("missing_document_id", "Document doesn't have a `" +
                                                              primary_key + "` attribute: `" +
                                                              printed(document, fields) + "`."));
    if (values.size() > 1)
        return Err(invalid_request("invalid_document_id", "Document have too many matching `" +
                                                              primary_key + "` attribute: `" +
                                                              printed(document, fields) + "`."));
    const Json& id = values[0];
    const bool i64 = id.is_number_integer() &&
                     (!id.is_number_unsigned() ||
                      id.get<std::uint64_t>() <=
                          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
    if (i64) return id.dump();
    if (id.is_string() && valid_id_string(id.get_ref<const std::string&>()))
        return id.get<std::string>();
    return Err(invalid_request(
        "invalid_document_id",
        "Document identifier `" + id.dump() +
            "` is invalid. A document identifier can be of type integer or string, only composed "
            "of alphanumeric characters (a-z A-Z 0-9), hyphens (-) and underscores (_)."));
}

ApiError primary_key_already_exists(const std::string& index_key) {
    return invalid_request("index_primary_key_already_exists",
                           "Index already has a primary key: `" + index_key + "`.");
}

}  // namespace taskcheck::meili
