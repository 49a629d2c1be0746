#pragma once
// EsIndexStore: the minimal document store of the Elasticsearch profile — enough for the
// long-running task generators (reindex, update_by_query, delete_by_query) to have something
// to read and write. Indices hold JSON documents by id with a version and a sequence number.
// Simplifications (say so to fixture authors, docs/server.md): every write is visible to
// count and search at once (as if refreshed; `_refresh` is accepted and changes nothing);
// documents are read in id order (byte-wise), where ES reads in shard/segment order.
// Invariants: a document's version starts at 1 and grows by one per write; an index's seq_no
// grows by one per write or delete, from 0.
// Deterministic: ordered containers only; no clock.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "model/common/result.hpp"
#include "model/es/es_error.hpp"

namespace taskcheck::server {

struct EsDocument {
    nlohmann::ordered_json source;
    std::int64_t version = 1;
    std::int64_t seq_no = 0;
};

struct EsIndex {
    int shards = 1;  // index.number_of_shards; slices=auto uses it
    std::map<std::string, EsDocument> docs;
    std::int64_t next_seq_no = 0;
};

// What one write did, as the document APIs answer it.
struct EsWriteOutcome {
    std::string result;  // "created" | "updated" | "deleted" | "not_found"
    std::int64_t version = 0;
    std::int64_t seq_no = 0;
};

// Rejects a name ES would (MetadataCreateIndexService.validateIndexOrAliasName) with 400
// invalid_index_name_exception, e.g. "Invalid index name [Foo], must be lowercase"; nullopt if
// valid.
std::optional<es::EsError> check_index_name(const std::string& name);

class EsIndexStore {
  public:
    // The index, or null.
    const EsIndex* find(std::string_view name) const;
    const std::map<std::string, EsIndex, std::less<>>& indices() const { return indices_; }

    // Creates an empty index. Rejects an existing one with 400
    // resource_already_exists_exception "index [<name>/<uuid>] already exists"; unchanged then.
    // Requires: check_index_name(name) is nullopt, shards >= 1.
    Result<bool, es::EsError> create(const std::string& name, int shards);

    // Indexes (creating the index if needed) or deletes one document.
    EsWriteOutcome put(const std::string& index, const std::string& id,
                       nlohmann::ordered_json source);
    EsWriteOutcome remove(const std::string& index, const std::string& id);

  private:
    std::map<std::string, EsIndex, std::less<>> indices_;
};

// The index's uuid as ES would show it: fixed per name (22 URL-safe characters).
std::string index_uuid(const std::string& name);

// `{"_shards": ...}` of a write on a 1-primary, 1-replica index in a cluster of `nodes`.
nlohmann::ordered_json write_shards(int nodes);

}  // namespace taskcheck::server
