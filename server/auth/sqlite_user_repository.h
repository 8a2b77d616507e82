#pragma once

// UserRepository on the server's SQLite file (its own connection, WAL), calls
// serialised by a mutex like the other repositories.

#include <memory>
#include <mutex>
#include <string>

#include "server/auth/user_repository.h"
#include "shared/storage/sqlite_db.h"

namespace steward::server::auth {

class SqliteUserRepository final : public UserRepository {
 public:
  // Opens or creates `path` (":memory:" for tests) and migrates the user tables.
  static Result<std::unique_ptr<SqliteUserRepository>> open(const std::string& path);

  Result<User> createUser(const User& user, const std::string& password_hash) override;
  Result<User> getUser(const std::string& id_or_name) override;
  Result<std::vector<User>> listUsers() override;
  Result<void> updateUser(const User& user) override;
  Result<void> setPassword(const std::string& user_id, const std::string& password_hash,
                           const std::string& now) override;
  Result<std::int64_t> countActiveAdmins() override;
  Result<std::optional<LoginRecord>> findForLogin(const std::string& name) override;
  Result<void> setLoginFailures(const std::string& user_id, int failed_logins,
                                const std::optional<std::string>& locked_until) override;
  Result<void> createToken(const ApiToken& token, const std::string& token_sha256) override;
  Result<std::vector<ApiToken>> listTokens(const std::string& user_id) override;
  Result<void> revokeToken(const std::string& user_id, const std::string& token_id,
                           const std::string& now) override;
  Result<std::optional<User>> userForToken(const std::string& token_sha256,
                                           const std::string& now) override;
  Result<void> createSession(const std::string& id_sha256, const std::string& user_id,
                             const std::string& csrf_token, const std::string& now,
                             const std::string& expires_at) override;
  Result<std::optional<SessionRecord>> findSession(const std::string& id_sha256) override;
  Result<void> touchSession(const std::string& id_sha256, const std::string& now) override;
  Result<void> deleteSession(const std::string& id_sha256) override;
  Result<void> deleteSessionsOf(const std::string& user_id) override;
  Result<void> appendAudit(const AuditEntry& entry) override;
  Result<AuditPage> listAudit(std::uint32_t page, std::uint32_t per_page) override;

 private:
  explicit SqliteUserRepository(std::unique_ptr<storage::SqliteDb> db) : db_(std::move(db)) {}
  Result<void> runOne(std::string_view sql, const std::string& a, const std::string& b = {},
                      const std::string& c = {});

  std::unique_ptr<storage::SqliteDb> db_;
  std::mutex mutex_;
};

}  // namespace steward::server::auth
