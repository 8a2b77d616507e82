// HTTP Basic authentication on the OCS endpoint: what the agents' --user/--password
// must match, and that a refused request stores nothing.

#include "collector/ingest/ocs/ocs_basic_auth.h"

#include <Poco/Base64Encoder.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <fstream>
#include <sstream>

#include "collector/auth/password_hash.h"
#include "collector/ingest/ingest_router.h"
#include "collector/ingest/ocs/ocs_compression.h"
#include "collector/ingest/ocs/ocs_endpoint.h"
#include "tests/collector/sample_reports.h"
#include "tests/support/temp_dir.h"

namespace steward::collector::ingest::ocs {
namespace {

using http::HttpRequest;
using http::HttpResponse;

std::string basic(const std::string& user_and_password) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder << user_and_password;
  encoder.close();
  return "Basic " + out.str();
}

std::string fixture(const std::string& name) {
  std::ifstream in(::steward::testing::fixturesDir() + "/ocs/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class OcsBasicAuthTest : public ::testing::Test {
 protected:
  HttpResponse post(const std::string& authorization) {
    HttpRequest request;
    request.method = "POST";
    request.target = "/ocsinventory";
    request.remote_address = "192.0.2.10";
    request.setHeader("Content-Type", "application/x-compress-zlib");
    if (!authorization.empty()) request.setHeader("Authorization", authorization);
    request.body = zlibCompress(fixture("fusioninventory-2.6-debian12-vm.xml"));
    return router_.handle(request);
  }
  void expectRefused(const HttpResponse& r, const std::string& message_part) {
    EXPECT_EQ(r.status, 401) << r.body;
    ASSERT_EQ(r.headers.size(), 1u);
    EXPECT_EQ(r.headers[0].first, "WWW-Authenticate");
    EXPECT_EQ(r.headers[0].second, "Basic realm=\"Steward Test\"");
    auto error = boost::json::parse(r.body).at("error");
    EXPECT_EQ(error.at("code").as_string(), "unauthenticated");
    EXPECT_NE(std::string(error.at("message").as_string()).find(message_part), std::string::npos)
        << r.body;
    EXPECT_EQ(h_.assetCount(), 0);
    EXPECT_TRUE(h_.outbox().empty());
  }

  collector::testing::CollectorHarness h_;
  OcsBasicAuth auth_{
      OcsCredentials{"ocs-agent", auth::hashPassword("s3cret pass", 10000), "Steward Test"}};
  OcsEndpoint ocs_{*h_.service, h_.clock, OcsOptions{1024 * 1024, 24, &auth_}};
  IngestRouter router_{*h_.service, &ocs_};
};

TEST_F(OcsBasicAuthTest, RightCredentialsStoreTheInventory) {
  const HttpResponse r = post(basic("ocs-agent:s3cret pass"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(h_.assetCount(), 1);
  // Again, now from the verified-credentials cache.
  EXPECT_EQ(post(basic("ocs-agent:s3cret pass")).status, 200);
}

TEST_F(OcsBasicAuthTest, MissingCredentialsGet401WithTheRealm) {
  expectRefused(post(""), "--user and --password");
}

TEST_F(OcsBasicAuthTest, WrongPasswordOrUserChangesNothing) {
  expectRefused(post(basic("ocs-agent:s3cret pas")), "wrong user or password");
  expectRefused(post(basic("ocs-agent2:s3cret pass")), "wrong user or password");
  expectRefused(post(basic("ocs-agent:")), "wrong user or password");
  // A right login first must not let a wrong one through afterwards.
  ASSERT_EQ(post(basic("ocs-agent:s3cret pass")).status, 200);
  EXPECT_EQ(post(basic("ocs-agent:wrong")).status, 401);
}

TEST_F(OcsBasicAuthTest, MalformedAuthorizationHeadersGet401) {
  expectRefused(post("Bearer abc"), "Basic scheme");
  expectRefused(post("Basic !!!not-base64!!!"), "malformed");
  expectRefused(post(basic("no-colon-here")), "malformed");
  expectRefused(post("Basic " + std::string(5000, 'A')), "Basic scheme");
}

TEST(OcsDisabledTest, OcsPathsAre404WhenTheEndpointIsOff) {
  collector::testing::CollectorHarness h;
  IngestRouter router(*h.service, nullptr);
  for (const char* path : {"/ocsinventory", "/"}) {
    HttpRequest request;
    request.method = "POST";
    request.target = path;
    request.body = "x";
    const HttpResponse r = router.handle(request);
    EXPECT_EQ(r.status, 404);
    EXPECT_NE(r.body.find("ocs_disabled"), std::string::npos);
  }
  EXPECT_EQ(h.assetCount(), 0);
}

}  // namespace
}  // namespace steward::collector::ingest::ocs
