#pragma once

// Sends one plain-text mail. The interface lets the worker be tested with a fake;
// PocoSmtpSender is the real one (no TLS or AUTH yet: a local relay is expected).

#include <chrono>
#include <cstdint>
#include <string>

#include "shared/common/result.h"

namespace steward::server::notify {

class EmailSender {
 public:
  virtual ~EmailSender() = default;
  // Error "smtp" naming the server and what it said when the mail was not accepted.
  virtual Result<void> send(const std::string& from, const std::string& to,
                            const std::string& subject, const std::string& body) = 0;
};

class PocoSmtpSender final : public EmailSender {
 public:
  PocoSmtpSender(std::string host, std::uint16_t port, std::chrono::milliseconds timeout)
      : host_(std::move(host)), port_(port), timeout_(timeout) {}
  Result<void> send(const std::string& from, const std::string& to, const std::string& subject,
                    const std::string& body) override;

 private:
  std::string host_;
  std::uint16_t port_;
  std::chrono::milliseconds timeout_;
};

}  // namespace steward::server::notify
