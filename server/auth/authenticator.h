#pragma once

// Who is calling, for every request a person makes: an API token
// ("Authorization: Bearer stw_…") or the web UI's session cookie. Also the login
// itself, with its two brakes: a per-address rate limit (in memory) and a per-user
// lockout after consecutive failures (in the database, so a restart does not lift it).

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "server/auth/user_repository.h"
#include "shared/common/clock.h"
#include "shared/http/message.h"

namespace steward::server::auth {

inline constexpr std::string_view kSessionCookie = "steward_session";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";
inline constexpr std::string_view kTokenPrefix = "stw_";

struct AuthOptions {
  bool secure_cookie = false;                       // [auth] secure_cookie: TLS in front
  std::chrono::seconds session_idle{8 * 3600};      // logged out after this long unused
  std::chrono::seconds session_max{7 * 24 * 3600};  // and after this long at all
  int lockout_failures = 5;                         // consecutive failures that lock
  std::chrono::seconds lockout_duration{15 * 60};
  int attempts_per_address = 20;  // logins per address per window
  std::chrono::seconds attempt_window{60};
};

struct LoginSuccess {
  User user;
  std::string session_id;  // the cookie value (only its hash is stored)
  std::string csrf_token;
};

class Authenticator {
 public:
  Authenticator(UserRepository& users, const Clock& clock, AuthOptions options = {})
      : users_(users), clock_(clock), options_(options) {}

  // The caller, or nullopt when the request carries no valid credential. A bearer
  // token wins over a cookie. Errors are storage failures.
  Result<std::optional<Principal>> identify(const http::HttpRequest& request) const;

  // Checks name and password. Errors: "rate_limited" (message holds the seconds to
  // wait), "locked" (too many failures), "invalid_credentials" (unknown name, wrong
  // password or disabled user: one answer, so names cannot be probed).
  Result<LoginSuccess> login(const std::string& name, const std::string& password,
                             const std::string& remote_address);
  Result<void> logout(const Principal& principal) const;

  // True unless the request came with a session cookie, changes state, and lacks
  // the session's CSRF token in X-CSRF-Token. Tokens need no CSRF check: browsers
  // never attach them by themselves.
  static bool csrfSatisfied(const Principal& principal, const http::HttpRequest& request);

  // A new API token for `user_id`: the secret returned once, its hash stored.
  Result<std::pair<ApiToken, std::string>> issueToken(const std::string& user_id,
                                                      const std::string& label) const;

  // Set-Cookie values that start and end a session.
  std::string sessionCookie(const std::string& session_id) const;
  std::string clearedCookie() const;

  // Appends to the audit log stamped with the current time; a failure is logged, not
  // returned (the change it describes has already happened).
  void audit(const std::string& actor, const std::string& action, const std::string& target,
             const std::string& detail, const std::string& remote_address) const;

  UserRepository& users() const { return users_; }
  const Clock& clock() const { return clock_; }

 private:
  // Counts an attempt from `address`; false when over the limit.
  bool admitAttempt(const std::string& address, std::chrono::seconds& retry_after);

  UserRepository& users_;
  const Clock& clock_;
  AuthOptions options_;
  std::mutex attempts_mutex_;
  struct Window {
    Clock::MonoTime start;
    int count = 0;
  };
  std::map<std::string, Window> attempts_;
};

// The value of cookie `name` in a Cookie header, or "".
std::string cookieValue(const std::string& cookie_header, std::string_view name);

}  // namespace steward::server::auth
