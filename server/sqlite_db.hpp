#pragma once
// SqliteDb, SqliteStatement: the few SQLite calls the journal makes, with every failure turned
// into a taskcheck::InputError that names the database file, the SQLite error and what we were
// doing — a damaged or unwritable journal is bad environment, not a bug (STYLE.md §5b).
// Thread safety: none. The owner serializes all use of one connection and its statements.

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "model/common/input_error.hpp"

namespace taskcheck::server {

// The error a failed SQLite call becomes:
//   <id>: <file>: sqlite error <code> (<message>) while <doing>[; <hint>]
// Two classes of result code override `id` and `hint`, wherever they happen: SQLITE_BUSY and
// SQLITE_LOCKED become "journal-locked" (another process holds the journal), SQLITE_CORRUPT and
// SQLITE_NOTADB become "journal-unreadable" (the file is damaged or not a database). SQLITE_FULL
// keeps `id` and gets the disk-full hint; SQLITE_READONLY, SQLITE_CANTOPEN and SQLITE_PERM get
// the permissions hint when the caller gave none.
InputError sqlite_error(std::string id, const std::filesystem::path& file, int code,
                        std::string_view message, std::string_view doing, std::string hint = "");

class SqliteDb {
  public:
    // Opens (creating if missing) `file` for reading and writing, with no SQLite-level mutex.
    // Throws InputError id "journal-open" if SQLite cannot open it.
    explicit SqliteDb(std::filesystem::path file);
    ~SqliteDb();
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;

    // Runs `sql` (one or more statements, no results kept). Returns SQLite's result code, so
    // that a caller can tell SQLITE_BUSY from the rest.
    int try_exec(const char* sql);
    // Runs `sql`; throws sqlite_error(id, …, doing) unless it succeeds.
    void exec(const char* sql, std::string_view id, std::string_view doing);
    // The single value of the first row `sql` returns, as text ("" when NULL or no row).
    std::string query_text(const char* sql, std::string_view id, std::string_view doing);
    std::int64_t query_int(const char* sql, std::string_view id, std::string_view doing);

    sqlite3* handle() const { return db_; }
    const std::filesystem::path& file() const { return file_; }
    // The connection's latest error message.
    std::string last_message() const;

  private:
    std::filesystem::path file_;
    sqlite3* db_ = nullptr;
};

class SqliteStatement {
  public:
    // Prepares `sql` on `db`; throws sqlite_error(id, …, doing), where an empty `doing` reads
    // "preparing `<sql>`". (SQLite runs some PRAGMAs while preparing them.)
    SqliteStatement(SqliteDb& db, const char* sql, std::string_view id,
                    std::string_view doing = "");
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    void bind_int(int index, std::int64_t value);
    void bind_text(int index, std::string_view value);
    // Steps once: true when a row is ready, false when done; throws sqlite_error(id, …, doing).
    bool step(std::string_view doing);
    // Resets for the next run and clears the bindings.
    void reset();

    int column_type(int index) const { return sqlite3_column_type(stmt_, index); }
    std::int64_t column_int(int index) const { return sqlite3_column_int64(stmt_, index); }
    std::string_view column_text(int index) const;

  private:
    SqliteDb& db_;
    std::string id_;
    sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace taskcheck::server
