#pragma once
// MeiliService: the Meilisearch profile's state behind one lock, with its journal, its clock
// and the processing driver that turns time into batches. Routes call it; it never sees HTTP.
//
// Durability (issue 5 "Durability"): every command is submitted to the journal under the lock,
// in the same order it is applied to the state, so journal order is apply order.
//  - a registration is acknowledged (the call returns) only once its record is durable; the
//    fsync is waited for outside the lock, so concurrent registrations share one (group commit);
//  - batch starts and ends are journalled without waiting under the lock (registrations are
//    never stalled behind the driver's fsync); instead
//  - a read answers only once every record its state reflects is durable (read() waits for the
//    journal after computing the answer), so no reader sees a task finished — or registered —
//    that a crash would turn back to enqueued or lose.
// Start-up replays the journal through MeiliState; a journal ending inside a batch gets a
// `restart` command, and those tasks run again (spec/meilisearch.md §0.15).
//
// Processing time: a batch takes `processing` from its start.
//  - real clock: a driver thread starts a batch as soon as something is enqueued (and processing
//    is not paused) and finishes it once `processing` has passed;
//  - manual clock: there is no thread; batches start and finish only inside advance(), at the
//    exact instants start + processing, which makes runs deterministic.
//
// Thread safety: every public member may be called from any thread.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>

#include "model/common/result.hpp"
#include "server/clock.hpp"
#include "server/journal.hpp"
#include "server/meili_state.hpp"

namespace taskcheck::server {

enum class ClockKind { real, manual };

struct MeiliServiceOptions {
    ClockKind clock = ClockKind::real;
    Nanos processing = ms(2);  // how long one batch takes; >= 0
    // Where a manual clock starts on an empty journal (2024-01-01T00:00:00Z); a journal that
    // reached later moves it forward, so time never goes back across a restart.
    Nanos manual_start = 1'704'067'200 * kNanosPerSecond;

    // Throws InputError id "serve-options" for a negative processing time.
    void validate() const;
};

class MeiliService {
  public:
    // Loads the state of `journal` — its snapshot if sound, then the records after it
    // (load_meili_state; throws what it throws for a damaged journal: InputError, e.g.
    // "journal-corrupt"), journals a restart if a batch was in progress, and sets the clock
    // up from the latest journalled time. Does not start processing.
    MeiliService(Journal& journal, MeiliServiceOptions options);
    // Stops processing (stop_processing()).
    ~MeiliService();
    MeiliService(const MeiliService&) = delete;
    MeiliService& operator=(const MeiliService&) = delete;

    // Journals and applies a registration; returns its summarized task once durable.
    nlohmann::ordered_json enqueue(meili::TaskRequest request);
    // POST /tasks/cancel, DELETE /tasks: parses `raw_query` (first error, then
    // missing_task_filters) and, when it is valid, registers the task as enqueue() does.
    Result<nlohmann::ordered_json, meili::ApiError> register_filter_task(meili::TaskRoute route,
                                                                         std::string raw_query);

    // Runs `read` on the state under a shared lock and returns what it returns, once the
    // journal is durable up to the last record that state reflects (see "Durability").
    // Throws the journal's write error (InputError) if that record can never be durable.
    template <typename F>
    auto read(F&& read) const {
        std::uint64_t reflected = 0;
        auto answer = [&] {
            std::shared_lock lock(mutex_);
            reflected = journal_.last_seq();
            return read(state_);
        }();
        if (reflected > 0) journal_.wait_durable(reflected);
        return answer;
    }

    // Real clock: starts the driver thread. Manual clock: nothing to start.
    void start_processing();
    // Joins the driver thread; no batch starts or ends afterwards.
    void stop_processing();

    // Clean shutdown, after stop_processing(): journals a restart if a batch is in progress (its
    // tasks are enqueued again, as after any restart), waits until the journal is durable and
    // writes the snapshot of the state (meili_snapshot.hpp), so the next start-up replays only
    // the records after it. Throws InputError "snapshot-write-failed" (the journal is whole
    // then, and the next start-up replays it) or the journal's write error.
    void write_snapshot();

    // ---- admin (/_taskcheck/...) -------------------------------------------------------------
    ClockKind clock_kind() const { return options_.clock; }
    Nanos now() { return clock_->now(); }
    // Manual clock only: moves time forward by `span`, running every batch start and end that
    // falls in it. Returns the new now. Requires: clock_kind() == manual; 0 <= span.
    Nanos advance(Nanos span);
    // While paused no batch starts; a batch in progress still ends.
    void set_paused(bool paused);
    // From now on a batch takes `processing` from its start, the batch in progress included
    // (it ends at once if that instant has passed). Not journalled: a restart goes back to the
    // --processing-ms value. Requires: 0 <= processing.
    void set_processing(Nanos processing);
    bool paused() const;
    // The next batch to end fails with `error` instead of its own outcome.
    void fail_next_batch(meili::ApiError error);
    // Called once, from the driver thread, if the journal fails; the server must stop.
    void on_fatal(std::function<void(const std::string&)> handler);

  private:
    struct Pending {
        std::uint64_t seq = 0;
        MeiliApplied applied;
    };
    Pending submit_locked(const MeiliCommand& command);
    bool can_start_locked() const;
    void start_batch_locked(Nanos now);
    void finish_batch_locked(Nanos now);
    void drive();

    Journal& journal_;
    MeiliServiceOptions options_;
    std::unique_ptr<Clock> clock_;
    ManualClock* manual_ = nullptr;  // == clock_ for a manual clock

    mutable std::shared_mutex mutex_;
    std::condition_variable_any wake_;               // enqueued, resumed, or stopping
    MeiliState state_;                               // GUARDED_BY(mutex_)
    bool paused_ = false;                            // GUARDED_BY(mutex_)
    bool stopping_ = false;                          // GUARDED_BY(mutex_)
    std::optional<meili::ApiError> fail_next_;       // GUARDED_BY(mutex_)
    std::function<void(const std::string&)> fatal_;  // GUARDED_BY(mutex_)
    std::thread driver_;
};

}  // namespace taskcheck::server
