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

// Appended piece by piece: `"\"" + std::string(...)` trips GCC 12's false -Wrestrict at -O3
// (GCC bug 105329, see cmake/TaskcheckBuild.cmake).
std::string quoted(Status status) {
    std::string out = "\"";
    out += meili::status_name(status);
    out += '"';
    return out;
}

}  // namespace

void StatusMachineCheck::check_change(const MeiliRecord& r, std::uint64_t index,
                                      const LedgerTask& task) {
    const std::string subject = "task=" + std::to_string(r.uid) + ": ";
    if (r.from != task.status) {
        violation_ = violation_at("check_status_machine", r, index,
                                  subject + "status changed from " + quoted(r.from) +
                                      " but was last seen " + quoted(task.status),
                                  quoted(task.status), quoted(r.from));
        return;
    }
    if (legal(r.from, r.to, context_)) return;
    const std::string why = meili::is_terminal(r.from) ? " (a terminal status is final)"
                                                       : " (not a legal transition here)";
    violation_ =
        violation_at("check_status_machine", r, index,
                     subject + "status went from " + quoted(r.from) + " to " + quoted(r.to) + why,
                     "", quoted(r.to));
}

void StatusMachineCheck::observe(const MeiliRecord& r, std::uint64_t index,
                                 const TaskLedger& ledger) {
    if (violation_) return;
    if (r.kind != MeiliRecordKind::status && r.kind != MeiliRecordKind::deleted) {
        context_ = r.kind;
        return;
    }
    const LedgerTask* task = ledger.find(r.uid);
    if (task == nullptr) return;
    if (r.kind == MeiliRecordKind::status) return check_change(r, index, *task);
    if (!meili::is_terminal(task->status))
        violation_ = violation_at(
            "check_status_machine", r, index,
            "task=" + std::to_string(r.uid) + ": deleted while " + quoted(task->status),
            "a terminal status", quoted(task->status));
}

std::optional<Violation> check_status_machine(const std::vector<MeiliRecord>& records) {
    return check_history<StatusMachineCheck>(records);
}

}  // namespace taskcheck::sim
