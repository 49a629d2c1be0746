#pragma once
// EsCommand: one durable state change of the Elasticsearch profile, as the journal stores it.
// Only what survives a full-cluster kill -9 in Elasticsearch is journalled (issue 5
// "Durability"): running tasks live in memory only and are gone after a restart, as in ES, but
// the persistent-tasks cluster metadata and the `.tasks` results index are on disk.
//  - node_leave / node_join: membership changes move persistent tasks (new allocation ids), so
//    a later state update that names an allocation id only replays right if they are replayed;
//  - persistent_*: the master-side commands of persistent_tasks_service.hpp;
//  - store_result: a task started with store_result finished and wrote its `.tasks` document;
//  - index_create / docs_write: the minimal index store (es_index_store.hpp) is on disk in ES
//    too; docs_write is one acknowledged write or bulk, or one batch of a reindex /
//    update_by_query / delete_by_query task;
//  - full_restart: written at start-up after a replay — every node restarts, the persistent
//    metadata is reloaded from disk (allocation id 0) and the master reassigns it
//    (spec/elasticsearch.md §5.1).
// Wire form: {"op": <name>, "now": <ns>, ...}; the fields are in es_command.cpp beside the
// encoder and decoder. On-disk format: never change a field's meaning.
// Deterministic: pure functions.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/common/time.hpp"
#include "model/es/task_manager.hpp"

namespace taskcheck::server {

struct EsNodeLeave {
    Nanos now = 0;
    std::string node;
};
struct EsNodeJoin {
    Nanos now = 0;
    std::string node;
};
struct EsPersistentCreate {
    Nanos now = 0;
    std::string id;
    std::string name;
    std::optional<nlohmann::ordered_json> params;
};
struct EsPersistentState {
    Nanos now = 0;
    std::string id;
    std::int64_t allocation_id = -1;
    nlohmann::ordered_json state;
};
struct EsPersistentComplete {
    Nanos now = 0;
    std::string id;
    std::int64_t allocation_id = -1;
    std::optional<std::string> failure;  // reason of a failed completion (only logged by ES)
    std::optional<std::string> local_abort_reason;
};
struct EsPersistentRemove {
    Nanos now = 0;
    std::string id;
};
// The finished task as registered, and its outcome: exactly one of response / error_type.
struct EsStoreResult {
    Nanos now = 0;  // when it finished
    std::string node;
    std::int64_t number = 0;
    es::TaskType type = es::TaskType::transport;
    std::string action;
    std::string description;
    std::optional<nlohmann::ordered_json> status;
    Nanos start_time = 0;
    bool cancellable = false;
    std::string parent;  // "" when none
    es::TaskHeaders headers;
    std::optional<nlohmann::ordered_json> response;
    std::string error_type;
    std::string error_reason;
};
struct EsFullRestart {
    Nanos now = 0;
};
struct EsIndexCreate {
    Nanos now = 0;
    std::string index;
    int shards = 1;
};
// One document write: `source` set = index (create or overwrite; with `create_only` an existing
// document is a conflict and stays), unset = delete. An empty id is generated at apply time
// from the index's sequence number (deterministic, so a replay generates the same).
struct EsDocWrite {
    std::string index;
    std::string id;
    std::optional<nlohmann::ordered_json> source;
    bool create_only = false;
};
struct EsDocsWrite {
    Nanos now = 0;
    std::vector<EsDocWrite> writes;
};

// New alternatives go at the end: the op names below are indexed by position.
using EsCommand = std::variant<EsNodeLeave, EsNodeJoin, EsPersistentCreate, EsPersistentState,
                               EsPersistentComplete, EsPersistentRemove, EsStoreResult,
                               EsFullRestart, EsIndexCreate, EsDocsWrite>;

Nanos command_time(const EsCommand& command);

// Compact JSON text; decode_es_command(encode_es_command(c), s) round-trips.
std::string encode_es_command(const EsCommand& command);

// Throws InputError "journal-corrupt" naming `seq` and the JSON Pointer of the bad field.
EsCommand decode_es_command(const std::string& text, std::uint64_t seq);

}  // namespace taskcheck::server
