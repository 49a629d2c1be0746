#pragma once
// JournalRecord: one accepted command as the journal stores it — a sequence number, the command
// as opaque JSON text, and a CRC-32C over both.
// Invariants of a valid record: seq >= 1; command is non-empty; checksum ==
// record_checksum(seq, command). The checksum covers the seq too, so a record copied to the wrong
// place (or a seq rewritten in place) is caught as well as a damaged command.
// The same check runs before a record is written (a failure there is our bug: TC_ASSERT) and
// after it is read back (a failure there is a damaged journal: InputError) — STYLE.md §7.
// Deterministic: pure functions of the record.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace taskcheck::server {

struct JournalRecord {
    std::uint64_t seq = 0;       // 1-based, consecutive within a journal
    std::uint32_t checksum = 0;  // record_checksum(seq, command)
    std::string command;         // opaque JSON text, as the server built it
};

// CRC-32C of the 8-byte little-endian seq followed by the command bytes. On-disk format: do not
// change without bumping the journal's format version.
std::uint32_t record_checksum(std::uint64_t seq, std::string_view command);

// A record with its checksum filled in.
JournalRecord make_record(std::uint64_t seq, std::string command);

// What is wrong with `record`, e.g. "record seq=42: stored checksum 0x0badf00d, computed
// 0x1c291ca3 from its 57-byte command"; nullopt iff the record keeps every invariant above.
std::optional<std::string> record_problem(const JournalRecord& record);

// "0x0badf00d": eight lower-case hex digits, as record_problem prints a checksum.
std::string format_checksum(std::uint32_t checksum);

}  // namespace taskcheck::server
