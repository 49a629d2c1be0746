#include "server/snapshot_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "model/common/input_error.hpp"
#include "server/crc32c.hpp"
#include "server/snapshot_codec.hpp"

namespace taskcheck::server {
namespace {

constexpr std::string_view kMagic{"TCSNAP\r\n", 8};
constexpr std::size_t kHeaderSize = 44;

InputError write_failed(const std::filesystem::path& file, const std::string& doing) {
    return InputError("snapshot-write-failed", InputLocation{file.string(), 0, ""},
                      doing + ": " + std::strerror(errno),
                      "the journal is intact; the next start-up replays it whole");
}

[[noreturn]] void corrupt(const std::filesystem::path& file, const std::string& problem) {
    throw InputError("snapshot-corrupt", InputLocation{file.string(), 0, ""}, problem,
                     "the snapshot is ignored and the whole journal replayed");
}

// Writes all of `bytes` to `fd`; false with errno set on failure.
bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

void fsync_path(const std::filesystem::path& path, int flags, const std::filesystem::path& file) {
    int fd = ::open(path.c_str(), flags);
    if (fd < 0) throw write_failed(file, "opening " + path.string() + " to fsync it");
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) throw write_failed(file, "fsync of " + path.string());
}

// The bytes of `file`, or nullopt iff it does not exist (ENOENT). Throws InputError
// "snapshot-open" with the errno text for any other failure (EACCES, EISDIR, EIO, …).
std::optional<std::string> read_whole_file(const std::filesystem::path& file) {
    auto cannot = [&file](const char* doing) {
        return InputError("snapshot-open", InputLocation{file.string(), 0, ""},
                          std::string("cannot ") + doing + " the file: " + std::strerror(errno),
                          "the snapshot is ignored and the whole journal replayed");
    };
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) return std::nullopt;
    if (fd < 0) throw cannot("open");
    std::string bytes;
    char buffer[1 << 16];
    for (;;) {
        ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            InputError error = cannot("read");
            ::close(fd);
            throw error;
        }
        if (got == 0) break;
        bytes.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fd);
    return bytes;
}

}  // namespace

std::string encode_snapshot_file(const SnapshotFile& snapshot) {
    SnapshotWriter header;
    for (char c : kMagic)
        header.u8(static_cast<std::uint8_t>(c));
    header.u32(kSnapshotFormatVersion);
    header.u32(static_cast<std::uint32_t>(snapshot.profile));
    header.u64(snapshot.covered_seq);
    header.u32(snapshot.covered_checksum);
    header.u64(snapshot.payload.size());
    header.u32(crc32c(snapshot.payload));
    header.u32(crc32c(header.bytes()));
    std::string out = header.take();
    out += snapshot.payload;
    return out;
}

void write_snapshot_file(const std::filesystem::path& file, const SnapshotFile& snapshot) {
    const std::filesystem::path temp = file.string() + ".tmp";
    const std::string bytes = encode_snapshot_file(snapshot);
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw write_failed(file, "creating " + temp.string());
    bool ok = write_all(fd, bytes) && ::fsync(fd) == 0;
    int error = errno;
    ::close(fd);
    errno = error;
    if (!ok) throw write_failed(file, "writing " + temp.string());
    if (::rename(temp.c_str(), file.c_str()) != 0) throw write_failed(file, "renaming the .tmp");
    fsync_path(file.parent_path().empty() ? "." : file.parent_path(), O_RDONLY | O_DIRECTORY, file);
}

std::optional<SnapshotFile> read_snapshot_file(const std::filesystem::path& file) {
    std::optional<std::string> read = read_whole_file(file);
    if (!read) return std::nullopt;
    return decode_snapshot_file(std::move(*read), file);
}

SnapshotFile decode_snapshot_file(std::string bytes, const std::filesystem::path& file) {
    if (bytes.size() < kHeaderSize)
        corrupt(file, std::to_string(bytes.size()) + " bytes, shorter than the 44-byte header");
    if (std::string_view(bytes).substr(0, kMagic.size()) != kMagic)
        corrupt(file, "no snapshot magic at byte 0");
    SnapshotReader header(std::string_view(bytes).substr(kMagic.size(), kHeaderSize - 8));
    const std::uint32_t version = header.u32("format version");
    const std::uint32_t profile = header.u32("profile");
    SnapshotFile out;
    out.covered_seq = header.u64("covered seq");
    out.covered_checksum = header.u32("covered checksum");
    const std::uint64_t payload_size = header.u64("payload size");
    const std::uint32_t payload_crc = header.u32("payload checksum");
    const std::uint32_t header_crc = header.u32("header checksum");
    if (header_crc != crc32c(std::string_view(bytes).substr(0, kHeaderSize - 4)))
        corrupt(file, "the header checksum does not match");
    if (version != kSnapshotFormatVersion) {
        throw InputError("snapshot-version", InputLocation{file.string(), 0, ""},
                         "format version " + std::to_string(version) + ", this build reads " +
                             std::to_string(kSnapshotFormatVersion),
                         "the snapshot is ignored and the whole journal replayed");
    }
    if (profile != static_cast<std::uint32_t>(SnapshotProfile::meilisearch))
        corrupt(file, "unknown profile " + std::to_string(profile));
    if (payload_size != bytes.size() - kHeaderSize) {
        corrupt(file, "the header promises " + std::to_string(payload_size) +
                          " payload bytes, the file has " +
                          std::to_string(bytes.size() - kHeaderSize));
    }
    bytes.erase(0, kHeaderSize);  // one move in place, not a second copy of the payload
    out.payload = std::move(bytes);
    if (crc32c(out.payload) != payload_crc) corrupt(file, "the payload checksum does not match");
    out.profile = SnapshotProfile::meilisearch;
    return out;
}


}  // namespace taskcheck::server
