#pragma once
// MeiliWorld: one run of the `meilisearch` profile — a single Meilisearch v1.1 instance (node 0,
// "meili-0") running the task-queue model, and clients (nodes 1..clients) sending the scenario's
// operations to it over the simulated network (sim/network.hpp).
//
// The instance:
//  - durable state: the journal of queue commands (sim/meili_journal.hpp), written before a
//    request is acknowledged; volatile state: the TaskQueue rebuilt from it, its processing
//    overlay, the batch in flight and the scheduler's timers;
//  - registration answers with the task's summarized view; GET /tasks pages and GET /tasks/{uid}
//    are served from the model; a malformed query is answered with its ApiError;
//  - the scheduler wakes `scheduler_wake` after new work, starts the model's next batch and
//    finishes it after batch_cost_base + per task + per document of simulated time;
//  - dates come from the node's clock (kSimEpoch + now + skew), so clock_skew and clock_jump
//    move enqueuedAt/startedAt/finishedAt; a finish before the start (a jump back) is clamped to
//    the start, because the model requires finish >= start (see docs/simulator.md).
// Faults: crash (volatile state lost, requests to a down node lost, the batch in flight is
// redone after restart), restart (rebuild from the journal), pause (requests and batch work wait
// for the window's end), slow_node, partitions and isolate (client links), drop / delay /
// reorder / duplicate bursts (a duplicated request registers twice, as a replayed POST would),
// clock_skew, clock_jump, amnesia_restart (power loss: journal entries not yet synced are lost,
// then a restart — the data directory itself is durable, so this is not a wiped disk, which one
// instance could not survive). task_failure is recorded but has no effect: the
// model has no hook to fail a batch (requested from meili-core).
//
// Clients walk list_tasks pages by following `next`, accepting only the answer to the page they
// asked for (stale duplicates are ignored), and give up on a walk when a message is lost.
// Everything observable is added to a MeiliHistory (one record per trace line), which the
// checkers read as it is added (kept only with MeiliRecords::keep); status changes are observed
// after every queue command.
// Deterministic: randomness only from Rng(seed).stream("network"); no clock; ordered maps.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/meili/task_queue.hpp"
#include "sim/clock.hpp"
#include "sim/fault_schedule.hpp"
#include "sim/meili_history.hpp"
#include "sim/meili_journal.hpp"
#include "sim/meili_operation.hpp"
#include "sim/meili_options.hpp"
#include "sim/meili_planted_bug.hpp"
#include "sim/network.hpp"
#include "sim/profile.hpp"
#include "sim/scenario_file.hpp"

namespace taskcheck::sim {

class MeiliWorld final : public World {
  public:
    // Schedules every operation and fault of the run. `trace` must outlive the world.
    // Requires: options.validate() empty; operations valid for options.clients; faults valid
    // for scenario.options; scenario.options.network.node_count == options.clients + 1.
    MeiliWorld(const Scenario& scenario, const MeiliProfileOptions& options,
               std::vector<MeiliOperation> operations, Trace& trace,
               MeiliPlantedBug bug = MeiliPlantedBug::none,
               MeiliRecords keeping = MeiliRecords::check_only);

    EventQueue& queue() override { return events_; }
    void handle(const Event& event) override;
    void enter_liveness() override;
    std::optional<std::string> pending() const override;
    std::optional<Violation> check() const override;
    std::uint64_t events() const override { return history_.size(); }
    std::string summary() const override;

    // The run's records. Requires: the world was made with MeiliRecords::keep.
    const std::vector<MeiliRecord>& history() const { return history_.records(); }
    const meili::TaskQueue& model() const { return model_; }
    const MeiliJournal& journal() const { return journal_; }

  private:
    // A client request on the wire: the operation, and for list walks the page and its `from`.
    struct Request {
        std::uint32_t op = 0;
        std::uint32_t page = 0;
        std::optional<meili::TaskUid> from;
    };
    // A server answer, kept in responses_; the message payload is its index.
    struct Response {
        enum class Kind : std::uint8_t { registered, page, error, got } kind = Kind::registered;
        std::uint32_t op = 0;
        std::uint32_t page = 0;
        meili::TaskUid uid = 0;
        std::optional<meili::TaskUid> next;
        std::vector<meili::TaskUid> uids;      // page: returned
        std::vector<meili::TaskUid> expected;  // page: matched at serve time
        std::string code;                      // error
    };

    // An op's query string parsed once for its route (operations never change during a run).
    struct ParsedQuery {
        bool parsed = false;
        std::optional<meili::TaskQuery> query;  // engaged iff it parsed
        std::string error_code;                 // otherwise: the ApiError's code
    };

    static Request decode_request(std::string_view text);
    const ParsedQuery& parsed_query(std::uint32_t op);
    void on_operation(std::uint32_t op);
    void send_request(NodeId client, const Request& request);
    void on_delivery(std::uint64_t message_id);
    void on_fault(std::uint64_t arg);
    void on_wake(std::uint64_t generation);
    void on_batch_end(std::uint64_t generation);
    void serve_message(const Message& message);
    void serve(const Request& request, NodeId client);
    void serve_registration(std::uint32_t op, NodeId client);
    void serve_filter_task(std::uint32_t op, bool cancel, NodeId client);
    void serve_page(const Request& request, NodeId client);
    void serve_get(std::uint32_t op, NodeId client);
    // Registers op's task (or defers it: register_after_pick) and answers; with
    // `model_captures`, a cancel/delete records the set the model captured instead of `matched`.
    void register_task(std::uint32_t op, MeiliJournalEntry entry, NodeId client,
                       std::vector<meili::TaskUid> matched, bool model_captures);
    void record_registration(std::uint32_t op, meili::TaskUid uid, meili::Kind kind,
                             std::vector<meili::TaskUid> matched);
    void flush_after_pick();
    void answer(NodeId client, Response response);
    void receive(Response& response);
    void apply_fault(const FaultEntry& fault, bool ending);
    void crash();
    void restart();
    void amnesia_restart();
    void schedule_wake();
    bool defer_if_paused(const Event& event);
    void journal(MeiliJournalEntry entry);
    void flush_unwritten();
    void observe(const std::vector<meili::TaskUid>& extra, bool everything);
    MeiliRecord record(MeiliRecordKind kind, NodeId node = kMeiliNode) const;
    Nanos local_now() const { return clock_.local_instant(events_.now()); }
    Nanos batch_cost(const std::vector<meili::TaskUid>& uids) const;

    MeiliProfileOptions options_;
    MeiliPlantedBug bug_;
    std::vector<MeiliOperation> operations_;
    std::vector<FaultEntry> faults_;
    EventQueue events_;
    Network network_;
    MeiliHistory history_;

    // The instance: durable, then volatile state.
    MeiliJournal journal_;
    std::vector<MeiliJournalEntry> unwritten_;  // ack_before_journal only
    meili::TaskQueue model_;
    bool model_is_replay_ = true;  // model_ == journal_ replayed (no final restart)
    NodeClock clock_;
    bool up_ = true;
    bool liveness_ = false;
    Nanos paused_until_ = 0;
    std::uint64_t generation_ = 0;  // bumped by a crash: stale timers are ignored
    bool wake_pending_ = false;
    std::vector<Message> deferred_;  // requests that arrived during a pause
    std::vector<std::pair<std::uint32_t, MeiliJournalEntry>> after_pick_;  // register_after_pick
    std::map<meili::TaskUid, std::uint32_t> task_op_;                      // uid -> registering op
    std::map<meili::TaskUid, meili::Status> observed_;  // last observable status per live uid
    std::set<meili::TaskUid> unfinished_;               // observed enqueued or processing
    std::map<meili::TaskUid, std::vector<meili::TaskUid>> matched_;  // cancel/delete tasks
    std::vector<meili::TaskUid> batch_uids_;                         // the batch in flight
    std::vector<meili::TaskUid> look_;  // observe()'s scratch list, reused

    std::vector<ParsedQuery> queries_;  // by op

    // Clients.
    std::vector<Response> responses_;         // by message payload index
    std::vector<std::uint32_t> acked_;        // per op: responses accepted (0 or 1; pages: count)
    std::vector<std::uint32_t> pages_asked_;  // per op: pages requested so far
};

}  // namespace taskcheck::sim
