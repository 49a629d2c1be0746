#pragma once
// Journal: the reference server's durable, append-only log of accepted commands. A command is
// opaque JSON text; the journal gives it the next sequence number and a checksum
// (journal_record.hpp) and stores it in `<data_dir>/journal.sqlite`, an SQLite database in WAL
// mode with synchronous=FULL, so a record is on disk (WAL fsync'd) before append() returns.
//
// Group commit: appenders running at the same time share one transaction and one fsync. The first
// waiter whose record is not yet durable becomes the leader, writes every record queued so far
// (up to JournalOptions::group_records_max) in one transaction, then wakes exactly the waiters
// that group made durable, plus the oldest waiter it did not (which leads the next group). Waking
// only those matters: with 64 request threads waiting, waking all of them on every commit made
// the server spend more time switching threads than writing (a third of its CPU under wrk).
// There is no timer and no background thread.
//
// Invariants:
//  1. Sequence numbers start at 1 and are consecutive; submit() order is seq order is disk order.
//  2. durable_seq() only grows, and every record with seq <= durable_seq() is on disk.
//  3. A record is checked (record_problem) before it is written and again when it is read back.
//  4. After a failed write the journal is poisoned: every later submit() and wait_durable()
//     throws the same InputError. Records after the failure have seqs that never reach the disk,
//     so going on would leave a gap; the caller must stop (its in-memory state may be ahead of
//     the disk) and a restart replays what is durable.
//
// Crashes. A kill -9 (or power loss) at any moment leaves, after SQLite's recovery on the next
// open, exactly the transactions whose commit reached the disk: SQLite ignores WAL frames after
// the last valid commit frame (each frame carries a running checksum and the WAL salt), so a torn
// or partially written tail transaction disappears whole. Since each acknowledged record was in a
// committed transaction, every acknowledged record survives, and an unacknowledged one is either
// wholly there or wholly absent — which is all a client may assume of a request that got no answer.
// That is why the journal needs no tail-repair logic of its own. Damage SQLite cannot see (a byte
// changed inside a page, a row deleted) is caught by the record checksum and the seq check.
//
// Exclusive use: the database is opened with locking_mode=EXCLUSIVE, so a second process on the
// same data dir is refused ("journal-locked"); the kernel drops the lock when a process dies.
//
// Thread safety: submit(), wait_durable(), append(), durable_seq() and last_seq() may be called
// from any number of threads. replay() and the destructor require that no other call is running.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "model/common/input_error.hpp"
#include "server/journal_record.hpp"

namespace taskcheck::server {

class SqliteDb;
class SqliteStatement;

// A record's place in the journal: its seq and its checksum, which together name one record of
// one journal (a snapshot stores the position it covers).
struct JournalPosition {
    std::uint64_t seq = 0;
    std::uint32_t checksum = 0;
};

struct JournalOptions {
    std::filesystem::path data_dir;          // created if missing; holds journal.sqlite
    std::size_t group_records_max = 16'384;  // most records one group-commit transaction writes
    // Largest the journal file may grow, in 4 KiB pages (0 = no limit). A write past it fails
    // with SQLITE_FULL and poisons the journal (invariant 4), as a full disk would.
    std::uint64_t pages_max = 0;

    // Throws InputError id "journal-options" for an empty data_dir or group_records_max == 0.
    void validate() const;
};

class Journal {
  public:
    // The journal file inside a data dir: `<data_dir>/journal.sqlite`.
    static std::filesystem::path file_in(const std::filesystem::path& data_dir);

    // Opens the journal in options.data_dir, creating the dir and an empty journal if missing.
    // Throws InputError, naming the file:
    //   journal-options   options.validate() failed
    //   journal-open      the dir or file cannot be created or opened
    //   journal-locked    another process has this journal open
    //   journal-foreign   the file is an SQLite database but not a taskcheck journal
    //   journal-version   a taskcheck journal of a format version this build does not read
    //   journal-unreadable SQLite reports the file damaged or not a database
    // Opening reads only the highest seq; the records are checked by replay().
    explicit Journal(const JournalOptions& options);
    // Requires: no call running. Closes the database (SQLite checkpoints and removes the WAL).
    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    const std::filesystem::path& file() const { return file_; }

    // Queues `command` as the next record and returns its seq, without waiting for the disk.
    // Callers that must journal in the same order as they apply commands to a model call this
    // under their own lock, then wait_durable() outside it, so one fsync serves them all.
    // Requires: command is non-empty, valid JSON text (checked: TC_ASSERT).
    // Throws the poisoning InputError (invariant 4) if a write has failed; nothing is queued then.
    std::uint64_t submit(std::string command);

    // Returns once the record `seq` is durable; may write the group itself (see above).
    // Requires: 1 <= seq <= last_seq().
    // Throws InputError id "journal-write-failed" if the write of that or an earlier record
    // failed (invariant 4).
    void wait_durable(std::uint64_t seq);

    // submit() then wait_durable(): returns the seq of `command` once it is durable.
    std::uint64_t append(std::string command);

    // wait_durable(last_seq()) when anything was submitted: the clean-shutdown flush. The
    // destructor does not flush: a record submitted but never waited for was never acknowledged.
    void flush();

    // `handler` is called once, when a write fails and poisons the journal (invariant 4), by
    // the thread whose write failed, after the waiters were woken and without the journal's
    // lock held. The server uses it to stop however the failure was found — by a registration,
    // a read waiting for durability, the batch driver or the snapshot thread — so that it never
    // goes on answering 500 to every read (issue 12 finding 13). Set it before any concurrent use.
    void on_failure(std::function<void(const InputError&)> handler);

    // Start-up check that the disk takes a write now: commits one transaction that rewrites the
    // header page with the values it has (no record changes) and fsyncs it, as an append would.
    // Throws InputError id "journal-write-failed" naming the file and the SQLite error — with
    // the disk-full hint for SQLITE_FULL — and poisons nothing: the journal is as it was.
    // Requires: no other call running.
    void check_writable();

    // Highest seq handed out by submit() (0 for an empty journal).
    std::uint64_t last_seq() const;
    // The seq and checksum of the record last_seq() ({0, 0} for an empty journal).
    JournalPosition last_position() const;
    // Highest seq known durable (invariant 2).
    std::uint64_t durable_seq() const;
    // Group-commit transactions written since open: appends / groups is the mean group size.
    std::uint64_t groups_written() const;

    // Checks every durable record — checksum, seq 1, 2, 3… with no gap — and only when all are
    // sound delivers them to `deliver` in seq order; returns how many it delivered. A damaged
    // journal throws InputError id "journal-corrupt" (or "journal-unreadable" when SQLite itself
    // reports damage) naming the file and the first bad record, before `deliver` has seen any
    // record: a journal is applied whole or not at all. An exception thrown by `deliver`
    // propagates unchanged. Requires: no other call running.
    std::uint64_t replay(const std::function<void(const JournalRecord&)>& deliver);

    // The checking pass of replay() alone: throws what replay() throws, delivers nothing, returns
    // the number of records. Requires: no other call running.
    std::uint64_t check();

    // One pass over the durable records with seq > after_seq, in seq order: each is checked
    // (checksum; seqs after_seq+1, after_seq+2, … with no gap) and then delivered. Returns how
    // many it delivered. Unlike replay(), records are delivered while later ones are still
    // unchecked: on InputError ("journal-corrupt", "journal-unreadable", the same texts as
    // replay()) some records may have been delivered already, and the caller must throw away
    // whatever it built from them — which start-up does by failing before anything is served.
    // Reading once halves the start-up cost of a large journal. An exception thrown by `deliver`
    // propagates unchanged. Requires: no other call running; after_seq <= last_seq().
    std::uint64_t replay_after(std::uint64_t after_seq,
                               const std::function<void(const JournalRecord&)>& deliver);

    // The checksum of the durable record `seq`, or nullopt iff there is no such record. Lets a
    // snapshot prove it was taken of this journal. Requires: no other call running.
    std::optional<std::uint32_t> record_checksum_at(std::uint64_t seq);

  private:
    // A thread blocked in wait_durable() while another leads a group; lives on its stack.
    struct Waiter {
        std::uint64_t seq = 0;
        std::condition_variable wake;
    };

    void open_schema();
    void lead_one_group(std::unique_lock<std::mutex>& lock);
    void wake_waiters_locked();
    void write_group(const std::vector<JournalRecord>& group);
    std::uint64_t scan(std::uint64_t after_seq,
                       const std::function<void(const JournalRecord&)>& deliver);

    std::filesystem::path file_;
    std::size_t group_records_max_ = 0;
    std::uint64_t pages_max_ = 0;
    std::unique_ptr<SqliteDb> db_;             // used only by the current leader, or by replay()
    std::unique_ptr<SqliteStatement> insert_;  // INSERT of one record, on db_

    mutable std::mutex mutex_;
    std::vector<Waiter*> waiters_;       // GUARDED_BY(mutex_); blocked in wait_durable()
    std::vector<JournalRecord> queued_;  // GUARDED_BY(mutex_), in seq order
    std::uint64_t last_seq_ = 0;         // GUARDED_BY(mutex_)
    std::uint32_t last_checksum_ = 0;    // GUARDED_BY(mutex_); of record last_seq_
    std::uint64_t durable_seq_ = 0;      // GUARDED_BY(mutex_)
    std::uint64_t groups_written_ = 0;   // GUARDED_BY(mutex_)
    bool leader_active_ = false;         // GUARDED_BY(mutex_)
    std::optional<InputError> failure_;  // GUARDED_BY(mutex_); invariant 4
    std::function<void(const InputError&)> on_failure_;  // GUARDED_BY(mutex_)
};

}  // namespace taskcheck::server
