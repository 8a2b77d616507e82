#pragma once

// The lightest HTTP/1.1 client a load generator can be: one blocking keep-alive TCP
// connection to a loopback port, requests written as prepared bytes, responses read
// just far enough to get the status and skip the body. Benchmarks run it on the
// same cores as the server they measure, so every microsecond it spends is taken
// from the server; real agents would spend theirs on their own machines.

#include <cstdint>
#include <string>
#include <string_view>

namespace steward::bench {

// "POST <target> HTTP/1.1" with the given headers and body, ready to write.
std::string preparedPost(std::string_view target, std::string_view content_type,
                         std::string_view authorization, std::string_view body);

class RawHttpConnection {
 public:
  explicit RawHttpConnection(std::uint16_t port) : port_(port) {}
  ~RawHttpConnection();
  RawHttpConnection(const RawHttpConnection&) = delete;
  RawHttpConnection& operator=(const RawHttpConnection&) = delete;

  // Writes `request` and reads the response: its status, or -1 when the exchange
  // failed (`error` says why; for a status outside 2xx it gets the response body).
  // Connects, or reconnects after the server closed, first.
  int send(std::string_view request, std::string& error);

 private:
  bool connectIfClosed(std::string& error);
  void close();

  std::uint16_t port_;
  int fd_ = -1;
  std::string buffer_;  // bytes read past the last response
};

}  // namespace steward::bench
