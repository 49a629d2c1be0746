#pragma once
// MeiliHistory: where a `meilisearch` world puts what it observed. Each added MeiliRecord
// (sim/meili_record.hpp) gets the next index — record i is trace line i — is traced when the
// trace is on, and is checked at once by every checker of the profile (MeiliChecks,
// sim/checkers/meili_checks.hpp). The records themselves are kept only when asked for
// (MeiliRecords::keep: tests that read a run's history): a checked run needs only the checkers'
// small state (docs/simulator.md, meilisearch profile, "Performance").
// Invariants: size() counts every record added; first_violation() is the violation
// check_meili_history() would report over those records; with keep, records().size() == size().
// Deterministic: plain values, records checked in the order they are added.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/checkers/meili_checks.hpp"
#include "sim/meili_record.hpp"
#include "sim/trace.hpp"
#include "sim/violation.hpp"

namespace taskcheck::sim {

// Whether a MeiliHistory keeps its records after checking them.
enum class MeiliRecords : std::uint8_t { check_only, keep };

class MeiliHistory {
  public:
    // `trace` must outlive the history; records are traced as they are added.
    explicit MeiliHistory(Trace& trace, MeiliRecords keeping = MeiliRecords::check_only)
        : trace_(trace), keep_(keeping == MeiliRecords::keep) {}

    // Traces and checks `record`, keeps it if asked; returns its index.
    std::uint64_t add(const MeiliRecord& record);
    // Records added so far.
    std::uint64_t size() const { return size_; }
    // Records added so far of `kind`.
    std::uint64_t count(MeiliRecordKind kind) const {
        return counts_[static_cast<std::size_t>(kind)];
    }
    std::optional<Violation> first_violation() const { return checks_.first(); }
    // The records, in order. Requires: constructed with MeiliRecords::keep.
    const std::vector<MeiliRecord>& records() const;
    // Makes room for `count` records up front when they are kept.
    void reserve(std::size_t count);

  private:
    Trace& trace_;
    bool keep_;
    std::uint64_t size_ = 0;
    std::array<std::uint64_t, kMeiliRecordKindCount> counts_{};
    MeiliChecks checks_;
    std::vector<MeiliRecord> records_;
};

}  // namespace taskcheck::sim
