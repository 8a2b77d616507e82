#pragma once

// Throwaway PKI for TLS tests, made at test time with the openssl command line:
// a CA, a server certificate for 127.0.0.1 (IP SAN) signed by it, and an unrelated
// second CA. Files live in the given directory.

#include <string>

namespace steward::testing {

struct TestCertificates {
  std::string ca_cert;        // the CA that signed server_cert
  std::string other_ca_cert;  // a CA that signed nothing we serve
  std::string server_cert;    // CN/SAN 127.0.0.1, signed by ca_cert
  std::string server_key;
  std::string server_fingerprint;  // SHA-256 of server_cert, lower-case hex

  // Generates everything under `dir`; aborts the test (ASSERT) when openssl fails.
  static TestCertificates make(const std::string& dir);
};

}  // namespace steward::testing
