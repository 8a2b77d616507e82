#pragma once

// The TLS half of BeastHttpClient, behind an interface so that a program can choose
// where OpenSSL comes from. Collector, server and tests use openSslHttpsSender(),
// linked in. The agent must not map libssl/libcrypto (about 2 MiB of RSS) unless it
// really talks https, so it hands BeastHttpClient a sender that runs this same code
// in a helper process (agent/transport/tls_helper.h).

#include <chrono>
#include <cstddef>
#include <string>

#include "shared/common/result.h"
#include "shared/http/message.h"
#include "shared/http/tls.h"

namespace steward::http {

// Where an https request goes, already split by BeastHttpClient.
struct HttpsTarget {
  std::string url;     // as given, for messages
  std::string host;    // name or IP address
  std::string port;    // "443" when the URL has none
  std::string target;  // path and query
};

class HttpsSender {
 public:
  virtual ~HttpsSender() = default;
  // Connects, verifies the server as `tls` says, sends and reads the answer. Errors
  // as BeastHttpClient::send documents ("unreachable", "tls_config", "tls_failed",
  // "send_failed", "receive_failed", "bad_fingerprint").
  virtual Result<HttpResponse> send(const HttpsTarget& to, const HttpRequest& request,
                                    std::chrono::milliseconds timeout, std::size_t response_limit,
                                    const TlsClientOptions& tls) = 0;
};

// The OpenSSL implementation (shared/http/openssl_https_sender.cpp). Linking a call to
// it links libssl and libcrypto.
HttpsSender& openSslHttpsSender();

}  // namespace steward::http
