#include "tests/bench/raw_http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace steward::bench {

std::string preparedPost(std::string_view target, std::string_view content_type,
                         std::string_view authorization, std::string_view body) {
  std::string out;
  out.reserve(body.size() + 256);
  out.append("POST ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  out.append("Content-Type: ").append(content_type).append("\r\n");
  out.append("Authorization: ").append(authorization).append("\r\n");
  out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n\r\n");
  out.append(body);
  return out;
}

RawHttpConnection::~RawHttpConnection() { close(); }

void RawHttpConnection::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buffer_.clear();
}

bool RawHttpConnection::connectIfClosed(std::string& error) {
  if (fd_ >= 0) return true;
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return error = std::strerror(errno), false;
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port_);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    error = std::string("connect: ") + std::strerror(errno);
    close();
    return false;
  }
  return true;
}

int RawHttpConnection::send(std::string_view request, std::string& error) {
  if (!connectIfClosed(error)) return -1;
  for (std::size_t sent = 0; sent < request.size();) {
    const ssize_t n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      error = std::string("send: ") + std::strerror(errno);
      close();
      return -1;
    }
    sent += static_cast<std::size_t>(n);
  }
  // Reads until the header and then Content-Length bytes of body have arrived.
  auto readMore = [&]() {
    char chunk[16 * 1024];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  };
  std::size_t header_end;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!readMore()) return error = "connection closed before a response", close(), -1;
  }
  const std::string_view header(buffer_.data(), header_end);
  if (header.size() < 12 || header.substr(0, 9) != "HTTP/1.1 ") {
    return error = "not an HTTP/1.1 response", close(), -1;
  }
  const int status = std::atoi(std::string(header.substr(9, 3)).c_str());
  std::size_t length = 0;
  for (std::string_view name : {"Content-Length: ", "content-length: "}) {
    if (const auto at = header.find(name); at != std::string_view::npos) {
      length = static_cast<std::size_t>(std::atoll(header.data() + at + name.size()));
    }
  }
  const std::size_t total = header_end + 4 + length;
  while (buffer_.size() < total) {
    if (!readMore()) return error = "connection closed inside a response", close(), -1;
  }
  const bool closing = header.find("Connection: close") != std::string_view::npos;
  if (status < 200 || status > 299) error = buffer_.substr(header_end + 4, length);
  buffer_.erase(0, total);
  if (closing) close();
  return status;
}

}  // namespace steward::bench
