#include "sim/checkers/status_machine.hpp"

#include <string>

#include "sim/checkers/task_ledger.hpp"

namespace taskcheck::sim {
namespace {

using meili::Status;

bool legal(Status from, Status to, MeiliRecordKind context) {
    switch (from) {
        case Status::enqueued:
            return to == Status::processing || to == Status::canceled;
        case Status::processing:
            if (to == Status::enqueued)
                return context == MeiliRecordKind::recovered ||
                       context == MeiliRecordKind::batch_started;
            return to == Status::succeeded || to == Status::failed || to == Status::canceled;
        default:
            return false;
    }
}

std::string quoted(Status status) {
    return "\"" + std::string(meili::status_name(status)) + "\"";
}

}  // namespace

std::optional<Violation> check_status_machine(const std::vector<MeiliRecord>& records) {
    TaskLedger ledger;
    MeiliRecordKind context = MeiliRecordKind::liveness;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const MeiliRecord& r = records[i];
        const LedgerTask* task = ledger.find(r.uid);
        const std::string subject = "task=" + std::to_string(r.uid) + ": ";
        if (r.kind == MeiliRecordKind::status && task != nullptr) {
            if (r.from != task->status)
                return violation_at("check_status_machine", records, i,
                                    subject + "status changed from " + quoted(r.from) +
                                        " but was last seen " + quoted(task->status),
                                    quoted(task->status), quoted(r.from));
            if (!legal(r.from, r.to, context)) {
                const std::string why = meili::is_terminal(r.from)
                                            ? " (a terminal status is final)"
                                            : " (not a legal transition here)";
                return violation_at(
                    "check_status_machine", records, i,
                    subject + "status went from " + quoted(r.from) + " to " + quoted(r.to) + why,
                    "", quoted(r.to));
            }
        }
        if (r.kind == MeiliRecordKind::deleted && task != nullptr &&
            !meili::is_terminal(task->status))
            return violation_at("check_status_machine", records, i,
                                subject + "deleted while " + quoted(task->status),
                                "a terminal status", quoted(task->status));
        if (r.kind != MeiliRecordKind::status && r.kind != MeiliRecordKind::deleted)
            context = r.kind;
        ledger.apply(r);
    }
    return std::nullopt;
}

}  // namespace taskcheck::sim
