#include "agent/transport/tls_helper.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "agent/platform/linux/spawn_command_runner.h"
#include "agent/transport/tls_helper_protocol.h"
#include "shared/http/client.h"
#include "shared/http/server.h"
#include "tests/agent/fake_command_runner.h"
#include "tests/shared/http/tls_test_certs.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using steward::testing::TempDir;
using steward::testing::TestCertificates;

// The helper as built (agent/CMakeLists.txt).
const std::string kHelper = STEWARD_AGENT_TLS_HELPER;

class TlsHelperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    certs_ = TestCertificates::make(dir_.path().string());
    http::HttpServerOptions options;
    options.tls_cert_file = certs_.server_cert;
    options.tls_key_file = certs_.server_key;
    server_ = std::make_unique<http::HttpServer>(options, [](const http::HttpRequest& r) {
      return http::jsonOk("{\"bytes\":" + std::to_string(r.body.size()) + ",\"auth\":\"" +
                          r.header("authorization") + "\"}");
    });
    auto port = server_->start();
    ASSERT_TRUE(port) << port.error().message;
    url_ = "https://127.0.0.1:" + std::to_string(*port) + "/x";
  }

  Result<http::HttpResponse> post(http::HttpsSender& https, http::TlsClientOptions tls,
                                  std::string body = "hi") {
    http::BeastHttpClient client(std::chrono::seconds(5), 1024 * 1024, std::move(tls), https);
    http::HttpRequest request;
    request.method = "POST";
    request.setHeader("authorization", "Bearer a.b");
    request.body = std::move(body);
    return client.send(url_, request);
  }

  TempDir dir_;
  TestCertificates certs_;
  std::unique_ptr<http::HttpServer> server_;
  std::string url_;
  SpawnCommandRunner runner_;
};

TEST_F(TlsHelperTest, HttpsThroughTheHelperVerifiesTheServer) {
  HelperHttpsSender https(kHelper, runner_);
  auto response = post(https, {certs_.ca_cert, ""});
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "{\"bytes\":2,\"auth\":\"Bearer a.b\"}");
  response = post(https, {"", certs_.server_fingerprint});
  ASSERT_TRUE(response) << response.error().message;
  // Wrong CA, wrong pin: refused, and the helper's reason comes back.
  response = post(https, {certs_.other_ca_cert, ""});
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, "tls_failed");
  response = post(https, {"", std::string(64, 'a')});
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, "tls_failed");
  EXPECT_NE(response.error().message.find("does not match the pinned"), std::string::npos);
}

TEST_F(TlsHelperTest, BigBodiesGoThroughThePipes) {
  HelperHttpsSender https(kHelper, runner_);
  auto response = post(https, {certs_.ca_cert, ""}, std::string(3 * 1024 * 1024, 'x'));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "{\"bytes\":3145728,\"auth\":\"Bearer a.b\"}");
}

TEST_F(TlsHelperTest, PlainHttpNeverStartsTheHelper) {
  testing::FakeCommandRunner runner;
  HelperHttpsSender https(kHelper, runner);
  http::BeastHttpClient client(std::chrono::seconds(2), 1024, {}, https);
  EXPECT_FALSE(client.send("http://127.0.0.1:1/x", {}));  // nothing listens there
  EXPECT_TRUE(runner.calls.empty());
}

TEST_F(TlsHelperTest, MissingBrokenOrHungHelperIsAClearError) {
  HelperHttpsSender missing(dir_.file("no-such-helper"), runner_);
  auto response = post(missing, {certs_.ca_cert, ""});
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, "tls_unavailable");
  EXPECT_NE(response.error().message.find("no-such-helper"), std::string::npos);

  HelperHttpsSender garbage("/bin/echo", runner_);
  response = post(garbage, {certs_.ca_cert, ""});
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, "tls_helper_failed");

  const std::string hung = dir_.write("hung-helper", "#!/bin/sh\nexec sleep 30\n");
  std::filesystem::permissions(hung, std::filesystem::perms::owner_all);
  HelperHttpsSender slow(hung, runner_);
  http::BeastHttpClient client(std::chrono::milliseconds(100), 1024, {certs_.ca_cert, ""}, slow);
  const auto start = std::chrono::steady_clock::now();
  response = client.send(url_, {});
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, "timeout");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(TlsHelperProtocolTest, CallAndOutcomeRoundTrip) {
  HttpsCall call;
  call.to = {"https://h:1/p?q", "h", "1", "/p?q"};
  call.request.method = "POST";
  call.request.headers = {{"authorization", "Bearer x"}, {"content-type", "application/json"}};
  call.request.body = std::string("a,b:c\0d", 7);
  call.timeout = std::chrono::milliseconds(8000);
  call.response_limit = 4096;
  call.tls = {"/etc/ca.pem", "ab"};
  auto decoded = decodeHttpsCall(encodeHttpsCall(call));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->to.url, call.to.url);
  EXPECT_EQ(decoded->request.headers, call.request.headers);
  EXPECT_EQ(decoded->request.body, call.request.body);
  EXPECT_EQ(decoded->timeout, call.timeout);
  EXPECT_EQ(decoded->tls.fingerprint_sha256, "ab");

  http::HttpResponse response;
  response.status = 409;
  response.headers = {{"Date", "Mon, 21 Sep 2026 14:13:20 GMT"}};
  response.body = "{\"error\":{}}";
  auto back = decodeHttpsOutcome(encodeHttpsOutcome(response));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, 409);
  EXPECT_EQ(back->headers, response.headers);
  EXPECT_EQ(back->body, response.body);
  auto error = decodeHttpsOutcome(encodeHttpsOutcome(makeError("tls_failed", "untrusted")));
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().code, "tls_failed");
  EXPECT_EQ(error.error().message, "untrusted");
}

TEST(TlsHelperProtocolTest, TruncatedOrGarbageIsRefused) {
  HttpsCall call;
  call.to = {"https://h:1/", "h", "1", "/"};
  const std::string bytes = encodeHttpsCall(call);
  for (std::size_t cut : {std::size_t{0}, std::size_t{5}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_FALSE(decodeHttpsCall(bytes.substr(0, cut))) << cut;
  }
  EXPECT_FALSE(decodeHttpsCall(bytes + "1:x,"));  // trailing data
  EXPECT_FALSE(decodeHttpsCall("99999999999999999999999:x,"));
  EXPECT_FALSE(decodeHttpsCall("garbage"));
  const std::string outcome = encodeHttpsOutcome(http::HttpResponse{});
  EXPECT_EQ(decodeHttpsOutcome(outcome.substr(0, outcome.size() - 3)).error().code,
            "tls_helper_failed");
  EXPECT_EQ(decodeHttpsOutcome("").error().code, "tls_helper_failed");
  EXPECT_EQ(decodeHttpsOutcome("hello world\n").error().code, "tls_helper_failed");
}

TEST(TlsHelperPathTest, DefaultPathIsNextToTheExecutable) {
  // The test binary sits in build/bin like steward-agent, so the default path is the
  // built helper, as /usr/bin/steward-agent finds /usr/lib/steward-agent/.
  EXPECT_EQ(std::filesystem::weakly_canonical(defaultTlsHelperPath()),
            std::filesystem::weakly_canonical(kHelper));
}

}  // namespace
}  // namespace steward::agent
