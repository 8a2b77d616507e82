// steward-agent-tls: the agent's https client as a process of its own. steward-agent
// starts it for each https request (transport/tls_helper.h), writes the call to its
// stdin and reads the outcome from its stdout. OpenSSL is linked here and nowhere in
// steward-agent, so the long-running agent never maps libssl or libcrypto (about
// 5 MiB of resident memory once TLS has been used).

#include <unistd.h>

#include <cstdio>
#include <string>

#include "agent/transport/tls_helper_protocol.h"

int main() {
  // The agent caps what it sends (its largest report); this only stops a runaway.
  constexpr std::size_t kMaxCall = 512 * 1024 * 1024;
  std::string input;
  char buffer[65536];
  while (true) {
    const ssize_t n = ::read(0, buffer, sizeof buffer);
    if (n < 0) return 1;
    if (n == 0) break;
    input.append(buffer, static_cast<std::size_t>(n));
    if (input.size() > kMaxCall) return 1;
  }
  auto call = steward::agent::decodeHttpsCall(input);
  const steward::Result<steward::http::HttpResponse> outcome =
      call ? steward::http::openSslHttpsSender().send(call->to, call->request, call->timeout,
                                                      call->response_limit, call->tls)
           : steward::Result<steward::http::HttpResponse>(call.error());
  const std::string out = steward::agent::encodeHttpsOutcome(outcome);
  std::size_t written = 0;
  while (written < out.size()) {
    const ssize_t n = ::write(1, out.data() + written, out.size() - written);
    if (n <= 0) return 1;
    written += static_cast<std::size_t>(n);
  }
  return call ? 0 : 2;
}
