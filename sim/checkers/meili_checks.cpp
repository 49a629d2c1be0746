#include "sim/checkers/meili_checks.hpp"

namespace taskcheck::sim {

void MeiliChecks::observe(const MeiliRecord& record, std::uint64_t index) {
    priority_order_.observe(record, index, ledger_);
    status_machine_.observe(record, index, ledger_);
    cancellation_.observe(record, index, ledger_);
    uid_monotonic_.observe(record, index, ledger_);
    no_acked_task_lost_.observe(record, index, ledger_);
    pagination_complete_.observe(record, index, ledger_);
    ledger_.apply(record);
}

std::optional<Violation> MeiliChecks::first() const {
    std::optional<Violation> found[] = {
        priority_order_.result(ledger_),     status_machine_.result(ledger_),
        cancellation_.result(ledger_),       uid_monotonic_.result(ledger_),
        no_acked_task_lost_.result(ledger_), pagination_complete_.result(ledger_)};
    std::optional<Violation> first;
    for (std::optional<Violation>& v : found)
        if (v && (!first || v->event_index < first->event_index)) first = std::move(v);
    return first;
}

std::optional<Violation> check_meili_history(const std::vector<MeiliRecord>& records) {
    MeiliChecks checks;
    for (std::size_t i = 0; i < records.size(); ++i)
        checks.observe(records[i], i);
    return checks.first();
}

}  // namespace taskcheck::sim
