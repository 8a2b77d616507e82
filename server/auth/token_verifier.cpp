#include "server/auth/token_verifier.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cctype>

namespace steward::server {

namespace {

using Digest = std::array<unsigned char, 32>;

Digest sha256(std::string_view text) {
  Digest digest{};
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr);
  return digest;
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string sha256Hex(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char byte : sha256(text)) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0x0f]);
  }
  return out;
}

Result<TokenVerifier> TokenVerifier::fromSha256Hex(const std::string& sha256_hex) {
  Digest expected{};
  bool valid = sha256_hex.size() == 2 * expected.size();
  for (std::size_t i = 0; valid && i < expected.size(); ++i) {
    const int hi = hexDigit(sha256_hex[2 * i]);
    const int lo = hexDigit(sha256_hex[2 * i + 1]);
    valid = hi >= 0 && lo >= 0;
    expected[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  if (!valid) {
    return makeError("config_invalid",
                     "auth.collector_token_sha256 must be 64 hex digits (the SHA-256 of the "
                     "collector token, e.g. from: printf %s TOKEN | sha256sum)");
  }
  return TokenVerifier(expected);
}

bool TokenVerifier::verify(std::string_view token) const {
  if (token.empty()) return false;
  const Digest presented = sha256(token);
  return CRYPTO_memcmp(presented.data(), expected_.data(), expected_.size()) == 0;
}

std::string TokenVerifier::bearerToken(const std::string& authorization) {
  static constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) return {};
  }
  std::string token = authorization.substr(kScheme.size());
  const auto first = token.find_first_not_of(' ');
  const auto last = token.find_last_not_of(' ');
  return first == std::string::npos ? std::string() : token.substr(first, last - first + 1);
}

}  // namespace steward::server
