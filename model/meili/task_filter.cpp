#include "model/meili/task_filter.hpp"

#include <algorithm>
#include <functional>

#include "model/common/assert.hpp"

namespace taskcheck::meili {
namespace {

using SetList = std::vector<const UidSet*>;

bool any_contains(const SetList& sets, TaskUid uid) {
    return std::any_of(sets.begin(), sets.end(),
                       [&](const UidSet* set) { return set->contains(uid); });
}

bool within(const DateBounds& bounds, Nanos instant) {
    if (!bounds.after && !bounds.before) return true;
    if (instant == kNoTime) return false;
    if (bounds.after && !(instant > *bounds.after)) return false;
    if (bounds.before && !(instant < *bounds.before)) return false;
    return true;
}

// The filters of one query, resolved to index sets once.
struct Filter {
    const TaskStore& store;
    const TaskQuery& query;
    const ProcessingSet& processing;
    std::vector<TaskUid> uids;  // sorted ascending, when query.uids is engaged
    SetList statuses, kinds, indexes, canceled;
    bool statuses_include_processing = false;
    bool hide_globals = false;
    bool matches_nothing = false;

    bool matches(TaskUid uid) const {
        if (query.uids && !std::binary_search(uids.begin(), uids.end(), uid)) return false;
        const bool in_overlay = processing.contains(uid);
        if (query.statuses) {
            if (in_overlay && !statuses_include_processing) return false;
            if (!in_overlay && !any_contains(statuses, uid)) return false;
        }
        if (query.types && !any_contains(kinds, uid)) return false;
        if (query.index_uids && !any_contains(indexes, uid)) return false;
        if (query.canceled_by && !any_contains(canceled, uid)) return false;
        const Task* task = store.find(uid);
        if (task == nullptr) return false;  // a `uids` value naming no task
        if (hide_globals && is_global_kind(task->kind)) return false;
        if (!within(query.enqueued_at, task->enqueued_at)) return false;
        const Nanos started_at = in_overlay ? processing.started_at : task->started_at;
        if (!within(query.started_at, started_at)) return false;
        return within(query.finished_at, task->finished_at);
    }
};

Filter resolve(const TaskStore& store, const TaskQuery& query, const ProcessingSet& processing) {
    Filter f{store, query, processing, {}, {}, {}, {}, {}, false, false, false};
    if (query.uids) {
        f.uids = *query.uids;
        std::sort(f.uids.begin(), f.uids.end());
        f.matches_nothing |= f.uids.empty();
    }
    if (query.statuses) {
        for (Status status : *query.statuses) {
            if (status == Status::processing) {
                f.statuses_include_processing = true;
            } else {
                f.statuses.push_back(&store.with_status(status));
            }
        }
        f.matches_nothing |= query.statuses->empty();
    }
    if (query.types) {
        for (Kind kind : *query.types)
            f.kinds.push_back(&store.with_kind(kind));
        f.matches_nothing |= query.types->empty();
    }
    if (query.index_uids) {
        for (const std::string& name : *query.index_uids)
            if (auto id = store.find_index(name)) f.indexes.push_back(&store.of_index(*id));
        f.matches_nothing |= f.indexes.empty();
        f.hide_globals = true;  // §0.6: even for indexSwap, linked to both its indexes
    }
    if (query.canceled_by) {
        for (TaskUid canceler : *query.canceled_by)
            if (const UidSet* set = store.canceled_by(canceler)) f.canceled.push_back(set);
        // S get_task_ids: "we prefer matching zero than all tasks" (§0.5).
        f.matches_nothing |= f.canceled.empty();
    }
    return f;
}

// A candidate enumeration: one set, or a materialized descending list.
struct Driver {
    const UidSet* set = nullptr;
    std::vector<TaskUid> list;  // descending, used iff set is null
    std::size_t size = 0;
};

std::size_t total_size(const SetList& sets) {
    std::size_t n = 0;
    for (const UidSet* set : sets)
        n += set->size();
    return n;
}

std::vector<TaskUid> descending_union(const SetList& sets, const std::vector<TaskUid>& extra) {
    std::vector<TaskUid> out = extra;
    for (const UidSet* set : sets) {
        std::vector<TaskUid> members = set->to_vector();
        out.insert(out.end(), members.begin(), members.end());
    }
    std::sort(out.begin(), out.end(), std::greater<>());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// The entries of `index` strictly inside `bounds`, as [first, last).
std::pair<std::size_t, std::size_t> date_range(const DateIndex& index, const DateBounds& bounds) {
    auto first = index.begin();
    auto last = index.end();
    if (bounds.after)
        first = std::upper_bound(index.begin(), index.end(),
                                 std::pair<Nanos, TaskUid>{*bounds.after, kNoTask});
    if (bounds.before)
        last = std::lower_bound(index.begin(), index.end(),
                                std::pair<Nanos, TaskUid>{*bounds.before, 0});
    if (last < first) last = first;
    return {static_cast<std::size_t>(first - index.begin()),
            static_cast<std::size_t>(last - index.begin())};
}

struct DriverChoice {
    Driver best;
    void offer_sets(const SetList& sets, const std::vector<TaskUid>& extra) {
        const std::size_t size = total_size(sets) + extra.size();
        if (size >= best.size) return;
        best = Driver{};
        best.size = size;
        if (sets.size() == 1 && extra.empty()) {
            best.set = sets.front();
        } else {
            best.list = descending_union(sets, extra);
        }
    }
    void offer_dates(const DateIndex& index, const DateBounds& bounds,
                     const std::vector<TaskUid>& extra) {
        if (!bounds.after && !bounds.before) return;
        auto [first, last] = date_range(index, bounds);
        const std::size_t size = last - first + extra.size();
        if (size >= best.size) return;
        best = Driver{};
        best.size = size;
        best.list = extra;
        for (std::size_t i = first; i < last; ++i)
            best.list.push_back(index[i].second);
        std::sort(best.list.begin(), best.list.end(), std::greater<>());
        best.list.erase(std::unique(best.list.begin(), best.list.end()), best.list.end());
    }
};

Driver choose_driver(const Filter& f) {
    const TaskQuery& q = f.query;
    DriverChoice choice;
    choice.best.set = &f.store.all();
    choice.best.size = f.store.all().size();
    if (q.uids) {
        std::vector<TaskUid> list(f.uids.rbegin(), f.uids.rend());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        if (list.size() < choice.best.size) choice.best = Driver{nullptr, list, list.size()};
    }
    const std::vector<TaskUid> none;
    const std::vector<TaskUid>& overlay = f.processing.uids;
    if (q.statuses) choice.offer_sets(f.statuses, f.statuses_include_processing ? overlay : none);
    if (q.types) choice.offer_sets(f.kinds, none);
    if (q.index_uids) choice.offer_sets(f.indexes, none);
    if (q.canceled_by) choice.offer_sets(f.canceled, none);
    choice.offer_dates(f.store.enqueued_dates(), q.enqueued_at, none);
    choice.offer_dates(f.store.started_dates(), q.started_at, overlay);
    choice.offer_dates(f.store.finished_dates(), q.finished_at, none);
    return std::move(choice.best);
}

}  // namespace

std::vector<TaskUid> find_tasks(const TaskStore& store, const TaskQuery& query,
                                const ProcessingSet& processing, std::optional<TaskUid> from,
                                std::uint64_t limit) {
    std::vector<TaskUid> out;
    const Filter filter = resolve(store, query, processing);
    if (filter.matches_nothing || limit == 0) return out;
    const Driver driver = choose_driver(filter);
    const TaskUid top = from.value_or(kNoTask);
    auto visit = [&](TaskUid uid) {
        if (uid > top || !filter.matches(uid)) return true;
        out.push_back(uid);
        return out.size() < limit;
    };
    if (driver.set != nullptr) {
        driver.set->for_each_descending(top, visit);
    } else {
        for (TaskUid uid : driver.list)
            if (!visit(uid)) break;
    }
    return out;
}

}  // namespace taskcheck::meili
