#include "server/es_state.hpp"

#include <algorithm>
#include <tuple>

#include "model/common/assert.hpp"
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
    latest_ = std::max(latest_, command_time(command));
    if (const auto* c = std::get_if<EsNodeLeave>(&command)) {
        if (!cluster_.leave(c->node, c->now)) return acknowledged(false);
        apply_membership(c->now);
        return acknowledged(true);
    }
    if (const auto* c = std::get_if<EsNodeJoin>(&command)) {
        const DiscoveryNode* node = find_node(c->node);
        TC_ASSERT(node != nullptr);
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
    full_restart(std::get<EsFullRestart>(command).now);
    return acknowledged(true);
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
        if (running->last_id() >= c.number) cluster_.restart(c.node, c.now);
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

std::vector<EsStoreResult> EsState::settle(Nanos now) {
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
    std::vector<EsStoreResult> stored;
    for (const auto& [at, id, outcome] : due)
        if (auto store = end_task(id, outcome, at)) stored.push_back(std::move(*store));
    return stored;
}

std::optional<Nanos> EsState::next_end() const {
    std::optional<Nanos> out;
    for (const auto& [id, running] : synthetic_)
        if (running.end_at && (!out || *running.end_at < *out)) out = running.end_at;
    return out;
}

}  // namespace taskcheck::server
