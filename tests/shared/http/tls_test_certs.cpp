#include "tests/shared/http/tls_test_certs.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "shared/http/tls.h"

namespace steward::testing {
namespace {

void run(const std::string& command) {
  const int status = std::system((command + " >/dev/null 2>&1").c_str());
  if (status != 0) {
    ADD_FAILURE() << "command failed (" << status << "): " << command;
    std::abort();
  }
}

void makeCa(const std::string& dir, const std::string& name) {
  run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "
      "'/CN=Steward test " + name + "' -keyout " + dir + "/" + name + ".key -out " + dir + "/" +
      name + ".crt");
}

}  // namespace

TestCertificates TestCertificates::make(const std::string& dir) {
  makeCa(dir, "ca");
  makeCa(dir, "other-ca");
  run("openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj '/CN=127.0.0.1' "
      "-keyout " + dir + "/server.key -out " + dir + "/server.csr");
  std::ofstream(dir + "/server.ext") << "subjectAltName=IP:127.0.0.1\n";
  run("openssl x509 -req -in " + dir + "/server.csr -CA " + dir + "/ca.crt -CAkey " + dir +
      "/ca.key -CAcreateserial -days 2 -extfile " + dir + "/server.ext -out " + dir +
      "/server.crt");
  TestCertificates certs;
  certs.ca_cert = dir + "/ca.crt";
  certs.other_ca_cert = dir + "/other-ca.crt";
  certs.server_cert = dir + "/server.crt";
  certs.server_key = dir + "/server.key";
  auto fingerprint = http::certificateFingerprint(certs.server_cert);
  if (!fingerprint) {
    ADD_FAILURE() << fingerprint.error().message;
    std::abort();
  }
  certs.server_fingerprint = *fingerprint;
  return certs;
}

}  // namespace steward::testing
