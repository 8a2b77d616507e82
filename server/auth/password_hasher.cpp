#include "server/auth/password_hasher.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <stdexcept>
#include <vector>

namespace steward::server::auth {

namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
constexpr int kMaxIterations = 10'000'000;

std::vector<unsigned char> randomBytes(std::size_t count) {
  std::vector<unsigned char> out(count);
  if (RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) {
    // Without randomness there is no safe credential to make; this is not input.
    throw std::runtime_error("OpenSSL RAND_bytes failed");
  }
  return out;
}

std::string toHex(const unsigned char* data, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kHex[data[i] >> 4]);
    out.push_back(kHex[data[i] & 0x0f]);
  }
  return out;
}

bool fromHex(std::string_view hex, std::vector<unsigned char>& out) {
  if (hex.size() % 2 != 0) return false;
  out.clear();
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    unsigned value = 0;
    const auto [ptr, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
    if (ec != std::errc() || ptr != hex.data() + i + 2) return false;
    out.push_back(static_cast<unsigned char>(value));
  }
  return true;
}

std::array<unsigned char, kHashBytes> derive(std::string_view password,
                                             const std::vector<unsigned char>& salt,
                                             int iterations) {
  std::array<unsigned char, kHashBytes> out{};
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                    static_cast<int>(salt.size()), iterations, EVP_sha256(),
                    static_cast<int>(out.size()), out.data());
  return out;
}

}  // namespace

std::string hashPassword(std::string_view password, int iterations) {
  const auto salt = randomBytes(kSaltBytes);
  const auto hash = derive(password, salt, iterations);
  return std::string(kScheme) + "$" + std::to_string(iterations) + "$" +
         toHex(salt.data(), salt.size()) + "$" + toHex(hash.data(), hash.size());
}

bool verifyPassword(std::string_view password, const std::string& stored) {
  // scheme$iterations$salt$hash
  const auto a = stored.find('$');
  const auto b = a == std::string::npos ? a : stored.find('$', a + 1);
  const auto c = b == std::string::npos ? b : stored.find('$', b + 1);
  if (c == std::string::npos || stored.substr(0, a) != kScheme) return false;
  int iterations = 0;
  const auto [ptr, ec] = std::from_chars(stored.data() + a + 1, stored.data() + b, iterations);
  if (ec != std::errc() || ptr != stored.data() + b || iterations < 1 ||
      iterations > kMaxIterations) {
    return false;
  }
  std::vector<unsigned char> salt, expected;
  if (!fromHex(std::string_view(stored).substr(b + 1, c - b - 1), salt) ||
      !fromHex(std::string_view(stored).substr(c + 1), expected) || expected.size() != kHashBytes ||
      salt.empty()) {
    return false;
  }
  const auto actual = derive(password, salt, iterations);
  return CRYPTO_memcmp(actual.data(), expected.data(), kHashBytes) == 0;
}

void burnPasswordCheck(std::string_view password) {
  static const std::vector<unsigned char> salt(kSaltBytes, 0x5a);
  (void)derive(password, salt, kPbkdf2Iterations);
}

std::string randomHex(std::size_t bytes) {
  const auto data = randomBytes(bytes);
  return toHex(data.data(), data.size());
}

std::string generatePassword() {
  // 32 symbols: no 0/O, 1/l/I; 5 bits each, rejection-free since 256 % 32 == 0.
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789A";
  const auto data = randomBytes(24);
  std::string out;
  for (unsigned char byte : data) out.push_back(kAlphabet[byte % kAlphabet.size()]);
  return out;
}

std::string passwordProblem(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return "a password needs at least " + std::to_string(kMinPasswordLength) + " characters";
  }
  if (password.size() > kMaxPasswordLength) {
    return "a password has at most " + std::to_string(kMaxPasswordLength) + " characters";
  }
  if (password.find('\0') != std::string_view::npos) return "a password cannot contain NUL";
  return "";
}

}  // namespace steward::server::auth
