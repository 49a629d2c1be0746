#pragma once
// MeiliCommand: one state change of the Meilisearch profile, as the journal stores it. The
// server's state is a pure function of the commands in journal order (DESIGN.md "The model"):
// every registration and every step of processing is a command carrying the `now` it happened at,
// so a replay after kill -9 rebuilds exactly the state the server had acknowledged.
//
// Why processing steps are commands too: a batch is composed when it starts, from the tasks
// enqueued at that moment. Replaying only "batch finished" would let tasks enqueued while the
// batch ran join it. So `start_batch` and `finish_batch` are journalled where they happened.
// A `start_batch` with no `finish_batch` after it is a batch that was processing at the crash;
// start-up journals a `restart`, which puts its tasks back to enqueued (spec/meilisearch.md §0.15).
//
// Wire form: one JSON object per command, `{"op": <name>, "now": <ns>, ...}`; the field lists
// are in meili_command.cpp beside the encoder and decoder. On-disk format: do not change a
// field's meaning; add fields only with defaults that keep old journals replaying the same.
// Deterministic: pure functions.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "model/common/time.hpp"
#include "model/meili/api_error.hpp"
#include "model/meili/task_request.hpp"
#include "model/meili/task_route.hpp"

namespace taskcheck::server {

// A task-registering route (202): the request as the route built it.
struct MeiliEnqueue {
    Nanos now = 0;
    meili::TaskRequest request;
};
// POST /tasks/cancel or DELETE /tasks: the raw query string, parsed again on replay (the parser
// is a pure function, so the replay captures the same matched set).
struct MeiliFilterTask {
    Nanos now = 0;
    meili::TaskRoute route = meili::TaskRoute::cancel;  // cancel or delete_
    std::string raw_query;
};
struct MeiliStartBatch {
    Nanos now = 0;
};
// The end of the batch in progress; `injected_error` is the admin "fail the next batch" fault.
struct MeiliFinishBatch {
    Nanos now = 0;
    std::optional<meili::ApiError> injected_error;
};
// Written at start-up when the replayed journal ends with a batch in progress.
struct MeiliRestart {
    Nanos now = 0;
};

using MeiliCommand =
    std::variant<MeiliEnqueue, MeiliFilterTask, MeiliStartBatch, MeiliFinishBatch, MeiliRestart>;

// The `now` of any command.
Nanos command_time(const MeiliCommand& command);

// Compact JSON text of `command`; decode_meili_command(encode_meili_command(c)) == c.
std::string encode_meili_command(const MeiliCommand& command);

// Parses a journalled command. Throws InputError id "journal-corrupt" naming `seq` and the JSON
// Pointer of the first bad field when the text is not a command this build wrote (the record's
// checksum was sound, so this is a journal from an incompatible build or a bug).
MeiliCommand decode_meili_command(const std::string& text, std::uint64_t seq);

}  // namespace taskcheck::server
