// A damaged journal is reported with the file and the first bad record, and nothing of it is
// delivered; a torn tail transaction disappears whole, as SQLite's WAL recovery promises.
#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <vector>

#include "model/common/input_error.hpp"
#include "server/journal.hpp"
#include "server/tests/temp_dir.hpp"

using namespace taskcheck;
using namespace taskcheck::server;
using taskcheck::server::testing::TempDir;

namespace {

constexpr const char* kHint =
    "; nothing was replayed; restore the data dir from a backup, or move it aside to start with "
    "an empty journal";

JournalOptions options_for(const TempDir& dir) {
    JournalOptions options;
    options.data_dir = dir.path();
    return options;
}

// A closed journal in `dir` holding {"n":1} … {"n":count}.
void write_journal(const TempDir& dir, int count) {
    Journal journal(options_for(dir));
    for (int n = 1; n <= count; ++n)
        journal.append(R"({"n":)" + std::to_string(n) + "}");
}

// Runs `sql` on the closed journal with a plain SQLite connection: the "disk" gets damaged.
void tamper(const TempDir& dir, const char* sql) {
    sqlite3* db = nullptr;
    BOOST_TEST_REQUIRE(sqlite3_open((dir / "journal.sqlite").c_str(), &db) == SQLITE_OK);
    BOOST_TEST_REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

// Replays and returns the InputError text; `delivered` counts records the callback saw.
std::string replay_error(const TempDir& dir, int& delivered) {
    delivered = 0;
    try {
        Journal journal(options_for(dir));
        journal.replay([&](const JournalRecord&) { ++delivered; });
    } catch (const InputError& e) {
        return e.what();
    }
    return "no InputError";
}

std::string file_of(const TempDir& dir) {
    return (dir / "journal.sqlite").string();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(server_journal_corruption)

BOOST_AUTO_TEST_CASE(a_flipped_byte_in_a_command_is_named_and_nothing_is_delivered) {
    TempDir dir("corrupt-flip");
    write_journal(dir, 5);
    // {"n":3} becomes {"n":7}: one byte of the payload, the checksum left as it was.
    tamper(dir, R"(UPDATE journal SET command = '{"n":7}' WHERE seq = 3)");
    int delivered = -1;
    std::string text = replay_error(dir, delivered);
    BOOST_TEST(text == "journal-corrupt: " + file_of(dir) + ": record seq=3: stored checksum " +
                           format_checksum(record_checksum(3, R"({"n":3})")) + ", computed " +
                           format_checksum(record_checksum(3, R"({"n":7})")) +
                           " from its 7-byte command" + kHint);
    BOOST_TEST(delivered == 0);
}

BOOST_AUTO_TEST_CASE(a_changed_checksum_is_caught_like_a_changed_command) {
    TempDir dir("corrupt-checksum");
    write_journal(dir, 2);
    tamper(dir, "UPDATE journal SET checksum = 195948557 WHERE seq = 2");  // 0x0badf00d
    int delivered = -1;
    BOOST_TEST(replay_error(dir, delivered) ==
               "journal-corrupt: " + file_of(dir) +
                   ": record seq=2: stored checksum 0x0badf00d, computed " +
                   format_checksum(record_checksum(2, R"({"n":2})")) + " from its 7-byte command" +
                   kHint);
    BOOST_TEST(delivered == 0);
}

BOOST_AUTO_TEST_CASE(a_missing_record_in_the_middle_is_a_gap) {
    TempDir dir("corrupt-gap");
    write_journal(dir, 6);
    tamper(dir, "DELETE FROM journal WHERE seq IN (3, 4)");
    int delivered = -1;
    BOOST_TEST(replay_error(dir, delivered) ==
               "journal-corrupt: " + file_of(dir) +
                   ": record seq=2 is followed by seq=5; seq=3..4 are missing" + kHint);
    BOOST_TEST(delivered == 0);
}

BOOST_AUTO_TEST_CASE(check_alone_reports_what_replay_reports) {
    TempDir dir("corrupt-check");
    write_journal(dir, 4);
    tamper(dir, "DELETE FROM journal WHERE seq = 3");
    Journal journal(options_for(dir));
    std::string text = "no InputError";
    try {
        journal.check();
    } catch (const InputError& e) {
        text = e.what();
    }
    BOOST_TEST(text == "journal-corrupt: " + file_of(dir) +
                           ": record seq=2 is followed by seq=4; seq=3 is missing" + kHint);
}

BOOST_AUTO_TEST_CASE(a_missing_first_record_is_a_gap_too) {
    TempDir dir("corrupt-first");
    write_journal(dir, 3);
    tamper(dir, "DELETE FROM journal WHERE seq = 1");
    int delivered = -1;
    BOOST_TEST(replay_error(dir, delivered) == "journal-corrupt: " + file_of(dir) +
                                                   ": first record has seq=2; seq=1 is missing" +
                                                   kHint);
}

BOOST_AUTO_TEST_CASE(columns_of_the_wrong_type_are_reported_by_record) {
    TempDir dir("corrupt-types");
    write_journal(dir, 2);
    tamper(dir, "UPDATE journal SET command = x'7b7d' WHERE seq = 2");
    int delivered = -1;
    BOOST_TEST(replay_error(dir, delivered) ==
               "journal-corrupt: " + file_of(dir) + ": record seq=2: command is not text" + kHint);
    tamper(dir, "UPDATE journal SET command = '{}', checksum = -1 WHERE seq = 2");
    BOOST_TEST(replay_error(dir, delivered) ==
               "journal-corrupt: " + file_of(dir) +
                   ": record seq=2: checksum -1 is outside 0..4294967295" + kHint);
}

BOOST_AUTO_TEST_CASE(a_torn_tail_transaction_disappears_whole) {
    // kill -9 during a group commit leaves a partly written WAL tail. SQLite's recovery keeps the
    // frames up to the last valid commit frame, so the torn group vanishes and no error is due.
    TempDir dir("corrupt-torn-tail");
    TempDir copy("corrupt-torn-tail-copy");
    std::filesystem::path wal = dir / "journal.sqlite-wal";
    std::uintmax_t wal_before_last = 0;
    {
        Journal journal(options_for(dir));
        for (int n = 1; n <= 3; ++n)
            journal.append(R"({"n":)" + std::to_string(n) + "}");
        wal_before_last = std::filesystem::file_size(wal);
        journal.append(R"({"n":4})");
        // Snapshot the files as a crash would leave them, with the last commit cut short.
        std::filesystem::copy_file(dir / "journal.sqlite", copy / "journal.sqlite");
        std::filesystem::copy_file(wal, copy / "journal.sqlite-wal");
    }
    std::uintmax_t wal_after = std::filesystem::file_size(copy / "journal.sqlite-wal");
    BOOST_TEST_REQUIRE(wal_after > wal_before_last);
    std::filesystem::resize_file(copy / "journal.sqlite-wal", wal_after - 100);
    Journal journal(options_for(copy));
    std::vector<std::string> commands;
    journal.replay([&](const JournalRecord& r) { commands.push_back(r.command); });
    BOOST_TEST(commands == (std::vector<std::string>{R"({"n":1})", R"({"n":2})", R"({"n":3})"}),
               boost::test_tools::per_element());
    BOOST_TEST(journal.append(R"({"n":4})") == 4u);
}

BOOST_AUTO_TEST_CASE(a_truncated_database_file_is_unreadable_and_named) {
    // SQLite sees the missing pages as soon as it reads the header, before any record.
    TempDir dir("corrupt-truncated");
    {
        Journal journal(options_for(dir));
        std::string padding(200, 'x');
        for (int n = 1; n <= 200; ++n) {
            journal.submit(R"({"n":)" + std::to_string(n) + R"(,"pad":")" + padding + "\"}");
        }
        journal.flush();
    }
    std::filesystem::path file = dir / "journal.sqlite";
    std::filesystem::resize_file(file, std::filesystem::file_size(file) / 2);
    int delivered = -1;
    BOOST_TEST(replay_error(dir, delivered) ==
               "journal-unreadable: " + file_of(dir) +
                   ": sqlite error 11 (database disk image is malformed) while switching to WAL "
                   "mode; the file is damaged or not a journal" +
                   kHint);
    BOOST_TEST(delivered == 0);
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_database_is_unreadable) {
    TempDir dir("corrupt-not-db");
    std::ofstream(dir / "journal.sqlite") << std::string(4096, 'j');
    int delivered = -1;
    BOOST_TEST(replay_error(dir, delivered) ==
               "journal-unreadable: " + file_of(dir) +
                   ": sqlite error 26 (file is not a database) while switching to WAL mode; the "
                   "file is damaged or not a journal" +
                   kHint);
}

BOOST_AUTO_TEST_SUITE_END()
