#include "sim/meili_operation.hpp"

#include <array>
#include <vector>

#include "model/common/assert.hpp"
#include "model/meili/task_query_parser.hpp"
#include "sim/json_reader.hpp"

namespace taskcheck::sim {
namespace {

using nlohmann::ordered_json;

constexpr std::array<std::string_view, kMeiliOpKindCount> kNames = {
    "add_documents", "delete_documents", "clear_documents", "update_settings", "create_index",
    "update_index",  "delete_index",     "swap_indexes",    "create_dump",     "create_snapshot",
    "cancel_tasks",  "delete_tasks",     "list_tasks",      "get_task"};

enum Field : unsigned {
    kIndex = 1,
    kOtherIndex = 2,
    kDocuments = 4,
    kMethod = 8,
    kBadDocument = 16,
    kQuery = 32,
    kUid = 64,
};

unsigned fields_of(MeiliOpKind kind) {
    switch (kind) {
        case MeiliOpKind::add_documents:
            return kIndex | kDocuments | kMethod | kBadDocument;
        case MeiliOpKind::delete_documents:
            return kIndex | kDocuments;
        case MeiliOpKind::clear_documents:
        case MeiliOpKind::update_settings:
        case MeiliOpKind::create_index:
        case MeiliOpKind::update_index:
        case MeiliOpKind::delete_index:
            return kIndex;
        case MeiliOpKind::swap_indexes:
            return kIndex | kOtherIndex;
        case MeiliOpKind::create_dump:
        case MeiliOpKind::create_snapshot:
            return 0;
        case MeiliOpKind::cancel_tasks:
        case MeiliOpKind::delete_tasks:
        case MeiliOpKind::list_tasks:
            return kQuery;
        case MeiliOpKind::get_task:
            return kUid;
    }
    return 0;
}

void read_index(JsonReader& reader, std::string_view key, std::string& out) {
    reader.required_string(key, out);
    if (reader.ok() && !meili::is_valid_index_uid(out))
        reader.fail(std::string(key), "\"" + out + "\" is not a valid index uid",
                    "use 1..400 of [A-Za-z0-9_-]");
}

void read_fields(JsonReader& reader, const ordered_json& in, unsigned fields, MeiliOperation& op) {
    if (fields & kIndex) read_index(reader, "index", op.index);
    if (fields & kOtherIndex) {
        read_index(reader, "other_index", op.other_index);
        if (reader.ok() && op.other_index == op.index)
            reader.fail("other_index", "same index as \"index\"", "swap two distinct indexes");
    }
    if (fields & kDocuments) {
        reader.required_u32("documents", op.documents);
        if (reader.ok() && (op.documents < 1 || op.documents > 1000))
            reader.fail("documents", std::to_string(op.documents) + " is outside 1..1000", "");
    }
    if (fields & kMethod) {
        std::string method;
        reader.required_string("method", method);
        if (reader.ok() && method != "replace" && method != "update")
            reader.fail("method", "expected \"replace\" or \"update\", found \"" + method + "\"",
                        "");
        op.method =
            method == "update" ? meili::DocumentMethod::update : meili::DocumentMethod::replace;
    }
    if ((fields & kBadDocument) && reader.ok()) {
        const auto it = in.find("bad_document");
        if (it == in.end())
            reader.fail("", "operation has no \"bad_document\"", "add \"bad_document\"");
        else if (!it->is_boolean())
            reader.fail("bad_document", "expected a boolean, found " + json_type_name(*it), "");
        else
            op.bad_document = it->get<bool>();
    }
    if (fields & kQuery) reader.required_string("query", op.query);
    if (fields & kUid) reader.required_u32("uid", op.uid);
}

}  // namespace

std::string_view meili_op_name(MeiliOpKind kind) {
    return kNames[static_cast<std::size_t>(kind)];
}

meili::Kind task_kind_of(MeiliOpKind kind) {
    using meili::Kind;
    switch (kind) {
        case MeiliOpKind::add_documents:
            return Kind::document_addition_or_update;
        case MeiliOpKind::delete_documents:
        case MeiliOpKind::clear_documents:
            return Kind::document_deletion;
        case MeiliOpKind::update_settings:
            return Kind::settings_update;
        case MeiliOpKind::create_index:
            return Kind::index_creation;
        case MeiliOpKind::update_index:
            return Kind::index_update;
        case MeiliOpKind::delete_index:
            return Kind::index_deletion;
        case MeiliOpKind::swap_indexes:
            return Kind::index_swap;
        case MeiliOpKind::create_dump:
            return Kind::dump_creation;
        case MeiliOpKind::create_snapshot:
            return Kind::snapshot_creation;
        case MeiliOpKind::cancel_tasks:
            return Kind::task_cancelation;
        case MeiliOpKind::delete_tasks:
            return Kind::task_deletion;
        default:
            TC_ASSERT(false);
    }
    return Kind::document_addition_or_update;
}

void to_json(ordered_json& out, const MeiliOperation& op) {
    out = ordered_json::object();
    out.get_ptr<ordered_json::object_t*>()->reserve(8);  // at most 8 keys: one allocation
    out["at_ns"] = op.at;
    out["client"] = op.client;
    out["op"] = meili_op_name(op.kind);
    const unsigned fields = fields_of(op.kind);
    if (fields & kIndex) out["index"] = op.index;
    if (fields & kOtherIndex) out["other_index"] = op.other_index;
    if (fields & kDocuments) out["documents"] = op.documents;
    if (fields & kMethod)
        out["method"] = op.method == meili::DocumentMethod::update ? "update" : "replace";
    if (fields & kBadDocument) out["bad_document"] = op.bad_document;
    if (fields & kQuery) out["query"] = op.query;
    if (fields & kUid) out["uid"] = op.uid;
}

Result<MeiliOperation, OptionProblem> meili_operation_from_json(const ordered_json& in,
                                                                std::uint32_t clients) {
    JsonReader reader(in, "a meilisearch operation");
    MeiliOperation op;
    std::string name;
    reader.required_string("op", name);
    std::size_t kind = 0;
    while (reader.ok() && kind < kNames.size() && kNames[kind] != name)
        ++kind;
    if (reader.ok() && kind == kNames.size())
        reader.fail("op", "unknown operation \"" + name + "\"",
                    "use one of add_documents, delete_documents, clear_documents, "
                    "update_settings, create_index, update_index, delete_index, swap_indexes, "
                    "create_dump, create_snapshot, cancel_tasks, delete_tasks, list_tasks, "
                    "get_task");
    if (!reader.ok()) return Err(*reader.problem());
    op.kind = static_cast<MeiliOpKind>(kind);
    reader.required_nanos("at_ns", op.at);
    if (reader.ok() && op.at < 0) reader.fail("at_ns", std::to_string(op.at) + " < 0", "");
    reader.required_u32("client", op.client);
    if (reader.ok() && op.client >= clients)
        reader.fail("client",
                    std::to_string(op.client) + " is outside 0.." + std::to_string(clients - 1),
                    "raise profile_options.clients or use a smaller client");
    const unsigned fields = fields_of(op.kind);
    read_fields(reader, in, fields, op);
    std::array<std::string_view, 10> allowed = {"at_ns", "client", "op"};
    std::size_t allowed_count = 3;
    const std::array<std::pair<unsigned, std::string_view>, 7> optional_keys = {
        {{kIndex, "index"},
         {kOtherIndex, "other_index"},
         {kDocuments, "documents"},
         {kMethod, "method"},
         {kBadDocument, "bad_document"},
         {kQuery, "query"},
         {kUid, "uid"}}};
    for (const auto& [bit, key] : optional_keys)
        if (fields & bit) allowed[allowed_count++] = key;
    reader.reject_unknown_keys(std::span<const std::string_view>(allowed.data(), allowed_count));
    if (!reader.ok()) return Err(*reader.problem());
    return op;
}

}  // namespace taskcheck::sim
