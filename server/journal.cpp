#include "server/journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <system_error>
#include <utility>

#include "model/common/assert.hpp"
#include "server/sqlite_db.hpp"

namespace taskcheck::server {
namespace {

// PRAGMA application_id of a taskcheck journal: "tckj". On-disk format: do not change.
constexpr std::int64_t kApplicationId = 0x74636b6a;
// PRAGMA user_version: the record layout of journal_record.hpp in table `journal`.
constexpr std::int64_t kFormatVersion = 1;

constexpr const char* kCorruptHint =
    "nothing was replayed; restore the data dir from a backup, or move it aside to start with an "
    "empty journal";

constexpr const char* kAccessHint =
    "the user running serve must be able to read, write and search the data dir and its files "
    "(check their owner and mode with ls -ld), or pass another --data-dir";

InputError corrupt(const std::filesystem::path& file, std::string problem) {
    return InputError("journal-corrupt", InputLocation{file.string(), 0, ""}, std::move(problem),
                      kCorruptHint);
}

// A newly created file is durable only once its directory entry is: fsync the directory.
void sync_directory(const std::filesystem::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    int rc = fd < 0 ? -1 : ::fsync(fd);
    int error = errno;
    if (fd >= 0) ::close(fd);
    if (rc != 0) {
        throw InputError("journal-open", InputLocation{dir.string(), 0, ""},
                         std::string("cannot fsync the data dir: ") + std::strerror(error));
    }
}

// "record seq=41 is followed by seq=44; seq=42..43 are missing", "first record has seq=2; seq=1
// is missing". Requires: found > previous + 1.
std::string gap_problem(std::uint64_t previous, std::uint64_t found) {
    std::string text = previous == 0
                           ? "first record has seq="
                           : "record seq=" + std::to_string(previous) + " is followed by seq=";
    text += std::to_string(found) + "; seq=" + std::to_string(previous + 1);
    if (found - 1 == previous + 1) return text + " is missing";
    return text + ".." + std::to_string(found - 1) + " are missing";
}

// The seq of a row, or the text of why the row's columns cannot be a record.
std::optional<std::string> row_shape_problem(const SqliteStatement& row) {
    std::string name = "record seq=" + std::to_string(row.column_int(0));
    if (row.column_int(0) < 1) return name + ": seq must be at least 1";
    if (row.column_type(1) != SQLITE_INTEGER) return name + ": checksum is not an integer";
    std::int64_t checksum = row.column_int(1);
    if (checksum < 0 || checksum > 0xFFFFFFFFll) {
        return name + ": checksum " + std::to_string(checksum) + " is outside 0..4294967295";
    }
    if (row.column_type(2) != SQLITE_TEXT) return name + ": command is not text";
    return std::nullopt;
}

}  // namespace

void JournalOptions::validate() const {
    auto reject = [](std::string problem, std::string hint) {
        throw InputError("journal-options", InputLocation{}, std::move(problem), std::move(hint));
    };
    if (data_dir.empty()) reject("data_dir is empty", "pass --data-dir DIR");
    if (group_records_max == 0) reject("group_records_max is 0", "use at least 1");
}

std::filesystem::path Journal::file_in(const std::filesystem::path& data_dir) {
    return data_dir / "journal.sqlite";
}

Journal::Journal(const JournalOptions& options)
    : file_(file_in(options.data_dir)),
      group_records_max_(options.group_records_max),
      pages_max_(options.pages_max) {
    options.validate();
    std::error_code error;
    std::filesystem::create_directories(options.data_dir, error);
    if (error) {
        throw InputError("journal-open", InputLocation{options.data_dir.string(), 0, ""},
                         "cannot create the data dir: " + error.message(), kAccessHint);
    }
    // The non-throwing overload: a data dir the user may not search (EACCES), a symlink loop
    // (ELOOP) or a too long name must be an InputError, not an uncaught filesystem_error.
    const bool created = !std::filesystem::exists(file_, error);
    if (error) {
        throw InputError("journal-open", InputLocation{file_.string(), 0, ""},
                         "cannot look the journal up: " + error.message(), kAccessHint);
    }
    db_ = std::make_unique<SqliteDb>(file_);
    open_schema();
    if (created) sync_directory(options.data_dir);
    insert_ = std::make_unique<SqliteStatement>(
        *db_, "INSERT INTO journal(seq, checksum, command) VALUES (?1, ?2, ?3)",
        "journal-write-failed");
    last_seq_ = static_cast<std::uint64_t>(db_->query_int(
        "SELECT coalesce(max(seq), 0) FROM journal", "journal-open", "reading the highest seq"));
    last_checksum_ = static_cast<std::uint32_t>(db_->query_int(
        "SELECT coalesce((SELECT checksum FROM journal ORDER BY seq DESC LIMIT 1), 0)",
        "journal-open", "reading the highest seq"));
    durable_seq_ = last_seq_;
}

Journal::~Journal() = default;

// Takes the exclusive lock, switches to WAL with full sync, and creates or checks the schema.
void Journal::open_schema() {
    const char* id = "journal-open";
    db_->exec("PRAGMA locking_mode=EXCLUSIVE", id, "setting locking_mode=EXCLUSIVE");
    std::string mode = db_->query_text("PRAGMA journal_mode=WAL", id, "switching to WAL mode");
    if (mode != "wal") {
        throw InputError(id, InputLocation{file_.string(), 0, ""},
                         "journal_mode is \"" + mode + "\" after asking for \"wal\"");
    }
    db_->exec("PRAGMA synchronous=FULL", id, "setting synchronous=FULL");
    if (pages_max_ > 0) {
        std::string cap = "PRAGMA max_page_count=" + std::to_string(pages_max_);
        db_->exec(cap.c_str(), id, "setting max_page_count");
    }
    db_->exec("BEGIN EXCLUSIVE", id, "locking the journal");
    std::int64_t app = db_->query_int("PRAGMA application_id", id, "reading application_id");
    std::int64_t version = db_->query_int("PRAGMA user_version", id, "reading user_version");
    std::int64_t tables =
        db_->query_int("SELECT count(*) FROM sqlite_master", id, "reading the schema");
    InputLocation where{file_.string(), 0, ""};
    if (app == 0 && tables == 0) {
        std::string create = "PRAGMA application_id=" + std::to_string(kApplicationId) +
                             "; PRAGMA user_version=" + std::to_string(kFormatVersion) +
                             "; CREATE TABLE journal(seq INTEGER PRIMARY KEY, "
                             "checksum INTEGER NOT NULL, command TEXT NOT NULL)";
        db_->exec(create.c_str(), id, "creating the journal table");
    } else if (app != kApplicationId) {
        db_->try_exec("ROLLBACK");
        throw InputError("journal-foreign", where,
                         "application_id " + format_checksum(static_cast<std::uint32_t>(app)) +
                             ", expected " + format_checksum(kApplicationId) +
                             " (a taskcheck journal)",
                         "point --data-dir at a taskcheck data dir");
    } else if (version != kFormatVersion) {
        db_->try_exec("ROLLBACK");
        throw InputError("journal-version", where,
                         "format version " + std::to_string(version) + ", this build reads " +
                             std::to_string(kFormatVersion),
                         "open it with the taskcheck version that wrote it");
    }
    db_->exec("COMMIT", id, "creating the journal");
}

std::uint64_t Journal::submit(std::string command) {
    TC_ASSERT(!command.empty());
    TC_ASSERT(nlohmann::json::accept(command));
    std::lock_guard<std::mutex> lock(mutex_);
    if (failure_) throw *failure_;
    std::uint64_t seq = last_seq_ + 1;
    queued_.push_back(make_record(seq, std::move(command)));
    last_seq_ = seq;
    last_checksum_ = queued_.back().checksum;
    return seq;
}

void Journal::wait_durable(std::uint64_t seq) {
    std::unique_lock<std::mutex> lock(mutex_);
    TC_ASSERT_GE(seq, 1u);
    TC_ASSERT_LE(seq, last_seq_);
    while (true) {
        if (failure_) throw *failure_;
        if (durable_seq_ >= seq) return;
        if (!leader_active_) {
            lead_one_group(lock);
            continue;
        }
        Waiter self;
        self.seq = seq;
        waiters_.push_back(&self);
        self.wake.wait(lock);
        waiters_.erase(std::find(waiters_.begin(), waiters_.end(), &self));
    }
}

// Requires: lock held, no leader. Wakes every waiter whose record is durable (all of them after
// a failure) and the oldest one still waiting, which becomes the next leader; a waiter woken
// spuriously looks again and sleeps again. Notified under the lock: a waiter returns, and its
// Waiter dies, only after taking the lock.
void Journal::wake_waiters_locked() {
    Waiter* next_leader = nullptr;
    for (Waiter* waiter : waiters_) {
        if (failure_ || waiter->seq <= durable_seq_) {
            waiter->wake.notify_one();
        } else if (next_leader == nullptr || waiter->seq < next_leader->seq) {
            next_leader = waiter;
        }
    }
    if (next_leader != nullptr) next_leader->wake.notify_one();
}

std::uint64_t Journal::append(std::string command) {
    std::uint64_t seq = submit(std::move(command));
    wait_durable(seq);
    return seq;
}

void Journal::flush() {
    std::uint64_t last = last_seq();
    if (last > durable_seq()) wait_durable(last);
}

std::uint64_t Journal::last_seq() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return last_seq_;
}

JournalPosition Journal::last_position() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return JournalPosition{last_seq_, last_checksum_};
}

std::uint64_t Journal::durable_seq() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return durable_seq_;
}

std::uint64_t Journal::groups_written() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return groups_written_;
}

// Requires: lock held, no leader, something queued (durable_seq_ < last_seq_). Writes the oldest
// queued records as one transaction with the lock released, so that appenders keep queuing.
void Journal::lead_one_group(std::unique_lock<std::mutex>& lock) {
    TC_ASSERT(!queued_.empty());
    leader_active_ = true;
    std::vector<JournalRecord> group;
    if (queued_.size() <= group_records_max_) {
        group.swap(queued_);
    } else {
        auto end = queued_.begin() + static_cast<std::ptrdiff_t>(group_records_max_);
        group.assign(std::make_move_iterator(queued_.begin()), std::make_move_iterator(end));
        queued_.erase(queued_.begin(), end);
    }
    TC_ASSERT_EQ(group.front().seq, durable_seq_ + 1);
    lock.unlock();
    std::optional<InputError> error;
    try {
        write_group(group);
    } catch (const InputError& e) {
        error = e;
    }
    lock.lock();
    leader_active_ = false;
    if (!error) {
        durable_seq_ = group.back().seq;
        ++groups_written_;
        wake_waiters_locked();
        return;
    }
    failure_ = std::move(error);
    wake_waiters_locked();
    // Once only: a poisoned journal never writes again, so no later leader reaches this line.
    if (std::function<void(const InputError&)> handler = on_failure_) {
        const InputError failure = *failure_;
        lock.unlock();
        handler(failure);
        lock.lock();
    }
}

void Journal::on_failure(std::function<void(const InputError&)> handler) {
    std::lock_guard<std::mutex> lock(mutex_);
    on_failure_ = std::move(handler);
}

void Journal::check_writable() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        TC_ASSERT(!leader_active_);
        TC_ASSERT(queued_.empty());
    }
    // Rewriting user_version dirties the header page, so COMMIT appends one WAL frame and fsyncs
    // it: the smallest write an append makes. Nothing of the journal changes.
    const std::string doing = "checking at start-up that the disk takes a write";
    const std::string rewrite =
        "BEGIN IMMEDIATE; PRAGMA user_version=" + std::to_string(kFormatVersion) + "; COMMIT";
    if (int rc = db_->try_exec(rewrite.c_str()); rc != SQLITE_OK) {
        InputError error =
            sqlite_error("journal-write-failed", file_, rc, db_->last_message(), doing);
        db_->try_exec("ROLLBACK");
        throw error;
    }
}

void Journal::write_group(const std::vector<JournalRecord>& group) {
    const char* id = "journal-write-failed";
    std::string doing = "writing seq=" + std::to_string(group.front().seq) + ".." +
                        std::to_string(group.back().seq);
    db_->exec("BEGIN", id, doing);
    try {
        for (const JournalRecord& record : group) {
            TC_ASSERT_EQ(record_problem(record).value_or(""), std::string());
            insert_->bind_int(1, static_cast<std::int64_t>(record.seq));
            insert_->bind_int(2, record.checksum);
            insert_->bind_text(3, record.command);
            insert_->step(doing);
            insert_->reset();
        }
        db_->exec("COMMIT", id, doing);
    } catch (const InputError&) {
        insert_->reset();
        db_->try_exec("ROLLBACK");
        throw;
    }
}

std::uint64_t Journal::replay(const std::function<void(const JournalRecord&)>& deliver) {
    std::uint64_t checked = check();
    std::uint64_t delivered = scan(0, deliver);
    TC_ASSERT_EQ(delivered, checked);
    return delivered;
}

std::uint64_t Journal::check() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        TC_ASSERT(!leader_active_);
        TC_ASSERT(queued_.empty());
    }
    return scan(0, nullptr);
}

std::uint64_t Journal::replay_after(std::uint64_t after_seq,
                                    const std::function<void(const JournalRecord&)>& deliver) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        TC_ASSERT(!leader_active_);
        TC_ASSERT(queued_.empty());
        TC_ASSERT_LE(after_seq, last_seq_);
    }
    TC_ASSERT(deliver);
    return scan(after_seq, deliver) - after_seq;
}

std::optional<std::uint32_t> Journal::record_checksum_at(std::uint64_t seq) {
    SqliteStatement row(*db_, "SELECT checksum FROM journal WHERE seq = ?1", "journal-unreadable",
                        "reading one record's checksum");
    row.bind_int(1, static_cast<std::int64_t>(seq));
    if (!row.step("reading one record's checksum")) return std::nullopt;
    return static_cast<std::uint32_t>(row.column_int(0));
}

// Reads every record with seq > after_seq in seq order and checks it; hands each to `deliver`
// when given; returns the last seq read (after_seq when none). Throws on the first bad record,
// so a checking pass (no `deliver`) proves the delivering pass will not.
std::uint64_t Journal::scan(std::uint64_t after_seq,
                            const std::function<void(const JournalRecord&)>& deliver) {
    SqliteStatement rows(*db_,
                         "SELECT seq, checksum, command FROM journal WHERE seq > ?1 ORDER BY seq",
                         "journal-unreadable", "reading the records in seq order");
    rows.bind_int(1, static_cast<std::int64_t>(after_seq));
    std::uint64_t previous = after_seq;
    auto next_row = [&] {
        try {
            return rows.step("reading the records in seq order");
        } catch (const InputError& e) {
            throw InputError(e.id(), e.where(),
                             e.problem() + " after record seq=" + std::to_string(previous),
                             e.hint());
        }
    };
    JournalRecord record;
    while (next_row()) {
        if (auto problem = row_shape_problem(rows)) throw corrupt(file_, *problem);
        record.seq = static_cast<std::uint64_t>(rows.column_int(0));
        record.checksum = static_cast<std::uint32_t>(rows.column_int(1));
        record.command.assign(rows.column_text(2));
        if (record.seq != previous + 1) throw corrupt(file_, gap_problem(previous, record.seq));
        if (auto problem = record_problem(record)) throw corrupt(file_, *problem);
        if (deliver) deliver(record);
        previous = record.seq;
    }
    return previous;
}

}  // namespace taskcheck::server
