#pragma once
// check_es_history: every checker of the `elasticsearch` profile over one run's records, and the
// violation with the smallest event index (ties: the first checker in this list):
//   check_es_cancellation     sim/checkers/es_cancellation.hpp
//   check_es_allocation_ids   sim/checkers/es_allocation_ids.hpp
//   check_es_stale_rejected   sim/checkers/es_stale_rejected.hpp
//   check_es_no_task_lost     sim/checkers/es_no_task_lost.hpp
//   check_es_least_loaded     sim/checkers/es_least_loaded.hpp
// EsChecks runs them online: each record goes to every checker as the world adds it, and the
// checkers keep only the small state they need (bans and running tasks per node, the last
// published allocation per persistent task), so a run need not keep its records to be checked.
// Fed the same records, EsChecks::first() equals check_es_history().
// Liveness (every persistent task running on a live member, every cancel acknowledged, every
// tree task finished) is EsWorld::pending(), checked by the driver after the heal.
// Deterministic: a pure function of the records.

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/checkers/es_allocation_ids.hpp"
#include "sim/checkers/es_cancellation.hpp"
#include "sim/checkers/es_least_loaded.hpp"
#include "sim/checkers/es_no_task_lost.hpp"
#include "sim/checkers/es_stale_rejected.hpp"
#include "sim/es_record.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

class EsChecks {
  public:
    // Feeds record `index` to every checker until one has fired. Requires: records are observed
    // in order, `index` counting from 0.
    void observe(const EsRecord& record, std::uint64_t index);
    // The first violation observed, or nothing.
    const std::optional<Violation>& first() const { return first_; }

  private:
    EsCancellationCheck cancellation_;
    EsAllocationIdsCheck allocation_ids_;
    EsStaleRejectedCheck stale_rejected_;
    EsNoTaskLostCheck no_task_lost_;
    EsLeastLoadedCheck least_loaded_;
    std::optional<Violation> first_;
};

std::optional<Violation> check_es_history(const std::vector<EsRecord>& records);

}  // namespace taskcheck::sim
