#pragma once
// SnapshotFile: a checkpoint of a profile's in-memory state, kept beside the journal so that
// start-up reads the state and replays only the journal records after it. The journal stays the
// source of truth: a snapshot only ever saves time, and one that is missing, damaged, of another
// version or taken of another journal is ignored (the whole journal is then replayed).
//
// Layout (little-endian), 44-byte header then the payload:
//   magic "TCSNAP\r\n" | u32 format version | u32 profile | u64 covered_seq |
//   u32 covered_checksum | u64 payload size | u32 CRC-32C of the payload | u32 CRC-32C of the
//   36 header bytes before it
// covered_seq is the last journal record the state includes; covered_checksum is that record's
// checksum, so a snapshot beside a journal it was not taken of (a restored or replaced
// journal.sqlite) is recognised and ignored.
//
// Crash safety: write_snapshot_file() writes `<file>.tmp`, fsyncs it, renames it over `file` and
// fsyncs the directory. A kill -9 at any moment leaves either the old snapshot or the new one,
// never a mix; a leftover `.tmp` is never read (and is overwritten by the next write). Even a
// torn file would fail its checksums and be ignored.
// Deterministic: the bytes are a function of the arguments; no clock.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace taskcheck::server {

// Which state a payload holds. On-disk values: do not change.
enum class SnapshotProfile : std::uint32_t { meilisearch = 1 };

struct SnapshotFile {
    SnapshotProfile profile = SnapshotProfile::meilisearch;
    std::uint64_t covered_seq = 0;       // the last journal record the state includes (>= 1)
    std::uint32_t covered_checksum = 0;  // that record's checksum
    std::string payload;                 // the profile's encoding of its state
};

// The format version this build writes and reads. 2: varint payloads (meili_snapshot.cpp);
// 3: each Meilisearch index also holds its typo sizes. An older snapshot is refused by name and
// the journal replayed whole.
constexpr std::uint32_t kSnapshotFormatVersion = 3;

// Writes `snapshot` to `file` atomically (see the header). Throws InputError id
// "snapshot-write-failed" naming the file and the failing call; `file` is then unchanged.
void write_snapshot_file(const std::filesystem::path& file, const SnapshotFile& snapshot);

// Reads and verifies `file`. Returns nullopt iff it does not exist. Throws InputError, naming
// the file:
//   snapshot-corrupt   too short, wrong magic, a checksum mismatch, a size that disagrees
//   snapshot-version   a format version this build does not read
//   snapshot-open      it exists but cannot be opened or read (with the errno text)
std::optional<SnapshotFile> read_snapshot_file(const std::filesystem::path& file);

// The checks of read_snapshot_file() on the bytes of `file` (named in messages): throws
// snapshot-corrupt or snapshot-version as above. Separate so the decoder can be fuzzed.
SnapshotFile decode_snapshot_file(std::string bytes, const std::filesystem::path& file);

// The header and payload bytes write_snapshot_file() would write (tests damage them).
std::string encode_snapshot_file(const SnapshotFile& snapshot);

}  // namespace taskcheck::server
