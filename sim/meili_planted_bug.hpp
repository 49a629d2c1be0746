#pragma once
// MeiliPlantedBug: deliberately wrong variants of the simulated Meilisearch instance, for tests
// only (STYLE.md §12: every checker and property is shown to fire). Never read from a scenario
// file or the command line; MeiliWorld takes one as a constructor argument and the tests in
// sim/tests/ name the checker each must trip. Each is a plausible server bug, not a model edit:
//   ack_before_journal         registrations are journalled lazily (at the next batch boundary),
//                              so a crash loses acknowledged tasks and their uids are reused
//                              -> check_no_acked_task_lost, check_uid_monotonic
//   sync_only_at_batch_end     every entry is written before the answer but fsynced only when a
//                              batch finishes: a process crash loses nothing, power loss
//                              (amnesia_restart) loses acknowledged tasks
//                              -> check_no_acked_task_lost, check_uid_monotonic
//   replay_forgets_failures    restart replays the journal but skips the end of any batch in
//                              which a task failed: failed tasks come back enqueued
//                              -> check_status_machine
//   cancel_ignores_index_filter  POST /tasks/cancel drops the indexUids filter before
//                              registering, so it cancels tasks its query did not match
//                              -> check_cancellation
//   list_from_skips_one        GET /tasks serves `from=N` as `from=N-1`, skipping one task per
//                              page boundary -> check_pagination_complete
//   register_after_pick        a request arriving while the scheduler is about to pick a batch
//                              is acknowledged at once but registered only after the pick, so a
//                              cancelation can be passed over -> check_priority_order
// Deterministic: the variants change what the world does, never what it draws.

#include <cstdint>
#include <string_view>

namespace taskcheck::sim {

enum class MeiliPlantedBug : std::uint8_t {
    none,
    ack_before_journal,
    replay_forgets_failures,
    cancel_ignores_index_filter,
    list_from_skips_one,
    register_after_pick,
    sync_only_at_batch_end,
};

inline std::string_view planted_bug_name(MeiliPlantedBug bug) {
    switch (bug) {
        case MeiliPlantedBug::none:
            return "none";
        case MeiliPlantedBug::ack_before_journal:
            return "ack_before_journal";
        case MeiliPlantedBug::replay_forgets_failures:
            return "replay_forgets_failures";
        case MeiliPlantedBug::cancel_ignores_index_filter:
            return "cancel_ignores_index_filter";
        case MeiliPlantedBug::list_from_skips_one:
            return "list_from_skips_one";
        case MeiliPlantedBug::register_after_pick:
            return "register_after_pick";
        case MeiliPlantedBug::sync_only_at_batch_end:
            return "sync_only_at_batch_end";
    }
    return "?";
}

}  // namespace taskcheck::sim
