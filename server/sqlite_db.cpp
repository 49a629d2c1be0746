#include "server/sqlite_db.hpp"

#include "model/common/assert.hpp"

namespace taskcheck::server {
namespace {

constexpr std::size_t kTextMaxBytes = 1'000'000'000;  // SQLite's default SQLITE_MAX_LENGTH

}  // namespace

InputError sqlite_error(std::string id, const std::filesystem::path& file, int code,
                        std::string_view message, std::string_view doing, std::string hint) {
    int primary = code & 0xFF;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        id = "journal-locked";
        hint = "another process has this journal open; stop it or use another data dir";
    } else if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
        id = "journal-unreadable";
        hint =
            "the file is damaged or not a journal; nothing was replayed; restore the data dir "
            "from a backup, or move it aside to start with an empty journal";
    } else if (primary == SQLITE_FULL) {
        hint =
            "the disk holding the journal is full (or the file reached its size limit); every "
            "acknowledged record is on disk: free space there and start serve again";
    } else if (hint.empty() && (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN ||
                                primary == SQLITE_PERM)) {
        hint =
            "the user running serve must be able to read, write and search the data dir and its "
            "files (check their owner and mode with ls -ld), or pass another --data-dir";
    }
    std::string problem = "sqlite error " + std::to_string(code) + " (" + std::string(message) +
                          ") while " + std::string(doing);
    return InputError(std::move(id), InputLocation{file.string(), 0, ""}, std::move(problem),
                      std::move(hint));
}

SqliteDb::SqliteDb(std::filesystem::path file) : file_(std::move(file)) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(file_.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw sqlite_error("journal-open", file_, rc, message, "opening the journal",
                           "check that the data dir exists and is writable");
    }
    sqlite3_extended_result_codes(db_, 1);
}

SqliteDb::~SqliteDb() {
    sqlite3_close(db_);
}

std::string SqliteDb::last_message() const {
    return sqlite3_errmsg(db_);
}

int SqliteDb::try_exec(const char* sql) {
    return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
}

void SqliteDb::exec(const char* sql, std::string_view id, std::string_view doing) {
    int rc = try_exec(sql);
    if (rc != SQLITE_OK) throw sqlite_error(std::string(id), file_, rc, last_message(), doing);
}

std::string SqliteDb::query_text(const char* sql, std::string_view id, std::string_view doing) {
    SqliteStatement stmt(*this, sql, id, doing);
    if (!stmt.step(doing)) return "";
    return std::string(stmt.column_text(0));
}

std::int64_t SqliteDb::query_int(const char* sql, std::string_view id, std::string_view doing) {
    SqliteStatement stmt(*this, sql, id, doing);
    if (!stmt.step(doing)) return 0;
    return stmt.column_int(0);
}

SqliteStatement::SqliteStatement(SqliteDb& db, const char* sql, std::string_view id,
                                 std::string_view doing)
    : db_(db), id_(id) {
    int rc = sqlite3_prepare_v2(db_.handle(), sql, -1, &stmt_, nullptr);
    if (rc != SQLITE_OK) {
        std::string what =
            doing.empty() ? "preparing `" + std::string(sql) + "`" : std::string(doing);
        throw sqlite_error(id_, db_.file(), rc, db_.last_message(), what);
    }
}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(stmt_);
}

void SqliteStatement::bind_int(int index, std::int64_t value) {
    int rc = sqlite3_bind_int64(stmt_, index, value);
    TC_ASSERT_EQ(rc, SQLITE_OK);
}

void SqliteStatement::bind_text(int index, std::string_view value) {
    TC_ASSERT_LE(value.size(), kTextMaxBytes);
    int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                               SQLITE_STATIC);
    TC_ASSERT_EQ(rc, SQLITE_OK);
}

bool SqliteStatement::step(std::string_view doing) {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw sqlite_error(id_, db_.file(), rc, db_.last_message(), doing);
}

void SqliteStatement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::string_view SqliteStatement::column_text(int index) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
    if (text == nullptr) return {};
    return std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index)));
}

}  // namespace taskcheck::server
