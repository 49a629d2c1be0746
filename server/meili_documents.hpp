#pragma once
// MeiliDocuments: what the reference server shows of its indexes beyond the task model — the
// document bodies (GET /indexes/{uid}/documents) and each index's createdAt / updatedAt
// (GET /indexes). The model's IndexStore decides every outcome (which index exists, its primary
// key, which document ids it holds); this mirror only replays the effects of the tasks the model
// says succeeded, in uid order, after each batch.
// Invariants, checked after every batch (STYLE.md §7, paired with the model):
//  1. an index is here iff it exists in the model's IndexStore;
//  2. an index here holds exactly the document ids of the model's index.
// Documents are listed in the order they were first added (Meilisearch lists by internal
// document id, which it hands out in insertion order).
// Deterministic: ordered containers only; times come from the batch commands.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/meili/task_queue.hpp"

namespace taskcheck::server {

struct MeiliIndexRecord {
    Nanos created_at = 0;
    Nanos updated_at = 0;
    std::uint64_t next_position = 0;
    std::map<std::string, std::uint64_t> position_of;  // document id -> insertion position
    std::map<std::uint64_t, nlohmann::ordered_json> by_position;  // insertion position -> body
};

class MeiliDocuments {
  public:
    // Keeps what a document task needs once it has succeeded: the documents of an addition, the
    // ids of a deletion. Other requests are ignored. Requires: `uid` was just registered.
    void remember(meili::TaskUid uid, const meili::TaskRequest& request);

    // Applies the batch that just ended at `now`: `batch` are its uids (ascending) as
    // start_next_batch returned them. Checks invariants 1 and 2 for the indexes it touched.
    void record_batch(const meili::TaskQueue& queue, const std::vector<meili::TaskUid>& batch,
                      Nanos now);

    // The index iff it exists.
    const MeiliIndexRecord* find(const std::string& index_uid) const;

    // Requests remembered and not yet finished (for tests and the memory figure).
    std::size_t pending() const { return pending_.size(); }

  private:
    friend struct MeiliSnapshotAccess;  // meili_snapshot.cpp saves and restores the mirror

    struct Pending {
        nlohmann::ordered_json documents;  // addition
        meili::DocumentMethod method = meili::DocumentMethod::replace;
        std::vector<std::string> document_ids;  // deletion by ids
    };

    void apply_task(const meili::TaskQueue& queue, const meili::Task& task, Nanos now,
                    std::vector<std::string>& touched);
    void add_documents(MeiliIndexRecord& index, const std::string& primary_key,
                       const Pending& pending);
    void sync_with_model(const meili::TaskQueue& queue, const std::string& index_uid, Nanos now);
    void forget_finished(const meili::TaskQueue& queue);

    std::map<std::string, MeiliIndexRecord> indexes_;
    std::map<meili::TaskUid, Pending> pending_;
};

// The external id of `document` under `primary_key` as milli stores it (meili::document_id, the
// model's one copy of the rule: flat or nested keys); nullopt when the document has no usable id
// (the model then failed the task, so this is only reached for documents the model accepted).
std::optional<std::string> meili_document_id(const nlohmann::ordered_json& document,
                                             const std::string& primary_key);

}  // namespace taskcheck::server
