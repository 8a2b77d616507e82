#include "collector/auth/agent_gate.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "collector/ingest/ingest_router.h"
#include "shared/http/tls.h"
#include "shared/wire/json_codec.h"
#include "tests/collector/sample_reports.h"

namespace steward::collector::auth {
namespace {

using http::HttpRequest;
using http::HttpResponse;
using testing::CollectorHarness;
using testing::laptopReport;
using testing::testId;

constexpr const char* kSiteToken = "site-token-for-tests";

class AgentGateTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(CredentialStore::prepare(harness_.db())); }

  HttpResponse send(const std::string& path, const std::string& body,
                    const std::string& authorization = "",
                    const std::string& remote = "192.0.2.10") {
    HttpRequest request;
    request.method = "POST";
    request.target = path;
    request.setHeader("Content-Type", "application/json");
    if (!authorization.empty()) request.setHeader("Authorization", authorization);
    request.body = body;
    request.remote_address = remote;
    return gate_.handle(request);
  }

  HttpResponse enroll(const std::string& agent_id, const std::string& token = kSiteToken,
                      const std::string& remote = "192.0.2.10") {
    return send(
        enroll::kEnrollPath,
        boost::json::serialize(boost::json::object{{"agent_id", agent_id}, {"token", token}}), "",
        remote);
  }

  // Enrolls `agent_id` and returns its "Bearer ..." header value.
  std::string bearerFor(const std::string& agent_id) {
    const HttpResponse r = enroll(agent_id);
    EXPECT_EQ(r.status, 200) << r.body;
    return "Bearer " + std::string(boost::json::parse(r.body).at("credential").as_string());
  }

  HttpResponse postInventory(const wire::InventoryReport& report, const std::string& bearer) {
    return send("/api/v1/agent/inventory", wire::encodeInventory(report), bearer);
  }

  static std::string errorCode(const HttpResponse& r) {
    return std::string(boost::json::parse(r.body).at("error").at("code").as_string());
  }

  CollectorHarness harness_;
  CredentialStore credentials_{harness_.db()};
  enroll::RateLimiter limiter_{harness_.clock, 5, std::chrono::seconds(60)};
  enroll::EnrollRouter enroll_{credentials_,
                               limiter_,
                               harness_.clock,
                               {http::sha256Hex("another-site"), http::sha256Hex(kSiteToken)}};
  ingest::IngestRouter router_{*harness_.service};
  // Wired as the collector does.
  AgentGate gate_{credentials_, enroll_,
                  [this](const HttpRequest& request) { return router_.handle(request); },
                  [this](const HttpRequest& request, const std::string& agent_id) {
                    return router_.inventoryOf(request, agent_id);
                  }};
};

TEST_F(AgentGateTest, EnrolledAgentDeliversItsInventory) {
  auto report = laptopReport();
  const std::string bearer = bearerFor(report.agent_id);
  const HttpResponse r = postInventory(report, bearer);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(harness_.assetCount(), 1);
}

TEST_F(AgentGateTest, CredentialIsTheAgentIdPlusARandomSecretStoredOnlyHashed) {
  const HttpResponse r = enroll(testId(1));
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string credential(boost::json::parse(r.body).at("credential").as_string());
  ASSERT_TRUE(credential.starts_with(testId(1) + "."));
  const std::string secret = credential.substr(testId(1).size() + 1);
  EXPECT_EQ(secret.size(), 64u);
  std::string stored;
  ASSERT_TRUE(harness_.db().read([&](steward::storage::SqliteDb& db) -> Result<void> {
    auto stmt = db.prepare("SELECT secret_sha256 FROM agent_credentials");
    if (!stmt) return stmt.error();
    if (auto row = stmt->step(); row && *row) stored = stmt->text(0);
    return {};
  }));
  EXPECT_EQ(stored, http::sha256Hex(secret));
}

TEST_F(AgentGateTest, ReportsWithoutAValidCredentialAre401AndStoreNothing) {
  auto report = laptopReport();
  (void)bearerFor(report.agent_id);
  for (const std::string& bad :
       {std::string(), std::string("Basic abc"), "Bearer " + report.agent_id,
        "Bearer " + report.agent_id + "." + std::string(64, '0'),
        std::string("Bearer garbage.x")}) {
    const HttpResponse r = postInventory(report, bad);
    EXPECT_EQ(r.status, 401) << bad;
    EXPECT_EQ(errorCode(r), "unauthenticated");
  }
  EXPECT_EQ(harness_.assetCount(), 0);
}

TEST_F(AgentGateTest, AgentCannotReportForAnotherAgent) {
  auto victim = laptopReport();
  const std::string victim_bearer = bearerFor(victim.agent_id);
  ASSERT_EQ(postInventory(victim, victim_bearer).status, 200);
  const auto outbox_before = harness_.outbox().size();

  const std::string attacker_bearer = bearerFor(testId(77));
  auto forged = laptopReport();
  forged.report_id = testId(78);
  forged.system.hostname = "forged";
  const HttpResponse r = postInventory(forged, attacker_bearer);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(errorCode(r), "agent_mismatch");
  // The victim's unchanged content under a new report id (answered without decoding
  // when it comes from the victim) is refused just the same.
  auto replayed = victim;
  replayed.report_id = testId(80);
  const HttpResponse replay = postInventory(replayed, attacker_bearer);
  EXPECT_EQ(replay.status, 403) << replay.body;
  EXPECT_EQ(errorCode(replay), "agent_mismatch");
  // Nor does a repeated agent_id (which the fast scan leaves to the gate's) get through.
  std::string twice = wire::encodeInventory(replayed);
  twice.insert(1, "\"agent_id\":\"" + testId(77) + "\",");
  EXPECT_EQ(send("/api/v1/agent/inventory", twice, attacker_bearer).status, 403);

  wire::Heartbeat beat;
  beat.heartbeat_id = testId(79);
  beat.agent_id = victim.agent_id;
  beat.sent_at = "2026-11-25T16:40:00.000Z";
  EXPECT_EQ(send("/api/v1/agent/heartbeat", wire::encodeHeartbeat(beat), attacker_bearer).status,
            403);
  EXPECT_EQ(harness_.assetCount(), 1);
  EXPECT_EQ(harness_.outbox().size(), outbox_before);
}

TEST_F(AgentGateTest, WrongTokenIsRefusedAndIssuesNothing) {
  const HttpResponse r = enroll(testId(1), "guess");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(errorCode(r), "invalid_enrollment_token");
  // The agent id stays free for a correct attempt.
  EXPECT_EQ(enroll(testId(1)).status, 200);
}

TEST_F(AgentGateTest, SecondEnrollmentOfTheSameAgentIdIsRefused) {
  ASSERT_EQ(enroll(testId(1)).status, 200);
  const HttpResponse again = enroll(testId(1));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(errorCode(again), "already_enrolled");
}

TEST_F(AgentGateTest, BadEnrollmentBodiesAre400) {
  EXPECT_EQ(send(enroll::kEnrollPath, "{not json").status, 400);
  EXPECT_EQ(send(enroll::kEnrollPath, R"({"agent_id":"x","token":"t"})").status, 400);
  EXPECT_EQ(send(enroll::kEnrollPath, R"({"agent_id":")" + testId(1) + R"("})").status, 400);
}

TEST_F(AgentGateTest, EnrollmentIsRateLimitedPerSourceAddress) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(enroll(testId(100 + i), "wrong").status, 403);
  const HttpResponse limited = enroll(testId(200));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(errorCode(limited), "rate_limited");
  bool has_retry_after = false;
  for (const auto& [name, value] : limited.headers) {
    if (name == "Retry-After") {
      has_retry_after = true;
      EXPECT_EQ(value, "60");
    }
  }
  EXPECT_TRUE(has_retry_after);
  // Another address is not affected; the limited one may try again after the window.
  EXPECT_EQ(enroll(testId(201), kSiteToken, "192.0.2.99").status, 200);
  harness_.clock.advance(std::chrono::seconds(60));
  EXPECT_EQ(enroll(testId(200)).status, 200);
}

TEST(EnrollDisabledTest, NoConfiguredTokenMeansNoEnrollment) {
  CollectorHarness harness;
  ASSERT_TRUE(CredentialStore::prepare(harness.db()));
  CredentialStore credentials(harness.db());
  enroll::RateLimiter limiter(harness.clock, 5, std::chrono::seconds(60));
  enroll::EnrollRouter router(credentials, limiter, harness.clock, {});
  HttpRequest request;
  request.method = "POST";
  request.target = enroll::kEnrollPath;
  request.setHeader("Content-Type", "application/json");
  request.body = R"({"agent_id":")" + testId(1) + R"(","token":"anything"})";
  EXPECT_EQ(router.handle(request).status, 403);
}

}  // namespace
}  // namespace steward::collector::auth
