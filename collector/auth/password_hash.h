#pragma once

// Password hashes for credentials kept in collector.conf (the OCS endpoint's HTTP
// Basic password): PBKDF2-HMAC-SHA256 with a random salt, written as
//   pbkdf2-sha256$<iterations>$<salt hex>$<derived key hex>
// `steward-collector --hash-password` prints one for a password read from stdin.

#include <string>
#include <string_view>

#include "shared/common/result.h"

namespace steward::collector::auth {

inline constexpr int kDefaultPbkdf2Iterations = 200000;

// A fresh hash of `password` with a 16-byte random salt.
std::string hashPassword(std::string_view password, int iterations = kDefaultPbkdf2Iterations);

// Checks the shape of a stored hash. Error "bad_password_hash" says what is wrong.
Result<void> validatePasswordHash(const std::string& stored);

// True when `password` matches `stored` (a valid hash); the comparison is constant-time.
bool verifyPassword(std::string_view password, const std::string& stored);

}  // namespace steward::collector::auth
