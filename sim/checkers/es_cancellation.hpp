#pragma once
// check_es_cancellation: cancellation with bans in an Elasticsearch cluster
// (spec/elasticsearch.md §4.1, §4.2).
// Checks, over the records of one run, in order:
//  - no child registers under a ban: a task_registered on node X whose parent X bans
//    (ban_placed, not yet ban_removed) — TaskManager must refuse it with
//    "task cancelled before starting [...]";
//  - a cancelled task never runs again: no task_step after its task_cancelled;
//  - a banned parent's children never run once the ban reached their node: no task_step of a
//    task on X whose parent X bans (receiving a ban cancels the children already there, so the
//    descendants of a cancelled task either never run after the ban or are cancelled).
// When: after the run, over the whole history (safety and liveness phases).
// Skips: work done before the ban reached a node (bans travel over the network, so a child
// may register and run until its node learns of the ban — that is ES behaviour, not a bug);
// tasks lost with a crashed node (a crash or restart of X clears what is known about X).
// Deterministic: a pure function of the records.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/es_record.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

// The check fed one record at a time, in order. observe() returns the violation `record`
// (number `index` of the run) shows, if any; after a violation the state is unspecified and
// observing more records is pointless.
class EsCancellationCheck {
  public:
    std::optional<Violation> observe(const EsRecord& record, std::uint64_t index);

  private:
    struct KnownTask {
        std::string parent;
        bool cancelled = false;
    };
    struct NodeView {
        std::set<std::string> bans;
        std::map<std::int64_t, KnownTask> tasks;
    };
    std::optional<Violation> on_step(const EsRecord& r, std::uint64_t index, NodeView& node) const;

    std::vector<NodeView> nodes_;  // by node index, grown on first sight
};

// Every record through one EsCancellationCheck; the first violation.
std::optional<Violation> check_es_cancellation(const std::vector<EsRecord>& records);

}  // namespace taskcheck::sim
