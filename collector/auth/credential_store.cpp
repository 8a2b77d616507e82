#include "collector/auth/credential_store.h"

#include "shared/common/id.h"
#include "shared/http/tls.h"

namespace steward::collector::auth {

namespace {

constexpr std::size_t kSecretBytes = 32;

Error unauthenticated(const std::string& why) { return makeError("unauthenticated", why); }

}  // namespace

Result<void> CredentialStore::prepare(storage::CollectorDb& db) {
  return db.transact([](steward::storage::SqliteDb& sql) {
    return sql.exec(
        "CREATE TABLE IF NOT EXISTS agent_credentials ("
        " agent_id TEXT PRIMARY KEY,"
        " secret_sha256 TEXT NOT NULL,"
        " issued_at TEXT NOT NULL)");
  });
}

Result<std::string> CredentialStore::issue(const std::string& agent_id,
                                           const std::string& issued_at) {
  const std::string secret = http::randomHex(kSecretBytes);
  auto done = db_.transact([&](steward::storage::SqliteDb& sql) -> Result<void> {
    auto stmt = sql.prepare(
        "INSERT INTO agent_credentials(agent_id, secret_sha256, issued_at) VALUES (?, ?, ?)");
    if (!stmt) return stmt.error();
    auto r = stmt->bind(1, agent_id).bind(2, http::sha256Hex(secret)).bind(3, issued_at).run();
    if (!r && r.error().code == "constraint") {
      return makeError("already_enrolled",
                       "agent " + agent_id +
                           " is already enrolled; to enroll this machine again, remove the "
                           "agent's state directory so it gets a new agent id");
    }
    return r;
  });
  if (!done) return done.error();
  return agent_id + "." + secret;
}

Result<std::string> CredentialStore::authenticate(const std::string& authorization_header) {
  static constexpr std::string_view kScheme = "Bearer ";
  if (authorization_header.empty()) {
    return unauthenticated(
        "this endpoint needs the agent's credential "
        "(Authorization: Bearer <agent_id>.<secret>); enroll the agent first");
  }
  if (!authorization_header.starts_with(kScheme)) {
    return unauthenticated("Authorization must use the Bearer scheme");
  }
  const std::string credential = authorization_header.substr(kScheme.size());
  const auto dot = credential.find('.');
  if (dot == std::string::npos || !isUuid(credential.substr(0, dot))) {
    return unauthenticated("malformed agent credential");
  }
  const std::string agent_id = credential.substr(0, dot);
  const std::string presented = http::sha256Hex(credential.substr(dot + 1));
  std::string stored;
  auto done = db_.readCommitted([&](steward::storage::SqliteDb& sql) -> Result<void> {
    auto stmt = sql.prepare("SELECT secret_sha256 FROM agent_credentials WHERE agent_id = ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, agent_id);
    auto row = stmt->step();
    if (!row) return row.error();
    if (*row) stored = stmt->text(0);
    return {};
  });
  if (!done) return done.error();
  if (stored.empty() || !http::constantTimeEquals(stored, presented)) {
    return unauthenticated("unknown or revoked agent credential; enroll the agent again");
  }
  return agent_id;
}

}  // namespace steward::collector::auth
