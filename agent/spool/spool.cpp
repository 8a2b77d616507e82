#include "agent/spool/spool.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "shared/common/log.h"

namespace steward::agent {

using storage::SqliteDb;
using storage::Transaction;

namespace {

constexpr std::int64_t kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE items (
  sequence  INTEGER PRIMARY KEY AUTOINCREMENT,
  kind      TEXT NOT NULL CHECK (kind IN ('inventory', 'heartbeat')),
  key       TEXT NOT NULL UNIQUE,
  body      TEXT NOT NULL,
  bytes     INTEGER NOT NULL,
  dropped   INTEGER NOT NULL DEFAULT 0,
  queued_at TEXT NOT NULL
);
CREATE INDEX items_by_kind ON items(kind, sequence);
CREATE TABLE counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO counters(name, value) VALUES ('dropped_pending', 0), ('dropped_total', 0);
PRAGMA user_version = 1;
)sql";

// Statements every later call relies on: preparing them proves the file holds our
// tables with our columns, not merely a SQLite file.
constexpr const char* kProbes[] = {
    "SELECT sequence, kind, key, body, bytes, dropped, queued_at FROM items LIMIT 0",
    "SELECT value FROM counters WHERE name = 'dropped_pending'",
    "SELECT value FROM counters WHERE name = 'dropped_total'"};

const char* kindName(SpoolKind kind) {
  return kind == SpoolKind::Inventory ? "inventory" : "heartbeat";
}

Error corrupt(const std::string& why) { return makeError("corrupt", why); }

Result<std::int64_t> scalar(SqliteDb& db, const std::string& sql) {
  auto stmt = db.prepare(sql);
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  return *row ? stmt->int64(0) : std::int64_t{0};
}

Result<void> addCounter(SqliteDb& db, const char* name, std::int64_t by) {
  auto stmt = db.prepare("UPDATE counters SET value = value + ? WHERE name = ?");
  if (!stmt) return stmt.error();
  return stmt->bind(1, by).bind(2, name).run();
}

// Creates the file 0600 before SQLite does (SQLite would use 0644 less the umask, and
// gives the -wal and -shm files the database file's mode). An existing file is
// tightened to 0600. A directory in the way is damage like any other.
Result<void> prepareFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    const int error = errno;
    const std::string why = path + ": " + std::strerror(error);
    if (error == EISDIR || error == ELOOP) return corrupt(why);
    return makeError("storage", why);
  }
  const bool tightened = ::fchmod(fd, 0600) == 0;
  ::close(fd);
  if (!tightened) return makeError("storage", path + ": cannot set mode 0600");
  return {};
}

// Checks the file is an intact spool of our schema, creating the schema in an empty
// one. Errors: "corrupt" (damaged or not a spool) or what SQLite says.
Result<void> checkOrCreate(SqliteDb& db) {
  auto stmt = db.prepare("PRAGMA quick_check");
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row || stmt->text(0) != "ok") {
    return corrupt("integrity check failed: " + (*row ? stmt->text(0) : std::string("no answer")));
  }
  auto version = scalar(db, "PRAGMA user_version");
  if (!version) return version.error();
  if (*version == 0) {
    auto tables = scalar(db, "SELECT COUNT(*) FROM sqlite_master");
    if (!tables) return tables.error();
    if (*tables != 0) return corrupt("a SQLite file with other tables, not a spool");
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    if (auto r = db.exec(kSchema); !r) return r;
    return tx->commit();
  }
  if (*version != kSchemaVersion) {
    return corrupt("spool schema version " + std::to_string(*version) + " (this agent knows " +
                   std::to_string(kSchemaVersion) + ")");
  }
  for (const char* probe : kProbes) {
    auto check = db.prepare(probe);
    if (!check) return corrupt("not a spool: " + check.error().message);
  }
  return {};
}

Result<std::unique_ptr<SqliteDb>> openSpoolFile(const std::string& path) {
  if (path != ":memory:") {
    if (auto r = prepareFile(path); !r) return r.error();
  }
  auto db = SqliteDb::open(path);
  if (!db) return db.error();
  // A queued report must survive power loss too, not only a crash; the spool is
  // written once per interval, so a sync per commit costs nothing that matters. The
  // page cache stays small: the agent's footprint counts.
  if (auto r = (*db)->exec("PRAGMA synchronous=FULL; PRAGMA cache_size=-256"); !r) {
    return r.error();
  }
  if (auto r = checkOrCreate(**db); !r) return r.error();
  return db;
}

std::string asideName(const std::string& path, const Clock& clock) {
  std::string stamp = formatRfc3339(clock.now());
  for (char& c : stamp) {
    if (c == ':') c = '-';
  }
  std::string aside = path + ".corrupt-" + stamp;
  std::error_code ec;
  for (int n = 2; std::filesystem::exists(aside, ec); ++n) {
    aside = path + ".corrupt-" + stamp + "-" + std::to_string(n);
  }
  return aside;
}

// Moves the damaged file (and its WAL) out of the way; false when that failed.
bool setAside(const std::string& path, const std::string& aside) {
  std::error_code ec;
  std::filesystem::rename(path, aside, ec);
  if (ec && std::filesystem::exists(path)) return false;
  for (const char* suffix : {"-wal", "-shm"}) {
    std::error_code ignored;
    if (std::filesystem::exists(path + suffix, ignored)) {
      std::filesystem::rename(path + suffix, aside + suffix, ignored);
    }
  }
  return true;
}

std::unique_ptr<SqliteDb> openOrReplace(const std::string& path, const Clock& clock,
                                        std::string& used_path) {
  auto& log = logger("agent.spool");
  used_path = path;
  auto db = openSpoolFile(path);
  if (db) return std::move(*db);
  if (db.error().code == "corrupt") {
    const std::string aside = asideName(path, clock);
    if (setAside(path, aside)) {
      log.error("spool " + path + " is unusable (" + db.error().message + "); moved it to " +
                aside + " and started an empty spool");
      auto fresh = openSpoolFile(path);
      if (fresh) return std::move(*fresh);
      db = fresh.error();
    } else {
      log.error("spool " + path + " is unusable (" + db.error().message +
                ") and cannot be moved aside");
    }
  }
  log.error("cannot open spool " + path + ": " + db.error().message +
            "; reports are queued in memory until the agent restarts");
  used_path = ":memory:";
  auto memory = openSpoolFile(used_path);
  // An in-memory database cannot be damaged or refused: only allocation could fail.
  return memory ? std::move(*memory) : nullptr;
}

}  // namespace

std::unique_ptr<Spool> Spool::open(const std::string& path, SpoolLimits limits,
                                   const Clock& clock) {
  std::string used;
  auto db = openOrReplace(path, clock, used);
  return std::unique_ptr<Spool>(new Spool(std::move(db), used, limits, clock));
}

void Spool::replaceCorrupt(const std::string& why) {
  auto& log = logger("agent.spool");
  db_.reset();  // close before moving the file
  if (inMemory()) {
    log.error("in-memory spool failed (" + why + "); starting it again empty");
  } else {
    log.error("spool " + path_ + " became unusable: " + why);
  }
  std::string used;
  const std::string original = path_;
  if (!inMemory()) {
    const std::string aside = asideName(path_, clock_);
    if (setAside(path_, aside)) log.error("moved the damaged spool to " + aside);
  }
  db_ = openOrReplace(original, clock_, used);
  path_ = used;
}

template <typename T, typename Op>
Result<T> Spool::guarded(Op op) {
  if (!db_) replaceCorrupt("not open");
  if (!db_) return makeError("storage", "spool unavailable");
  Result<T> first = op(*db_);
  if (first || first.error().code != "corrupt") return first;
  replaceCorrupt(first.error().message);
  if (!db_) return makeError("storage", "spool unavailable");
  return op(*db_);
}

Result<std::int64_t> Spool::push(SpoolKind kind, const std::string& key,
                                 const std::string& body) {
  const SpoolLimits limits = limits_;
  const std::string now = formatRfc3339(clock_.now());
  return guarded<std::int64_t>([&](SqliteDb& db) -> Result<std::int64_t> {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    {
      auto known = db.prepare("SELECT sequence FROM items WHERE key = ?");
      if (!known) return known.error();
      auto row = known->bind(1, key).step();
      if (!row) return row.error();
      if (*row) return known->int64(0);  // already queued: the transaction rolls back
    }
    if (body.size() > limits.max_bytes) {
      if (auto r = addCounter(db, "dropped_pending", 1); !r) return r.error();
      if (auto r = addCounter(db, "dropped_total", 1); !r) return r.error();
      if (auto r = tx->commit(); !r) return r.error();
      return makeError("too_large", std::string(kindName(kind)) + " " + key + " is " +
                                        std::to_string(body.size()) +
                                        " bytes, more than the spool's bound of " +
                                        std::to_string(limits.max_bytes) + "; dropped");
    }
    if (kind == SpoolKind::Heartbeat) {
      // Superseded heartbeats go; a drop count riding on one waits for the next item.
      auto carried =
          scalar(db, "SELECT COALESCE(SUM(dropped), 0) FROM items WHERE kind = 'heartbeat'");
      if (!carried) return carried.error();
      if (auto r = addCounter(db, "dropped_pending", *carried); !r) return r.error();
      if (auto r = db.exec("DELETE FROM items WHERE kind = 'heartbeat'"); !r) return r.error();
    }
    auto insert = db.prepare(
        "INSERT INTO items(kind, key, body, bytes, queued_at) VALUES (?, ?, ?, ?, ?)");
    if (!insert) return insert.error();
    if (auto r = insert->bind(1, kindName(kind))
                     .bind(2, key)
                     .bind(3, body)
                     .bind(4, static_cast<std::int64_t>(body.size()))
                     .bind(5, now)
                     .run();
        !r) {
      return r.error();
    }
    const std::int64_t sequence = db.lastInsertRowId();
    // Over the bound: the oldest items go, each one counted.
    for (;;) {
      auto totals = db.prepare("SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM items");
      if (!totals) return totals.error();
      if (auto row = totals->step(); !row) return row.error();
      if (static_cast<std::uint64_t>(totals->int64(0)) <= limits.max_items &&
          static_cast<std::uint64_t>(totals->int64(1)) <= limits.max_bytes) {
        break;
      }
      auto oldest = db.prepare(
          "SELECT sequence, dropped FROM items WHERE sequence <> ? ORDER BY sequence LIMIT 1");
      if (!oldest) return oldest.error();
      auto row = oldest->bind(1, sequence).step();
      if (!row) return row.error();
      if (!*row) break;  // only the new item is left, and it fits max_bytes
      const std::int64_t victim = oldest->int64(0);
      const std::int64_t carried = oldest->int64(1);
      auto erase = db.prepare("DELETE FROM items WHERE sequence = ?");
      if (!erase) return erase.error();
      if (auto r = erase->bind(1, victim).run(); !r) return r.error();
      if (auto r = addCounter(db, "dropped_pending", 1 + carried); !r) return r.error();
      if (auto r = addCounter(db, "dropped_total", 1); !r) return r.error();
    }
    if (auto r = tx->commit(); !r) return r.error();
    return sequence;
  });
}

Result<std::optional<SpoolItem>> Spool::front() {
  using Front = std::optional<SpoolItem>;
  return guarded<Front>([&](SqliteDb& db) -> Result<Front> {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    auto select = db.prepare(
        "SELECT sequence, kind, key, body, dropped FROM items ORDER BY sequence LIMIT 1");
    if (!select) return select.error();
    auto row = select->step();
    if (!row) return row.error();
    if (!*row) return Front{};
    SpoolItem item;
    item.sequence = select->int64(0);
    item.kind = select->text(1) == "inventory" ? SpoolKind::Inventory : SpoolKind::Heartbeat;
    item.key = select->text(2);
    item.body = select->text(3);
    item.dropped = static_cast<std::uint64_t>(select->int64(4));
    auto pending = scalar(db, "SELECT value FROM counters WHERE name = 'dropped_pending'");
    if (!pending) return pending.error();
    if (*pending > 0) {
      auto attach = db.prepare("UPDATE items SET dropped = dropped + ? WHERE sequence = ?");
      if (!attach) return attach.error();
      if (auto r = attach->bind(1, *pending).bind(2, item.sequence).run(); !r) return r.error();
      if (auto r = db.exec("UPDATE counters SET value = 0 WHERE name = 'dropped_pending'"); !r) {
        return r.error();
      }
      if (auto r = tx->commit(); !r) return r.error();
      item.dropped += static_cast<std::uint64_t>(*pending);
    }
    return Front{std::move(item)};
  });
}

Result<void> Spool::remove(std::int64_t sequence) {
  return guarded<void>([&](SqliteDb& db) -> Result<void> {
    auto erase = db.prepare("DELETE FROM items WHERE sequence = ?");
    if (!erase) return erase.error();
    return erase->bind(1, sequence).run();
  });
}

Result<void> Spool::discard(std::int64_t sequence) {
  return guarded<void>([&](SqliteDb& db) -> Result<void> {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    auto carried = db.prepare("SELECT dropped FROM items WHERE sequence = ?");
    if (!carried) return carried.error();
    auto row = carried->bind(1, sequence).step();
    if (!row) return row.error();
    if (!*row) return {};
    if (auto r = addCounter(db, "dropped_pending", carried->int64(0)); !r) return r;
    auto erase = db.prepare("DELETE FROM items WHERE sequence = ?");
    if (!erase) return erase.error();
    if (auto r = erase->bind(1, sequence).run(); !r) return r;
    return tx->commit();
  });
}

namespace {

Result<SpoolStats> readStats(SqliteDb& db) {
  SpoolStats stats;
  auto items = db.prepare(
      "SELECT COUNT(*), COALESCE(SUM(kind = 'inventory'), 0), COALESCE(SUM(bytes), 0), "
      "COALESCE(SUM(dropped), 0) FROM items");
  if (!items) return items.error();
  if (auto row = items->step(); !row) return row.error();
  stats.items = static_cast<std::uint64_t>(items->int64(0));
  stats.inventories = static_cast<std::uint64_t>(items->int64(1));
  stats.heartbeats = stats.items - stats.inventories;
  stats.bytes = static_cast<std::uint64_t>(items->int64(2));
  const auto attached = static_cast<std::uint64_t>(items->int64(3));
  auto pending = scalar(db, "SELECT value FROM counters WHERE name = 'dropped_pending'");
  if (!pending) return pending.error();
  auto total = scalar(db, "SELECT value FROM counters WHERE name = 'dropped_total'");
  if (!total) return total.error();
  stats.dropped_unreported = attached + static_cast<std::uint64_t>(*pending);
  stats.dropped_total = static_cast<std::uint64_t>(*total);
  return stats;
}

}  // namespace

Result<SpoolStats> Spool::stats() {
  return guarded<SpoolStats>([](SqliteDb& db) { return readStats(db); });
}

Result<bool> Spool::holdsInventory() {
  return guarded<bool>([](SqliteDb& db) -> Result<bool> {
    auto count = scalar(db, "SELECT COUNT(*) FROM items WHERE kind = 'inventory'");
    if (!count) return count.error();
    return *count > 0;
  });
}

Result<SpoolStats> Spool::inspect(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return makeError("not_found", path + ": no spool yet");
  }
  if (::access(path.c_str(), R_OK | W_OK) != 0) {
    return makeError("storage", path + ": " + std::strerror(errno));
  }
  auto db = SqliteDb::open(path);
  if (!db) return db.error();
  for (const char* probe : kProbes) {
    auto check = (*db)->prepare(probe);
    if (!check) return corrupt("not a spool: " + check.error().message);
  }
  return readStats(**db);
}

}  // namespace steward::agent
