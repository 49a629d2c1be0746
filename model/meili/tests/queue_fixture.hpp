#pragma once
// QueueFixture: a TaskQueue with a manual clock and the words the queue tests speak in —
// enqueue, start, finish, cancel, expect_view. Every command advances the clock by 1 ms from
// 2023-04-01T10:00:00Z, so the n-th command happens at 10:00:00.00n.
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "model/meili/task_queue.hpp"

namespace taskcheck::meili::testing {

using Json = nlohmann::ordered_json;

inline TaskQuery filter_query(std::string original_filter) {
    TaskQuery q;
    q.has_filter = true;
    q.original_filter = std::move(original_filter);
    return q;
}

struct QueueFixture {
    TaskQueue queue;
    Nanos clock = make_instant(CivilDate{2023, 4, 1}, 10, 0, 0, 0);

    Nanos tick() { return clock += ms(1); }

    TaskUid enqueue(const TaskRequest& request) { return queue.enqueue(request, tick()); }
    TaskUid create_index(const std::string& uid, std::optional<std::string> key = std::nullopt) {
        return enqueue(CreateIndex{uid, std::move(key)});
    }
    TaskUid add_documents(const std::string& index, const std::string& docs,
                          std::optional<std::string> key = std::nullopt) {
        return enqueue(AddDocuments{index, Json::parse(docs), std::move(key)});
    }
    TaskUid cancel(const TaskQuery& q) { return queue.cancel_tasks(q, tick()); }
    TaskUid remove(const TaskQuery& q) { return queue.delete_tasks(q, tick()); }
    TaskUid cancel_uids(std::vector<TaskUid> uids, std::string filter) {
        TaskQuery q = filter_query(std::move(filter));
        q.uids = std::move(uids);
        return cancel(q);
    }

    std::vector<TaskUid> start() { return queue.start_next_batch(tick()); }
    BatchEnd finish() { return queue.finish_batch(tick()); }
    // Starts and finishes one batch; returns its uids.
    std::vector<TaskUid> step() {
        std::vector<TaskUid> uids = start();
        if (!uids.empty()) finish();
        return uids;
    }
    // Runs batches until nothing is enqueued; returns the batches in order.
    std::vector<std::vector<TaskUid>> run_all() {
        std::vector<std::vector<TaskUid>> batches;
        for (auto uids = step(); !uids.empty(); uids = step())
            batches.push_back(uids);
        return batches;
    }

    Json view(TaskUid uid) const { return queue.get_task(uid).value(); }
    std::string status(TaskUid uid) const { return view(uid)["status"].get<std::string>(); }
    void expect_view(TaskUid uid, const std::string& expected) const {
        BOOST_TEST(view(uid).dump() == Json::parse(expected).dump());
    }
    Json details(TaskUid uid) const { return view(uid)["details"]; }
    Json page(const TaskQuery& q) const { return to_json(queue.list_tasks(q)); }
    std::vector<TaskUid> listed(const TaskQuery& q) const {
        std::vector<TaskUid> out;
        for (const Json& v : queue.list_tasks(q).results)
            out.push_back(v["uid"].get<TaskUid>());
        return out;
    }
};

}  // namespace taskcheck::meili::testing
