#pragma once
// SnapshotWriter, SnapshotReader: the byte layout of a snapshot payload — fixed-width
// little-endian integers, LEB128 varints (unsigned, and zigzag for signed deltas) and
// varint-length-prefixed strings, nothing else. A reader never reads past the
// end: a payload that ends early or holds an impossible length throws InputError id
// "snapshot-corrupt" naming what it was reading, so a damaged snapshot is reported, never
// half-loaded (the file's checksum, snapshot_file.hpp, catches most damage before this).
// Deterministic: pure byte functions.

#include <cstdint>
#include <string>
#include <string_view>

namespace taskcheck::server {

class SnapshotWriter {
  public:
    void u8(std::uint8_t value) { bytes_.push_back(static_cast<char>(value)); }
    void u32(std::uint32_t value);
    void u64(std::uint64_t value);
    void i64(std::int64_t value) { u64(static_cast<std::uint64_t>(value)); }
    void boolean(bool value) { u8(value ? 1 : 0); }
    // LEB128: 7 bits a byte, low bits first; 1 byte below 128, at most 10.
    void var(std::uint64_t value);
    // Zigzag then LEB128, so small negative values are small too.
    void svar(std::int64_t value) {
        var((static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63));
    }
    // varint length, then the bytes.
    void text(std::string_view value);
    void reserve(std::size_t bytes) { bytes_.reserve(bytes); }

    const std::string& bytes() const { return bytes_; }
    std::string take() { return std::move(bytes_); }

  private:
    std::string bytes_;
};

class SnapshotReader {
  public:
    // Reads `bytes`, which must outlive the reader.
    explicit SnapshotReader(std::string_view bytes) : bytes_(bytes) {}

    // Each reads one value written by the SnapshotWriter call of the same name; `what` names it
    // in the error ("task 41 details").
    std::uint8_t u8(const char* what);
    std::uint32_t u32(const char* what);
    std::uint64_t u64(const char* what);
    std::int64_t i64(const char* what) { return static_cast<std::int64_t>(u64(what)); }
    bool boolean(const char* what);
    std::uint64_t var(const char* what);
    std::int64_t svar(const char* what) {
        const std::uint64_t raw = var(what);
        return static_cast<std::int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
    }
    std::string text(const char* what) { return std::string(text_view(what)); }
    // The bytes of a text, inside the payload (no copy).
    std::string_view text_view(const char* what);
    // A count (a varint) of items that each take at least `item_bytes` bytes: refuses a count the
    // rest of the payload cannot hold, so a damaged count cannot make us allocate without bound.
    std::uint64_t count(const char* what, std::uint64_t item_bytes = 1);

    bool at_end() const { return position_ == bytes_.size(); }
    std::size_t position() const { return position_; }

    // Throws InputError "snapshot-corrupt": "payload byte <position>: <problem>".
    [[noreturn]] void fail(const std::string& problem) const;

  private:
    std::string_view take(std::size_t size, const char* what);

    std::string_view bytes_;
    std::size_t position_ = 0;
};

}  // namespace taskcheck::server
