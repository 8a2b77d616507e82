#pragma once

// A small HTTP/1.1 server on Boost.Beast (Asio kept out of this header): accepts
// connections on one address, reads each request with a header and body limit and a
// read timeout, hands it to a Handler and writes the Response. A body over the limit
// is answered 413 without reading it; a malformed request gets 400; the handler never
// sees either.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "shared/common/result.h"
#include "shared/http/message.h"

namespace steward::http {

struct HttpServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0 picks a free port; start() reports which
  std::size_t body_limit = 16 * 1024 * 1024;
  std::chrono::seconds read_timeout{30};
  int threads = 2;
  // Both set: serve https with this PEM certificate chain and private key (the key
  // file should be readable by the service user only). Both empty: plain http.
  std::string tls_cert_file;
  std::string tls_key_file;
};

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, Handler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving on background threads; returns the bound port. Errors:
  // "bad_address", "bind_failed", "tls_config" (unreadable or mismatched cert/key).
  Result<std::uint16_t> start();
  // Stops accepting, closes connections and joins the threads. Idempotent.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Blocks until SIGINT or SIGTERM arrives (for main()).
void waitForTerminationSignal();

}  // namespace steward::http
