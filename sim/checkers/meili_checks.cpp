#include "sim/checkers/meili_checks.hpp"

#include "sim/checkers/cancellation.hpp"
#include "sim/checkers/no_acked_task_lost.hpp"
#include "sim/checkers/pagination_complete.hpp"
#include "sim/checkers/priority_order.hpp"
#include "sim/checkers/status_machine.hpp"
#include "sim/checkers/uid_monotonic.hpp"

namespace taskcheck::sim {

std::optional<Violation> check_meili_history(const std::vector<MeiliRecord>& records) {
    using Checker = std::optional<Violation> (*)(const std::vector<MeiliRecord>&);
    constexpr Checker kCheckers[] = {check_priority_order,     check_status_machine,
                                     check_cancellation,       check_uid_monotonic,
                                     check_no_acked_task_lost, check_pagination_complete};
    std::optional<Violation> first;
    for (Checker checker : kCheckers) {
        std::optional<Violation> v = checker(records);
        if (v && (!first || v->event_index < first->event_index)) first = std::move(v);
    }
    return first;
}

}  // namespace taskcheck::sim
