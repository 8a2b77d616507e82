#include "shared/http/tls.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>

#include "shared/http/client.h"
#include "shared/http/server.h"
#include "tests/shared/http/tls_test_certs.h"
#include "tests/support/temp_dir.h"

namespace steward::http {
namespace {

using steward::testing::TempDir;
using steward::testing::TestCertificates;

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    certs_ = TestCertificates::make(dir_.path().string());
    HttpServerOptions options;
    options.tls_cert_file = certs_.server_cert;
    options.tls_key_file = certs_.server_key;
    server_ = std::make_unique<HttpServer>(options, [this](const HttpRequest& r) {
      ++calls_;
      return jsonOk("{\"path\":\"" + r.path() + "\",\"bytes\":" + std::to_string(r.body.size()) +
                    "}");
    });
    auto port = server_->start();
    ASSERT_TRUE(port) << port.error().message;
    port_ = *port;
  }

  std::string url(const std::string& scheme = "https", const std::string& host = "127.0.0.1") {
    return scheme + "://" + host + ":" + std::to_string(port_) + "/hello";
  }

  Result<HttpResponse> post(const TlsClientOptions& tls, const std::string& to) {
    BeastHttpClient client(std::chrono::seconds(5), 1024 * 1024, tls);
    HttpRequest request;
    request.method = "POST";
    request.body = "payload";
    return client.send(to, request);
  }

  TempDir dir_;
  TestCertificates certs_;
  std::unique_ptr<HttpServer> server_;
  std::atomic<int> calls_{0};
  std::uint16_t port_ = 0;
};

TEST_F(TlsTest, ClientTrustingTheCaGetsTheResponse) {
  auto response = post({certs_.ca_cert, ""}, url());
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"path":"/hello","bytes":7})");
  EXPECT_EQ(calls_, 1);
}

TEST_F(TlsTest, PinnedFingerprintAloneIsEnough) {
  auto response = post({"", certs_.server_fingerprint}, url());
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
}

TEST_F(TlsTest, CaAndFingerprintTogetherMustBothMatch) {
  auto both = post({certs_.ca_cert, certs_.server_fingerprint}, url());
  ASSERT_TRUE(both) << both.error().message;
  EXPECT_EQ(both->status, 200);
  const std::string wrong(64, 'a');
  auto wrong_pin = post({certs_.ca_cert, wrong}, url());
  ASSERT_FALSE(wrong_pin);
  EXPECT_EQ(wrong_pin.error().code, "tls_failed");
}

TEST_F(TlsTest, WrongCaIsRefusedBeforeAnyRequestIsSent) {
  auto response = post({certs_.other_ca_cert, ""}, url());
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, "tls_failed");
  EXPECT_NE(response.error().message.find("not trusted"), std::string::npos)
      << response.error().message;
  EXPECT_EQ(calls_, 0);
}

TEST_F(TlsTest, WrongFingerprintIsRefusedAndNamesBothFingerprints) {
  const std::string wrong = std::string(62, '0') + "ff";
  auto response = post({"", wrong}, url());
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, "tls_failed");
  EXPECT_NE(response.error().message.find(certs_.server_fingerprint), std::string::npos)
      << response.error().message;
  EXPECT_NE(response.error().message.find(wrong), std::string::npos);
  EXPECT_EQ(calls_, 0);
}

TEST_F(TlsTest, HostNameMustMatchTheCertificateWhenVerifyingByCa) {
  // "localhost" resolves to the same server, but the certificate names 127.0.0.1 only.
  auto response = post({certs_.ca_cert, ""}, url("https", "localhost"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, "tls_failed");
  EXPECT_EQ(calls_, 0);
}

TEST_F(TlsTest, PlainHttpClientToHttpsServerFailsClearly) {
  auto response = post({}, url("http"));
  ASSERT_FALSE(response);
  EXPECT_NE(response.error().message.find("https://"), std::string::npos)
      << response.error().message;
  EXPECT_EQ(calls_, 0);
}

TEST_F(TlsTest, MalformedFingerprintIsAConfigurationError) {
  auto response = post({"", "not-a-fingerprint"}, url());
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, "bad_fingerprint");
}

TEST(TlsServerTest, MissingKeyOrMismatchedKeyStopsStart) {
  TempDir dir;
  const auto certs = TestCertificates::make(dir.path().string());
  HttpServerOptions only_cert;
  only_cert.tls_cert_file = certs.server_cert;
  auto r = HttpServer(only_cert, [](const HttpRequest&) { return jsonOk("{}"); }).start();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "tls_config");

  HttpServerOptions mismatched;
  mismatched.tls_cert_file = certs.server_cert;
  mismatched.tls_key_file = dir.file("ca.key");
  r = HttpServer(mismatched, [](const HttpRequest&) { return jsonOk("{}"); }).start();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "tls_config");
  EXPECT_NE(r.error().message.find("mismatch"), std::string::npos) << r.error().message;
}

TEST(TlsHelpersTest, FingerprintsAreNormalizedOrRejected) {
  const std::string colons =
      "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:"
      "67:89";
  auto parsed = parseFingerprint(colons);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed, "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
  EXPECT_FALSE(parseFingerprint("abcd"));
  EXPECT_FALSE(parseFingerprint(std::string(64, 'g')));
}

TEST(TlsHelpersTest, Sha256AndRandomSecrets) {
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string a = randomHex(32), b = randomHex(32);
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(constantTimeEquals(a, a));
  EXPECT_FALSE(constantTimeEquals(a, b));
  EXPECT_FALSE(constantTimeEquals(a, a.substr(1)));
}

}  // namespace
}  // namespace steward::http
