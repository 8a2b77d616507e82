#pragma once

// HTTP Basic authentication for the OCS Inventory / FusionInventory endpoint. Both
// Debian agents answer a 401 carrying `WWW-Authenticate: Basic realm="..."` by
// replaying the request with their --user/--password (ocsinventory-agent also needs
// --realm to equal the realm). Missing or wrong credentials: 401, nothing stored.

#include <mutex>
#include <optional>
#include <string>

#include "shared/http/message.h"

namespace steward::collector::ingest::ocs {

struct OcsCredentials {
  std::string user;
  std::string password_hash;  // collector/auth/password_hash.h format
  std::string realm = "Steward";
};

class OcsBasicAuth {
 public:
  explicit OcsBasicAuth(OcsCredentials credentials) : credentials_(std::move(credentials)) {}

  // nullopt when `request` carries the configured user and password; otherwise the
  // 401 response to send (with WWW-Authenticate).
  std::optional<http::HttpResponse> check(const http::HttpRequest& request) const;

 private:
  bool verify(const std::string& user, const std::string& password) const;

  OcsCredentials credentials_;
  // SHA-256 of the last "user:password" that verified: each inventory is two
  // requests, and PBKDF2 is deliberately slow, so a repeat skips the derivation.
  mutable std::mutex mutex_;
  mutable std::string verified_sha256_;
};

}  // namespace steward::collector::ingest::ocs
