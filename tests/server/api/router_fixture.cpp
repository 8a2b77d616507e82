#include "tests/server/api/router_fixture.h"

#include <boost/json/parse.hpp>

#include "shared/common/id.h"

namespace steward::server::testing {

void RouterTest::SetUp() {
  auto opened = SqliteAssetRepository::open(dir_.file("server.db"), clock_);
  ASSERT_TRUE(opened) << opened.error().message;
  repo_ = std::move(*opened);
  auto verifier = TokenVerifier::fromSha256Hex(sha256Hex(kToken));
  ASSERT_TRUE(verifier) << verifier.error().message;
  tokens_.emplace(*verifier);
  router_.emplace(*repo_, *tokens_);
  auto users = auth::SqliteUserRepository::open(dir_.file("server.db"));
  ASSERT_TRUE(users) << users.error().message;
  users_ = std::move(*users);
  auth_.emplace(*users_, clock_);
  user_endpoints_.emplace(*auth_);
  router_->setAuthentication(&*auth_, &*user_endpoints_);
  admin_token_ = tokenFor("admin", auth::Role::Admin);
}

std::string RouterTest::tokenFor(const std::string& name, auth::Role role) {
  auto user = users_->getUser(name);
  if (!user) {
    auth::User fresh;
    fresh.id = newUuidV7(clock_);
    fresh.name = name;
    fresh.display_name = name;
    fresh.role = role;
    fresh.created_at = fresh.updated_at = formatRfc3339(clock_.now());
    user = users_->createUser(fresh, "no-password");
  }
  EXPECT_TRUE(user) << user.error().message;
  if (!user) return "";
  auto issued = auth_->issueToken(user->id, "test");
  EXPECT_TRUE(issued) << issued.error().message;
  return issued ? issued->second : "";
}

http::HttpResponse RouterTest::get(const std::string& target) const {
  return send("GET", target, "", admin_token_);
}

http::HttpResponse RouterTest::send(const std::string& method, const std::string& target,
                                    const std::string& body,
                                    std::optional<std::string> token) const {
  http::HttpRequest request;
  request.method = method;
  request.target = target;
  request.body = body;
  request.remote_address = "127.0.0.1";
  if (!body.empty()) request.setHeader("Content-Type", "application/json");
  if (token) request.setHeader("Authorization", "Bearer " + *token);
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
  request.remote_address = "127.0.0.1";
  if (token && *token == kToken && !target.starts_with("/api/v1/collector/")) {
    token = admin_token_;
  }
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
