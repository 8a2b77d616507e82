#pragma once

// Password storage and random secrets. Passwords are stored as
// "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>" (OpenSSL PBKDF2-HMAC-SHA256,
// 16-byte random salt, 32-byte output): slow on purpose so a stolen database does
// not give the passwords away cheaply. The iteration count is stored with each hash
// so it can be raised later without breaking existing passwords.

#include <string>
#include <string_view>

#include "shared/common/result.h"

namespace steward::server::auth {

inline constexpr int kPbkdf2Iterations = 310'000;  // OWASP's 2021 figure; about 0.1 s here
inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 1024;

// A fresh salted hash of `password`.
std::string hashPassword(std::string_view password, int iterations = kPbkdf2Iterations);

// True when `password` matches `stored` (compared in constant time); false for a
// malformed `stored` value too.
bool verifyPassword(std::string_view password, const std::string& stored);

// Costs as much as a verification; run for unknown names so that timing does not
// tell which user names exist.
void burnPasswordCheck(std::string_view password);

// Lower-case hex of `bytes` bytes from OpenSSL's CSPRNG.
std::string randomHex(std::size_t bytes);

// A password for people to copy: 24 characters from an alphabet without look-alikes
// (120 bits).
std::string generatePassword();

// Why `password` cannot be used ("" when it can): length limits only, as NIST
// 800-63B advises against composition rules.
std::string passwordProblem(std::string_view password);

}  // namespace steward::server::auth
