#include "sim/checkers/priority_order.hpp"

#include <string>

#include "sim/checkers/task_ledger.hpp"

namespace taskcheck::sim {
namespace {

using meili::Kind;
using meili::TaskUid;

// The batch §3 demands, or the oldest task's index batch shape to compare against.
struct Expectation {
    std::vector<TaskUid> exact;       // a global batch: exactly these uids
    std::vector<TaskUid> index_pool;  // otherwise: the batch is a non-empty prefix of these
    std::string reason;
};

Expectation expected_batch(const TaskLedger& ledger) {
    std::vector<TaskUid> candidates;
    for (const auto& [uid, task] : ledger.tasks())
        if (task.live &&
            (task.status == meili::Status::enqueued || task.status == meili::Status::processing))
            candidates.push_back(uid);
    auto of_kind = [&](Kind kind) {
        std::vector<TaskUid> out;
        for (TaskUid uid : candidates)
            if (ledger.find(uid)->kind == kind) out.push_back(uid);
        return out;
    };
    Expectation e;
    if (auto c = of_kind(Kind::task_cancelation); !c.empty())
        return {{c.back()}, {}, "the newest enqueued taskCancelation runs first"};
    if (auto d = of_kind(Kind::task_deletion); !d.empty())
        return {{d.front()}, {}, "the oldest enqueued taskDeletion runs next"};
    if (auto s = of_kind(Kind::snapshot_creation); !s.empty())
        return {s, {}, "every enqueued snapshotCreation runs together"};
    if (auto d = of_kind(Kind::dump_creation); !d.empty())
        return {{d.front()}, {}, "the oldest enqueued dumpCreation runs next"};
    if (candidates.empty()) return e;
    const LedgerTask& oldest = *ledger.find(candidates.front());
    const std::string index = oldest.kind == Kind::index_swap && !oldest.linked.empty()
                                  ? oldest.linked.front()
                                  : oldest.index;
    for (TaskUid uid : candidates)
        if (ledger.find(uid)->linked_to(index)) e.index_pool.push_back(uid);
    e.reason = "the batch is a prefix of index `" + index + "`'s enqueued tasks, from task " +
               std::to_string(candidates.front());
    return e;
}

bool is_prefix(const std::vector<TaskUid>& batch, const std::vector<TaskUid>& pool) {
    if (batch.empty() || batch.size() > pool.size()) return false;
    for (std::size_t i = 0; i < batch.size(); ++i)
        if (batch[i] != pool[i]) return false;
    return true;
}

}  // namespace

std::optional<Violation> check_priority_order(const std::vector<MeiliRecord>& records) {
    TaskLedger ledger;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const MeiliRecord& r = records[i];
        if (r.kind != MeiliRecordKind::batch_started) {
            ledger.apply(r);
            continue;
        }
        const Expectation e = expected_batch(ledger);
        const bool ok = e.exact.empty() ? is_prefix(r.uids, e.index_pool) : r.uids == e.exact;
        if (ok) continue;
        const std::string expected =
            e.exact.empty() ? "a prefix of " + format_uids(e.index_pool) : format_uids(e.exact);
        return violation_at("check_priority_order", records, i,
                            "batch " + format_uids(r.uids) + " started, but " + e.reason, expected,
                            format_uids(r.uids));
    }
    return std::nullopt;
}

}  // namespace taskcheck::sim
