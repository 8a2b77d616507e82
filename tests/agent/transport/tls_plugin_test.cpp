#include "agent/transport/tls_plugin.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "shared/http/client.h"
#include "shared/http/server.h"
#include "tests/shared/http/tls_test_certs.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using steward::testing::TempDir;
using steward::testing::TestCertificates;

// The plugin as built next to the test binary (agent/CMakeLists.txt).
const std::string kPlugin = STEWARD_AGENT_TLS_PLUGIN;

class TlsPluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    certs_ = TestCertificates::make(dir_.path().string());
    http::HttpServerOptions options;
    options.tls_cert_file = certs_.server_cert;
    options.tls_key_file = certs_.server_key;
    server_ = std::make_unique<http::HttpServer>(options, [](const http::HttpRequest& r) {
      return http::jsonOk("{\"got\":\"" + r.body + "\"}");
    });
    auto port = server_->start();
    ASSERT_TRUE(port) << port.error().message;
    url_ = "https://127.0.0.1:" + std::to_string(*port) + "/x";
  }

  Result<http::HttpResponse> post(PluginHttpsSender& https, http::TlsClientOptions tls) {
    http::BeastHttpClient client(std::chrono::seconds(5), 1024 * 1024, std::move(tls), https);
    http::HttpRequest request;
    request.method = "POST";
    request.body = "hi";
    return client.send(url_, request);
  }

  TempDir dir_;
  TestCertificates certs_;
  std::unique_ptr<http::HttpServer> server_;
  std::string url_;
};

TEST_F(TlsPluginTest, HttpsThroughThePluginVerifiesTheServer) {
  PluginHttpsSender https(kPlugin);
  EXPECT_FALSE(https.loaded());  // nothing loaded before the first https request
  auto response = post(https, {certs_.ca_cert, ""});
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "{\"got\":\"hi\"}");
  EXPECT_TRUE(https.loaded());
  response = post(https, {"", certs_.server_fingerprint});
  ASSERT_TRUE(response) << response.error().message;
  // Wrong CA, wrong pin: refused, through the same plugin.
  response = post(https, {certs_.other_ca_cert, ""});
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, "tls_failed");
  response = post(https, {"", std::string(64, 'a')});
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, "tls_failed");
  EXPECT_NE(response.error().message.find("does not match the pinned"), std::string::npos);
}

TEST_F(TlsPluginTest, PlainHttpNeverLoadsThePlugin) {
  PluginHttpsSender https(kPlugin);
  http::BeastHttpClient client(std::chrono::seconds(2), 1024, {}, https);
  auto response = client.send("http://127.0.0.1:1/x", {});
  EXPECT_FALSE(response);  // nothing listens there; the point is what got loaded
  EXPECT_FALSE(https.loaded());
}

TEST_F(TlsPluginTest, MissingOrWrongPluginIsAClearError) {
  PluginHttpsSender missing(dir_.file("no-such-plugin.so"));
  auto response = post(missing, {certs_.ca_cert, ""});
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, "tls_unavailable");
  EXPECT_NE(response.error().message.find("no-such-plugin.so"), std::string::npos);
  EXPECT_FALSE(missing.loaded());

  const std::string not_plugin = dir_.write("bogus.so", "not an ELF file");
  PluginHttpsSender bogus(not_plugin);
  response = post(bogus, {certs_.ca_cert, ""});
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, "tls_unavailable");
}

TEST(TlsPluginPathTest, DefaultPathIsNextToTheExecutable) {
  // The test binary sits in build/bin like steward-agent, so the default path is the
  // built plugin, as /usr/bin/steward-agent finds /usr/lib/steward-agent/.
  EXPECT_EQ(std::filesystem::weakly_canonical(defaultTlsPluginPath()),
            std::filesystem::weakly_canonical(kPlugin));
}

}  // namespace
}  // namespace steward::agent
