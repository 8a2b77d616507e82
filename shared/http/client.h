#pragma once

// HTTP client interface plus the Beast implementation. Components take HttpClient&
// so tests can hand them a fake; main() builds the real one.

#include <chrono>
#include <string>

#include "shared/common/result.h"
#include "shared/http/message.h"
#include "shared/http/https_sender.h"
#include "shared/http/tls.h"

namespace steward::http {

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Sends `request` (method, target ignored, headers, body) to `url` and returns the
  // response whatever its status; an Error only when no response arrived
  // (resolve, connect, timeout, protocol failure).
  virtual Result<HttpResponse> send(const std::string& url, const HttpRequest& request) = 0;
};

// One connection per call, synchronous, with a timeout per step. http:// and
// https:// (the server verified as `tls` says; TLS errors: "tls_config" for a bad
// CA file or fingerprint, "tls_failed" when the server is not trusted). https goes
// through `https`: OpenSSL linked in unless the caller brings its own (the agent's
// TLS helper); the default argument is what links OpenSSL into the caller.
class BeastHttpClient final : public HttpClient {
 public:
  explicit BeastHttpClient(std::chrono::milliseconds timeout = std::chrono::seconds(15),
                           std::size_t response_limit = 64 * 1024 * 1024,
                           TlsClientOptions tls = {}, HttpsSender& https = openSslHttpsSender());
  Result<HttpResponse> send(const std::string& url, const HttpRequest& request) override;

 private:
  std::chrono::milliseconds timeout_;
  std::size_t response_limit_;
  TlsClientOptions tls_;
  HttpsSender& https_;
};

}  // namespace steward::http
