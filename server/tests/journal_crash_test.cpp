// kill -9 at seeded moments while several threads append: after every restart, and at the end,
// every acknowledged record is in the journal, in order, with no gap and no corruption.
// This is the pattern the full server crash test reuses with `taskcheck serve` as the child.
#include <signal.h>

#include <boost/process.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "model/common/splitmix64.hpp"
#include "server/journal.hpp"
#include "server/tests/temp_dir.hpp"

namespace bp = boost::process;
using namespace taskcheck::server;
using taskcheck::server::testing::TempDir;

namespace {

struct RoundResult {
    std::uint64_t replayed = 0;                  // what the writer found on start
    std::map<std::uint64_t, std::string> acked;  // seq -> command, as printed
};

// Starts the writer on `dir`, waits until it has acknowledged `acks` records (the kill moment is
// counted in records, not milliseconds, so a slow or busy machine sees the same schedule), waits
// `extra_us` more, then SIGKILLs it and returns everything it printed.
RoundResult run_and_kill(const std::string& dir, std::size_t acks, int extra_us) {
    bp::ipstream out;
    bp::child writer(TASKCHECK_JOURNAL_CRASH_WRITER, dir, "4", bp::std_out > out);
    std::vector<std::string> lines;
    std::mutex lines_mutex;
    std::thread reader([&] {
        for (std::string line; std::getline(out, line);) {
            std::lock_guard<std::mutex> lock(lines_mutex);
            lines.push_back(line);
        }
    });
    auto started = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - started < std::chrono::seconds(30)) {
        {
            std::lock_guard<std::mutex> lock(lines_mutex);
            if (lines.size() >= acks + 1) break;
        }
        if (!writer.running()) break;  // it failed; its stderr says why
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    std::this_thread::sleep_for(std::chrono::microseconds(extra_us));
    ::kill(writer.id(), SIGKILL);
    writer.wait();
    reader.join();
    BOOST_TEST(writer.exit_code() != 0);  // killed, not exited

    RoundResult result;
    BOOST_TEST_REQUIRE(!lines.empty());
    BOOST_TEST_REQUIRE(lines[0].rfind("replayed ", 0) == 0, "first line: " << lines[0]);
    result.replayed = std::stoull(lines[0].substr(9));
    for (std::size_t i = 1; i < lines.size(); ++i) {
        std::size_t space = lines[i].find(' ');
        BOOST_TEST_REQUIRE(space != std::string::npos, "line: " << lines[i]);
        result.acked[std::stoull(lines[i].substr(0, space))] = lines[i].substr(space + 1);
    }
    return result;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(server_journal_crash)

BOOST_AUTO_TEST_CASE(every_acknowledged_record_survives_repeated_kill_9) {
    const std::uint64_t seed = 20'240'517;
    const int rounds = 8;
    BOOST_TEST_MESSAGE("crash test seed=" << seed << " rounds=" << rounds);
    std::uint64_t rng = seed;
    TempDir dir("journal-crash");
    std::map<std::uint64_t, std::string> acked;
    for (int round = 0; round < rounds; ++round) {
        std::size_t acks = 150 + taskcheck::splitmix64_next(rng) % 251;  // 150..400 records
        int extra_us =
            static_cast<int>(taskcheck::splitmix64_next(rng) % 2000);  // then 0..1999 us more
        RoundResult result = run_and_kill(dir.path().string(), acks, extra_us);
        BOOST_TEST_MESSAGE("round " << round << ": killed after " << acks << " acks + " << extra_us
                                    << " us, replayed " << result.replayed << ", acknowledged "
                                    << result.acked.size());
        // Everything acknowledged before this start was found by the writer's own replay.
        if (!acked.empty()) BOOST_TEST(result.replayed >= acked.rbegin()->first);
        for (const auto& [seq, command] : result.acked) {
            BOOST_TEST(seq > result.replayed);  // new records continue after the durable ones
            BOOST_TEST(acked.emplace(seq, command).second, "seq " << seq << " acked twice");
        }
    }
    BOOST_TEST(acked.size() >= 1000u, "only " << acked.size() << " records acknowledged");

    JournalOptions options;
    options.data_dir = dir.path();
    Journal journal(options);
    std::vector<JournalRecord> records;
    journal.replay([&](const JournalRecord& r) { records.push_back(r); });  // checks seq + crc
    BOOST_TEST_REQUIRE(records.size() >= acked.rbegin()->first);
    for (const auto& [seq, command] : acked) {
        BOOST_TEST(records[seq - 1].seq == seq);
        BOOST_TEST(records[seq - 1].command == command, "seq " << seq);
    }
}

BOOST_AUTO_TEST_SUITE_END()
