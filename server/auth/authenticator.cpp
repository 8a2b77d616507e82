#include "server/auth/authenticator.h"

#include <openssl/crypto.h>

#include "server/auth/password_hasher.h"
#include "server/auth/token_verifier.h"
#include "shared/common/id.h"
#include "shared/common/log.h"

namespace steward::server::auth {

namespace {

constexpr std::size_t kMaxTrackedAddresses = 10'000;
constexpr std::chrono::seconds kTouchEvery{60};

bool isHex(std::string_view text) {
  return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

bool changesState(const std::string& method) {
  return !(method == "GET" || method == "HEAD" || method == "OPTIONS");
}

std::optional<Clock::WallTime> parsed(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto time = parseRfc3339(*text);
  return time ? std::optional(*time) : std::nullopt;
}

}  // namespace

std::string cookieValue(const std::string& cookie_header, std::string_view name) {
  std::size_t pos = 0;
  while (pos < cookie_header.size()) {
    std::size_t end = cookie_header.find(';', pos);
    if (end == std::string::npos) end = cookie_header.size();
    std::string_view part(cookie_header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    pos = end + 1;
  }
  return "";
}

Result<std::optional<Principal>> Authenticator::identify(const http::HttpRequest& request) const {
  const std::string now = formatRfc3339(clock_.now());
  const std::string bearer = TokenVerifier::bearerToken(request.header("authorization"));
  if (!bearer.empty()) {
    if (!bearer.starts_with(kTokenPrefix) || bearer.size() > 200) {
      return std::optional<Principal>();
    }
    auto user = users_.userForToken(sha256Hex(bearer), now);
    if (!user) return user.error();
    if (!*user) return std::optional<Principal>();
    return std::optional<Principal>(Principal{std::move(**user), false, "", ""});
  }
  const std::string session = cookieValue(request.header("cookie"), kSessionCookie);
  if (session.size() != 64 || !isHex(session)) return std::optional<Principal>();
  const std::string hash = sha256Hex(session);
  auto found = users_.findSession(hash);
  if (!found) return found.error();
  if (!*found) return std::optional<Principal>();
  const auto wall = clock_.now();
  const auto last_seen = parseRfc3339((*found)->last_seen);
  const auto expires = parseRfc3339((*found)->expires_at);
  if (!last_seen || !expires || wall >= *expires || wall - *last_seen >= options_.session_idle) {
    (void)users_.deleteSession(hash);
    return std::optional<Principal>();
  }
  // A write per request would serialise every page load; a minute's precision is
  // enough for an idle timeout counted in hours.
  if (wall - *last_seen >= kTouchEvery) (void)users_.touchSession(hash, now);
  return std::optional<Principal>(
      Principal{std::move((*found)->user), true, std::move((*found)->csrf_token), hash});
}

bool Authenticator::admitAttempt(const std::string& address, std::chrono::seconds& retry_after) {
  std::lock_guard lock(attempts_mutex_);
  const auto now = clock_.monotonic();
  if (attempts_.size() > kMaxTrackedAddresses) {
    std::erase_if(attempts_, [&](const auto& item) {
      return now - item.second.start >= options_.attempt_window;
    });
  }
  auto& window = attempts_[address];
  if (window.count == 0 || now - window.start >= options_.attempt_window) {
    window = Window{now, 0};
  }
  if (window.count >= options_.attempts_per_address) {
    retry_after = std::chrono::duration_cast<std::chrono::seconds>(options_.attempt_window -
                                                                   (now - window.start)) +
                  std::chrono::seconds(1);
    return false;
  }
  ++window.count;
  return true;
}

Result<LoginSuccess> Authenticator::login(const std::string& name, const std::string& password,
                                          const std::string& remote_address) {
  std::chrono::seconds retry_after{0};
  if (!admitAttempt(remote_address, retry_after)) {
    audit(name, "login.rate_limited", name, "", remote_address);
    return makeError("rate_limited", std::to_string(retry_after.count()));
  }
  const auto invalid = [] {
    return makeError("invalid_credentials", "the name or the password is wrong");
  };
  std::optional<LoginRecord> record;
  if (isValidUserName(name)) {
    auto found = users_.findForLogin(name);
    if (!found) return found.error();
    record = std::move(*found);
  }
  if (!record) {
    // As slow as a real check, so timing does not tell which names exist. (A name
    // that could never exist, such as one with quotes, needs no disguise.)
    if (isValidUserName(name)) burnPasswordCheck(password);
    audit(isValidUserName(name) ? name : "?", "login.failed", "", "unknown user", remote_address);
    return invalid();
  }
  const auto wall = clock_.now();
  if (auto until = parsed(record->user.locked_until); until && wall < *until) {
    audit(record->user.name, "login.locked", record->user.name, "account locked", remote_address);
    return makeError("locked",
                     "too many failed logins; try again after " + *record->user.locked_until);
  }
  const bool good = verifyPassword(password, record->password_hash);
  if (!good || !record->user.active) {
    if (!good) {
      const int failures = record->failed_logins + 1;
      std::optional<std::string> lock;
      if (failures >= options_.lockout_failures) {
        lock = formatRfc3339(wall + options_.lockout_duration);
      }
      if (auto stored = users_.setLoginFailures(record->user.id, lock ? 0 : failures, lock);
          !stored) {
        return stored.error();
      }
      audit(record->user.name, lock ? "login.lockout" : "login.failed", record->user.name,
            lock ? "locked until " + *lock : "wrong password", remote_address);
    } else {
      audit(record->user.name, "login.failed", record->user.name, "user disabled", remote_address);
    }
    return invalid();
  }
  if (record->failed_logins != 0 || record->user.locked_until) {
    if (auto reset = users_.setLoginFailures(record->user.id, 0, std::nullopt); !reset) {
      return reset.error();
    }
  }
  LoginSuccess success{record->user, randomHex(32), randomHex(32)};
  const std::string now = formatRfc3339(wall);
  if (auto made =
          users_.createSession(sha256Hex(success.session_id), record->user.id, success.csrf_token,
                               now, formatRfc3339(wall + options_.session_max));
      !made) {
    return made.error();
  }
  audit(record->user.name, "login", record->user.name, "", remote_address);
  return success;
}

Result<void> Authenticator::logout(const Principal& principal) const {
  if (!principal.via_session) return {};
  return users_.deleteSession(principal.session_hash);
}

bool Authenticator::csrfSatisfied(const Principal& principal, const http::HttpRequest& request) {
  if (!principal.via_session || !changesState(request.method)) return true;
  const std::string presented = request.header(std::string(kCsrfHeader));
  return presented.size() == principal.csrf_token.size() && !presented.empty() &&
         CRYPTO_memcmp(presented.data(), principal.csrf_token.data(), presented.size()) == 0;
}

Result<std::pair<ApiToken, std::string>> Authenticator::issueToken(const std::string& user_id,
                                                                   const std::string& label) const {
  ApiToken token{newUuidV7(clock_), user_id, label, formatRfc3339(clock_.now()), {}, {}};
  std::string secret = std::string(kTokenPrefix) + randomHex(32);
  if (auto made = users_.createToken(token, sha256Hex(secret)); !made) return made.error();
  return std::pair{token, secret};
}

std::string Authenticator::sessionCookie(const std::string& session_id) const {
  return std::string(kSessionCookie) + "=" + session_id + "; Path=/; HttpOnly; SameSite=Strict" +
         (options_.secure_cookie ? "; Secure" : "") +
         "; Max-Age=" + std::to_string(options_.session_max.count());
}

std::string Authenticator::clearedCookie() const {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict" +
         (options_.secure_cookie ? "; Secure" : "") + "; Max-Age=0";
}

void Authenticator::audit(const std::string& actor, const std::string& action,
                          const std::string& target, const std::string& detail,
                          const std::string& remote_address) const {
  AuditEntry entry{0, formatRfc3339(clock_.now()), actor, action, target, detail, remote_address};
  if (auto done = users_.appendAudit(entry); !done) {
    logger("server.auth").error("audit log write failed: " + done.error().message);
  }
}

}  // namespace steward::server::auth
