#pragma once
// EsPlantedBug: deliberately wrong variants of the simulated Elasticsearch cluster, for tests only
// (STYLE.md §12: every checker and property is shown to fire). Never read from a scenario file or
// the command line; EsWorld takes one as a constructor argument and the tests in sim/tests/ name
// the checker each must trip. Each is a plausible server bug, not a model edit:
//   register_ignores_ban     a child request registers even when its parent is banned on the
//                            receiving node (the ban check is skipped)
//                            -> check_es_cancellation ("child registered under a ban")
//   ban_skips_children       a node that receives a ban records it but does not cancel the
//                            children already running there -> check_es_cancellation
//                            ("task ran after the ban on its parent reached its node")
//   accept_stale_allocation  the master applies a state update or completion whose allocation id
//                            is stale, matching on the task id only -> check_es_stale_rejected
//   drop_tasks_of_lost_node  when a node leaves, the master removes its persistent tasks instead
//                            of reassigning them -> check_es_no_task_lost
//   never_ack_bans           a node that places a ban never answers it, so the cancel that sent
//                            it is never acknowledged -> liveness ("cancel op N not acknowledged")
// Deterministic: the variants change what the world does, never what it draws.

#include <cstdint>
#include <string_view>

namespace taskcheck::sim {

enum class EsPlantedBug : std::uint8_t {
    none,
    register_ignores_ban,
    ban_skips_children,
    accept_stale_allocation,
    drop_tasks_of_lost_node,
    never_ack_bans,
};

inline std::string_view es_planted_bug_name(EsPlantedBug bug) {
    switch (bug) {
        case EsPlantedBug::none:
            return "none";
        case EsPlantedBug::register_ignores_ban:
            return "register_ignores_ban";
        case EsPlantedBug::ban_skips_children:
            return "ban_skips_children";
        case EsPlantedBug::accept_stale_allocation:
            return "accept_stale_allocation";
        case EsPlantedBug::drop_tasks_of_lost_node:
            return "drop_tasks_of_lost_node";
        case EsPlantedBug::never_ack_bans:
            return "never_ack_bans";
    }
    return "?";
}

}  // namespace taskcheck::sim
