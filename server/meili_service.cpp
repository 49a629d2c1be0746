#include "server/meili_service.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "model/common/assert.hpp"
#include "model/common/input_error.hpp"
#include "model/meili/meili_errors.hpp"
#include "model/meili/task_query_parser.hpp"
#include "server/meili_snapshot.hpp"

namespace taskcheck::server {

using namespace taskcheck::meili;

void MeiliServiceOptions::validate() const {
    if (processing < 0)
        throw InputError("serve-options", InputLocation{"", 0, "/processing_ms"},
                         "negative processing time " + std::to_string(processing) + " ns",
                         "use 0 or more milliseconds");
    if (snapshot_every < 0)
        throw InputError("serve-options", InputLocation{"", 0, "/snapshot_every_s"},
                         "negative snapshot period " + std::to_string(snapshot_every) + " ns",
                         "use 0 (off) or more seconds");
}

MeiliService::MeiliService(Journal& journal, MeiliServiceOptions options)
    : journal_(journal), options_(options) {
    options_.validate();
    MeiliStartup startup = load_meili_state(journal_, std::cerr, options_.accept_journal_loss);
    state_ = std::move(startup.state);
    snapshot_seq_ = snapshot_tried_seq_ = startup.snapshot_seq;
    if (startup.snapshot_seq > 0) {
        std::cerr << "taskcheck serve: start-up: snapshot of seq=" << startup.snapshot_seq
                  << " loaded, " << startup.replayed << " journal records replayed" << std::endl;
    } else if (startup.replayed > 0) {
        std::cerr << "taskcheck serve: start-up: no snapshot, " << startup.replayed
                  << " journal records replayed" << std::endl;
    }
    if (options_.clock == ClockKind::manual) {
        auto manual =
            std::make_unique<ManualClock>(std::max(options_.manual_start, state_.latest()));
        manual_ = manual.get();
        clock_ = std::move(manual);
    } else {
        clock_ = std::make_unique<RealClock>(state_.latest());
    }
    if (!state_.batch().empty()) {
        std::unique_lock lock(mutex_);
        const std::uint64_t seq = submit_locked(MeiliRestart{clock_->now()}).seq;
        journal_.wait_durable(seq);
    }
}

MeiliService::~MeiliService() {
    stop_processing();
}

MeiliService::Pending MeiliService::submit_locked(const MeiliCommand& command) {
    // The record is validated by applying it first: a command the state refuses is our bug
    // (routes validate their input), and must never reach the journal.
    Pending out;
    out.applied = state_.apply(command);
    out.seq = journal_.submit(encode_meili_command(command));
    if (options_.snapshot_every_records > 0 &&
        out.seq >= snapshot_tried_seq_ + options_.snapshot_every_records)
        snapshot_wake_.notify_all();
    return out;
}

nlohmann::ordered_json MeiliService::enqueue(TaskRequest request) {
    Pending pending;
    nlohmann::ordered_json summary;
    bool driver_idle = false;  // no batch in progress: the driver may be waiting on wake_
    {
        std::unique_lock lock(mutex_);
        pending = submit_locked(MeiliEnqueue{clock_->now(), std::move(request)});
        summary = state_.queue().summarized(*pending.applied.task);
        driver_idle = state_.batch().empty();
    }
    if (driver_idle) wake_.notify_all();
    journal_.wait_durable(pending.seq);
    return summary;
}

Result<nlohmann::ordered_json, ApiError> MeiliService::register_filter_task(TaskRoute route,
                                                                            std::string raw_query) {
    TC_ASSERT(route != TaskRoute::list);
    Result<TaskQuery, ApiError> query = parse_task_query(route, raw_query);
    if (!query.ok()) return Err(query.error());
    if (!query->has_filter) return Err(missing_task_filters(route));
    Pending pending;
    nlohmann::ordered_json summary;
    bool driver_idle = false;  // no batch in progress: the driver may be waiting on wake_
    {
        std::unique_lock lock(mutex_);
        pending = submit_locked(MeiliFilterTask{clock_->now(), route, std::move(raw_query)});
        summary = state_.queue().summarized(*pending.applied.task);
        driver_idle = state_.batch().empty();
    }
    if (driver_idle) wake_.notify_all();
    journal_.wait_durable(pending.seq);
    return summary;
}

bool MeiliService::can_start_locked() const {
    return !paused_ && state_.batch().empty() &&
           !state_.queue().tasks().with_status(Status::enqueued).empty();
}

void MeiliService::start_batch_locked(Nanos now) {
    submit_locked(MeiliStartBatch{now});
}

void MeiliService::finish_batch_locked(Nanos now) {
    MeiliFinishBatch finish{now, std::move(fail_next_)};
    fail_next_.reset();
    // Not waited for here: read() waits for it before any reader sees the outcome (see the
    // header), and registrations go on while the fsync runs.
    submit_locked(finish);
    if (snapshot_wanted_) snapshot_wake_.notify_all();
}

void MeiliService::start_processing() {
    if (options_.clock == ClockKind::real && !driver_.joinable())
        driver_ = std::thread([this] { drive(); });
    const bool periodic = options_.snapshot_every_records > 0 || options_.snapshot_every > 0;
    if (periodic && !snapshotter_.joinable())
        snapshotter_ = std::thread([this] { snapshot_loop(); });
}

void MeiliService::stop_processing() {
    {
        std::unique_lock lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    snapshot_wake_.notify_all();
    if (driver_.joinable()) driver_.join();
    if (snapshotter_.joinable()) snapshotter_.join();
}

void MeiliService::write_snapshot() {
    std::unique_lock lock(mutex_);
    if (!state_.batch().empty()) submit_locked(MeiliRestart{clock_->now()});
    const JournalPosition at = journal_.last_position();
    if (at.seq == 0 || at.seq == snapshot_seq_) return;
    journal_.wait_durable(at.seq);
    write_meili_snapshot(state_, at, journal_.file().parent_path());
    snapshot_seq_ = at.seq;
}

std::uint64_t MeiliService::snapshot_seq() const {
    std::shared_lock lock(mutex_);
    return snapshot_seq_;
}

bool MeiliService::snapshot_due_locked(std::chrono::steady_clock::time_point last) const {
    const std::uint64_t last_seq = journal_.last_seq();
    if (last_seq == snapshot_tried_seq_) return false;
    if (options_.snapshot_every_records > 0 &&
        last_seq >= snapshot_tried_seq_ + options_.snapshot_every_records)
        return true;
    return options_.snapshot_every > 0 && std::chrono::steady_clock::now() - last >=
                                              std::chrono::nanoseconds(options_.snapshot_every);
}

void MeiliService::snapshot_loop() {
    std::unique_lock lock(mutex_);
    auto last = std::chrono::steady_clock::now();
    while (!stopping_) {
        if (!snapshot_due_locked(last)) {
            const std::chrono::nanoseconds period(options_.snapshot_every);
            const auto elapsed = std::chrono::steady_clock::now() - last;
            if (period.count() == 0) {
                snapshot_wake_.wait(lock);
            } else {
                // Nothing new since the last snapshot: look again a period later.
                snapshot_wake_.wait_for(lock, elapsed < period ? period - elapsed : period);
            }
            continue;
        }
        // Batch starts wait from here until the state is encoded; the batch in progress ends.
        snapshot_wanted_ = true;
        if (!state_.batch().empty()) {
            snapshot_wake_.wait(lock, [&] { return stopping_ || state_.batch().empty(); });
            if (stopping_) break;
        }
        if (take_periodic_snapshot(lock)) last = std::chrono::steady_clock::now();
    }
    snapshot_wanted_ = false;
}

bool MeiliService::take_periodic_snapshot(std::unique_lock<std::shared_mutex>& lock) {
    // The driver starts no batch while snapshot_wanted_ holds; advance() (manual clock) does
    // not look at it, so a batch it started in the gap below is seen and waited for again.
    lock.unlock();
    JournalPosition at;
    std::string payload;
    {
        std::shared_lock shared(mutex_);
        if (!state_.batch().empty()) {
            shared.unlock();
            lock.lock();
            return false;
        }
        at = journal_.last_position();
        payload = encode_meili_state(state_);
    }
    lock.lock();
    snapshot_wanted_ = false;
    snapshot_tried_seq_ = at.seq;
    lock.unlock();
    wake_.notify_all();
    try {
        journal_.wait_durable(at.seq);
        write_meili_snapshot_payload(std::move(payload), at, journal_.file().parent_path());
        lock.lock();
        snapshot_seq_ = std::max(snapshot_seq_, at.seq);
    } catch (const InputError& e) {
        std::cerr << "taskcheck serve: warning: periodic snapshot: " << e.what() << std::endl;
        lock.lock();
    }
    return true;
}

void MeiliService::drive() {
    std::unique_lock lock(mutex_);
    try {
        while (!stopping_) {
            if (!state_.batch().empty()) {
                const Nanos deadline = state_.batch_started_at() + options_.processing;
                const Nanos now = clock_->now();
                if (now < deadline) {
                    wake_.wait_for(lock, std::chrono::nanoseconds(deadline - now));
                    continue;
                }
                finish_batch_locked(now);
            } else if (can_start_locked() && !snapshot_wanted_) {
                start_batch_locked(clock_->now());
            } else {
                wake_.wait(lock);
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "taskcheck serve: processing stopped: " << e.what() << std::endl;
        if (fatal_) fatal_(e.what());
    }
}

Nanos MeiliService::advance(Nanos span) {
    TC_ASSERT(manual_ != nullptr);
    TC_ASSERT_LE(0, span);
    std::unique_lock lock(mutex_);
    const Nanos target = manual_->now() + span;
    for (;;) {
        if (!state_.batch().empty()) {
            const Nanos deadline = state_.batch_started_at() + options_.processing;
            if (deadline > target) break;
            manual_->advance(deadline - manual_->now());
            finish_batch_locked(deadline);
        } else if (can_start_locked()) {
            start_batch_locked(manual_->now());
        } else {
            break;
        }
    }
    return manual_->advance(target - manual_->now());
}

void MeiliService::set_paused(bool paused) {
    {
        std::unique_lock lock(mutex_);
        paused_ = paused;
    }
    wake_.notify_all();
}

void MeiliService::set_processing(Nanos processing) {
    TC_ASSERT_LE(0, processing);
    {
        std::unique_lock lock(mutex_);
        options_.processing = processing;
    }
    wake_.notify_all();
}

bool MeiliService::paused() const {
    std::shared_lock lock(mutex_);
    return paused_;
}

void MeiliService::fail_next_batch(ApiError error) {
    std::unique_lock lock(mutex_);
    fail_next_ = std::move(error);
}

void MeiliService::on_fatal(std::function<void(const std::string&)> handler) {
    std::unique_lock lock(mutex_);
    fatal_ = std::move(handler);
}

}  // namespace taskcheck::server
