#include "sim/checkers/es_checkers.hpp"

#include "sim/checkers/es_allocation_ids.hpp"
#include "sim/checkers/es_cancellation.hpp"
#include "sim/checkers/es_least_loaded.hpp"
#include "sim/checkers/es_no_task_lost.hpp"
#include "sim/checkers/es_stale_rejected.hpp"

namespace taskcheck::sim {

std::optional<Violation> check_es_history(const std::vector<EsRecord>& records) {
    std::optional<Violation> first;
    for (auto checker : {check_es_cancellation, check_es_allocation_ids, check_es_stale_rejected,
                         check_es_no_task_lost, check_es_least_loaded}) {
        std::optional<Violation> v = checker(records);
        if (v && (!first || v->event_index < first->event_index)) first = std::move(v);
    }
    return first;
}

}  // namespace taskcheck::sim
