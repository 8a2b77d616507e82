#pragma once

// Logging in and managing users:
//
//   POST   /api/v1/session                  {"name","password"} → session cookie + csrf_token
//   GET    /api/v1/session                  who is logged in (and the CSRF token)
//   DELETE /api/v1/session                  log out
//   GET    /api/v1/users                    admin: every user
//   POST   /api/v1/users                    admin: {"name","role"[,"display_name","password"]};
//                                           without a password one is generated and shown once
//   GET    /api/v1/users/{id}               admin
//   PATCH  /api/v1/users/{id}               admin: role, display_name, active, password
//   GET    /api/v1/users/{id}/tokens        admin: token metadata (never the secret)
//   POST   /api/v1/users/{id}/tokens        admin: {"label"} → the token, shown once
//   DELETE /api/v1/users/{id}/tokens/{tid}  admin: revoke
//   GET    /api/v1/audit?page=&per_page=    admin: the audit log, newest first
//
// The router has already checked who the caller is and that the role allows the
// path (server/auth/access_policy.h); these handlers do the work and write the
// audit log.

#include <optional>

#include "server/auth/authenticator.h"
#include "shared/http/message.h"

namespace steward::server {

class UserEndpoints {
 public:
  explicit UserEndpoints(auth::Authenticator& authenticator) : auth_(authenticator) {}

  // POST /api/v1/session needs no principal; every other path here needs one.
  http::HttpResponse session(const http::HttpRequest& request,
                             const std::optional<auth::Principal>& principal) const;
  // /api/v1/users… and /api/v1/audit; nullopt for any other path.
  std::optional<http::HttpResponse> route(const http::HttpRequest& request,
                                          const auth::Principal& principal) const;

 private:
  http::HttpResponse login(const http::HttpRequest& request) const;
  http::HttpResponse createUser(const http::HttpRequest& request,
                                const auth::Principal& principal) const;
  http::HttpResponse patchUser(const std::string& id, const http::HttpRequest& request,
                               const auth::Principal& principal) const;
  http::HttpResponse tokens(const std::string& id, const http::HttpRequest& request,
                            const auth::Principal& principal) const;
  http::HttpResponse revokeToken(const std::string& id, const std::string& token_id,
                                 const http::HttpRequest& request,
                                 const auth::Principal& principal) const;
  http::HttpResponse auditLog(const http::HttpRequest& request) const;

  auth::Authenticator& auth_;
};

}  // namespace steward::server
