#pragma once

// The agent's https: OpenSSL lives in a helper program (steward-agent-tls, built from
// shared/http/openssl_https_sender.cpp) that runs once per https request. The
// long-running agent never maps libssl and libcrypto, which would otherwise stay
// resident (about 5 MiB) after the first connection; `inventory` and plain http never
// start the helper at all. Costs a process start (a few ms of CPU) per request.

#include <string>

#include "agent/platform/command_runner.h"
#include "shared/http/https_sender.h"

namespace steward::agent {

class HelperHttpsSender final : public http::HttpsSender {
 public:
  HelperHttpsSender(std::string helper_path, const CommandRunner& runner)
      : path_(std::move(helper_path)), runner_(runner) {}

  // Runs the helper with the call on stdin. Errors: the helper's own (as
  // BeastHttpClient documents), "tls_unavailable" when the helper cannot be started,
  // "timeout" when it overruns every step's deadline together, "tls_helper_failed"
  // when it dies or answers garbage.
  Result<http::HttpResponse> send(const http::HttpsTarget& to, const http::HttpRequest& request,
                                  std::chrono::milliseconds timeout, std::size_t response_limit,
                                  const http::TlsClientOptions& tls) override;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  const CommandRunner& runner_;
};

// Where the helper sits next to the running executable: <exe dir>/../lib/steward-agent/
// steward-agent-tls (/usr/bin -> /usr/lib/steward-agent in the .deb; build/bin ->
// build/lib/steward-agent in a build tree).
std::string defaultTlsHelperPath();

}  // namespace steward::agent
