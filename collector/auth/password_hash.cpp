#include "collector/auth/password_hash.h"

#include <openssl/evp.h>

#include <cctype>
#include <sstream>
#include <vector>

#include "shared/http/tls.h"

namespace steward::collector::auth {

namespace {

constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kSaltBytes = 16;
constexpr const char* kScheme = "pbkdf2-sha256";

std::string toHex(const unsigned char* data, std::size_t length) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < length; ++i) {
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 0xf];
  }
  return out;
}

std::vector<unsigned char> fromHex(const std::string& hex) {
  std::vector<unsigned char> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<unsigned char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

bool isHex(const std::string& text) {
  if (text.empty() || text.size() % 2 != 0) return false;
  for (char ch : text) {
    if (!std::isxdigit(static_cast<unsigned char>(ch)) ||
        std::isupper(static_cast<unsigned char>(ch))) {
      return false;
    }
  }
  return true;
}

struct Parts {
  int iterations = 0;
  std::string salt_hex;
  std::string key_hex;
};

Result<Parts> split(const std::string& stored) {
  std::vector<std::string> fields;
  std::stringstream in(stored);
  for (std::string field; std::getline(in, field, '$');) fields.push_back(field);
  auto bad = [](const std::string& why) {
    return makeError("bad_password_hash",
                     "not a password hash from steward-collector --hash-password: " + why);
  };
  if (fields.size() != 4 || fields[0] != kScheme) {
    return bad("expected pbkdf2-sha256$<iterations>$<salt>$<key>");
  }
  Parts p;
  try {
    std::size_t used = 0;
    p.iterations = std::stoi(fields[1], &used);
    if (used != fields[1].size()) return bad("iterations is not a number");
  } catch (const std::exception&) {
    return bad("iterations is not a number");
  }
  if (p.iterations < 10000 || p.iterations > 10000000) {
    return bad("iterations must be between 10000 and 10000000");
  }
  if (!isHex(fields[2]) || fields[2].size() < 16) return bad("salt is not lower-case hex");
  if (!isHex(fields[3]) || fields[3].size() != kKeyBytes * 2) {
    return bad("key is not 64 lower-case hex digits");
  }
  p.salt_hex = fields[2];
  p.key_hex = fields[3];
  return p;
}

std::string derive(std::string_view password, const std::vector<unsigned char>& salt,
                   int iterations) {
  unsigned char key[kKeyBytes];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                    static_cast<int>(salt.size()), iterations, EVP_sha256(), sizeof(key), key);
  return toHex(key, sizeof(key));
}

}  // namespace

std::string hashPassword(std::string_view password, int iterations) {
  const std::string salt_hex = http::randomHex(kSaltBytes);
  return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + salt_hex + "$" +
         derive(password, fromHex(salt_hex), iterations);
}

Result<void> validatePasswordHash(const std::string& stored) {
  auto parts = split(stored);
  if (!parts) return parts.error();
  return {};
}

bool verifyPassword(std::string_view password, const std::string& stored) {
  auto parts = split(stored);
  if (!parts) return false;
  return http::constantTimeEquals(derive(password, fromHex(parts->salt_hex), parts->iterations),
                                  parts->key_hex);
}

}  // namespace steward::collector::auth
