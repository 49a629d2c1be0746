#pragma once
// EsService: the Elasticsearch profile's EsState behind one lock, with its journal and clock.
// Routes call it; it never sees HTTP.
//
// Durability: a durable command (es_command.hpp) is applied first — a command the state refuses
// is answered with its error and never journalled — then submitted under the lock, in apply
// order, and the caller is answered only once it is durable (the fsync is waited for outside
// the lock, so concurrent requests share one). A synthetic task that stores its result is made
// durable before the lock is released, so nobody reads a `.tasks` document a crash would lose.
// Start-up replays the journal and then journals an EsFullRestart: the cluster comes back with
// empty task managers, the persistent tasks reloaded and reassigned (allocation ids renewed),
// stored results kept — what a kill -9 of every ES node leaves.
//
// Time: every call first settles what is due at `now` (synthetic tasks ending). With a manual
// clock time moves only in advance(); with the real clock a request that waits
// (wait_for_completion) sleeps until the next task end or its deadline, whichever is first.
//
// Thread safety: every public member may be called from any thread.

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "model/common/result.hpp"
#include "server/clock.hpp"
#include "server/es_state.hpp"
#include "server/journal.hpp"

namespace taskcheck::server {

struct EsServiceOptions {
    bool manual_clock = false;
    int nodes = 3;
    // Where a manual clock starts on an empty journal (2024-01-01T00:00:00Z).
    Nanos manual_start = 1'704'067'200 * kNanosPerSecond;
};

class EsService {
  public:
    // Replays `journal` (throws InputError, e.g. "journal-corrupt") and journals the restart.
    EsService(Journal& journal, EsServiceOptions options);
    EsService(const EsService&) = delete;
    EsService& operator=(const EsService&) = delete;

    // Runs a REST operation of the task cluster at `now` under the lock. A reply that waits
    // blocks this thread until the model finishes it (other requests or time move it on).
    es::EsReply run(const std::function<es::Reply(EsState&, Nanos now)>& operation);

    // Reads the state under the lock (after settling what is due).
    template <typename F>
    auto read(F&& reader) {
        std::unique_lock lock(mutex_);
        settle_locked(clock_->now());
        return reader(static_cast<const EsState&>(state_));
    }

    // Applies, journals and acknowledges a durable command (its now is set here).
    Result<nlohmann::ordered_json, es::EsError> command(EsCommand command);

    // Synthetic tasks (es_state.hpp).
    Result<es::TaskId, es::EsError> start_synthetic(const SyntheticTask& task,
                                                    const es::HttpHeaders& headers);
    Result<bool, es::EsError> finish_synthetic(const es::TaskId& id,
                                               std::optional<es::TaskOutcome> outcome);

    // Starts a reindex / update_by_query / delete_by_query (es_by_scroll.hpp). Without `wait`
    // answers {"task": "<node>:<n>"} at once; with it, blocks until the task ends and answers
    // its REST response (its writes durable first). Errors: the state's.
    Result<nlohmann::ordered_json, es::EsError> by_scroll(const ByScrollRequest& request,
                                                          const es::HttpHeaders& headers,
                                                          bool wait);

    bool manual_clock() const { return manual_ != nullptr; }
    Nanos now() { return clock_->now(); }
    // Manual clock only: moves time on by `span`, ending the tasks due on the way.
    // Requires: manual_clock(); 0 <= span.
    Nanos advance(Nanos span);

  private:
    void settle_locked(Nanos now);
    void journal_locked(const EsCommand& command, bool wait);

    Journal& journal_;
    EsServiceOptions options_;
    std::unique_ptr<Clock> clock_;
    ManualClock* manual_ = nullptr;
    std::mutex mutex_;
    std::condition_variable changed_;  // the state changed or time moved: waits re-poll
    EsState state_;                    // GUARDED_BY(mutex_)
    std::uint64_t last_seq_ = 0;       // GUARDED_BY(mutex_)
};

}  // namespace taskcheck::server
