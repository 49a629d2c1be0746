// The journal's promises on a healthy disk: consecutive seqs, durable appends that survive a
// reopen, group commit under concurrent appenders, exclusive use, and the open-time checks.
#include "server/journal.hpp"

#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <thread>
#include <vector>

#include "model/common/input_error.hpp"
#include "server/tests/input_error_text.hpp"
#include "server/tests/temp_dir.hpp"

using namespace taskcheck;
using namespace taskcheck::server;
using taskcheck::server::testing::error_text;
using taskcheck::server::testing::TempDir;

namespace {

const std::string kAccessHint =
    "the user running serve must be able to read, write and search the data dir and its files "
    "(check their owner and mode with ls -ld), or pass another --data-dir";

JournalOptions options_for(const TempDir& dir) {
    JournalOptions options;
    options.data_dir = dir.path();
    return options;
}

std::vector<JournalRecord> replay_all(Journal& journal) {
    std::vector<JournalRecord> records;
    journal.replay([&](const JournalRecord& r) { records.push_back(r); });
    return records;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(server_journal)

BOOST_AUTO_TEST_CASE(appends_get_consecutive_seqs_and_replay_in_order_after_reopen) {
    TempDir dir("journal-reopen");
    {
        Journal journal(options_for(dir));
        BOOST_TEST(journal.file() == dir / "journal.sqlite");
        BOOST_TEST(journal.append(R"({"op":"a"})") == 1u);
        BOOST_TEST(journal.append(R"({"op":"b"})") == 2u);
        BOOST_TEST(journal.durable_seq() == 2u);
    }
    Journal journal(options_for(dir));
    BOOST_TEST(journal.last_seq() == 2u);
    std::vector<JournalRecord> records = replay_all(journal);
    BOOST_TEST_REQUIRE(records.size() == 2u);
    BOOST_TEST(records[0].seq == 1u);
    BOOST_TEST(records[0].command == R"({"op":"a"})");
    BOOST_TEST(records[1].command == R"({"op":"b"})");
    BOOST_TEST(journal.append(R"({"op":"c"})") == 3u);
}

BOOST_AUTO_TEST_CASE(submit_hands_out_seqs_in_call_order_and_wait_makes_them_durable) {
    // A server applies a command to its model and submits it under one lock, then waits outside
    // it: the seq order must be the submit order, whoever writes the group.
    TempDir dir("journal-submit");
    Journal journal(options_for(dir));
    BOOST_TEST(journal.submit(R"({"n":1})") == 1u);
    BOOST_TEST(journal.submit(R"({"n":2})") == 2u);
    BOOST_TEST(journal.submit(R"({"n":3})") == 3u);
    BOOST_TEST(journal.durable_seq() == 0u);
    journal.wait_durable(2);
    BOOST_TEST(journal.durable_seq() == 3u);  // one group took everything queued
    BOOST_TEST(journal.groups_written() == 1u);
    std::vector<JournalRecord> records = replay_all(journal);
    BOOST_TEST_REQUIRE(records.size() == 3u);
    BOOST_TEST(records[2].command == R"({"n":3})");
}

BOOST_AUTO_TEST_CASE(a_small_group_limit_splits_the_queue_into_several_transactions) {
    TempDir dir("journal-group-limit");
    JournalOptions options = options_for(dir);
    options.group_records_max = 2;
    Journal journal(options);
    for (int i = 1; i <= 5; ++i)
        journal.submit(R"({"i":)" + std::to_string(i) + "}");
    journal.wait_durable(1);
    BOOST_TEST(journal.durable_seq() == 2u);
    journal.flush();
    BOOST_TEST(journal.durable_seq() == 5u);
    BOOST_TEST(journal.groups_written() == 3u);
    BOOST_TEST(replay_all(journal).size() == 5u);
}

BOOST_AUTO_TEST_CASE(concurrent_appenders_lose_nothing_and_share_transactions) {
    TempDir dir("journal-concurrent");
    constexpr int kThreads = 8;
    constexpr int kPerThread = 200;
    std::vector<std::vector<std::uint64_t>> seqs(kThreads);
    {
        Journal journal(options_for(dir));
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&journal, &seqs, t] {
                for (int i = 0; i < kPerThread; ++i) {
                    std::string command =
                        R"({"t":)" + std::to_string(t) + R"(,"i":)" + std::to_string(i) + "}";
                    seqs[t].push_back(journal.append(command));
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
    }
    Journal journal(options_for(dir));
    std::vector<JournalRecord> records = replay_all(journal);
    BOOST_TEST_REQUIRE(records.size() == std::size_t{kThreads * kPerThread});
    for (int t = 0; t < kThreads; ++t) {
        for (int i = 0; i < kPerThread; ++i) {
            // Each acknowledged seq holds exactly the command that thread appended.
            const JournalRecord& r = records[seqs[t][i] - 1];
            BOOST_TEST(r.command ==
                       R"({"t":)" + std::to_string(t) + R"(,"i":)" + std::to_string(i) + "}");
            if (i > 0) BOOST_TEST(seqs[t][i] > seqs[t][i - 1]);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_failed_write_poisons_the_journal_and_keeps_what_was_durable) {
    // 1. appends fill the journal to its page cap; 2. one group fails with SQLITE_FULL; 3. every
    // later call fails the same way (its seq would leave a gap); 4. a reopen replays what was
    // durable.
    TempDir dir("journal-full");
    JournalOptions options = options_for(dir);
    options.pages_max = 4;
    std::uint64_t durable = 0;
    std::string failure;
    {
        Journal journal(options);
        std::vector<std::string> reported;  // what the failure handler was told, and by whom
        const std::thread::id self = std::this_thread::get_id();
        journal.on_failure([&](const InputError& e) {
            BOOST_TEST((std::this_thread::get_id() == self));
            reported.push_back(e.what());
        });
        std::string padding(600, 'x');
        try {
            for (int n = 1; n <= 100; ++n) {
                durable = journal.append(R"({"n":)" + std::to_string(n) + R"(,"pad":")" + padding +
                                         "\"}");
            }
        } catch (const InputError& e) {
            failure = e.what();
        }
        BOOST_TEST_REQUIRE(durable > 0u);
        BOOST_TEST(failure ==
                   "journal-write-failed: " + (dir / "journal.sqlite").string() +
                       ": sqlite error 13 (database or disk is full) while writing seq=" +
                       std::to_string(durable + 1) + ".." + std::to_string(durable + 1) +
                       "; the disk holding the journal is full (or the file reached its size "
                       "limit); every acknowledged record is on disk: free space there and start "
                       "serve again");
        BOOST_TEST(error_text([&] { journal.submit("{}"); }) == failure);
        BOOST_TEST(journal.durable_seq() == durable);
        BOOST_TEST(reported == std::vector<std::string>{failure});  // once, with the error
    }
    Journal reopened(options_for(dir));
    BOOST_TEST(reopened.check() == durable);
}

BOOST_AUTO_TEST_CASE(the_start_up_write_check_changes_no_record) {
    TempDir dir("journal-writable");
    {
        Journal journal(options_for(dir));
        journal.append(R"({"n":1})");
        journal.check_writable();
        BOOST_TEST(journal.append(R"({"n":2})") == 2u);
        journal.check_writable();
    }
    Journal reopened(options_for(dir));
    reopened.check_writable();
    const std::vector<JournalRecord> records = replay_all(reopened);
    BOOST_TEST_REQUIRE(records.size() == 2u);
    BOOST_TEST(records[1].command == R"({"n":2})");
}

BOOST_AUTO_TEST_CASE(a_second_opener_of_the_same_data_dir_is_refused) {
    TempDir dir("journal-locked");
    Journal first(options_for(dir));
    first.append("{}");
    std::string file = (dir / "journal.sqlite").string();
    BOOST_TEST(error_text([&] { Journal second(options_for(dir)); }) ==
               "journal-locked: " + file +
                   ": sqlite error 5 (database is locked) while switching to WAL mode; another "
                   "process has this journal open; stop it or use another data dir");
}

BOOST_AUTO_TEST_CASE(an_sqlite_file_that_is_not_a_journal_is_refused) {
    TempDir dir("journal-foreign");
    std::string file = (dir / "journal.sqlite").string();
    sqlite3* db = nullptr;
    BOOST_TEST_REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    BOOST_TEST(sqlite3_exec(db, "CREATE TABLE movies(id)", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    BOOST_TEST(error_text([&] { Journal journal(options_for(dir)); }) ==
               "journal-foreign: " + file +
                   ": application_id 0x00000000, expected 0x74636b6a (a taskcheck journal); point "
                   "--data-dir at a taskcheck data dir");
}

BOOST_AUTO_TEST_CASE(a_journal_of_another_format_version_is_refused) {
    TempDir dir("journal-version");
    { Journal journal(options_for(dir)); }
    std::string file = (dir / "journal.sqlite").string();
    sqlite3* db = nullptr;
    BOOST_TEST_REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    BOOST_TEST(sqlite3_exec(db, "PRAGMA user_version=9", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    BOOST_TEST(error_text([&] { Journal journal(options_for(dir)); }) ==
               "journal-version: " + file +
                   ": format version 9, this build reads 1; open it with the taskcheck version "
                   "that wrote it");
}

BOOST_AUTO_TEST_CASE(options_are_validated_before_anything_is_created) {
    JournalOptions empty;
    BOOST_TEST(error_text([&] { Journal journal(empty); }) ==
               "journal-options: data_dir is empty; pass --data-dir DIR");
    TempDir dir("journal-options");
    JournalOptions zero = options_for(dir);
    zero.group_records_max = 0;
    BOOST_TEST(error_text([&] { Journal journal(zero); }) ==
               "journal-options: group_records_max is 0; use at least 1");
    BOOST_TEST(!std::filesystem::exists(dir / "journal.sqlite"));
}

BOOST_AUTO_TEST_CASE(an_uncreatable_data_dir_is_reported_with_its_path) {
    TempDir dir("journal-uncreatable");
    std::filesystem::path blocker = dir / "file";
    { std::ofstream(blocker) << "x"; }
    JournalOptions options;
    options.data_dir = blocker / "data";
    std::string text = error_text([&] { Journal journal(options); });
    BOOST_TEST(text == "journal-open: " + options.data_dir.string() +
                           ": cannot create the data dir: Not a directory; " + kAccessHint);
}

BOOST_AUTO_TEST_CASE(a_journal_path_that_cannot_be_looked_up_is_an_input_error) {
    // Issue 12 finding 8: a data dir serve may not search (EACCES as non-root) threw an uncaught
    // std::filesystem::filesystem_error. As root EACCES cannot happen; a symlink loop makes the
    // same lookup fail (ELOOP) — serve_startup_test covers EACCES as user nobody.
    TempDir dir("journal-lookup");
    std::filesystem::create_symlink("journal.sqlite", dir / "journal.sqlite");
    std::string text = error_text([&] { Journal journal(options_for(dir)); });
    BOOST_TEST(text == "journal-open: " + (dir / "journal.sqlite").string() +
                           ": cannot look the journal up: Too many levels of symbolic links; " +
                           kAccessHint);
}

BOOST_AUTO_TEST_SUITE_END()
