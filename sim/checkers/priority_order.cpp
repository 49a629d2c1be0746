#include "sim/checkers/priority_order.hpp"

#include <string>

namespace taskcheck::sim {
namespace {

using meili::Kind;
using meili::TaskUid;

// The batch §3 demands, or the oldest task's index batch shape to compare against.
struct Expectation {
    std::vector<TaskUid> exact;       // a global batch: exactly these uids
    std::vector<TaskUid> index_pool;  // otherwise: the batch is a non-empty prefix of these
    const char* rule = "";            // a global batch: why
    std::string index;                // otherwise: the oldest task's index
};

// One walk over the open tasks: the global batch §3 puts first, if any.
Expectation expected_global_batch(const TaskLedger& ledger) {
    std::optional<TaskUid> newest_cancel, oldest_deletion, oldest_dump;
    std::vector<TaskUid> snapshots;
    for (TaskUid uid : ledger.open()) {
        switch (ledger.find(uid)->kind) {
            case Kind::task_cancelation:
                newest_cancel = uid;
                break;
            case Kind::task_deletion:
                if (!oldest_deletion) oldest_deletion = uid;
                break;
            case Kind::snapshot_creation:
                snapshots.push_back(uid);
                break;
            case Kind::dump_creation:
                if (!oldest_dump) oldest_dump = uid;
                break;
            default:
                break;
        }
    }
    if (newest_cancel)
        return {{*newest_cancel}, {}, "the newest enqueued taskCancelation runs first", {}};
    if (oldest_deletion)
        return {{*oldest_deletion}, {}, "the oldest enqueued taskDeletion runs next", {}};
    if (!snapshots.empty())
        return {snapshots, {}, "every enqueued snapshotCreation runs together", {}};
    if (oldest_dump) return {{*oldest_dump}, {}, "the oldest enqueued dumpCreation runs next", {}};
    return {};
}

Expectation expected_batch(const TaskLedger& ledger) {
    Expectation e = expected_global_batch(ledger);
    if (!e.exact.empty() || ledger.open().empty()) return e;
    const LedgerTask& oldest = *ledger.find(ledger.open().front());
    e.index = oldest.kind == Kind::index_swap && !oldest.linked.empty() ? oldest.linked.front()
                                                                        : oldest.index;
    for (TaskUid uid : ledger.open())
        if (ledger.find(uid)->linked_to(e.index)) e.index_pool.push_back(uid);
    return e;
}

bool is_prefix(const std::vector<TaskUid>& batch, const std::vector<TaskUid>& pool) {
    if (batch.empty() || batch.size() > pool.size()) return false;
    for (std::size_t i = 0; i < batch.size(); ++i)
        if (batch[i] != pool[i]) return false;
    return true;
}

}  // namespace

void PriorityOrderCheck::observe(const MeiliRecord& r, std::uint64_t index,
                                 const TaskLedger& ledger) {
    if (violation_ || r.kind != MeiliRecordKind::batch_started) return;
    const Expectation e = expected_batch(ledger);
    const bool ok = e.exact.empty() ? is_prefix(r.uids, e.index_pool) : r.uids == e.exact;
    if (ok) return;
    std::string reason = e.rule;
    if (e.exact.empty() && !ledger.open().empty())
        reason = "the batch is a prefix of index `" + e.index + "`'s enqueued tasks, from task " +
                 std::to_string(ledger.open().front());
    const std::string expected =
        e.exact.empty() ? "a prefix of " + format_uids(e.index_pool) : format_uids(e.exact);
    violation_ = violation_at("check_priority_order", r, index,
                              "batch " + format_uids(r.uids) + " started, but " + reason, expected,
                              format_uids(r.uids));
}

std::optional<Violation> check_priority_order(const std::vector<MeiliRecord>& records) {
    return check_history<PriorityOrderCheck>(records);
}

}  // namespace taskcheck::sim
