// TaskCluster's REST operations (list, get, cancel) and their waits; the state-machine half
// (membership, registration, cancellation) is in task_cluster.cpp.
#include <algorithm>
#include <set>

#include "model/common/assert.hpp"
#include "model/es/task_cluster.hpp"

namespace taskcheck::es {

namespace {

const std::string kListAction = "cluster:monitor/tasks/lists";
const std::string kCancelAction = "cluster:admin/tasks/cancel";
const std::string kGetAction = "cluster:monitor/task/get";
constexpr std::string_view kByUserRequest = "by user request";
constexpr std::string_view kWaitTimedOut = "Timed out waiting for completion of task";

std::vector<std::string> split_commas(std::string_view text) {
    std::vector<std::string> parts;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        if (comma != 0) parts.emplace_back(text.substr(0, comma));
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return parts;
}

bool selected(const Task& task, const std::vector<std::string>& actions, const TaskId& parent) {
    if (parent.is_set() && task.parent != parent) return false;
    if (actions.empty()) return true;
    return std::any_of(actions.begin(), actions.end(),
                       [&](const std::string& p) { return simple_match(p, task.action); });
}

EsError no_such_node(const NodeId& node) {
    EsError error;
    error.http_status = 404;
    error.type = "no_such_node_exception";
    error.reason = "No such node [" + node + "]";
    error.metadata["node_id"] = node;
    return error;
}

Reply done(EsReply reply) {
    return Reply{std::move(reply), 0};
}
Reply failed(const EsError& error) {
    return done(Err(error));
}

}  // namespace

Reply TaskCluster::list(const ListTasksRequest& request, const RequestContext& context, Nanos now) {
    auto group_by = parse_group_by(request.group_by);
    if (!group_by.ok()) return failed(group_by.error());
    const TaskInfoFormat format{request.human, true};
    const GroupBy grouping = group_by.value();
    auto render = [this, grouping, format](const TaskListing& listing) -> EsReply {
        return render_listing(listing, grouping, membership_, format);
    };
    return list_with(request.selection, request.detailed, request.wait_for_completion,
                     request.timeout, context, now, render);
}

Reply TaskCluster::list_with(const TaskSelection& selection, bool detailed,
                             bool wait_for_completion, std::optional<Nanos> timeout,
                             const RequestContext& context, Nanos now, ListingRenderer render) {
    auto parent = parse_task_id(selection.parent_task_id);
    if (!parent.ok()) return failed(parent.error());
    auto headers = copy_task_headers(context.http_headers);
    if (!headers.ok()) return failed(headers.error());
    const NodeId local = coordinating_node(context);
    const std::vector<NodeId> targets = membership_.resolve(selection.nodes, local);

    Wait wait;
    wait.kind = WaitKind::list;
    wait.render = std::move(render);
    wait.deadline = now + timeout.value_or(options_.default_wait_timeout);
    auto coordinator =
        start_request_task(local, kListAction, true, TaskId::unset(), headers.value(), now);
    TC_ASSERT(coordinator.ok());
    wait.own_tasks.push_back(coordinator.value());
    for (const NodeId& node : targets) {
        auto child = start_request_task(node, kListAction + "[n]", true, coordinator.value(),
                                        headers.value(), now);
        TC_ASSERT(child.ok());
        wait.own_tasks.push_back(child.value());
    }
    const std::vector<std::string> actions = split_commas(selection.actions);
    std::size_t total = 0;
    for (const NodeId& node : targets)
        total += managers_.at(node).tasks().size();
    wait.listing.tasks.reserve(total);
    for (const NodeId& node : targets) {
        for (const Task& task : managers_.at(node).tasks()) {
            if (!selected(task, actions, parent.value())) continue;
            wait.listing.tasks.push_back(task_info(task, node, detailed, now));
            // TransportListTasksAction never waits for list tasks, its own included.
            if (wait_for_completion && task.action.rfind(kListAction, 0) != 0) {
                wait.awaited.push_back(TaskId{node, task.id});
            }
        }
    }
    return finish_or_wait(std::move(wait), now);
}

Reply TaskCluster::get(const GetTaskRequest& request, const RequestContext& context, Nanos now) {
    auto id = parse_task_id(request.task_id);
    if (!id.ok()) return failed(id.error());
    if (!id->is_set()) return failed(validation_failed("task id is required"));
    auto headers = copy_task_headers(context.http_headers);
    if (!headers.ok()) return failed(headers.error());
    const NodeId local = coordinating_node(context);

    Wait wait;
    wait.kind = WaitKind::get;
    wait.human = request.human;
    auto own = start_request_task(local, kGetAction, false, TaskId::unset(), headers.value(), now);
    TC_ASSERT(own.ok());
    wait.own_tasks.push_back(own.value());
    // TransportGetTaskAction forwards to the task's node as a child request.
    if (id->node != local && membership_.contains(id->node)) {
        auto child =
            start_request_task(id->node, kGetAction, false, own.value(), headers.value(), now);
        TC_ASSERT(child.ok());
        wait.own_tasks.push_back(child.value());
    }
    const Task* running = find_task(id.value());
    if (running == nullptr) {
        finish_request_tasks(wait.own_tasks, now);
        return done(get_not_running(id.value(), request.human));
    }
    wait.target = task_info(*running, id->node, true, now);
    if (!request.wait_for_completion) {
        finish_request_tasks(wait.own_tasks, now);
        nlohmann::ordered_json body = nlohmann::ordered_json::object();
        body["completed"] = false;
        body["task"] = to_json(*wait.target, TaskInfoFormat{request.human, true});
        return done(body.dump());
    }
    wait.awaited.push_back(id.value());
    wait.deadline = now + request.timeout.value_or(options_.default_wait_timeout);
    return finish_or_wait(std::move(wait), now);
}

EsReply TaskCluster::get_not_running(const TaskId& id, bool human) const {
    if (const StoredResult* stored = results_.find(id)) {
        return to_json(*stored, TaskInfoFormat{human, true}).dump();
    }
    EsError not_stored = resource_not_found("task [" + id.to_string() +
                                            "] isn't running and hasn't stored its results");
    if (!results_.index_exists()) not_stored = not_stored.with_cause(index_not_found(".tasks"));
    if (membership_.contains(id.node)) return Err(not_stored);
    return Err(resource_not_found("task [" + id.to_string() + "] belongs to the node [" + id.node +
                                  "] which isn't part of the cluster and there is no record of "
                                  "the task")
                   .with_cause(not_stored));
}

Reply TaskCluster::cancel(const CancelTasksRequest& request, const RequestContext& context,
                          Nanos now) {
    auto target = parse_task_id(request.task_id);
    if (!target.ok()) return failed(target.error());
    auto parent = parse_task_id(request.selection.parent_task_id);
    if (!parent.ok()) return failed(parent.error());
    auto group_by = parse_group_by(request.group_by);
    if (!group_by.ok()) return failed(group_by.error());
    if (target->is_set() && !split_commas(request.selection.nodes).empty()) {
        return failed(validation_failed("task id cannot be used together with node ids"));
    }
    auto headers = copy_task_headers(context.http_headers);
    if (!headers.ok()) return failed(headers.error());
    const NodeId local = coordinating_node(context);
    const std::vector<NodeId> nodes = target->is_set()
                                          ? std::vector<NodeId>{target->node}
                                          : membership_.resolve(request.selection.nodes, local);

    Wait wait;
    wait.kind = WaitKind::cancel;
    auto own =
        start_request_task(local, kCancelAction, false, TaskId::unset(), headers.value(), now);
    TC_ASSERT(own.ok());
    wait.own_tasks.push_back(own.value());
    std::vector<TaskId> cancelled;
    for (const NodeId& node : nodes) {
        if (!membership_.contains(node)) {
            wait.listing.node_failures.push_back(NodeFailure{node, no_such_node(node)});
            continue;
        }
        auto child = start_request_task(node, kCancelAction + "[n]", false, own.value(),
                                        headers.value(), now);
        TC_ASSERT(child.ok());
        wait.own_tasks.push_back(child.value());
        auto failure =
            cancel_on_node(node, target.value(), request.selection, parent.value(), cancelled);
        if (failure.has_value()) wait.listing.node_failures.push_back(std::move(*failure));
    }
    for (const TaskId& id : cancelled) {
        wait.listing.tasks.push_back(task_info(*find_task(id), id.node, false, now));
        if (request.wait_for_completion) wait.awaited.push_back(id);
    }
    const GroupBy grouping = group_by.value();
    const TaskInfoFormat format{request.human, true};
    wait.render = [this, grouping, format](const TaskListing& listing) -> EsReply {
        return render_listing(listing, grouping, membership_, format);
    };
    return finish_or_wait(std::move(wait), now);
}

std::optional<NodeFailure> TaskCluster::cancel_on_node(const NodeId& node, const TaskId& target,
                                                       const TaskSelection& selection,
                                                       const TaskId& parent,
                                                       std::vector<TaskId>& out) {
    const TaskManager& owner = managers_.at(node);
    const std::vector<std::string> actions = split_commas(selection.actions);
    std::vector<TaskId> chosen;
    if (target.is_set()) {
        const Task* task = owner.find(target.number);
        const std::string name = "task [" + target.to_string() + "]";
        if (task == nullptr) return NodeFailure{node, resource_not_found(name + " is not found")};
        if (!task->cancellable) {
            return NodeFailure{node, illegal_argument(name + " doesn't support cancellation")};
        }
        if (!selected(*task, actions, parent)) {
            return NodeFailure{node, illegal_argument(name + " doesn't support this operation")};
        }
        chosen.push_back(target);
    } else {
        for (const Task& task : owner.tasks()) {
            if (task.cancellable && selected(task, actions, parent)) {
                chosen.push_back(TaskId{node, task.id});
            }
        }
    }
    // 8.x: cancelling an already-cancelled task succeeds again (deduplicated), spec §7.7.
    for (const TaskId& id : chosen) {
        cancel_task_and_descendants(id, kByUserRequest);
        out.push_back(id);
    }
    return std::nullopt;
}

Reply TaskCluster::finish_or_wait(Wait wait, Nanos now) {
    if (wait_done(wait)) {
        finish_request_tasks(wait.own_tasks, now);
        return done(complete_wait(wait, false));
    }
    const WaitId id = ++last_wait_;
    waits_.emplace(id, std::move(wait));
    return Reply{std::nullopt, id};
}

bool TaskCluster::wait_done(const Wait& wait) const {
    std::set<TaskId> awaited(wait.awaited.begin(), wait.awaited.end());
    for (const TaskId& id : awaited) {
        if (is_running(id)) return false;
    }
    if (wait.kind != WaitKind::cancel || awaited.empty()) return true;
    // Cancel also waits for every descendant (any cancellability) of the cancelled tasks.
    for (const auto& [node, manager] : managers_) {
        for (const Task& task : manager.tasks()) {
            if (awaited.count(task.parent) > 0) return false;
        }
    }
    return true;
}

EsReply TaskCluster::complete_wait(const Wait& wait, bool timed_out) const {
    if (wait.kind == WaitKind::get) {
        if (timed_out) {
            return Err(timeout_error(std::string(kWaitTimedOut), options_.wait_timeout_status()));
        }
        if (const StoredResult* stored = results_.find(wait.target->id)) {
            return to_json(*stored, TaskInfoFormat{wait.human, true}).dump();
        }
        nlohmann::ordered_json body = nlohmann::ordered_json::object();
        body["completed"] = true;
        body["task"] = to_json(*wait.target, TaskInfoFormat{wait.human, true});
        return body.dump();
    }
    if (!timed_out) return wait.render(wait.listing);
    // A list wait that times out fails the nodes still running awaited tasks (node_failures).
    std::set<NodeId> late;
    for (const TaskId& id : wait.awaited) {
        if (is_running(id)) late.insert(id.node);
    }
    TaskListing listing;
    for (const TaskInfo& info : wait.listing.tasks) {
        if (late.count(info.id.node) == 0) listing.tasks.push_back(info);
    }
    listing.node_failures = wait.listing.node_failures;
    for (const NodeId& node : late) {
        listing.node_failures.push_back(
            NodeFailure{node, timeout_error(std::string(kWaitTimedOut), 500)});
    }
    return wait.render(listing);
}

std::optional<EsReply> TaskCluster::poll(WaitId id, Nanos now) {
    auto it = waits_.find(id);
    TC_ASSERT(it != waits_.end());
    const Wait& wait = it->second;
    std::optional<EsReply> reply;
    if (wait_done(wait)) {
        reply = complete_wait(wait, false);
    } else if (wait.deadline.has_value() && now >= *wait.deadline) {
        reply = complete_wait(wait, true);
    } else {
        return std::nullopt;
    }
    finish_request_tasks(wait.own_tasks, now);
    waits_.erase(it);
    return reply;
}

std::vector<WaitId> TaskCluster::pending_waits() const {
    std::vector<WaitId> ids;
    for (const auto& [id, wait] : waits_)
        ids.push_back(id);
    return ids;
}

std::optional<Nanos> TaskCluster::wait_deadline(WaitId id) const {
    auto it = waits_.find(id);
    TC_ASSERT(it != waits_.end());
    return it->second.deadline;
}

}  // namespace taskcheck::es
