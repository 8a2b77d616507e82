#pragma once

// Storage contract for users, API tokens, web sessions and the audit log. Secrets
// never reach it in clear: passwords arrive hashed (password_hasher.h), tokens and
// session ids as their SHA-256.
//
// Errors: "not_found", "conflict" (a user name taken), "storage"/"busy" from SQLite.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/auth/user.h"
#include "shared/common/result.h"

namespace steward::server::auth {

struct LoginRecord {
  User user;
  std::string password_hash;
  int failed_logins = 0;
};

struct SessionRecord {
  User user;
  std::string csrf_token;
  std::string last_seen;
  std::string expires_at;
};

struct AuditPage {
  std::vector<AuditEntry> items;  // newest first
  std::int64_t total = 0;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;

  virtual Result<User> createUser(const User& user, const std::string& password_hash) = 0;
  // By id or (case-insensitive) name.
  virtual Result<User> getUser(const std::string& id_or_name) = 0;
  virtual Result<std::vector<User>> listUsers() = 0;
  // Writes display_name, role, active and updated_at of `user.id`.
  virtual Result<void> updateUser(const User& user) = 0;
  virtual Result<void> setPassword(const std::string& user_id, const std::string& password_hash,
                                   const std::string& now) = 0;
  virtual Result<std::int64_t> countActiveAdmins() = 0;

  // nullopt for an unknown name.
  virtual Result<std::optional<LoginRecord>> findForLogin(const std::string& name) = 0;
  // Stores the consecutive failure count and the lock (nullopt = none).
  virtual Result<void> setLoginFailures(const std::string& user_id, int failed_logins,
                                        const std::optional<std::string>& locked_until) = 0;

  virtual Result<void> createToken(const ApiToken& token, const std::string& token_sha256) = 0;
  virtual Result<std::vector<ApiToken>> listTokens(const std::string& user_id) = 0;
  virtual Result<void> revokeToken(const std::string& user_id, const std::string& token_id,
                                   const std::string& now) = 0;
  // The active user owning an unrevoked token with this hash (and stamps its use).
  virtual Result<std::optional<User>> userForToken(const std::string& token_sha256,
                                                   const std::string& now) = 0;

  virtual Result<void> createSession(const std::string& id_sha256, const std::string& user_id,
                                     const std::string& csrf_token, const std::string& now,
                                     const std::string& expires_at) = 0;
  // The session with its (active) user; nullopt when unknown or the user is disabled.
  virtual Result<std::optional<SessionRecord>> findSession(const std::string& id_sha256) = 0;
  virtual Result<void> touchSession(const std::string& id_sha256, const std::string& now) = 0;
  virtual Result<void> deleteSession(const std::string& id_sha256) = 0;
  virtual Result<void> deleteSessionsOf(const std::string& user_id) = 0;

  virtual Result<void> appendAudit(const AuditEntry& entry) = 0;
  virtual Result<AuditPage> listAudit(std::uint32_t page, std::uint32_t per_page) = 0;
};

}  // namespace steward::server::auth
