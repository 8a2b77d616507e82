#pragma once

// People who use the server (not collectors or agents): their role, credentials'
// metadata and what the audit log records about their changes.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace steward::server::auth {

// What a person may do (DESIGN.md, Server): viewers read, requesters raise incidents
// and follow their own, technicians work incidents, admins also manage users.
enum class Role { Admin, Technician, Requester, Viewer };

std::string_view roleName(Role role);
std::optional<Role> parseRole(std::string_view text);

struct User {
  std::string id;  // UUIDv7
  std::string name;
  std::string display_name;
  Role role = Role::Viewer;
  bool active = true;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> locked_until;  // set after too many failed logins
};

// An API token's metadata; the secret itself is shown once and only its hash kept.
struct ApiToken {
  std::string id;
  std::string user_id;
  std::string label;
  std::string created_at;
  std::optional<std::string> last_used_at;
  std::optional<std::string> revoked_at;
};

// The authenticated caller of one request.
struct Principal {
  User user;
  bool via_session = false;  // cookie: state-changing requests need the CSRF token
  std::string csrf_token;    // the session's, when via_session
  std::string session_hash;  // the session's stored id, when via_session
};

struct AuditEntry {
  std::int64_t seq = 0;
  std::string at;
  std::string actor;   // user name, or "cli" for the command line
  std::string action;  // e.g. "user.create", "login.failed", "PATCH /api/v1/incidents/INC1"
  std::string target;  // what was changed (user name, path), may be ""
  std::string detail;  // short human-readable facts, never secrets
  std::string remote_address;
};

// Names are what people type to log in: 1..64 of letters, digits and "._@-".
bool isValidUserName(std::string_view name);

}  // namespace steward::server::auth
