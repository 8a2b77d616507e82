#pragma once

// Enrollment, as a pure function of the request:
//   POST /api/v1/agent/enroll  {"agent_id":"<uuid>","token":"<site enrollment token>"}
//     200 {"agent_id":..., "credential":"<agent_id>.<secret>"}  (the only time the
//         secret is ever sent; the collector keeps its SHA-256)
//     400 bad body, 415 not JSON, 403 invalid_enrollment_token / enrollment_disabled,
//     409 already_enrolled, 429 rate_limited (+ Retry-After) per source address.
// Nothing is stored unless the answer is 200.

#include <string>
#include <vector>

#include "collector/auth/credential_store.h"
#include "collector/enroll/rate_limiter.h"
#include "shared/common/clock.h"
#include "shared/http/message.h"

namespace steward::collector::enroll {

inline constexpr const char* kEnrollPath = "/api/v1/agent/enroll";

class EnrollRouter {
 public:
  // `token_sha256s`: SHA-256 (hex) of each accepted site enrollment token; empty
  // disables enrollment.
  EnrollRouter(auth::CredentialStore& credentials, RateLimiter& limiter, const Clock& clock,
               std::vector<std::string> token_sha256s);

  http::HttpResponse handle(const http::HttpRequest& request) const;

 private:
  bool tokenAccepted(const std::string& token) const;

  auth::CredentialStore& credentials_;
  RateLimiter& limiter_;
  const Clock& clock_;
  std::vector<std::string> token_sha256s_;
};

}  // namespace steward::collector::enroll
