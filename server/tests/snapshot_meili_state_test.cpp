// The Meilisearch snapshot's promises: a decoded state is the state that was encoded — it
// encodes to the same bytes, answers every read the same and goes on the same under more
// commands — and start-up from snapshot + journal tail builds the state a full replay builds.
// A snapshot that is damaged or was taken of another journal is ignored with a warning.
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>
#include <vector>

#include "model/common/input_error.hpp"
#include "model/meili/task_query_parser.hpp"
#include "server/meili_snapshot.hpp"
#include "server/snapshot_file.hpp"
#include "server/sqlite_db.hpp"
#include "server/tests/input_error_text.hpp"
#include "server/tests/temp_dir.hpp"

using namespace taskcheck;
using namespace taskcheck::server;
using taskcheck::server::testing::error_text;
using taskcheck::server::testing::TempDir;
using Json = nlohmann::ordered_json;

namespace {

constexpr Nanos kStart = 1'704'067'200 * kNanosPerSecond;

meili::TaskRequest add(const std::string& index, const std::string& documents) {
    meili::AddDocuments request;
    request.index_uid = index;
    request.documents = Json::parse(documents);
    request.primary_key = "id";
    return request;
}

// Every kind of state the snapshot must carry: finished, failed, canceled and deleted tasks,
// a swap, settings, deletions by id, a batch failed by the admin fault, and tasks still
// enqueued with their payloads and pending documents.
std::vector<MeiliCommand> history() {
    Nanos now = kStart;
    auto at = [&now] { return now += ms(1); };
    std::vector<MeiliCommand> out;
    MeiliState sim;  // to run batches only while something is enqueued
    auto push = [&](MeiliCommand command) {
        sim.apply(command);
        out.push_back(std::move(command));
    };
    auto run_batch = [&](std::optional<meili::ApiError> error = std::nullopt) {
        if (sim.queue().tasks().with_status(meili::Status::enqueued).empty()) return;
        push(MeiliStartBatch{at()});
        push(MeiliFinishBatch{at(), std::move(error)});
    };
    push(MeiliEnqueue{at(), meili::CreateIndex{"movies", "id"}});
    push(MeiliEnqueue{at(), add("movies", R"([{"id":1,"t":"a"},{"id":2,"t":"b"}])")});
    push(MeiliEnqueue{at(), add("books", R"([{"title":"no id"}])")});
    push(MeiliEnqueue{
        at(), meili::UpdateSettings{"movies",
                                    Json::parse(R"({"a":1,"typoTolerance":{"minWordSizeForTypos":)"
                                                R"({"twoTypos":12}}})")}});
    for (int n = 0; n < 4; ++n)
        run_batch();
    push(MeiliEnqueue{at(), meili::DeleteDocuments{"movies", {"2"}}});
    run_batch(meili::ApiError{500, "injected", "internal", "internal"});
    push(MeiliEnqueue{at(), add("shows", R"([{"id":"x"}])")});
    push(MeiliEnqueue{at(), meili::SwapIndexes{{{"movies", "shows"}}}});
    for (int n = 0; n < 3; ++n)
        run_batch();
    push(MeiliEnqueue{at(), add("movies", R"([{"id":7}])")});
    push(MeiliFilterTask{at(), meili::TaskRoute::cancel, "statuses=enqueued"});
    push(MeiliFilterTask{at(), meili::TaskRoute::delete_, "statuses=failed"});
    run_batch();
    run_batch();
    push(MeiliEnqueue{at(), add("movies", R"([{"id":8,"t":"pending"}])")});
    push(MeiliEnqueue{at(), meili::DeleteDocuments{"movies", {"1"}}});
    return out;
}

MeiliState apply_all(const std::vector<MeiliCommand>& commands) {
    MeiliState state;
    for (const MeiliCommand& command : commands)
        state.apply(command);
    return state;
}

// Every read a client can make of the tasks and documents, as text.
std::string views(const MeiliState& state) {
    std::string out;
    for (meili::TaskUid uid = 0; uid <= state.queue().tasks().next_uid(); ++uid) {
        auto task = state.queue().get_task(uid);
        out += task.ok() ? task->dump() : task.error().message;
        out += "\n";
    }
    auto all = meili::parse_task_query(meili::TaskRoute::list, "limit=1000");
    out += to_json(state.queue().list_tasks(all.value())).dump() + "\n";
    for (const char* index : {"movies", "books", "shows"}) {
        const MeiliIndexRecord* record = state.documents().find(index);
        if (record == nullptr) continue;
        for (const auto& [position, body] : record->by_position)
            out += std::string(index) + " " + std::to_string(position) + " " + body.dump() + "\n";
    }
    return out;
}

// A journal in `dir` holding `commands`; returns the position after the first `covered`.
JournalPosition write_journal(const TempDir& dir, const std::vector<MeiliCommand>& commands,
                              std::size_t covered) {
    Journal journal(JournalOptions{dir.path()});
    JournalPosition at;
    for (std::size_t n = 0; n < commands.size(); ++n) {
        journal.append(encode_meili_command(commands[n]));
        if (n + 1 == covered) at = journal.last_position();
    }
    return at;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(snapshot_meili_state)

BOOST_AUTO_TEST_CASE(a_decoded_state_encodes_to_the_same_bytes_and_answers_the_same) {
    const MeiliState original = apply_all(history());
    BOOST_TEST_REQUIRE(original.queue().tasks().with_status(meili::Status::enqueued).size() >= 2u);
    BOOST_TEST_REQUIRE(original.documents().pending() >= 1u);
    const std::string bytes = encode_meili_state(original);
    const MeiliState decoded = decode_meili_state(bytes);
    BOOST_TEST(encode_meili_state(decoded) == bytes);
    BOOST_TEST(views(decoded) == views(original));
    BOOST_TEST(decoded.latest() == original.latest());
    BOOST_TEST(decoded.applied() == original.applied());
    // Format 3 keeps each index's typo sizes (the swap moved movies' to shows).
    BOOST_TEST(original.queue().indexes().find("shows")->typo_sizes.two_typos == 12u);
    BOOST_TEST(decoded.queue().indexes().find("shows")->typo_sizes.two_typos == 12u);
}

BOOST_AUTO_TEST_CASE(a_decoded_state_goes_on_like_the_original) {
    // The secondary indexes, payloads and pending documents must be live, not just printable:
    // the enqueued tasks run and a cancel matches the same set on both.
    MeiliState original = apply_all(history());
    MeiliState decoded = decode_meili_state(encode_meili_state(original));
    Nanos now = original.latest();
    const std::vector<MeiliCommand> more{
        MeiliEnqueue{now + 1, add("movies", R"([{"id":9}])")},
        MeiliFilterTask{now + 2, meili::TaskRoute::cancel, "indexUids=books"},
        MeiliStartBatch{now + 3},
        MeiliFinishBatch{now + 4, std::nullopt},
        MeiliStartBatch{now + 5},
        MeiliFinishBatch{now + 6, std::nullopt},
        MeiliStartBatch{now + 7},
        MeiliRestart{now + 8}};
    for (const MeiliCommand& command : more) {
        const bool idle = original.queue().tasks().with_status(meili::Status::enqueued).empty();
        if (std::holds_alternative<MeiliStartBatch>(command) && idle) continue;
        if (std::holds_alternative<MeiliFinishBatch>(command) && original.batch().empty()) continue;
        original.apply(command);
        decoded.apply(command);
    }
    BOOST_TEST(views(decoded) == views(original));
    BOOST_TEST(encode_meili_state(decoded) == encode_meili_state(original));
}

BOOST_AUTO_TEST_CASE(a_truncated_payload_is_refused_whole) {
    const std::string bytes = encode_meili_state(apply_all(history()));
    const std::string text = error_text([&] { decode_meili_state(bytes.substr(0, 100)); });
    BOOST_TEST(text.rfind("snapshot-corrupt: payload byte ", 0) == 0u, text);
    BOOST_TEST(error_text([&] { decode_meili_state(bytes + "x"); }) ==
               "snapshot-corrupt: payload byte " + std::to_string(bytes.size()) +
                   ": bytes left after the state; the snapshot is ignored and the whole "
                   "journal replayed");
}

BOOST_AUTO_TEST_CASE(start_up_loads_the_snapshot_and_replays_only_the_tail) {
    TempDir dir("snapshot-startup");
    const std::vector<MeiliCommand> commands = history();
    const std::size_t covered = commands.size() - 2;  // the last two are registrations
    const JournalPosition at = write_journal(dir, commands, covered);
    write_meili_snapshot(apply_all({commands.begin(), commands.begin() + covered}), at, dir.path());
    Journal journal(JournalOptions{dir.path()});
    std::ostringstream warnings;
    MeiliStartup startup = load_meili_state(journal, warnings);
    BOOST_TEST(warnings.str() == "");
    BOOST_TEST(startup.snapshot_seq == covered);
    BOOST_TEST(startup.replayed == 2u);
    BOOST_TEST(encode_meili_state(startup.state) == encode_meili_state(apply_all(commands)));
}

BOOST_AUTO_TEST_CASE(a_snapshot_of_another_journal_is_ignored_with_a_warning) {
    TempDir dir("snapshot-foreign");
    const std::vector<MeiliCommand> commands = history();
    JournalPosition at = write_journal(dir, commands, 3);
    at.checksum ^= 1;  // as if taken of a journal whose record 3 differs
    write_meili_snapshot(apply_all({commands.begin(), commands.begin() + 3}), at, dir.path());
    Journal journal(JournalOptions{dir.path()});
    std::ostringstream warnings;
    MeiliStartup startup = load_meili_state(journal, warnings);
    BOOST_TEST(warnings.str() ==
               "taskcheck serve: warning: " + meili_snapshot_file(dir.path()).string() +
                   " was not taken of this journal (record seq=3 has another "
                   "checksum); replaying the whole journal\n");
    BOOST_TEST(startup.snapshot_seq == 0u);
    BOOST_TEST(startup.replayed == commands.size());
    BOOST_TEST(views(startup.state) == views(apply_all(commands)));
}

BOOST_AUTO_TEST_CASE(a_damaged_snapshot_is_ignored_with_a_warning_and_the_journal_replayed) {
    TempDir dir("snapshot-damaged");
    const std::vector<MeiliCommand> commands = history();
    const JournalPosition at = write_journal(dir, commands, commands.size());
    write_meili_snapshot(apply_all(commands), at, dir.path());
    const std::filesystem::path file = meili_snapshot_file(dir.path());
    std::fstream(file, std::ios::in | std::ios::out | std::ios::binary).seekp(60).put('\x7f');
    Journal journal(JournalOptions{dir.path()});
    std::ostringstream warnings;
    MeiliStartup startup = load_meili_state(journal, warnings);
    BOOST_TEST(warnings.str() == "taskcheck serve: warning: snapshot-corrupt: " + file.string() +
                                     ": the payload checksum does not match; the snapshot is "
                                     "ignored and the whole journal replayed; replaying the "
                                     "whole journal\n");
    BOOST_TEST(startup.snapshot_seq == 0u);
    BOOST_TEST(encode_meili_state(startup.state) == encode_meili_state(apply_all(commands)));
}

BOOST_AUTO_TEST_CASE(a_damaged_journal_tail_still_fails_start_up_after_a_sound_snapshot) {
    // The snapshot saves time, never hides the journal's own damage (issue 5 durability rules).
    TempDir dir("snapshot-journal-damaged");
    const std::vector<MeiliCommand> commands = history();
    const JournalPosition at = write_journal(dir, commands, 4);
    write_meili_snapshot(apply_all({commands.begin(), commands.begin() + 4}), at, dir.path());
    {
        SqliteDb db(Journal::file_in(dir.path()));
        db.exec("UPDATE journal SET checksum = checksum + 1 WHERE seq = 6", "test", "damaging");
    }
    Journal journal(JournalOptions{dir.path()});
    std::ostringstream warnings;
    const std::string text = error_text([&] { load_meili_state(journal, warnings); });
    BOOST_TEST(
        text.rfind("journal-corrupt: " + journal.file().string() + ": record seq=6: ", 0) == 0u,
        text);
}

// Issue 12 finding 12: a journal shorter than its snapshot proves it was started with a warning
// and served fewer tasks, or none. It is refused unless the loss is accepted explicitly.
BOOST_AUTO_TEST_CASE(a_journal_that_lost_its_tail_beside_a_longer_snapshot_is_refused) {
    TempDir dir("snapshot-lost-tail");
    const std::vector<MeiliCommand> commands = history();
    const JournalPosition at = write_journal(dir, commands, commands.size());
    write_meili_snapshot(apply_all(commands), at, dir.path());
    {
        SqliteDb db(Journal::file_in(dir.path()));
        const std::string cut = "DELETE FROM journal WHERE seq > " + std::to_string(at.seq - 3);
        db.exec(cut.c_str(), "test", "losing the tail");
    }
    Journal journal(JournalOptions{dir.path()});
    std::ostringstream warnings;
    const std::string text = error_text([&] { load_meili_state(journal, warnings); });
    const std::string last = std::to_string(at.seq - 3), covered = std::to_string(at.seq);
    BOOST_TEST(text == "journal-lost: " + journal.file().string() +
                           ": the journal ends at seq=" + last + ", but " +
                           meili_snapshot_file(dir.path()).string() + " covers seq=" + covered +
                           ": records " + std::to_string(at.seq - 2) + ".." + covered +
                           " (and any after them) were lost — the journal lost its tail or was "
                           "deleted; restore journal.sqlite (with its -wal file) from a backup of "
                           "this data dir; or start serve with --accept-journal-loss to serve only "
                           "what the journal holds (the snapshot is then moved to " +
                           meili_snapshot_lost_file(dir.path()).string() + ")");
    BOOST_TEST(warnings.str() == "");
    BOOST_TEST(std::filesystem::exists(meili_snapshot_file(dir.path())));
}

BOOST_AUTO_TEST_CASE(a_deleted_journal_beside_a_snapshot_is_refused) {
    TempDir dir("snapshot-lost-all");
    const std::vector<MeiliCommand> commands = history();
    const JournalPosition at = write_journal(dir, commands, commands.size());
    write_meili_snapshot(apply_all(commands), at, dir.path());
    std::filesystem::remove(Journal::file_in(dir.path()));
    Journal journal(JournalOptions{dir.path()});  // a new, empty journal
    std::ostringstream warnings;
    const std::string text = error_text([&] { load_meili_state(journal, warnings); });
    BOOST_TEST(
        text.rfind("journal-lost: " + journal.file().string() + ": the journal is empty, but " +
                       meili_snapshot_file(dir.path()).string() + " covers seq=" +
                       std::to_string(at.seq) + ": records 1.." + std::to_string(at.seq),
                   0) == 0u,
        text);
}

BOOST_AUTO_TEST_CASE(an_accepted_journal_loss_serves_the_journal_and_moves_the_snapshot_aside) {
    TempDir dir("snapshot-lost-accepted");
    const std::vector<MeiliCommand> commands = history();
    const std::size_t kept = commands.size() - 3;
    const JournalPosition at = write_journal(dir, commands, commands.size());
    write_meili_snapshot(apply_all(commands), at, dir.path());
    {
        SqliteDb db(Journal::file_in(dir.path()));
        const std::string cut = "DELETE FROM journal WHERE seq > " + std::to_string(kept);
        db.exec(cut.c_str(), "test", "losing the tail");
    }
    Journal journal(JournalOptions{dir.path()});
    std::ostringstream warnings;
    MeiliStartup startup = load_meili_state(journal, warnings, true);
    BOOST_TEST(
        warnings.str().rfind("taskcheck serve: warning: journal-lost: " + journal.file().string() +
                                 ": the journal ends at seq=" + std::to_string(kept),
                             0) == 0u,
        warnings.str());
    BOOST_TEST(warnings.str().find(
                   "; accepted (--accept-journal-loss): serving the " + std::to_string(kept) +
                   " records the journal holds; the "
                   "snapshot was moved to " +
                   meili_snapshot_lost_file(dir.path()).string() + "\n") != std::string::npos);
    BOOST_TEST(startup.snapshot_seq == 0u);
    BOOST_TEST(startup.replayed == kept);
    BOOST_TEST(views(startup.state) ==
               views(apply_all({commands.begin(), commands.begin() + kept})));
    BOOST_TEST(!std::filesystem::exists(meili_snapshot_file(dir.path())));
    BOOST_TEST(std::filesystem::exists(meili_snapshot_lost_file(dir.path())));
    std::ostringstream again;  // the next start-up neither refuses nor warns
    BOOST_TEST(load_meili_state(journal, again).replayed == kept);
    BOOST_TEST(again.str() == "");
}

BOOST_AUTO_TEST_SUITE_END()
