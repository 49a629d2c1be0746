// The index, document and settings routes of the Meilisearch profile (v1.1.1
// meilisearch/src/routes/indexes/{mod,documents,settings}.rs).
#include <array>

#include "model/meili/index_batch.hpp"
#include "model/meili/meili_errors.hpp"
#include "model/meili/task_query_parser.hpp"
#include "server/meili_http.hpp"
#include "server/meili_routes.hpp"
#include "server/meili_settings_validation.hpp"

namespace taskcheck::server {
namespace {

using namespace taskcheck::meili;
using Req = httplib::Request;
using Res = httplib::Response;

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

// PATCH /indexes/{uid} body: {"primaryKey"?}; uid, createdAt and updatedAt are immutable.
Result<std::optional<std::string>, ApiError> read_update_index(const MeiliJson& body) {
    static constexpr std::array<std::string_view, 1> kFields = {"primaryKey"};
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kImmutable = {
        {{"uid", "immutable_index_uid"},
         {"createdAt", "immutable_index_created_at"},
         {"updatedAt", "immutable_index_updated_at"}}};
    if (!body.is_object()) return Err(invalid_value_type("bad_request", "", "an object", body));
    std::optional<std::string> out;
    for (const auto& [key, value] : body.items()) {
        for (const auto& [name, code] : kImmutable)
            if (key == name)
                return Err(ApiError{400,
                                    "Immutable field `" + key + "`: expected one of `primaryKey`",
                                    std::string(code), "invalid_request"});
        if (key != "primaryKey") return Err(unknown_field("", key, kFields));
        if (!value.is_null() && !value.is_string())
            return Err(
                invalid_value_type("invalid_index_primary_key", ".primaryKey", "a string", value));
        if (value.is_string()) out = value.get<std::string>();
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

// A route with a JSON body: v1.1 extracts the body (and deserr-validates it, `read`) before the
// handler parses the path uid, so a bad body is reported before a bad uid (§9 "Order of
// checks"). `handler(req, res, uid, value)` gets what `read` returned.
template <typename Reader, typename Handler>
HttpListener::Handler with_body_then_index(Reader read, Handler handler) {
    return [read, handler](const Req& req, Res& res) {
        auto body = read_json_body(content_type(req), req.body);
        if (!body.ok()) return send_error(res, body.error());
        auto value = read(body.value());
        if (!value.ok()) return send_error(res, value.error());
        Result<std::string, ApiError> uid = path_index_uid(req.matches[1].str());
        if (!uid.ok()) return send_error(res, uid.error());
        handler(req, res, uid.value(), std::move(value.value()));
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
                   with_body_then_index(
                       read_update_index, [&service](const Req&, Res& res, const std::string& uid,
                                                     std::optional<std::string> key) {
                           send_json(res, 202, service.enqueue(UpdateIndex{uid, key}));
                       }));
    listener.route(HttpMethod::del, R"(/indexes/([^/]+))",
                   with_index([&service](const Req&, Res& res, const std::string& uid) {
                       send_json(res, 202, service.enqueue(DeleteIndex{uid}));
                   }));
}

// The documents addition query (v1.1.1 `UpdateDocumentsQuery`): primaryKey, csvDelimiter.
struct AdditionParams {
    std::optional<std::string> primary_key;
    std::optional<std::string> csv_delimiter;
};

// A csvDelimiter must be one ASCII character (§9.4); counted in Unicode scalar values.
std::optional<ApiError> csv_delimiter_problem(const std::string& value) {
    const auto chars = std::count_if(value.begin(), value.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    });
    const std::string prefix =
        "Invalid value in parameter `csvDelimiter`: expected a string of "
        "one character, but found ";
    std::string message;
    if (chars == 0) message = prefix + "an empty string";
    if (chars > 1)
        message = prefix + "the following string of " + std::to_string(chars) + " characters: `" +
                  value + "`";
    if (chars == 1 && static_cast<unsigned char>(value[0]) >= 0x80)
        message = "csv delimiter must be an ascii character. Found: `" + value + "`";
    if (message.empty()) return std::nullopt;
    return ApiError{400, message, "invalid_document_csv_delimiter", "invalid_request"};
}

Result<AdditionParams, ApiError> read_addition_params(const Req& req) {
    static constexpr std::array<std::string_view, 2> kParams = {"primaryKey", "csvDelimiter"};
    auto params = parse_known_params(raw_query(req), kParams);
    if (!params.ok()) return Err(params.error());
    AdditionParams out;
    for (const auto& [key, value] : params.value()) {
        if (key == "primaryKey") out.primary_key = value;
        if (key != "csvDelimiter") continue;
        if (auto problem = csv_delimiter_problem(value)) return Err(*problem);
        out.csv_delimiter = value;
    }
    return out;
}

// The order of v1.1.1 `documents.rs`: query string, path uid, Content-Type, payload.
void add_documents(MeiliService& service, DocumentMethod method, const Req& req, Res& res) {
    auto params = read_addition_params(req);
    if (!params.ok()) return send_error(res, params.error());
    Result<std::string, ApiError> uid = path_index_uid(req.matches[1].str());
    if (!uid.ok()) return send_error(res, uid.error());
    if (params->csv_delimiter && content_type(req))
        if (auto problem = csv_delimiter_content_type_problem(*content_type(req)))
            return send_error(res, *problem);
    auto documents = read_documents_body(content_type(req), req.body);
    if (!documents.ok()) return send_error(res, documents.error());
    send_json(res, 202,
              service.enqueue(AddDocuments{uid.value(), std::move(documents.value()),
                                           params->primary_key, method, true}));
}

void register_document_writes(HttpListener& listener, MeiliService& service) {
    for (DocumentMethod method : {DocumentMethod::replace, DocumentMethod::update})
        listener.route(method == DocumentMethod::replace ? HttpMethod::post : HttpMethod::put,
                       R"(/indexes/([^/]+)/documents)",
                       [&service, method](const Req& req, Res& res) {
                           add_documents(service, method, req, res);
                       });
    listener.route(HttpMethod::del, R"(/indexes/([^/]+)/documents)",
                   with_index([&service](const Req&, Res& res, const std::string& uid) {
                       send_json(res, 202, service.enqueue(ClearDocuments{uid}));
                   }));
    listener.route(HttpMethod::del, R"(/indexes/([^/]+)/documents/([^/]+))",
                   with_index([&service](const Req& req, Res& res, const std::string& uid) {
                       DeleteDocuments request{uid, {req.matches[2].str()}};
                       send_json(res, 202, service.enqueue(request));
                   }));
    // A plain `web::Json<Vec<Value>>`: a body that is not an array is serde's error (§9.1).
    listener.route(
        HttpMethod::post, R"(/indexes/([^/]+)/documents/delete-batch)",
        [&service](const Req& req, Res& res) {
            auto body = read_json_body(content_type(req), req.body);
            if (!body.ok()) return send_error(res, body.error());
            if (!body->is_array()) return send_error(res, not_a_sequence(req.body, body.value()));
            Result<std::string, ApiError> uid = path_index_uid(req.matches[1].str());
            if (!uid.ok()) return send_error(res, uid.error());
            DeleteDocuments request{uid.value(), {}};
            for (const MeiliJson& id : body.value())
                request.document_ids.push_back(id.is_string() ? id.get<std::string>() : id.dump());
            send_json(res, 202, service.enqueue(request));
        });
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

// Settings: PATCH /settings and the update verb of each sub-route validate their body at request
// time (meili_settings_validation.hpp). Every DELETE is a Reset with `is_deletion`, which may not
// create the index (autobatcher `allow_index_creation && !is_deletion`): on a missing index its
// task fails with index_not_found when processed (§9.2).
void register_settings(HttpListener& listener, MeiliService& service) {
    auto enqueue = [&service](const Req&, Res& res, const std::string& uid, MeiliJson settings) {
        send_json(res, 202, service.enqueue(UpdateSettings{uid, std::move(settings), true}));
    };
    auto reset = [&service](MeiliJson settings) {
        return with_index([&service, settings](const Req&, Res& res, const std::string& uid) {
            send_json(res, 202, service.enqueue(UpdateSettings{uid, settings, false}));
        });
    };
    listener.route(HttpMethod::patch, R"(/indexes/([^/]+)/settings)",
                   with_body_then_index(read_settings, enqueue));
    listener.route(HttpMethod::del, R"(/indexes/([^/]+)/settings)", reset(cleared_settings()));
    // actix's default 405 (empty body) for a method the resource does not have.
    listener.route(HttpMethod::put, R"(/indexes/([^/]+)/settings)",
                   [](const Req&, Res& res) { res.status = 405; });
    for (const SettingsKey& key : settings_keys()) {
        const std::string path = R"(/indexes/([^/]+)/settings/)" + std::string(key.route);
        auto read = [&key](const MeiliJson& body) { return read_setting(key, body); };
        listener.route(key.patch ? HttpMethod::patch : HttpMethod::put, path,
                       with_body_then_index(read, enqueue));
        listener.route(key.patch ? HttpMethod::put : HttpMethod::patch, path,
                       [](const Req&, Res& res) { res.status = 405; });
        listener.route(HttpMethod::del, path, reset(MeiliJson{{std::string(key.name), nullptr}}));
    }
}

}  // namespace

void register_meili_index_routes(HttpListener& listener, MeiliService& service) {
    register_index_crud(listener, service);
    register_document_writes(listener, service);
    register_document_reads(listener, service);
    register_settings(listener, service);
}

}  // namespace taskcheck::server
