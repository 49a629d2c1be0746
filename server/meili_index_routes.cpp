// The index, document and settings routes of the Meilisearch profile (v1.1.1
// meilisearch/src/routes/indexes/{mod,documents,settings}.rs).
#include <array>

#include "model/meili/index_batch.hpp"
#include "model/meili/meili_errors.hpp"
#include "model/meili/task_query_parser.hpp"
#include "server/meili_http.hpp"
#include "server/meili_routes.hpp"

namespace taskcheck::server {
namespace {

using namespace taskcheck::meili;
using Req = httplib::Request;
using Res = httplib::Response;

// Settings<Unchecked> fields in v1.1 order, and the code of each one's errors.
struct SettingsField {
    std::string_view name;
    std::string_view code;
    enum class Shape { strings, object, string } shape;
};
constexpr std::array<SettingsField, 11> kSettings = {{
    {"displayedAttributes", "invalid_settings_displayed_attributes", SettingsField::Shape::strings},
    {"searchableAttributes", "invalid_settings_searchable_attributes",
     SettingsField::Shape::strings},
    {"filterableAttributes", "invalid_settings_filterable_attributes",
     SettingsField::Shape::strings},
    {"sortableAttributes", "invalid_settings_sortable_attributes", SettingsField::Shape::strings},
    {"rankingRules", "invalid_settings_ranking_rules", SettingsField::Shape::strings},
    {"stopWords", "invalid_settings_stop_words", SettingsField::Shape::strings},
    {"synonyms", "invalid_settings_synonyms", SettingsField::Shape::object},
    {"distinctAttribute", "invalid_settings_distinct_attribute", SettingsField::Shape::string},
    {"typoTolerance", "invalid_settings_typo_tolerance", SettingsField::Shape::object},
    {"faceting", "invalid_settings_faceting", SettingsField::Shape::object},
    {"pagination", "invalid_settings_pagination", SettingsField::Shape::object},
}};

std::vector<std::string_view> settings_names() {
    std::vector<std::string_view> out;
    for (const SettingsField& field : kSettings)
        out.push_back(field.name);
    return out;
}

// One settings value: null resets; otherwise the field's shape (element types one level deep).
std::optional<ApiError> settings_value_problem(const SettingsField& field, const MeiliJson& value) {
    if (value.is_null()) return std::nullopt;
    const std::string at = "." + std::string(field.name);
    switch (field.shape) {
        case SettingsField::Shape::string:
            if (!value.is_string()) return invalid_value_type(field.code, at, "a string", value);
            return std::nullopt;
        case SettingsField::Shape::object:
            if (!value.is_object()) return invalid_value_type(field.code, at, "an object", value);
            return std::nullopt;
        case SettingsField::Shape::strings:
            if (!value.is_array()) return invalid_value_type(field.code, at, "an array", value);
            for (std::size_t i = 0; i < value.size(); ++i)
                if (!value[i].is_string())
                    return invalid_value_type(field.code, at + "[" + std::to_string(i) + "]",
                                              "a string", value[i]);
            return std::nullopt;
    }
    return std::nullopt;
}

Result<MeiliJson, ApiError> read_settings(const MeiliJson& body) {
    if (!body.is_object()) return Err(invalid_value_type("bad_request", "", "an object", body));
    static const std::vector<std::string_view> names = settings_names();
    for (const auto& [key, value] : body.items()) {
        auto field = std::find_if(kSettings.begin(), kSettings.end(),
                                  [&](const SettingsField& f) { return f.name == key; });
        if (field == kSettings.end()) return Err(unknown_field("", key, names));
        if (auto problem = settings_value_problem(*field, value)) return Err(*problem);
    }
    return body;
}

// POST /indexes body: {"uid", "primaryKey"?}; deserr walks the keys in order, then checks
// missing fields.
Result<CreateIndex, ApiError> read_create_index(const MeiliJson& body) {
    static constexpr std::array<std::string_view, 2> kFields = {"uid", "primaryKey"};
    if (!body.is_object()) return Err(invalid_value_type("bad_request", "", "an object", body));
    CreateIndex out;
    bool has_uid = false;
    for (const auto& [key, value] : body.items()) {
        if (key == "uid") {
            if (!value.is_string())
                return Err(invalid_value_type("invalid_index_uid", ".uid", "a string", value));
            out.index_uid = value.get<std::string>();
            if (!is_valid_index_uid(out.index_uid))
                return Err(
                    invalid_value("invalid_index_uid", ".uid", index_uid_problem(out.index_uid)));
            has_uid = true;
        } else if (key == "primaryKey") {
            if (!value.is_null() && !value.is_string())
                return Err(invalid_value_type("invalid_index_primary_key", ".primaryKey",
                                              "a string", value));
            if (value.is_string()) out.primary_key = value.get<std::string>();
        } else {
            return Err(unknown_field("", key, kFields));
        }
    }
    if (!has_uid) return Err(missing_field("missing_index_uid", "", "uid"));
    return out;
}

Result<UpdateIndex, ApiError> read_update_index(const std::string& uid, const MeiliJson& body) {
    static constexpr std::array<std::string_view, 1> kFields = {"primaryKey"};
    if (!body.is_object()) return Err(invalid_value_type("bad_request", "", "an object", body));
    UpdateIndex out{uid, std::nullopt};
    for (const auto& [key, value] : body.items()) {
        if (key != "primaryKey") return Err(unknown_field("", key, kFields));
        if (!value.is_null() && !value.is_string())
            return Err(
                invalid_value_type("invalid_index_primary_key", ".primaryKey", "a string", value));
        if (value.is_string()) out.primary_key = value.get<std::string>();
    }
    return out;
}

MeiliJson index_view(const MeiliState& state, const std::string& uid) {
    const IndexState* model = state.queue().indexes().find(uid);
    const MeiliIndexRecord* record = state.documents().find(uid);
    return MeiliJson{
        {"uid", uid},
        {"createdAt", format_rfc3339(record->created_at)},
        {"updatedAt", format_rfc3339(record->updated_at)},
        {"primaryKey", model->primary_key ? MeiliJson(*model->primary_key) : MeiliJson()}};
}

MeiliJson select_fields(const MeiliJson& document,
                        const std::optional<std::vector<std::string>>& fields) {
    if (!fields) return document;
    MeiliJson out = MeiliJson::object();
    for (const auto& [key, value] : document.items())
        if (std::find(fields->begin(), fields->end(), key) != fields->end()) out[key] = value;
    return out;
}

// Runs `handler` with the validated index uid of the first path group, or answers its error.
template <typename Handler>
HttpListener::Handler with_index(Handler handler) {
    return [handler](const Req& req, Res& res) {
        Result<std::string, ApiError> uid = path_index_uid(req.matches[1].str());
        if (!uid.ok()) return send_error(res, uid.error());
        handler(req, res, uid.value());
    };
}

void register_index_crud(HttpListener& listener, MeiliService& service) {
    listener.route(HttpMethod::post, "/indexes", [&service](const Req& req, Res& res) {
        auto body = read_json_body(content_type(req), req.body);
        if (!body.ok()) return send_error(res, body.error());
        auto request = read_create_index(body.value());
        if (!request.ok()) return send_error(res, request.error());
        send_json(res, 202, service.enqueue(request.value()));
    });
    listener.route(HttpMethod::get, "/indexes", [&service](const Req& req, Res& res) {
        auto params =
            parse_list_params(raw_query(req), {"invalid_index_offset", "invalid_index_limit", ""});
        if (!params.ok()) return send_error(res, params.error());
        send_json(res, 200, service.read([&](const MeiliState& s) {
            const std::vector<std::string> uids = s.queue().indexes().uids();
            MeiliJson results = MeiliJson::array();
            for (std::size_t i = params->offset; i < uids.size() && results.size() < params->limit;
                 ++i)
                results.push_back(index_view(s, uids[i]));
            return MeiliJson{{"results", results},
                             {"offset", params->offset},
                             {"limit", params->limit},
                             {"total", uids.size()}};
        }));
    });
    listener.route(HttpMethod::get, R"(/indexes/([^/]+))",
                   with_index([&service](const Req&, Res& res, const std::string& uid) {
                       auto view =
                           service.read([&](const MeiliState& s) -> std::optional<MeiliJson> {
                               if (!s.queue().indexes().exists(uid)) return std::nullopt;
                               return index_view(s, uid);
                           });
                       if (!view) return send_error(res, index_not_found(uid));
                       send_json(res, 200, *view);
                   }));
    listener.route(HttpMethod::patch, R"(/indexes/([^/]+))",
                   with_index([&service](const Req& req, Res& res, const std::string& uid) {
                       auto body = read_json_body(content_type(req), req.body);
                       if (!body.ok()) return send_error(res, body.error());
                       auto request = read_update_index(uid, body.value());
                       if (!request.ok()) return send_error(res, request.error());
                       send_json(res, 202, service.enqueue(request.value()));
                   }));
    listener.route(HttpMethod::del, R"(/indexes/([^/]+))",
                   with_index([&service](const Req&, Res& res, const std::string& uid) {
                       send_json(res, 202, service.enqueue(DeleteIndex{uid}));
                   }));
}

void register_document_writes(HttpListener& listener, MeiliService& service) {
    for (DocumentMethod method : {DocumentMethod::replace, DocumentMethod::update}) {
        listener.route(
            method == DocumentMethod::replace ? HttpMethod::post : HttpMethod::put,
            R"(/indexes/([^/]+)/documents)",
            with_index([&service, method](const Req& req, Res& res, const std::string& uid) {
                static constexpr std::array<std::string_view, 1> kParams = {"primaryKey"};
                auto params = parse_known_params(raw_query(req), kParams);
                if (!params.ok()) return send_error(res, params.error());
                auto documents = read_documents_body(content_type(req), req.body);
                if (!documents.ok()) return send_error(res, documents.error());
                AddDocuments request{uid, std::move(documents.value()), std::nullopt, method, true};
                for (const auto& [key, value] : params.value())
                    request.primary_key = value;
                send_json(res, 202, service.enqueue(std::move(request)));
            }));
    }
    listener.route(HttpMethod::del, R"(/indexes/([^/]+)/documents)",
                   with_index([&service](const Req&, Res& res, const std::string& uid) {
                       send_json(res, 202, service.enqueue(ClearDocuments{uid}));
                   }));
    listener.route(HttpMethod::del, R"(/indexes/([^/]+)/documents/([^/]+))",
                   with_index([&service](const Req& req, Res& res, const std::string& uid) {
                       DeleteDocuments request{uid, {req.matches[2].str()}};
                       send_json(res, 202, service.enqueue(request));
                   }));
    listener.route(
        HttpMethod::post, R"(/indexes/([^/]+)/documents/delete-batch)",
        with_index([&service](const Req& req, Res& res, const std::string& uid) {
            auto body = read_json_body(content_type(req), req.body);
            if (!body.ok()) return send_error(res, body.error());
            if (!body->is_array())
                return send_error(res,
                                  invalid_value_type("bad_request", "", "an array", body.value()));
            DeleteDocuments request{uid, {}};
            for (const MeiliJson& id : body.value())
                request.document_ids.push_back(id.is_string() ? id.get<std::string>() : id.dump());
            send_json(res, 202, service.enqueue(request));
        }));
}

void register_document_reads(HttpListener& listener, MeiliService& service) {
    listener.route(
        HttpMethod::get, R"(/indexes/([^/]+)/documents)",
        with_index([&service](const Req& req, Res& res, const std::string& uid) {
            auto params = parse_list_params(
                raw_query(req),
                {"invalid_document_offset", "invalid_document_limit", "invalid_document_fields"});
            if (!params.ok()) return send_error(res, params.error());
            auto page = service.read([&](const MeiliState& s) -> std::optional<MeiliJson> {
                const MeiliIndexRecord* index = s.documents().find(uid);
                if (index == nullptr) return std::nullopt;
                MeiliJson results = MeiliJson::array();
                auto it = index->by_position.begin();
                for (std::uint64_t skip = 0;
                     skip < params->offset && it != index->by_position.end(); ++skip)
                    ++it;
                for (; it != index->by_position.end() && results.size() < params->limit; ++it)
                    results.push_back(select_fields(it->second, params->fields));
                return MeiliJson{{"results", results},
                                 {"offset", params->offset},
                                 {"limit", params->limit},
                                 {"total", index->by_position.size()}};
            });
            if (!page) return send_error(res, index_not_found(uid));
            send_json(res, 200, *page);
        }));
    listener.route(
        HttpMethod::get, R"(/indexes/([^/]+)/documents/([^/]+))",
        with_index([&service](const Req& req, Res& res, const std::string& uid) {
            static constexpr std::array<std::string_view, 1> kParams = {"fields"};
            auto params = parse_known_params(raw_query(req), kParams);
            if (!params.ok()) return send_error(res, params.error());
            ListParams fields;
            if (!params->empty())
                fields =
                    parse_list_params(raw_query(req), {"", "", "invalid_document_fields"}).value();
            const std::string id = req.matches[2].str();
            auto found = service.read([&](const MeiliState& s) -> Result<MeiliJson, ApiError> {
                const MeiliIndexRecord* index = s.documents().find(uid);
                if (index == nullptr) return Err(index_not_found(uid));
                auto position = index->position_of.find(id);
                if (position == index->position_of.end())
                    return Err(ApiError{404, "Document `" + id + "` not found.",
                                        "document_not_found", "invalid_request"});
                return select_fields(index->by_position.at(position->second), fields.fields);
            });
            if (!found.ok()) return send_error(res, found.error());
            send_json(res, 200, found.value());
        }));
}

void register_settings(HttpListener& listener, MeiliService& service) {
    for (HttpMethod method : {HttpMethod::patch, HttpMethod::put}) {
        listener.route(
            method, R"(/indexes/([^/]+)/settings)",
            with_index([&service](const Req& req, Res& res, const std::string& uid) {
                auto body = read_json_body(content_type(req), req.body);
                if (!body.ok()) return send_error(res, body.error());
                auto settings = read_settings(body.value());
                if (!settings.ok()) return send_error(res, settings.error());
                send_json(res, 202, service.enqueue(UpdateSettings{uid, settings.value(), true}));
            }));
    }
    // DELETE resets every setting: Settings::cleared(), each key `null` in the details.
    listener.route(HttpMethod::del, R"(/indexes/([^/]+)/settings)",
                   with_index([&service](const Req&, Res& res, const std::string& uid) {
                       MeiliJson cleared = MeiliJson::object();
                       for (const SettingsField& field : kSettings)
                           cleared[std::string(field.name)] = nullptr;
                       send_json(res, 202, service.enqueue(UpdateSettings{uid, cleared, true}));
                   }));
}

}  // namespace

void register_meili_index_routes(HttpListener& listener, MeiliService& service) {
    register_index_crud(listener, service);
    register_document_writes(listener, service);
    register_document_reads(listener, service);
    register_settings(listener, service);
}

}  // namespace taskcheck::server
