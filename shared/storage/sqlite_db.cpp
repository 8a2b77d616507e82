#include "shared/storage/sqlite_db.h"

#include <sqlite3.h>

namespace steward::storage {

namespace {
// "corrupt" lets an owner that can rebuild its file (the agent's spool) tell a
// damaged file from a transient failure.
std::string errorCode(int rc) {
  const int primary = rc & 0xff;
  if (primary == SQLITE_CONSTRAINT) return "constraint";
  if (primary == SQLITE_BUSY) return "busy";
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return "corrupt";
  return "storage";
}

Error sqliteError(sqlite3* db, int rc, std::string_view what) {
  const std::string code = errorCode(rc);
  return makeError(code, std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}
}  // namespace

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), owner_(other.owner_) {
  other.stmt_ = nullptr;
}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  if (owner_ != nullptr) {
    owner_->recycle(stmt_);
  } else {
    sqlite3_finalize(stmt_);
  }
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}
Statement& Statement::bindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}
Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bindNull(index);
}
Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
  return value ? bind(index, *value) : bindNull(index);
}

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqliteError(db_, rc, "sqlite step");
}

Result<void> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return row.error();
    if (!*row) return {};
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}
std::optional<std::string> Statement::optionalText(int column) const {
  if (isNull(column)) return std::nullopt;
  return text(column);
}
std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }
bool Statement::isNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Result<std::unique_ptr<SqliteDb>> SqliteDb::open(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                                 nullptr);
  std::unique_ptr<SqliteDb> db(new SqliteDb(raw));
  if (rc != SQLITE_OK) return sqliteError(raw, rc, "cannot open database " + path);
  sqlite3_busy_timeout(raw, 5000);
  auto pragmas = db->exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  if (!pragmas) return pragmas.error();
  return db;
}

SqliteDb::~SqliteDb() {
  for (auto& [sql, stmt] : idle_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

namespace {
// Enough for every distinct statement of a component; text built at run time (IN
// lists of varying length) must not grow the cache without bound.
constexpr std::size_t kMaxIdleStatements = 256;
constexpr std::size_t kMaxIdleCopies = 4;  // of one text (nested loops over a query)
}  // namespace

void SqliteDb::recycle(sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);  // an error of the last step is already reported; not again
  sqlite3_clear_bindings(stmt);
  const char* sql = sqlite3_sql(stmt);
  {
    std::lock_guard lock(cache_mutex_);
    if (sql != nullptr && idle_.size() < kMaxIdleStatements && idle_.count(sql) < kMaxIdleCopies) {
      idle_.emplace(sql, stmt);
      return;
    }
  }
  sqlite3_finalize(stmt);
}

Result<void> SqliteDb::exec(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string detail = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return makeError(errorCode(rc), "sqlite exec: " + detail);
  }
  return {};
}

Result<Statement> SqliteDb::prepare(std::string_view sql) {
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = idle_.find(std::string(sql)); it != idle_.end()) {
      sqlite3_stmt* stmt = it->second;
      idle_.erase(it);
      return Statement(db_, stmt, this);
    }
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return sqliteError(db_, rc, "sqlite prepare");
  if (stmt == nullptr) return Statement(db_, stmt);  // only whitespace or a comment
  return Statement(db_, stmt, this);
}

std::int64_t SqliteDb::lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int SqliteDb::changes() const { return sqlite3_changes(db_); }

void SqliteDb::setWalCommitHook(std::function<void(int pages)> hook) {
  wal_hook_ = std::move(hook);
  if (!wal_hook_) {
    sqlite3_wal_hook(db_, nullptr, nullptr);
    return;
  }
  sqlite3_wal_hook(
      db_,
      [](void* self, sqlite3*, const char*, int pages) {
        static_cast<SqliteDb*>(self)->wal_hook_(pages);
        return SQLITE_OK;
      },
      this);
}

Result<void> SqliteDb::checkpointPassive() {
  const int rc =
      sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) return sqliteError(db_, rc, "checkpoint failed");
  return {};
}

Result<Transaction> Transaction::begin(SqliteDb& db) {
  auto r = db.exec("BEGIN IMMEDIATE");
  if (!r) return r.error();
  return Transaction(db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->exec("ROLLBACK");
}

Result<void> Transaction::commit() {
  auto r = db_->exec("COMMIT");
  db_ = nullptr;
  return r;
}

}  // namespace steward::storage
