// SnapshotFile's promises: what is written is read back exactly; any damage — a flipped byte, a
// torn tail, another version — is reported with its own text and never read as a state; and a
// write killed before its rename (a leftover .tmp) leaves the previous snapshot in force.
#include "server/snapshot_file.hpp"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <iterator>

#include "model/common/input_error.hpp"
#include "server/crc32c.hpp"
#include "server/tests/input_error_text.hpp"
#include "server/tests/temp_dir.hpp"

using namespace taskcheck;
using namespace taskcheck::server;
using taskcheck::server::testing::error_text;
using taskcheck::server::testing::TempDir;

namespace {

SnapshotFile sample(std::string payload = "state bytes") {
    SnapshotFile snapshot;
    snapshot.covered_seq = 42;
    snapshot.covered_checksum = 0x0badf00d;
    snapshot.payload = std::move(payload);
    return snapshot;
}

std::string read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(snapshot_file)

BOOST_AUTO_TEST_CASE(a_written_snapshot_reads_back_exactly_and_leaves_no_tmp) {
    TempDir dir("snapshot-roundtrip");
    write_snapshot_file(dir / "s.snapshot", sample());
    std::optional<SnapshotFile> read = read_snapshot_file(dir / "s.snapshot");
    BOOST_TEST_REQUIRE(read.has_value());
    BOOST_TEST(read->covered_seq == 42u);
    BOOST_TEST(read->covered_checksum == 0x0badf00du);
    BOOST_TEST(read->payload == "state bytes");
    BOOST_TEST(!std::filesystem::exists(dir / "s.snapshot.tmp"));
    BOOST_TEST(read_bytes(dir / "s.snapshot").size() == 44u + 11u);
}

BOOST_AUTO_TEST_CASE(a_missing_snapshot_is_nullopt) {
    TempDir dir("snapshot-missing");
    BOOST_TEST(!read_snapshot_file(dir / "s.snapshot").has_value());
}

BOOST_AUTO_TEST_CASE(a_flipped_payload_byte_fails_the_payload_checksum) {
    TempDir dir("snapshot-flip");
    std::string bytes = encode_snapshot_file(sample());
    bytes[44 + 3] ^= 0x01;
    write_bytes(dir / "s.snapshot", bytes);
    BOOST_TEST(error_text([&] { read_snapshot_file(dir / "s.snapshot"); }) ==
               "snapshot-corrupt: " + (dir / "s.snapshot").string() +
                   ": the payload checksum does not match; the snapshot is ignored and the "
                   "whole journal replayed");
}

BOOST_AUTO_TEST_CASE(a_torn_tail_disagrees_with_the_header_size) {
    // A write cut short (a crash without the rename protocol) leaves fewer bytes than promised.
    TempDir dir("snapshot-torn");
    std::string bytes = encode_snapshot_file(sample());
    write_bytes(dir / "s.snapshot", bytes.substr(0, bytes.size() - 4));
    BOOST_TEST(error_text([&] { read_snapshot_file(dir / "s.snapshot"); }) ==
               "snapshot-corrupt: " + (dir / "s.snapshot").string() +
                   ": the header promises 11 payload bytes, the file has 7; the snapshot is "
                   "ignored and the whole journal replayed");
    write_bytes(dir / "s.snapshot", bytes.substr(0, 30));
    BOOST_TEST(error_text([&] { read_snapshot_file(dir / "s.snapshot"); }) ==
               "snapshot-corrupt: " + (dir / "s.snapshot").string() +
                   ": 30 bytes, shorter than the 44-byte header; the snapshot is ignored and "
                   "the whole journal replayed");
}

BOOST_AUTO_TEST_CASE(a_damaged_header_fails_the_header_checksum) {
    TempDir dir("snapshot-header");
    std::string bytes = encode_snapshot_file(sample());
    bytes[16] ^= 0x01;  // covered_seq
    write_bytes(dir / "s.snapshot", bytes);
    BOOST_TEST(error_text([&] { read_snapshot_file(dir / "s.snapshot"); }) ==
               "snapshot-corrupt: " + (dir / "s.snapshot").string() +
                   ": the header checksum does not match; the snapshot is ignored and the "
                   "whole journal replayed");
    write_bytes(dir / "s.snapshot", "not a snapshot at all, but long enough to have a header");
    BOOST_TEST(error_text([&] { read_snapshot_file(dir / "s.snapshot"); }) ==
               "snapshot-corrupt: " + (dir / "s.snapshot").string() +
                   ": no snapshot magic at byte 0; the snapshot is ignored and the whole journal "
                   "replayed");
}

BOOST_AUTO_TEST_CASE(another_format_version_is_refused_by_name) {
    TempDir dir("snapshot-version");
    std::string bytes = encode_snapshot_file(sample());
    bytes[8] = 9;  // format version 9, with a header checksum that matches it
    const std::uint32_t crc = crc32c(std::string_view(bytes).substr(0, 40));
    for (int i = 0; i < 4; ++i)
        bytes[40 + static_cast<std::size_t>(i)] = static_cast<char>(crc >> (8 * i));
    write_bytes(dir / "s.snapshot", bytes);
    BOOST_TEST(error_text([&] { read_snapshot_file(dir / "s.snapshot"); }) ==
               "snapshot-version: " + (dir / "s.snapshot").string() +
                   ": format version 9, this build reads " +
                   std::to_string(kSnapshotFormatVersion) +
                   "; the snapshot is ignored and the whole journal replayed");
}

BOOST_AUTO_TEST_CASE(a_write_killed_before_its_rename_leaves_the_old_snapshot_in_force) {
    // 1. snapshot A is written; 2. writing B dies after part of B.tmp (kill -9); 3. start-up
    // reads the snapshot file: A, whole. The next write replaces the stale .tmp.
    TempDir dir("snapshot-killed");
    write_snapshot_file(dir / "s.snapshot", sample("A"));
    write_bytes(dir / "s.snapshot.tmp", encode_snapshot_file(sample("BBBB")).substr(0, 50));
    BOOST_TEST(read_snapshot_file(dir / "s.snapshot")->payload == "A");
    write_snapshot_file(dir / "s.snapshot", sample("C"));
    BOOST_TEST(read_snapshot_file(dir / "s.snapshot")->payload == "C");
    BOOST_TEST(!std::filesystem::exists(dir / "s.snapshot.tmp"));
}

BOOST_AUTO_TEST_CASE(an_unwritable_dir_fails_the_write_and_keeps_nothing_half_written) {
    TempDir dir("snapshot-unwritable");
    BOOST_TEST(error_text([&] { write_snapshot_file(dir / "missing" / "s.snapshot", sample()); })
                   .rfind("snapshot-write-failed: " + (dir / "missing" / "s.snapshot").string() +
                              ": creating ",
                          0) == 0u);
}

BOOST_AUTO_TEST_CASE(a_snapshot_that_cannot_be_read_is_named_with_the_errno_text) {
    // Start-up turns this into a warning and a full replay; it must say why, not only "cannot
    // read". (EACCES cannot happen as root; a directory in its place fails the read: EISDIR.)
    TempDir dir("snapshot-unreadable");
    std::filesystem::create_directory(dir / "s.snapshot");
    BOOST_TEST(error_text([&] { read_snapshot_file(dir / "s.snapshot"); }) ==
               "snapshot-open: " + (dir / "s.snapshot").string() +
                   ": cannot read the file: Is a directory; the snapshot is ignored and the whole "
                   "journal replayed");
}

BOOST_AUTO_TEST_SUITE_END()
