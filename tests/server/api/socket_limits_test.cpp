// The router behind the real HTTP server on loopback: the body limit is enforced
// before anything reaches the repository.

#include <gtest/gtest.h>

#include "shared/http/client.h"
#include "shared/http/server.h"
#include "shared/wire/json_codec.h"
#include "tests/server/api/router_fixture.h"
#include "tests/server/test_records.h"

namespace steward::server::testing {
namespace {

class SocketLimitsTest : public RouterTest {
 protected:
  void SetUp() override {
    RouterTest::SetUp();
    http::HttpServerOptions options;
    options.address = "127.0.0.1";
    options.port = 0;
    options.body_limit = kBodyLimit;
    server_ = std::make_unique<http::HttpServer>(
        options, [this](const http::HttpRequest& r) { return router_->handle(r); });
    auto port = server_->start();
    ASSERT_TRUE(port) << port.error().message;
    url_ = "http://127.0.0.1:" + std::to_string(*port) + "/api/v1/collector/assets";
  }
  void TearDown() override { server_->stop(); }

  Result<http::HttpResponse> send(const std::string& body) {
    http::BeastHttpClient client(std::chrono::seconds(10));
    http::HttpRequest request;
    request.method = "POST";
    request.setHeader("Content-Type", "application/json");
    request.setHeader("Authorization", std::string("Bearer ") + kToken);
    request.body = body;
    return client.send(url_, request);
  }

  static constexpr std::size_t kBodyLimit = 64 * 1024;
  std::unique_ptr<http::HttpServer> server_;
  std::string url_;
};

TEST_F(SocketLimitsTest, OversizedPostGets413AndStoresNothing) {
  auto record = sampleRecord();
  // A well-formed, authorised record that is simply too big.
  for (int i = 0; record.inventory.packages.size() < 2000; ++i) {
    record.inventory.packages.push_back({"package-" + std::to_string(i), "1.0", "amd64", "dpkg"});
  }
  const std::string body = wire::encodeAssetRecord(record);
  ASSERT_GT(body.size(), kBodyLimit);

  auto response = send(body);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(assetCount(), 0);

  // The same server accepts a record within the limit.
  auto small = send(wire::encodeAssetRecord(sampleRecord()));
  ASSERT_TRUE(small) << small.error().message;
  EXPECT_EQ(small->status, 200) << small->body;
  EXPECT_EQ(assetCount(), 1);
}

}  // namespace
}  // namespace steward::server::testing
