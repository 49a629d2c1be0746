#include "model/meili/task_queue.hpp"

#include <algorithm>
#include <limits>

#include "model/common/assert.hpp"
#include "model/meili/meili_errors.hpp"
#include "model/meili/task_filter.hpp"
#include "model/meili/task_view.hpp"

namespace taskcheck::meili {
namespace {

using Json = nlohmann::ordered_json;

std::shared_ptr<const std::string> shared_text(const std::optional<std::string>& text) {
    return text ? std::make_shared<const std::string>(*text) : nullptr;
}

// The task a request registers, its payload, and the index uids it is linked to.
struct Registration {
    Task task;
    Payload payload;
    std::vector<std::string> indexes;
};

struct RequestToTask {
    Registration operator()(const AddDocuments& r) const {
        Registration out{task(Kind::document_addition_or_update, r.index_uid), {}, {r.index_uid}};
        out.task.details = DocumentAdditionDetails{r.documents.size(), std::nullopt};
        out.payload.documents = r.documents;
        out.payload.primary_key = r.primary_key;
        out.payload.method = r.method;
        out.payload.allow_index_creation = r.allow_index_creation;
        return out;
    }
    Registration operator()(const DeleteDocuments& r) const {
        Registration out{task(Kind::document_deletion, r.index_uid), {}, {r.index_uid}};
        out.task.details = DocumentDeletionDetails{r.document_ids.size(), std::nullopt};
        out.payload.document_ids = r.document_ids;
        return out;
    }
    Registration operator()(const ClearDocuments& r) const {
        Registration out{task(Kind::document_deletion, r.index_uid), {}, {r.index_uid}};
        out.task.details = ClearAllDetails{};
        return out;
    }
    Registration operator()(const UpdateSettings& r) const {
        Registration out{task(Kind::settings_update, r.index_uid), {}, {r.index_uid}};
        out.task.details = SettingsDetails{std::make_shared<const Json>(r.settings)};
        out.payload.allow_index_creation = r.allow_index_creation;
        return out;
    }
    Registration operator()(const CreateIndex& r) const {
        Registration out{task(Kind::index_creation, r.index_uid), {}, {r.index_uid}};
        out.task.details = IndexInfoDetails{shared_text(r.primary_key)};
        return out;
    }
    Registration operator()(const UpdateIndex& r) const {
        Registration out{task(Kind::index_update, r.index_uid), {}, {r.index_uid}};
        out.task.details = IndexInfoDetails{shared_text(r.primary_key)};
        return out;
    }
    Registration operator()(const DeleteIndex& r) const {
        Registration out{task(Kind::index_deletion, r.index_uid), {}, {r.index_uid}};
        out.task.details = ClearAllDetails{};
        return out;
    }
    Registration operator()(const SwapIndexes& r) const {
        Registration out{task(Kind::index_swap, ""), {}, {}};
        out.task.details = IndexSwapDetails{
            std::make_shared<std::vector<std::pair<std::string, std::string>>>(r.swaps)};
        for (const auto& [lhs, rhs] : r.swaps) {
            out.indexes.push_back(lhs);
            out.indexes.push_back(rhs);
        }
        return out;
    }
    Registration operator()(const CreateDump&) const {
        Registration out{task(Kind::dump_creation, ""), {}, {}};
        out.task.details = DumpDetails{};
        return out;
    }
    Registration operator()(const CreateSnapshot&) const {
        return Registration{task(Kind::snapshot_creation, ""), {}, {}};
    }
    static Task task(Kind kind, const std::string&) {
        Task t;
        t.kind = kind;
        return t;
    }
};

AutobatchTask::Tag autobatch_tag(const Task& task) {
    using Tag = AutobatchTask::Tag;
    switch (task.kind) {
        case Kind::document_addition_or_update:
            return Tag::document_import;
        case Kind::document_deletion:
            return std::holds_alternative<ClearAllDetails>(task.details) ? Tag::document_clear
                                                                         : Tag::document_deletion;
        case Kind::settings_update:
            return Tag::settings;
        case Kind::index_creation:
            return Tag::index_creation;
        case Kind::index_deletion:
            return Tag::index_deletion;
        case Kind::index_update:
            return Tag::index_update;
        case Kind::index_swap:
            return Tag::index_swap;
        default:
            TC_ASSERT(false);
    }
    return Tag::index_swap;
}

// The first (ascending) or last (descending) uid in both sets.
std::optional<TaskUid> first_common(const UidSet& a, const UidSet& b) {
    const UidSet& walk = a.size() <= b.size() ? a : b;
    const UidSet& test = a.size() <= b.size() ? b : a;
    std::optional<TaskUid> found;
    walk.for_each_ascending(0, [&](TaskUid uid) {
        if (test.contains(uid)) found = uid;
        return !found;
    });
    return found;
}

std::optional<TaskUid> last_common(const UidSet& a, const UidSet& b) {
    const UidSet& walk = a.size() <= b.size() ? a : b;
    const UidSet& test = a.size() <= b.size() ? b : a;
    std::optional<TaskUid> found;
    walk.for_each_descending(kNoTask, [&](TaskUid uid) {
        if (test.contains(uid)) found = uid;
        return !found;
    });
    return found;
}

}  // namespace

Json to_json(const TaskPage& page) {
    Json out;
    out["results"] = Json::array();
    for (const Json& view : page.results)
        out["results"].push_back(view);
    out["limit"] = page.limit;
    out["from"] = page.from ? Json(*page.from) : Json(nullptr);
    out["next"] = page.next ? Json(*page.next) : Json(nullptr);
    return out;
}

// ---- registration ------------------------------------------------------------------------------

TaskUid TaskQueue::register_task(Task task, std::vector<IndexId> links, Payload payload) {
    task.uid = store_.next_uid();
    const TaskUid uid = task.uid;
    store_.insert(std::move(task), links);
    payloads_.emplace(uid, std::move(payload));
    return uid;
}

TaskUid TaskQueue::enqueue(const TaskRequest& request, Nanos now) {
    Registration reg = std::visit(RequestToTask{}, request);
    reg.task.enqueued_at = now;
    std::vector<IndexId> links;
    for (const std::string& name : reg.indexes)
        links.push_back(store_.intern(name));
    if (!is_global_kind(reg.task.kind)) reg.task.index = links.front();
    const bool keeps_payload = reg.task.kind == Kind::document_addition_or_update ||
                               reg.task.kind == Kind::document_deletion ||
                               reg.task.kind == Kind::settings_update;
    if (!keeps_payload) return register_task(std::move(reg.task), links, Payload{});
    return register_task(std::move(reg.task), links, std::move(reg.payload));
}

TaskUid TaskQueue::register_filter_task(Kind kind, const TaskQuery& query, Nanos now) {
    TC_ASSERT(query.has_filter);
    const TaskUid own_uid = store_.next_uid();
    std::vector<TaskUid> matched = matching_tasks(query);
    // filter_out_references_to_newer_tasks: never the task itself or a later one (§0.12).
    std::erase_if(matched, [&](TaskUid uid) { return uid >= own_uid; });
    std::reverse(matched.begin(), matched.end());
    Task task;
    task.kind = kind;
    task.enqueued_at = now;
    auto filter = std::make_shared<const std::string>(query.original_filter);
    if (kind == Kind::task_cancelation) {
        task.details = TaskCancelationDetails{matched.size(), std::nullopt, filter};
        const bool hits_processing = std::any_of(
            matched.begin(), matched.end(), [&](TaskUid uid) { return processing_.contains(uid); });
        if (hits_processing) must_stop_processing_ = true;
    } else {
        task.details = TaskDeletionDetails{matched.size(), std::nullopt, filter};
    }
    Payload payload;
    payload.matched = std::move(matched);
    return register_task(std::move(task), {}, std::move(payload));
}

TaskUid TaskQueue::cancel_tasks(const TaskQuery& query, Nanos now) {
    return register_filter_task(Kind::task_cancelation, query, now);
}

TaskUid TaskQueue::delete_tasks(const TaskQuery& query, Nanos now) {
    return register_filter_task(Kind::task_deletion, query, now);
}

// ---- reads -------------------------------------------------------------------------------------

std::vector<TaskUid> TaskQueue::matching_tasks(const TaskQuery& query) const {
    return find_tasks(store_, query, processing_, std::nullopt,
                      std::numeric_limits<std::uint64_t>::max());
}

std::optional<ProcessingOverlay> TaskQueue::overlay(TaskUid uid) const {
    if (!processing_.contains(uid)) return std::nullopt;
    return ProcessingOverlay{processing_.started_at};
}

TaskUidPage TaskQueue::list_task_uids(const TaskQuery& query) const {
    // R get_tasks asks for limit+1 (saturating) and reports limit+1-1 (§0.3).
    const std::uint32_t asked =
        query.limit == std::numeric_limits<std::uint32_t>::max() ? query.limit : query.limit + 1;
    TaskUidPage page;
    page.uids = find_tasks(store_, query, processing_, query.from, asked);
    page.limit = asked - 1;
    if (page.uids.size() == asked) {
        page.next = page.uids.back();
        page.uids.pop_back();
    }
    if (!page.uids.empty()) page.from = page.uids.front();
    return page;
}

TaskPage TaskQueue::list_tasks(const TaskQuery& query) const {
    TaskUidPage uids = list_task_uids(query);
    TaskPage page;
    page.limit = uids.limit;
    page.from = uids.from;
    page.next = uids.next;
    page.results.reserve(uids.uids.size());
    for (TaskUid uid : uids.uids) {
        const Task* task = store_.find(uid);
        TC_ASSERT(task != nullptr);
        const std::string* index =
            task->index == kNoIndex ? nullptr : &store_.index_name(task->index);
        page.results.push_back(full_view(*task, index, overlay(uid)));
    }
    return page;
}

Result<Json, ApiError> TaskQueue::get_task(TaskUid uid) const {
    const Task* task = store_.find(uid);
    if (task == nullptr) return Err(task_not_found(uid));
    const std::string* index = task->index == kNoIndex ? nullptr : &store_.index_name(task->index);
    return full_view(*task, index, overlay(uid));
}

const std::vector<TaskUid>* TaskQueue::captured(TaskUid uid) const {
    const Task* task = store_.find(uid);
    if (task == nullptr ||
        (task->kind != Kind::task_cancelation && task->kind != Kind::task_deletion))
        return nullptr;
    const auto it = payloads_.find(uid);
    return it == payloads_.end() ? nullptr : &it->second.matched;
}

Json TaskQueue::summarized(TaskUid uid) const {
    const Task* task = store_.find(uid);
    TC_ASSERT(task != nullptr);
    const std::string* index = task->index == kNoIndex ? nullptr : &store_.index_name(task->index);
    return summarized_view(*task, index);
}

// ---- processing --------------------------------------------------------------------------------

std::optional<TaskQueue::CurrentBatch> TaskQueue::select_batch() const {
    const UidSet& enqueued = store_.with_status(Status::enqueued);
    if (enqueued.empty()) return std::nullopt;
    if (auto uid = last_common(store_.with_kind(Kind::task_cancelation), enqueued))
        return CurrentBatch{BatchType::cancelation, Autobatch{{}, {*uid}, false}, "", processing_};
    if (auto uid = first_common(store_.with_kind(Kind::task_deletion), enqueued))
        return CurrentBatch{BatchType::deletion, Autobatch{{}, {*uid}, false}, "", {}};
    if (first_common(store_.with_kind(Kind::snapshot_creation), enqueued)) {
        CurrentBatch batch{BatchType::snapshots, {}, "", {}};
        store_.with_kind(Kind::snapshot_creation).for_each_ascending(0, [&](TaskUid uid) {
            if (enqueued.contains(uid)) batch.autobatch.uids.push_back(uid);
            return true;
        });
        return batch;
    }
    if (auto uid = first_common(store_.with_kind(Kind::dump_creation), enqueued))
        return CurrentBatch{BatchType::dump, Autobatch{{}, {*uid}, false}, "", {}};
    TaskUid oldest = 0;
    enqueued.for_each_ascending(0, [&](TaskUid uid) {
        oldest = uid;
        return false;
    });
    return select_index_batch(oldest);
}

std::optional<TaskQueue::CurrentBatch> TaskQueue::select_index_batch(TaskUid oldest) const {
    const Task& first = *store_.find(oldest);
    std::string index_uid;
    if (first.kind == Kind::index_swap) {
        const auto& swaps = *std::get<IndexSwapDetails>(first.details).swaps;
        // A swap of nothing has no index to pick: it runs alone (B create_next_batch).
        if (swaps.empty()) {
            // Built field by field: the nested brace-init form trips GCC 12's -Wmaybe-uninitialized
            // at -O3 (a false positive that broke the benchmark build).
            CurrentBatch alone;
            alone.autobatch.kind = BatchKind::index_swap;
            alone.autobatch.uids.push_back(oldest);
            return alone;
        }
        index_uid = swaps.front().first;
    } else {
        index_uid = store_.index_name(first.index);
    }
    const IndexState* index = indexes_.find(index_uid);
    AutobatchBuilder builder(index != nullptr, index ? index->primary_key : std::nullopt);
    const UidSet& enqueued = store_.with_status(Status::enqueued);
    // Every enqueued task has a uid >= the oldest enqueued one, so the walk starts there; from 0 it
    // would rescan the index's finished history on every batch (quadratic journal replay).
    store_.of_index(*store_.find_index(index_uid)).for_each_ascending(oldest, [&](TaskUid uid) {
        if (!enqueued.contains(uid)) return true;
        const Task& task = *store_.find(uid);
        AutobatchTask offer{uid, autobatch_tag(task), DocumentMethod::replace, true, std::nullopt};
        if (auto it = payloads_.find(uid); it != payloads_.end()) {
            offer.method = it->second.method;
            offer.allow_index_creation = it->second.allow_index_creation;
            offer.primary_key = it->second.primary_key;
        }
        return builder.offer(offer);
    });
    Autobatch batch = builder.result();
    TC_ASSERT_EQ(batch.uids.front(), oldest);
    return CurrentBatch{BatchType::index, std::move(batch), index_uid, {}};
}

std::vector<TaskUid> TaskQueue::start_next_batch(Nanos now) {
    TC_ASSERT(!batch_in_progress());
    std::optional<CurrentBatch> batch = select_batch();
    if (!batch) return {};
    // The batch replaces the overlay (an aborted batch's tasks become plain enqueued again) and
    // clears the stop flag (S tick: must_stop_processing.reset()).
    processing_ = ProcessingSet{batch->autobatch.uids, now};
    must_stop_processing_ = false;
    current_ = std::move(batch);
    return processing_.uids;
}

bool TaskQueue::abortable(const CurrentBatch& batch) const {
    if (batch.type != BatchType::index) return false;
    // Only milli's document and settings indexing checks must_stop_processing (§0.11).
    switch (batch.autobatch.kind) {
        case BatchKind::document_operation:
        case BatchKind::settings:
        case BatchKind::settings_and_document_operation:
        case BatchKind::clear_and_settings:
            return true;
        default:
            return false;
    }
}

BatchEnd TaskQueue::finish_batch(Nanos now) {
    TC_ASSERT(batch_in_progress());
    TC_ASSERT_LE(processing_.started_at, now);
    if (must_stop_processing_ && abortable(*current_)) {
        // AbortedIndexation: nothing is written and the overlay stays for the cancelation that
        // runs next, which gives the canceled tasks this batch's startedAt (S tick).
        current_.reset();
        return BatchEnd::aborted;
    }
    const BatchEnd end = run_current(now);
    current_.reset();
    processing_ = ProcessingSet{};
    return end;
}

BatchEnd TaskQueue::fail_batch(const ApiError& error, Nanos now) {
    TC_ASSERT(batch_in_progress());
    TC_ASSERT_LE(processing_.started_at, now);
    fail_all(error, now);
    current_.reset();
    processing_ = ProcessingSet{};
    must_stop_processing_ = false;
    return BatchEnd::failed;
}

void TaskQueue::restart() {
    current_.reset();
    processing_ = ProcessingSet{};
    must_stop_processing_ = false;
}

}  // namespace taskcheck::meili
