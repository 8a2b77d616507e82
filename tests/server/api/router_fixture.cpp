#include "tests/server/api/router_fixture.h"

#include <boost/json/parse.hpp>

namespace steward::server::testing {

void RouterTest::SetUp() {
  auto opened = SqliteAssetRepository::open(dir_.file("server.db"), clock_);
  ASSERT_TRUE(opened) << opened.error().message;
  repo_ = std::move(*opened);
  auto verifier = TokenVerifier::fromSha256Hex(sha256Hex(kToken));
  ASSERT_TRUE(verifier) << verifier.error().message;
  tokens_.emplace(*verifier);
  router_.emplace(*repo_, *tokens_);
}

http::HttpResponse RouterTest::get(const std::string& target) const {
  http::HttpRequest request;
  request.method = "GET";
  request.target = target;
  return router_->handle(request);
}

http::HttpResponse RouterTest::post(const std::string& target, const std::string& body,
                                    std::optional<std::string> token,
                                    const std::string& content_type) const {
  http::HttpRequest request;
  request.method = "POST";
  request.target = target;
  request.body = body;
  request.setHeader("Content-Type", content_type);
  if (token) request.setHeader("Authorization", "Bearer " + *token);
  return router_->handle(request);
}

std::int64_t RouterTest::assetCount() const {
  const auto response = get("/api/v1/assets");
  EXPECT_EQ(response.status, 200) << response.body;
  const auto json = parseJson(response);
  return json.is_object() ? json.at("total").to_number<std::int64_t>() : -1;
}

boost::json::value parseJson(const http::HttpResponse& response) {
  boost::system::error_code ec;
  auto value = boost::json::parse(response.body, ec);
  EXPECT_FALSE(ec) << "not JSON: " << response.body;
  return ec ? boost::json::value() : value;
}

std::string errorCode(const http::HttpResponse& response) {
  const auto json = parseJson(response);
  if (!json.is_object() || !json.as_object().contains("error")) return "";
  return std::string(json.at("error").at("code").as_string());
}

std::string errorMessage(const http::HttpResponse& response) {
  const auto json = parseJson(response);
  if (!json.is_object() || !json.as_object().contains("error")) return "";
  return std::string(json.at("error").at("message").as_string());
}

std::optional<std::string> headerOf(const http::HttpResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

}  // namespace steward::server::testing
