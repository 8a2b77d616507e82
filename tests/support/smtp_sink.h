#pragma once

// A real SMTP server on loopback for tests: Debian's python3-aiosmtpd with its
// Mailbox handler, writing every received message into a Maildir the test reads.
// Started on a free port, stopped by PID when the object goes away.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/process.h"

namespace steward::testing {

class SmtpSink {
 public:
  // Starts aiosmtpd on 127.0.0.1 and waits until it accepts connections. Test
  // failure (and port() == 0) when it does not come up.
  explicit SmtpSink(const std::string& dir);
  std::uint16_t port() const { return port_; }
  // Every message received so far (headers and body as raw text).
  std::vector<std::string> messages() const;

 private:
  std::string maildir_;
  std::uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
std::uint16_t freeLoopbackPort();
// True when something accepts TCP connections on 127.0.0.1:port.
bool acceptsConnections(std::uint16_t port);

}  // namespace steward::testing
