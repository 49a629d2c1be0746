#pragma once
// check_es_no_task_lost: a persistent task the master created stays in the cluster state until
// the master accepts its completion (spec/elasticsearch.md §5.2: node loss reassigns, it never
// removes; a full restart reloads every task).
// Checks every `published` state after a persistent_accepted create: the task is in it, unless a
// persistent_accepted complete for it came in between.
// When: online, as each record is added (EsHistory), or over a list of records.
// Skips: tasks never acknowledged as created (a create lost with its coordinator).
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
class EsNoTaskLostCheck {
  public:
    std::optional<Violation> observe(const EsRecord& record, std::uint64_t index);

  private:
    std::map<std::string, std::uint64_t> live_;  // created task -> index of its create
};

// Every record through one EsNoTaskLostCheck; the first violation.
std::optional<Violation> check_es_no_task_lost(const std::vector<EsRecord>& records);

}  // namespace taskcheck::sim
