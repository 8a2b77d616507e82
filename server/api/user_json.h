#pragma once

// JSON shapes of the users API. Secrets (password hashes, token hashes) have no
// field here at all, so no endpoint can leak them by accident.

#include <optional>
#include <string>

#include "server/auth/user.h"
#include "server/auth/user_repository.h"
#include "shared/common/result.h"

namespace boost::json {
class object;
}

namespace steward::server {

boost::json::object encodeUser(const auth::User& user);
boost::json::object encodeToken(const auth::ApiToken& token);
boost::json::object encodeAuditEntry(const auth::AuditEntry& entry);

// POST /api/v1/users: name and role required; display_name and password optional.
struct NewUser {
  std::string name;
  auth::Role role = auth::Role::Viewer;
  std::string display_name;
  std::optional<std::string> password;
};
Result<NewUser> decodeNewUser(const std::string& body);

// PATCH /api/v1/users/{id}: at least one of display_name, role, active, password.
struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<auth::Role> role;
  std::optional<bool> active;
  std::optional<std::string> password;
};
Result<UserPatch> decodeUserPatch(const std::string& body);

// POST /api/v1/session: {"name": ..., "password": ...}.
struct LoginRequest {
  std::string name;
  std::string password;
};
Result<LoginRequest> decodeLogin(const std::string& body);

// POST /api/v1/users/{id}/tokens: {"label": ...} or an empty object.
Result<std::string> decodeTokenLabel(const std::string& body);

}  // namespace steward::server
