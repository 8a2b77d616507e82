#include "server/auth/sqlite_user_repository.h"

#include "server/auth/user_schema.h"

namespace steward::server::auth {

namespace {

// Column list matching readUser(); prefixed "u." so joins can use it.
constexpr std::string_view kUserColumns =
    "u.id, u.name, u.display_name, u.role, u.active, u.created_at, u.updated_at, u.locked_until";

User readUser(const storage::Statement& row, int first = 0) {
  User user;
  user.id = row.text(first);
  user.name = row.text(first + 1);
  user.display_name = row.text(first + 2);
  user.role = parseRole(row.text(first + 3)).value_or(Role::Viewer);
  user.active = row.int64(first + 4) != 0;
  user.created_at = row.text(first + 5);
  user.updated_at = row.text(first + 6);
  user.locked_until = row.optionalText(first + 7);
  return user;
}

std::string sql(std::string_view head, std::string_view tail) {
  return std::string(head) + std::string(kUserColumns) + std::string(tail);
}

}  // namespace

Result<std::unique_ptr<SqliteUserRepository>> SqliteUserRepository::open(const std::string& path) {
  auto db = storage::SqliteDb::open(path);
  if (!db) return db.error();
  if (auto migrated = migrateUserSchema(**db); !migrated) {
    return makeError(migrated.error().code, path + ": " + migrated.error().message);
  }
  return std::unique_ptr<SqliteUserRepository>(new SqliteUserRepository(std::move(*db)));
}

Result<void> SqliteUserRepository::runOne(std::string_view text, const std::string& a,
                                          const std::string& b, const std::string& c) {
  auto stmt = db_->prepare(text);
  if (!stmt) return stmt.error();
  stmt->bind(1, a);
  if (!b.empty()) stmt->bind(2, b);
  if (!c.empty()) stmt->bind(3, c);
  return stmt->run();
}

Result<User> SqliteUserRepository::createUser(const User& user, const std::string& password_hash) {
  {
    std::lock_guard lock(mutex_);
    auto stmt = db_->prepare(
        "INSERT INTO users (id, name, display_name, role, password_hash, active, created_at, "
        "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)");
    if (!stmt) return stmt.error();
    stmt->bind(1, user.id).bind(2, user.name).bind(3, user.display_name);
    stmt->bind(4, roleName(user.role)).bind(5, password_hash);
    stmt->bind(6, std::int64_t{user.active ? 1 : 0}).bind(7, user.created_at);
    if (auto done = stmt->run(); !done) {
      if (done.error().code == "constraint") {
        return makeError("conflict", "a user named '" + user.name + "' already exists");
      }
      return done.error();
    }
  }
  return getUser(user.id);
}

Result<User> SqliteUserRepository::getUser(const std::string& id_or_name) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(sql("SELECT ", " FROM users u WHERE u.id = ?1 OR u.name = ?1"));
  if (!stmt) return stmt.error();
  auto row = stmt->bind(1, id_or_name).step();
  if (!row) return row.error();
  if (!*row) return makeError("not_found", "no user '" + id_or_name + "'");
  return readUser(*stmt);
}

Result<std::vector<User>> SqliteUserRepository::listUsers() {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(sql("SELECT ", " FROM users u ORDER BY u.name COLLATE NOCASE"));
  if (!stmt) return stmt.error();
  std::vector<User> users;
  if (auto done = stmt->forEachRow([&](auto& row) { users.push_back(readUser(row)); }); !done) {
    return done.error();
  }
  return users;
}

Result<void> SqliteUserRepository::updateUser(const User& user) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(
      "UPDATE users SET display_name = ?2, role = ?3, active = ?4, updated_at = ?5 WHERE id = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, user.id).bind(2, user.display_name).bind(3, roleName(user.role));
  stmt->bind(4, std::int64_t{user.active ? 1 : 0}).bind(5, user.updated_at);
  if (auto done = stmt->run(); !done) return done;
  if (db_->changes() == 0) return makeError("not_found", "no user '" + user.id + "'");
  return {};
}

Result<void> SqliteUserRepository::setPassword(const std::string& user_id,
                                               const std::string& password_hash,
                                               const std::string& now) {
  std::lock_guard lock(mutex_);
  return runOne(
      "UPDATE users SET password_hash = ?2, updated_at = ?3, failed_logins = 0, "
      "locked_until = NULL WHERE id = ?1",
      user_id, password_hash, now);
}

Result<std::int64_t> SqliteUserRepository::countActiveAdmins() {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1");
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  return stmt->int64(0);
}

Result<std::optional<LoginRecord>> SqliteUserRepository::findForLogin(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(
      sql("SELECT ", ", u.password_hash, u.failed_logins FROM users u WHERE u.name = ?1"));
  if (!stmt) return stmt.error();
  auto row = stmt->bind(1, name).step();
  if (!row) return row.error();
  if (!*row) return std::optional<LoginRecord>();
  LoginRecord record{readUser(*stmt), stmt->text(8), static_cast<int>(stmt->int64(9))};
  return std::optional<LoginRecord>(std::move(record));
}

Result<void> SqliteUserRepository::setLoginFailures(
    const std::string& user_id, int failed_logins, const std::optional<std::string>& locked_until) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare("UPDATE users SET failed_logins = ?2, locked_until = ?3 WHERE id = ?1");
  if (!stmt) return stmt.error();
  return stmt->bind(1, user_id).bind(2, std::int64_t{failed_logins}).bind(3, locked_until).run();
}

Result<void> SqliteUserRepository::createToken(const ApiToken& token,
                                               const std::string& token_sha256) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(
      "INSERT INTO api_tokens (id, user_id, label, token_sha256, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!stmt) return stmt.error();
  stmt->bind(1, token.id).bind(2, token.user_id).bind(3, token.label);
  return stmt->bind(4, token_sha256).bind(5, token.created_at).run();
}

Result<std::vector<ApiToken>> SqliteUserRepository::listTokens(const std::string& user_id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(
      "SELECT id, user_id, label, created_at, last_used_at, revoked_at FROM api_tokens "
      "WHERE user_id = ?1 ORDER BY created_at, id");
  if (!stmt) return stmt.error();
  std::vector<ApiToken> tokens;
  auto done = stmt->bind(1, user_id).forEachRow([&](auto& row) {
    tokens.push_back(ApiToken{row.text(0), row.text(1), row.text(2), row.text(3),
                              row.optionalText(4), row.optionalText(5)});
  });
  if (!done) return done.error();
  return tokens;
}

Result<void> SqliteUserRepository::revokeToken(const std::string& user_id,
                                               const std::string& token_id,
                                               const std::string& now) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(
      "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?3) WHERE id = ?1 AND user_id = ?2");
  if (!stmt) return stmt.error();
  if (auto done = stmt->bind(1, token_id).bind(2, user_id).bind(3, now).run(); !done) return done;
  if (db_->changes() == 0) return makeError("not_found", "no token '" + token_id + "'");
  return {};
}

Result<std::optional<User>> SqliteUserRepository::userForToken(const std::string& token_sha256,
                                                               const std::string& now) {
  std::lock_guard lock(mutex_);
  auto stmt =
      db_->prepare(sql("SELECT ",
                       ", t.id, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id "
                       "WHERE t.token_sha256 = ?1 AND t.revoked_at IS NULL AND u.active = 1"));
  if (!stmt) return stmt.error();
  auto row = stmt->bind(1, token_sha256).step();
  if (!row) return row.error();
  if (!*row) return std::optional<User>();
  User user = readUser(*stmt);
  const std::string token_id = stmt->text(8);
  const std::string last_used = stmt->text(9);
  stmt->reset();
  // Stamped to the minute: a write on every API call would serialise readers for a
  // figure nobody needs to the second. (Both are RFC 3339 UTC text of one format,
  // so the first 16 characters are the minute.)
  if (last_used.substr(0, 16) != now.substr(0, 16)) {
    if (auto done = runOne("UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1", token_id, now);
        !done) {
      return done.error();
    }
  }
  return std::optional<User>(std::move(user));
}

Result<void> SqliteUserRepository::createSession(const std::string& id_sha256,
                                                 const std::string& user_id,
                                                 const std::string& csrf_token,
                                                 const std::string& now,
                                                 const std::string& expires_at) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(
      "INSERT INTO sessions (id_sha256, user_id, csrf_token, created_at, last_seen, expires_at) "
      "VALUES (?1, ?2, ?3, ?4, ?4, ?5)");
  if (!stmt) return stmt.error();
  stmt->bind(1, id_sha256).bind(2, user_id).bind(3, csrf_token);
  if (auto done = stmt->bind(4, now).bind(5, expires_at).run(); !done) return done;
  // Sessions that ended are dropped as new ones start, so the table stays small.
  auto purge = db_->prepare("DELETE FROM sessions WHERE expires_at < ?1");
  if (!purge) return purge.error();
  return purge->bind(1, now).run();
}

Result<std::optional<SessionRecord>> SqliteUserRepository::findSession(
    const std::string& id_sha256) {
  std::lock_guard lock(mutex_);
  auto stmt =
      db_->prepare(sql("SELECT ",
                       ", s.csrf_token, s.last_seen, s.expires_at FROM sessions s "
                       "JOIN users u ON u.id = s.user_id WHERE s.id_sha256 = ?1 AND u.active = 1"));
  if (!stmt) return stmt.error();
  auto row = stmt->bind(1, id_sha256).step();
  if (!row) return row.error();
  if (!*row) return std::optional<SessionRecord>();
  return std::optional<SessionRecord>(
      SessionRecord{readUser(*stmt), stmt->text(8), stmt->text(9), stmt->text(10)});
}

Result<void> SqliteUserRepository::touchSession(const std::string& id_sha256,
                                                const std::string& now) {
  std::lock_guard lock(mutex_);
  return runOne("UPDATE sessions SET last_seen = ?2 WHERE id_sha256 = ?1", id_sha256, now);
}

Result<void> SqliteUserRepository::deleteSession(const std::string& id_sha256) {
  std::lock_guard lock(mutex_);
  return runOne("DELETE FROM sessions WHERE id_sha256 = ?1", id_sha256);
}

Result<void> SqliteUserRepository::deleteSessionsOf(const std::string& user_id) {
  std::lock_guard lock(mutex_);
  return runOne("DELETE FROM sessions WHERE user_id = ?1", user_id);
}

Result<void> SqliteUserRepository::appendAudit(const AuditEntry& e) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(
      "INSERT INTO audit_log (at, actor, action, target, detail, remote_address) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt) return stmt.error();
  stmt->bind(1, e.at).bind(2, e.actor).bind(3, e.action).bind(4, e.target);
  return stmt->bind(5, e.detail).bind(6, e.remote_address).run();
}

Result<AuditPage> SqliteUserRepository::listAudit(std::uint32_t page, std::uint32_t per_page) {
  std::lock_guard lock(mutex_);
  AuditPage out;
  auto count = db_->prepare("SELECT COUNT(*) FROM audit_log");
  if (!count) return count.error();
  if (auto row = count->step(); !row) return row.error();
  out.total = count->int64(0);
  auto stmt = db_->prepare(
      "SELECT seq, at, actor, action, target, detail, remote_address FROM audit_log "
      "ORDER BY seq DESC LIMIT ?1 OFFSET ?2");
  if (!stmt) return stmt.error();
  stmt->bind(1, std::int64_t{per_page}).bind(2, std::int64_t{page - 1} * per_page);
  auto done = stmt->forEachRow([&](auto& row) {
    out.items.push_back(AuditEntry{row.int64(0), row.text(1), row.text(2), row.text(3), row.text(4),
                                   row.text(5), row.text(6)});
  });
  if (!done) return done.error();
  return out;
}

}  // namespace steward::server::auth
