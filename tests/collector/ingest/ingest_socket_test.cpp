// The real router behind the real HTTP server on loopback: the size limit is enforced
// before the router, with a JSON error and nothing stored.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "collector/ingest/ingest_router.h"
#include "shared/http/client.h"
#include "shared/http/server.h"
#include "shared/wire/json_codec.h"
#include "tests/collector/sample_reports.h"

namespace steward::collector::ingest {
namespace {

class IngestSocketTest : public ::testing::Test {
 protected:
  void SetUp() override {
    http::HttpServerOptions options;
    options.address = "127.0.0.1";
    options.port = 0;
    options.body_limit = 64 * 1024;
    server_ = std::make_unique<http::HttpServer>(
        options, [this](const http::HttpRequest& r) { return router_.handle(r); });
    auto port = server_->start();
    ASSERT_TRUE(port) << port.error().message;
    url_ = "http://127.0.0.1:" + std::to_string(*port) + "/api/v1/agent/inventory";
  }
  void TearDown() override { server_->stop(); }

  Result<http::HttpResponse> post(std::string body) {
    http::HttpRequest request;
    request.method = "POST";
    request.setHeader("Content-Type", "application/json");
    request.body = std::move(body);
    return client_.send(url_, request);
  }

  testing::CollectorHarness h_;
  IngestRouter router_{*h_.service};
  std::unique_ptr<http::HttpServer> server_;
  http::BeastHttpClient client_{std::chrono::seconds(10)};
  std::string url_;
};

TEST_F(IngestSocketTest, OversizedBodyIs413JsonAndStoresNothing) {
  auto report = testing::laptopReport();
  // A valid report padded past the limit: only the size is wrong.
  for (int i = 0; i < 2000; ++i)
    report.packages.push_back({"pkg" + std::to_string(i), "1.0", std::nullopt, "dpkg"});
  const std::string body = wire::encodeInventory(report);
  ASSERT_GT(body.size(), 64u * 1024);

  auto response = post(body);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(boost::json::parse(response->body).at("error").at("code").as_string(),
            "body_too_large");
  EXPECT_EQ(h_.assetCount(), 0);
  EXPECT_TRUE(h_.outbox().empty());
}

TEST_F(IngestSocketTest, ReportWithinTheLimitIsStoredOverTheSocket) {
  auto response = post(wire::encodeInventory(testing::laptopReport()));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200) << response->body;
  EXPECT_EQ(h_.assetCount(), 1);
}

}  // namespace
}  // namespace steward::collector::ingest
