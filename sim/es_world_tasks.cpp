// EsWorld, part 2: task trees and cancellation with bans travelling over the network
// (spec/elasticsearch.md §4.1, §4.2). See es_world.hpp for the protocol.
#include <string>

#include "model/common/assert.hpp"
#include "model/es/cluster_membership.hpp"
#include "sim/es_world.hpp"

namespace taskcheck::sim {
namespace {

constexpr const char* kRootAction = "indices:data/write/reindex";
constexpr const char* kChildAction = "indices:data/write/bulk[s]";
constexpr const char* kUserReason = "by user request";
constexpr const char* kChannelClosed = "channel was closed";

}  // namespace

void EsWorld::schedule_step(NodeId node, std::int64_t task) {
    schedule_step_at(events_.now() + options_.step_interval, node, task);
}

void EsWorld::schedule_step_at(Nanos at, NodeId node, std::int64_t task) {
    schedule_timer(
        at, Timer{TimerKind::step, node, nodes_[node].boot, static_cast<std::uint64_t>(task)});
}

// A tree task's steps fall on started_at + k * step_interval (k >= 1). The world does not wake
// it at every one: between its first step (children) and its last (finish_at reached) nothing
// observable happens unless it is cancelled, so it sleeps to the last one, and a cancellation
// wakes it at the next boundary (EsWorld::cancel_and_ban). The trace shows exactly the steps
// that change something; the clock jumps over the rest.
Nanos EsWorld::step_boundary_after(const EsWork& work, Nanos after, bool inclusive) const {
    const Nanos since = after - work.started_at;
    Nanos k = since / options_.step_interval + 1;
    if (inclusive && since % options_.step_interval == 0) k -= 1;
    return work.started_at + std::max<Nanos>(k, 1) * options_.step_interval;
}

// Each task draws its run time from its own Rng, named by its tree, node, parent's node and
// depth, so removing another operation (shrinking) never changes how long this task runs.
Nanos EsWorld::run_time(std::uint32_t tree, NodeId node, NodeId parent_node, std::uint32_t depth) {
    Rng rng = task_rng_.derive(tree, std::uint64_t{node} << 32 | parent_node, depth);
    return rng.int_inclusive(options_.task_run_min, options_.task_run_max);
}

void EsWorld::start_tree(const EsOperation& op) {
    EsNode& n = nodes_[op.node];
    if (!n.up) return;  // connection refused: the client sees an error, nothing starts
    es::TaskRegistration registration;
    registration.action = kRootAction;
    registration.cancellable = true;
    auto id = n.tasks->register_task(std::move(registration), local_now(op.node));
    TC_ASSERT(id.ok());
    EsRecord r = record(EsRecordKind::task_registered, op.node);
    r.task = *id;
    r.parent = es::TaskId::unset().to_string();
    r.text = kRootAction;
    history_.add(std::move(r));
    EsWork work;
    work.tree = op.tree;
    work.depth = op.depth;
    work.fanout = op.fanout;
    work.started_at = events_.now();
    work.finish_at = events_.now() + run_time(op.tree, op.node, node_count_, op.depth);
    n.work.emplace(*id, std::move(work));
    tree_roots_[op.tree] = es::TaskId{n.es_id, *id};
    schedule_step(op.node, *id);
}

void EsWorld::on_child_start(NodeId node, NodeId from, const EsMessage& m) {
    EsNode& n = nodes_[node];
    es::TaskRegistration registration;
    registration.action = kChildAction;
    registration.parent = m.parent;
    registration.cancellable = true;
    std::optional<es::Ban> hidden;
    if (bug_ == EsPlantedBug::register_ignores_ban && n.tasks->ban(m.parent) != nullptr) {
        hidden = *n.tasks->ban(m.parent);
        n.tasks->remove_ban(m.parent);
    }
    auto id = n.tasks->register_task(std::move(registration), local_now(node));
    if (hidden) n.tasks->set_ban(m.parent, hidden->reason, hidden->origin);
    if (!id.ok()) {
        EsRecord r = record(EsRecordKind::task_rejected, node);
        r.parent = m.parent.to_string();
        r.reason = id.error().reason;
        history_.add(std::move(r));
        return;
    }
    EsRecord r = record(EsRecordKind::task_registered, node);
    r.task = *id;
    r.parent = m.parent.to_string();
    r.text = kChildAction;
    history_.add(std::move(r));
    EsWork work;
    work.tree = m.tree;
    work.depth = m.depth;
    work.fanout = m.fanout;
    work.started_at = events_.now();
    work.finish_at = events_.now() + run_time(m.tree, node, from, m.depth);
    n.work.emplace(*id, std::move(work));
    schedule_step(node, *id);
}

void EsWorld::on_step(NodeId node, std::int64_t task) {
    EsNode& n = nodes_[node];
    auto it = n.work.find(task);
    if (it == n.work.end()) return;
    const es::Task* registered = n.tasks->find(task);
    TC_ASSERT(registered != nullptr);
    if (it->second.persistent) return persistent_step(node, task, it->second);
    // A cancelled task notices at its next step, stops and unregisters (ES tasks check
    // isCancelled() between units of work).
    if (registered->cancelled) return finish_task(node, task);
    EsRecord r = record(EsRecordKind::task_step, node);
    r.task = task;
    history_.add(std::move(r));
    if (!it->second.spawned) spawn_children(node, task, it->second);
    if (events_.now() >= it->second.finish_at) return finish_task(node, task);
    schedule_step_at(step_boundary_after(it->second, it->second.finish_at, true), node, task);
}

void EsWorld::spawn_children(NodeId node, std::int64_t task, EsWork& work) {
    work.spawned = true;
    if (work.depth == 0) return;
    for (std::uint32_t i = 0; i < work.fanout; ++i) {
        const NodeId target = (node + 1 + i) % node_count_;
        work.child_nodes.insert(target);
        EsMessage m;
        m.kind = EsMessageKind::child_start;
        m.parent = es::TaskId{nodes_[node].es_id, task};
        m.tree = work.tree;
        m.depth = work.depth - 1;
        m.fanout = work.fanout;
        send(node, target, std::move(m));
    }
}

void EsWorld::finish_task(NodeId node, std::int64_t task) {
    EsNode& n = nodes_[node];
    const std::optional<es::Task> gone = n.tasks->unregister(task);
    TC_ASSERT(gone.has_value());
    EsRecord r = record(EsRecordKind::task_finished, node);
    r.task = task;
    history_.add(std::move(r));
    auto it = n.work.find(task);
    if (it == n.work.end()) return;
    const es::TaskId self{n.es_id, task};
    if (gone->cancelled && n.tasks->ban(self) != nullptr) {
        n.tasks->remove_ban(self);
        EsRecord lifted = record(EsRecordKind::ban_removed, node);
        lifted.parent = self.to_string();
        history_.add(std::move(lifted));
    }
    for (NodeId target : it->second.banned_at) {
        EsMessage m;
        m.kind = EsMessageKind::unban;
        m.parent = self;
        send(node, target, std::move(m));
    }
    n.work.erase(it);
}

// TaskCancellationService.cancelTaskAndDescendants on one node: cancel, ban children here, cancel
// the local children, and send bans to every node this task sent children to. The bans join
// `group` (0: none) so that the cancel_node that caused them is answered once they are placed.
void EsWorld::cancel_and_ban(NodeId node, std::int64_t task, const std::string& reason,
                             std::uint64_t group) {
    EsNode& n = nodes_[node];
    const es::Task* t = n.tasks->find(task);
    if (t == nullptr || !t->cancellable || t->cancelled) return;
    n.tasks->cancel(task, reason);
    EsRecord r = record(EsRecordKind::task_cancelled, node);
    r.task = task;
    r.reason = reason;
    history_.add(std::move(r));
    const es::TaskId self{n.es_id, task};
    n.tasks->set_ban(self, reason, n.es_id);
    EsRecord banned = record(EsRecordKind::ban_placed, node);
    banned.parent = self.to_string();
    history_.add(std::move(banned));
    for (std::int64_t child : n.tasks->cancellable_children_of(self))
        cancel_and_ban(node, child, reason, group);
    auto it = n.work.find(task);
    if (it == n.work.end()) return;
    if (!it->second.persistent)
        schedule_step_at(step_boundary_after(it->second, events_.now(), false), node, task);
    const std::set<NodeId> targets = it->second.child_nodes;
    for (NodeId target : targets) {
        if (target == node) continue;
        n.work.at(task).banned_at.insert(target);
        EsMessage m;
        m.kind = EsMessageKind::ban;
        m.parent = self;
        m.reason = reason;
        const std::uint64_t request = send_reliable(node, std::move(m), target, group);
        if (group != 0) n.groups.at(group).bans.insert(request);
    }
}

void EsWorld::start_cancel(std::uint32_t op_index, const EsOperation& op) {
    EsNode& c = nodes_[op.node];
    if (!c.up) return;  // connection refused: no answer is owed
    std::vector<NodeId> targets;
    EsMessage m;
    m.kind = EsMessageKind::cancel_node;
    m.op = op_index;
    m.cancel = op.kind;
    m.actions = op.actions;
    auto root = tree_roots_.find(op.tree);
    if (op.kind != EsOpKind::cancel_actions) {
        if (root == tree_roots_.end())
            m.parent = es::TaskId{"none", 0};
        else
            m.parent = root->second;
    }
    if (op.kind == EsOpKind::cancel_task) {
        for (NodeId k = 0; k < node_count_; ++k)
            if (nodes_[k].es_id == m.parent.node) targets.push_back(k);
    } else {
        for (NodeId k = 0; k < node_count_; ++k)
            if (k == op.node || c.is_member(nodes_[k].es_id)) targets.push_back(k);
    }
    open_cancels_[op_index] = op.node;
    std::set<std::uint64_t>& waiting = c.cancels[op_index];
    for (NodeId target : targets)
        waiting.insert(send_reliable(op.node, m, target));
    if (waiting.empty()) cancel_answered(op.node, op_index, 0);
}

// cluster:admin/tasks/cancel[n]: select the matching cancellable tasks of this node and cancel
// each with its descendants; answer once the bans they sent are placed.
void EsWorld::on_cancel_node(NodeId node, NodeId from, const EsMessage& m) {
    EsNode& n = nodes_[node];
    // A resent or replayed request that is still being served is answered by the first one
    // (ES deduplicates cancel requests for the same task, §4.2).
    for (const auto& [id, group] : n.groups)
        if (group.requester == from && group.request == m.request) return;
    std::vector<std::int64_t> selected;
    for (const es::Task& task : n.tasks->tasks()) {
        const std::int64_t id = task.id;
        if (!task.cancellable || task.cancelled) continue;
        const bool match = m.cancel == EsOpKind::cancel_task ? m.parent == es::TaskId{n.es_id, id}
                           : m.cancel == EsOpKind::cancel_children
                               ? task.parent == m.parent
                               : es::simple_match(m.actions, task.action);
        if (match) selected.push_back(id);
    }
    const std::uint64_t group = ++next_group_;
    n.groups[group] = EsCancelGroup{from, m.request, m.op, {}};
    for (std::int64_t id : selected)
        cancel_and_ban(node, id, kUserReason, group);
    ban_answered(node, group);
}

void EsWorld::ban_answered(NodeId node, std::uint64_t group) {
    EsNode& n = nodes_[node];
    auto g = n.groups.find(group);
    if (g == n.groups.end() || !g->second.bans.empty()) return;
    EsMessage done;
    done.kind = EsMessageKind::cancel_done;
    done.op = g->second.op;
    done.request = g->second.request;
    const NodeId requester = g->second.requester;
    n.groups.erase(g);
    send(node, requester, std::move(done));
}

void EsWorld::cancel_answered(NodeId node, std::uint32_t op, std::uint64_t request) {
    EsNode& c = nodes_[node];
    auto it = c.cancels.find(op);
    if (it == c.cancels.end()) return;
    if (request != 0) {
        if (it->second.erase(request) == 0) return;  // a duplicate answer
        c.outbox.erase(request);
    }
    if (!it->second.empty()) return;
    c.cancels.erase(it);
    open_cancels_.erase(op);
    ++cancels_acked_;
    EsRecord r = record(EsRecordKind::cancel_acked, node);
    r.op = op;
    history_.add(std::move(r));
}

// internal:admin/tasks/ban on the receiving node: record the ban, then cancel the children of
// the banned parent that already run here, with their descendants.
void EsWorld::on_ban(NodeId node, NodeId from, const EsMessage& m) {
    EsNode& n = nodes_[node];
    const es::Ban* existing = n.tasks->ban(m.parent);
    if (existing == nullptr) {
        n.tasks->set_ban(m.parent, m.reason, m.parent.node);
        EsRecord r = record(EsRecordKind::ban_placed, node);
        r.parent = m.parent.to_string();
        history_.add(std::move(r));
    }
    if (bug_ != EsPlantedBug::ban_skips_children) {
        for (std::int64_t child : n.tasks->cancellable_children_of(m.parent))
            cancel_and_ban(node, child, m.reason, 0);
    }
    if (bug_ == EsPlantedBug::never_ack_bans) return;
    EsMessage ack;
    ack.kind = EsMessageKind::ban_ack;
    ack.request = m.request;
    send(node, from, std::move(ack));
}

void EsWorld::on_unban(NodeId node, const EsMessage& m) {
    EsNode& n = nodes_[node];
    if (n.tasks->ban(m.parent) == nullptr) return;
    n.tasks->remove_ban(m.parent);
    EsRecord r = record(EsRecordKind::ban_removed, node);
    r.parent = m.parent.to_string();
    history_.add(std::move(r));
}

// Nodes left the cluster this node sees: their bans are lifted and the cancellable children of
// their tasks are cancelled, "channel was closed" (§4.2; CancellableTasksIT).
void EsWorld::nodes_left(NodeId node, const std::vector<std::string>& departed) {
    EsNode& n = nodes_[node];
    for (const std::string& gone : departed) {
        std::vector<es::TaskId> lifted;
        for (const auto& [parent, ban] : n.tasks->bans())
            if (ban.origin == gone) lifted.push_back(parent);
        n.tasks->remove_bans_from(gone);
        for (const es::TaskId& parent : lifted) {
            EsRecord r = record(EsRecordKind::ban_removed, node);
            r.parent = parent.to_string();
            history_.add(std::move(r));
        }
        std::vector<std::int64_t> orphans;
        for (const es::Task& task : n.tasks->tasks()) {
            if (task.cancellable && !task.cancelled && task.parent.node == gone)
                orphans.push_back(task.id);
        }
        for (std::int64_t id : orphans)
            cancel_and_ban(node, id, kChannelClosed, 0);
    }
}

}  // namespace taskcheck::sim
