#include "server/es_state.hpp"

#include <algorithm>
#include <tuple>

#include "model/common/assert.hpp"
#include "model/common/input_error.hpp"
#include "model/es/task_headers.hpp"

namespace taskcheck::server {
namespace {

using Json = nlohmann::ordered_json;
using namespace taskcheck::es;

// A 22-character id in Elasticsearch's URL-safe base64 alphabet, fixed per node index so that
// ids are the same in every run and across restarts (ES persists node ids on disk).
std::string node_id(int index) {
    static constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::uint64_t x = 0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(index + 1);
    std::string id;
    while (id.size() < 22) {
        x += 0x9E3779B97F4A7C15ull;  // splitmix64
        std::uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        for (int i = 0; i < 8 && id.size() < 22; ++i, z >>= 6)
            id += kAlphabet[z & 63];
    }
    return id;
}

DiscoveryNode make_node(int index) {
    DiscoveryNode node;
    node.id = node_id(index);
    node.name = "es-" + std::to_string(index);
    // ES 8's default roles for a node without node.roles.
    node.roles = {"data",      "data_cold", "data_content", "data_frozen", "data_hot",
                  "data_warm", "ingest",    "master",       "ml",          "remote_cluster_client",
                  "transform"};
    node.transport_port = 9300 + index;
    return node;
}

Json acknowledged(bool value) {
    return Json{{"acknowledged", value}};
}

Json task_json(const PersistentTask& task) {
    Json out;
    to_json(out, task);
    return out;
}

EsError error_of(const std::string& type, const std::string& reason) {
    EsError error;
    error.type = type;
    error.reason = reason;
    return error;
}

TaskOutcome outcome_of(const EsStoreResult& command) {
    if (command.response) return TaskOutcome{command.response, std::nullopt};
    return TaskOutcome{std::nullopt, error_of(command.error_type, command.error_reason)};
}

}  // namespace

EsState::EsState(int nodes) : persistent_({kTestPersistentExecutor}) {
    TC_ASSERT_LE(1, nodes);
    for (int i = 0; i < nodes; ++i) {
        nodes_.push_back(make_node(i));
        cluster_.join(nodes_.back());
    }
    cluster_.set_master(nodes_.front().id);
    apply_membership(0);
}

const DiscoveryNode* EsState::find_node(std::string_view id_or_name) const {
    for (const DiscoveryNode& node : nodes_)
        if (node.id == id_or_name || node.name == id_or_name) return &node;
    return nullptr;
}

void EsState::apply_membership(Nanos now) {
    PersistentClusterNodes live;
    live.nodes = cluster_.membership().nodes();
    persistent_.set_nodes(std::move(live), now, {});
}

Result<Json, EsError> EsState::apply(const EsCommand& command) {
    auto applied = apply_command(command);
    if (applied.ok()) sync_executors(command_time(command));
    return applied;
}

Result<Json, EsError> EsState::apply_command(const EsCommand& command) {
    latest_ = std::max(latest_, command_time(command));
    if (const auto* c = std::get_if<EsNodeLeave>(&command)) {
        if (!cluster_.leave(c->node, c->now)) return acknowledged(false);
        apply_membership(c->now);
        return acknowledged(true);
    }
    if (const auto* c = std::get_if<EsNodeJoin>(&command)) {
        const DiscoveryNode* node = find_node(c->node);
        // Only a journal names a node the routes did not check: one written with more --nodes.
        if (node == nullptr) {
            throw InputError("journal-corrupt", InputLocation{"journal", 0, ""},
                             "node_join of node `" + c->node + "`, which this " +
                                 std::to_string(nodes_.size()) + "-node server does not have",
                             "restart with the --nodes the journal was written with, or use a "
                             "fresh --data-dir");
        }
        if (cluster_.membership().contains(node->id)) return acknowledged(false);
        cluster_.join(*node);
        apply_membership(c->now);
        return acknowledged(true);
    }
    if (const auto* c = std::get_if<EsPersistentCreate>(&command)) {
        auto task = persistent_.create({c->id, c->name, c->params}, c->now, {});
        if (!task.ok()) return Err(task.error());
        return task_json(task.value());
    }
    if (const auto* c = std::get_if<EsPersistentState>(&command)) {
        auto task = persistent_.update_state({c->id, c->allocation_id, c->state}, c->now, {});
        if (!task.ok()) return Err(task.error());
        return task_json(task.value());
    }
    if (const auto* c = std::get_if<EsPersistentComplete>(&command)) {
        CompletionRequest request{c->id, c->allocation_id, std::nullopt, c->local_abort_reason};
        if (c->failure) request.failure = error_of("exception", *c->failure);
        auto task = persistent_.complete(request, c->now, {});
        if (!task.ok()) return Err(task.error());
        return task_json(task.value());
    }
    if (const auto* c = std::get_if<EsPersistentRemove>(&command)) {
        auto task = persistent_.remove(c->id, c->now, {});
        if (!task.ok()) return Err(task.error());
        return task_json(task.value());
    }
    if (const auto* c = std::get_if<EsStoreResult>(&command)) return apply_store(*c);
    if (const auto* c = std::get_if<EsIndexCreate>(&command)) {
        auto created = indices_.create(c->index, c->shards);
        if (!created.ok()) return Err(created.error());
        return Json{{"acknowledged", true}, {"shards_acknowledged", true}, {"index", c->index}};
    }
    if (const auto* c = std::get_if<EsDocsWrite>(&command)) return apply_writes(*c);
    full_restart(std::get<EsFullRestart>(command).now);
    return acknowledged(true);
}

// An id like ES's auto-generated ones (20 URL-safe characters), from the index's next
// sequence number, so a replay generates the same.
static std::string generated_id(const std::string& index, std::int64_t seq_no) {
    std::string id = index_uuid(index + "#" + std::to_string(seq_no));
    id.resize(20);
    return id;
}

Json EsState::apply_writes(const EsDocsWrite& command) {
    Json out = Json::array();
    for (const EsDocWrite& write : command.writes) {
        const EsIndex* index = indices_.find(write.index);
        std::string id = write.id;
        if (id.empty()) id = generated_id(write.index, index ? index->next_seq_no : 0);
        EsWriteOutcome outcome;
        if (!write.source) {
            outcome = indices_.remove(write.index, id);
        } else if (write.create_only && index != nullptr && index->docs.count(id) != 0) {
            outcome = EsWriteOutcome{"conflict", index->docs.at(id).version, 0};
        } else {
            outcome = indices_.put(write.index, id, *write.source);
        }
        out.push_back(Json{{"_id", id},
                           {"result", outcome.result},
                           {"_version", outcome.version},
                           {"_seq_no", outcome.seq_no}});
    }
    return out;
}

Result<TaskId, EsError> EsState::start_by_scroll(const ByScrollRequest& request,
                                                 const HttpHeaders& headers, Nanos now) {
    latest_ = std::max(latest_, now);
    auto copied = copy_task_headers(headers);
    if (!copied.ok()) return Err(copied.error());
    const NodeId node = cluster_.membership().master().value_or(nodes_.front().id);
    return by_scroll_.start(request, node, copied.value(), cluster_, indices_, now);
}

const PersistentNodeService* EsState::executor(const NodeId& node) const {
    auto it = executors_.find(node);
    return it == executors_.end() ? nullptr : &it->second;
}

// Every live node applies the current metadata. Applying only the latest one (not each
// published step) is enough here: a node that left lost its executor with its tasks, and a
// reassignment back to the same node still shows as "new allocation id, old one gone".
void EsState::sync_executors(Nanos now) {
    for (auto it = executors_.begin(); it != executors_.end();)
        it = cluster_.manager(it->first) == nullptr ? executors_.erase(it) : std::next(it);
    const auto& metadata = persistent_.metadata();
    if (!metadata) return;
    for (const DiscoveryNode& node : cluster_.membership().nodes()) {
        PersistentNodeService& executor = executors_.try_emplace(node.id, node.id).first->second;
        TaskManager& manager = *cluster_.mutable_manager(node.id);
        const NodeApplyOutcome outcome = executor.apply(*metadata, manager, now);
        // The test executor stops as soon as it is cancelled; from PENDING_CANCEL nothing is
        // sent to the master (spec §5.3).
        for (AllocationId allocation_id : outcome.cancelled) {
            auto done = executor.mark_as_completed(allocation_id, manager);
            TC_ASSERT(done.ok());
            TC_ASSERT(!done.value().has_value());
        }
    }
}

// A user cancelled an executor task: the test executor fails with task_cancelled, which after
// the default reason counts as success (persistent_node_service.hpp mark_as_failed), and sends
// the completion; the master removes the task and answers, and the local task unregisters.
std::vector<EsCommand> EsState::complete_cancelled_executors(Nanos now) {
    std::vector<std::pair<NodeId, AllocationId>> cancelled;
    for (const auto& [node, executor] : executors_) {
        const TaskManager* manager = cluster_.manager(node);
        for (const auto& [allocation_id, local] : executor.tasks()) {
            const Task* task = local.registered ? manager->find(local.task_number) : nullptr;
            if (local.state == LocalTaskState::started && task != nullptr && task->cancelled)
                cancelled.emplace_back(node, allocation_id);
        }
    }
    std::vector<EsCommand> commands;
    for (const auto& [node, allocation_id] : cancelled) {
        TaskManager& manager = *cluster_.mutable_manager(node);
        const Task* task = manager.find(executors_.at(node).find(allocation_id)->task_number);
        auto request = executors_.at(node).mark_as_failed(
            allocation_id, task_cancelled("task cancelled [" + task->cancel_reason + "]"), manager);
        TC_ASSERT(request.ok());
        TC_ASSERT(request.value().has_value());
        const CompletionRequest& sent = *request.value();
        EsPersistentComplete command{now, *sent.task_id, sent.allocation_id, std::nullopt,
                                     std::nullopt};
        if (sent.failure) command.failure = sent.failure->reason;
        auto applied = apply(command);
        TC_ASSERT(applied.ok());
        executors_.at(node).completion_acknowledged(allocation_id, manager);
        commands.push_back(command);
    }
    return commands;
}

// Live, the task is running and simply finishes. On replay it is long gone: it is registered
// again under its old number (ids below it are consumed by placeholder tasks; a node whose ids
// are already past it restarts first, as the node that ran it had) and finished, so the
// `.tasks` document is written by the model itself.
Result<Json, EsError> EsState::apply_store(const EsStoreResult& c) {
    const TaskId id{c.node, c.number};
    const TaskManager* running = cluster_.manager(c.node);
    TC_ASSERT(running != nullptr);
    if (running->find(c.number) == nullptr) {
        if (running->last_id() >= c.number) {
            executors_.erase(c.node);  // its tasks go with the old TaskManager
            cluster_.restart(c.node, c.now);
        }
        TaskManager* manager = cluster_.mutable_manager(c.node);
        while (manager->last_id() < c.number - 1) {
            auto placeholder = manager->register_task(TaskRegistration{}, c.start_time);
            TC_ASSERT(placeholder.ok());
            manager->unregister(placeholder.value());
        }
        TaskRegistration registration;
        registration.type = c.type;
        registration.action = c.action;
        registration.description = c.description;
        registration.status = c.status;
        if (!c.parent.empty()) registration.parent = parse_task_id(c.parent).value();
        registration.cancellable = c.cancellable;
        registration.headers = c.headers;
        registration.store_result = true;
        auto started = cluster_.start_task(c.node, std::move(registration), c.start_time);
        TC_ASSERT(started.ok());
        TC_ASSERT_EQ(started.value().number, c.number);
    }
    const bool finished = cluster_.finish_task(id, outcome_of(c), c.now);
    TC_ASSERT(finished);
    return acknowledged(true);
}

void EsState::full_restart(Nanos now) {
    synthetic_.clear();
    executors_.clear();
    by_scroll_.clear();
    for (const DiscoveryNode& node : nodes_) {
        if (cluster_.membership().contains(node.id)) {
            cluster_.restart(node.id, now);
        } else {
            cluster_.join(node);
        }
    }
    cluster_.set_master(nodes_.front().id);
    PersistentClusterNodes live;
    live.nodes = cluster_.membership().nodes();
    persistent_.full_restart(std::move(live));
    persistent_.become_master(now, {});
}

Result<TaskId, EsError> EsState::start_synthetic(const SyntheticTask& task,
                                                 const HttpHeaders& headers, Nanos now) {
    latest_ = std::max(latest_, now);
    NodeId node = cluster_.membership().master().value_or("");
    if (!task.node.empty()) {
        const DiscoveryNode* found = find_node(task.node);
        node = found != nullptr ? found->id : task.node;
    }
    if (!cluster_.membership().contains(node))
        return Err(illegal_argument("node [" + node + "] is not part of the cluster"));
    TaskRegistration registration;
    registration.action = task.action;
    registration.description = task.description;
    registration.status = task.status;
    if (!task.parent.empty()) {
        auto parent = parse_task_id(task.parent);
        if (!parent.ok()) return Err(parent.error());
        registration.parent = parent.value();
    }
    registration.cancellable = task.cancellable;
    auto copied = copy_task_headers(headers);
    if (!copied.ok()) return Err(copied.error());
    registration.headers = copied.value();
    registration.store_result = task.store_result;
    auto id = cluster_.start_task(node, std::move(registration), now);
    if (!id.ok()) return Err(id.error());
    std::optional<Nanos> end_at;
    if (task.duration) end_at = now + *task.duration;
    synthetic_[id.value()] = Running{task, end_at};
    return id.value();
}

std::optional<EsStoreResult> EsState::end_task(const TaskId& id, const TaskOutcome& outcome,
                                               Nanos now) {
    const Task* task = cluster_.manager(id.node)->find(id.number);
    TC_ASSERT(task != nullptr);
    synthetic_.erase(id);
    if (!task->store_result) {
        const bool finished = cluster_.finish_task(id, outcome, now);
        TC_ASSERT(finished);
        return std::nullopt;
    }
    EsStoreResult store{now,
                        id.node,
                        id.number,
                        task->type,
                        task->action,
                        task->description,
                        task->status,
                        task->start_time,
                        task->cancellable,
                        task->parent.is_set() ? task->parent.to_string() : "",
                        task->headers,
                        outcome.response,
                        "",
                        ""};
    if (outcome.error) {
        store.error_type = outcome.error->type;
        store.error_reason = outcome.error->reason;
    }
    apply_store(store);
    return store;
}

Result<std::optional<EsStoreResult>, EsError> EsState::finish_synthetic(
    const TaskId& id, std::optional<TaskOutcome> outcome, Nanos now) {
    latest_ = std::max(latest_, now);
    auto found = synthetic_.find(id);
    const TaskManager* manager = cluster_.manager(id.node);
    if (found == synthetic_.end() || manager == nullptr || manager->find(id.number) == nullptr)
        return Err(resource_not_found("synthetic task [" + id.to_string() + "] is not running"));
    if (!outcome) outcome = TaskOutcome{found->second.spec.response, std::nullopt};
    return end_task(id, *outcome, now);
}

std::vector<EsCommand> EsState::settle(Nanos now) {
    latest_ = std::max(latest_, now);
    std::vector<std::tuple<Nanos, TaskId, TaskOutcome>> due;
    for (auto it = synthetic_.begin(); it != synthetic_.end();) {
        const TaskManager* manager = cluster_.manager(it->first.node);
        const Task* task = manager == nullptr ? nullptr : manager->find(it->first.number);
        if (task == nullptr) {
            it = synthetic_.erase(it);
            continue;
        }
        if (task->cancelled) {
            due.emplace_back(now, it->first,
                             TaskOutcome{std::nullopt, task_cancelled("task cancelled [" +
                                                                      task->cancel_reason + "]")});
        } else if (it->second.end_at && *it->second.end_at <= now) {
            due.emplace_back(*it->second.end_at, it->first,
                             TaskOutcome{it->second.spec.response, std::nullopt});
        }
        ++it;
    }
    std::sort(due.begin(), due.end(), [](const auto& a, const auto& b) {
        return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
    });
    std::vector<EsCommand> commands;
    for (const auto& [at, id, outcome] : due)
        if (auto store = end_task(id, outcome, at)) commands.push_back(std::move(*store));
    for (EsCommand& command : by_scroll_.settle(cluster_, indices_, now)) {
        if (const auto* store = std::get_if<EsStoreResult>(&command)) apply_store(*store);
        commands.push_back(std::move(command));
    }
    for (EsCommand& command : complete_cancelled_executors(now))
        commands.push_back(std::move(command));
    return commands;
}

std::optional<Nanos> EsState::next_end() const {
    std::optional<Nanos> out = by_scroll_.next_event();
    for (const auto& [id, running] : synthetic_)
        if (running.end_at && (!out || *running.end_at < *out)) out = running.end_at;
    return out;
}

}  // namespace taskcheck::server
