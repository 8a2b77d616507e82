#pragma once

// Thin RAII layer over SQLite: one connection (WAL, foreign keys, busy timeout),
// prepared statements with positional binding only — SQL text never contains data.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "shared/common/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace steward::storage {

class SqliteDb;

class Statement {
 public:
  // `owner` set: the statement goes back to the owner's cache when destroyed
  // (reset, bindings cleared) instead of being finalized.
  Statement(sqlite3* db, sqlite3_stmt* stmt, SqliteDb* owner = nullptr)
      : db_(db), stmt_(stmt), owner_(owner) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  // Binds by 1-based position; returns *this for chaining.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bindNull(int index);
  Statement& bind(int index, const std::optional<std::string>& text);    // NULL when empty
  Statement& bind(int index, const std::optional<std::int64_t>& value);  // NULL when empty

  // Advances: true when a row is available, false when done, Error on failure
  // (a constraint violation has code "constraint").
  Result<bool> step();
  // Runs to completion, for statements that return no rows.
  Result<void> run();
  // Steps through every row, calling on_row(*this) for each; the first step error
  // ends it, so query sites do not repeat the step/check/break loop.
  template <typename F>
  Result<void> forEachRow(F&& on_row) {
    for (;;) {
      auto row = step();
      if (!row) return row.error();
      if (!*row) return {};
      on_row(*this);
    }
  }
  void reset();

  std::string text(int column) const;  // "" for NULL
  std::optional<std::string> optionalText(int column) const;
  std::int64_t int64(int column) const;
  double real(int column) const;
  bool isNull(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  SqliteDb* owner_;
};

class SqliteDb {
 public:
  // Opens (creating) the database file with WAL journaling and a busy timeout.
  // ":memory:" works for tests.
  static Result<std::unique_ptr<SqliteDb>> open(const std::string& path);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Runs one or more statements without parameters (schema, pragmas, BEGIN/COMMIT).
  Result<void> exec(std::string_view sql);
  // Compiles `sql`, or reuses an idle compiled copy of the same text: the ingest
  // path runs the same dozen statements per report, and compiling them cost more
  // than running them. A Statement must not outlive its SqliteDb.
  Result<Statement> prepare(std::string_view sql);
  std::int64_t lastInsertRowId() const;
  int changes() const;

  // Called after every commit with the number of pages in the write-ahead log, in
  // place of SQLite's own checkpoint on the committing thread (wal_autocheckpoint):
  // the owner checkpoints elsewhere. An empty hook restores neither; set it once.
  void setWalCommitHook(std::function<void(int pages)> hook);
  // Copies into the database file whatever of the write-ahead log no reader still
  // needs, without waiting for readers or writers (SQLITE_CHECKPOINT_PASSIVE). A
  // checkpoint cut short by a busy reader or writer is not an error.
  Result<void> checkpointPassive();

 private:
  friend class Statement;
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  // Takes back a statement whose Statement was destroyed (finalizes it when the
  // cache is full).
  void recycle(sqlite3_stmt* stmt);

  sqlite3* db_;
  std::function<void(int)> wal_hook_;
  std::mutex cache_mutex_;  // connections are shared between threads (FULLMUTEX)
  std::unordered_multimap<std::string, sqlite3_stmt*> idle_;  // by SQL text
};

// Begins an IMMEDIATE transaction and rolls it back on destruction unless commit()
// was called: an early return never leaves half a write behind.
class Transaction {
 public:
  static Result<Transaction> begin(SqliteDb& db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Result<void> commit();

 private:
  explicit Transaction(SqliteDb& db) : db_(&db) {}
  SqliteDb* db_;
};

}  // namespace steward::storage
