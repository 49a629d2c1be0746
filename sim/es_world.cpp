#include "sim/es_world.hpp"

#include <algorithm>
#include <string>

#include "model/common/assert.hpp"

namespace taskcheck::sim {

EsWorld::EsWorld(const Scenario& scenario, const EsProfileOptions& options,
                 std::vector<EsOperation> operations, Trace& trace, EsPlantedBug bug,
                 EsRecords keeping)
    : options_(options),
      bug_(bug),
      operations_(std::move(operations)),
      faults_(scenario.faults),
      node_count_(scenario.options.network.node_count),
      network_(scenario.options.network, Rng(scenario.seed).stream("network"), events_),
      task_rng_(Rng(scenario.seed).stream("es.tasks")),
      assignment_rng_(Rng(scenario.seed).stream("es.assignment")),
      history_(trace, keeping),
      service_({kEsJobA, kEsJobB}) {
    TC_ASSERT(!options_.validate().has_value());
    // About five records per operation (operation, registered, first and last step, finished).
    history_.reserve(operations_.size() * 5 + 1024);
    nodes_.resize(node_count_);
    for (NodeId k = 0; k < node_count_; ++k) {
        nodes_[k].es_id = es_node_name(k);
        nodes_[k].tasks.emplace(nodes_[k].es_id);
        nodes_[k].persistent.emplace(nodes_[k].es_id);
    }
    op_order_.resize(operations_.size());
    for (std::uint32_t i = 0; i < operations_.size(); ++i) {
        TC_ASSERT_LT(operations_[i].node, node_count_);
        op_order_[i] = i;
    }
    std::stable_sort(op_order_.begin(), op_order_.end(), [&](std::uint32_t a, std::uint32_t b) {
        return operations_[a].at < operations_[b].at;
    });
    op_sequence_ = events_.reserve_sequences(operations_.size());
    schedule_next_operation();
    for (std::size_t i = 0; i < faults_.size(); ++i)
        events_.schedule(faults_[i].at, EventKind::fault, kNoNode, i);
    bootstrap();
}

// ---- dispatch ----------------------------------------------------------------------------------

void EsWorld::handle(const Event& event) {
    switch (event.kind) {
        case EventKind::operation:
            schedule_next_operation();
            return on_operation(static_cast<std::uint32_t>(event.arg));
        case EventKind::message_delivery:
            if (nodes_[event.node].up && defer_if_paused(event)) return;
            return on_delivery(event.arg);
        case EventKind::fault:
            return on_fault(static_cast<std::size_t>(event.arg));
        case EventKind::timer:
        case EventKind::node_step: {
            const Timer timer = timers_[event.arg];
            if (timer.kind != TimerKind::fault_end && timer.kind != TimerKind::election &&
                defer_if_paused(event))
                return;
            free_timers_.push_back(event.arg);
            return on_timer(timer);
        }
    }
}

bool EsWorld::defer_if_paused(const Event& event) {
    if (event.node >= node_count_) return false;
    const Nanos until = nodes_[event.node].paused_until;
    if (events_.now() >= until) return false;
    events_.schedule(until, event.kind, event.node, event.arg);
    return true;
}

void EsWorld::on_timer(const Timer& timer) {
    switch (timer.kind) {
        case TimerKind::step:
            if (!nodes_[timer.node].up || nodes_[timer.node].boot != timer.boot) return;
            return on_step(timer.node, static_cast<std::int64_t>(timer.value));
        case TimerKind::retry:
            if (!nodes_[timer.node].up || nodes_[timer.node].boot != timer.boot) return;
            return on_retry(timer.node, timer.value);
        case TimerKind::follower_tick:
            return on_follower_tick(timer.boot);
        case TimerKind::election:
            return on_election();
        case TimerKind::fault_end:
            return on_fault_end(static_cast<std::size_t>(timer.value));
    }
}

void EsWorld::schedule_timer(Nanos at, Timer timer) {
    std::uint64_t slot = timers_.size();
    if (free_timers_.empty()) {
        timers_.push_back(timer);
    } else {
        slot = free_timers_.back();
        free_timers_.pop_back();
        timers_[slot] = timer;
    }
    const NodeId node =
        timer.kind == TimerKind::step || timer.kind == TimerKind::retry ? timer.node : kNoNode;
    events_.schedule(at, EventKind::timer, node, slot);
}

void EsWorld::schedule_next_operation() {
    if (next_op_ == op_order_.size()) return;
    const std::uint32_t op = op_order_[next_op_++];
    events_.schedule_reserved(operations_[op].at, op_sequence_ + op, EventKind::operation,
                              operations_[op].node, op);
}

EsRecord EsWorld::record(EsRecordKind kind, NodeId node) const {
    EsRecord r;
    r.kind = kind;
    r.at = events_.now();
    r.node = node;
    return r;
}

Nanos EsWorld::local_now(NodeId node) const {
    return nodes_[node].clock.local_instant(events_.now());
}

void EsWorld::on_operation(std::uint32_t op_index) {
    const EsOperation& op = operations_[op_index];
    EsRecord r = record(EsRecordKind::operation, op.node);
    r.op = op_index;
    r.text = std::string(es_op_name(op.kind));
    history_.add(std::move(r));
    switch (op.kind) {
        case EsOpKind::start_tree:
            return start_tree(op);
        case EsOpKind::cancel_task:
        case EsOpKind::cancel_actions:
        case EsOpKind::cancel_children:
            return start_cancel(op_index, op);
        case EsOpKind::create_persistent:
        case EsOpKind::update_persistent:
        case EsOpKind::complete_persistent:
            return persistent_op(op_index, op);
    }
}

// ---- network -----------------------------------------------------------------------------------

std::uint64_t EsWorld::store(EsMessage message) {
    messages_.push_back(std::move(message));
    return messages_.size() - 1;
}

void EsWorld::send(NodeId from, NodeId to, EsMessage message) {
    network_.send(from, to, std::to_string(store(std::move(message))));
}

void EsWorld::on_delivery(std::uint64_t message_id) {
    std::optional<Message> delivered = network_.take(message_id);
    if (!delivered) return;
    const NodeId to = delivered->to;
    const NodeId from = delivered->from;
    if (!nodes_[to].up) return;
    // A copy: handlers send messages, and store() may reallocate messages_ under a reference.
    const EsMessage m = messages_[std::stoull(delivered->payload)];
    switch (m.kind) {
        case EsMessageKind::child_start:
            return on_child_start(to, from, m);
        case EsMessageKind::ban:
            return on_ban(to, from, m);
        case EsMessageKind::ban_ack: {
            auto it = nodes_[to].outbox.find(m.request);
            if (it == nodes_[to].outbox.end()) return;
            const std::uint64_t group = it->second.group;
            nodes_[to].outbox.erase(it);
            if (group != 0) {
                auto g = nodes_[to].groups.find(group);
                if (g != nodes_[to].groups.end()) g->second.bans.erase(m.request);
                ban_answered(to, group);
            }
            return;
        }
        case EsMessageKind::unban:
            return on_unban(to, m);
        case EsMessageKind::cancel_node:
            return on_cancel_node(to, from, m);
        case EsMessageKind::cancel_done:
            return cancel_answered(to, m.op, m.request);
        case EsMessageKind::ping:
            return on_ping(to, from);
        case EsMessageKind::pong:
            return on_pong(to, from, m);
        case EsMessageKind::publish:
            return on_publish(to, m);
        case EsMessageKind::master_request:
            return on_master_request(to, from, m);
        case EsMessageKind::master_reply:
            return on_master_reply(to, m);
    }
}

std::uint64_t EsWorld::send_reliable(NodeId from, EsMessage message, std::optional<NodeId> target,
                                     std::uint64_t group) {
    const std::uint64_t request = ++next_request_;
    message.request = request;
    EsOutgoing out;
    out.message = store(std::move(message));
    out.to_master = !target.has_value();
    out.target = target.value_or(0);
    if (target) out.target_es_id = nodes_[*target].es_id;
    out.group = group;
    nodes_[from].outbox.emplace(request, std::move(out));
    transmit(from, request);
    schedule_timer(events_.now() + options_.retry_interval,
                   Timer{TimerKind::retry, from, nodes_[from].boot, request});
    return request;
}

void EsWorld::transmit(NodeId from, std::uint64_t request) {
    const EsOutgoing& out = nodes_[from].outbox.at(request);
    std::optional<NodeId> to = out.to_master ? nodes_[from].master : out.target;
    if (!to) return;  // no master known yet: the retry tries again
    network_.send(from, *to, std::to_string(out.message));
}

void EsWorld::on_retry(NodeId node, std::uint64_t request) {
    EsNode& n = nodes_[node];
    auto it = n.outbox.find(request);
    if (it == n.outbox.end()) return;
    // A fixed target that left the cluster will never answer: ES ignores ban failures from
    // disconnected nodes and a tasks action counts them as done (§4.2).
    if (!it->second.to_master && n.applied_version > 0 && !n.is_member(it->second.target_es_id))
        return give_up(node, request);
    transmit(node, request);
    schedule_timer(events_.now() + options_.retry_interval,
                   Timer{TimerKind::retry, node, n.boot, request});
}

void EsWorld::give_up(NodeId node, std::uint64_t request) {
    EsNode& n = nodes_[node];
    const EsOutgoing out = n.outbox.at(request);
    n.outbox.erase(request);
    const EsMessage m = messages_[out.message];  // a copy: handlers may grow messages_
    if (m.kind == EsMessageKind::ban && out.group != 0) {
        auto g = n.groups.find(out.group);
        if (g != n.groups.end()) g->second.bans.erase(request);
        ban_answered(node, out.group);
    } else if (m.kind == EsMessageKind::cancel_node) {
        cancel_answered(node, m.op, request);
    }
}

// ---- faults ------------------------------------------------------------------------------------

void EsWorld::on_fault(std::size_t index) {
    if (liveness_) return;
    const FaultEntry& f = faults_[index];
    EsRecord r = record(EsRecordKind::fault, f.node < node_count_ ? f.node : kNoNode);
    r.text = std::string(fault_kind_name(f.kind));
    if (f.kind == FaultKind::partition_symmetric || f.kind == FaultKind::partition_asymmetric ||
        f.kind == FaultKind::heal || f.kind == FaultKind::drop_burst ||
        f.kind == FaultKind::reorder_burst || f.kind == FaultKind::duplicate_burst ||
        f.kind == FaultKind::delay_burst)
        r.node = kNoNode;
    history_.add(std::move(r));
    switch (f.kind) {
        case FaultKind::crash:
            return crash(f.node);
        case FaultKind::restart:
        case FaultKind::amnesia_restart:
            if (nodes_[f.node].up) crash(f.node);
            return restart(f.node, f.kind == FaultKind::amnesia_restart);
        case FaultKind::pause:
            nodes_[f.node].paused_until = std::max(nodes_[f.node].paused_until, f.at + f.duration);
            return;
        case FaultKind::clock_skew:
            nodes_[f.node].clock.set_skew(f.amount);
            return;
        case FaultKind::clock_jump:
            nodes_[f.node].clock.jump(f.amount);
            return;
        case FaultKind::task_failure:
            if (nodes_[f.node].up) fail_persistent(f.node);
            return;
        case FaultKind::heal:
            active_windows_.clear();
            return apply_cuts_and_bursts();
        default:
            break;
    }
    TC_ASSERT(fault_has_window(f.kind));
    active_windows_.push_back(index);
    apply_cuts_and_bursts();
    schedule_timer(f.at + f.duration, Timer{TimerKind::fault_end, 0, 0, index});
}

void EsWorld::on_fault_end(std::size_t index) {
    auto it = std::find(active_windows_.begin(), active_windows_.end(), index);
    if (it == active_windows_.end()) return;  // healed, or the liveness phase began
    active_windows_.erase(it);
    apply_cuts_and_bursts();
}

// Recomputes links, bursts and slowdowns from the open windows, so that overlapping windows end
// independently (the last end restores the baseline).
void EsWorld::apply_cuts_and_bursts() {
    network_.heal();
    LinkConditions conditions = baseline_conditions(network_.options());
    std::vector<Nanos> slowdown(node_count_, 0);
    for (std::size_t index : active_windows_) {
        const FaultEntry& f = faults_[index];
        std::vector<NodeId> rest;
        for (NodeId k = 0; k < node_count_; ++k)
            if (std::find(f.nodes.begin(), f.nodes.end(), k) == f.nodes.end()) rest.push_back(k);
        switch (f.kind) {
            case FaultKind::partition_symmetric:
                network_.partition(f.nodes);
                break;
            case FaultKind::partition_asymmetric:
                network_.block(f.nodes, rest);
                break;
            case FaultKind::isolate:
                network_.isolate(f.node);
                break;
            case FaultKind::slow_node:
                slowdown[f.node] = std::max(slowdown[f.node], f.amount);
                break;
            case FaultKind::drop_burst:
                conditions.drop_probability = f.probability;
                break;
            case FaultKind::reorder_burst:
                conditions.reorder_probability = f.probability;
                break;
            case FaultKind::duplicate_burst:
                conditions.duplicate_probability = f.probability;
                break;
            case FaultKind::delay_burst:
                conditions.delay_extra_mean = f.amount;
                break;
            default:
                break;
        }
    }
    network_.set_conditions(conditions);
    for (NodeId k = 0; k < node_count_; ++k)
        network_.set_node_slowdown(k, slowdown[k]);
}

void EsWorld::crash(NodeId node) {
    EsNode& n = nodes_[node];
    if (!n.up) return;
    history_.add(record(EsRecordKind::crash, node));
    for (const auto& [op, requests] : n.cancels) {
        EsRecord r = record(EsRecordKind::cancel_lost, node);
        r.op = op;
        history_.add(std::move(r));
        open_cancels_.erase(op);
    }
    n.up = false;
    n.paused_until = 0;
    n.tasks.reset();
    n.persistent.reset();
    n.work.clear();
    n.applied_version = 0;
    n.master.reset();
    n.members.clear();
    n.outbox.clear();
    n.groups.clear();
    n.cancels.clear();
    if (master_ == node) {
        master_.reset();
        ++term_;
        if (!election_scheduled_) {
            election_scheduled_ = true;
            schedule_timer(events_.now() + options_.election_delay,
                           Timer{TimerKind::election, 0, 0, 0});
        }
    }
    bool any_up = false;
    for (const EsNode& other : nodes_)
        any_up = any_up || other.up;
    if (!any_up) full_restart_pending_ = true;
}

void EsWorld::restart(NodeId node, bool amnesia) {
    EsNode& n = nodes_[node];
    TC_ASSERT(!n.up);
    if (amnesia) {
        ++n.amnesia_count;
        n.es_id = es_node_name(node) + "." + std::to_string(n.amnesia_count);
    }
    ++n.boot;
    n.up = true;
    n.tasks.emplace(n.es_id);
    n.persistent.emplace(n.es_id);
    EsRecord r = record(EsRecordKind::restart, node);
    r.flag = amnesia;
    r.id = n.es_id;
    history_.add(std::move(r));
    if (!master_ && !election_scheduled_) {
        election_scheduled_ = true;
        schedule_timer(events_.now() + options_.election_delay,
                       Timer{TimerKind::election, 0, 0, 0});
    }
}

// ---- phases ------------------------------------------------------------------------------------

void EsWorld::enter_liveness() {
    history_.add(record(EsRecordKind::liveness));
    liveness_ = true;
    active_windows_.clear();
    apply_cuts_and_bursts();
    for (NodeId k = 0; k < node_count_; ++k) {
        if (!nodes_[k].up) restart(k, false);
        nodes_[k].paused_until = std::min(nodes_[k].paused_until, events_.now());
    }
}

std::optional<std::string> EsWorld::pending() const {
    for (NodeId k = 0; k < node_count_; ++k)
        if (!nodes_[k].up) return es_node_name(k) + " is down";
    if (!master_) return std::string("no master elected");
    if (!open_cancels_.empty())
        return "cancel op " + std::to_string(open_cancels_.begin()->first) +
               " not acknowledged by " + es_node_name(open_cancels_.begin()->second);
    for (NodeId k = 0; k < node_count_; ++k) {
        const EsNode& n = nodes_[k];
        for (const auto& [task, work] : n.work)
            if (!work.persistent)
                return "task " + n.es_id + ":" + std::to_string(task) + " still running on " +
                       es_node_name(k);
        if (!n.outbox.empty())
            return es_node_name(k) + " has " + std::to_string(n.outbox.size()) +
                   " unanswered requests";
    }
    return persistent_pending();
}

std::optional<Violation> EsWorld::check() const {
    return history_.first_violation();
}

std::string EsWorld::summary() const {
    const std::uint64_t started = history_.count(EsRecordKind::task_registered);
    const std::uint64_t cancelled = history_.count(EsRecordKind::task_cancelled);
    const std::uint64_t rejected = history_.count(EsRecordKind::task_rejected);
    const std::uint64_t accepted = history_.count(EsRecordKind::persistent_accepted);
    const std::uint64_t refused = history_.count(EsRecordKind::persistent_rejected);
    return "nodes=" + std::to_string(node_count_) + " tasks=" + std::to_string(started) +
           " cancelled=" + std::to_string(cancelled) +
           " refused_under_ban=" + std::to_string(rejected) +
           " cancels_acked=" + std::to_string(cancels_acked_) +
           " persistent_accepted=" + std::to_string(accepted) +
           " persistent_rejected=" + std::to_string(refused) +
           " cluster_states=" + std::to_string(states_.size());
}

}  // namespace taskcheck::sim
