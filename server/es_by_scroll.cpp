#include "server/es_by_scroll.hpp"

#include <algorithm>
#include <cmath>

#include "model/common/assert.hpp"

namespace taskcheck::server {
namespace {

using Json = nlohmann::ordered_json;
using namespace taskcheck::es;

std::uint64_t fnv1a(const std::string& text) {
    std::uint64_t x = 1469598103934665603ull;
    for (unsigned char c : text)
        x = (x ^ c) * 1099511628211ull;
    return x;
}

// requests_per_second as ES renders it: a float, -1 for unlimited.
double rendered_rps(double rps) {
    return std::isinf(rps) ? -1.0 : rps;
}

std::int64_t millis(Nanos nanos) {
    return nanos / kNanosPerMilli;
}

}  // namespace

std::string by_scroll_action(ByScrollKind kind) {
    switch (kind) {
        case ByScrollKind::reindex:
            return "indices:data/write/reindex";
        case ByScrollKind::update_by_query:
            return "indices:data/write/update/byquery";
        case ByScrollKind::delete_by_query:
            return "indices:data/write/delete/byquery";
    }
    TC_ASSERT(false);
    return "";
}

// ReindexRequest / UpdateByQueryRequest / DeleteByQueryRequest.getDescription (no script).
std::string by_scroll_description(const ByScrollRequest& request) {
    switch (request.kind) {
        case ByScrollKind::reindex:
            return "reindex from [" + request.source + "] to [" + request.dest + "]";
        case ByScrollKind::update_by_query:
            return "update-by-query [" + request.source + "]";
        case ByScrollKind::delete_by_query:
            return "delete-by-query [" + request.source + "]";
    }
    TC_ASSERT(false);
    return "";
}

Json by_scroll_response(const Json& status, Nanos took) {
    Json out = {{"took", millis(took)}, {"timed_out", false}};
    for (const auto& [key, value] : status.items())
        out[key] = value;
    out["failures"] = Json::array();
    return out;
}

Json by_scroll_rest_view(ByScrollKind kind, Json response) {
    if (kind != ByScrollKind::reindex) response.erase("created");
    if (kind == ByScrollKind::delete_by_query) response.erase("updated");
    return response;
}

Result<TaskId, EsError> EsByScroll::start(const ByScrollRequest& request, const NodeId& node,
                                          const TaskHeaders& headers, TaskCluster& cluster,
                                          const EsIndexStore& store, Nanos now) {
    TC_ASSERT_LE(1, request.slices);
    const EsIndex* source = store.find(request.source);
    if (source == nullptr) return Err(index_not_found(request.source));
    TaskRegistration top;
    top.action = by_scroll_action(request.kind);
    top.description = by_scroll_description(request);
    top.cancellable = true;
    top.headers = headers;
    top.store_result = request.store_result;
    const bool sliced = request.slices > 1;
    Worker worker{request, std::nullopt, TaskId{}, {}, 0, {}, request.requests_per_second,
                  now,     now,          now};
    top.status = worker_status(worker, now, std::nullopt);
    auto id = cluster.start_task(node, top, now);
    if (!id.ok()) return Err(id.error());
    std::vector<Worker> slices(request.slices, worker);
    for (const auto& [doc_id, doc] : source->docs) {
        if (!request.query.matches(doc.source)) continue;
        const std::size_t slice = sliced ? fnv1a(doc_id) % request.slices : 0;
        slices[slice].docs.emplace_back(doc_id, doc.source);
    }
    for (Worker& one : slices) {
        std::int64_t limit = request.max_docs.value_or(-1);
        if (limit >= 0 && sliced) limit /= request.slices;
        if (limit >= 0 && one.docs.size() > static_cast<std::size_t>(limit)) one.docs.resize(limit);
        one.counters.total = static_cast<std::int64_t>(one.docs.size());
        one.rps = request.requests_per_second / request.slices;
        schedule_batch(one, now);
    }
    if (!sliced) {
        workers_.emplace(id.value(), std::move(slices.front()));
        return id.value();
    }
    Leader leader{request, {}, std::vector<std::optional<Json>>(request.slices), now, {}};
    const auto& members = cluster.membership().nodes();
    std::size_t at = 0;
    while (members[at].id != node)
        ++at;
    for (int i = 0; i < request.slices; ++i) {
        const NodeId& child_node = members[(at + i) % members.size()].id;
        TaskRegistration child = top;
        child.type = child_node == node ? TaskType::direct : TaskType::transport;
        child.parent = id.value();
        child.store_result = false;
        slices[i].slice_id = i;
        slices[i].leader = id.value();
        child.status = worker_status(slices[i], now, std::nullopt);
        auto child_id = cluster.start_task(child_node, child, now);
        TC_ASSERT(child_id.ok());  // the parent was just registered, so it is not banned
        leader.slices.push_back(child_id.value());
        workers_.emplace(child_id.value(), std::move(slices[i]));
    }
    leaders_.emplace(id.value(), std::move(leader));
    cluster.set_status(id.value(), leader_status(leaders_.at(id.value())));
    return id.value();
}

void EsByScroll::schedule_batch(Worker& worker, Nanos start) const {
    const std::size_t left = worker.docs.size() - worker.next;
    const std::size_t n = std::min<std::size_t>(left, worker.request.batch_size);
    worker.batch_start = start;
    worker.batch_end = start + static_cast<Nanos>(n) * doc_nanos_;
}

EsDocsWrite EsByScroll::run_batch(Worker& worker, EsIndexStore& store) {
    const std::size_t n =
        std::min<std::size_t>(worker.docs.size() - worker.next, worker.request.batch_size);
    EsDocsWrite writes{worker.batch_end, {}};
    const ByScrollRequest& request = worker.request;
    for (std::size_t i = worker.next; i < worker.next + n; ++i) {
        const auto& [id, source] = worker.docs[i];
        if (request.kind == ByScrollKind::reindex) {
            const EsWriteOutcome outcome = store.put(request.dest, id, source);
            ++(outcome.result == "created" ? worker.counters.created : worker.counters.updated);
            writes.writes.push_back(EsDocWrite{request.dest, id, source});
            continue;
        }
        // A document deleted since the snapshot is a version conflict; we go on as with
        // conflicts=proceed (ES's default, abort, would fail the task).
        const EsIndex* index = store.find(request.source);
        if (index == nullptr || index->docs.count(id) == 0) {
            ++worker.counters.version_conflicts;
            continue;
        }
        if (request.kind == ByScrollKind::update_by_query) {
            Json current = index->docs.at(id).source;
            store.put(request.source, id, current);
            ++worker.counters.updated;
            writes.writes.push_back(EsDocWrite{request.source, id, std::move(current)});
        } else {
            store.remove(request.source, id);
            ++worker.counters.deleted;
            writes.writes.push_back(EsDocWrite{request.source, id, std::nullopt});
        }
    }
    ++worker.counters.batches;
    worker.next += n;
    return writes;
}

Json EsByScroll::worker_status(const Worker& worker, Nanos now,
                               const std::optional<std::string>& canceled) const {
    const Counters& c = worker.counters;
    Json out = Json::object();
    if (worker.slice_id) out["slice_id"] = *worker.slice_id;
    out["total"] = c.total;
    out["updated"] = c.updated;
    out["created"] = c.created;
    out["deleted"] = c.deleted;
    out["batches"] = c.batches;
    out["version_conflicts"] = c.version_conflicts;
    out["noops"] = 0;
    out["retries"] = {{"bulk", 0}, {"search", 0}};
    out["throttled_millis"] = millis(c.throttled);
    out["requests_per_second"] = rendered_rps(worker.rps);
    if (canceled) out["canceled"] = *canceled;
    out["throttled_until_millis"] = millis(std::max<Nanos>(0, worker.batch_start - now));
    return out;
}

// Status(List<StatusOrException>, reasonCancelled): sums of the finished slices.
Json EsByScroll::leader_status(const Leader& leader) const {
    Counters sum;
    double rps = 0;
    Json slices = Json::array();
    for (const std::optional<Json>& slice : leader.finished) {
        slices.push_back(slice ? *slice : Json());
        if (!slice) continue;
        sum.total += (*slice)["total"].get<std::int64_t>();
        sum.updated += (*slice)["updated"].get<std::int64_t>();
        sum.created += (*slice)["created"].get<std::int64_t>();
        sum.deleted += (*slice)["deleted"].get<std::int64_t>();
        sum.batches += (*slice)["batches"].get<std::int64_t>();
        sum.version_conflicts += (*slice)["version_conflicts"].get<std::int64_t>();
        sum.throttled += (*slice)["throttled_millis"].get<std::int64_t>() * kNanosPerMilli;
        const double one = (*slice)["requests_per_second"].get<double>();
        rps += one < 0 ? kUnthrottled : one;
    }
    Worker totals;
    totals.counters = sum;
    totals.rps = rps;
    Json out = worker_status(totals, 0, leader.canceled);
    out["slices"] = std::move(slices);
    return out;
}

std::optional<EsStoreResult> EsByScroll::finish_top(const TaskId& id, Json response, Nanos at,
                                                    TaskCluster& cluster) {
    const Task* task = cluster.manager(id.node)->find(id.number);
    TC_ASSERT(task != nullptr);
    responses_[id] = response;
    if (!task->store_result) {
        const bool finished = cluster.finish_task(id, TaskOutcome{response, std::nullopt}, at);
        TC_ASSERT(finished);
        return std::nullopt;
    }
    return EsStoreResult{at,
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
                         std::move(response),
                         "",
                         ""};
}

std::optional<EsStoreResult> EsByScroll::finish_worker(TaskId id, Nanos at,
                                                       const std::optional<std::string>& canceled,
                                                       TaskCluster& cluster) {
    Worker worker = std::move(workers_.at(id));
    workers_.erase(id);
    worker.batch_start = std::min(worker.batch_start, at);
    const Json status = worker_status(worker, at, canceled);
    if (!worker.leader.is_set()) {
        cluster.set_status(id, status);
        return finish_top(id, by_scroll_response(status, at - worker.start_time), at, cluster);
    }
    const bool finished = cluster.finish_task(id, TaskOutcome{Json(status), std::nullopt}, at);
    TC_ASSERT(finished);
    auto found = leaders_.find(worker.leader);
    if (found == leaders_.end()) return std::nullopt;  // the leader's node left
    Leader& leader = found->second;
    leader.finished[*worker.slice_id] = status;
    for (const std::optional<Json>& slice : leader.finished)
        if (!slice) return std::nullopt;
    const Task* task = cluster.manager(worker.leader.node)->find(worker.leader.number);
    TC_ASSERT(task != nullptr);
    if (task->cancelled) leader.canceled = task->cancel_reason;
    const Json total = leader_status(leader);
    const TaskId leader_id = worker.leader;
    const Nanos took = at - leader.start_time;
    leaders_.erase(found);
    cluster.set_status(leader_id, total);
    return finish_top(leader_id, by_scroll_response(total, took), at, cluster);
}

std::vector<EsCommand> EsByScroll::settle(TaskCluster& cluster, EsIndexStore& store, Nanos now) {
    std::vector<EsCommand> out;
    auto finish = [&](const TaskId& id, Nanos at, const std::optional<std::string>& canceled) {
        if (auto stored = finish_worker(id, at, canceled, cluster)) out.push_back(*stored);
    };
    forget_lost(cluster);
    std::vector<std::pair<TaskId, std::string>> cancelled;
    for (const auto& [id, worker] : workers_) {
        const Task* task = cluster.manager(id.node)->find(id.number);
        if (task->cancelled) cancelled.emplace_back(id, task->cancel_reason);
    }
    for (const auto& [id, reason] : cancelled)
        finish(id, now, reason);
    for (;;) {
        auto due = workers_.end();
        for (auto it = workers_.begin(); it != workers_.end(); ++it)
            if (it->second.batch_end <= now &&
                (due == workers_.end() || it->second.batch_end < due->second.batch_end))
                due = it;
        if (due == workers_.end()) break;
        Worker& worker = due->second;
        const Nanos end = worker.batch_end;
        const Nanos ran = static_cast<Nanos>(
            std::min<std::size_t>(worker.docs.size() - worker.next, worker.request.batch_size));
        if (ran > 0) out.push_back(run_batch(worker, store));
        if (worker.next == worker.docs.size()) {
            finish(due->first, end, std::nullopt);
            continue;
        }
        const Nanos spent = end - worker.batch_start;
        Nanos delay = 0;
        if (!std::isinf(worker.rps))
            delay = std::max<Nanos>(
                0, static_cast<Nanos>(static_cast<double>(ran) * 1e9 / worker.rps) - spent);
        worker.counters.throttled += delay;
        schedule_batch(worker, end + delay);
    }
    for (const auto& [id, worker] : workers_)
        cluster.set_status(id, worker_status(worker, now, std::nullopt));
    for (const auto& [id, leader] : leaders_)
        cluster.set_status(id, leader_status(leader));
    return out;
}

void EsByScroll::forget_lost(const TaskCluster& cluster) {
    auto lost = [&cluster](const TaskId& id) {
        const TaskManager* manager = cluster.manager(id.node);
        return manager == nullptr || manager->find(id.number) == nullptr;
    };
    for (auto it = leaders_.begin(); it != leaders_.end();)
        it = lost(it->first) ? leaders_.erase(it) : std::next(it);
    for (auto it = workers_.begin(); it != workers_.end();) {
        if (!lost(it->first)) {
            ++it;
            continue;
        }
        // A slice lost with its node counts as finished where it stopped (ES would record
        // the node's failure for that slice).
        auto leader = leaders_.find(it->second.leader);
        if (leader != leaders_.end())
            leader->second.finished[*it->second.slice_id] =
                worker_status(it->second, it->second.batch_start, std::nullopt);
        it = workers_.erase(it);
    }
}

std::optional<Nanos> EsByScroll::next_event() const {
    std::optional<Nanos> out;
    for (const auto& [id, worker] : workers_)
        if (!out || worker.batch_end < *out) out = worker.batch_end;
    return out;
}

std::optional<Json> EsByScroll::take_response(const TaskId& id) {
    auto it = responses_.find(id);
    if (it == responses_.end()) return std::nullopt;
    Json out = std::move(it->second);
    responses_.erase(it);
    return out;
}

bool EsByScroll::knows(const TaskId& id) const {
    return workers_.count(id) != 0 || leaders_.count(id) != 0 || responses_.count(id) != 0;
}

Result<TaskId, EsError> EsByScroll::rethrottle(const TaskId& id, double rps, TaskCluster& cluster,
                                               Nanos now) {
    TC_ASSERT(rps > 0);
    std::vector<TaskId> targets;
    if (leaders_.count(id) != 0) {
        for (const auto& [child, worker] : workers_)
            if (worker.leader == id) targets.push_back(child);
    } else if (workers_.count(id) != 0) {
        targets.push_back(id);
    } else {
        return Err(resource_not_found("task [" + id.to_string() + "] is missing"));
    }
    // A leader splits the new rate over its running slices (LeaderBulkByScrollTaskState).
    const double each = rps / static_cast<double>(std::max<std::size_t>(targets.size(), 1));
    for (const TaskId& target : targets) {
        Worker& worker = workers_.at(target);
        // Faster: a pending wait shrinks to remaining * old / new; slower: next batch on.
        if (now < worker.batch_start && each > worker.rps) {
            const Nanos remaining = worker.batch_start - now;
            const Nanos shorter =
                std::isinf(each)
                    ? 0
                    : static_cast<Nanos>(static_cast<double>(remaining) * (worker.rps / each));
            const Nanos shift = remaining - shorter;
            worker.batch_start -= shift;
            worker.batch_end -= shift;
        }
        worker.rps = each;
        cluster.set_status(target, worker_status(worker, now, std::nullopt));
    }
    if (leaders_.count(id) != 0) cluster.set_status(id, leader_status(leaders_.at(id)));
    return id;
}

}  // namespace taskcheck::server
