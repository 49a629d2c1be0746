// EsWorld, part 3: the master — follower checks, joins, elections, cluster-state publication —
// and persistent tasks on both sides (spec/elasticsearch.md §5). See es_world.hpp.
#include <algorithm>
#include <string>

#include "model/common/assert.hpp"
#include "sim/es_world.hpp"

namespace taskcheck::sim {
namespace {

bool contains(const std::vector<NodeId>& nodes, NodeId node) {
    return std::find(nodes.begin(), nodes.end(), node) != nodes.end();
}

std::vector<EsPublishedTask> published_tasks(const std::optional<es::PersistentTasksMetadata>& m) {
    std::vector<EsPublishedTask> out;
    if (!m) return out;
    for (const auto& [id, task] : m->tasks())
        out.push_back(EsPublishedTask{id, task.name, task.allocation_id,
                                      task.assignment.executor_node.value_or("")});
    return out;
}

}  // namespace

// ---- membership and publication ----------------------------------------------------------------

es::PersistentClusterNodes EsWorld::cluster_nodes() const {
    es::PersistentClusterNodes out;
    for (NodeId k : members_) {
        es::DiscoveryNode node;
        node.id = member_es_.at(k);
        node.name = es_node_name(k);
        node.roles = {"data", "master"};
        out.nodes.push_back(std::move(node));
    }
    return out;
}

// ES shuffles the candidates before every assignment (§7.11); we draw the permutation.
std::vector<es::NodeId> EsWorld::shuffle() {
    std::vector<es::NodeId> order;
    for (NodeId k : members_)
        order.push_back(member_es_.at(k));
    if (last_shuffle_at_ != events_.now()) {
        last_shuffle_at_ = events_.now();
        shuffles_at_last_ = 0;
    }
    Rng rng =
        assignment_rng_.derive(static_cast<std::uint64_t>(events_.now()), shuffles_at_last_++, 0);
    rng.shuffle(std::span<es::NodeId>(order));
    return order;
}

void EsWorld::set_members(std::vector<NodeId> members) {
    members_ = std::move(members);
    const std::vector<es::NodeId> order = shuffle();
    service_.set_nodes(cluster_nodes(), events_.now(), order);
    publish_after_command(true);
}

void EsWorld::add_member(NodeId node, std::uint64_t boot, const std::string& es_id) {
    EsRecord r = record(EsRecordKind::node_joined, *master_);
    r.id = es_id;
    history_.add(std::move(r));
    member_boot_[node] = boot;
    member_es_[node] = es_id;
    misses_[node] = 0;
    std::vector<NodeId> members = members_;
    members.push_back(node);
    set_members(std::move(members));
}

void EsWorld::remove_members(const std::vector<NodeId>& lost) {
    std::vector<std::string> lost_ids;
    std::vector<NodeId> members;
    for (NodeId k : members_) {
        if (!contains(lost, k)) {
            members.push_back(k);
            continue;
        }
        EsRecord r = record(EsRecordKind::node_removed, *master_);
        r.id = member_es_.at(k);
        history_.add(std::move(r));
        lost_ids.push_back(member_es_.at(k));
        misses_.erase(k);
    }
    if (bug_ == EsPlantedBug::drop_tasks_of_lost_node) remove_lost_tasks(lost_ids);
    set_members(std::move(members));
}

// Planted bug: the tasks of a lost node are removed instead of reassigned.
void EsWorld::remove_lost_tasks(const std::vector<std::string>& lost) {
    if (!service_.metadata()) return;
    std::vector<std::string> doomed;
    for (const auto& [id, task] : service_.metadata()->tasks())
        if (task.assignment.executor_node &&
            std::find(lost.begin(), lost.end(), *task.assignment.executor_node) != lost.end())
            doomed.push_back(id);
    for (const std::string& id : doomed) {
        const std::vector<es::NodeId> order = shuffle();
        TC_ASSERT(service_.remove(id, events_.now(), order).ok());
        publish_after_command(false);
    }
}

// Every cluster state the last command produced becomes one version, published to every member
// (the master applies its own at once).
void EsWorld::publish_after_command(bool members_changed) {
    std::vector<std::optional<es::PersistentTasksMetadata>> metadata;
    for (const es::PersistentTasksMetadata& m : service_.published())
        metadata.emplace_back(m);
    if (metadata.empty() && !members_changed) return;
    if (metadata.empty()) metadata.push_back(service_.metadata());
    std::vector<std::string> member_ids;
    for (NodeId k : members_)
        member_ids.push_back(member_es_.at(k));
    for (auto& m : metadata) {
        ClusterState state{states_.size() + 1, master_, member_ids, std::move(m)};
        EsRecord r = record(EsRecordKind::published, *master_);
        r.version = state.version;
        r.allocation_id = state.metadata ? state.metadata->last_allocation_id() : 0;
        r.members = member_ids;
        r.tasks = published_tasks(state.metadata);
        history_.add(std::move(r));
        states_.push_back(std::move(state));
        for (NodeId k : members_) {
            if (k == *master_) continue;
            EsMessage p;
            p.kind = EsMessageKind::publish;
            p.version = states_.size();
            send(*master_, k, std::move(p));
        }
        apply_state(*master_, states_.back());
    }
}

void EsWorld::bootstrap() {
    master_ = 0;
    term_ = 1;
    EsRecord r = record(EsRecordKind::master_elected, 0);
    history_.add(std::move(r));
    std::vector<NodeId> members;
    for (NodeId k = 0; k < node_count_; ++k) {
        members.push_back(k);
        member_boot_[k] = 0;
        member_es_[k] = nodes_[k].es_id;
        misses_[k] = 0;
    }
    set_members(std::move(members));
    // The bootstrap state reaches every node before the run starts (cluster formation).
    for (NodeId k = 1; k < node_count_; ++k)
        apply_state(k, states_.back());
    schedule_timer(options_.follower_check_interval, Timer{TimerKind::follower_tick, 0, term_, 0});
}

void EsWorld::on_election() {
    election_scheduled_ = false;
    if (master_) return;
    NodeId elected = node_count_;
    for (NodeId k = 0; k < node_count_ && elected == node_count_; ++k)
        if (nodes_[k].up) elected = k;
    if (elected == node_count_) return;  // a restart schedules the next election
    master_ = elected;
    ++term_;
    misses_.clear();
    ponged_.clear();
    EsRecord r = record(EsRecordKind::master_elected, elected);
    r.flag = full_restart_pending_;
    history_.add(std::move(r));
    // Members whose node is down disconnected from the new master: they are not in its first
    // state. After a full restart only the new master is; the others rejoin by follower checks.
    std::vector<NodeId> members;
    if (!full_restart_pending_)
        for (NodeId k : members_)
            if (nodes_[k].up && k != elected) members.push_back(k);
    members.insert(members.begin(), elected);
    member_boot_[elected] = nodes_[elected].boot;
    member_es_[elected] = nodes_[elected].es_id;
    if (full_restart_pending_) {
        full_restart_pending_ = false;
        members_ = members;
        service_.full_restart(cluster_nodes());
        publish_after_command(true);
    } else {
        set_members(std::move(members));
    }
    const std::vector<es::NodeId> order = shuffle();
    service_.become_master(events_.now(), order);
    publish_after_command(false);
    schedule_timer(events_.now() + options_.follower_check_interval,
                   Timer{TimerKind::follower_tick, 0, term_, 0});
}

void EsWorld::on_follower_tick(std::uint64_t term) {
    if (term != term_ || !master_) return;
    const NodeId m = *master_;
    const Timer next{TimerKind::follower_tick, 0, term_, 0};
    if (nodes_[m].paused_until > events_.now()) return schedule_timer(nodes_[m].paused_until, next);
    std::vector<NodeId> lost;
    for (NodeId k : members_) {
        if (k == m) continue;
        misses_[k] = ponged_.count(k) ? 0 : misses_[k] + 1;
        if (misses_[k] >= options_.follower_check_retries) lost.push_back(k);
    }
    ponged_.clear();
    // A master that cannot see a majority removes no one (it would lose its quorum).
    if (!lost.empty() && (members_.size() - lost.size()) * 2 > node_count_) remove_members(lost);
    const std::vector<es::NodeId> order = shuffle();
    if (service_.run_recheck_if_due(events_.now(), order)) publish_after_command(false);
    for (NodeId k = 0; k < node_count_; ++k) {
        if (k == m) continue;
        EsMessage ping;
        ping.kind = EsMessageKind::ping;
        send(m, k, std::move(ping));
    }
    schedule_timer(events_.now() + options_.follower_check_interval, next);
}

void EsWorld::on_ping(NodeId node, NodeId from) {
    const EsNode& n = nodes_[node];
    EsMessage pong;
    pong.kind = EsMessageKind::pong;
    pong.es_id = n.es_id;
    pong.boot = n.boot;
    pong.version = n.applied_version;
    send(node, from, std::move(pong));
}

void EsWorld::on_pong(NodeId m, NodeId from, const EsMessage& pong) {
    if (master_ != m) return;
    // A pong from an earlier life of the node is stale: a real join is a live round trip.
    if (pong.boot != nodes_[from].boot || pong.es_id != nodes_[from].es_id) return;
    if (contains(members_, from) &&
        (member_boot_[from] != pong.boot || member_es_[from] != pong.es_id)) {
        remove_members({from});  // restarted: it left and joins again
    }
    if (!contains(members_, from)) add_member(from, pong.boot, pong.es_id);
    ponged_.insert(from);
    if (pong.version < states_.size()) {
        EsMessage p;
        p.kind = EsMessageKind::publish;
        p.version = states_.size();
        send(m, from, std::move(p));
    }
}

void EsWorld::on_publish(NodeId node, const EsMessage& m) {
    if (m.version <= nodes_[node].applied_version) return;  // reordered or replayed
    apply_state(node, states_[m.version - 1]);
}

void EsWorld::apply_state(NodeId node, const ClusterState& state) {
    EsNode& n = nodes_[node];
    if (n.applied_version > 0) {
        std::vector<std::string> departed;
        for (const std::string& id : n.members)
            if (std::find(state.members.begin(), state.members.end(), id) == state.members.end())
                departed.push_back(id);
        nodes_left(node, departed);
    }
    n.applied_version = state.version;
    n.master = state.master;
    n.members = state.members;
    if (!state.metadata) return;
    const es::NodeApplyOutcome outcome =
        n.persistent->apply(*state.metadata, *n.tasks, local_now(node));
    for (es::AllocationId allocation : outcome.started) {
        const es::LocalPersistentTask* local = n.persistent->find(allocation);
        EsRecord r = record(EsRecordKind::task_registered, node);
        r.task = local->task_number;
        r.parent = es::TaskId{"cluster", allocation}.to_string();
        r.text = local->name + "[c]";
        history_.add(std::move(r));
        EsRecord s = record(EsRecordKind::persistent_started, node);
        s.id = local->persistent_id;
        s.allocation_id = allocation;
        s.task = local->task_number;
        history_.add(std::move(s));
        EsWork work;
        work.persistent = true;
        work.allocation_id = allocation;
        n.work[local->task_number] = work;
        schedule_step(node, local->task_number);
    }
    for (es::AllocationId allocation : outcome.cancelled) {
        EsRecord r = record(EsRecordKind::task_cancelled, node);
        r.task = n.persistent->find(allocation)->task_number;
        r.reason = es::kRemovedCancelReason;
        history_.add(std::move(r));
    }
}

// ---- persistent tasks --------------------------------------------------------------------------

void EsWorld::persistent_op(std::uint32_t op_index, const EsOperation& op) {
    EsMessage m;
    m.kind = EsMessageKind::master_request;
    m.op = op_index;
    m.id = op.id;
    if (op.kind == EsOpKind::create_persistent) {
        if (!nodes_[op.node].up) return;
        m.what = "create";
        m.name = op.name;
        send_reliable(op.node, std::move(m), std::nullopt);
        return;
    }
    m.what = op.kind == EsOpKind::update_persistent ? "update" : "complete";
    // Every executor that believes it runs an allocation of `id` acts, stale ones included.
    for (NodeId k = 0; k < node_count_; ++k) {
        EsNode& n = nodes_[k];
        if (!n.up || n.paused_until > events_.now()) continue;
        std::vector<es::AllocationId> mine;
        for (const auto& [allocation, local] : n.persistent->tasks())
            if (local.persistent_id == op.id && local.state == es::LocalTaskState::started)
                mine.push_back(allocation);
        for (es::AllocationId allocation : mine) {
            if (m.what == "complete") {
                auto request = n.persistent->mark_as_completed(allocation, *n.tasks);
                TC_ASSERT(request.ok());
                if (!request->has_value()) continue;
            }
            EsMessage mk = m;
            mk.allocation_id = allocation;
            send_reliable(k, std::move(mk), std::nullopt);
        }
    }
}

void EsWorld::persistent_step(NodeId node, std::int64_t task, EsWork& work) {
    EsNode& n = nodes_[node];
    const es::LocalPersistentTask* local = n.persistent->find(work.allocation_id);
    if (local == nullptr) return;  // finished and forgotten: waits for the master's answer
    if (local->state == es::LocalTaskState::pending_cancel) {
        TC_ASSERT(n.persistent->mark_as_completed(work.allocation_id, *n.tasks).ok());
        EsRecord r = record(EsRecordKind::task_finished, node);
        r.task = task;
        history_.add(std::move(r));
        n.work.erase(task);
        return;
    }
    if (local->state != es::LocalTaskState::started) return;
    if (n.tasks->find(task)->cancelled) {
        // Cancelled by a user: the executor stops and reports completion (§5.3).
        auto request = n.persistent->mark_as_completed(work.allocation_id, *n.tasks);
        TC_ASSERT(request.ok());
        EsMessage m;
        m.kind = EsMessageKind::master_request;
        m.what = "complete";
        m.id = local->persistent_id;
        m.allocation_id = work.allocation_id;
        send_reliable(node, std::move(m), std::nullopt);
        return;
    }
    EsRecord r = record(EsRecordKind::task_step, node);
    r.task = task;
    history_.add(std::move(r));
    schedule_step(node, task);
}

void EsWorld::fail_persistent(NodeId node) {
    EsNode& n = nodes_[node];
    for (const auto& [allocation, local] : n.persistent->tasks()) {
        if (local.state != es::LocalTaskState::started) continue;
        es::EsError failure;
        failure.type = "simulated_failure_exception";
        failure.reason = "task_failure fault";
        const std::string id = local.persistent_id;
        const es::AllocationId failed = allocation;
        auto request = n.persistent->mark_as_failed(failed, failure, *n.tasks);
        TC_ASSERT(request.ok());
        if (!request->has_value()) return;
        EsMessage m;
        m.kind = EsMessageKind::master_request;
        m.what = "complete";
        m.id = id;
        m.allocation_id = failed;
        m.failed = true;
        send_reliable(node, std::move(m), std::nullopt);
        return;
    }
}

void EsWorld::on_master_request(NodeId m, NodeId from, const EsMessage& request) {
    EsMessage reply;
    reply.kind = EsMessageKind::master_reply;
    reply.request = request.request;
    if (master_ != m) {
        reply.not_master = true;
        return send(m, from, std::move(reply));
    }
    const Nanos now = events_.now();
    const std::vector<es::NodeId> order = shuffle();
    auto run = [&](es::AllocationId allocation) -> Result<es::PersistentTask, es::EsError> {
        if (request.what == "create")
            return service_.create({request.id, request.name, nlohmann::ordered_json::object()},
                                   now, order);
        if (request.what == "update")
            return service_.update_state(
                {request.id, allocation, nlohmann::ordered_json{{"op", request.op}}}, now, order);
        es::CompletionRequest completion;
        completion.task_id = request.id;
        completion.allocation_id = allocation;
        if (request.failed) {
            es::EsError failure;
            failure.type = "simulated_failure_exception";
            failure.reason = "task_failure fault";
            completion.failure = failure;
        }
        return service_.complete(completion, now, order);
    };
    auto result = run(request.allocation_id);
    if (!result.ok() && bug_ == EsPlantedBug::accept_stale_allocation && request.what != "create" &&
        service_.metadata() && service_.metadata()->find(request.id) != nullptr)
        result = run(service_.metadata()->find(request.id)->allocation_id);
    EsRecord r = record(
        result.ok() ? EsRecordKind::persistent_accepted : EsRecordKind::persistent_rejected, m);
    r.text = request.what;
    r.id = request.id;
    r.allocation_id =
        request.what == "create" && result.ok() ? result->allocation_id : request.allocation_id;
    if (!result.ok()) r.reason = result.error().reason;
    history_.add(std::move(r));
    publish_after_command(false);
    send(m, from, std::move(reply));
}

void EsWorld::on_master_reply(NodeId node, const EsMessage& reply) {
    EsNode& n = nodes_[node];
    auto it = n.outbox.find(reply.request);
    if (it == n.outbox.end() || reply.not_master) return;     // forgotten, or retried elsewhere
    const EsMessage request = messages_[it->second.message];  // a copy: messages_ may grow
    n.outbox.erase(it);
    if (request.what != "complete") return;
    for (auto w = n.work.begin(); w != n.work.end(); ++w) {
        if (!w->second.persistent || w->second.allocation_id != request.allocation_id) continue;
        n.persistent->completion_acknowledged(request.allocation_id, *n.tasks);
        EsRecord r = record(EsRecordKind::task_finished, node);
        r.task = w->first;
        history_.add(std::move(r));
        n.work.erase(w);
        return;
    }
}

std::optional<std::string> EsWorld::persistent_pending() const {
    for (NodeId k = 0; k < node_count_; ++k) {
        const EsNode& n = nodes_[k];
        if (!contains(members_, k) || member_es_.at(k) != n.es_id || member_boot_.at(k) != n.boot)
            return es_node_name(k) + " has not rejoined the cluster";
        if (n.applied_version < states_.size())
            return es_node_name(k) + " has not applied cluster state version " +
                   std::to_string(states_.size());
    }
    if (!service_.metadata()) return std::nullopt;
    for (const auto& [id, task] : service_.metadata()->tasks()) {
        if (!task.assignment.executor_node)
            return "persistent task " + id + " unassigned: " + task.assignment.explanation;
        NodeId k = 0;
        while (k < node_count_ && nodes_[k].es_id != *task.assignment.executor_node)
            ++k;
        if (k == node_count_)
            return "persistent task " + id + " assigned to departed node " +
                   *task.assignment.executor_node;
        const es::LocalPersistentTask* local = nodes_[k].persistent->find(task.allocation_id);
        if (local == nullptr || local->state != es::LocalTaskState::started)
            return "persistent task " + id + " allocation " + std::to_string(task.allocation_id) +
                   " not running on " + es_node_name(k);
    }
    return std::nullopt;
}

}  // namespace taskcheck::sim
