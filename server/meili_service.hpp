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
// Periodic snapshots (meili_snapshot.hpp): a snapshot thread writes the state's snapshot once
// `snapshot_every_records` journal records were added since the last one, or `snapshot_every`
// (real time) has passed with at least one new record. It waits for a moment with no batch in
// progress (and holds the next batch start back until it has what it needs), encodes the state
// under the shared lock — reads go on, writers wait for the encoding only — and then, off the
// lock, waits for the covered record to be durable and writes, fsyncs and renames the file
// (snapshot_file.hpp: atomic). A failed write is a warning on stderr; the journal stays whole.
// Start-up prints one line on stderr when the journal was not empty:
//   taskcheck serve: start-up: snapshot of seq=S loaded, R journal records replayed
//   taskcheck serve: start-up: no snapshot, R journal records replayed
//
// Thread safety: every public member may be called from any thread.

#include <chrono>
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
    // Periodic snapshot triggers (see above); 0 turns either off.
    std::uint64_t snapshot_every_records = 50'000;
    Nanos snapshot_every = 60 * kNanosPerSecond;
    // Passed to load_meili_state(): start on a journal that lost records (see there).
    bool accept_journal_loss = false;

    // Throws InputError id "serve-options" for a negative processing time or snapshot period.
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

    // Real clock: starts the driver thread. Both clocks: starts the snapshot thread when a
    // periodic trigger is on.
    void start_processing();
    // Joins the driver and snapshot threads; no batch starts or ends afterwards.
    void stop_processing();

    // Clean shutdown, after stop_processing(): journals a restart if a batch is in progress (its
    // tasks are enqueued again, as after any restart), waits until the journal is durable and
    // writes the snapshot of the state (meili_snapshot.hpp), so the next start-up replays only
    // the records after it — unless the last snapshot already covers the last record. Throws
    // InputError "snapshot-write-failed" (the journal is whole then, and the next start-up
    // replays it) or the journal's write error.
    void write_snapshot();
    // The journal record the latest snapshot written or loaded covers (0: none).
    std::uint64_t snapshot_seq() const;

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
    void snapshot_loop();
    bool snapshot_due_locked(std::chrono::steady_clock::time_point last) const;
    // Encodes under the shared lock and writes off it; false (nothing done) when a batch started
    // in between. Requires: `lock` held, snapshot_wanted_, no batch in progress.
    bool take_periodic_snapshot(std::unique_lock<std::shared_mutex>& lock);

    Journal& journal_;
    MeiliServiceOptions options_;
    std::unique_ptr<Clock> clock_;
    ManualClock* manual_ = nullptr;  // == clock_ for a manual clock

    mutable std::shared_mutex mutex_;
    // Enqueued (only when no batch is in progress: during a batch the driver sleeps until the
    // batch's deadline and looks for enqueued tasks right after finishing it, so waking it on
    // every enqueue would only cost a context switch and a lock hand-over), resumed, stopping.
    std::condition_variable_any wake_;
    MeiliState state_;                               // GUARDED_BY(mutex_)
    bool paused_ = false;                            // GUARDED_BY(mutex_)
    bool stopping_ = false;                          // GUARDED_BY(mutex_)
    std::optional<meili::ApiError> fail_next_;       // GUARDED_BY(mutex_)
    std::function<void(const std::string&)> fatal_;  // GUARDED_BY(mutex_)
    std::uint64_t snapshot_seq_ = 0;                 // GUARDED_BY(mutex_)
    std::uint64_t snapshot_tried_seq_ = 0;           // GUARDED_BY(mutex_); last attempt's record
    bool snapshot_wanted_ = false;  // GUARDED_BY(mutex_); holds batch starts (driver) back
    std::condition_variable_any snapshot_wake_;  // a trigger fired, a batch ended, or stopping
    std::thread driver_;
    std::thread snapshotter_;
};

}  // namespace taskcheck::server
