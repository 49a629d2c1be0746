// The record checksum and the record check that runs on both sides of the disk (STYLE.md §7).
#include "server/journal_record.hpp"

#include <boost/test/unit_test.hpp>

#include "server/crc32c.hpp"

using namespace taskcheck::server;

BOOST_AUTO_TEST_SUITE(server_journal_record)

BOOST_AUTO_TEST_CASE(crc32c_matches_the_standard_check_values) {
    // RFC 3720 B.4 and the CRC catalogue's check value for "123456789".
    BOOST_TEST(crc32c("123456789") == 0xE3069283u);
    BOOST_TEST(crc32c(std::string(32, '\0')) == 0x8A9136AAu);
    BOOST_TEST(crc32c(std::string(32, '\xff')) == 0x62A8AB43u);
    BOOST_TEST(crc32c("") == 0u);
}

BOOST_AUTO_TEST_CASE(crc32c_extend_equals_the_crc_of_the_concatenation) {
    std::string text = "the quick brown fox jumps over the lazy dog, twice over";
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
        std::string_view whole(text);
        BOOST_TEST(crc32c_extend(crc32c(whole.substr(0, cut)), whole.substr(cut)) == crc32c(whole));
    }
}

BOOST_AUTO_TEST_CASE(a_made_record_has_no_problem) {
    JournalRecord record = make_record(42, R"({"op":"enqueue"})");
    BOOST_TEST(record.seq == 42u);
    BOOST_TEST(record.checksum == record_checksum(42, R"({"op":"enqueue"})"));
    BOOST_TEST(!record_problem(record).has_value());
}

BOOST_AUTO_TEST_CASE(the_checksum_covers_the_seq_as_well_as_the_command) {
    // A record moved to another seq (or a seq rewritten in place) must not pass.
    BOOST_TEST(record_checksum(1, "{}") != record_checksum(2, "{}"));
    JournalRecord moved = make_record(7, "{}");
    moved.seq = 8;
    BOOST_TEST(record_problem(moved).value() ==
               "record seq=8: stored checksum " + format_checksum(moved.checksum) + ", computed " +
                   format_checksum(record_checksum(8, "{}")) + " from its 2-byte command");
}

BOOST_AUTO_TEST_CASE(a_flipped_byte_in_the_command_is_named_with_both_checksums) {
    JournalRecord record = make_record(3, R"({"uid":1})");
    record.command[7] = '2';
    BOOST_TEST(format_checksum(0x0badf00d) == "0x0badf00d");
    BOOST_TEST(record_problem(record).value() ==
               "record seq=3: stored checksum " +
                   format_checksum(record_checksum(3, R"({"uid":1})")) + ", computed " +
                   format_checksum(record_checksum(3, R"({"uid":2})")) +
                   " from its 9-byte command");
}

BOOST_AUTO_TEST_CASE(seq_zero_and_empty_commands_are_rejected) {
    BOOST_TEST(record_problem(make_record(0, "{}")).value() ==
               "record seq=0: seq must be at least 1");
    BOOST_TEST(record_problem(make_record(5, "")).value() == "record seq=5: empty command");
}

BOOST_AUTO_TEST_SUITE_END()
