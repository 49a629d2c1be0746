#include "server/es_command.hpp"

#include "model/common/input_error.hpp"
#include "server/journal_json.hpp"

namespace taskcheck::server {
namespace {

using Json = nlohmann::ordered_json;

template <typename T>
void put_optional(Json& out, const char* key, const std::optional<T>& value) {
    if (value) out[key] = *value;
}

template <typename T>
std::optional<T> get_optional(const Json& in, const char* key) {
    if (!in.contains(key)) return std::nullopt;
    return in.at(key).get<T>();
}

es::TaskType task_type(const std::string& text) {
    if (text == "direct") return es::TaskType::direct;
    if (text == "persistent") return es::TaskType::persistent;
    if (text != "transport") throw std::invalid_argument("unknown task type `" + text + "`");
    return es::TaskType::transport;
}

struct Encoder {
    Json& out;
    void operator()(const EsNodeLeave& c) { out["node"] = c.node; }
    void operator()(const EsNodeJoin& c) { out["node"] = c.node; }
    void operator()(const EsPersistentCreate& c) {
        out["id"] = c.id;
        out["name"] = c.name;
        put_optional(out, "params", c.params);
    }
    void operator()(const EsPersistentState& c) {
        out["id"] = c.id;
        out["allocation_id"] = c.allocation_id;
        out["state"] = c.state;
    }
    void operator()(const EsPersistentComplete& c) {
        out["id"] = c.id;
        out["allocation_id"] = c.allocation_id;
        put_optional(out, "failure", c.failure);
        put_optional(out, "local_abort_reason", c.local_abort_reason);
    }
    void operator()(const EsPersistentRemove& c) { out["id"] = c.id; }
    void operator()(const EsStoreResult& c) {
        out["node"] = c.node;
        out["number"] = c.number;
        out["type"] = std::string(es::to_string(c.type));
        out["action"] = c.action;
        out["description"] = c.description;
        put_optional(out, "status", c.status);
        out["start_time"] = c.start_time;
        out["cancellable"] = c.cancellable;
        out["parent"] = c.parent;
        out["headers"] = c.headers;
        put_optional(out, "response", c.response);
        out["error_type"] = c.error_type;
        out["error_reason"] = c.error_reason;
    }
    void operator()(const EsFullRestart&) {}
    void operator()(const EsIndexCreate& c) {
        out["index"] = c.index;
        out["shards"] = c.shards;
    }
    void operator()(const EsDocsWrite& c) {
        Json writes = Json::array();
        for (const EsDocWrite& write : c.writes) {
            Json one = {{"index", write.index}, {"id", write.id}};
            put_optional(one, "source", write.source);
            if (write.create_only) one["create_only"] = true;
            writes.push_back(std::move(one));
        }
        out["writes"] = std::move(writes);
    }
};

const char* op_name(const EsCommand& command) {
    static constexpr const char* kNames[] = {
        "node_leave",          "node_join",         "persistent_create", "persistent_state",
        "persistent_complete", "persistent_remove", "store_result",      "full_restart",
        "index_create",        "docs_write"};
    return kNames[command.index()];
}

EsStoreResult decode_store_result(const Json& in, Nanos now) {
    EsStoreResult c;
    c.now = now;
    c.node = in.at("node").get<std::string>();
    c.number = journal_integer<std::int64_t>(in, "number");
    c.type = task_type(in.at("type").get<std::string>());
    c.action = in.at("action").get<std::string>();
    c.description = in.at("description").get<std::string>();
    c.status = get_optional<Json>(in, "status");
    c.start_time = journal_integer<Nanos>(in, "start_time");
    c.cancellable = in.at("cancellable").get<bool>();
    c.parent = in.at("parent").get<std::string>();
    c.headers = in.at("headers").get<es::TaskHeaders>();
    c.response = get_optional<Json>(in, "response");
    c.error_type = in.at("error_type").get<std::string>();
    c.error_reason = in.at("error_reason").get<std::string>();
    return c;
}

EsCommand decode_fields(const Json& in) {
    const std::string op = in.at("op").get<std::string>();
    const Nanos now = journal_integer<Nanos>(in, "now");
    if (op == "node_leave") return EsNodeLeave{now, in.at("node").get<std::string>()};
    if (op == "node_join") return EsNodeJoin{now, in.at("node").get<std::string>()};
    if (op == "persistent_create")
        return EsPersistentCreate{now, in.at("id").get<std::string>(),
                                  in.at("name").get<std::string>(),
                                  get_optional<Json>(in, "params")};
    if (op == "persistent_state")
        return EsPersistentState{now, in.at("id").get<std::string>(),
                                 journal_integer<std::int64_t>(in, "allocation_id"),
                                 in.at("state")};
    if (op == "persistent_complete")
        return EsPersistentComplete{now, in.at("id").get<std::string>(),
                                    journal_integer<std::int64_t>(in, "allocation_id"),
                                    get_optional<std::string>(in, "failure"),
                                    get_optional<std::string>(in, "local_abort_reason")};
    if (op == "persistent_remove") return EsPersistentRemove{now, in.at("id").get<std::string>()};
    if (op == "store_result") return decode_store_result(in, now);
    if (op == "full_restart") return EsFullRestart{now};
    if (op == "index_create") {
        const int shards = journal_integer<int>(in, "shards");
        // The index store requires at least one shard (TC_ASSERT); the routes never journal 0.
        if (shards < 1) throw std::invalid_argument("`shards` must be at least 1");
        return EsIndexCreate{now, in.at("index").get<std::string>(), shards};
    }
    if (op == "docs_write") {
        EsDocsWrite c{now, {}};
        for (const Json& write : in.at("writes"))
            c.writes.push_back(
                EsDocWrite{write.at("index").get<std::string>(), write.at("id").get<std::string>(),
                           get_optional<Json>(write, "source"), write.value("create_only", false)});
        return c;
    }
    throw std::invalid_argument("unknown op `" + op + "`");
}

}  // namespace

Nanos command_time(const EsCommand& command) {
    return std::visit([](const auto& c) { return c.now; }, command);
}

std::string encode_es_command(const EsCommand& command) {
    Json out = Json::object();
    out["op"] = op_name(command);
    out["now"] = command_time(command);
    std::visit(Encoder{out}, command);
    return out.dump();
}

EsCommand decode_es_command(const std::string& text, std::uint64_t seq) {
    try {
        return decode_fields(Json::parse(text));
    } catch (const std::exception& e) {
        throw InputError("journal-corrupt", InputLocation{"", 0, ""},
                         "record " + std::to_string(seq) +
                             " is not an Elasticsearch command this build wrote: " + e.what(),
                         "start with an empty --data-dir, or use the taskcheck that wrote it");
    }
}

}  // namespace taskcheck::server
