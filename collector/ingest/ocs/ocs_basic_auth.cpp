#include "collector/ingest/ocs/ocs_basic_auth.h"

#include <Poco/Base64Decoder.h>

#include <sstream>

#include "collector/auth/password_hash.h"
#include "shared/common/log.h"
#include "shared/http/tls.h"

namespace steward::collector::ingest::ocs {

namespace {

constexpr std::size_t kMaxHeaderBytes = 1024;

std::optional<std::string> decodeBase64(const std::string& text) {
  try {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    std::string out((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
    return out;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

bool OcsBasicAuth::verify(const std::string& user, const std::string& password) const {
  const std::string presented = http::sha256Hex(user + ":" + password);
  {
    std::lock_guard lock(mutex_);
    if (!verified_sha256_.empty() && http::constantTimeEquals(verified_sha256_, presented)) {
      return true;
    }
  }
  // Both checks always run, so timing does not tell a wrong user from a wrong password.
  const bool user_ok =
      http::constantTimeEquals(http::sha256Hex(user), http::sha256Hex(credentials_.user));
  const bool password_ok = auth::verifyPassword(password, credentials_.password_hash);
  if (!user_ok || !password_ok) return false;
  std::lock_guard lock(mutex_);
  verified_sha256_ = presented;
  return true;
}

std::optional<http::HttpResponse> OcsBasicAuth::check(const http::HttpRequest& request) const {
  const std::string header = request.header("authorization");
  std::string why;
  if (header.empty()) {
    why = "this endpoint needs HTTP Basic credentials (agent --user and --password)";
  } else if (header.size() > kMaxHeaderBytes || header.rfind("Basic ", 0) != 0) {
    why = "Authorization must use the Basic scheme";
  } else {
    auto decoded = decodeBase64(header.substr(6));
    const auto colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos) {
      why = "malformed Basic credentials";
    } else if (!verify(decoded->substr(0, colon), decoded->substr(colon + 1))) {
      why = "wrong user or password";
      logger("collector.ingest.ocs")
          .warning("[remote=%s] refused OCS request: wrong user or password",
                   request.remote_address);
    } else {
      return std::nullopt;
    }
  }
  http::HttpResponse r = http::jsonError(401, "unauthenticated", why);
  r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"" + credentials_.realm + "\"");
  return r;
}

}  // namespace steward::collector::ingest::ocs
