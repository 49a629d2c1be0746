#pragma once
// The Meilisearch profile's snapshot: MeiliState as bytes, and start-up from snapshot + journal.
//
// encode_meili_state() writes every field of the state — the task store with its secondary
// indexes, the index store, the payloads of unfinished tasks, the processing overlay and the
// document mirror — so decode_meili_state() rebuilds a state that answers every read exactly as
// the original (tests compare the two through the public views after replaying the same
// journal). A state with a batch in progress is not encoded: its tasks are put back to enqueued
// by a journalled restart first (MeiliService::settle()), so a snapshot is always the state
// after some journal record, never between a batch start and a restart nobody journalled.
//
// Start-up (load_meili_state, meili_snapshot_load.cpp): read `<data_dir>/meili-state.snapshot`;
// if it is sound (file checksums, version, decodes whole) and covers a record this journal holds
// with the same checksum, start from it and replay only the later records; if it is sound and
// covers a record past the journal's end, refuse to start (the journal lost records); otherwise
// warn on `warnings` and replay the whole journal. The journal's own damage is never hidden: its
// records after the snapshot are checked as ever and a damaged journal throws. Deterministic: the
// bytes are a function of the state; pointers are only compared, never written (shared errors are
// written once and referred to by their order of first use).

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "server/journal.hpp"
#include "server/meili_state.hpp"

namespace taskcheck::server {

// Requires: state.batch().empty() and !state.queue().batch_in_progress().
std::string encode_meili_state(const MeiliState& state);

// Throws InputError id "snapshot-corrupt" when `payload` is not a whole encoded state.
MeiliState decode_meili_state(std::string_view payload);

// `<data_dir>/meili-state.snapshot`.
std::filesystem::path meili_snapshot_file(const std::filesystem::path& data_dir);

struct MeiliStartup {
    MeiliState state;
    std::uint64_t snapshot_seq = 0;  // the record the snapshot covered; 0 when none was used
    std::uint64_t replayed = 0;      // journal records applied after it
};

// Where an accepted journal loss moves the snapshot: `<data_dir>/meili-state.snapshot.lost`.
std::filesystem::path meili_snapshot_lost_file(const std::filesystem::path& data_dir);

// Builds the state of `journal` as described above. Throws what Journal::replay_after and
// MeiliState::apply throw for a damaged journal (nothing of it is then usable), and InputError
// "journal-lost" when a sound snapshot covers a seq past the journal's last record — the journal
// lost records that were durable (its tail, or all of it: deleted) — naming both seqs and how
// to recover. With `accept_journal_loss` (serve --accept-journal-loss) it warns instead, moves
// the snapshot to meili_snapshot_lost_file() and replays the whole journal.
// Requires: no other call on `journal` is running.
MeiliStartup load_meili_state(Journal& journal, std::ostream& warnings,
                              bool accept_journal_loss = false);

// Writes the snapshot of `state`, which must be the state after record `at` (durable) of the
// journal in `data_dir`. Throws InputError "snapshot-write-failed"; the old snapshot then stays.
// Requires: as for encode_meili_state(); at.seq >= 1.
void write_meili_snapshot(const MeiliState& state, const JournalPosition& at,
                          const std::filesystem::path& data_dir);
// The same from the bytes encode_meili_state() made of that state (the periodic snapshot encodes
// under the lock and writes off it).
void write_meili_snapshot_payload(std::string payload, const JournalPosition& at,
                                  const std::filesystem::path& data_dir);

}  // namespace taskcheck::server
