#include "agent/enrollment.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "agent/transport/collector_client.h"
#include "tests/agent/fake_http_client.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using ::steward::testing::TempDir;
using testing::FakeHttpClient;

const std::string kAgent = "0193a1b2-0000-7000-8000-000000000001";

TEST(EnrollmentTest, StoresTheIssuedCredentialPrivately) {
  TempDir dir;
  FakeHttpClient http;
  http.reply(200, R"({"agent_id":")" + kAgent + R"(","credential":")" + kAgent + R"(.s3cret"})");
  auto path = enrollAgent(http, "https://c:8481/", "site-token", kAgent, dir.path().string());
  ASSERT_TRUE(path) << path.error().message;
  EXPECT_EQ(*path, credentialPath(dir.path().string()));
  ASSERT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(http.requests[0].url, "https://c:8481/api/v1/agent/enroll");
  EXPECT_NE(http.requests[0].request.body.find("site-token"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat(path->c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto loaded = loadCredential(dir.path().string(), kAgent);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(*loaded, kAgent + ".s3cret");
}

TEST(EnrollmentTest, RefusalNamesTheReasonAndWritesNothing) {
  TempDir dir;
  FakeHttpClient http;
  http.reply(403, R"({"error":{"code":"invalid_enrollment_token","message":"token not valid"}})");
  auto path = enrollAgent(http, "https://c:8481", "wrong", kAgent, dir.path().string());
  ASSERT_FALSE(path);
  EXPECT_NE(path.error().message.find("token not valid"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(credentialPath(dir.path().string())));
  EXPECT_EQ(loadCredential(dir.path().string(), kAgent).error().code, "not_enrolled");
}

TEST(EnrollmentTest, CredentialForAnotherAgentIsNotUsed) {
  TempDir dir;
  dir.write("credential", "0193a1b2-0000-7000-8000-000000000002.x\n");
  EXPECT_EQ(loadCredential(dir.path().string(), kAgent).error().code, "state_corrupt");
}

TEST(EnrollmentTest, CollectorClientSendsTheCredentialWithEveryReport) {
  FakeHttpClient http;
  http.reply(200);
  CollectorClient client(http, "https://c:8481", kAgent + ".s3cret");
  wire::Heartbeat beat;
  beat.agent_id = kAgent;
  (void)client.sendHeartbeat(beat);
  ASSERT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(http.requests[0].request.header("authorization"), "Bearer " + kAgent + ".s3cret");
}

}  // namespace
}  // namespace steward::agent
