#include "sim/es_record.hpp"

#include <array>
#include <nlohmann/json.hpp>

namespace taskcheck::sim {
namespace {

constexpr std::array<std::string_view, kEsRecordKindCount> kRecordNames = {"operation",
                                                                           "task_registered",
                                                                           "task_rejected",
                                                                           "task_step",
                                                                           "task_cancelled",
                                                                           "task_finished",
                                                                           "ban_placed",
                                                                           "ban_removed",
                                                                           "cancel_acked",
                                                                           "cancel_lost",
                                                                           "persistent_started",
                                                                           "persistent_accepted",
                                                                           "persistent_rejected",
                                                                           "published",
                                                                           "master_elected",
                                                                           "node_joined",
                                                                           "node_removed",
                                                                           "crash",
                                                                           "restart",
                                                                           "fault",
                                                                           "liveness"};

std::string tasks_json(const std::vector<EsPublishedTask>& tasks) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const EsPublishedTask& t : tasks) {
        nlohmann::ordered_json executor = nullptr;
        if (!t.executor.empty()) executor = t.executor;
        out.push_back(nlohmann::ordered_json::array({t.id, t.name, t.allocation_id, executor}));
    }
    return out.dump();
}

void trace_fields(TraceLine& line, const EsRecord& r) {
    switch (r.kind) {
        case EsRecordKind::operation:
            line.field("op", r.op).field("name", r.text);
            break;
        case EsRecordKind::task_registered:
            line.field("task", r.task).field("parent", r.parent).field("action", r.text);
            break;
        case EsRecordKind::task_rejected:
            line.field("parent", r.parent).field("reason", r.reason);
            break;
        case EsRecordKind::task_step:
        case EsRecordKind::task_finished:
            line.field("task", r.task);
            break;
        case EsRecordKind::task_cancelled:
            line.field("task", r.task).field("reason", r.reason);
            break;
        case EsRecordKind::ban_placed:
        case EsRecordKind::ban_removed:
            line.field("parent", r.parent);
            break;
        case EsRecordKind::cancel_acked:
        case EsRecordKind::cancel_lost:
            line.field("op", r.op);
            break;
        case EsRecordKind::persistent_started:
            line.field("id", r.id).field("allocation_id", r.allocation_id).field("task", r.task);
            break;
        case EsRecordKind::persistent_accepted:
            line.field("what", r.text).field("id", r.id).field("allocation_id", r.allocation_id);
            break;
        case EsRecordKind::persistent_rejected:
            line.field("what", r.text).field("id", r.id).field("allocation_id", r.allocation_id);
            line.field("reason", r.reason);
            break;
        case EsRecordKind::published:
            line.field("version", r.version).field("last_allocation_id", r.allocation_id);
            line.raw("nodes", nlohmann::ordered_json(r.members).dump());
            line.raw("tasks", tasks_json(r.tasks));
            break;
        case EsRecordKind::master_elected:
            line.field("full_restart", r.flag);
            break;
        case EsRecordKind::node_joined:
        case EsRecordKind::node_removed:
            line.field("es_id", r.id);
            break;
        case EsRecordKind::restart:
            line.field("amnesia", r.flag).field("es_id", r.id);
            break;
        case EsRecordKind::fault:
            line.field("what", r.text);
            break;
        case EsRecordKind::crash:
        case EsRecordKind::liveness:
            break;
    }
}

}  // namespace

std::string_view es_record_name(EsRecordKind kind) {
    return kRecordNames[static_cast<std::size_t>(kind)];
}

std::string es_node_name(NodeId node) {
    return node == kNoNode ? "" : "es-" + std::to_string(node);
}

void trace_es_record(Trace& trace, const EsRecord& record) {
    TraceLine line = trace.begin(record.at, record.node, es_record_name(record.kind));
    trace_fields(line, record);
    line.end();
}

}  // namespace taskcheck::sim
