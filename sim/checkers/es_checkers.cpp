#include "sim/checkers/es_checkers.hpp"

namespace taskcheck::sim {

// The checkers see each record in the list order of es_checkers.hpp, so the first to fire on the
// earliest violating record wins — the same violation check_es_history picked when it ran the
// checkers one after the other over a whole history.
void EsChecks::observe(const EsRecord& record, std::uint64_t index) {
    if (first_) return;
    std::optional<Violation> v = cancellation_.observe(record, index);
    if (!v) v = allocation_ids_.observe(record, index);
    if (!v) v = stale_rejected_.observe(record, index);
    if (!v) v = no_task_lost_.observe(record, index);
    if (!v) v = least_loaded_.observe(record, index);
    if (v) first_ = std::move(v);
}

std::optional<Violation> check_es_history(const std::vector<EsRecord>& records) {
    EsChecks checks;
    for (std::uint64_t i = 0; i < records.size() && !checks.first(); ++i)
        checks.observe(records[i], i);
    return checks.first();
}

}  // namespace taskcheck::sim
