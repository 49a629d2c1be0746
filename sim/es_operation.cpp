#include "sim/es_operation.hpp"

#include <array>
#include <string>
#include <vector>

#include "sim/json_reader.hpp"

namespace taskcheck::sim {
namespace {

using nlohmann::ordered_json;

constexpr std::array<std::string_view, kEsOpKindCount> kNames = {
    "start_tree",        "cancel_task",       "cancel_actions",     "cancel_children",
    "create_persistent", "update_persistent", "complete_persistent"};

// The keys each op has besides at_ns, node, op, in JSON order.
std::vector<std::string_view> keys_of(EsOpKind kind) {
    switch (kind) {
        case EsOpKind::start_tree:
            return {"tree", "fanout", "depth"};
        case EsOpKind::cancel_task:
        case EsOpKind::cancel_children:
            return {"tree"};
        case EsOpKind::cancel_actions:
            return {"actions"};
        case EsOpKind::create_persistent:
            return {"id", "name"};
        case EsOpKind::update_persistent:
        case EsOpKind::complete_persistent:
            return {"id"};
    }
    return {};
}

void read_range(JsonReader& reader, std::string_view key, std::uint32_t lo, std::uint32_t hi,
                std::uint32_t& out) {
    reader.required_u32(key, out);
    if (reader.ok() && (out < lo || out > hi))
        reader.fail(
            std::string(key),
            std::to_string(out) + " is outside " + std::to_string(lo) + ".." + std::to_string(hi),
            "");
}

void read_text(JsonReader& reader, std::string_view key, std::string& out) {
    reader.required_string(key, out);
    if (reader.ok() && out.empty()) reader.fail(std::string(key), "empty string", "name it");
}

}  // namespace

std::string_view es_op_name(EsOpKind kind) {
    return kNames[static_cast<std::size_t>(kind)];
}

void to_json(ordered_json& out, const EsOperation& op) {
    out = ordered_json::object();
    out["at_ns"] = op.at;
    out["node"] = op.node;
    out["op"] = es_op_name(op.kind);
    for (std::string_view key : keys_of(op.kind)) {
        if (key == "tree") out["tree"] = op.tree;
        if (key == "fanout") out["fanout"] = op.fanout;
        if (key == "depth") out["depth"] = op.depth;
        if (key == "actions") out["actions"] = op.actions;
        if (key == "id") out["id"] = op.id;
        if (key == "name") out["name"] = op.name;
    }
}

Result<EsOperation, OptionProblem> es_operation_from_json(const ordered_json& in,
                                                          std::uint32_t node_count) {
    if (!in.is_object())
        return Err(OptionProblem{"", "expected an object, found " + json_type_name(in), ""});
    JsonReader reader(in, "an elasticsearch operation");
    EsOperation op;
    std::string name;
    reader.required_nanos("at_ns", op.at);
    reader.required_u32("node", op.node);
    if (reader.ok() && op.node >= node_count)
        reader.fail("node",
                    std::to_string(op.node) + " >= node_count " + std::to_string(node_count),
                    "use a node below node_count");
    reader.required_string("op", name);
    if (!reader.ok()) return Err(*reader.problem());
    std::size_t kind = 0;
    while (kind < kEsOpKindCount && kNames[kind] != name)
        ++kind;
    if (kind == kEsOpKindCount)
        return Err(OptionProblem{"op", "unknown op \"" + name + "\"",
                                 "use start_tree, cancel_task, cancel_actions, cancel_children, "
                                 "create_persistent, update_persistent or complete_persistent"});
    op.kind = static_cast<EsOpKind>(kind);
    std::vector<std::string_view> allowed = {"at_ns", "node", "op"};
    for (std::string_view key : keys_of(op.kind)) {
        allowed.push_back(key);
        if (key == "tree") reader.required_u32("tree", op.tree);
        if (key == "fanout") read_range(reader, "fanout", 1, 4, op.fanout);
        if (key == "depth") read_range(reader, "depth", 0, 3, op.depth);
        if (key == "actions") read_text(reader, "actions", op.actions);
        if (key == "id") read_text(reader, "id", op.id);
        if (key == "name") read_text(reader, "name", op.name);
    }
    reader.reject_unknown_keys(std::span<const std::string_view>(allowed));
    if (!reader.ok()) return Err(*reader.problem());
    return op;
}

}  // namespace taskcheck::sim
