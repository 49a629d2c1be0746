#pragma once
// MeiliOperation: one client request of the `meilisearch` simulation profile, as it appears in a
// scenario's "workload" list. Each operation is issued by one client at a fixed simulated time
// and maps onto one v1.1 route (spec/meilisearch.md §1):
//   {"at_ns":1500000000,"client":0,"op":"add_documents","index":"movies","documents":3,
//    "method":"replace","bad_document":false}
// Ops and their fields (besides at_ns, client, op), in JSON order:
//   add_documents     index, documents (1..1000), method ("replace"|"update"), bad_document
//   delete_documents  index, documents (number of ids, 1..1000)
//   clear_documents | update_settings | create_index | update_index | delete_index   index
//   swap_indexes      index, other_index (distinct)
//   create_dump | create_snapshot                                                     (none)
//   cancel_tasks | delete_tasks   query: the raw query string, e.g. "statuses=enqueued"
//   list_tasks        query (GET /tasks; the client walks every page, following `next`)
//   get_task          uid
// Index uids are checked with is_valid_index_uid; queries are parsed by the model's parser when
// the request is served, so a malformed query is an API error (a value), not a scenario error.
// Deterministic: plain values; JSON key order fixed.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "model/common/result.hpp"
#include "model/common/time.hpp"
#include "model/meili/autobatcher.hpp"
#include "model/meili/task_kind.hpp"
#include "sim/option_problem.hpp"

namespace taskcheck::sim {

// Written into scenario files by name: never rename.
enum class MeiliOpKind : std::uint8_t {
    add_documents,
    delete_documents,
    clear_documents,
    update_settings,
    create_index,
    update_index,
    delete_index,
    swap_indexes,
    create_dump,
    create_snapshot,
    cancel_tasks,
    delete_tasks,
    list_tasks,
    get_task,
};
constexpr std::size_t kMeiliOpKindCount = 14;

std::string_view meili_op_name(MeiliOpKind kind);

struct MeiliOperation {
    Nanos at = 0;              // when the client sends the request; >= 0
    std::uint32_t client = 0;  // 0..clients-1; network node client + 1
    MeiliOpKind kind = MeiliOpKind::add_documents;
    std::string index;                                              // index ops
    std::string other_index;                                        // swap_indexes
    std::uint32_t documents = 0;                                    // add/delete_documents: 1..1000
    meili::DocumentMethod method = meili::DocumentMethod::replace;  // add_documents
    bool bad_document = false;  // add_documents: the last document has no `id` (fails the task)
    std::string query;          // cancel_tasks, delete_tasks, list_tasks
    meili::TaskUid uid = 0;     // get_task

    // True for the ops that register a task (everything but list_tasks and get_task).
    bool registers_task() const {
        return kind != MeiliOpKind::list_tasks && kind != MeiliOpKind::get_task;
    }
    friend bool operator==(const MeiliOperation&, const MeiliOperation&) = default;
};

// The kind of task an operation registers. Requires: registers_task() of such an operation.
meili::Kind task_kind_of(MeiliOpKind kind);

void to_json(nlohmann::ordered_json& out, const MeiliOperation& operation);

// Reads one operation; rejects unknown, missing or ill-typed keys and out-of-range values. The
// problem's field is relative to the operation (e.g. "documents").
// Requires nothing of `clients`' size except that client < clients.
Result<MeiliOperation, OptionProblem> meili_operation_from_json(const nlohmann::ordered_json& in,
                                                                std::uint32_t clients);

}  // namespace taskcheck::sim
