#include "server/meili_command.hpp"

#include <nlohmann/json.hpp>

#include "model/common/input_error.hpp"
#include "server/journal_json.hpp"

namespace taskcheck::server {
namespace {

using Json = nlohmann::ordered_json;
using namespace taskcheck::meili;

Json optional_text(const std::optional<std::string>& text) {
    return text ? Json(*text) : Json(nullptr);
}

std::optional<std::string> read_optional_text(const Json& value) {
    if (value.is_null()) return std::nullopt;
    return value.get<std::string>();
}

// Request fields, one encoder per TaskRequest alternative: {"request": <name>, ...}.
struct RequestEncoder {
    Json operator()(const AddDocuments& r) const {
        return {{"request", "addDocuments"},
                {"indexUid", r.index_uid},
                {"documents", r.documents},
                {"primaryKey", optional_text(r.primary_key)},
                {"method", r.method == DocumentMethod::replace ? "replace" : "update"},
                {"allowIndexCreation", r.allow_index_creation}};
    }
    Json operator()(const DeleteDocuments& r) const {
        return {{"request", "deleteDocuments"},
                {"indexUid", r.index_uid},
                {"documentIds", r.document_ids}};
    }
    Json operator()(const ClearDocuments& r) const {
        return {{"request", "clearDocuments"}, {"indexUid", r.index_uid}};
    }
    Json operator()(const UpdateSettings& r) const {
        return {{"request", "updateSettings"},
                {"indexUid", r.index_uid},
                {"settings", r.settings},
                {"allowIndexCreation", r.allow_index_creation}};
    }
    Json operator()(const CreateIndex& r) const {
        return {{"request", "createIndex"},
                {"indexUid", r.index_uid},
                {"primaryKey", optional_text(r.primary_key)}};
    }
    Json operator()(const UpdateIndex& r) const {
        return {{"request", "updateIndex"},
                {"indexUid", r.index_uid},
                {"primaryKey", optional_text(r.primary_key)}};
    }
    Json operator()(const DeleteIndex& r) const {
        return {{"request", "deleteIndex"}, {"indexUid", r.index_uid}};
    }
    Json operator()(const SwapIndexes& r) const {
        Json swaps = Json::array();
        for (const auto& [lhs, rhs] : r.swaps)
            swaps.push_back(Json::array({lhs, rhs}));
        return {{"request", "swapIndexes"}, {"swaps", swaps}};
    }
    Json operator()(const CreateDump&) const { return {{"request", "createDump"}}; }
    Json operator()(const CreateSnapshot&) const { return {{"request", "createSnapshot"}}; }
};

TaskRequest decode_request(const Json& j) {
    const std::string name = j.at("request").get<std::string>();
    if (name == "addDocuments") {
        AddDocuments r;
        r.index_uid = j.at("indexUid").get<std::string>();
        r.documents = j.at("documents");
        r.primary_key = read_optional_text(j.at("primaryKey"));
        r.method = j.at("method").get<std::string>() == "update" ? DocumentMethod::update
                                                                 : DocumentMethod::replace;
        r.allow_index_creation = j.at("allowIndexCreation").get<bool>();
        return r;
    }
    if (name == "deleteDocuments")
        return DeleteDocuments{j.at("indexUid").get<std::string>(),
                               j.at("documentIds").get<std::vector<std::string>>()};
    if (name == "clearDocuments") return ClearDocuments{j.at("indexUid").get<std::string>()};
    if (name == "updateSettings")
        return UpdateSettings{j.at("indexUid").get<std::string>(), j.at("settings"),
                              j.at("allowIndexCreation").get<bool>()};
    if (name == "createIndex")
        return CreateIndex{j.at("indexUid").get<std::string>(),
                           read_optional_text(j.at("primaryKey"))};
    if (name == "updateIndex")
        return UpdateIndex{j.at("indexUid").get<std::string>(),
                           read_optional_text(j.at("primaryKey"))};
    if (name == "deleteIndex") return DeleteIndex{j.at("indexUid").get<std::string>()};
    if (name == "swapIndexes") {
        SwapIndexes r;
        for (const Json& pair : j.at("swaps"))
            r.swaps.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
        return r;
    }
    if (name == "createDump") return CreateDump{};
    if (name == "createSnapshot") return CreateSnapshot{};
    throw std::invalid_argument("unknown request `" + name + "`");
}

Json encode_error(const ApiError& e) {
    return {
        {"httpStatus", e.http_status}, {"message", e.message}, {"code", e.code}, {"type", e.type}};
}

ApiError decode_error(const Json& j) {
    return ApiError{journal_integer<int>(j, "httpStatus"), j.at("message").get<std::string>(),
                    j.at("code").get<std::string>(), j.at("type").get<std::string>()};
}

struct CommandEncoder {
    Json operator()(const MeiliEnqueue& c) const {
        return {
            {"op", "enqueue"}, {"now", c.now}, {"task", std::visit(RequestEncoder{}, c.request)}};
    }
    Json operator()(const MeiliFilterTask& c) const {
        return {{"op", c.route == TaskRoute::cancel ? "cancelTasks" : "deleteTasks"},
                {"now", c.now},
                {"query", c.raw_query}};
    }
    Json operator()(const MeiliStartBatch& c) const {
        return {{"op", "startBatch"}, {"now", c.now}};
    }
    Json operator()(const MeiliFinishBatch& c) const {
        Json out{{"op", "finishBatch"}, {"now", c.now}};
        if (c.injected_error) out["injectedError"] = encode_error(*c.injected_error);
        return out;
    }
    Json operator()(const MeiliRestart& c) const { return {{"op", "restart"}, {"now", c.now}}; }
};

MeiliCommand decode_json(const Json& j) {
    const std::string op = j.at("op").get<std::string>();
    const Nanos now = journal_integer<Nanos>(j, "now");
    if (op == "enqueue") return MeiliEnqueue{now, decode_request(j.at("task"))};
    if (op == "cancelTasks")
        return MeiliFilterTask{now, TaskRoute::cancel, j.at("query").get<std::string>()};
    if (op == "deleteTasks")
        return MeiliFilterTask{now, TaskRoute::delete_, j.at("query").get<std::string>()};
    if (op == "startBatch") return MeiliStartBatch{now};
    if (op == "finishBatch") {
        MeiliFinishBatch out{now, std::nullopt};
        if (j.contains("injectedError")) out.injected_error = decode_error(j.at("injectedError"));
        return out;
    }
    if (op == "restart") return MeiliRestart{now};
    throw std::invalid_argument("unknown op `" + op + "`");
}

}  // namespace

Nanos command_time(const MeiliCommand& command) {
    return std::visit([](const auto& c) { return c.now; }, command);
}

std::string encode_meili_command(const MeiliCommand& command) {
    return std::visit(CommandEncoder{}, command)
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

MeiliCommand decode_meili_command(const std::string& text, std::uint64_t seq) {
    try {
        return decode_json(Json::parse(text));
    } catch (const std::exception& e) {
        throw InputError(
            "journal-corrupt", InputLocation{"journal record seq=" + std::to_string(seq), 0, ""},
            std::string("not a Meilisearch-profile command: ") + e.what(),
            "the journal was written by an incompatible build; use a fresh --data-dir");
    }
}

}  // namespace taskcheck::server
