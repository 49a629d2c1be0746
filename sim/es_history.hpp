#pragma once
// EsHistory: where an `elasticsearch` world puts what it observed. Each added EsRecord
// (sim/es_record.hpp) gets the next index — record i is trace line i — is traced when the trace is
// on, and is checked at once by every checker of the profile (EsChecks,
// sim/checkers/es_checkers.hpp). The records themselves are kept only when asked for
// (EsRecords::keep: tests that read a run's history): a checked run needs only the checkers' small
// state, and keeping ~300,000 records of a long run cost most of its time (docs/simulator.md,
// elasticsearch profile, "Performance"). Invariants: size() counts every record added;
// first_violation() is the violation check_es_history() would report over those records; with keep,
// records().size() == size(). Deterministic: plain values, records checked in the order they are
// added.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/checkers/es_checkers.hpp"
#include "sim/es_record.hpp"
#include "sim/trace.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

// Whether an EsHistory keeps its records after checking them.
enum class EsRecords : std::uint8_t { check_only, keep };

class EsHistory {
  public:
    // `trace` must outlive the history; records are traced as they are added.
    explicit EsHistory(Trace& trace, EsRecords keeping = EsRecords::check_only)
        : trace_(trace), keep_(keeping == EsRecords::keep) {}

    // Traces and checks `record`, keeps it if asked; returns its index.
    std::uint64_t add(const EsRecord& record);
    // Records added so far.
    std::uint64_t size() const { return size_; }
    // Records added so far of `kind`.
    std::uint64_t count(EsRecordKind kind) const { return counts_[static_cast<std::size_t>(kind)]; }
    const std::optional<Violation>& first_violation() const { return checks_.first(); }
    // The records, in order. Requires: constructed with EsRecords::keep.
    const std::vector<EsRecord>& records() const;
    // Makes room for `count` records up front when they are kept.
    void reserve(std::size_t count);

  private:
    Trace& trace_;
    bool keep_;
    std::uint64_t size_ = 0;
    std::array<std::uint64_t, kEsRecordKindCount> counts_{};
    EsChecks checks_;
    std::vector<EsRecord> records_;
};

}  // namespace taskcheck::sim
