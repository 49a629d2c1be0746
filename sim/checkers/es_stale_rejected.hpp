#pragma once
// check_es_stale_rejected: the master fences persistent-task requests by allocation id
// (spec/elasticsearch.md §5.2: updatePersistentTaskState and completePersistentTask act only if
// the task exists with that exact allocation id, else 404).
// Checks every persistent_accepted update / complete against the state the master had
// published just before it: the allocation id must be the task's current one. Also checks the
// converse for rejections: a request naming the current allocation of an existing task must not
// be refused.
// When: online, as each record is added (EsHistory), or over a list of records.
// Skips: create (it has no allocation id yet); requests for a task absent from the state
// (rejected, rightly, with 404 — nothing to compare).
// Deterministic: a pure function of the records.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/es_record.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

// The check fed one record at a time, in order. observe() returns the violation `record`
// (number `index` of the run) shows, if any; after a violation the state is unspecified and
// observing more records is pointless.
class EsStaleRejectedCheck {
  public:
    std::optional<Violation> observe(const EsRecord& record, std::uint64_t index);

  private:
    std::map<std::string, std::int64_t> current_;  // task id -> allocation id, last state
};

// Every record through one EsStaleRejectedCheck; the first violation.
std::optional<Violation> check_es_stale_rejected(const std::vector<EsRecord>& records);

}  // namespace taskcheck::sim
