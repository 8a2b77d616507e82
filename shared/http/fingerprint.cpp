// parseFingerprint apart from tls.cpp: it is plain text handling, and keeping it out
// of the OpenSSL-using object lets the agent check its config without linking libcrypto.

#include <cctype>

#include "shared/http/tls.h"

namespace steward::http {

Result<std::string> parseFingerprint(std::string_view text) {
  std::string hex;
  for (const char c : text) {
    if (c == ':' || c == ' ') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) {
      return makeError("bad_fingerprint", "SHA-256 fingerprint '" + std::string(text) +
                                              "' contains '" + std::string(1, c) +
                                              "'; expected hex digits");
    }
    hex.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (hex.size() != 64) {
    return makeError("bad_fingerprint", "SHA-256 fingerprint '" + std::string(text) + "' has " +
                                            std::to_string(hex.size()) +
                                            " hex digits; expected 64");
  }
  return hex;
}

}  // namespace steward::http
