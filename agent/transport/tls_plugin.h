#pragma once

// The agent's https: OpenSSL lives in a plugin (steward-agent-tls.so, built from
// shared/http/openssl_https_sender.cpp) that is loaded with dlopen(3) on the first
// https request. An agent that only runs `inventory`, or talks plain http, never maps
// libssl and libcrypto: about 2 MiB less resident memory (README, footprint).

#include <string>

#include "shared/http/https_sender.h"

namespace steward::agent {

// The plugin's exported entry point: returns the plugin's HttpsSender.
inline constexpr const char* kTlsPluginEntry = "steward_agent_https_sender";

class PluginHttpsSender final : public http::HttpsSender {
 public:
  explicit PluginHttpsSender(std::string plugin_path) : path_(std::move(plugin_path)) {}

  // Loads the plugin on first use (and keeps it loaded), then sends through it.
  // Error "tls_unavailable" names the plugin and why it could not be loaded; the
  // next request tries again.
  Result<http::HttpResponse> send(const http::HttpsTarget& to, const http::HttpRequest& request,
                                  std::chrono::milliseconds timeout, std::size_t response_limit,
                                  const http::TlsClientOptions& tls) override;

  const std::string& path() const { return path_; }
  bool loaded() const { return sender_ != nullptr; }

 private:
  std::string path_;
  http::HttpsSender* sender_ = nullptr;
};

// Where the plugin sits next to the running executable: <exe dir>/../lib/steward-agent/
// steward-agent-tls.so (/usr/bin -> /usr/lib/steward-agent in the .deb; build/bin ->
// build/lib/steward-agent in a build tree).
std::string defaultTlsPluginPath();

}  // namespace steward::agent
