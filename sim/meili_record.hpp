#pragma once
// MeiliRecord: one thing a `meilisearch` simulation observed, one per trace line — record i is
// trace line i, so a checker's event index names the line a reader finds in the JSONL trace.
// The world adds records to its MeiliHistory (sim/meili_history.hpp); checkers (sim/checkers/)
// read them and nothing else, so a checker can be fed a hand-built history in tests.
//
// Records and the trace line each becomes (fields after i, t, node, kind):
//   operation       client sent op `op`                              op, name
//   registered      the server registered task `uid` for op `op`     op, uid, type, index?,
//   indexes?,
//                   (cancel/delete: `matched`, the uids their query     matched?, enqueued_at
//                   captured, ascending)
//   acked           the client received the task's summarized view  op, uid
//   page            one GET /tasks page served for op `op`           op, page, uids, next?,
//   expected
//                   (`expected`: every uid the query's filters matched
//                   at serve time, newest first, ignoring from/limit)
//   got             GET /tasks/{uid} served                          op, uid, status
//   api_error       a request was answered with an API error          op, code
//   batch_started   the scheduler started batch `uids` (ascending)    uids
//   batch_finished  the batch ended (processed | failed | aborted)    end
//   status          the observable status of `uid` changed            uid, from, to, canceled_by?,
//                   (`count`: canceledTasks/deletedTasks of a            count?
//                   cancelation/deletion that just succeeded)
//   deleted         task `uid` is gone (GET answers 404)              uid
//   crash, restart  the node stopped / came back from durable state
//   recovered       the live uids right after a restart (ascending)   uids
//   fault           a fault was applied                                what
//   liveness        the liveness phase began (heal, faults off)
// Deterministic: plain values; the trace text is a pure function of the records.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/common/time.hpp"
#include "model/meili/task_kind.hpp"
#include "model/meili/task_queue.hpp"
#include "sim/event_queue.hpp"
#include "sim/trace.hpp"

namespace taskcheck::sim {

constexpr NodeId kMeiliNode = 0;  // the Meilisearch instance; clients are nodes 1..clients
constexpr std::uint32_t kNoOp = UINT32_MAX;

enum class MeiliRecordKind : std::uint8_t {
    operation,
    registered,
    acked,
    page,
    got,
    api_error,
    batch_started,
    batch_finished,
    status,
    deleted,
    crash,
    restart,
    recovered,
    fault,
    liveness,
};
constexpr std::size_t kMeiliRecordKindCount = 15;

std::string_view meili_record_name(MeiliRecordKind kind);

struct MeiliRecord {
    MeiliRecordKind kind = MeiliRecordKind::fault;
    Nanos at = 0;
    NodeId node = kMeiliNode;
    std::uint32_t op = kNoOp;
    meili::TaskUid uid = 0;
    meili::Kind task_kind = meili::Kind::document_addition_or_update;  // registered
    meili::Status from = meili::Status::enqueued;                      // status
    meili::Status to = meili::Status::enqueued;                        // status, got
    meili::TaskUid canceled_by = UINT32_MAX;                           // status: kNoTask if none
    std::optional<std::uint64_t> count;                                // status
    meili::BatchEnd end = meili::BatchEnd::processed;                  // batch_finished
    Nanos enqueued_at = 0;                                             // registered (node clock)
    std::uint32_t page = 0;                                            // page: 0-based
    std::optional<meili::TaskUid> next;                                // page
    std::string text;                     // operation: op name; api_error: code; fault: what
    std::string index;                    // registered: indexUid ("" for global kinds)
    std::vector<std::string> indexes;     // registered swap: lhs, rhs, lhs, rhs, ...
    std::vector<meili::TaskUid> uids;     // batch_started, recovered, page (returned)
    std::vector<meili::TaskUid> matched;  // registered cancel/delete; page: expected
};

// "meili-0" for the instance, "client-N" for client node N.
std::string meili_node_name(NodeId node);

// The trace line of `record` (index `index`) written into `trace`. Requires: trace.enabled().
void trace_meili_record(Trace& trace, const MeiliRecord& record);

}  // namespace taskcheck::sim
