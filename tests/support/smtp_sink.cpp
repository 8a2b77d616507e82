#include "tests/support/smtp_sink.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>

#include "tests/support/temp_dir.h"

namespace steward::testing {

namespace {

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

}  // namespace

std::uint16_t freeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr = loopback(0);
  socklen_t length = sizeof addr;
  std::uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

bool acceptsConnections(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr = loopback(port);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

SmtpSink::SmtpSink(const std::string& dir) : maildir_(dir + "/maildir") {
  const std::uint16_t port = freeLoopbackPort();
  process_ = std::make_unique<ChildProcess>(
      "/usr/bin/python3",
      std::vector<std::string>{"-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port),
                               "-c", "aiosmtpd.handlers.Mailbox", maildir_},
      dir + "/aiosmtpd.log");
  if (waitUntil([port] { return acceptsConnections(port); }, std::chrono::seconds(15))) {
    port_ = port;
  } else {
    ADD_FAILURE() << "aiosmtpd did not start (is python3-aiosmtpd installed?): " << process_->log();
  }
}

std::vector<std::string> SmtpSink::messages() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(maildir_ + "/new", ec)) {
    out.push_back(readFile(entry.path().string()));
  }
  return out;
}

}  // namespace steward::testing
