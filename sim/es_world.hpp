#pragma once
// EsWorld: one run of the `elasticsearch` profile — N nodes ("es-0".."es-<N-1>") running the ES
// task-management and persistent-task models (model/es/), a master, and the network between them.
//
// Cluster (spec/elasticsearch.md §4, §5):
//  - the master runs PersistentTasksService over the replicated cluster state (kept by the world:
//    it survives any crash and amnesia; only a full cluster restart — every node down at once —
//    reloads it, with allocation ids 0, §5.1). Node 0 starts as master. A crashed master is
//    replaced after election_delay by the lowest-numbered node that is up; a partitioned master
//    stays master (no split brain is modelled);
//  - follower checks: every follower_check_interval the master pings every node; a member that
//    misses follower_check_retries checks in a row is removed, unless the rest would no longer be
//    a majority of N (an isolated master removes no one). A pong from a node that is not a member,
//    or from a member with a new boot or es id, is a (re)join; a node behind on cluster state is
//    sent the latest version;
//  - every master command publishes cluster-state versions; nodes apply them in version order
//    (older ones are ignored): PersistentNodeService starts and cancels allocations, and nodes
//    that left have their bans lifted and the children of their tasks cancelled ("channel was
//    closed", the pre-7.10 node-left rule of §4.2);
//  - persistent requests (create, update_status, completion) go to the master a node knows and
//    are retried every retry_interval until answered — so an executor cut off by a partition
//    sends its stale update after the heal, and the master must reject it.
// Task trees: a root task starts on the coordinating node; each task with depth > 0 sends its
// children (child_start) to nodes node+1.. at its first step; a task steps every step_interval
// until its run time (drawn from stream "es.tasks") is over — the world wakes it only at the
// steps that do something: the first, the last, and the one after a cancellation. Cancel (by id,
// actions or parent) fans out cancel_node from the coordinator; each node cancels the selected
// tasks and their local descendants, bans their children locally and sends bans (reliable) to the
// nodes it sent children to; a node that receives a ban records it and cancels its children of that
// parent. A cancelled task unregisters at its next step and lifts its bans (unban, best effort).
// The coordinator acknowledges a cancel when every node answered (bans placed) or left.
// Faults: crash, restart, amnesia_restart (new es node id), pause (the node's events wait),
// slow_node, partitions, isolate, heal, bursts, clock_skew / clock_jump (task start times) and
// task_failure (the node's first running persistent allocation fails: completion with failure).
// Deterministic: randomness only from Rng(seed).stream("network" | "es.tasks" | "es.assignment"),
// each message, task and assignment shuffle drawing from its own Rng::derive of its stream (so a
// removed operation shifts no other event's draws); ordered containers; no clock.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/es/persistent_tasks_service.hpp"
#include "sim/es_history.hpp"
#include "sim/es_message.hpp"
#include "sim/es_node.hpp"
#include "sim/es_operation.hpp"
#include "sim/es_options.hpp"
#include "sim/es_planted_bug.hpp"
#include "sim/fault_schedule.hpp"
#include "sim/network.hpp"
#include "sim/profile.hpp"
#include "sim/rng.hpp"
#include "sim/scenario_file.hpp"

namespace taskcheck::sim {

// The executor names the simulated cluster registers.
inline constexpr const char* kEsJobA = "sim/job-a";
inline constexpr const char* kEsJobB = "sim/job-b";

class EsWorld final : public World {
  public:
    // Schedules every operation and fault of the run. `trace` must outlive the world.
    // Requires: options.validate() empty; every operation valid for the node count; faults
    // valid for scenario.options.
    EsWorld(const Scenario& scenario, const EsProfileOptions& options,
            std::vector<EsOperation> operations, Trace& trace,
            EsPlantedBug bug = EsPlantedBug::none, EsRecords keeping = EsRecords::check_only);

    EventQueue& queue() override { return events_; }
    void handle(const Event& event) override;
    void enter_liveness() override;
    std::optional<std::string> pending() const override;
    std::optional<Violation> check() const override;
    std::uint64_t events() const override { return history_.size(); }
    std::string summary() const override;

    // The run's records. Requires: the world was made with EsRecords::keep.
    const std::vector<EsRecord>& history() const { return history_.records(); }
    const es::PersistentTasksService& cluster_state() const { return service_; }
    const EsNode& node(NodeId index) const { return nodes_.at(index); }
    std::optional<NodeId> master() const { return master_; }

  private:
    enum class TimerKind : std::uint8_t { step, retry, follower_tick, election, fault_end };
    struct Timer {
        TimerKind kind = TimerKind::step;
        NodeId node = 0;
        std::uint64_t boot = 0;   // step / retry: the node's boot; follower_tick: master term
        std::uint64_t value = 0;  // step: task number; retry: request; fault_end: fault index
    };
    struct ClusterState {
        std::uint64_t version = 0;
        std::optional<NodeId> master;
        std::vector<std::string> members;
        std::optional<es::PersistentTasksMetadata> metadata;
    };

    // es_world.cpp: events, faults, network plumbing.
    void on_operation(std::uint32_t op);
    void on_delivery(std::uint64_t message_id);
    void on_timer(const Timer& timer);
    void on_fault(std::size_t index);
    void on_fault_end(std::size_t index);
    void apply_cuts_and_bursts();
    bool defer_if_paused(const Event& event);
    void crash(NodeId node);
    void restart(NodeId node, bool amnesia);
    void schedule_timer(Nanos at, Timer timer);
    void schedule_next_operation();
    std::uint64_t store(EsMessage message);
    void send(NodeId from, NodeId to, EsMessage message);
    std::uint64_t send_reliable(NodeId from, EsMessage message, std::optional<NodeId> target,
                                std::uint64_t group = 0);
    void transmit(NodeId from, std::uint64_t request);
    void on_retry(NodeId node, std::uint64_t request);
    void give_up(NodeId node, std::uint64_t request);
    EsRecord record(EsRecordKind kind, NodeId node = kNoNode) const;
    Nanos local_now(NodeId node) const;

    // es_world_tasks.cpp: task trees and cancellation.
    void start_tree(const EsOperation& op);
    void start_cancel(std::uint32_t op_index, const EsOperation& op);
    void on_child_start(NodeId node, NodeId from, const EsMessage& message);
    void on_step(NodeId node, std::int64_t task);
    void spawn_children(NodeId node, std::int64_t task, EsWork& work);
    void finish_task(NodeId node, std::int64_t task);
    void cancel_and_ban(NodeId node, std::int64_t task, const std::string& reason,
                        std::uint64_t group);
    void on_cancel_node(NodeId node, NodeId from, const EsMessage& message);
    void on_ban(NodeId node, NodeId from, const EsMessage& message);
    void on_unban(NodeId node, const EsMessage& message);
    void ban_answered(NodeId node, std::uint64_t group);
    void cancel_answered(NodeId node, std::uint32_t op, std::uint64_t request);
    void nodes_left(NodeId node, const std::vector<std::string>& departed);
    void schedule_step(NodeId node, std::int64_t task);
    void schedule_step_at(Nanos at, NodeId node, std::int64_t task);
    Nanos step_boundary_after(const EsWork& work, Nanos after, bool inclusive) const;
    Nanos run_time(std::uint32_t tree, NodeId node, NodeId parent_node, std::uint32_t depth);

    // es_world_master.cpp: master, membership, persistent tasks.
    void bootstrap();
    void on_election();
    void on_follower_tick(std::uint64_t term);
    void on_ping(NodeId node, NodeId from);
    void on_pong(NodeId master, NodeId from, const EsMessage& message);
    void on_publish(NodeId node, const EsMessage& message);
    void apply_state(NodeId node, const ClusterState& state);
    void on_master_request(NodeId master, NodeId from, const EsMessage& message);
    void on_master_reply(NodeId node, const EsMessage& message);
    void persistent_op(std::uint32_t op_index, const EsOperation& op);
    void persistent_step(NodeId node, std::int64_t task, EsWork& work);
    void fail_persistent(NodeId node);
    void set_members(std::vector<NodeId> members);
    void add_member(NodeId node, std::uint64_t boot, const std::string& es_id);
    void remove_members(const std::vector<NodeId>& lost);
    void publish_after_command(bool members_changed);
    es::PersistentClusterNodes cluster_nodes() const;
    std::vector<es::NodeId> shuffle();
    void remove_lost_tasks(const std::vector<std::string>& lost);
    std::optional<std::string> persistent_pending() const;

    EsProfileOptions options_;
    EsPlantedBug bug_;
    std::vector<EsOperation> operations_;
    std::vector<FaultEntry> faults_;
    std::uint32_t node_count_;
    EventQueue events_;
    Network network_;
    Rng task_rng_;        // never advanced: each task derives its own
    Rng assignment_rng_;  // never advanced: each shuffle derives its own from (time, rank)
    Nanos last_shuffle_at_ = -1;
    std::uint32_t shuffles_at_last_ = 0;
    EsHistory history_;
    std::vector<EsNode> nodes_;
    std::vector<EsMessage> messages_;
    std::vector<Timer> timers_;               // by timer event arg; a slot is reused once it fired
    std::vector<std::uint64_t> free_timers_;  // slots of timers_ that fired
    // Operations in (at, index) order; only the next one due is in the event queue, with the
    // sequence number it would have had if all were scheduled up front (op_sequence_ + index).
    std::vector<std::uint32_t> op_order_;
    std::size_t next_op_ = 0;
    std::uint64_t op_sequence_ = 0;
    std::uint64_t next_request_ = 0;
    std::uint64_t next_group_ = 0;
    bool liveness_ = false;
    std::vector<std::size_t> active_windows_;  // fault indices whose window is open

    // The replicated cluster state and the master's volatile follower-check state.
    es::PersistentTasksService service_;
    std::optional<NodeId> master_;
    std::uint64_t term_ = 0;
    bool election_scheduled_ = false;
    bool full_restart_pending_ = false;
    std::vector<NodeId> members_;  // join order
    std::map<NodeId, std::uint64_t> member_boot_;
    std::map<NodeId, std::string> member_es_;
    std::map<NodeId, std::uint32_t> misses_;
    std::set<NodeId> ponged_;
    std::vector<ClusterState> states_;  // states_[v - 1] is version v

    // Clients.
    std::map<std::uint32_t, es::TaskId> tree_roots_;  // tree label -> root task
    std::map<std::uint32_t, NodeId> open_cancels_;    // cancel op -> coordinator, until answered
    std::uint64_t cancels_acked_ = 0;
};

}  // namespace taskcheck::sim
