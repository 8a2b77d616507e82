#pragma once

// A Router over a real SQLite repository in a temp dir, plus request helpers, for
// tests that exercise the HTTP surface without sockets.

#include <gtest/gtest.h>

#include <boost/json/value.hpp>
#include <memory>
#include <optional>
#include <string>

#include "server/api/router.h"
#include "server/api/user_endpoints.h"
#include "server/auth/authenticator.h"
#include "server/auth/sqlite_user_repository.h"
#include "server/auth/token_verifier.h"
#include "server/storage/sqlite/sqlite_asset_repository.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace steward::server::testing {

inline constexpr const char* kToken = "collector-secret-token";

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // GETs `target` as the fixture's admin (an API token).
  http::HttpResponse get(const std::string& target) const;
  // POSTs `body` as JSON with `token`. The default, kToken, is the collector token on
  // /api/v1/collector/* and stands for the admin's API token everywhere else.
  http::HttpResponse post(const std::string& target, const std::string& body,
                          std::optional<std::string> token = std::string(kToken),
                          const std::string& content_type = "application/json") const;
  // Any method with an explicit bearer token (nullopt: none) and a JSON body.
  http::HttpResponse send(const std::string& method, const std::string& target,
                          const std::string& body, std::optional<std::string> token) const;
  // An API token for user `name` with `role`, creating the user when missing (with a
  // password nobody can type: these users log in by token only).
  std::string tokenFor(const std::string& name, auth::Role role);

  // The asset list's "total" as the API reports it.
  std::int64_t assetCount() const;

  steward::testing::TempDir dir_;
  steward::testing::FakeClock clock_;
  std::unique_ptr<SqliteAssetRepository> repo_;
  std::optional<TokenVerifier> tokens_;
  std::optional<Router> router_;
  std::unique_ptr<auth::SqliteUserRepository> users_;
  std::optional<auth::Authenticator> auth_;
  std::optional<UserEndpoints> user_endpoints_;
  std::string admin_token_;
};

// Parses a JSON response body (test failure and null when it is not JSON).
boost::json::value parseJson(const http::HttpResponse& response);
std::string errorCode(const http::HttpResponse& response);
std::string errorMessage(const http::HttpResponse& response);
std::optional<std::string> headerOf(const http::HttpResponse& response, const std::string& name);

}  // namespace steward::server::testing
