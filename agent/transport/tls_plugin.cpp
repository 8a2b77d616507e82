#include "agent/transport/tls_plugin.h"

#include <dlfcn.h>

#include <filesystem>

namespace steward::agent {

Result<http::HttpResponse> PluginHttpsSender::send(const http::HttpsTarget& to,
                                                   const http::HttpRequest& request,
                                                   std::chrono::milliseconds timeout,
                                                   std::size_t response_limit,
                                                   const http::TlsClientOptions& tls) {
  if (sender_ == nullptr) {
    // RTLD_LOCAL: the plugin's copies of Asio and OpenSSL stay out of the global scope.
    void* handle = ::dlopen(path_.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = ::dlerror();
      return makeError("tls_unavailable", "cannot load TLS support for " + to.url + ": " +
                                              (why != nullptr ? why : path_));
    }
    using Entry = http::HttpsSender* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, kTlsPluginEntry));
    if (entry == nullptr) {
      ::dlclose(handle);
      return makeError("tls_unavailable",
                       path_ + " is not the steward-agent TLS plugin (no " + kTlsPluginEntry + ")");
    }
    // Never unloaded: the sender lives as long as the process.
    sender_ = entry();
  }
  return sender_->send(to, request, timeout, response_limit, tls);
}

std::string defaultTlsPluginPath() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  const auto bin = ec ? std::filesystem::path("/usr/bin") : exe.parent_path();
  return (bin.parent_path() / "lib" / "steward-agent" / "steward-agent-tls.so").string();
}

}  // namespace steward::agent
