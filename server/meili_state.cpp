#include "server/meili_state.hpp"

#include "model/common/assert.hpp"
#include "model/common/input_error.hpp"
#include "model/meili/task_query_parser.hpp"

namespace taskcheck::server {
namespace {

using namespace taskcheck::meili;

[[noreturn]] void reject(std::uint64_t seq, const std::string& problem) {
    throw InputError("journal-corrupt",
                     InputLocation{"journal record seq=" + std::to_string(seq), 0, ""}, problem,
                     "the journal does not follow from its own start; use a fresh --data-dir");
}

}  // namespace

Nanos MeiliState::batch_started_at() const {
    TC_ASSERT(!batch_.empty());
    return queue_.processing().started_at;
}

MeiliApplied MeiliState::apply(const MeiliCommand& command, std::uint64_t seq) {
    const Nanos now = command_time(command);
    if (now < latest_)
        reject(seq,
               "time goes back from " + std::to_string(latest_) + " to " + std::to_string(now));
    MeiliApplied out;
    if (const auto* c = std::get_if<MeiliEnqueue>(&command)) {
        out.task = queue_.enqueue(c->request, now);
        documents_.remember(*out.task, c->request);
    } else if (const auto* c = std::get_if<MeiliFilterTask>(&command)) {
        out = apply_filter(*c, seq);
    } else if (std::holds_alternative<MeiliStartBatch>(command)) {
        if (queue_.batch_in_progress()) reject(seq, "a batch starts while another is in progress");
        out.batch = queue_.start_next_batch(now);
        batch_ = out.batch;
    } else if (const auto* c = std::get_if<MeiliFinishBatch>(&command)) {
        if (!queue_.batch_in_progress()) reject(seq, "a batch finishes but none is in progress");
        out.end = c->injected_error ? queue_.fail_batch(*c->injected_error, now)
                                    : queue_.finish_batch(now);
        out.batch = batch_;
        documents_.record_batch(queue_, batch_, now);
        batch_.clear();
    } else {
        // A restart: whatever was processing is enqueued again (spec/meilisearch.md §0.15).
        queue_.restart();
        batch_.clear();
    }
    latest_ = now;
    ++applied_;
    TC_ASSERT_EQ(batch_.empty(), !queue_.batch_in_progress());
    return out;
}

MeiliApplied MeiliState::apply_filter(const MeiliFilterTask& command, std::uint64_t seq) {
    Result<TaskQuery, ApiError> query = parse_task_query(command.route, command.raw_query);
    if (!query.ok()) reject(seq, "its query is rejected: " + query.error().message);
    if (!query->has_filter) reject(seq, "its query has no filter");
    MeiliApplied out;
    out.task = command.route == TaskRoute::cancel ? queue_.cancel_tasks(query.value(), command.now)
                                                  : queue_.delete_tasks(query.value(), command.now);
    return out;
}

}  // namespace taskcheck::server
