#pragma once

// Checks the bearer token collectors present. The server stores only the token's
// SHA-256 (from config), so a leaked config file does not leak the credential.

#include <array>
#include <string>
#include <string_view>

#include "shared/common/result.h"

namespace steward::server {

// Lower-case hex SHA-256 of `text`.
std::string sha256Hex(std::string_view text);

class TokenVerifier {
 public:
  // `sha256_hex` is 64 hex digits (either case); anything else is "config_invalid".
  static Result<TokenVerifier> fromSha256Hex(const std::string& sha256_hex);

  // True when SHA-256(token) equals the configured hash. Compared in constant time.
  bool verify(std::string_view token) const;

  // The token from an "Authorization: Bearer <token>" header value, or "" if the
  // value is not of that form.
  static std::string bearerToken(const std::string& authorization);

 private:
  explicit TokenVerifier(std::array<unsigned char, 32> expected) : expected_(expected) {}
  std::array<unsigned char, 32> expected_;
};

}  // namespace steward::server
