#include "server/snapshot_codec.hpp"

#include "model/common/input_error.hpp"

namespace taskcheck::server {

void SnapshotWriter::u32(std::uint32_t value) {
    char raw[4];
    for (int i = 0; i < 4; ++i)
        raw[i] = static_cast<char>(value >> (8 * i));
    bytes_.append(raw, sizeof raw);
}

void SnapshotWriter::u64(std::uint64_t value) {
    char raw[8];
    for (int i = 0; i < 8; ++i)
        raw[i] = static_cast<char>(value >> (8 * i));
    bytes_.append(raw, sizeof raw);
}

void SnapshotWriter::var(std::uint64_t value) {
    char raw[10];
    std::size_t size = 0;
    while (value >= 0x80) {
        raw[size++] = static_cast<char>((value & 0x7F) | 0x80);
        value >>= 7;
    }
    raw[size++] = static_cast<char>(value);
    bytes_.append(raw, size);
}

void SnapshotWriter::text(std::string_view value) {
    var(value.size());
    bytes_.append(value);
}

void SnapshotReader::fail(const std::string& problem) const {
    throw InputError("snapshot-corrupt", InputLocation{},
                     "payload byte " + std::to_string(position_) + ": " + problem,
                     "the snapshot is ignored and the whole journal replayed");
}

std::string_view SnapshotReader::take(std::size_t size, const char* what) {
    if (bytes_.size() - position_ < size) {
        fail(std::string("the payload ends inside ") + what + " (" + std::to_string(size) +
             " bytes wanted, " + std::to_string(bytes_.size() - position_) + " left)");
    }
    std::string_view out = bytes_.substr(position_, size);
    position_ += size;
    return out;
}

std::uint8_t SnapshotReader::u8(const char* what) {
    return static_cast<std::uint8_t>(take(1, what)[0]);
}

std::uint32_t SnapshotReader::u32(const char* what) {
    std::string_view raw = take(4, what);
    std::uint32_t value = 0;
    for (int i = 3; i >= 0; --i)
        value = (value << 8) | static_cast<std::uint8_t>(raw[static_cast<std::size_t>(i)]);
    return value;
}

std::uint64_t SnapshotReader::u64(const char* what) {
    std::string_view raw = take(8, what);
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i)
        value = (value << 8) | static_cast<std::uint8_t>(raw[static_cast<std::size_t>(i)]);
    return value;
}

bool SnapshotReader::boolean(const char* what) {
    std::uint8_t value = u8(what);
    if (value > 1) fail(std::string(what) + " is " + std::to_string(value) + ", not 0 or 1");
    return value == 1;
}

std::uint64_t SnapshotReader::var(const char* what) {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (position_ == bytes_.size()) fail(std::string("the payload ends inside ") + what);
        const auto byte = static_cast<std::uint8_t>(bytes_[position_++]);
        if (shift == 63 && byte > 1) fail(std::string(what) + " is a varint over 64 bits");
        value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if (byte < 0x80) return value;
    }
    fail(std::string(what) + " is a varint over 10 bytes");
}

std::string_view SnapshotReader::text_view(const char* what) {
    std::uint64_t size = count(what);
    return take(static_cast<std::size_t>(size), what);
}

std::uint64_t SnapshotReader::count(const char* what, std::uint64_t item_bytes) {
    std::uint64_t value = var(what);
    std::uint64_t left = bytes_.size() - position_;
    if (item_bytes > 0 && value > left / item_bytes) {
        fail(std::string(what) + " counts " + std::to_string(value) + " items but only " +
             std::to_string(left) + " bytes are left");
    }
    return value;
}

}  // namespace taskcheck::server
