#include "model/es/persistent_tasks_service.hpp"

#include <algorithm>
#include <limits>

#include "model/common/assert.hpp"
#include "model/common/input_error.hpp"
#include "model/es/persistent_filter_path.hpp"

namespace taskcheck::es {
namespace {

EsError not_found(std::string reason) {
    return resource_not_found(std::move(reason));
}

// A plain Java exception (not an ElasticsearchException): it is its own root cause.
EsError java_exception(int http_status, std::string type, std::string reason) {
    EsError error;
    error.http_status = http_status;
    error.type = std::move(type);
    error.reason = std::move(reason);
    error.elasticsearch_exception = false;
    return error;
}

// ActionRequestValidationException: "Validation Failed: 1: a;2: b;".
std::optional<EsError> validation_error(const std::vector<std::string>& problems) {
    if (problems.empty()) return std::nullopt;
    std::string reason = "Validation Failed: ";
    for (std::size_t i = 0; i < problems.size(); ++i) {
        reason += std::to_string(i + 1) + ": " + problems[i] + ";";
    }
    // ActionRequestValidationException extends IllegalArgumentException.
    return java_exception(400, "action_request_validation_exception", std::move(reason));
}

}  // namespace

PersistentTasksService::PersistentTasksService(std::set<std::string> executors,
                                               PersistentTasksSettings settings)
    : executors_(std::move(executors)), settings_(settings) {
    TC_ASSERT_GE(settings_.recheck_interval, seconds(10));
}

nlohmann::ordered_json PersistentTasksService::render_cluster_state(
    std::string_view filter_path) const {
    return apply_filter_path(es::render_cluster_state(metadata_), filter_path);
}

namespace {

// The shuffle as a candidate order over `nodes`; an empty shuffle is membership order.
std::vector<NodeId> candidate_order(const PersistentClusterNodes& nodes,
                                    std::span<const NodeId> shuffle) {
    std::vector<NodeId> members;
    for (const DiscoveryNode& node : nodes.nodes)
        members.push_back(node.id);
    if (shuffle.empty()) return members;
    std::vector<NodeId> given(shuffle.begin(), shuffle.end());
    std::vector<NodeId> sorted_given = given;
    std::vector<NodeId> sorted_members = members;
    std::sort(sorted_given.begin(), sorted_given.end());
    std::sort(sorted_members.begin(), sorted_members.end());
    if (sorted_given != sorted_members) {
        throw InputError("persistent-shuffle-invalid", {},
                         "the candidate shuffle has " + std::to_string(given.size()) +
                             " node ids that are not a permutation of the " +
                             std::to_string(members.size()) + " cluster nodes",
                         "pass every current node id exactly once, or an empty shuffle");
    }
    return given;
}

}  // namespace

bool PersistentTasksService::has_node(const NodeId& id) const {
    return std::any_of(nodes_.nodes.begin(), nodes_.nodes.end(),
                       [&](const DiscoveryNode& node) { return node.id == id; });
}

Assignment PersistentTasksService::assignment_in_order(const std::string& name,
                                                       const std::vector<NodeId>& order) const {
    if (settings_.enable == AssignmentEnable::none) {
        return unassigned_because("persistent task [" + name +
                                  "] cannot be assigned [no persistent task assignments are "
                                  "allowed due to cluster settings]");
    }
    std::optional<NodeId> least_loaded;
    std::size_t least_load = std::numeric_limits<std::size_t>::max();
    for (const NodeId& id : order) {
        if (nodes_.shutting_down.count(id) != 0) continue;
        const auto node = std::find_if(nodes_.nodes.begin(), nodes_.nodes.end(),
                                       [&](const DiscoveryNode& n) { return n.id == id; });
        TC_ASSERT(node != nodes_.nodes.end());
        if (!can_contain_data(*node)) continue;
        const std::size_t load = metadata_ ? metadata_->count_on_node(name, id) : 0;
        // Strictly smaller: among equal loads the first in shuffle order wins (§7.11).
        if (load < least_load) {
            least_load = load;
            least_loaded = id;
        }
    }
    return least_loaded ? assigned_to(*least_loaded) : no_node_found_assignment();
}

Assignment PersistentTasksService::compute_assignment(const std::string& name,
                                                      std::span<const NodeId> shuffle) const {
    return assignment_in_order(name, candidate_order(nodes_, shuffle));
}

bool PersistentTasksService::needs_reassignment(const PersistentTask& task) const {
    return !task.assignment.is_assigned() || !has_node(*task.assignment.executor_node);
}

bool PersistentTasksService::should_reassign(const std::vector<NodeId>& order) const {
    if (!metadata_) return false;
    for (const auto& [id, task] : metadata_->tasks()) {
        if (!needs_reassignment(task)) continue;
        if (assignment_in_order(task.name, order) != task.assignment) return true;
    }
    return false;
}

void PersistentTasksService::reassign_tasks(const std::vector<NodeId>& order) {
    std::vector<std::string> ids;
    for (const auto& [id, task] : metadata_->tasks())
        ids.push_back(id);
    bool changed = false;
    // One task at a time: each reassignment counts in the load seen by the next (ES updates the
    // cluster state inside the loop). The whole pass is one published update.
    for (const std::string& id : ids) {
        const PersistentTask& task = *metadata_->find(id);
        if (!needs_reassignment(task)) continue;
        Assignment assignment = assignment_in_order(task.name, order);
        if (assignment == task.assignment) continue;
        const AllocationId before = task.allocation_id;
        const PersistentTask& moved = metadata_->reassign_task(id, std::move(assignment));
        TC_ASSERT_GT(moved.allocation_id, before);
        changed = true;
    }
    if (changed) publish();
}

void PersistentTasksService::cluster_changed(Nanos now, const std::vector<NodeId>& order) {
    if (!should_reassign(order)) return;
    // The reassignment replaces a pending periodic check.
    recheck_at_.reset();
    reassign_tasks(order);
    if (metadata_->any_unassigned()) schedule_recheck(now);
}

void PersistentTasksService::set_nodes(PersistentClusterNodes nodes, Nanos now,
                                       std::span<const NodeId> shuffle) {
    const std::vector<NodeId> order = candidate_order(nodes, shuffle);
    published_.clear();
    nodes_ = std::move(nodes);
    if (metadata_) {
        std::set<NodeId> live(order.begin(), order.end());
        if (!metadata_->disassociate_dead_nodes(live).empty()) publish();
    }
    cluster_changed(now, order);
}

void PersistentTasksService::become_master(Nanos now, std::span<const NodeId> shuffle) {
    const std::vector<NodeId> order = candidate_order(nodes_, shuffle);
    published_.clear();
    recheck_at_.reset();
    cluster_changed(now, order);
}

Result<PersistentTask, EsError> PersistentTasksService::create(
    const StartPersistentTaskRequest& request, Nanos now, std::span<const NodeId> shuffle) {
    const std::vector<NodeId> order = candidate_order(nodes_, shuffle);
    published_.clear();
    std::vector<std::string> problems;
    if (!request.task_id) problems.push_back("task id must be specified");
    if (!request.task_name) problems.push_back("action must be specified");
    if (auto invalid = validation_error(problems)) return Err(*invalid);
    const std::string& id = *request.task_id;
    const std::string& name = *request.task_name;
    if (metadata_ && metadata_->find(id) != nullptr) {
        EsError exists;
        exists.http_status = 400;
        exists.type = "resource_already_exists_exception";
        exists.reason = "task with id {" + id + "} already exist";
        return Err(exists);
    }
    if (executors_.count(name) == 0) {
        return Err(java_exception(500, "illegal_state_exception",
                                  "Unknown persistent executor [" + name + "]"));
    }
    Assignment assignment = assignment_in_order(name, order);
    if (!metadata_) metadata_.emplace();
    PersistentTask created = metadata_->add_task(id, name, request.params, std::move(assignment));
    TC_ASSERT_EQ(created.allocation_id, metadata_->last_allocation_id());
    publish();
    cluster_changed(now, order);
    if (!created.assignment.is_assigned()) schedule_recheck(now);
    return created;
}

Result<PersistentTask, EsError> PersistentTasksService::update_state(
    const UpdateTaskStateRequest& request, Nanos now, std::span<const NodeId> shuffle) {
    const std::vector<NodeId> order = candidate_order(nodes_, shuffle);
    published_.clear();
    std::vector<std::string> problems;
    if (!request.task_id) problems.push_back("task id must be specified");
    if (request.allocation_id == -1) problems.push_back("allocationId must be specified");
    if (auto invalid = validation_error(problems)) return Err(*invalid);
    const std::string& id = *request.task_id;
    if (!metadata_ || !metadata_->has_task(id, request.allocation_id)) {
        return Err(not_found("the task with id " + id + " and allocation id " +
                             std::to_string(request.allocation_id) + " doesn't exist"));
    }
    PersistentTask updated = metadata_->update_task_state(id, request.state);
    TC_ASSERT_EQ(updated.allocation_id, request.allocation_id);
    publish();
    cluster_changed(now, order);
    return updated;
}

Result<PersistentTask, EsError> PersistentTasksService::complete(const CompletionRequest& request,
                                                                 Nanos now,
                                                                 std::span<const NodeId> shuffle) {
    const std::vector<NodeId> order = candidate_order(nodes_, shuffle);
    published_.clear();
    std::vector<std::string> problems;
    if (!request.task_id) problems.push_back("task id is missing");
    if (request.allocation_id < 0) problems.push_back("allocation id is negative or missing");
    if (request.failure && request.local_abort_reason) {
        problems.push_back("task cannot be both locally aborted and failed");
    }
    if (auto invalid = validation_error(problems)) return Err(*invalid);
    const std::string& id = *request.task_id;
    const std::string alloc = std::to_string(request.allocation_id);
    const bool found = metadata_ && metadata_->has_task(id, request.allocation_id);
    if (request.local_abort_reason) {
        if (!found) {
            return Err(not_found("the task with id " + id + " and allocation id " + alloc +
                                 " doesn't exist"));
        }
        PersistentTask unassigned =
            metadata_->reassign_task(id, unassigned_because(*request.local_abort_reason));
        publish();
        cluster_changed(now, order);
        return unassigned;
    }
    if (!found) {
        return Err(
            not_found("the task with id [" + id + "] and allocation id [" + alloc + "] not found"));
    }
    PersistentTask removed = *metadata_->find(id);
    metadata_->remove_task(id);
    publish();
    cluster_changed(now, order);
    return removed;
}

Result<PersistentTask, EsError> PersistentTasksService::remove(const std::string& task_id,
                                                               Nanos now,
                                                               std::span<const NodeId> shuffle) {
    const std::vector<NodeId> order = candidate_order(nodes_, shuffle);
    published_.clear();
    const PersistentTask* task = metadata_ ? metadata_->find(task_id) : nullptr;
    if (task == nullptr) return Err(not_found("the task with id " + task_id + " doesn't exist"));
    PersistentTask removed = *task;
    metadata_->remove_task(task_id);
    publish();
    cluster_changed(now, order);
    return removed;
}

Result<PersistentTasksSettings, EsError> PersistentTasksService::set_recheck_interval(
    std::string_view value, Nanos now, std::span<const NodeId> shuffle) {
    const std::vector<NodeId> order = candidate_order(nodes_, shuffle);
    published_.clear();
    auto interval = parse_recheck_interval(value);
    if (!interval.ok()) return Err(interval.error());
    settings_.recheck_interval = *interval;
    // AbstractAsyncTask.setInterval reschedules only a task that is scheduled.
    if (recheck_at_) schedule_recheck(now);
    cluster_changed(now, order);
    return settings_;
}

Result<PersistentTasksSettings, EsError> PersistentTasksService::set_assignment_enable(
    std::string_view value, Nanos now, std::span<const NodeId> shuffle) {
    const std::vector<NodeId> order = candidate_order(nodes_, shuffle);
    published_.clear();
    auto enable = parse_assignment_enable(value);
    if (!enable.ok()) return Err(enable.error());
    settings_.enable = *enable;
    cluster_changed(now, order);
    return settings_;
}

bool PersistentTasksService::run_recheck_if_due(Nanos now, std::span<const NodeId> shuffle) {
    const std::vector<NodeId> order = candidate_order(nodes_, shuffle);
    published_.clear();
    if (!recheck_at_ || *recheck_at_ > now) return false;
    // PeriodicRechecker is built with autoReschedule=false: it runs once, and only the
    // reassignment it submits schedules it again, iff a task is still unassigned.
    recheck_at_.reset();
    if (!metadata_ || !metadata_->any_unassigned()) return true;
    reassign_tasks(order);
    cluster_changed(now, order);
    if (metadata_->any_unassigned()) schedule_recheck(now);
    return true;
}

void PersistentTasksService::full_restart(PersistentClusterNodes nodes) {
    published_.clear();
    nodes_ = std::move(nodes);
    recheck_at_.reset();
    if (!metadata_) return;
    metadata_ = metadata_->reloaded_after_full_restart();
    publish();
}

}  // namespace taskcheck::es
