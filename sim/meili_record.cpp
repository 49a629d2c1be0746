#include "sim/meili_record.hpp"

#include <array>
#include <nlohmann/json.hpp>

namespace taskcheck::sim {
namespace {

constexpr std::array<std::string_view, 15> kRecordNames = {
    "operation", "registered",    "acked",          "page",   "got",
    "api_error", "batch_started", "batch_finished", "status", "deleted",
    "crash",     "restart",       "recovered",      "fault",  "liveness"};

std::string uid_list(const std::vector<meili::TaskUid>& uids) {
    std::string out = "[";
    for (std::size_t i = 0; i < uids.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(uids[i]);
    }
    return out + "]";
}

const char* batch_end_name(meili::BatchEnd end) {
    switch (end) {
        case meili::BatchEnd::processed:
            return "processed";
        case meili::BatchEnd::failed:
            return "failed";
        case meili::BatchEnd::aborted:
            return "aborted";
    }
    return "?";
}

void trace_registered(TraceLine& line, const MeiliRecord& r) {
    line.field("op", r.op).field("uid", r.uid).field("type", meili::kind_name(r.task_kind));
    if (!r.index.empty()) line.field("index", r.index);
    if (!r.indexes.empty()) line.raw("indexes", nlohmann::ordered_json(r.indexes).dump());
    if (r.task_kind == meili::Kind::task_cancelation || r.task_kind == meili::Kind::task_deletion)
        line.raw("matched", uid_list(r.matched));
    line.field("enqueued_at", r.enqueued_at);
}

void trace_status(TraceLine& line, const MeiliRecord& r) {
    line.field("uid", r.uid)
        .field("from", meili::status_name(r.from))
        .field("to", meili::status_name(r.to));
    if (r.canceled_by != UINT32_MAX) line.field("canceled_by", r.canceled_by);
    if (r.count) line.field("count", *r.count);
}

}  // namespace

std::string_view meili_record_name(MeiliRecordKind kind) {
    return kRecordNames[static_cast<std::size_t>(kind)];
}

std::string meili_node_name(NodeId node) {
    return node == kMeiliNode ? "meili-0" : "client-" + std::to_string(node);
}

void trace_meili_record(Trace& trace, const MeiliRecord& r) {
    TraceLine line = trace.begin(r.at, r.node, meili_record_name(r.kind));
    switch (r.kind) {
        case MeiliRecordKind::operation:
            line.field("op", r.op).field("name", r.text);
            break;
        case MeiliRecordKind::registered:
            trace_registered(line, r);
            break;
        case MeiliRecordKind::acked:
            line.field("op", r.op).field("uid", r.uid);
            break;
        case MeiliRecordKind::page:
            line.field("op", r.op).field("page", r.page).raw("uids", uid_list(r.uids));
            if (r.next) line.field("next", *r.next);
            line.raw("expected", uid_list(r.matched));
            break;
        case MeiliRecordKind::got:
            line.field("op", r.op).field("uid", r.uid).field("status", meili::status_name(r.to));
            break;
        case MeiliRecordKind::api_error:
            line.field("op", r.op).field("code", r.text);
            break;
        case MeiliRecordKind::batch_started:
        case MeiliRecordKind::recovered:
            line.raw("uids", uid_list(r.uids));
            break;
        case MeiliRecordKind::batch_finished:
            line.field("end", batch_end_name(r.end));
            break;
        case MeiliRecordKind::status:
            trace_status(line, r);
            break;
        case MeiliRecordKind::deleted:
            line.field("uid", r.uid);
            break;
        case MeiliRecordKind::fault:
            line.field("what", r.text);
            break;
        case MeiliRecordKind::crash:
        case MeiliRecordKind::restart:
        case MeiliRecordKind::liveness:
            break;
    }
    line.end();
}

}  // namespace taskcheck::sim
