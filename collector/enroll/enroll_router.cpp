#include "collector/enroll/enroll_router.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "shared/common/id.h"
#include "shared/common/log.h"
#include "shared/http/tls.h"

namespace steward::collector::enroll {

using http::HttpRequest;
using http::HttpResponse;
using http::jsonError;

EnrollRouter::EnrollRouter(auth::CredentialStore& credentials, RateLimiter& limiter,
                           const Clock& clock, std::vector<std::string> token_sha256s)
    : credentials_(credentials),
      limiter_(limiter),
      clock_(clock),
      token_sha256s_(std::move(token_sha256s)) {}

bool EnrollRouter::tokenAccepted(const std::string& token) const {
  const std::string presented = http::sha256Hex(token);
  bool accepted = false;
  // Compare with every configured hash (no early exit): timing says nothing.
  for (const auto& hash : token_sha256s_) accepted |= http::constantTimeEquals(hash, presented);
  return accepted;
}

HttpResponse EnrollRouter::handle(const HttpRequest& request) const {
  auto& log = logger("collector.enroll");
  if (request.method != "POST") {
    HttpResponse r = jsonError(405, "method_not_allowed", "use POST to enroll");
    r.headers.emplace_back("Allow", "POST");
    return r;
  }
  if (const auto wait = limiter_.attempt(request.remote_address); wait.count() > 0) {
    log.warning("[remote=%s] enrollment rate limited", request.remote_address);
    HttpResponse r = jsonError(429, "rate_limited",
                               "too many enrollment attempts from " + request.remote_address +
                                   "; retry in " + std::to_string(wait.count()) + " s");
    r.headers.emplace_back("Retry-After", std::to_string(wait.count()));
    return r;
  }
  if (!http::isJsonContentType(request.header("content-type"))) {
    return jsonError(415, "unsupported_media_type", "Content-Type must be application/json");
  }
  boost::system::error_code ec;
  const auto doc = boost::json::parse(request.body, ec);
  const auto* body = !ec && doc.is_object() ? &doc.as_object() : nullptr;
  const auto field = [&](const char* name) -> std::string {
    const auto* v = body ? body->if_contains(name) : nullptr;
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  if (body == nullptr) return jsonError(400, "malformed_json", "the body is not a JSON object");
  const std::string agent_id = field("agent_id");
  const std::string token = field("token");
  if (!isUuid(agent_id)) return jsonError(400, "invalid_field", "$.agent_id: expected a UUID");
  if (token.empty()) return jsonError(400, "invalid_field", "$.token: expected a non-empty string");
  if (token_sha256s_.empty()) {
    return jsonError(403, "enrollment_disabled",
                     "this collector accepts no enrollments ([enroll] token_sha256 is not set)");
  }
  if (!tokenAccepted(token)) {
    log.warning("[remote=%s] [agent=%s] enrollment refused: wrong token", request.remote_address,
                agent_id);
    return jsonError(403, "invalid_enrollment_token", "the enrollment token is not valid here");
  }
  auto credential = credentials_.issue(agent_id, formatRfc3339(clock_.now()));
  if (!credential) {
    if (credential.error().code == "already_enrolled") {
      return jsonError(409, "already_enrolled", credential.error().message);
    }
    log.error("enrollment storage failure: %s", credential.error().message);
    return jsonError(500, "storage_error", "the collector could not store the credential");
  }
  log.information("[remote=%s] [agent=%s] enrolled", request.remote_address, agent_id);
  return http::jsonOk(boost::json::serialize(
      boost::json::object{{"agent_id", agent_id}, {"credential", *credential}}));
}

}  // namespace steward::collector::enroll
