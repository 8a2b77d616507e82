#include "collector/storage/collector_db.h"

#include "collector/storage/agent_transport_tables.h"
#include "collector/storage/schema.h"
#include "shared/common/id.h"

namespace steward::collector::storage {

using steward::storage::SqliteDb;
using steward::storage::Transaction;

namespace {

Result<std::string> loadOrMakeCollectorId(SqliteDb& db, const Clock& clock) {
  auto tx = Transaction::begin(db);
  if (!tx) return tx.error();
  auto select = db.prepare("SELECT value FROM meta WHERE key = 'collector_id'");
  if (!select) return select.error();
  auto row = select->step();
  if (!row) return row.error();
  if (*row) return select->text(0);  // the transaction rolls back: nothing was written

  std::string id = newUuidV7(clock);
  auto insert = db.prepare("INSERT INTO meta(key, value) VALUES ('collector_id', ?)");
  if (!insert) return insert.error();
  if (auto r = insert->bind(1, id).run(); !r) return r.error();
  if (auto r = tx->commit(); !r) return r.error();
  return id;
}

}  // namespace

Result<std::unique_ptr<CollectorDb>> CollectorDb::open(const std::string& path,
                                                       const Clock& clock) {
  auto db = SqliteDb::open(path);
  if (!db) return db.error();
  // A 2xx to an agent means its report survives a power cut, not only a crash of
  // the collector: fsync the WAL on every commit (group commit keeps that cheap).
  if (auto r = (*db)->exec("PRAGMA synchronous=FULL"); !r) return r.error();
  // A batch of new inventories is a few MB of pages; SQLite's default 2 MB cache
  // would spill them to the log before the commit, writing some twice.
  if (auto r = (*db)->exec("PRAGMA cache_size=-32768"); !r) return r.error();
  if (auto r = migrate(**db); !r) {
    return makeError(r.error().code, path + ": " + r.error().message);
  }
  if (auto r = AgentTransportTables::prepare(**db); !r) {
    return makeError(r.error().code, path + ": " + r.error().message);
  }
  auto id = loadOrMakeCollectorId(**db, clock);
  if (!id) return id.error();
  std::unique_ptr<SqliteDb> reader;
  const bool on_disk = path != ":memory:" && !path.empty();
  if (on_disk) {
    auto opened = SqliteDb::open(path);
    if (!opened) return opened.error();
    reader = std::move(*opened);
  }
  std::unique_ptr<CollectorDb> out(
      new CollectorDb(std::move(*db), std::move(reader), std::move(*id)));
  if (on_disk) {
    auto checkpointer = WalCheckpointer::start(*out->db_, path);
    if (!checkpointer) return checkpointer.error();
    out->checkpointer_ = std::move(*checkpointer);
    out->commits_.setBeforeBatch([ckpt = out->checkpointer_.get()] { ckpt->finish(); });
  }
  return out;
}

Result<void> CollectorDb::transact(const Work& work) { return commits_.run(work); }

Result<void> CollectorDb::read(const Work& work) {
  std::lock_guard lock(mutex_);
  return work(*db_);
}

Result<void> CollectorDb::readCommitted(const Work& work) {
  if (!reader_) return read(work);
  std::lock_guard lock(reader_mutex_);
  return work(*reader_);
}

}  // namespace steward::collector::storage
