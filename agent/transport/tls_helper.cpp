#include "agent/transport/tls_helper.h"

#include <filesystem>

#include "agent/transport/tls_helper_protocol.h"

namespace steward::agent {

Result<http::HttpResponse> HelperHttpsSender::send(const http::HttpsTarget& to,
                                                   const http::HttpRequest& request,
                                                   std::chrono::milliseconds timeout,
                                                   std::size_t response_limit,
                                                   const http::TlsClientOptions& tls) {
  const std::string call = encodeHttpsCall({to, request, timeout, response_limit, tls});
  // Resolve, connect, handshake, write and read each have `timeout`; the response
  // plus headers and framing must fit the output cap.
  const CommandLimits limits{timeout * 5 + std::chrono::seconds(2), response_limit + 1024 * 1024};
  auto run = runner_.run({path_}, limits, call);
  if (!run) {
    if (run.error().code == "not_found" || run.error().code == "spawn_failed") {
      return makeError("tls_unavailable",
                       "cannot start the TLS helper for " + to.url + ": " + run.error().message);
    }
    if (run.error().code == "timeout") {
      return makeError("timeout", "https request to " + to.url + " timed out");
    }
    return makeError("tls_helper_failed", "TLS helper for " + to.url + ": " + run.error().message);
  }
  return decodeHttpsOutcome(run->output);
}

std::string defaultTlsHelperPath() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  const auto bin = ec ? std::filesystem::path("/usr/bin") : exe.parent_path();
  return (bin.parent_path() / "lib" / "steward-agent" / "steward-agent-tls").string();
}

}  // namespace steward::agent
