#pragma once
// The v1.1 autobatcher (index-scheduler/src/autobatcher.rs, spec/meilisearch.md §3 step 5): given
// the enqueued tasks of one index in uid order, the longest prefix that may run as one batch.
//  - indexCreation, indexUpdate and indexSwap run alone;
//  - document additions batch with additions of the same method and compatible primary keys;
//    deletions by id join a document operation or other deletions;
//  - a clear absorbs deletions, clears and earlier document operations;
//  - settings batch with settings; settings after document operations (or a clear) combine;
//  - an indexDeletion absorbs what was accumulated before it and closes the batch;
//  - on an index that does not exist, a task that may create it does not follow one that may not.
// Deterministic: pure function.

#include <optional>
#include <string>
#include <vector>

#include "model/meili/task_kind.hpp"

namespace taskcheck::meili {

enum class DocumentMethod : std::uint8_t { replace, update };  // POST vs PUT documents

// What the autobatcher needs to know of one task (AutobatchKind).
struct AutobatchTask {
    enum class Tag : std::uint8_t {
        document_import,
        document_deletion,
        document_clear,
        settings,
        index_creation,
        index_deletion,
        index_update,
        index_swap,
    };
    TaskUid uid = 0;
    Tag tag = Tag::document_import;
    DocumentMethod method = DocumentMethod::replace;  // document_import only
    bool allow_index_creation = true;                 // document_import and settings only
    std::optional<std::string> primary_key;           // document_import only
};

enum class BatchKind : std::uint8_t {
    document_clear,
    document_operation,
    document_deletion,
    clear_and_settings,
    settings_and_document_operation,
    settings,
    index_deletion,
    index_creation,
    index_update,
    index_swap,
};

struct Autobatch {
    BatchKind kind = BatchKind::document_operation;
    std::vector<TaskUid> uids;  // ascending
    bool must_create_index = false;
};

// Builds a batch one task at a time, so a caller can stop walking the index's enqueued tasks as
// soon as the batch is closed (the queue may hold a million of them).
class AutobatchBuilder {
  public:
    AutobatchBuilder(bool index_exists, std::optional<std::string> primary_key);
    // Offers the next enqueued task of the index (ascending uids). True iff the batch may take
    // more tasks after this call; once false, later calls are not allowed.
    bool offer(const AutobatchTask& task);
    // The batch built so far. Requires: at least one task was offered.
    Autobatch result() const;

  private:
    bool index_exists_;
    std::optional<std::string> primary_key_;
    bool open_ = true;
    bool started_ = false;
    bool must_create_index_ = false;
    BatchKind kind_ = BatchKind::document_operation;
    std::vector<TaskUid> uids_;
    std::optional<bool> allow_index_creation_;
    std::optional<std::optional<std::string>> batch_key_;
    DocumentMethod method_ = DocumentMethod::replace;
};

// The batch the autobatcher makes from `enqueued` (one index's enqueued tasks, ascending uids).
// `index_exists` and `primary_key` describe the index now. nullopt iff `enqueued` is empty.
std::optional<Autobatch> autobatch(const std::vector<AutobatchTask>& enqueued, bool index_exists,
                                   const std::optional<std::string>& primary_key);

}  // namespace taskcheck::meili
