#include "server/es_service.hpp"

#include <chrono>

#include "model/common/assert.hpp"
#include "model/common/input_error.hpp"

namespace taskcheck::server {

using namespace taskcheck::es;

EsService::EsService(Journal& journal, EsServiceOptions options)
    : journal_(journal), options_(options), state_(options.nodes) {
    const std::uint64_t replayed = journal_.replay([this](const JournalRecord& record) {
        auto applied = state_.apply(decode_es_command(record.command, record.seq));
        if (!applied.ok())
            throw InputError("journal-corrupt", InputLocation{journal_.file().string(), 0, ""},
                             "record " + std::to_string(record.seq) +
                                 " was refused on replay: " + applied.error().reason,
                             "the journal was written by a different model; start afresh");
    });
    if (options_.manual_clock) {
        auto manual =
            std::make_unique<ManualClock>(std::max(options_.manual_start, state_.latest()));
        manual_ = manual.get();
        clock_ = std::move(manual);
    } else {
        clock_ = std::make_unique<RealClock>(state_.latest());
    }
    if (replayed > 0) {
        std::unique_lock lock(mutex_);
        const EsFullRestart restart{clock_->now()};
        state_.apply(restart);
        journal_locked(restart, true);
    }
}

void EsService::journal_locked(const EsCommand& command, bool wait) {
    last_seq_ = journal_.submit(encode_es_command(command));
    if (wait) journal_.wait_durable(last_seq_);
}

void EsService::settle_locked(Nanos now) {
    const std::size_t before = state_.synthetic_count() + state_.by_scroll().running();
    // Stored results and completions are durable before anyone can read them (see the header);
    // a batch's writes are journalled as they happen and made durable with the next wait.
    const std::vector<EsCommand> commands = state_.settle(now);
    for (const EsCommand& command : commands)
        journal_locked(command, !std::holds_alternative<EsDocsWrite>(command));
    const std::size_t after = state_.synthetic_count() + state_.by_scroll().running();
    if (after != before || !commands.empty()) changed_.notify_all();
}

EsReply EsService::run(const std::function<Reply(EsState&, Nanos)>& operation) {
    std::unique_lock lock(mutex_);
    Nanos now = clock_->now();
    settle_locked(now);
    Reply reply = operation(state_, now);
    settle_locked(now);
    changed_.notify_all();
    if (!reply.pending()) return std::move(*reply.result);
    for (;;) {
        now = clock_->now();
        settle_locked(now);
        if (auto done = state_.cluster().poll(reply.wait, now)) {
            changed_.notify_all();
            return std::move(*done);
        }
        std::optional<Nanos> next = state_.cluster().wait_deadline(reply.wait);
        if (auto end = state_.next_end(); end && (!next || *end < *next)) next = end;
        if (manual_ != nullptr || !next) {
            changed_.wait(lock);
        } else {
            changed_.wait_for(lock, std::chrono::nanoseconds(std::max<Nanos>(*next - now, 0)));
        }
    }
}

Result<nlohmann::ordered_json, EsError> EsService::command(EsCommand command) {
    std::uint64_t seq = 0;
    Result<nlohmann::ordered_json, EsError> result = nlohmann::ordered_json();
    {
        std::unique_lock lock(mutex_);
        const Nanos now = clock_->now();
        settle_locked(now);
        std::visit([now](auto& c) { c.now = now; }, command);
        result = state_.apply(command);
        if (!result.ok()) return result;
        journal_locked(command, false);
        seq = last_seq_;
        settle_locked(now);
        changed_.notify_all();
    }
    journal_.wait_durable(seq);
    return result;
}

Result<TaskId, EsError> EsService::start_synthetic(const SyntheticTask& task,
                                                   const HttpHeaders& headers) {
    std::unique_lock lock(mutex_);
    const Nanos now = clock_->now();
    settle_locked(now);
    auto id = state_.start_synthetic(task, headers, now);
    changed_.notify_all();
    return id;
}

Result<bool, EsError> EsService::finish_synthetic(const TaskId& id,
                                                  std::optional<TaskOutcome> outcome) {
    std::unique_lock lock(mutex_);
    const Nanos now = clock_->now();
    settle_locked(now);
    auto finished = state_.finish_synthetic(id, std::move(outcome), now);
    if (!finished.ok()) return Err(finished.error());
    if (finished.value()) journal_locked(*finished.value(), true);
    changed_.notify_all();
    return true;
}

Result<nlohmann::ordered_json, EsError> EsService::by_scroll(const ByScrollRequest& request,
                                                             const HttpHeaders& headers,
                                                             bool wait) {
    std::unique_lock lock(mutex_);
    Nanos now = clock_->now();
    settle_locked(now);
    auto id = state_.start_by_scroll(request, headers, now);
    if (!id.ok()) return Err(id.error());
    settle_locked(now);
    changed_.notify_all();
    if (!wait) return nlohmann::ordered_json{{"task", id.value().to_string()}};
    for (;;) {
        if (auto response = state_.by_scroll().take_response(id.value())) {
            journal_.wait_durable(last_seq_);  // its writes are on disk before the answer
            return by_scroll_rest_view(request.kind, std::move(*response));
        }
        if (!state_.by_scroll().knows(id.value()))
            return Err(resource_not_found("task [" + id.value().to_string() + "] was lost"));
        std::optional<Nanos> next = state_.next_end();
        if (manual_ != nullptr || !next) {
            changed_.wait(lock);
        } else {
            changed_.wait_for(lock, std::chrono::nanoseconds(std::max<Nanos>(*next - now, 0)));
        }
        now = clock_->now();
        settle_locked(now);
    }
}

Nanos EsService::advance(Nanos span) {
    TC_ASSERT(manual_ != nullptr);
    TC_ASSERT_LE(0, span);
    std::unique_lock lock(mutex_);
    const Nanos now = manual_->advance(span);
    settle_locked(now);
    changed_.notify_all();
    return now;
}

}  // namespace taskcheck::server
