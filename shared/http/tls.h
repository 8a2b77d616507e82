#pragma once

// TLS settings for HttpServer and BeastHttpClient, and the few crypto helpers the
// components share (SHA-256, random secrets). No OpenSSL or Asio types here: the
// TLS machinery lives in shared/http/*.cpp and OpenSSL initializes itself only when
// a TLS connection or one of these helpers is actually used (libcrypto costs about
// 4 MiB of RSS once initialized, which matters to the agent).

#include <string>
#include <string_view>

#include "shared/common/result.h"

namespace steward::http {

// How a client checks the server it talks to over https://. Either or both:
//  - ca_file: PEM bundle of trusted CAs; the certificate chain must verify against
//    it and the certificate's SAN must match the URL's host name or IP address;
//  - fingerprint_sha256: the SHA-256 of the server certificate (DER) must equal it
//    (64 hex digits, colons and case ignored); with no ca_file this pin replaces
//    chain and host-name checks (self-signed certificates).
// Neither: the system's default CA store and host-name verification.
struct TlsClientOptions {
  std::string ca_file;
  std::string fingerprint_sha256;
};

// Normalizes a SHA-256 fingerprint ("AB:CD:..." or "abcd...") to 64 lower-case hex
// digits. Error "bad_fingerprint" names what is wrong.
Result<std::string> parseFingerprint(std::string_view text);

// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256Hex(std::string_view bytes);

// `count` bytes from the OS's cryptographic random source, hex encoded (2*count chars).
std::string randomHex(std::size_t count);

// Constant-time equality of two strings of equal length (false if lengths differ).
bool constantTimeEquals(std::string_view a, std::string_view b);

// SHA-256 fingerprint (normalized hex) of the first certificate in a PEM file.
// Errors: "tls_config" (unreadable or not a certificate).
Result<std::string> certificateFingerprint(const std::string& pem_file);

}  // namespace steward::http
